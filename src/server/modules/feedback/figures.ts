import { type SQL, sql } from 'drizzle-orm';
import { vnDayEnd, vnDayStart } from '../../../shared/calendar/index.ts';
import type { Figures, FiguresQuery } from '../../../shared/feedback/api.ts';
import { type Db, rows } from '../../db/client.ts';
import { findAgencies } from '../agencies/index.ts';

/*
 * The feedback figures of a period: received, settled in time and late, still open past their limit,
 * forwarded, refused, duplicates, by kind, field, agency and month; and the two QĐ 766 figures this
 * data gives — the share settled on time (of those settled in the period) and the share of ratings
 * that are satisfied (4 or 5 of 5). Counts only: no text, no sender, so a denunciation adds one to a
 * number and nothing else. An item counts for the agency handling it.
 */

export function periodOf(q: Pick<FiguresQuery, 'year' | 'month' | 'quarter'>) {
  const pad = (n: number) => String(n).padStart(2, '0');
  let from = `${q.year}-01-01`;
  let to = `${q.year}-12-31`;
  let label = `Năm ${q.year}`;
  if (q.month) {
    const last = new Date(Date.UTC(q.year, q.month, 0)).getUTCDate();
    from = `${q.year}-${pad(q.month)}-01`;
    to = `${q.year}-${pad(q.month)}-${pad(last)}`;
    label = `Tháng ${q.month}/${q.year}`;
  } else if (q.quarter) {
    const m1 = (q.quarter - 1) * 3 + 1;
    const last = new Date(Date.UTC(q.year, m1 + 2, 0)).getUTCDate();
    from = `${q.year}-${pad(m1)}-01`;
    to = `${q.year}-${pad(m1 + 2)}-${pad(last)}`;
    label = `Quý ${q.quarter}/${q.year}`;
  }
  return {
    from,
    to,
    label,
    start: new Date(vnDayStart(from)),
    end: new Date(new Date(vnDayEnd(to)).getTime() + 1),
  };
}

const n = (v: unknown) => Number(v ?? 0);

export async function computeFigures(
  db: Db,
  q: FiguresQuery,
  agencyId: string | null,
  now: Date,
): Promise<Figures> {
  const p = periodOf(q);
  const scope: SQL = agencyId ? sql`agency_id = ${agencyId}` : sql`true`;
  const cut = now < p.end ? now : p.end;
  const [t] = await rows<Record<string, unknown>>(
    db,
    sql`SELECT
          count(*) FILTER (WHERE received_at >= ${p.start} AND received_at < ${p.end}) AS received,
          count(*) FILTER (WHERE status = 'settled' AND settled_at >= ${p.start} AND settled_at < ${p.end}) AS settled,
          count(*) FILTER (WHERE status = 'settled' AND settled_at >= ${p.start} AND settled_at < ${p.end} AND settled_at <= settle_due_at) AS on_time,
          count(*) FILTER (WHERE status = 'settled' AND settled_at >= ${p.start} AND settled_at < ${p.end} AND settled_at > settle_due_at) AS late,
          count(*) FILTER (WHERE received_at < ${p.end} AND (status IN ('received','accepted') OR settled_at >= ${cut})
                             AND (CASE WHEN status = 'received' OR accepted_at >= ${cut} OR accepted_at IS NULL THEN classify_due_at ELSE settle_due_at END) < ${cut}) AS open_overdue,
          count(*) FILTER (WHERE received_at < ${p.end} AND (status IN ('received','accepted') OR settled_at >= ${cut})) AS open,
          count(*) FILTER (WHERE received_at >= ${p.start} AND received_at < ${p.end} AND cardinality(forward_path) > 0) AS forwarded,
          count(*) FILTER (WHERE received_at >= ${p.start} AND received_at < ${p.end} AND status = 'refused') AS refused,
          count(*) FILTER (WHERE received_at >= ${p.start} AND received_at < ${p.end} AND status = 'duplicate') AS duplicates,
          count(*) FILTER (WHERE settled_at >= ${p.start} AND settled_at < ${p.end} AND satisfaction IS NOT NULL) AS rated,
          count(*) FILTER (WHERE settled_at >= ${p.start} AND settled_at < ${p.end} AND satisfaction >= 4) AS satisfied
        FROM feedback_items
        WHERE ${scope} AND received_at < ${p.end}
          AND (received_at >= ${p.start} OR status IN ('received','accepted') OR settled_at >= ${p.start})`,
  );
  const inPeriod = sql`${scope} AND received_at >= ${p.start} AND received_at < ${p.end}`;
  const settledIn = sql`status = 'settled' AND settled_at >= ${p.start} AND settled_at < ${p.end}`;
  const [byKind, byField, byAgency, byMonth] = await Promise.all([
    rows<Record<string, unknown>>(
      db,
      sql`SELECT kind, count(*) FILTER (WHERE received_at >= ${p.start}) AS received,
            count(*) FILTER (WHERE ${settledIn} AND settled_at <= settle_due_at) AS on_time,
            count(*) FILTER (WHERE ${settledIn} AND settled_at > settle_due_at) AS late
          FROM feedback_items WHERE ${scope} AND received_at < ${p.end}
            AND (received_at >= ${p.start} OR settled_at >= ${p.start})
          GROUP BY kind ORDER BY received DESC`,
    ),
    rows<Record<string, unknown>>(
      db,
      sql`SELECT coalesce(field, 'Chưa ghi lĩnh vực') AS field, count(*) AS received
          FROM feedback_items WHERE ${inPeriod} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12`,
    ),
    rows<Record<string, unknown>>(
      db,
      sql`SELECT agency_id, count(*) FILTER (WHERE received_at >= ${p.start}) AS received,
            count(*) FILTER (WHERE ${settledIn} AND settled_at <= settle_due_at) AS on_time,
            count(*) FILTER (WHERE ${settledIn} AND settled_at > settle_due_at) AS late
          FROM feedback_items WHERE ${scope} AND received_at < ${p.end}
            AND (received_at >= ${p.start} OR settled_at >= ${p.start})
          GROUP BY agency_id ORDER BY received DESC, agency_id LIMIT 40`,
    ),
    rows<Record<string, unknown>>(
      db,
      sql`SELECT to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month,
            count(*) AS received, count(*) FILTER (WHERE status = 'settled') AS settled
          FROM feedback_items
          WHERE ${scope} AND received_at >= ${new Date(vnDayStart(`${q.year}-01-01`))}
            AND received_at < ${new Date(new Date(vnDayEnd(`${q.year}-12-31`)).getTime() + 1)}
          GROUP BY 1 ORDER BY 1`,
    ),
  ]);
  const names = await findAgencies(
    db,
    byAgency.map((r) => String(r.agency_id)),
  );
  const settled = n(t?.settled);
  const rated = n(t?.rated);
  return {
    period: { from: p.from, to: p.to, label: p.label },
    scope: agencyId ? 'agency' : 'province',
    totals: {
      received: n(t?.received),
      settled,
      settledOnTime: n(t?.on_time),
      settledLate: n(t?.late),
      openOverdue: n(t?.open_overdue),
      open: n(t?.open),
      forwarded: n(t?.forwarded),
      refused: n(t?.refused),
      duplicates: n(t?.duplicates),
      rated,
      satisfied: n(t?.satisfied),
      onTimeRate: settled ? n(t?.on_time) / settled : null,
      satisfactionRate: rated ? n(t?.satisfied) / rated : null,
    },
    byKind: byKind.map((r) => ({
      kind: String(r.kind),
      received: n(r.received),
      onTime: n(r.on_time),
      late: n(r.late),
    })),
    byField: byField.map((r) => ({ field: String(r.field), received: n(r.received) })),
    byAgency: byAgency.map((r) => ({
      agencyId: String(r.agency_id),
      name: names.get(String(r.agency_id))?.name ?? '',
      received: n(r.received),
      onTime: n(r.on_time),
      late: n(r.late),
    })),
    byMonth: byMonth.map((r) => ({ month: String(r.month), received: n(r.received), settled: n(r.settled) })),
  };
}
