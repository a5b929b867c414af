import { type SQL, sql } from 'drizzle-orm';
import type { LegalDocumentSummary } from '../../../../shared/legal/api.ts';
import type { EffectStatus } from '../../../../shared/legal/statuses.ts';
import { searchTerms } from '../../../../shared/vi-text.ts';
import { type Db, rows } from '../../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { SUMMARY_COLUMNS, type SummaryRow, toSummary } from './store.ts';

/*
 * The one search of the legal base, for the signed-in list and the public pages alike. Without
 * diacritics: the terms are folded (searchTerms) and meet the generated columns (number_norm,
 * search_vector over number, title, summary and text). With words, the documents whose number holds
 * the terms in order come first (trigram index: "14 2019" or "qd-ubnd"), then the other text
 * matches; each part newest first by issue date, keyset-paginated. The cursor's first element says
 * which part a page ended in.
 */

export interface LegalSearch {
  q?: string;
  typeCode?: string;
  issuerId?: string;
  fieldCode?: number;
  year?: number;
  /** The cached status as of today (status.ts keeps it). */
  status?: EffectStatus;
  /** The cursor of the previous page. */
  after?: string;
  limit: number;
  /** The window of newest documents a word search reads first (tests make it small). */
  window?: number;
}

export interface LegalSearchPage {
  items: LegalDocumentSummary[];
  nextCursor?: string;
}

type Key = [boolean, string, string];

/** How many of the newest documents a word search reads before it turns to the full-text index. */
const WINDOW = 2000;

const before = (k: Key) => sql`(d.issued_date, d.id) < (${k[1]}::date, ${k[2]}::uuid)`;

async function page(
  db: Db,
  where: SQL[],
  limit: number,
  from = sql`legal_documents d`,
): Promise<SummaryRow[]> {
  return rows<SummaryRow>(
    db,
    sql`SELECT ${SUMMARY_COLUMNS} FROM ${from} JOIN legal_issuers i ON i.id = d.issuer_id
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY d.issued_date DESC, d.id DESC LIMIT ${limit}`,
  );
}

export async function searchLegal(db: Db, q: LegalSearch): Promise<LegalSearchPage> {
  const after = decodeCursor(q.after, 3) as Key | null;
  const where: SQL[] = [sql`true`];
  if (q.typeCode) where.push(sql`d.type_code = ${q.typeCode}`);
  if (q.issuerId) where.push(sql`d.issuer_id = ${q.issuerId}::uuid`);
  if (q.fieldCode) where.push(sql`d.field_code = ${q.fieldCode}`);
  if (q.year)
    where.push(
      sql`d.issued_date >= ${`${q.year}-01-01`}::date AND d.issued_date < ${`${q.year + 1}-01-01`}::date`,
    );
  if (q.status) where.push(sql`d.status_now = ${q.status}`);
  const terms = q.q ? searchTerms(q.q).slice(0, 12) : [];
  const want = q.limit + 1;
  const found: { row: SummaryRow; numberPart: boolean }[] = [];
  if (terms.length === 0) {
    const list = await page(db, after ? [...where, before(after)] : where, want);
    found.push(...list.map((row) => ({ row, numberPart: false })));
  } else {
    const numberLike = `%${terms.join('%')}%`;
    const tsquery = terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(' & ');
    if (!after || after[0]) {
      const w = [...where];
      if (after) w.push(before(after));
      // Number matches are few: the trigram index finds them first (OFFSET 0 keeps the subquery apart,
      // or the planner walks the issue-date index filtering every row by the pattern).
      const numbered = sql`(SELECT * FROM legal_documents d WHERE d.number_norm LIKE ${numberLike} OFFSET 0) d`;
      found.push(...(await page(db, w, want, numbered)).map((row) => ({ row, numberPart: true })));
    }
    if (found.length < want) {
      const text = [
        sql`d.search_vector @@ to_tsquery('simple', ${tsquery})`,
        sql`d.number_norm NOT LIKE ${numberLike}`,
      ];
      const from = after && !after[0] ? after : null;
      const base = from ? [...where, before(from)] : where;
      // Ordinary words match many documents: the newest WINDOW rows (issue-date index) are read and
      // filtered first. Rare words (a number inside a text) match few: older than the window, the
      // full-text index finds them (OFFSET 0 keeps that subquery apart, or the planner, misjudging
      // how rare the words are, walks the whole issue-date index filtering every row).
      const need = want - found.length;
      const window = q.window ?? WINDOW;
      const newest = sql`(SELECT * FROM legal_documents d WHERE ${sql.join(base, sql` AND `)}
           ORDER BY d.issued_date DESC, d.id DESC LIMIT ${window}) d`;
      const inWindow = await page(db, text, need, newest);
      found.push(...inWindow.map((row) => ({ row, numberPart: false })));
      if (inWindow.length < need) {
        const [edge] = await rows<{ issued_date: string; id: string }>(
          db,
          sql`SELECT d.issued_date::text AS issued_date, d.id FROM legal_documents d WHERE ${sql.join(base, sql` AND `)}
               ORDER BY d.issued_date DESC, d.id DESC OFFSET ${window - 1} LIMIT 1`,
        );
        if (edge) {
          const matching = sql`(SELECT * FROM legal_documents d
               WHERE d.search_vector @@ to_tsquery('simple', ${tsquery}) OFFSET 0) d`;
          const older = [...base, text[1]!, before([false, edge.issued_date, edge.id])];
          const rest = await page(db, older, need - inWindow.length, matching);
          found.push(...rest.map((row) => ({ row, numberPart: false })));
        }
      }
    }
  }
  const more = found.length > q.limit;
  const items = found.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map((f) => toSummary(f.row)),
    ...(more && last
      ? { nextCursor: encodeCursor([last.numberPart, last.row.issued_date, last.row.id]) }
      : {}),
  };
}
