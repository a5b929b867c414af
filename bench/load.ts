import http from 'node:http';

/**
 * A small closed-loop load generator: each virtual user is one keep-alive connection that sends a
 * request, waits for the answer, and sends the next, until the time is up. Every latency is kept, so
 * percentiles are exact (autocannon's histogram has no p95).
 */

export interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A signed-in user of a server in another process: its cookie, CSRF token and own connection. */
export interface HttpUser {
  username: string;
  cookie: string;
  csrf: string;
  agent: http.Agent;
}

export function send(
  base: URL,
  user: Pick<HttpUser, 'cookie' | 'csrf' | 'agent'> | null,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        agent: user?.agent,
        headers: {
          ...(user ? { cookie: user.cookie, 'x-csrf-token': user.csrf } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${path}`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function signInHttp(base: URL, username: string, password: string): Promise<HttpUser> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const r = await send(base, null, 'POST', '/api/v1/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`sign-in of ${username} failed: ${r.status} ${r.body.slice(0, 300)}`);
  const setCookie = r.headers['set-cookie'] ?? [];
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = JSON.parse(r.body) as { csrfToken: string };
  return { username, cookie, csrf: csrfToken, agent };
}

export interface LoopResult {
  /** Latency in ms of every completed request, per label. */
  latencies: Map<string, number[]>;
  errors: number;
  firstError?: string;
  /** Seconds from start until the last request finished. */
  elapsed: number;
}

/**
 * Runs `users` loops for `seconds`: each calls `step(user, i)` (i = the user's request count) and
 * records its latency under the label it returns; a thrown error or a `false` ok counts as an error.
 * No request starts after the deadline; each request carries its own timeout, so this is bounded.
 * With `thinkMs`, each user pauses a random 0.5–1.5 × thinkMs after each answer, as a person reading a
 * page does (users start spread over one think time); without it, the loops measure capacity.
 */
export async function closedLoop<U>(
  users: U[],
  seconds: number,
  step: (user: U, i: number, userIndex: number) => Promise<{ label: string; ok: boolean; detail?: string }>,
  thinkMs = 0,
): Promise<LoopResult> {
  const think = (factor: number) =>
    thinkMs > 0 ? new Promise((res) => setTimeout(res, thinkMs * factor)) : Promise.resolve();
  const latencies = new Map<string, number[]>();
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    users.map(async (u, userIndex) => {
      await think(Math.random());
      for (let i = 0; performance.now() < deadline; i++) {
        if (i > 0) await think(0.5 + Math.random());
        if (performance.now() >= deadline) break;
        const t = performance.now();
        try {
          const r = await step(u, i, userIndex);
          const ms = performance.now() - t;
          if (!r.ok) {
            errors++;
            firstError ??= r.detail ?? r.label;
            continue;
          }
          const list = latencies.get(r.label);
          if (list) list.push(ms);
          else latencies.set(r.label, [ms]);
        } catch (e) {
          errors++;
          firstError ??= String(e);
          await new Promise((res) => setTimeout(res, 20));
        }
      }
    }),
  );
  return { latencies, errors, firstError, elapsed: (performance.now() - start) / 1000 };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function stats(list: number[]): Stats {
  const s = [...list].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? Number.NaN,
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms` : '–');
