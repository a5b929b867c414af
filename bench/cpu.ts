import fs from 'node:fs';
import os from 'node:os';

/**
 * CPU accounting from /proc (Linux): how busy the whole machine was during a phase, how much of that
 * was the benchmark itself (client process, server process, PostgreSQL backends of its databases), and
 * so how much other work (another test run on a shared machine) competed with it. Reported next to the
 * figures, because latency on 2 cores shared with someone else's test suite is not the app's latency.
 * CPU time per request (server, database) hardly depends on that contention, so it is reported too.
 */

const TICK = 100; // USER_HZ: jiffies per second on Linux

function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0); // without guest (counted in user)
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** utime + stime of a process, in ticks (0 when it is gone or unreadable). */
export function processTicks(pid: number): number {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

export interface CpuReport {
  seconds: number;
  /** Share of all CPUs busy during the phase, 0..1. */
  machineBusy: number;
  /** CPU-seconds per group (pids given by the caller). */
  groups: Record<string, number>;
  /** CPU-seconds used by everything else (other sessions' work, PostgreSQL background processes, the kernel). */
  foreign: number;
  /** Share of the machine's CPU capacity taken by other work, 0..1. */
  foreignShare: number;
}

/**
 * Starts a measurement; `pids()` returns the processes of each group and is polled every 250 ms, so
 * processes that start and exit during the phase (pgbench's backends) are counted up to their last
 * reading. Call the returned function at the end of the phase.
 */
export async function cpuMeter(
  pids: () => Promise<Record<string, number[]>> | Record<string, number[]>,
): Promise<() => Promise<CpuReport>> {
  const t0 = performance.now();
  const m0 = machineTicks();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const groupOf = new Map<number, string>();
  const poll = async () => {
    for (const [name, list] of Object.entries(await pids()))
      for (const p of list) {
        const ticks = processTicks(p);
        if (!groupOf.has(p)) {
          groupOf.set(p, name);
          // Not there at the start: it began during the phase, so all its CPU time belongs to it.
          first.set(p, 0);
        }
        if (ticks > 0) last.set(p, ticks);
      }
  };
  for (const [name, list] of Object.entries(await pids()))
    for (const p of list) {
      groupOf.set(p, name);
      const ticks = processTicks(p);
      first.set(p, ticks);
      last.set(p, ticks);
    }
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await new Promise((r) => setTimeout(r, 250));
      if (polling) await poll();
    }
  })();
  return async () => {
    polling = false;
    await poller;
    await poll();
    const m1 = machineTicks();
    const seconds = (performance.now() - t0) / 1000;
    const groups: Record<string, number> = {};
    let ours = 0;
    for (const [p, name] of groupOf) {
      const used = Math.max(0, (last.get(p) ?? 0) - (first.get(p) ?? 0)) / TICK;
      groups[name] = (groups[name] ?? 0) + used;
      ours += used;
    }
    const busy = m0 && m1 ? (m1.busy - m0.busy) / TICK : Number.NaN;
    const capacity = m0 && m1 ? (m1.total - m0.total) / TICK : seconds * os.cpus().length;
    const foreign = Math.max(0, busy - ours);
    return { seconds, machineBusy: busy / capacity, groups, foreign, foreignShare: foreign / capacity };
  };
}

/** Pids of the PostgreSQL backends connected to these databases (the server must let us see them: superuser or pg_read_all_stats). */
export async function backendPids(
  query: (text: string, params: unknown[]) => Promise<{ pid: number }[]>,
  databases: string[],
): Promise<number[]> {
  const rows = await query(
    'SELECT pid FROM pg_stat_activity WHERE datname = ANY($1::text[]) AND pid <> pg_backend_pid()',
    [databases],
  );
  return rows.map((r) => r.pid);
}

/** Waits (at most `maxSeconds`) for a window of `windowSeconds` where the machine is at most `threshold` busy. */
export async function waitForQuiet(maxSeconds: number, threshold = 0.25, windowSeconds = 2) {
  const deadline = performance.now() + maxSeconds * 1000;
  let last = Number.NaN;
  while (performance.now() < deadline) {
    const a = machineTicks();
    await new Promise((r) => setTimeout(r, windowSeconds * 1000));
    const b = machineTicks();
    if (!a || !b) return { quiet: true, busy: Number.NaN };
    last = (b.busy - a.busy) / (b.total - a.total);
    if (last <= threshold) return { quiet: true, busy: last };
  }
  return { quiet: false, busy: last };
}

export const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(0)} %` : '–');
