/**
 * DOCX → PDF with LibreOffice (Debian's soffice, headless), no domain knowledge.
 *
 * Warm mode (the default): a pool of workers, each a small python3-uno script (worker.py) that starts
 * one soffice with a private profile (`-env:UserInstallation` under the work dir) and converts on
 * request over stdin/stdout. Conversions are serialized per worker, each has a timeout (the worker is
 * killed and restarted on the next request), a worker that crashes is restarted. Cold mode runs
 * `soffice --convert-to pdf` per conversion (slower: ~1–2 s of start-up each; kept for comparison and
 * as a fallback where python3-uno is missing).
 * Times New Roman renders with Liberation Serif (fonts-liberation2, metric compatible) through
 * fontconfig's aliases.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface OfficeOptions {
  /** A private directory: profiles and temporary files live under it. */
  workDir: string;
  /** Warm workers (default 1). */
  workers?: number;
  /** Per conversion, in ms (default 60 s). */
  timeoutMs?: number;
  /** First start of a worker (soffice start-up), in ms (default 60 s). */
  startTimeoutMs?: number;
  mode?: 'warm' | 'cold';
  soffice?: string;
  python?: string;
}

export class OfficeError extends Error {}

const WORKER_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.py');

/**
 * Settings of every private profile, written before soffice first starts: the documents converted
 * come from users, so LibreOffice must not fetch what they link (images, OLE links: a request to any
 * address the server reaches) and never runs macros.
 */
const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

/** Creates a private profile directory with the settings above (kept if it exists). */
function prepareProfile(profile: string) {
  const user = path.join(profile, 'user');
  fs.mkdirSync(user, { recursive: true });
  const xcu = path.join(user, 'registrymodifications.xcu');
  if (!fs.existsSync(xcu)) fs.writeFileSync(xcu, PROFILE_SETTINGS);
}

interface Pending {
  resolve: () => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** One python3-uno process with its soffice (both in one process group, killed together). */
class Worker {
  private proc: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private pending = new Map<string, Pending>();
  /** Serializes conversions on this worker. */
  private chain: Promise<unknown> = Promise.resolve();
  busy = 0;

  constructor(
    private readonly opts: Required<Omit<OfficeOptions, 'workers' | 'mode'>>,
    private readonly index: number,
  ) {}

  private start(): Promise<void> {
    const profile = path.join(this.opts.workDir, `profile-${this.index}`);
    prepareProfile(profile);
    const pipeName = `lienthong_office_${process.pid}_${this.index}_${randomUUID().slice(0, 8)}`;
    const proc = spawn(this.opts.python, [WORKER_SCRIPT, profile, pipeName, this.opts.soffice], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, HOME: profile, SAL_USE_VCLPLUGIN: 'svp' },
    });
    this.proc = proc;
    live.add(proc);
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const lines = createInterface({ input: proc.stdout! });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new OfficeError('LibreOffice did not start in time'));
        this.kill();
      }, this.opts.startTimeoutMs);
      lines.on('line', (line) => {
        let msg: { ready?: boolean; id?: string; ok?: boolean; error?: string };
        try {
          msg = JSON.parse(line);
        } catch {
          return;
        }
        if (msg.ready) {
          clearTimeout(timer);
          resolve();
          return;
        }
        const p = msg.id ? this.pending.get(msg.id) : undefined;
        if (!p) return;
        this.pending.delete(msg.id!);
        clearTimeout(p.timer);
        if (msg.ok) p.resolve();
        else p.reject(new OfficeError(`LibreOffice could not convert: ${msg.error ?? 'unknown error'}`));
      });
      proc.on('exit', (code) => {
        clearTimeout(timer);
        live.delete(proc);
        if (this.proc === proc) {
          this.proc = null;
          this.ready = null;
        }
        const err = new OfficeError(`LibreOffice worker exited (${code}): ${stderr.trim()}`);
        reject(err);
        for (const [id, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(err);
          this.pending.delete(id);
        }
      });
    });
    // A failed start must not leave an unhandled rejection behind.
    ready.catch(() => {});
    return ready;
  }

  kill() {
    const p = this.proc;
    if (!p?.pid) return;
    try {
      process.kill(-p.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }

  /** Ends the worker: closes stdin (soffice terminates), then kills the group if it lingers. */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.stdin?.end();
    const t = setTimeout(() => this.kill(), 3000);
    await exited;
    clearTimeout(t);
    // soffice may outlive python for a moment: end the group.
    try {
      process.kill(-p.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }

  warm(): Promise<void> {
    if (!this.ready) this.ready = this.start();
    return this.ready;
  }

  convert(input: string, output: string): Promise<void> {
    this.busy++;
    const run = async () => {
      await this.warm();
      const proc = this.proc;
      if (!proc) throw new OfficeError('LibreOffice worker is not running');
      const id = randomUUID();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new OfficeError('LibreOffice conversion timed out'));
          this.kill(); // restarted on the next request
        }, this.opts.timeoutMs);
        this.pending.set(id, { resolve, reject, timer });
        proc.stdin!.write(`${JSON.stringify({ id, in: input, out: output })}\n`);
      });
    };
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => {});
    return result.finally(() => {
      this.busy--;
    });
  }
}

/** Every live worker process of this Node process, killed on exit as a last resort. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of live)
    try {
      process.kill(-p.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
});

export class OfficeConverter {
  private readonly opts: Required<Omit<OfficeOptions, 'workers' | 'mode'>>;
  private readonly workers: Worker[] = [];
  readonly mode: 'warm' | 'cold';
  private closed = false;

  constructor(options: OfficeOptions) {
    this.opts = {
      workDir: options.workDir,
      timeoutMs: options.timeoutMs ?? 60_000,
      startTimeoutMs: options.startTimeoutMs ?? 60_000,
      soffice: options.soffice ?? 'soffice',
      python: options.python ?? '/usr/bin/python3',
    };
    this.mode = options.mode ?? 'warm';
    for (let i = 0; i < (options.workers ?? 1); i++) this.workers.push(new Worker(this.opts, i));
  }

  /** Starts the workers now (else the first conversion does). */
  async warm(): Promise<void> {
    if (this.mode === 'warm') await Promise.all(this.workers.map((w) => w.warm()));
  }

  /** Converts a DOCX (or any document LibreOffice opens) to PDF. */
  async convertToPdf(docx: Buffer, opts: { timeoutMs?: number } = {}): Promise<Buffer> {
    if (this.closed) throw new OfficeError('The converter is closed');
    const dir = path.join(this.opts.workDir, 'jobs', randomUUID());
    await fsp.mkdir(dir, { recursive: true });
    try {
      const input = path.join(dir, 'in.docx');
      const output = path.join(dir, 'in.pdf');
      await fsp.writeFile(input, docx);
      if (this.mode === 'cold') await this.cold(dir, input, opts.timeoutMs ?? this.opts.timeoutMs);
      else {
        const w = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
        await w.convert(input, output);
      }
      const pdf = await fsp.readFile(output).catch(() => null);
      if (pdf?.subarray(0, 5).toString('latin1') !== '%PDF-')
        throw new OfficeError('LibreOffice produced no PDF');
      return pdf;
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  }

  private cold(dir: string, input: string, timeoutMs: number): Promise<void> {
    const profile = path.join(this.opts.workDir, 'profile-cold');
    prepareProfile(profile);
    return new Promise((resolve, reject) => {
      const p = spawn(
        this.opts.soffice,
        [
          '--headless',
          '--norestore',
          '--nolockcheck',
          `-env:UserInstallation=file://${profile}`,
          '--convert-to',
          'pdf:writer_pdf_Export',
          '--outdir',
          dir,
          input,
        ],
        { stdio: 'ignore', detached: true, env: { ...process.env, HOME: profile } },
      );
      live.add(p);
      const timer = setTimeout(() => {
        try {
          process.kill(-p.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
        reject(new OfficeError('LibreOffice conversion timed out'));
      }, timeoutMs);
      p.on('exit', (code) => {
        live.delete(p);
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new OfficeError(`soffice exited with ${code}`));
      });
    });
  }

  /** Stops every worker (and its soffice). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}

const shared = new Map<string, OfficeConverter>();

/**
 * The process's converter for a data directory (one warm pool per process), created on first use.
 * `closeOffice` stops it (the app's onClose).
 */
export function officeFor(dataDir: string, options: Omit<OfficeOptions, 'workDir'> = {}): OfficeConverter {
  const workDir = officeDir(dataDir);
  let c = shared.get(workDir);
  if (!c) {
    forgetDeadProcesses(path.dirname(workDir));
    c = new OfficeConverter({ workDir, ...options });
    shared.set(workDir, c);
  }
  return c;
}

/**
 * The process's own folder: several processes may share one DATA_DIR (behind a proxy), and two
 * soffice on one profile are one LibreOffice (the second hands its work to the first and exits).
 */
function officeDir(dataDir: string): string {
  return path.join(dataDir, 'tmp', 'office', `${os.hostname()}-${process.pid}`);
}

/** Removes the folders left by this host's processes that are gone (their profiles, their temporary files). */
function forgetDeadProcesses(parent: string) {
  const prefix = `${os.hostname()}-`;
  let names: string[] = [];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.slice(prefix.length));
    if (!name.startsWith(prefix) || !Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH')
        fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

export async function closeOffice(dataDir: string): Promise<void> {
  const workDir = officeDir(dataDir);
  const c = shared.get(workDir);
  shared.delete(workDir);
  await c?.close();
}
