import { spawnSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { stop } from './documents.ts';
import { loadLegal } from './legal-data.ts';
import { freshDatabase, machine, type Result, startProcess } from './lib.ts';
import { closedLoop, ms, stats } from './load.ts';

/**
 * The legal documents benchmark (issue 17), on PostgreSQL with `BENCH_LEGAL_DOCS` (300,000) legal
 * documents and `BENCH_LEGAL_RELATIONS` (1,000,000) relations generated in SQL (bench/legal-data.ts):
 * (a) `recomputeStatuses` of every document as of a date after the bulk import (target ≤ 60 s);
 * (b) p95 of the public search (/cong-khai/van-ban: numbers, diacritics-free words, filters) and of
 *     a document's public page (status computed as of today, history, relations, diagram) at 200
 *     concurrent anonymous clients reading at a person's pace (targets ≤ 100 ms and ≤ 50 ms), then
 *     the same with no pause (capacity), beside a bare Fastify route's ceiling.
 */

function num(name: string, fallback: number): number {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
}

const DB = 'lienthong_bench_legal';

/** Diacritics-free words, numbers (whole and partial) and filters, as visitors type them. */
const WORDS = [
  'thay the quyet dinh',
  'quan ly dat dai',
  'phi tham dinh',
  'hoc phi',
  'chat thai ran sinh hoat',
  'cai cach hanh chinh',
  'bang gia dat',
  'so tu phap',
  'hop tac xa nong nghiep',
  'an toan thuc pham',
];
const FILTERS = [
  'loai=thong_tu&nam=2020',
  'tinh-trang=expired',
  'co-quan=chinh_phu&linh-vuc=15',
  'loai=quyet_dinh_ubnd&tinh-trang=in_force',
  'nam=2024',
  'q=quyet+dinh&loai=quyet_dinh_ubnd&nam=2019',
  '',
];

function get(base: URL, agent: http.Agent, p: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: base.hostname, port: base.port, path: p, agent, headers: { 'accept-encoding': 'gzip' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${p}`)));
    req.on('error', reject);
  });
}

export async function benchLegal(): Promise<Result[]> {
  const o = {
    docs: num('BENCH_LEGAL_DOCS', 300_000),
    relations: num('BENCH_LEGAL_RELATIONS', 1_000_000),
    seconds: num('BENCH_LEGAL_SECONDS', 15),
    clients: num('BENCH_LEGAL_CLIENTS', 200),
    thinkMs: num('BENCH_LEGAL_THINK_MS', 1000),
  };
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const url = await freshDatabase(DB);
  const bin = path.resolve('bin/lienthong.js');
  const env = {
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    DEMO_PASSWORD: 'Bench-password-2026',
    DATABASE_POOL_SIZE: '10',
    // Every load client is 127.0.0.1: the anonymous rate limit would stop the benchmark, not a reader.
    PUBLIC_RATE_PER_MINUTE: '1000000000',
  };
  const seed = spawnSync(process.execPath, [bin, 'seed-demo'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(seed.stderr);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  log(
    `legal: loading ${o.docs.toLocaleString('en')} documents, ${o.relations.toLocaleString('en')} relations`,
  );
  const data = await loadLegal(client, { docs: o.docs, relations: o.relations, log });
  const bareId = (await client.query(`SELECT id FROM people WHERE username = 'lanhdao.ubnd'`)).rows[0]
    .id as string;
  log(`legal: loaded in ${data.seconds.toFixed(0)} s`);

  // (a) every status recomputed as of a date after the import, through the records' own function.
  const { openDatabase } = await import('../src/server/db/client.ts');
  const { recomputeStatuses } = await import('../src/server/modules/legal/records/status.ts');
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  let recompute: { documents: number; changed: number };
  let recomputeSeconds: number;
  const distribution: Record<string, number> = {};
  try {
    const t = performance.now();
    recompute = await recomputeStatuses(database.db, data.asOf);
    recomputeSeconds = (performance.now() - t) / 1000;
    log(`legal: recomputeStatuses ${recomputeSeconds.toFixed(1)} s (${recompute.changed} changed)`);
    for (const r of (
      await client.query(
        `SELECT status_now, count(*)::int AS n FROM legal_documents GROUP BY 1 ORDER BY 2 DESC`,
      )
    ).rows as { status_now: string; n: number }[])
      distribution[r.status_now] = r.n;
  } finally {
    await database.close();
  }
  await client.query('VACUUM (ANALYZE) legal_documents');
  await client.end();

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
    const numbers = data.sampleNumbers;
    const searchPath = (i: number, k: number): string => {
      const which = (i + k) % 4;
      if (which === 0) {
        // A whole number, or its first two parts ("14/2019").
        const n = numbers[(i * 13 + k) % numbers.length]!;
        const q = k % 2 ? n : n.split('/').slice(0, 2).join('/');
        return `/cong-khai/van-ban?q=${encodeURIComponent(q)}`;
      }
      if (which === 3) return `/cong-khai/van-ban?${FILTERS[(i + k) % FILTERS.length]}`;
      return `/cong-khai/van-ban?q=${encodeURIComponent(WORDS[(i * 7 + k) % WORDS.length]!)}`;
    };
    const docPath = (i: number, k: number) =>
      `/cong-khai/van-ban/${data.sampleIds[(i * 101 + k * 7919) % data.sampleIds.length]}`;
    for (const p of [searchPath(0, 0), searchPath(0, 1), searchPath(0, 3), docPath(0, 0)]) {
      const r = await fetch(`${base.origin}${p}`);
      if (r.status !== 200) throw new Error(`${p} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
    }
    // Service time of each kind of search, one at a time (no contention): what a query costs.
    const one: Record<string, number[]> = { number: [], words: [], filters: [], document: [] };
    const agent1 = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let k = 0; k < 40; k++) {
      for (const [label, p] of [
        ['number', searchPath(0, k * 4)],
        ['words', searchPath(1, k * 4)],
        ['filters', searchPath(3, k * 4)],
        ['document', docPath(5, k + 1000)],
      ] as const) {
        const t = performance.now();
        const status = await get(base, agent1, p);
        if (status !== 200) throw new Error(`${p}: ${status}`);
        one[label]!.push(performance.now() - t);
      }
    }

    const cannon = (u: string, seconds = o.seconds) =>
      autocannon({ url: u, connections: o.clients, duration: seconds });
    await cannon('http://127.0.0.1:3932/bare', 3);
    const bareRun = await cannon('http://127.0.0.1:3932/bare');

    const anon = Array.from({ length: o.clients }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    const step = async (agent: http.Agent, k: number, i: number) => {
      const doc = (i + k) % 2 === 1;
      const p = doc ? docPath(i, k) : searchPath(i, k);
      const status = await get(base, agent, p);
      return { label: doc ? 'document' : 'search', ok: status === 200, detail: `${p} ${status}` };
    };
    await closedLoop(anon, 3, step, o.thinkMs);
    const paced = await closedLoop(anon, o.seconds * 2, step, o.thinkMs);
    const capacity = await closedLoop(anon, o.seconds, step);

    const s = stats(paced.latencies.get('search') ?? []);
    const d = stats(paced.latencies.get('document') ?? []);
    const cs = stats(capacity.latencies.get('search') ?? []);
    const cd = stats(capacity.latencies.get('document') ?? []);
    const okSearch = s.p95 <= 100;
    const okDoc = d.p95 <= 50;
    const okRecompute = recomputeSeconds <= 60;
    const single = (label: string) => stats(one[label]!);
    const capRate = (cs.n + cd.n) / capacity.elapsed;
    return [
      {
        title: `Legal (a): recomputeStatuses of every document as of ${data.asOf}, PostgreSQL, ${data.documents.toLocaleString('en')} documents / ${data.relations.toLocaleString('en')} relations`,
        machine: machine(),
        header: ['documents', 'changed', 'seconds', 'documents/s'],
        rows: [
          [
            recompute.documents.toLocaleString('en'),
            recompute.changed.toLocaleString('en'),
            recomputeSeconds.toFixed(1),
            (recompute.documents / recomputeSeconds).toFixed(0),
          ],
        ],
        verdict: `recompute ≤ 60 s: ${okRecompute ? 'MET' : 'NOT MET'} (${recomputeSeconds.toFixed(1)} s)`,
        notes: [
          `Statuses after it: ${Object.entries(distribution)
            .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
            .join(', ')}.`,
          `Data: ${data.issuers} issuing bodies; generated and indexed in ${data.seconds.toFixed(0)} s (bench/legal-data.ts).`,
        ],
      },
      {
        title: `Legal (b): public search and document pages, ${o.clients} anonymous clients, PostgreSQL, ${data.documents.toLocaleString('en')} documents`,
        machine: machine(),
        header: ['route', 'phase', 'requests', 'p50', 'p95', 'p99', 'max'],
        rows: [
          ...(['number', 'words', 'filters', 'document'] as const).map((label) => {
            const x = single(label);
            return [
              label === 'document' ? 'GET /cong-khai/van-ban/<id>' : `GET /cong-khai/van-ban?… (${label})`,
              'one at a time',
              String(x.n),
              ms(x.p50),
              ms(x.p95),
              ms(x.p99),
              ms(x.max),
            ];
          }),
          [
            'GET /cong-khai/van-ban?… (mixed)',
            `paced (think ${o.thinkMs} ms)`,
            String(s.n),
            ms(s.p50),
            ms(s.p95),
            ms(s.p99),
            ms(s.max),
          ],
          [
            'GET /cong-khai/van-ban/<id>',
            `paced (think ${o.thinkMs} ms)`,
            String(d.n),
            ms(d.p50),
            ms(d.p95),
            ms(d.p99),
            ms(d.max),
          ],
          [
            'GET /cong-khai/van-ban?… (mixed)',
            'no pause',
            String(cs.n),
            ms(cs.p50),
            ms(cs.p95),
            ms(cs.p99),
            ms(cs.max),
          ],
          [
            'GET /cong-khai/van-ban/<id>',
            'no pause',
            String(cd.n),
            ms(cd.p50),
            ms(cd.p95),
            ms(cd.p99),
            ms(cd.max),
          ],
        ],
        verdict: `search p95 ${ms(s.p95)} (target ≤ 100 ms) ${okSearch ? 'MET' : 'NOT MET'}; document p95 ${ms(d.p95)} (target ≤ 50 ms) ${okDoc ? 'MET' : 'NOT MET'}${
          paced.errors + capacity.errors
            ? `; ${paced.errors + capacity.errors} errors (${paced.firstError ?? capacity.firstError})`
            : ''
        }`,
        notes: [
          `Paced: ${o.clients} clients, each its own keep-alive connection, half searches (numbers whole and partial, ${WORDS.length} diacritics-free phrases, ${FILTERS.length} filter sets) and half document pages of ${data.sampleIds.length.toLocaleString('en')} different documents (a built page is kept 60 s in process; with this many documents nearly every request builds one: status as of today, history, relations, diagram), think time 0.5–1.5 × ${o.thinkMs} ms.`,
          `Machine load average during the run: ${os
            .loadavg()
            .map((x) => x.toFixed(1))
            .join(' / ')} (1 / 5 / 15 min; other sessions share the 2 cores).`,
          `No pause: ${capRate.toFixed(0)} requests/s; the bare Fastify route with one pg select: ${bareRun.requests.average.toFixed(0)} req/s (ratio ${(capRate / bareRun.requests.average).toFixed(2)}).`,
        ],
      },
    ];
  } finally {
    await stop(real.child);
    await stop(bare.child);
  }
}
