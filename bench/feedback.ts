import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.ts';
import { identityKey, sealIdentity } from '../src/server/modules/feedback/identity.ts';
import { issueFormToken } from '../src/server/modules/feedback/public.ts';
import { listRegister } from '../src/server/modules/feedback/view.ts';
import { secretKey } from '../src/server/platform/crypto/index.ts';
import { registerQuerySchema } from '../src/shared/feedback/api.ts';
import { backendPids, type CpuReport, cpuMeter, pct, waitForQuiet } from './cpu.ts';
import { stop } from './documents.ts';
import { type FeedbackData, loadFeedback, WORDS } from './feedback-data.ts';
import { freshDatabase, machine, type Result, startProcess } from './lib.ts';
import { closedLoop, type HttpUser, ms, send, signInHttp, stats } from './load.ts';

/**
 * The feedback benchmark (issue 19), on PostgreSQL with the demo province:
 * (a) the public form POST /cong-khai/phan-anh (multipart) at an offered load of
 *     BENCH_FEEDBACK_RATE (500) submissions per second for BENCH_FEEDBACK_SECONDS (60), open loop:
 *     each submission leaves at its scheduled instant whether or not earlier ones were answered
 *     (latency counted from that instant), spread over the demo's agencies, a share with a small PDF
 *     attached, and 5 % sent twice at once with the same form token (a forced retry). Afterwards
 *     the database must hold exactly one item per token answered, with the code each answer gave:
 *     accepted/s, p50/p95/p99, errors, lost, duplicated; the ratio to a bare Fastify route with one
 *     PostgreSQL select in the same run;
 * (b) then 100,000 items are loaded into Sở Nội vụ's register (bench/feedback-data.ts) and 50
 *     signed-in clerks of it read GET /api/v1/feedback/register (no filter and its next two pages,
 *     open, complaints, overdue, a word search) at a reader's pace (target p95 ≤ 100 ms), then with
 *     no pause (capacity); each query's plan goes to bench/results/feedback-explain.md.
 */

function num(name: string, fallback: number): number {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
}

const log = (m: string) => process.stderr.write(`[feedback] ${m}\n`);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const fmt = (n: number) => n.toLocaleString('en');

const DB = 'lienthong_bench_feedback';
const PASSWORD = 'Bench-password-2026';
const CLERK = 'vanthu.snv';
const KINDS = ['regulation', 'complaint', 'denunciation', 'proposal'] as const;

interface Submission {
  k: number;
  nonce: string;
  body: Buffer;
  boundary: string;
  retried: boolean;
}

interface Answer {
  status: number;
  code?: string;
  ms: number;
  error?: string;
}

/** The nonce a form token carries (its body is base64url JSON { t, n }). */
function nonceOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { n: string })
    .n;
}

/** A small PDF-looking attachment, different each time (the blob store keeps every one). */
function attachment(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n%'), randomBytes(8 * 1024), Buffer.from('\n%%EOF\n')]);
}

function multipart(fields: [string, string][], file?: Buffer): { body: Buffer; boundary: string } {
  const boundary = `----benchfb${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = fields.map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="tep"; filename="don.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), boundary };
}

function submission(token: string, k: number, agencyId: string, withFile: boolean, retried: boolean) {
  const kind = KINDS[k % KINDS.length]!;
  const { body, boundary } = multipart(
    [
      ['token', token],
      ['loai', kind],
      ['co_quan', agencyId],
      ['nguoi_gui', 'citizen'],
      ['ho_ten', `Nguyễn Văn Thử ${k}`],
      ['dia_chi', `${1 + (k % 200)} Phố Huế, Phường Ba Đình`],
      ['dien_thoai', `09${String(10_000_000 + k).slice(-8)}`],
      ['email', ''],
      ['tieu_de', `Phản ánh về việc cấp giấy phép xây dựng số ${k}`],
      [
        'noi_dung',
        'Gia đình tôi đã nộp hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ từ nhiều tháng trước nhưng đến nay chưa nhận được kết quả. Kính đề nghị cơ quan xem xét, giải quyết và trả lời bằng văn bản.',
      ],
      ['linh_vuc', 'Xây dựng'],
      ['cong_khai', '1'],
    ],
    withFile ? attachment() : undefined,
  );
  return { k, nonce: nonceOf(token), body, boundary, retried } satisfies Submission;
}

function post(base: URL, agent: http.Agent, s: Submission, from: number): Promise<Answer> {
  return new Promise((resolve) => {
    const done = (a: Omit<Answer, 'ms'>) => resolve({ ...a, ms: performance.now() - from });
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path: '/cong-khai/phan-anh',
        agent,
        headers: {
          'content-type': `multipart/form-data; boundary=${s.boundary}`,
          'content-length': s.body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          const code = text.match(/Mã đơn thư: ([A-Z0-9.]+-PA-\d{6}-\d+)/)?.[1];
          const alert = text.match(/role="alert"><p>(.*?)<\/p>/s)?.[1]?.replace(/<[^>]+>/g, '');
          done({
            status,
            code,
            error: status === 200 || status === 201 ? undefined : `${status} ${alert ?? ''}`,
          });
        });
        res.on('error', (e) => done({ status: 0, error: String(e) }));
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error('timeout after 120 s')));
    req.on('error', (e) => done({ status: 0, error: String(e) }));
    req.end(s.body);
  });
}

interface OpenLoopResult {
  offered: number;
  /** Arrivals not sent because maxInFlight requests were already waiting (the server was saturated). */
  shed: number;
  /** Submissions (distinct tokens) sent, and posts (retries included). */
  sent: Submission[];
  posts: number;
  answers: Map<number, Answer[]>;
  /** Seconds from the first scheduled arrival to the last answer, and of the schedule alone. */
  elapsed: number;
  window: number;
  /** How late the generator sent (ms behind schedule), p99 and max: its own lag is in the latencies. */
  lagP99: number;
  lagMax: number;
}

/**
 * Open loop: submission k is due at start + k / rate; it is sent then (a share twice at once), its
 * latency counted from the due instant, whatever earlier ones are doing. When maxInFlight posts are
 * already waiting, the arrival is shed (counted, never sent) so a saturated server does not turn the
 * schedule into an ever-growing queue.
 */
async function openLoop(o: {
  rate: number;
  seconds: number;
  maxInFlight: number;
  make: (k: number) => Submission;
  send: (s: Submission, due: number) => Promise<Answer>;
}): Promise<OpenLoopResult> {
  const total = Math.round(o.rate * o.seconds);
  const interval = 1000 / o.rate;
  const answers = new Map<number, Answer[]>();
  const sent: Submission[] = [];
  const pending: Promise<void>[] = [];
  const lags: number[] = [];
  let inFlight = 0;
  let shed = 0;
  let posts = 0;
  let lastAnswer = 0;
  const start = performance.now();
  for (let k = 0; k < total; k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (inFlight >= o.maxInFlight) {
      shed++;
      continue;
    }
    lags.push(Math.max(0, performance.now() - due));
    const s = o.make(k);
    sent.push(s);
    const copies = s.retried ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      inFlight++;
      posts++;
      pending.push(
        o.send(s, due).then((a) => {
          inFlight--;
          lastAnswer = performance.now();
          const list = answers.get(s.k);
          if (list) list.push(a);
          else answers.set(s.k, [a]);
        }),
      );
    }
  }
  const window = (performance.now() - start) / 1000;
  await Promise.all(pending);
  const lag = stats(lags);
  return {
    offered: total,
    shed,
    sent,
    posts,
    answers,
    elapsed: (Math.max(lastAnswer, start) - start) / 1000,
    window,
    lagP99: lag.p99,
    lagMax: lag.max,
  };
}

interface ReadUser extends HttpUser {
  /** The nextCursor of the user's last unfiltered page (its next two pages follow it). */
  next: string | null;
}

/** The register requests of the mix, in each user's order (a user starts at its own place). */
const STEPS = ['all', 'all p2', 'all p3', 'open', 'complaint', 'overdue', 'q'] as const;
type Step = (typeof STEPS)[number];
/** BENCH_FEEDBACK_MIX: the steps each clerk cycles through (default all of STEPS, in that order). */
const MIX: Step[] = (process.env.BENCH_FEEDBACK_MIX ?? STEPS.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is Step => {
    if (!(STEPS as readonly string[]).includes(s)) throw new Error(`BENCH_FEEDBACK_MIX: unknown step ${s}`);
    return true;
  });

function registerPath(step: Step, u: ReadUser, n: number): string {
  const base = '/api/v1/feedback/register';
  switch (step) {
    case 'all':
      return base;
    case 'all p2':
    case 'all p3':
      return u.next ? `${base}?${new URLSearchParams({ cursor: u.next })}` : base;
    case 'open':
      return `${base}?status=open`;
    case 'complaint':
      return `${base}?kind=complaint`;
    case 'overdue':
      return `${base}?due=overdue`;
    case 'q':
      return `${base}?${new URLSearchParams({ q: WORDS[n % WORDS.length]! })}`;
  }
}

async function readRegister(base: URL, u: ReadUser, i: number, userIndex: number) {
  let step = MIX[(i + userIndex) % MIX.length]!;
  // A user that starts on a next page has no cursor yet: that request is a first page.
  if ((step === 'all p2' || step === 'all p3') && !u.next) step = 'all';
  const p = registerPath(step, u, Math.floor((i + userIndex) / MIX.length) + userIndex);
  const r = await send(base, u, 'GET', p);
  if (r.status !== 200) return { label: step, ok: false, detail: `${p} ${r.status} ${r.body.slice(0, 200)}` };
  const page = JSON.parse(r.body) as { items: unknown[]; nextCursor: string | null };
  // 'all' and its next pages follow the cursor the previous page answered.
  u.next = step === 'all' || step === 'all p2' ? page.nextCursor : null;
  return { label: step, ok: page.items.length > 0 || step === 'overdue', detail: `${p}: empty page` };
}

interface Options {
  parts: Set<string>;
  rate: number;
  seconds: number;
  retryShare: number;
  fileShare: number;
  maxInFlight: number;
  items: number;
  users: number;
  readSeconds: number;
  capacitySeconds: number;
  thinkMs: number;
  sustainedSeconds: number;
  quietWait: number;
}

interface Ctx {
  o: Options;
  db: pg.Client;
  base: URL;
  dataDir: string;
  /** Starts CPU accounting (this process, the server, the bench database's backends). */
  meter: () => Promise<() => Promise<CpuReport>>;
}

/** CPU per request in ms (server · db · client) and the share of the machine other work took. */
function cpuText(c: CpuReport, requests: number): string {
  const per = (g: string) => (((c.groups[g] ?? 0) * 1000) / Math.max(1, requests)).toFixed(2);
  return `${per('server')} · ${per('db')} · ${per('client')} ms`;
}
const otherWork = (c: CpuReport) => `${pct(c.foreignShare)} (machine ${pct(c.machineBusy)} busy)`;

export async function benchFeedback(): Promise<Result[]> {
  const o: Options = {
    parts: new Set(
      (process.env.BENCH_FEEDBACK_PARTS ?? 'submit,register,explain').split(',').map((s) => s.trim()),
    ),
    rate: num('BENCH_FEEDBACK_RATE', 500),
    seconds: num('BENCH_FEEDBACK_SECONDS', 60),
    retryShare: num('BENCH_FEEDBACK_RETRY_SHARE', 0.05),
    fileShare: num('BENCH_FEEDBACK_FILE_SHARE', 0.1),
    maxInFlight: num('BENCH_FEEDBACK_MAX_INFLIGHT', 1000),
    items: num('BENCH_FEEDBACK_ITEMS', 100_000),
    users: num('BENCH_FEEDBACK_USERS', 50),
    readSeconds: num('BENCH_FEEDBACK_READ_SECONDS', 30),
    capacitySeconds: num('BENCH_FEEDBACK_CAPACITY_SECONDS', 10),
    thinkMs: num('BENCH_FEEDBACK_THINK_MS', 1000),
    sustainedSeconds: num('BENCH_FEEDBACK_SUSTAINED_SECONDS', 20),
    quietWait: num('BENCH_QUIET_WAIT', 15),
  };
  const url = await freshDatabase(DB);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-feedback-'));
  const bin = path.resolve('bin/lienthong.js');
  const env = {
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    DATABASE_POOL_SIZE: '10',
    // Every load client is 127.0.0.1: the per-address limits would stop the benchmark, not a citizen.
    PUBLIC_RATE_PER_MINUTE: '1000000000',
    FEEDBACK_SUBMITS_PER_MINUTE: '1000000000',
    LOGIN_RATE_PER_MINUTE: '1000',
    DEMO_PASSWORD: PASSWORD,
  };
  log('seeding the demo province…');
  const seed = spawnSync(process.execPath, [bin, 'seed-demo'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(seed.stderr);

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const bareId = (await db.query(`SELECT id FROM people ORDER BY username LIMIT 1`)).rows[0].id as string;
  const real = await startProcess(
    [bin, 'serve'],
    { ...env, PORT: '3951', HOST: '127.0.0.1' },
    /(http:\/\/127\.0\.0\.1:\d+)/,
  );
  const bare = await startProcess(
    ['--import', 'tsx', path.resolve('bench/bare-server.ts')],
    { ...env, PORT: '3952', PERSON_ID: bareId },
    /(http:\/\/127\.0\.0\.1:\d+)/,
  );
  const meter = () =>
    cpuMeter(async () => ({
      client: [process.pid],
      server: real.child.pid ? [real.child.pid] : [],
      db: await backendPids(async (t, p) => (await db.query(t, p)).rows, [DB]),
    }));
  const ctx: Ctx = { o, db, base: new URL('http://127.0.0.1:3951'), dataDir, meter };
  const out: Result[] = [];
  try {
    if (o.parts.has('submit')) out.push(await submitPart(ctx));
    if (o.parts.has('register') || o.parts.has('explain')) {
      const { agencyId, data } = await loadRegister(ctx);
      if (o.parts.has('register')) out.push(await registerPart(ctx, agencyId, data));
      if (o.parts.has('explain')) out.push(await explainRegister(url, agencyId, dataDir));
    }
    return out;
  } finally {
    await db.end();
    await stop(real.child);
    await stop(bare.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** (a) The public form at an offered rate, open loop, then the database checked. */
async function submitPart({ o, db, base, dataDir, meter }: Ctx): Promise<Result> {
  // The form as a citizen opens it: its agencies, and one real token (posted after the run, when
  // it is old enough, to show the server takes the tokens the page gives).
  const page = await fetch(`${base.origin}/cong-khai/phan-anh`);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`form page answered ${page.status}`);
  const select = html.match(/<select id="co_quan"[\s\S]*?<\/select>/)?.[0] ?? '';
  const agencies = [...select.matchAll(/value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  const pageToken = html.match(/name="token" value="([^"]+)"/)?.[1];
  if (agencies.length === 0 || !pageToken) throw new Error('form page: no agencies or no token');
  // The server's own key (DATA_DIR/feedback-form.key): tokens made here are the page's tokens,
  // dated 10 s back so each is past FEEDBACK_MIN_FILL_MS.
  const formKey = secretKey(process.env.FEEDBACK_FORM_KEY, dataDir, 'feedback-form.key');
  const retryEvery = o.retryShare > 0 ? Math.round(1 / o.retryShare) : 0;
  const fileEvery = o.fileShare > 0 ? Math.round(1 / o.fileShare) : 0;
  const make = (k: number) =>
    submission(
      issueFormToken(formKey, Date.now() - 10_000),
      k,
      agencies[(k * 7) % agencies.length]!,
      fileEvery > 0 && k % fileEvery === 3,
      retryEvery > 0 && k % retryEvery === 1,
    );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const countItems = async () =>
    Number((await db.query('SELECT count(*)::int AS n FROM feedback_items')).rows[0].n);
  const phase = async (rate: number, seconds: number, firstK: number) => {
    await quiet(o, `${rate} submissions/s`);
    const endCpu = await meter();
    const run = await openLoop({
      rate,
      seconds,
      maxInFlight: o.maxInFlight,
      make: (k) => make(firstK + k),
      send: (s, due) => post(base, agent, s, due),
    });
    return { rate, seconds, run, cpu: await endCpu() };
  };

  // The ceiling first, on the fresh database (after the runs, autovacuum and the checkpoint of
  // thousands of new items would lower it).
  log('the bare route (ceiling)…');
  await quiet(o, 'the bare route');
  const cannon = (u: string, seconds: number) => autocannon({ url: u, connections: 50, duration: seconds });
  await cannon('http://127.0.0.1:3952/bare', 3);
  const bareRun = await cannon('http://127.0.0.1:3952/bare', 10);
  log(`warming up (3 s at ${Math.min(o.rate, 50)}/s)…`);
  await openLoop({
    rate: Math.min(o.rate, 50),
    seconds: 3,
    maxInFlight: o.maxInFlight,
    make: (k) => make(10_000_000 + k),
    send: (s, due) => post(base, agent, s, due),
  });
  const before = await countItems();
  log(`offering ${o.rate} submissions/s for ${o.seconds} s (open loop)…`);
  const phases = [await phase(o.rate, o.seconds, 0)];
  const createdIn = (r: OpenLoopResult) =>
    [...r.answers.values()].flat().filter((a) => a.status === 201).length / r.elapsed;
  const reached = createdIn(phases[0]!.run);
  // Saturated: the latency a citizen sees at a rate the server keeps up with, 80 % of what it reached.
  if (o.sustainedSeconds > 0 && reached < o.rate * 0.98) {
    const rate = Math.max(1, Math.floor(reached * 0.8));
    log(`… reached ${reached.toFixed(1)}/s; now ${rate}/s for ${o.sustainedSeconds} s…`);
    phases.push(await phase(rate, o.sustainedSeconds, 5_000_000));
  }
  // A post with no answer (a timeout, a reset) is sent again with its token, as a citizen would.
  let resent = 0;
  for (const { run } of phases)
    for (const s of run.sent) {
      const list = run.answers.get(s.k) ?? [];
      if (list.some((a) => a.status === 200 || a.status === 201)) continue;
      if (!list.some((a) => a.status === 0 || a.status >= 500)) continue;
      list.push({ ...(await post(base, agent, s, performance.now())), ms: Number.NaN });
      resent++;
    }
  const after = await countItems();
  log('checking the database…');
  const nonces = phases.flatMap((p) => p.run.sent.map((s) => s.nonce));
  const inDb = new Map<string, string>(
    (
      await db.query('SELECT form_nonce, code FROM feedback_items WHERE form_nonce = ANY($1::text[])', [
        nonces,
      ])
    ).rows.map((r: { form_nonce: string; code: string }) => [r.form_nonce, r.code]),
  );
  const noIdentity = Number(
    (
      await db.query(
        `SELECT count(*)::int AS n FROM feedback_items i WHERE i.form_nonce = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM feedback_identities d WHERE d.item_id = i.id)`,
        [nonces],
      )
    ).rows[0].n,
  );
  const made = after - before;
  // Duplicated: items the runs made beyond one per token the database holds.
  const duplicated = made - inDb.size;
  const checked = phases.map((p) => ({ ...p, ...checkRun(p.run, inDb) }));
  const total = (f: (c: (typeof checked)[number]) => number) => checked.reduce((n, c) => n + f(c), 0);
  const lost = total((c) => c.lost);
  const wrongCode = total((c) => c.wrongCode);
  const pairsOk = total((c) => c.pairsOk);
  const pairsBad = total((c) => c.pairsBad);

  // The page's own token, now older than FEEDBACK_MIN_FILL_MS.
  const own = await post(
    base,
    agent,
    submission(pageToken, 0, agencies[0]!, false, false),
    performance.now(),
  );
  if (own.status !== 201) throw new Error(`the form page's token was refused: ${own.error}`);
  agent.destroy();

  const bareRate = bareRun.requests.average;
  const verdictA = lost === 0 && duplicated === 0 && wrongCode === 0 && pairsBad === 0;
  const main = checked[0]!;
  return {
    title: `Feedback (a): public form POST /cong-khai/phan-anh, open loop, ${agencies.length} agencies, ${Math.round(o.retryShare * 100)} % sent twice at once, PostgreSQL`,
    machine: machine(),
    header: [
      'offered/s',
      'seconds',
      'sent (shed)',
      'posts',
      'accepted/s',
      '÷ bare',
      'p50',
      'p95',
      'p99',
      'errors',
      'CPU per post: server · db · client',
      'other work',
    ],
    rows: [
      ...checked.map((c) => [
        String(c.rate),
        String(c.seconds),
        `${fmt(c.run.sent.length)} (${fmt(c.run.shed)})`,
        fmt(c.run.posts),
        c.accepted.toFixed(1),
        (c.accepted / bareRate).toFixed(3),
        ms(c.latency.p50),
        ms(c.latency.p95),
        ms(c.latency.p99),
        String(c.errors),
        cpuText(c.cpu, c.run.posts),
        otherWork(c.cpu),
      ]),
      [
        'bare Fastify + 1 pg select',
        '10',
        '–',
        '–',
        bareRate.toFixed(0),
        '1.000',
        ms(bareRun.latency.p50),
        '–',
        ms(bareRun.latency.p99),
        String(bareRun.errors + bareRun.non2xx),
        '–',
        '–',
      ],
    ],
    verdict: `${fmt(lost)} lost, ${fmt(duplicated)} duplicated under forced retries: ${verdictA ? 'MET' : 'NOT MET'}; accepted ${main.accepted.toFixed(1)}/s of ${o.rate}/s offered (${(main.accepted / bareRate).toFixed(3)} of the bare route): ${main.accepted >= o.rate * 0.98 && main.run.shed === 0 ? 'MET' : 'NOT MET'}`,
    notes: [
      `Answers: ${checked.map((c) => `${fmt(c.created)} × 201 and ${fmt(c.again)} × 200 at ${c.rate}/s`).join(', ')}; the database holds ${fmt(inDb.size)} items for the ${fmt(nonces.length)} tokens sent, the runs made ${fmt(made)} items (${noIdentity} without a sealed identity), ${wrongCode} answers named another code than the database's. Retried pairs: ${pairsOk} answered one 201 and one 200 with the same code, ${pairsBad} did not. ${resent} posts left without an answer were sent again with their token.${checked.map((c) => (c.firstError ? ` First error at ${c.rate}/s: ${c.firstError}.` : '')).join('')}`,
      `Each arrival is due at start + k ÷ rate and leaves then, whatever the earlier ones are doing; latency runs from the due instant to the answer (both posts of a pair counted). accepted/s = 201 answers ÷ (first arrival to last answer). At most ${o.maxInFlight} posts in flight on 256 kept-alive connections: an arrival beyond that is shed (never sent, so it cannot be lost). ${Math.round(o.fileShare * 100)} % carry an 8 KB PDF (tep). CPU from /proc; other work = everything but the client, the server and the bench database's backends.${checked.map((c) => (c.run.lagP99 > 50 ? ` At ${c.rate}/s the generator itself ran late (p99 ${ms(c.run.lagP99)} behind schedule).` : '')).join('')}`,
    ],
  };
}

/** What one open-loop run's answers say, against the database's items by token. */
function checkRun(run: OpenLoopResult, inDb: Map<string, string>) {
  let created = 0;
  let again = 0;
  let lost = 0;
  let wrongCode = 0;
  let pairsOk = 0;
  let pairsBad = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  for (const s of run.sent) {
    const list = run.answers.get(s.k) ?? [];
    const good = list.filter((a) => a.status === 200 || a.status === 201);
    for (const a of list) {
      if (a.status === 201) created++;
      else if (a.status === 200) again++;
      else {
        errors++;
        firstError ??= a.error;
      }
      if ((a.status === 200 || a.status === 201) && Number.isFinite(a.ms)) latencies.push(a.ms);
    }
    const code = inDb.get(s.nonce);
    // Lost: an answer gave a code the database does not hold for this token.
    if (good.length > 0 && !code) lost++;
    if (good.some((a) => a.code !== code)) wrongCode++;
    if (s.retried) {
      const pair = list.slice(0, 2);
      const ok =
        pair.length === 2 &&
        pair.every((a) => a.code && a.code === code) &&
        pair.filter((a) => a.status === 201).length === 1 &&
        pair.filter((a) => a.status === 200).length === 1;
      if (ok) pairsOk++;
      else pairsBad++;
    }
  }
  return {
    created,
    again,
    lost,
    wrongCode,
    pairsOk,
    pairsBad,
    errors,
    firstError,
    latency: stats(latencies),
    accepted: created / run.elapsed,
  };
}

/** Waits up to BENCH_QUIET_WAIT seconds for a quiet machine before a measured phase. */
async function quiet(o: Options, what: string) {
  if (o.quietWait <= 0) return;
  const q = await waitForQuiet(o.quietWait);
  if (!q.quiet)
    log(`${what}: the machine stayed busy (${pct(q.busy)}) for ${o.quietWait} s; measuring anyway`);
}

/** Sở Nội vụ's register filled to BENCH_FEEDBACK_ITEMS items: its agency, and what was loaded. */
async function loadRegister({ o, db, dataDir }: Ctx): Promise<{ agencyId: string; data: FeedbackData }> {
  const agencyId = (
    await db.query(
      `SELECT p.agency_id FROM positions p JOIN people u ON u.id = p.person_id
        WHERE u.username = $1 AND p.ended_at IS NULL ORDER BY p.is_primary DESC, p.created_at LIMIT 1`,
      [CLERK],
    )
  ).rows[0].agency_id as string;
  const others = (
    await db.query(
      `SELECT id FROM agencies WHERE agency_code IS NOT NULL AND status = 'active' AND kind <> 'division'
         AND id <> $1 ORDER BY sort_order, id LIMIT 20`,
      [agencyId],
    )
  ).rows.map((r: { id: string }) => r.id);
  const sealed = sealIdentity(identityKey({ dataDir }), {
    name: 'Trần Thị Bình',
    address: '15 Đường Lê Lợi, Phường Ba Đình',
    phone: '0912345678',
    email: null,
    // As createItem seals it: the letter as written goes with the identity (the list opens it all).
    originalContent:
      'Gia đình tôi đã nộp hồ sơ từ nhiều tháng trước nhưng đến nay chưa nhận được kết quả. Phản ánh việc chậm cấp giấy chứng nhận quyền sử dụng đất. Tôi đã nhiều lần liên hệ với bộ phận tiếp nhận nhưng chưa được hướng dẫn cụ thể. Kính đề nghị kiểm tra, làm rõ và xử lý theo quy định của pháp luật.',
  });
  log(`loading ${fmt(o.items)} items into the register…`);
  const data = await loadFeedback(db, { agencyId, otherAgencyIds: others, sealed, items: o.items });
  log(`… in ${data.loadSeconds.toFixed(1)} s`);
  return { agencyId, data };
}

/** (b) 50 clerks of the agency reading its register, paced then with no pause. */
async function registerPart(
  { o, db, base, meter }: Ctx,
  agencyId: string,
  data: FeedbackData,
): Promise<Result> {
  const registerSize = Number(
    (
      await db.query(
        'SELECT count(*)::int AS n FROM feedback_items WHERE agency_id = $1 OR received_agency_id = $1',
        [agencyId],
      )
    ).rows[0].n,
  );
  log(`signing in ${o.users} clerks…`);
  const users: ReadUser[] = [];
  for (let i = 0; i < o.users; i++) users.push({ ...(await signInHttp(base, CLERK, PASSWORD)), next: null });
  const check = await send(base, users[0]!, 'GET', '/api/v1/feedback/register?due=overdue');
  if (check.status !== 200) throw new Error(`register answered ${check.status}: ${check.body.slice(0, 300)}`);
  await closedLoop(users.slice(0, 10), 3, (u, i, k) => readRegister(base, u, i, k));
  log(`${o.users} clerks reading the register, paced (${o.readSeconds} s)…`);
  for (const u of users) u.next = null;
  await quiet(o, 'the register, paced');
  const endPaced = await meter();
  const paced = await closedLoop(users, o.readSeconds, (u, i, k) => readRegister(base, u, i, k), o.thinkMs);
  const pacedCpu = await endPaced();
  log(`… and with no pause (${o.capacitySeconds} s)…`);
  for (const u of users) u.next = null;
  await quiet(o, 'the register, no pause');
  const endFull = await meter();
  const full = await closedLoop(users, o.capacitySeconds, (u, i, k) => readRegister(base, u, i, k));
  const fullCpu = await endFull();
  for (const u of users) u.agent.destroy();
  const all = (r: typeof paced) => stats([...r.latencies.values()].flat());
  const pacedAll = all(paced);
  const fullAll = all(full);
  const count = (r: typeof paced) => [...r.latencies.values()].reduce((n, l) => n + l.length, 0);
  const rate = (r: typeof paced) => count(r) / r.elapsed;
  return {
    title: `Feedback (b): the register GET /api/v1/feedback/register of one agency (${fmt(registerSize)} items), ${o.users} signed-in clerks, PostgreSQL`,
    machine: machine(),
    header: ['request', 'paced: n', 'p50', 'p95', 'p99', 'no pause: n', 'p50', 'p95'],
    rows: [
      ...STEPS.filter((s) => MIX.includes(s) || (s === 'all' && MIX.some((m) => m.startsWith('all')))).map(
        (s) => {
          const a = stats(paced.latencies.get(s) ?? []);
          const b = stats(full.latencies.get(s) ?? []);
          return [s, String(a.n), ms(a.p50), ms(a.p95), ms(a.p99), String(b.n), ms(b.p50), ms(b.p95)];
        },
      ),
      [
        'all requests',
        String(pacedAll.n),
        ms(pacedAll.p50),
        ms(pacedAll.p95),
        ms(pacedAll.p99),
        String(fullAll.n),
        ms(fullAll.p50),
        ms(fullAll.p95),
      ],
    ],
    verdict: `register p95 ${ms(pacedAll.p95)} at ${o.users} clerks (target ≤ 100 ms) ${pacedAll.p95 <= 100 ? 'MET' : 'NOT MET'}; ${rate(paced).toFixed(0)} requests/s paced, ${rate(full).toFixed(0)} requests/s with no pause (capacity)`,
    notes: [
      `Loaded ${fmt(data.items)} items in ${data.loadSeconds.toFixed(1)} s (bench/feedback-data.ts): ${fmt(data.open)} open, ${fmt(data.overdue)} overdue; word searches match ${data.words.map((w) => `'${w.q}' ${fmt(w.matches)}`).join(', ')}. Each clerk cycles through ${MIX.join(', ')} (no filter and its next two pages by nextCursor, ?status=open, ?kind=complaint, ?due=overdue, ?q=<word>); paced: think 0.5–1.5 × ${o.thinkMs} ms. CPU per request (server · db · client): ${cpuText(pacedCpu, count(paced))} paced, ${cpuText(fullCpu, count(full))} with no pause; other work took ${otherWork(pacedCpu)} paced, ${otherWork(fullCpu)} with no pause. Errors: ${paced.errors} paced, ${full.errors} no pause${(paced.firstError ?? full.firstError) ? ` (first: ${paced.firstError ?? full.firstError})` : ''}.`,
    ],
  };
}

/**
 * The register's statement for each request of the mix, as listRegister sends it (recorded from
 * node-postgres in-process), through EXPLAIN (ANALYZE, BUFFERS) on the idle server (second run).
 */
async function explainRegister(url: string, agencyId: string, dataDir: string): Promise<Result> {
  log('EXPLAIN ANALYZE of the register queries…');
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  const key = identityKey({ dataDir });
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  let captured: { sql: string; params: unknown[] }[] | null = null;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [a, b] = args;
    if (captured) {
      const text = typeof a === 'string' ? a : (a as { text?: string })?.text;
      const values = (Array.isArray(b) ? b : (a as { values?: unknown[] })?.values) ?? [];
      if (text && /feedback_items/.test(text)) captured.push({ sql: text, params: values });
    }
    return original.apply(this, args);
  };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const rowsOut: string[][] = [];
  const file = [
    '# EXPLAIN (ANALYZE, BUFFERS) of the feedback register',
    '',
    `Run ${new Date().toISOString()}; the statement listRegister sends, second run shown.`,
    '',
  ];
  try {
    const now = new Date();
    const q = (v: Record<string, string>) => registerQuerySchema.parse(v);
    const first = await listRegister(database.db, agencyId, key, q({}), now);
    const second = await listRegister(database.db, agencyId, key, q({ cursor: first.nextCursor ?? '' }), now);
    const cases: [string, Record<string, string>][] = [
      ['no filter', {}],
      ['no filter, page 3', { cursor: second.nextCursor ?? '' }],
      ['status=open', { status: 'open' }],
      ['kind=complaint', { kind: 'complaint' }],
      ['due=overdue', { due: 'overdue' }],
      ...WORDS.map((w): [string, Record<string, string>] => [`q=${w}`, { q: w }]),
    ];
    for (const [label, v] of cases) {
      await listRegister(database.db, agencyId, key, q(v), now);
      captured = [];
      const t = performance.now();
      const page = await listRegister(database.db, agencyId, key, q(v), now);
      const wall = performance.now() - t;
      const stmt = captured[0];
      captured = null;
      if (!stmt) continue;
      const explain = () => admin.query(`EXPLAIN (ANALYZE, BUFFERS) ${stmt.sql}`, stmt.params);
      await explain();
      const plan = (await explain()).rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
      const grab = (re: RegExp) => Number(plan.join('\n').match(re)?.[1] ?? Number.NaN);
      // The scans, with their actual rows: what each request reads.
      const scans = plan
        .filter((l) => /(Scan|Sort) /.test(l) && /actual/.test(l))
        .map((l) =>
          l
            .trim()
            .replace(/^->\s*/, '')
            .replace(/\s*\(cost=[^)]*\)/, '')
            .replace(/\(actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)\)/, '($1 rows × $2)'),
        )
        .join('; ');
      rowsOut.push([
        label,
        String(page.items.length),
        ms(wall),
        ms(grab(/Planning Time: ([\d.]+) ms/)),
        ms(grab(/Execution Time: ([\d.]+) ms/)),
        scans,
      ]);
      file.push(
        `## ${label}`,
        '',
        '```sql',
        stmt.sql,
        '```',
        '',
        `params: \`${JSON.stringify(stmt.params)}\``,
        '',
        '```',
        ...plan,
        '```',
        '',
      );
    }
  } finally {
    proto.query = original;
    await admin.end();
    await database.close();
  }
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/feedback-explain.md', file.join('\n'));
  return {
    title:
      'Feedback (b): EXPLAIN ANALYZE of the register statement, one request at a time on the idle server',
    machine: machine(),
    header: ['request', 'rows', 'in-process wall', 'planning', 'execution', 'scans (actual rows × loops)'],
    rows: rowsOut,
    verdict: 'full plans: bench/results/feedback-explain.md',
  };
}
