import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../../db/client.ts';

/*
 * The issuing bodies a visitor can filter by (name and code: public facts), kept in process for a
 * minute: the search form shows them on every page, and they change a few times a year.
 */

export interface PublicIssuer {
  id: string;
  code: string;
  name: string;
}

const TTL_MS = 60_000;
let cached: { at: number; db: Db; list: PublicIssuer[]; byCode: Map<string, PublicIssuer> } | null = null;

export async function publicIssuers(
  db: Db,
  now = Date.now(),
): Promise<{ list: PublicIssuer[]; byCode: Map<string, PublicIssuer> }> {
  if (cached && cached.db === db && now - cached.at < TTL_MS) return cached;
  const list = await rows<PublicIssuer>(
    db,
    sql`SELECT id, code, name FROM legal_issuers ORDER BY level DESC, sort_order, name`,
  );
  cached = { at: now, db, list, byCode: new Map(list.map((i) => [i.code, i])) };
  return cached;
}

/** Forget the list (an issuer was added). */
export function forgetPublicIssuers(): void {
  cached = null;
}
