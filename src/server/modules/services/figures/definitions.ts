import { type SQL, sql } from 'drizzle-orm';
import type { FigureKey } from '../../../../shared/services/figures.ts';

/*
 * Each QĐ 766 figure as two sets of dossiers (alias `d` = service_dossiers): the numerator and the
 * denominator. The table's counts and the drill-down lists use the same fragments, so the dossiers
 * behind a figure are exactly the ones it counted. `from`/`to` bound the period; `cut` is the
 * earlier of the period's end and now (a dossier still in progress is late once its date has passed).
 */

export interface Window {
  from: Date;
  to: Date;
  cut: Date;
}

export interface FigureSets {
  numerator: SQL;
  denominator: SQL | null;
}

export function figureSets(key: FigureKey, w: Window): FigureSets {
  const from = w.from.toISOString();
  const to = w.to.toISOString();
  const cut = w.cut.toISOString();
  const received = sql`(d.accepted_at >= ${from}::timestamptz AND d.accepted_at < ${to}::timestamptz)`;
  const finished = sql`(d.status IN (9, 10) AND d.finished_at >= ${from}::timestamptz AND d.finished_at < ${to}::timestamptz)`;
  // The legal deadline: the first promise moved only by the clock's pauses, never by an apology
  // (Mẫu 04 asks forgiveness for a late dossier; it does not make it on time).
  const deadline = sql`coalesce(d.original_due_at, d.due_at)`;
  const finishedOnTime = sql`(${finished} AND d.finished_at <= ${deadline})`;
  const inProgress = sql`(d.status IN (2, 4) AND d.accepted_at < ${to}::timestamptz)`;
  const inProgressInTime = sql`(${inProgress} AND ${deadline} >= ${cut}::timestamptz)`;
  switch (key) {
    case 'received':
      return { numerator: received, denominator: null };
    case 'finished':
      return { numerator: finished, denominator: null };
    case 'onTime':
      return { numerator: finishedOnTime, denominator: finished };
    case 'progress':
      return {
        numerator: sql`(${finishedOnTime} OR ${inProgressInTime})`,
        denominator: sql`(${finished} OR ${inProgress})`,
      };
    case 'online':
      return { numerator: sql`(${received} AND d.channel = 'online')`, denominator: received };
    case 'fullOnline':
      return {
        numerator: sql`(${received} AND d.online_level = 'full' AND d.channel = 'online')`,
        denominator: sql`(${received} AND d.online_level = 'full')`,
      };
    case 'satisfaction':
      return {
        numerator: sql`(${finishedOnTime} AND (d.rating IS NULL OR d.rating >= 3))`,
        denominator: finished,
      };
    case 'rating':
      // The mean's numerator is a sum (compute.ts); as a set, both parts are the rated dossiers.
      return { numerator: sql`(${finished} AND d.rating IS NOT NULL)`, denominator: null };
    case 'digitisedResults':
      return {
        numerator: sql`(${finished} AND (d.result_blob IS NOT NULL OR d.result_document_id IS NOT NULL))`,
        denominator: finished,
      };
    case 'overdue':
      return { numerator: sql`(${inProgress} AND ${deadline} < ${cut}::timestamptz)`, denominator: null };
  }
}

/** Rows that can count in any figure of the window: narrows the scan before the FILTERs. */
export function anyFigure(w: Window): SQL {
  return sql`(d.accepted_at < ${w.to.toISOString()}::timestamptz AND (d.accepted_at >= ${w.from.toISOString()}::timestamptz OR d.finished_at >= ${w.from.toISOString()}::timestamptz OR d.status IN (2, 4)))`;
}
