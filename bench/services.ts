import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { sampleProcedureContent } from '../src/server/modules/services/fixtures.test-helpers.ts';
import { stop } from './documents.ts';
import { freshDatabase, machine, type Result, startProcess } from './lib.ts';
import { closedLoop, ms, send, signInHttp, stats } from './load.ts';
import { loadServices } from './services-data.ts';

/**
 * The public services benchmark (issue 18), applicants' side, on PostgreSQL with the demo province:
 * (a) online submissions from 50 concurrent clients, each uploading two 1 MB papers then submitting
 *     (dossiers/s, p95), every submission sent twice at once under the same idempotency key (a forced
 *     retry): the database must hold exactly one dossier per key;
 * then 200,000 more dossiers across 150 agencies are loaded (bench/services-data.ts), and with them:
 * (b) the public tracking page (POST /cong-khai/tra-cuu, code + secret) at 200 concurrent anonymous
 *     clients: p95 at a reader's pace (target ≤ 50 ms) and capacity with no pause, as a ratio to a
 *     bare Fastify route doing one PostgreSQL select in the same run;
 * (c) the province's monthly QĐ 766 figures (GET /api/v1/services/figures as the system
 *     administrator): p95 one request at a time and at 10 concurrent leaders (target ≤ 500 ms).
 */

function num(name: string, fallback: number): number {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
}

const DB = 'lienthong_bench_services';
const PASSWORD = 'Bench-password-2026';

interface Answer {
  status: number;
  body: string;
}

function call(
  base: URL,
  agent: http.Agent,
  method: string,
  p: string,
  body: Buffer | undefined,
  headers: Record<string, string | number>,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, method, path: p, agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`timeout: ${method} ${p}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A 1 MB PDF-looking paper, different each time (the blob store keeps every one). */
function paper(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n%'), randomBytes(1024 * 1024 - 32), Buffer.from('\n%%EOF\n')]);
}

function upload(base: URL, agent: http.Agent, bytes: Buffer, name: string) {
  const boundary = `----bench${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return call(base, agent, 'POST', '/api/v1/applicants/papers', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': body.length,
  });
}

const json = (v: unknown) => {
  const b = Buffer.from(JSON.stringify(v));
  return { b, h: { 'content-type': 'application/json', 'content-length': b.length } };
};

export async function benchServices(): Promise<Result[]> {
  const o = {
    seconds: num('BENCH_SERVICES_SECONDS', 10),
    submitters: num('BENCH_SERVICES_SUBMITTERS', 50),
    clients: num('BENCH_SERVICES_CLIENTS', 200),
    thinkMs: num('BENCH_SERVICES_THINK_MS', 1000),
  };
  const url = await freshDatabase(DB);
  const bin = path.resolve('bin/lienthong.js');
  const env = {
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    DATABASE_POOL_SIZE: '10',
    // Every load client is 127.0.0.1: the anonymous rate limit would stop the benchmark, not a reader.
    PUBLIC_RATE_PER_MINUTE: '1000000000',
    LOGIN_RATE_PER_MINUTE: '1000',
    DEMO_PASSWORD: PASSWORD,
    UPLOAD_MAX_BYTES: String(11 * 1024 * 1024),
  };
  const seed = spawnSync(process.execPath, [bin, 'seed-demo'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(seed.stderr);

  // One full-online procedure of a demo agency (the catalogue's own shape, as the tests use).
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const agency = (
    await db.query(
      `SELECT id, agency_code FROM agencies WHERE agency_code IS NOT NULL AND status = 'active' ORDER BY sort_order LIMIT 1`,
    )
  ).rows[0] as { id: string; agency_code: string };
  const content = sampleProcedureContent(agency.agency_code);
  const procId = randomUUID();
  await db.query(
    `INSERT INTO service_procedures (id, code, name, field, level, online_level, processing_days)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      procId,
      content.code,
      content.name,
      content.field,
      content.level,
      content.onlineLevel,
      content.processingDays,
    ],
  );
  await db.query(
    `INSERT INTO service_procedure_versions (procedure_id, version, content) VALUES ($1, 1, $2)`,
    [procId, JSON.stringify(content)],
  );
  await db.query(`INSERT INTO service_procedure_agencies (procedure_id, agency_id) VALUES ($1, $2)`, [
    procId,
    agency.id,
  ]);
  const bareId = (await db.query(`SELECT id FROM people ORDER BY username LIMIT 1`)).rows[0].id as string;

  const real = await startProcess(
    [bin, 'serve'],
    { ...env, PORT: '3931', HOST: '127.0.0.1' },
    /(http:\/\/127\.0\.0\.1:\d+)/,
  );
  const bare = await startProcess(
    ['--import', 'tsx', path.resolve('bench/bare-server.ts')],
    { ...env, PORT: '3932', PERSON_ID: bareId },
    /(http:\/\/127\.0\.0\.1:\d+)/,
  );
  const base = new URL('http://127.0.0.1:3931');
  try {
    const form = {
      businessName: 'Karaoke Hoa Sen',
      idNumber: '001203004005',
      rooms: 4,
      kind: 'ho',
      address: { province: 'Thành phố Hà Nội', commune: 'Phường Ba Đình', street: '12 Phố Huế' },
    };
    const keys = new Set<string>();
    const tracked: { code: string; secret: string }[] = [];
    let retriesAnswered = 0;
    let retryMismatch = 0;
    const submitOnce = async (agent: http.Agent, retryAgent: http.Agent) => {
      const [a, b] = await Promise.all([
        upload(base, agent, paper(), 'don.pdf'),
        upload(base, retryAgent, paper(), 'gcn.pdf'),
      ]);
      if (a.status !== 201 || b.status !== 201)
        return { ok: false, detail: `upload ${a.status} ${a.body.slice(0, 200)}` };
      const key = randomUUID();
      keys.add(key);
      const body = json({
        procedureCode: content.code,
        agencyId: agency.id,
        idempotencyKey: key,
        applicant: { fullName: 'Người nộp thử', kind: 'citizen', email: `nop${keys.size % 500}@bench.test` },
        form,
        papers: [
          { paperKey: 'don', sha256: JSON.parse(a.body).sha256, fileName: 'don.pdf' },
          { paperKey: 'gcn', sha256: JSON.parse(b.body).sha256, fileName: 'gcn.pdf' },
        ],
      });
      // The same submission twice at once (a double click, a retry after a lost answer).
      const [x, y] = await Promise.all([
        call(base, agent, 'POST', '/api/v1/applicants/dossiers', body.b, body.h),
        call(base, retryAgent, 'POST', '/api/v1/applicants/dossiers', body.b, body.h),
      ]);
      if (![x.status, y.status].every((s) => s === 200 || s === 201))
        return { ok: false, detail: `submit ${x.status}/${y.status} ${x.body.slice(0, 200)}` };
      const rx = JSON.parse(x.body);
      const ry = JSON.parse(y.body);
      retriesAnswered++;
      if (rx.code !== ry.code || rx.created === ry.created) retryMismatch++;
      if (tracked.length < 5000) tracked.push({ code: rx.code, secret: rx.secret });
      return { ok: true };
    };
    const submitters = Array.from({ length: o.submitters }, () => ({
      a: new http.Agent({ keepAlive: true, maxSockets: 1 }),
      b: new http.Agent({ keepAlive: true, maxSockets: 1 }),
    }));
    await closedLoop(submitters.slice(0, 5), 2, async (u) => ({
      label: 'warm',
      ...(await submitOnce(u.a, u.b)),
    }));
    const before = Number((await db.query('SELECT count(*)::int AS n FROM service_dossiers')).rows[0].n);
    const keysBefore = keys.size;
    const sub = await closedLoop(submitters, o.seconds * 2, async (u) => ({
      label: 'submit',
      ...(await submitOnce(u.a, u.b)),
    }));
    const after = Number((await db.query('SELECT count(*)::int AS n FROM service_dossiers')).rows[0].n);
    const dupRows = Number(
      (
        await db.query(
          `SELECT count(*)::int AS n FROM (SELECT idempotency_key FROM service_dossiers WHERE idempotency_key IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d`,
        )
      ).rows[0].n,
    );
    const made = after - before;
    const submittedKeys = keys.size - keysBefore;
    const duplicates = made - submittedKeys + dupRows;
    const s = stats(sub.latencies.get('submit') ?? []);

    // The volume: 200,000 dossiers across 150 agencies, before tracking and figures are measured.
    const data = await loadServices(db, {
      procedureId: procId,
      dossiers: num('BENCH_SERVICES_DOSSIERS', 200_000),
      agencies: num('BENCH_SERVICES_AGENCIES', 150),
    });

    // (b) tracking.
    const trackBody = (i: number) => {
      const t = tracked[i % tracked.length]!;
      return new URLSearchParams({ ma: t.code, bi_mat: t.secret }).toString();
    };
    const first = await fetch(`${base.origin}/cong-khai/tra-cuu`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: trackBody(0),
    });
    if (first.status !== 200)
      throw new Error(`tracking answered ${first.status}: ${(await first.text()).slice(0, 300)}`);
    const pageBytes = (await first.arrayBuffer()).byteLength;
    const cannon = (u: string, post: boolean, seconds = o.seconds) =>
      autocannon({
        url: u,
        connections: o.clients,
        duration: seconds,
        ...(post
          ? {
              method: 'POST' as const,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: trackBody(1),
            }
          : {}),
      });
    await cannon(`${base.origin}/cong-khai/tra-cuu`, true, 3);
    await cannon('http://127.0.0.1:3932/bare', false, 3);
    const bareRun = await cannon('http://127.0.0.1:3932/bare', false);
    const capRun = await cannon(`${base.origin}/cong-khai/tra-cuu`, true);
    if (capRun.non2xx > 0) throw new Error(`tracking: ${capRun.non2xx} non-2xx answers`);
    const anon = Array.from({ length: o.clients }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    const paced = await closedLoop(
      anon,
      o.seconds * 2,
      async (agent, i, k) => {
        const b = Buffer.from(trackBody(i * 31 + k));
        const r = await call(base, agent, 'POST', '/cong-khai/tra-cuu', b, {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': b.length,
        });
        return { label: 'track', ok: r.status === 200, detail: `track ${r.status}` };
      },
      o.thinkMs,
    );
    const tr = stats(paced.latencies.get('track') ?? []);
    const ratio = capRun.requests.average / bareRun.requests.average;

    // (c) the province's monthly figures, as the system administrator.
    const figuresPath = `/api/v1/services/figures?period=month&year=${data.year}&month=${data.month}`;
    const leader = await signInHttp(base, 'quantri', PASSWORD);
    const check = await send(base, leader, 'GET', figuresPath);
    if (check.status !== 200)
      throw new Error(`figures answered ${check.status}: ${check.body.slice(0, 300)}`);
    const received = (JSON.parse(check.body) as { items: { key: string; numerator: number }[] }).items.find(
      (f) => f.key === 'received',
    )?.numerator;
    const one = await closedLoop([leader], Math.max(5, o.seconds), async (u) => {
      const r = await send(base, u, 'GET', figuresPath);
      return { label: 'figures', ok: r.status === 200, detail: `figures ${r.status}` };
    });
    const leaders = await Promise.all(
      Array.from({ length: 10 }, () => signInHttp(base, 'quantri', PASSWORD)),
    );
    const ten = await closedLoop(leaders, Math.max(5, o.seconds), async (u, i, k) => {
      const m = 1 + ((i + k) % 12);
      const r = await send(
        base,
        u,
        'GET',
        `/api/v1/services/figures?period=month&year=${data.year}&month=${m}`,
      );
      return { label: 'figures', ok: r.status === 200, detail: `figures ${r.status}` };
    });
    const f1 = stats(one.latencies.get('figures') ?? []);
    const f10 = stats(ten.latencies.get('figures') ?? []);
    await db.end();
    return [
      {
        title: `Services (a): online submissions, ${o.submitters} concurrent clients, two 1 MB papers each, every submission sent twice at once, PostgreSQL`,
        machine: machine(),
        header: ['submissions', 'dossiers/s', 'p50', 'p95', 'p99', 'errors', 'dossiers made', 'duplicates'],
        rows: [
          [
            String(s.n),
            (made / sub.elapsed).toFixed(1),
            ms(s.p50),
            ms(s.p95),
            ms(s.p99),
            String(sub.errors),
            String(made),
            String(duplicates),
          ],
        ],
        verdict: `0 duplicates under forced retries: ${duplicates === 0 && retryMismatch === 0 ? 'MET' : 'NOT MET'}`,
        notes: [
          `Each submission: two uploads of 1 MB (multipart, sniffed, hashed, stored) at once, then POST /api/v1/applicants/dossiers twice at once under the same key; latency is the whole of it. ${retriesAnswered} pairs answered, ${retryMismatch} pairs disagreeing (both must name the same dossier, one created:true).${sub.firstError ? ` First error: ${sub.firstError}.` : ''}`,
        ],
      },
      {
        title: `Services (c): the province's monthly QĐ 766 figures over ${data.dossiers.toLocaleString('en')} dossiers of ${data.agencies} agencies, PostgreSQL`,
        machine: machine(),
        header: ['clients', 'requests', 'p50', 'p95', 'p99', 'errors'],
        rows: [
          ['1', String(f1.n), ms(f1.p50), ms(f1.p95), ms(f1.p99), String(one.errors)],
          ['10 (months 1–12)', String(f10.n), ms(f10.p50), ms(f10.p95), ms(f10.p99), String(ten.errors)],
        ],
        verdict: `province monthly figures p95 ${ms(f1.p95)} alone, ${ms(f10.p95)} at 10 clients (target ≤ 500 ms) ${f1.p95 <= 500 ? 'MET' : 'NOT MET'}`,
        notes: [
          `Loaded in ${data.loadSeconds.toFixed(1)} s with generate_series (bench/services-data.ts); month ${data.month}/${data.year} counts ${received} dossiers received. One aggregate statement with a FILTER per figure (services/figures/compute.ts).`,
        ],
      },
      {
        title: `Services (b): public tracking POST /cong-khai/tra-cuu (code + secret), ${o.clients} anonymous clients, ${data.dossiers.toLocaleString('en')} dossiers loaded, PostgreSQL`,
        machine: machine(),
        header: [
          'route',
          'size',
          'req/s (no pause)',
          '÷ bare',
          'p50 (paced)',
          'p95 (paced)',
          'p99 (paced)',
          'n',
        ],
        rows: [
          [
            'bare Fastify + 1 pg select (the ceiling)',
            '–',
            bareRun.requests.average.toFixed(0),
            '1.00',
            '–',
            '–',
            '–',
            '–',
          ],
          [
            'POST /cong-khai/tra-cuu',
            `${(pageBytes / 1024).toFixed(1)} KiB`,
            capRun.requests.average.toFixed(0),
            ratio.toFixed(2),
            ms(tr.p50),
            ms(tr.p95),
            ms(tr.p99),
            String(tr.n),
          ],
        ],
        verdict: `tracking p95 ${ms(tr.p95)} (target ≤ 50 ms) ${tr.p95 <= 50 ? 'MET' : 'NOT MET'}; ratio to the ceiling ${ratio.toFixed(2)}`,
        notes: [
          `Paced: ${o.clients} clients, each its own keep-alive connection, think time 0.5–1.5 × ${o.thinkMs} ms, over ${tracked.length} dossiers made in (a); errors ${paced.errors}${paced.firstError ? ` (first: ${paced.firstError})` : ''}. Capacity: autocannon, ${o.clients} connections, ${o.seconds} s.`,
        ],
      },
    ];
  } finally {
    await stop(real.child);
    await stop(bare.child);
  }
}
