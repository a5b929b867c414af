import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * Throwaway PostgreSQL clusters for tests that need a server of their own (a primary and its
 * streaming replica): Debian's initdb, pg_ctl and pg_basebackup, run as the postgres user when the
 * test runs as root (initdb refuses root), in a temporary folder, on loopback ports, trust auth.
 */

/** The newest PostgreSQL server binaries installed (Debian keeps them per major version). */
export function pgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (!versions.length)
    throw new Error('PostgreSQL server binaries (initdb) not found under /usr/lib/postgresql');
  return path.join(root, versions.at(-1)!, 'bin');
}

const isRoot = process.getuid?.() === 0;

function postgresIds(): { uid: number; gid: number } | null {
  if (!isRoot) return null;
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
}

/** Runs a PostgreSQL tool (as postgres when we are root); throws with its output when it fails. */
export function pgTool(tool: string, args: string[], opts: { allowFail?: boolean } = {}) {
  const bin = path.join(pgBinDir(), tool);
  const r = isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8', timeout: 120_000 })
    : spawnSync(bin, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 && !opts.allowFail)
    throw new Error(`${tool} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

export interface Cluster {
  dir: string;
  port: number;
  url(db?: string): string;
  start(): void;
  stop(mode?: 'fast' | 'immediate'): void;
  promote(): void;
  log(): string;
}

function cluster(dir: string, port: number, sockets: string): Cluster {
  const logFile = path.join(path.dirname(dir), `${path.basename(dir)}.log`);
  return {
    dir,
    port,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start() {
      pgTool('pg_ctl', [
        '-D',
        dir,
        '-l',
        logFile,
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${port} -k ${sockets}`,
        'start',
      ]);
    },
    stop(mode = 'fast') {
      pgTool('pg_ctl', ['-D', dir, '-m', mode, '-w', 'stop'], { allowFail: true });
    },
    promote() {
      pgTool('pg_ctl', ['-D', dir, '-w', 'promote']);
    },
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
  };
}

/** A folder the postgres user owns, for clusters and their sockets. */
export function clusterRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-pg-'));
  const ids = postgresIds();
  if (ids) fs.chownSync(root, ids.uid, ids.gid);
  return root;
}

/**
 * A new primary: initdb (trust on loopback, replication allowed), `extraConf` appended to
 * postgresql.conf (e.g. an include of the shipped configuration), started on `port`.
 */
export function initPrimary(root: string, port: number, extraConf = ''): Cluster {
  const dir = path.join(root, 'primary');
  pgTool('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const conf = path.join(dir, 'postgresql.conf');
  const hba = path.join(dir, 'pg_hba.conf');
  const ids = postgresIds();
  fs.appendFileSync(conf, `\nlisten_addresses = '127.0.0.1'\n${extraConf}\n`);
  fs.appendFileSync(hba, '\nhost replication all 127.0.0.1/32 trust\n');
  if (ids) for (const f of [conf, hba]) fs.chownSync(f, ids.uid, ids.gid);
  const c = cluster(dir, port, root);
  c.start();
  return c;
}

/** A streaming replica of `primary` made with pg_basebackup (-R writes its standby settings), started on `port`. */
export function initReplica(root: string, primary: Cluster, port: number, name = 'replica'): Cluster {
  const dir = path.join(root, name);
  pgTool('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    dir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  const c = cluster(dir, port, root);
  c.start();
  return c;
}
