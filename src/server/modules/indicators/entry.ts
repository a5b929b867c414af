import { sql } from 'drizzle-orm';
import { formatViDate, viDateTime, vnDate } from '../../../shared/calendar/vn-time.ts';
import { periodLabel, sameLastYear } from '../../../shared/indicators/periods.ts';
import type {
  CellsInput,
  CellsSavedView,
  GridRowView,
  GridView,
  HistoryView,
  ValueKind,
} from '../../../shared/schemas/indicators-entry.ts';
import { type Db, rows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { roleAllows } from '../../platform/access/permissions.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, type FieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { personNameSql } from '../people/index.ts';
import { agencyChain } from './approval.ts';
import { readEntryUpload, type UploadError } from './entry-xlsx.ts';
import { type EntryState, entryStateFor } from './forms.ts';
import { parseCellValue } from './values.ts';

/*
 * Data entry: the grid of one form × period × agency (rows = the form's indicators, columns = the
 * total and the disaggregation's options; estimate and official figures side by side), and saving
 * cells — one typed in, a block pasted from a spreadsheet, or a whole form — all or nothing.
 *
 * Two people on one cell: a save names the revision it read; a newer revision on the server is a
 * 409 that says who saved what and when, and nothing of the request is written. Every change is kept
 * in indicator_value_history (who, when, before, after), and each value remembers the indicator's
 * version it was entered under, so a later change of definition rewrites nothing.
 */

interface FormIndicator {
  id: string;
  code: string;
  name: string;
  unit: string;
  value_type: 'number' | 'percent' | 'integer';
  decimals: number;
  version: number;
  options: { code: string; name: string }[] | null;
}

interface ValueRow {
  indicator_id: string;
  period: string;
  option_code: string;
  estimate: string | null;
  official: string | null;
  comment: string | null;
  rev: number;
  updated_at: string | Date | null;
  updated_by: string | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));
const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

async function formIndicators(db: Db, formId: string): Promise<FormIndicator[]> {
  return rows<FormIndicator>(
    db,
    sql`SELECT i.id, i.code, i.name, i.unit, i.value_type, i.decimals, i.version, d.options
          FROM indicator_form_items fi
          JOIN indicators i ON i.id = fi.indicator_id
          LEFT JOIN indicator_disaggregations d ON d.id = i.disaggregation_id
         WHERE fi.form_id = ${formId}
         ORDER BY fi.sort_order, i.code`,
  );
}

/** The agency a request is about (the person's own by default), and its place for this person. */
async function agencyFor(ctx: Ctx, agencyId: string | undefined) {
  const id = agencyId ?? ctx.actor.agencyId;
  if (!id) throw forbidden('Bạn chưa được giao chức vụ ở đơn vị nào.');
  const chain = await agencyChain(ctx.db, id);
  if (!chain.self) throw notFound('Đơn vị');
  const own = ctx.actor.agencyId === id;
  const above = chain.up.some((a) => a.id === ctx.actor.agencyId);
  return { agency: chain.self, own, canSee: own || above || ctx.actor.role === 'system_admin' };
}

function readOnlyReason(actor: Actor, own: boolean, s: EntryState): string | null {
  if (!own) return 'Bạn đang xem số liệu của đơn vị khác: chỉ xem, không sửa.';
  if (!actor.role || !roleAllows(actor.role, 'indicators.report'))
    return 'Chức vụ của bạn không nhập số liệu chỉ tiêu.';
  if (s.reportStatus === 'submitted') return 'Báo cáo đã gửi, đang chờ duyệt: không sửa được.';
  if (s.reportStatus === 'approved') return 'Báo cáo đã được duyệt: số liệu đã khóa.';
  if (s.state === 'not_open') return `Kỳ báo cáo chưa mở: mở nhập từ ngày ${viDate(s.calendar.opensOn)}.`;
  if (s.state === 'locked')
    return `Kỳ báo cáo đã khóa từ ngày ${viDate(s.calendar.locksOn)}; cần quản trị mở lại cho đơn vị.`;
  return null;
}

const viDate = formatViDate;

/** The entry grid. Readable by the agency itself, the agencies above it (approvers) and system administrators. */
export async function loadGrid(
  ctx: Ctx,
  formId: string,
  period: string,
  agencyId?: string,
): Promise<GridView> {
  const { agency, own, canSee } = await agencyFor(ctx, agencyId);
  if (!canSee) throw notFound('Báo cáo');
  const s = await entryStateFor(ctx.db, formId, agency.id, period, vnDate(ctx.now()));
  if (!s.assigned)
    throw new AppError('not_found', `${agency.name} không phải đơn vị báo cáo của biểu mẫu ${s.form.code}.`);
  const items = await formIndicators(ctx.db, formId);
  const before = sameLastYear(s.period).code;
  const ids = `{${items.map((i) => i.id).join(',')}}`;
  const values = await rows<ValueRow>(
    ctx.db,
    sql`SELECT v.indicator_id, v.period, v.option_code, v.estimate::text, v.official::text, v.comment, v.rev, v.updated_at,
               ${personNameSql(sql`v.updated_by_id`)} AS updated_by
          FROM indicator_values v
         WHERE v.agency_id = ${agency.id} AND v.indicator_id = ANY(${ids}::uuid[])
           AND v.period IN (${s.period.code}, ${before})`,
  );
  const plans = await rows<{ indicator_id: string; value: string }>(
    ctx.db,
    sql`SELECT indicator_id, value::text FROM indicator_targets
         WHERE agency_id = ${agency.id} AND year = ${s.period.year} AND indicator_id = ANY(${ids}::uuid[])`,
  );
  const reason = readOnlyReason(ctx.actor, own, s);
  return {
    form: { id: s.form.id, code: s.form.code, name: s.form.name, periodicity: s.form.periodicity },
    agency,
    period: s.period.code,
    periodLabel: periodLabel(s.period),
    lastYearPeriod: before,
    calendar: s.calendar,
    state: s.state,
    reportStatus: s.reportStatus,
    editable: reason === null,
    readOnlyReason: reason,
    rows: items.map((i): GridRowView => {
      const options = [{ code: '', name: 'Tổng số' }, ...(i.options ?? [])];
      const mine = values.filter((v) => v.indicator_id === i.id);
      const cells: GridRowView['cells'] = {};
      const lastYear: GridRowView['lastYear'] = {};
      for (const o of options) {
        const v = mine.find((x) => x.period === s.period.code && x.option_code === o.code);
        cells[o.code] = {
          estimate: num(v?.estimate ?? null),
          official: num(v?.official ?? null),
          comment: v?.comment ?? null,
          rev: v?.rev ?? 0,
          updatedAt: iso(v?.updated_at ?? null),
          updatedBy: v?.updated_by ?? null,
        };
        const ly = mine.find((x) => x.period === before && x.option_code === o.code);
        lastYear[o.code] = ly ? num(ly.official ?? ly.estimate) : null;
      }
      const plan = plans.find((p) => p.indicator_id === i.id);
      return {
        code: i.code,
        name: i.name,
        unit: i.unit,
        valueType: i.value_type,
        decimals: i.decimals,
        options,
        cells,
        lastYear,
        plan: plan ? Number(plan.value) : null,
      };
    }),
  };
}

/**
 * Saves cells of one form, period and agency: every cell is checked first (the indicator is on the
 * form, the option is one of its own, the value fits its type), then, in one transaction, the rows
 * are locked and their revisions compared, and the values, their history, the report (a draft) and
 * one audit row are written. Any error: nothing is written.
 */
export async function saveCells(
  ctx: Ctx,
  formId: string,
  period: string,
  input: CellsInput,
): Promise<CellsSavedView> {
  const { agency, own } = await agencyFor(ctx, input.agencyId);
  if (!own) throw forbidden(`Bạn không thuộc ${agency.name}, không nhập số liệu cho đơn vị này được.`);
  const s = await entryStateFor(ctx.db, formId, agency.id, period, vnDate(ctx.now()));
  if (!s.assigned)
    throw new AppError('not_found', `${agency.name} không phải đơn vị báo cáo của biểu mẫu ${s.form.code}.`);
  const reason = readOnlyReason(ctx.actor, own, s);
  if (reason) throw new AppError('conflict', reason);

  const items = new Map((await formIndicators(ctx.db, formId)).map((i) => [i.code, i]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const cells = input.cells.flatMap((c, n) => {
    const path = `cells.${n}`;
    const ind = items.get(c.indicator);
    if (!ind) {
      errors.push({
        path: `${path}.indicator`,
        message: `Chỉ tiêu ${c.indicator} không có trong biểu mẫu ${s.form.code}.`,
      });
      return [];
    }
    const opt = [{ code: '', name: 'Tổng số' }, ...(ind.options ?? [])].find((o) => o.code === c.option);
    if (!opt) {
      const known = (ind.options ?? []).map((o) => o.code).join(', ') || 'chỉ có Tổng số';
      errors.push({
        path: `${path}.option`,
        message: `Chỉ tiêu ${c.indicator} không có phân tổ «${c.option}» (có: ${known}).`,
      });
      return [];
    }
    const key = `${ind.id}|${c.option}`;
    if (seen.has(key)) {
      errors.push({ path, message: `Ô ${c.indicator} (${opt.name}) có hai lần trong cùng một lần lưu.` });
      return [];
    }
    seen.add(key);
    let value: number | null | undefined;
    if (c.value !== undefined) {
      const parsed = parseCellValue(c.value, ind);
      if ('error' in parsed) {
        errors.push({ path: `${path}.value`, message: `${c.indicator} (${opt.name}): ${parsed.error}` });
        return [];
      }
      value = parsed.value;
    }
    return [{ ind, option: c.option, optionName: opt.name, value, comment: c.comment, rev: c.rev }];
  });
  if (errors.length)
    throw new AppError('unprocessable', `Có ${errors.length} ô không hợp lệ; chưa lưu ô nào.`, {
      fields: errors,
    });

  return inTx(ctx, async (c) => {
    const current = await rows<ValueRow>(
      c.db,
      sql`SELECT v.indicator_id, v.period, v.option_code, v.estimate::text, v.official::text, v.comment, v.rev, v.updated_at,
                 ${personNameSql(sql`v.updated_by_id`)} AS updated_by
            FROM indicator_values v
           WHERE v.agency_id = ${agency.id} AND v.period = ${s.period.code}
             AND (v.indicator_id, v.option_code) IN (SELECT * FROM unnest(${`{${cells.map((x) => x.ind.id).join(',')}}`}::uuid[], ${pgTextArray(cells.map((x) => x.option))}::text[]))
           FOR UPDATE`,
    );
    const byKey = new Map(current.map((v) => [`${v.indicator_id}|${v.option_code}`, v]));
    const conflicts = cells.flatMap((x) => {
      const v = byKey.get(`${x.ind.id}|${x.option}`);
      const rev = v?.rev ?? 0;
      if (rev === x.rev) return [];
      const now = v ? num(v[input.kind]) : null;
      const when = v?.updated_at ? new Date(v.updated_at) : null;
      return [
        {
          path: `${x.ind.code}|${x.option}`,
          message: `Ô ${x.ind.code} (${x.optionName}) vừa được ${v?.updated_by ?? 'người khác'} sửa${when ? ` lúc ${viDateTime(when)}` : ''}${now === null ? '' : ` thành ${now}`}; tải lại để xem giá trị mới.`,
          current: { rev, value: now },
        },
      ];
    });
    if (conflicts.length)
      throw new AppError(
        'conflict',
        conflicts.length === 1
          ? conflicts[0]!.message
          : `${conflicts.length} ô vừa được người khác sửa; tải lại để xem giá trị mới. Chưa lưu ô nào.`,
        {
          fields: conflicts.map(({ path, message }) => ({ path, message })),
          extra: { conflicts: conflicts.map(({ path, current: cur }) => ({ cell: path, ...cur })) },
        },
      );

    const kind: ValueKind = input.kind;
    const out: CellsSavedView['saved'] = [];
    const upserts: Record<string, unknown>[] = [];
    const history: Record<string, unknown>[] = [];
    for (const x of cells) {
      const v = byKey.get(`${x.ind.id}|${x.option}`);
      const next = {
        estimate: num(v?.estimate ?? null),
        official: num(v?.official ?? null),
        comment: v?.comment ?? null,
      };
      const changes: [string, string | null, string | null][] = [];
      if (x.value !== undefined && x.value !== next[kind]) {
        changes.push([
          kind,
          next[kind] === null ? null : String(next[kind]),
          x.value === null ? null : String(x.value),
        ]);
        next[kind] = x.value;
      }
      const comment = x.comment === undefined ? next.comment : x.comment?.trim() || null;
      if (comment !== next.comment) {
        changes.push(['comment', next.comment, comment]);
        next.comment = comment;
      }
      const rev = changes.length ? (v?.rev ?? 0) + 1 : (v?.rev ?? 0);
      out.push({ indicator: x.ind.code, option: x.option, rev, ...next });
      if (!changes.length) continue;
      upserts.push({
        indicator_id: x.ind.id,
        option_code: x.option,
        estimate: next.estimate,
        official: next.official,
        comment: next.comment,
        indicator_version: x.ind.version,
        rev,
      });
      for (const [k, b, a] of changes)
        history.push({ indicator_id: x.ind.id, option_code: x.option, kind: k, before: b, after: a });
    }
    if (upserts.length) {
      await rows(
        c.db,
        sql`WITH up AS (
              INSERT INTO indicator_values (indicator_id, period, agency_id, option_code, estimate, official, comment,
                                            indicator_version, rev, updated_by_id, updated_at)
              SELECT x.indicator_id, ${s.period.code}, ${agency.id}, x.option_code, x.estimate, x.official, x.comment,
                     x.indicator_version, x.rev, ${c.actor.personId}::uuid, ${c.now().toISOString()}::timestamptz
                FROM jsonb_to_recordset(${JSON.stringify(upserts)}::jsonb)
                     AS x(indicator_id uuid, option_code text, estimate numeric, official numeric, comment text,
                          indicator_version int, rev int)
              ON CONFLICT (indicator_id, period, agency_id, option_code) DO UPDATE
                SET estimate = EXCLUDED.estimate, official = EXCLUDED.official, comment = EXCLUDED.comment,
                    indicator_version = EXCLUDED.indicator_version, rev = EXCLUDED.rev,
                    updated_by_id = EXCLUDED.updated_by_id, updated_at = EXCLUDED.updated_at
              RETURNING 1),
            hist AS (
              INSERT INTO indicator_value_history (indicator_id, period, agency_id, option_code, kind, before, after, by_id, created_at)
              SELECT h.indicator_id, ${s.period.code}, ${agency.id}, h.option_code, h.kind, h.before, h.after,
                     ${c.actor.personId}::uuid, ${c.now().toISOString()}::timestamptz
                FROM jsonb_to_recordset(${JSON.stringify(history)}::jsonb)
                     AS h(indicator_id uuid, option_code text, kind text, before text, after text)
              RETURNING 1),
            report AS (
              INSERT INTO indicator_reports (form_id, agency_id, period, status)
              VALUES (${formId}, ${agency.id}, ${s.period.code}, 'draft')
              ON CONFLICT DO NOTHING RETURNING 1)
            SELECT (SELECT count(*) FROM up) AS values, (SELECT count(*) FROM hist) AS history`,
      );
      await audit(c.db, c.actor, {
        action: 'indicators.values.save',
        entityType: 'indicator_report',
        entityId: `${formId}/${s.period.code}/${agency.id}`,
        agencyId: agency.id,
        detail: {
          form: s.form.code,
          period: s.period.code,
          kind,
          cells: upserts.length,
          changes: history.length,
        },
      });
    }
    return { saved: out };
  });
}

/** Every change of one cell, newest first. */
export async function cellHistory(
  ctx: Ctx,
  formId: string,
  period: string,
  q: { agencyId?: string; indicator: string; option: string },
): Promise<HistoryView> {
  const { agency, canSee } = await agencyFor(ctx, q.agencyId);
  if (!canSee) throw notFound('Báo cáo');
  const s = await entryStateFor(ctx.db, formId, agency.id, period, vnDate(ctx.now()));
  const r = await rows<{
    kind: 'estimate' | 'official' | 'comment';
    before: string | null;
    after: string | null;
    by: string | null;
    at: string | Date;
  }>(
    ctx.db,
    sql`SELECT vh.kind, vh.before, vh.after, ${personNameSql(sql`vh.by_id`)} AS "by", vh.created_at AS at
          FROM indicator_value_history vh
          JOIN indicators i ON i.id = vh.indicator_id AND i.code = ${q.indicator}
          JOIN indicator_form_items fi ON fi.indicator_id = i.id AND fi.form_id = ${formId}
         WHERE vh.agency_id = ${agency.id} AND vh.period = ${s.period.code} AND vh.option_code = ${q.option}
         ORDER BY vh.id DESC LIMIT 200`,
  );
  return { items: r.map((x) => ({ ...x, at: new Date(x.at).toISOString() })) };
}

/** A text[] literal for PostgreSQL, quoting each element (options may be ''). */
function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/**
 * A filled template uploaded: read strictly (entry-xlsx.ts), then saved as one block with the same
 * checks as typed cells; every error (of the file or of a value) names its row and column, and
 * nothing is written while there is one.
 */
export async function uploadEntry(
  ctx: Ctx,
  formId: string,
  period: string,
  q: { kind: ValueKind; agencyId?: string },
  data: Buffer,
  fileName: string,
): Promise<{ ok: boolean; saved: number; errors: UploadError[] }> {
  const grid = await loadGrid(ctx, formId, period, q.agencyId);
  if (!grid.editable)
    throw new AppError('conflict', grid.readOnlyReason ?? 'Không nhập được số liệu lúc này.');
  const read = await readEntryUpload(grid, data, fileName, ctx.config.UPLOAD_MAX_BYTES);
  if (read.errors.length) return { ok: false, saved: 0, errors: read.errors };
  if (!read.cells.length)
    return { ok: false, saved: 0, errors: [{ row: 0, column: '', message: 'Tệp không có số liệu nào.' }] };
  try {
    const r = await saveCells(ctx, formId, period, {
      agencyId: grid.agency.id,
      kind: q.kind,
      cells: read.cells,
    });
    return { ok: true, saved: r.saved.length, errors: [] };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'unprocessable' || !e.fields) throw e;
    const errors = e.fields.map((f) => {
      const at = read.where[Number(/^cells\.(\d+)/.exec(f.path)?.[1] ?? -1)];
      return {
        row: at?.row ?? 0,
        column: at?.column ?? '',
        message: at ? `Ô ${at.column}${at.row}: ${f.message}` : f.message,
      };
    });
    return { ok: false, saved: 0, errors };
  }
}
