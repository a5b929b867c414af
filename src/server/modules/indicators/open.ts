/**
 * Open data: the catalogue of open indicators and their APPROVED values (an approved report of a
 * form holding the indicator, for that agency and period). Only public fields leave here: no
 * person, comment, revision or internal id.
 */
import { sql } from 'drizzle-orm';
import type { OpenValue } from '../../../shared/schemas/indicators-analysis.ts';
import { type Db, rows } from '../../db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { agencyRowsSql } from '../agencies/index.ts';

export interface OpenIndicatorRow {
  code: string;
  name: string;
  group: string;
  unit: string;
  periodicity: string;
  aggregation: string;
}

export async function openCatalogue(db: Db, q: { limit: number; cursor?: string }) {
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  const r = await rows<OpenIndicatorRow>(
    db,
    sql`SELECT i.code, i.name, g.name AS "group", i.unit, i.periodicity, i.aggregation
          FROM indicators i JOIN indicator_groups g ON g.id = i.group_id
         WHERE i.open AND i.active ${after ? sql`AND i.code > ${String(after[0])}` : sql``}
         ORDER BY i.code LIMIT ${q.limit + 1}`,
  );
  const items = r.slice(0, q.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: r.length > q.limit && last ? encodeCursor([last.code]) : null };
}

export async function openValues(
  db: Db,
  code: string,
  q: { period?: string; from?: string; to?: string; agency?: string; limit: number; cursor?: string },
): Promise<{ items: OpenValue[]; nextCursor: string | null }> {
  if (q.period && (q.from || q.to)) {
    throw new AppError('bad_request', 'Chỉ dùng một trong hai: kỳ (period) hoặc khoảng kỳ (from, to).');
  }
  const [ind] = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM indicators WHERE code = ${code} AND open AND active`,
  );
  if (!ind) throw new AppError('not_found', `Chỉ tiêu không tồn tại hoặc không được công khai: ${code}`);
  const after = decodeCursor(q.cursor, 3) as [string, string, string] | null;
  const r = await rows<{
    period: string;
    agency_code: string;
    option_code: string;
    value: string;
    official: boolean;
  }>(
    db,
    sql`SELECT v.period, a.agency_code, v.option_code, coalesce(v.official, v.estimate)::text AS value,
               (v.official IS NOT NULL) AS official
          FROM indicator_values v JOIN ${agencyRowsSql} a ON a.id = v.agency_id
         WHERE v.indicator_id = ${ind.id} AND a.agency_code IS NOT NULL
           AND coalesce(v.official, v.estimate) IS NOT NULL
           AND EXISTS (SELECT 1 FROM indicator_reports r JOIN indicator_form_items fi ON fi.form_id = r.form_id
                        WHERE fi.indicator_id = v.indicator_id AND r.agency_id = v.agency_id
                          AND r.period = v.period AND r.status = 'approved')
           ${q.period ? sql`AND v.period = ${q.period}` : sql``}
           ${q.from ? sql`AND v.period >= ${q.from}` : sql``}
           ${q.to ? sql`AND v.period <= ${q.to}` : sql``}
           ${q.agency ? sql`AND a.agency_code = ${q.agency}` : sql``}
           ${
             after
               ? sql`AND (v.period, a.agency_code, v.option_code) > (${String(after[0])}, ${String(after[1])}, ${String(after[2])})`
               : sql``
           }
         ORDER BY v.period, a.agency_code, v.option_code LIMIT ${q.limit + 1}`,
  );
  const items: OpenValue[] = r.slice(0, q.limit).map((x) => ({
    indicator: code,
    period: x.period,
    agencyCode: x.agency_code,
    option: x.option_code,
    value: Number(x.value),
    status: x.official ? 'chính thức' : 'ước',
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: r.length > q.limit && last ? encodeCursor([last.period, last.agencyCode, last.option]) : null,
  };
}

const cell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Rows as CSV with a header line (UTF-8 with a BOM). */
export function toCsv<T extends object>(header: (keyof T & string)[], items: T[]): string {
  const lines = [header.join(','), ...items.map((it) => header.map((h) => cell(it[h])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
