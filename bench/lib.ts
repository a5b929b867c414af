import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** A PostgreSQL database for a benchmark, created fresh on `base`'s server (default BENCH_DATABASE_URL / TEST_DATABASE_URL's). */
export async function freshDatabase(
  name: string,
  base = process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres',
): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  /** A server starting among dozens on a busy machine takes longer than one alone. */
  timeoutMs = 120_000,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<dir>: each started process writes a V8 CPU profile there when it exits.
    const prof = process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
    const child = spawn(process.execPath, [...prof, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const t = setTimeout(() => {
      // Do not leave a half-started process behind.
      child.kill('SIGKILL');
      reject(new Error(`timeout starting ${args.join(' ')}\n${out}`));
    }, timeoutMs);
    const on = (d: Buffer) => {
      out += d;
      const m = out.match(ready);
      if (m) {
        clearTimeout(t);
        resolve({ child, match: m });
      }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.on('exit', (c) => {
      clearTimeout(t);
      reject(new Error(`${args.join(' ')} exited ${c}\n${out}`));
    });
  });
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** One table of a benchmark report (bench/run.ts prints it as markdown and writes it to bench/results/latest.md). */
export interface Result {
  title: string;
  machine: string;
  header: string[];
  rows: string[][];
  verdict: string;
  /** Lines printed after the verdict (how it was measured, causes, pointers). */
  notes?: string[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A lean HTTP/1.1 request on kept-alive connections, for load loops: the load generator shares the
 * machine with what it measures, and fetch costs it about twice the CPU of node:http per request.
 */
export function request(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
