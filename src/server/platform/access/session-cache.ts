import type { ResolvedSession } from './guard.ts';

/**
 * A short-lived, process-wide cache of resolved sessions, keyed by the token's hash (random and
 * unique across installations, so one cache serves every app in the process).
 *
 * Correctness does not rest on the TTL: a database trigger NOTIFYs `lt_session_changed` with the
 * person's id whenever a session, the person or a position changes (in any process, even by hand in
 * SQL), and every process drops that person's entries when the notice arrives. The process that made
 * the change also drops them at once, so its own next request never sees the old state.
 */
export class SessionCache {
  private readonly entries = new Map<string, { value: ResolvedSession; until: number }>();
  private readonly byPerson = new Map<string, Set<string>>();

  constructor(
    private ttlMs: number,
    private readonly maxEntries = 20_000,
  ) {}

  setTtl(ms: number): void {
    this.ttlMs = ms;
    if (ms <= 0) this.clear();
  }

  get(tokenHash: string): ResolvedSession | undefined {
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    if (e.until < Date.now()) {
      this.delete(tokenHash, e.value.actor.personId);
      return undefined;
    }
    return e.value;
  }

  set(tokenHash: string, value: ResolvedSession): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.delete(oldest, this.entries.get(oldest)!.value.actor.personId);
    }
    this.entries.set(tokenHash, { value, until: Date.now() + this.ttlMs });
    const set = this.byPerson.get(value.actor.personId) ?? new Set<string>();
    this.byPerson.set(value.actor.personId, set);
    set.add(tokenHash);
  }

  forgetPerson(personId: string): void {
    for (const t of this.byPerson.get(personId) ?? []) this.entries.delete(t);
    this.byPerson.delete(personId);
  }

  clear(): void {
    this.entries.clear();
    this.byPerson.clear();
  }

  private delete(tokenHash: string, personId: string) {
    this.entries.delete(tokenHash);
    this.byPerson.get(personId)?.delete(tokenHash);
  }
}

export const SESSION_CHANNEL = 'lt_session_changed';
export const sessionCache = new SessionCache(5000);

/**
 * Barriers on the session channel: a notice `barrier:<id>` sent after a commit arrives after that
 * commit's notices (delivery keeps commit order), so hearing it means they have been delivered.
 */
const barriers = new Map<string, () => void>();

/** A notice of the session channel: a person to forget, or a barrier this process waits for. */
export function sessionNotice(payload: string): void {
  if (payload.startsWith('barrier:')) barriers.get(payload.slice('barrier:'.length))?.();
  else sessionCache.forgetPerson(payload);
}

/** Sends a barrier with `send` and resolves once this process hears it (or after `maxMs`). */
export function sessionBarrier(id: string, send: () => Promise<unknown>, maxMs = 1000): Promise<void> {
  const heard = new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      barriers.delete(id);
      resolve();
    };
    const timer = setTimeout(done, maxMs);
    barriers.set(id, done);
  });
  return send().then(
    () => heard,
    () => barriers.get(id)?.(),
  );
}
