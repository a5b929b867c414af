import { type SQL, sql } from 'drizzle-orm';
import type { DocumentStatus } from '../../../shared/documents/workflow.ts';
import type { DocumentListQuery } from '../../../shared/schemas/documents.ts';
import { normalizeVi, searchTerms } from '../../../shared/vi-text.ts';
import { rows } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { personNameSql } from '../people/index.ts';
import { visibleTo } from './access.ts';
import { vnDate } from './registers.ts';

export interface ListRow {
  id: string;
  direction: 'incoming' | 'outgoing';
  status: DocumentStatus;
  type_code: string;
  summary: string;
  number_notation: string | null;
  issued_date: string | null;
  issuer_name: string | null;
  secrecy: string;
  urgency: string;
  arrival_number: number | null;
  arrived_at: Date | null;
  due_date: string | null;
  holder_id: string | null;
  holder_name: string | null;
  created_at: Date;
  /** created_at as PostgreSQL prints it (microseconds kept) for the cursor; a JS Date would drop them. */
  created_key: string;
  file_head: string | null;
  hit: boolean;
}

/** Which rows each box (the role's work lists) holds, on top of what the person may see at all. */
function boxCondition(ctx: Ctx, box: DocumentListQuery['box'], today: string): SQL {
  const me = ctx.actor.personId;
  const myAssignment = sql`EXISTS (SELECT 1 FROM document_assignments s WHERE s.document_id = d.id AND s.status = 'open'
      AND (s.person_id = ${me} OR (s.division_id = ${ctx.actor.divisionId ?? null}::uuid AND s.role <> 'info')))`;
  switch (box) {
    case 'incoming':
      return sql`d.direction = 'incoming' AND d.status <> 'pending'`;
    case 'to_register':
      return sql`d.direction = 'incoming' AND d.status = 'pending'`;
    case 'to_direct':
      return sql`d.direction = 'incoming' AND d.status = 'submitted' AND d.holder_id = ${me}`;
    case 'to_handle':
      return sql`d.direction = 'incoming' AND d.status = 'assigned' AND ${myAssignment}`;
    case 'handled':
      return sql`d.direction = 'incoming' AND EXISTS (SELECT 1 FROM document_assignments s WHERE s.document_id = d.id AND s.person_id = ${me} AND s.status = 'done')`;
    case 'drafts':
      return sql`d.direction = 'outgoing' AND d.drafter_id = ${me} AND d.status IN ('draft', 'returned', 'in_review')`;
    case 'to_review':
      return sql`d.direction = 'outgoing' AND d.status = 'in_review' AND d.holder_id = ${me}`;
    case 'to_release':
      return sql`d.direction = 'outgoing' AND d.status = 'signed'`;
    case 'outgoing':
    case 'sent':
      return sql`d.direction = 'outgoing' AND d.status IN ('released', 'recalled')`;
    case 'due_soon':
      return sql`d.direction = 'incoming' AND d.status IN ('registered', 'submitted', 'assigned') AND d.due_date BETWEEN ${today}::date AND ${today}::date + 3`;
    case 'overdue':
      return sql`d.direction = 'incoming' AND d.status IN ('registered', 'submitted', 'assigned') AND d.due_date < ${today}::date`;
  }
}

/** The direction every box holds: the window of a search walks the agency's documents of it. */
const BOX_DIRECTION: Record<DocumentListQuery['box'], 'incoming' | 'outgoing'> = {
  incoming: 'incoming',
  to_register: 'incoming',
  to_direct: 'incoming',
  to_handle: 'incoming',
  handled: 'incoming',
  due_soon: 'incoming',
  overdue: 'incoming',
  outgoing: 'outgoing',
  sent: 'outgoing',
  drafts: 'outgoing',
  to_review: 'outgoing',
  to_release: 'outgoing',
};

/**
 * How many of the agency's newest documents a search reads before it asks the full-text index for
 * older ones. Ordinary words match a few percent of an agency's documents, so the page is usually
 * full inside this window, read in index order with no sort (bench/README.md, finding 1).
 */
export const SEARCH_WINDOW = 2000;

export interface ListOptions {
  /** Overrides SEARCH_WINDOW (tests use a tiny window to cross into the fallback). */
  window?: number;
  /** Overrides TO_HANDLE_BATCH (tests use a tiny batch to cross batches). */
  batch?: number;
}

/**
 * Open assignments read per step of the "to handle" walk, at least: a step reads as many as the page
 * needs (51), since nearly every open assignment's document passes the filters; the walk goes on
 * only when some did not. (200 per step cost 200 document probes for a page of 50.)
 */
export const TO_HANDLE_BATCH = 16;

/**
 * "To handle", newest assignment first: the person's open assignments (personal, or their division's
 * as lead or co-handler) come from the assignment indexes in time order, a batch at a time, and only
 * those documents are read and filtered, until the page is full. Ordered by the document's own time,
 * the busiest officer's list read and sorted all 731 documents for each page (bench/README.md,
 * finding 2). The cursor holds the assignment time.
 */
async function toHandle(ctx: Ctx, where: SQL[], want: number, after: Key | null, batch: number) {
  const me = ctx.actor.personId;
  const division = ctx.actor.divisionId;
  const mineOf = (alias: string) =>
    sql`${sql.raw(alias)}.status = 'open' AND (${sql.raw(alias)}.person_id = ${me}${
      division
        ? sql` OR (${sql.raw(alias)}.division_id = ${division} AND ${sql.raw(alias)}.role <> 'info')`
        : sql``
    })`;
  const out: ListRow[] = [];
  let from = after ? { at: after[1], id: after[2] } : null;
  for (;;) {
    const before = from
      ? sql`AND (s.created_at, s.document_id) < (${from.at}::timestamptz, ${from.id}::uuid)`
      : sql``;
    // Each document once, at its newest open assignment of mine: a person's and a division's
    // assignment of the same document would otherwise both be listed. A branch that returns fewer
    // than `batch` rows is exhausted; UNION drops a row that both branches return.
    const branch = (cond: SQL) => sql`(SELECT s.id, s.document_id, s.created_at FROM document_assignments s
          WHERE ${cond} AND s.status = 'open' ${before}
            AND NOT EXISTS (SELECT 1 FROM document_assignments n WHERE n.document_id = s.document_id AND ${mineOf('n')}
                              AND (n.created_at, n.id) > (s.created_at, s.id))
          ORDER BY s.created_at DESC, s.document_id DESC LIMIT ${batch})`;
    const candidates = await rows<{ document_id: string; at: string }>(
      ctx.db,
      sql`SELECT s.document_id, s.created_at::text AS at FROM (
            ${branch(sql`s.person_id = ${me}`)}
            ${division ? sql`UNION ${branch(sql`s.division_id = ${division} AND s.role <> 'info'`)}` : sql``}
          ) s
          ORDER BY s.created_at DESC, s.document_id DESC LIMIT ${batch}`,
    );
    if (candidates.length === 0) return out;
    const page = await rows<ListRow>(
      ctx.db,
      sql`SELECT d.id, d.direction, d.status, d.type_code, d.summary, d.number_notation, d.issued_date::text AS issued_date,
                 d.issuer_name, d.secrecy, d.urgency, d.arrival_number, d.arrived_at, d.due_date::text AS due_date,
                 d.holder_id, d.created_at, a.at AS created_key, NULL AS file_head, false AS hit,
                 ${personNameSql(sql`d.holder_id`)} AS holder_name
            FROM unnest(${`{${candidates.map((c) => c.document_id).join(',')}}`}::uuid[],
                        ${`{${candidates.map((c) => `"${c.at}"`).join(',')}}`}::text[]) AS a(id, at)
            JOIN documents d ON d.id = a.id
           WHERE ${sql.join(where, sql` AND `)}
           ORDER BY a.at::timestamptz DESC, d.id DESC
           LIMIT ${want - out.length}`,
    );
    out.push(...page);
    if (out.length >= want || candidates.length < batch) return out;
    const last = candidates[candidates.length - 1]!;
    from = { at: last.at, id: last.document_id };
  }
}

type Key = [boolean, string, string];

const keysetBefore = (k: Key) => sql`(d.created_at, d.id) < (${k[1]}::timestamptz, ${k[2]}::uuid)`;

/** One page of rows passing `where`, newest first, read from `from` (a table or a window over it). */
function selectPage(ctx: Ctx, from: SQL, where: SQL[], limit: number, hit: boolean, withText: boolean) {
  return rows<ListRow>(
    ctx.db,
    // The page is chosen first, then each of its rows looks up the holder's name by primary key: a join
    // let a misestimated plan (1 row expected) scan all of people once per row (bench/README.md).
    sql`SELECT p.*, ${personNameSql(sql`p.holder_id`)} AS holder_name FROM (
          SELECT d.id, d.direction, d.status, d.type_code, d.summary, d.number_notation, d.issued_date::text AS issued_date,
                 d.issuer_name, d.secrecy, d.urgency, d.arrival_number, d.arrived_at, d.due_date::text AS due_date,
                 d.holder_id, d.created_at, d.created_at::text AS created_key,
                 ${withText ? sql`left(d.file_text, 4000)` : sql`NULL`} AS file_head, ${sql.raw(hit ? 'true' : 'false')} AS hit
            FROM ${from}
           WHERE ${sql.join(where, sql` AND `)}
           ORDER BY d.created_at DESC, d.id DESC
           LIMIT ${limit}) p
        ORDER BY p.created_at DESC, p.id DESC`,
  );
}

/**
 * A keyset-paginated list (newest first) of documents the person may see, in one of their boxes,
 * with filters and diacritics-free full-text search over metadata and file text. With a query,
 * documents whose number/notation matches come first.
 */
export async function listDocuments(ctx: Ctx, q: DocumentListQuery, opts: ListOptions = {}) {
  const today = vnDate(ctx.now());
  const where: SQL[] = [visibleTo(ctx.actor), boxCondition(ctx, q.box, today)];
  if (q.typeCode) where.push(sql`d.type_code = ${q.typeCode}`);
  if (q.status) where.push(sql`d.status = ${q.status}`);
  if (q.secrecy) where.push(sql`d.secrecy = ${q.secrecy}`);
  if (q.urgency) where.push(sql`d.urgency = ${q.urgency}`);
  if (q.issuer)
    where.push(
      sql`lt_norm(coalesce(d.issuer_name, '')) LIKE ${`%${normalizeVi(q.issuer).replace(/[%_\\]/g, '')}%`}`,
    );
  if (q.from) where.push(sql`coalesce(d.issued_date, d.created_at::date) >= ${q.from}::date`);
  if (q.to) where.push(sql`coalesce(d.issued_date, d.created_at::date) <= ${q.to}::date`);
  const after = decodeCursor(q.cursor, 3) as Key | null;
  const terms = q.q ? searchTerms(q.q).slice(0, 12) : [];
  const list = terms.length
    ? await search(ctx, q, where, terms, after, opts.window ?? SEARCH_WINDOW)
    : q.box === 'to_handle'
      ? await toHandle(ctx, where, q.limit + 1, after, opts.batch ?? Math.max(q.limit + 1, TO_HANDLE_BATCH))
      : await selectPage(
          ctx,
          sql`documents d`,
          after ? [...where, keysetBefore(after)] : where,
          q.limit + 1,
          false,
          false,
        );
  const more = list.length > q.limit;
  const items = list.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({
      row: r,
      snippet: terms.length ? snippet(`${r.summary} … ${r.file_head ?? ''}`, terms) : undefined,
    })),
    nextCursor: more && last ? encodeCursor([last.hit, last.created_key, last.id]) : null,
  };
}

/**
 * A search page (limit + 1 rows when there are more) in two parts. First the documents whose
 * number/notation holds the terms in order ("10 2006", "ct-ttg" typed as the number), newest
 * first: few rows, found through the trigram index. Then the other text matches, newest first,
 * read from a window of the agency's newest documents and, when that window does not fill the
 * page, from the full-text index for older ones. The cursor's first element says which part a
 * page ended in. Sorting every match by "is a number match" would read all of them (thousands
 * for ordinary words) before the first row could be returned.
 */
async function search(
  ctx: Ctx,
  q: DocumentListQuery,
  where: SQL[],
  terms: string[],
  after: Key | null,
  window: number,
): Promise<ListRow[]> {
  const tsquery = terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(' & ');
  const text = sql`d.search_vector @@ to_tsquery('simple', ${tsquery})`;
  // number_norm is never NULL (lt_norm of coalesce(…, '')), so NOT LIKE is the exact complement.
  const numberLike = `%${terms.join('%')}%`;
  const want = q.limit + 1;
  const out: ListRow[] = [];
  if (!after || after[0]) {
    const w = [...where, text];
    if (after) w.push(keysetBefore(after));
    // Number matches are few: the trigram index finds them first (OFFSET 0 keeps the subquery apart,
    // or the planner, underestimating the text match, reads every text match of the province).
    const numbered = sql`(SELECT * FROM documents d
         WHERE d.agency_id = ${ctx.actor.agencyId} AND d.number_norm LIKE ${numberLike} OFFSET 0) d`;
    out.push(...(await selectPage(ctx, numbered, w, want, true, true)));
    if (out.length >= want) return out;
  }
  const rest = [...where, text, sql`d.number_norm NOT LIKE ${numberLike}`];
  const from = after && !after[0] ? after : null;
  const need = want - out.length;
  // The window: the agency's newest documents of the box's direction, in index order. A subquery
  // with LIMIT is not flattened, so the planner reads it first and filters it, stopping at the page.
  const direction = BOX_DIRECTION[q.box];
  const newest = sql`(SELECT * FROM documents d
       WHERE d.agency_id = ${ctx.actor.agencyId} AND d.direction = ${direction} ${from ? sql`AND ${keysetBefore(from)}` : sql``}
       ORDER BY d.created_at DESC, d.id DESC LIMIT ${window}) d`;
  const inWindow = await selectPage(ctx, newest, rest, need, false, true);
  out.push(...inWindow);
  if (inWindow.length >= need) return out;
  // Older than the window: its last row is the boundary; the full-text index finds the rest.
  const [edge] = await rows<{ created_key: string; id: string }>(
    ctx.db,
    sql`SELECT d.created_at::text AS created_key, d.id FROM documents d
         WHERE d.agency_id = ${ctx.actor.agencyId} AND d.direction = ${direction} ${from ? sql`AND ${keysetBefore(from)}` : sql``}
         ORDER BY d.created_at DESC, d.id DESC OFFSET ${window - 1} LIMIT 1`,
  );
  if (!edge) return out;
  const older = [...rest, keysetBefore([false, edge.created_key, edge.id])];
  out.push(...(await selectPage(ctx, sql`documents d`, older, need - inWindow.length, false, true)));
  return out;
}

/**
 * A short excerpt around the first matching term with every match in <mark>, computed on the
 * original text: normalising one character at a time keeps positions aligned with the original.
 */
// Each distinct character is normalised once; a search page then costs a table lookup per character
// (normalising character by character cost 68 ms per page of 50 results with file text).
const folded = new Map<string, string>();
function foldChar(ch: string): string {
  let f = folded.get(ch);
  if (f === undefined) {
    f = (normalizeVi(ch) || ' ')[0] ?? ' ';
    if (folded.size < 10_000) folded.set(ch, f);
  }
  return f;
}

const ASCII_FOLD = Array.from({ length: 128 }, (_, c) => foldChar(String.fromCharCode(c)));
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The excerpt of `text` around the first place a search term starts a word, with every term that
 * starts a word in it marked. Terms are folded words (searchTerms: a–z, 0–9). The text is folded one
 * UTF-16 unit at a time (Vietnamese letters are one unit, so positions match) and only as far as the
 * excerpt needs: first in growing prefixes until the earliest match is known, then to the excerpt's
 * end. Folding all of a document's 4,000 characters of file text for every item cost 15 ms per page
 * of 50 results.
 */
export function snippet(text: string, terms: string[], width = 160): string {
  let longest = 1;
  for (const t of terms) longest = Math.max(longest, t.length);
  let flat = '';
  const foldTo = (n: number) => {
    const stop = Math.min(text.length, n);
    let add = '';
    for (let i = flat.length; i < stop; i++) {
      const c = text.charCodeAt(i);
      add += c < 128 ? ASCII_FOLD[c]! : foldChar(text[i]!);
    }
    flat += add;
  };
  const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  /** The first match of `t` at or after `from` that starts a word, or -1. */
  const nextMatch = (t: string, from: number) => {
    let at = flat.indexOf(t, from);
    while (at > 0 && isWordChar(flat.charCodeAt(at - 1))) at = flat.indexOf(t, at + t.length);
    return at;
  };
  // A match wholly inside the folded prefix is final, so once the prefix reaches past the earliest
  // match found by a term's length, no earlier one can appear.
  let first = -1;
  for (let n = 256; ; n *= 2) {
    foldTo(n);
    first = -1;
    for (const t of terms) {
      const at = nextMatch(t, 0);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    if (flat.length >= text.length || (first >= 0 && flat.length >= first + longest)) break;
  }
  let start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(width / 4));
  let end = Math.min(text.length, start + width);
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
  foldTo(end + longest);
  const marks = new Uint8Array(end - start + 2);
  for (const t of terms)
    for (
      let at = nextMatch(t, Math.max(0, start - longest));
      at >= 0 && at < end;
      at = nextMatch(t, at + t.length)
    )
      for (let i = Math.max(at, start); i < Math.min(at + t.length, end); i++) marks[i - start + 1] = 1;
  let out = start > 0 ? '…' : '';
  for (let i = start; i < end; i++) {
    const ch = text[i]!.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
    const m = marks[i - start + 1];
    if (m && !marks[i - start]) out += '<mark>';
    out += ch;
    if (m && !marks[i - start + 2]) out += '</mark>';
  }
  return end < text.length ? `${out}…` : out;
}

/**
 * How many documents wait in each of these boxes for the person, counted up to `cap` (a home page
 * shows "50+" beyond): the first page of each box, so the same indexes and visibility as the lists.
 */
export async function waitingCounts<B extends DocumentListQuery['box']>(
  ctx: Ctx,
  boxes: readonly B[],
  cap = 50,
): Promise<{ box: B; count: number; more: boolean }[]> {
  const out: { box: B; count: number; more: boolean }[] = [];
  for (const box of boxes) {
    const page = await listDocuments(ctx, { box, limit: cap });
    out.push({ box, count: page.items.length, more: page.nextCursor !== null });
  }
  return out;
}
