import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, hotRows } from '../../db/client.ts';
import { registers } from './schema.ts';

const NAMES = {
  incoming: 'Sổ đăng ký văn bản đến',
  outgoing: 'Sổ đăng ký văn bản đi',
  outgoing_secret: 'Sổ đăng ký văn bản đi (mật)',
  copies: 'Sổ đăng ký bản sao văn bản',
} as const;

/**
 * incoming, outgoing, or copies: the series of the copies an agency makes (sao y, sao lục, trích
 * sao), one for all forms (Decree 30/2020, Appendix I, Part II, II.1.c).
 */
export type RegisterKind = 'incoming' | 'outgoing' | 'copies';

/** The agency's register of a kind, created on first use. */
export async function registerFor(db: Db, agencyId: string, direction: RegisterKind, secret = false) {
  const found = await db
    .select()
    .from(registers)
    .where(
      and(eq(registers.agencyId, agencyId), eq(registers.direction, direction), eq(registers.secret, secret)),
    );
  if (found[0]) return found[0];
  const name =
    direction === 'outgoing' ? (secret ? NAMES.outgoing_secret : NAMES.outgoing) : NAMES[direction];
  await db.insert(registers).values({ agencyId, direction, secret, name }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(registers)
    .where(
      and(eq(registers.agencyId, agencyId), eq(registers.direction, direction), eq(registers.secret, secret)),
    );
  return row!;
}

/**
 * Takes the next number of the agency's register of a kind (created on first use) for a year:
 * consecutive, restarting at 1 on 1 January (Decree 30/2020, Art. 15.1, 22.2). The counter row is
 * locked by the upsert until the caller's transaction ends, so concurrent registrations queue and a
 * rolled-back one gives its number back: no gaps, no duplicates. One statement on the hot path.
 */
export async function takeNumber(
  db: Db,
  agencyId: string,
  direction: RegisterKind,
  year: number,
  secret = false,
): Promise<{ registerId: string; number: number }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [r] = await hotRows<{ register_id: string; last_number: number }>(
      db,
      numberSql(agencyId, direction, year, secret),
    );
    if (r) return { registerId: r.register_id, number: r.last_number };
    await registerFor(db, agencyId, direction, secret);
  }
  throw new Error(`no ${direction} register for agency ${agencyId}`);
}

/**
 * The statement behind takeNumber (RETURNING register_id, last_number; no row while the register does
 * not exist yet, or when `when` is false), for a hot path that puts it in a WITH of its own.
 */
export function numberSql(
  agencyId: string,
  direction: RegisterKind,
  year: number,
  secret = false,
  when?: SQL,
): SQL {
  return sql`INSERT INTO register_counters (register_id, year, last_number)
      SELECT r.id, ${year}, 1 FROM registers r
       WHERE r.agency_id = ${agencyId} AND r.direction = ${direction} AND r.secret = ${secret} ${when ? sql`AND ${when}` : sql``}
      ON CONFLICT (register_id, year) DO UPDATE SET last_number = register_counters.last_number + 1
      RETURNING register_id, last_number`;
}

/**
 * A number as printed, in SQL: two digits below 10 ("05"), as `formatNumber` (shared/documents/
 * decree30.ts) writes it, for a statement that takes the number and prints it in the same step.
 */
export function numberTextSql(n: SQL): SQL {
  return sql`(CASE WHEN ${n} < 10 THEN '0' || ${n}::text ELSE ${n}::text END)`;
}

// The year and date in Vietnam of an instant; kept importable from here for this module's files.
export { vnDate, vnYear } from '../../../shared/calendar/vn-time.ts';
