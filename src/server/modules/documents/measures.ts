import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { personSignedSubjects } from '../signatures/index.ts';
import { visibleTo } from './access.ts';

/*
 * The measured figures of documents (issue 20): how outgoing documents travel, how incoming ones
 * arrive and whether they are handled by their due date. Each family is one relation of facts per
 * document ("released and every recipient got it electronically", "handled by the due date"), so
 * that the counts per agency and the list of the records behind a figure read the same rows with the
 * same conditions: the list always adds up to the figure.
 */

export interface MeasureWindow {
  /** The period, as instants: [from, to). */
  from: Date;
  to: Date;
  /** The earlier of the period's end and now: a due date before it has come. */
  cut: Date;
}

/** Vietnam has no daylight saving time: the calendar date of an instant is its UTC time + 7 h. */
const vnDate = (instant: SQL) => sql`(((${instant}) AT TIME ZONE 'UTC') + interval '7 hours')::date`;

type Family = 'out' | 'in' | 'due';

/** Per document: id, agency_id, at (its date in the period) and the family's facts. */
function facts(family: Family, w: MeasureWindow, scope: SQL): SQL {
  const from = w.from.toISOString();
  const to = w.to.toISOString();
  switch (family) {
    case 'out':
      return sql`(WITH rel AS (
          SELECT d.id, d.agency_id, d.released_at AS at FROM documents d
           WHERE d.direction = 'outgoing' AND d.status = 'released'
             AND d.released_at >= ${from}::timestamptz AND d.released_at < ${to}::timestamptz AND ${scope}),
        dl AS (
          SELECT x.document_id, count(*)::int AS sent, (count(*) FILTER (WHERE x.channel = 'paper'))::int AS paper
            FROM deliveries x JOIN rel ON rel.id = x.document_id GROUP BY x.document_id)
        SELECT rel.id, rel.agency_id, rel.at, coalesce(dl.sent, 0) AS sent, coalesce(dl.paper, 0) AS paper,
               sg.subject IS NOT NULL AS signed
          FROM rel LEFT JOIN dl ON dl.document_id = rel.id
          LEFT JOIN ${personSignedSubjects('document:')} sg ON sg.subject = 'document:' || rel.id::text)`;
    case 'in':
      return sql`(WITH inc AS (
          SELECT d.id, d.agency_id, d.arrived_at AS at, d.source FROM documents d
           WHERE d.direction = 'incoming' AND d.status IN ('registered', 'submitted', 'assigned', 'done')
             AND d.arrived_at >= ${from}::timestamptz AND d.arrived_at < ${to}::timestamptz AND ${scope}),
        fi AS (
          SELECT DISTINCT f.document_id FROM document_files f JOIN inc ON inc.id = f.document_id WHERE f.current)
        SELECT inc.id, inc.agency_id, inc.at, inc.source <> 'paper' AS electronic, fi.document_id IS NOT NULL AS has_file
          FROM inc LEFT JOIN fi ON fi.document_id = inc.id)`;
    case 'due': {
      // Due in the period (Vietnamese calendar dates); handled when its lead finished (or, with no
      // lead, when it was closed). Counted once handled, or once its due date has passed.
      const fromDate = vnDate(sql`${from}::timestamptz`);
      const lastDate = vnDate(sql`${to}::timestamptz - interval '1 millisecond'`);
      const cutDate = vnDate(sql`${w.cut.toISOString()}::timestamptz`);
      return sql`(WITH due AS (
          SELECT d.id, d.agency_id, d.due_date, d.status = 'done' AS done, d.updated_at FROM documents d
           WHERE d.direction = 'incoming' AND d.due_date >= ${fromDate} AND d.due_date <= ${lastDate}
             AND d.status IN ('registered', 'submitted', 'assigned', 'done') AND ${scope}),
        lead AS (
          SELECT a.document_id, max(a.done_at) AS done_at FROM document_assignments a JOIN due ON due.id = a.document_id
           WHERE a.role = 'lead' GROUP BY a.document_id)
        SELECT due.id, due.agency_id, due.due_date::timestamptz AS at,
               due.done OR due.due_date < ${cutDate} AS counted,
               due.done AND ${vnDate(sql`coalesce(lead.done_at, due.updated_at)`)} <= due.due_date AS on_time
          FROM due LEFT JOIN lead ON lead.document_id = due.id)`;
    }
  }
}

interface Definition {
  family: Family;
  numerator: SQL;
  denominator: SQL | null;
}

/** Each figure as two conditions over its family's facts (alias f). */
const DEFINITIONS = {
  outReleased: { family: 'out', numerator: sql`true`, denominator: null },
  outElectronic: { family: 'out', numerator: sql`f.sent > 0 AND f.paper = 0`, denominator: sql`f.sent > 0` },
  outPaperOnly: { family: 'out', numerator: sql`f.sent > 0 AND f.paper = f.sent`, denominator: null },
  outSigned: { family: 'out', numerator: sql`f.signed`, denominator: sql`true` },
  inReceived: { family: 'in', numerator: sql`true`, denominator: null },
  inElectronicWithFile: { family: 'in', numerator: sql`f.electronic AND f.has_file`, denominator: sql`true` },
  inOnTime: { family: 'due', numerator: sql`f.counted AND f.on_time`, denominator: sql`f.counted` },
} satisfies Record<string, Definition>;

export type DocumentMeasureKey = keyof typeof DEFINITIONS;
export const DOCUMENT_MEASURE_KEYS = Object.keys(DEFINITIONS) as DocumentMeasureKey[];

function scopeSql(agencyIds: string[] | null): SQL {
  return agencyIds === null ? sql`true` : sql`d.agency_id = ANY(${`{${agencyIds.join(',')}}`}::uuid[])`;
}

/**
 * The document figures of every agency in `agencyIds` (all when null) over a window: for each agency,
 * each figure's numerator and denominator. Three grouped scans (released, arrived, due), each over
 * its own index; nothing per document leaves the database.
 */
export async function documentMeasures(
  db: Db,
  w: MeasureWindow,
  agencyIds: string[] | null,
): Promise<Map<string, Record<DocumentMeasureKey, { n: number; d: number | null }>>> {
  const out = new Map<string, Record<DocumentMeasureKey, { n: number; d: number | null }>>();
  const scope = scopeSql(agencyIds);
  const families = (['out', 'in', 'due'] as const).map((family) => {
    const keys = DOCUMENT_MEASURE_KEYS.filter((k) => DEFINITIONS[k].family === family);
    const columns = keys.map((k) => {
      const def: Definition = DEFINITIONS[k];
      const den = def.denominator ? sql`count(*) FILTER (WHERE ${def.denominator})::int` : sql`NULL::int`;
      return sql`count(*) FILTER (WHERE ${def.numerator})::int AS ${sql.identifier(`${k}_n`)}, ${den} AS ${sql.identifier(`${k}_d`)}`;
    });
    return { keys, columns, family };
  });
  // The three scans are independent: on PostgreSQL they run at once on the pool's connections.
  const answers = await Promise.all(
    families.map(({ family, columns }) =>
      rows<Record<string, string | number | null>>(
        db,
        sql`SELECT f.agency_id, ${sql.join(columns, sql`, `)} FROM ${facts(family, w, scope)} f GROUP BY f.agency_id`,
      ),
    ),
  );
  for (const [i, { keys }] of families.entries()) {
    for (const r of answers[i]!) {
      const agencyId = String(r.agency_id);
      const entry = out.get(agencyId) ?? ({} as Record<DocumentMeasureKey, { n: number; d: number | null }>);
      for (const k of keys) {
        const d = r[`${k}_d`];
        entry[k] = { n: Number(r[`${k}_n`] ?? 0), d: d === null || d === undefined ? null : Number(d) };
      }
      out.set(agencyId, entry);
    }
  }
  return out;
}

export interface MeasureDocument {
  id: string;
  numberNotation: string | null;
  summary: string;
  direction: string;
  status: string;
  at: string;
  detail: string;
}

/**
 * The documents behind one figure of one agency (its numerator or its denominator), newest first,
 * by keyset; only those the actor may see (the documents' own rule), so a figure's list may be
 * shorter than its count for an officer who sees only his division's documents.
 */
export async function measureDocuments(
  db: Db,
  actor: Actor,
  q: {
    key: DocumentMeasureKey;
    part: 'numerator' | 'denominator';
    agencyId: string;
    window: MeasureWindow;
    after: [string, string] | null;
    limit: number;
  },
): Promise<MeasureDocument[]> {
  const def: Definition = DEFINITIONS[q.key];
  const condition = q.part === 'denominator' && def.denominator ? def.denominator : def.numerator;
  const after = q.after ? sql`AND (f.at, f.id) < (${q.after[0]}::timestamptz, ${q.after[1]}::uuid)` : sql``;
  const detail =
    def.family === 'out'
      ? sql`CASE WHEN f.sent = 0 THEN 'Không có nơi nhận' WHEN f.paper = 0 THEN 'Gửi điện tử' WHEN f.paper = f.sent THEN 'Chỉ bản giấy' ELSE 'Có nơi nhận bản giấy' END
              || CASE WHEN f.signed THEN ' · có chữ ký số' ELSE '' END`
      : def.family === 'in'
        ? sql`CASE WHEN f.electronic THEN 'Nhận qua mạng' ELSE 'Nhận bản giấy' END || CASE WHEN f.has_file THEN ' · có tệp' ELSE ' · không có tệp' END`
        : sql`CASE WHEN f.on_time THEN 'Giải quyết đúng hạn' WHEN f.counted THEN 'Chưa đúng hạn' ELSE 'Chưa đến hạn' END`;
  return rows<MeasureDocument>(
    db,
    sql`SELECT d.id, d.number_notation AS "numberNotation", d.summary, d.direction, d.status,
               f.at AS at, ${detail} AS detail
          FROM ${facts(def.family, q.window, sql`d.agency_id = ${q.agencyId}`)} f
          JOIN documents d ON d.id = f.id
         WHERE (${condition}) AND ${visibleTo(actor)} ${after}
         ORDER BY f.at DESC, f.id DESC
         LIMIT ${q.limit + 1}`,
  );
}
