/**
 * The catalogue as a spreadsheet: export, and import as a dry run that lists every bad row and
 * column and writes nothing while there is one. Refused outright: macros (.xlsm, vbaProject),
 * merged cells, formulas, columns moved or missing (by header text), more than 5,000 rows.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PERIODICITIES, PERIODICITY_LABELS, type Periodicity } from '../../../shared/indicators/periods.ts';
import type {
  AGGREGATIONS,
  IndicatorInput,
  LEVELS,
  VALUE_TYPES,
} from '../../../shared/schemas/indicators-catalogue.ts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { activeAgenciesByName } from '../agencies/index.ts';
import {
  allIndicators,
  CODE_PATTERN,
  checkDefinition,
  createIndicatorIn,
  findIndicatorByCode,
  formulaCodes,
  listDisaggregations,
  listGroups,
  updateIndicatorIn,
} from './catalogue.ts';
import { openUploadedSheet } from './xlsx-read.ts';

export const COLUMNS = [
  'Mã',
  'Tên chỉ tiêu',
  'Nhóm',
  'Đơn vị tính',
  'Kỳ',
  'Kiểu giá trị',
  'Số chữ số thập phân',
  'Cách tổng hợp',
  'Chỉ tiêu trọng số',
  'Công thức',
  'Phân tổ',
  'Cấp báo cáo',
  'Cơ quan chịu trách nhiệm',
  'Chính thức',
] as const;

export const MAX_ROWS = 5000;

const VALUE_TYPE_VI: Record<(typeof VALUE_TYPES)[number], string> = {
  number: 'Số',
  percent: 'Phần trăm',
  integer: 'Số nguyên',
};
const AGGREGATION_VI: Record<(typeof AGGREGATIONS)[number], string> = {
  sum: 'Cộng',
  weighted_avg: 'Bình quân gia quyền',
  formula: 'Công thức',
  last: 'Lấy kỳ cuối',
  none: 'Không tổng hợp',
};
const LEVEL_VI: Record<(typeof LEVELS)[number], string> = {
  commune: 'Xã',
  district: 'Huyện',
  department: 'Sở, ngành',
  province: 'Tỉnh',
};

const reverse = <K extends string>(m: Record<K, string>) =>
  new Map(Object.entries(m).map(([k, v]) => [(v as string).toLowerCase(), k as K]));

export async function exportCatalogue(db: Db): Promise<Buffer> {
  const list = await allIndicators(db);
  const agencies = new Map((await activeAgenciesByName(db, 5000)).map((a) => [a.id, a.name]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh mục chỉ tiêu');
  ws.addRow([...COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const i of list)
    ws.addRow([
      i.code,
      i.name,
      i.groupCode,
      i.unit,
      PERIODICITY_LABELS[i.periodicity],
      VALUE_TYPE_VI[i.valueType],
      i.decimals,
      AGGREGATION_VI[i.aggregation],
      i.weightCode ?? '',
      i.formula ?? '',
      i.disaggregationCode ?? '',
      LEVEL_VI[i.level],
      i.responsibleAgencyId ? (agencies.get(i.responsibleAgencyId) ?? '') : '',
      i.official ? 'Có' : 'Không',
    ]);
  ws.columns.forEach((c, n) => {
    c.width = [10, 50, 8, 14, 10, 12, 10, 20, 12, 24, 14, 12, 30, 10][n];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

const colLetter = (n: number) => String.fromCharCode(64 + n);

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  return String(v).trim();
}

/**
 * Reads and checks a catalogue spreadsheet. Returns the definitions, or every error found (row and
 * column as Excel shows them: row 2 is the first indicator, columns A–N).
 */
export async function readCatalogue(
  db: Db,
  data: Buffer,
  fileName: string,
  maxBytes: number,
): Promise<{ defs: IndicatorInput[]; errors: ImportError[] }> {
  const ws = await openUploadedSheet(data, fileName, maxBytes);
  const errors: ImportError[] = [];
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  for (const m of merges)
    errors.push({ row: Number(/\d+/.exec(m)?.[0] ?? 0), column: m, message: `Không nhận ô gộp (${m}).` });
  const header = ws.getRow(1);
  COLUMNS.forEach((name, i) => {
    const got = cellText(header.getCell(i + 1).value);
    if (got.toLowerCase() !== name.toLowerCase())
      errors.push({
        row: 1,
        column: colLetter(i + 1),
        message: got
          ? `Cột ${colLetter(i + 1)} phải là "${name}", gặp "${got}".`
          : `Thiếu cột "${name}" (cột ${colLetter(i + 1)}).`,
      });
  });
  if (ws.actualRowCount - 1 > MAX_ROWS)
    throw new AppError(
      'bad_request',
      `Tệp có ${ws.actualRowCount - 1} dòng, tối đa ${MAX_ROWS} dòng chỉ tiêu.`,
    );
  if (errors.length) return { defs: [], errors };

  const groups = new Set((await listGroups(db)).map((g) => g.code));
  const disaggs = new Set((await listDisaggregations(db)).map((d) => d.code));
  const agencies = new Map((await activeAgenciesByName(db, 5000)).map((a) => [a.name.toLowerCase(), a.id]));
  const periodicities = new Map(
    PERIODICITIES.map((p) => [PERIODICITY_LABELS[p].toLowerCase(), p as Periodicity]),
  );
  const valueTypes = reverse(VALUE_TYPE_VI);
  const aggregations = reverse(AGGREGATION_VI);
  const levels = reverse(LEVEL_VI);

  const defs: { row: number; def: IndicatorInput }[] = [];
  const codesInFile = new Map<string, number>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r === 1) return;
    const err = (col: number, message: string) => errors.push({ row: r, column: colLetter(col), message });
    const t: string[] = [];
    let bad = false;
    for (let c = 1; c <= COLUMNS.length; c++) {
      const cell = row.getCell(c);
      if (cell.type === ExcelJS.ValueType.Formula) {
        err(c, `Ô ${colLetter(c)}${r} chứa công thức Excel; chỉ nhận giá trị.`);
        bad = true;
      }
      t.push(cellText(cell.value));
    }
    if (t.every((x) => x === '')) return;
    if (bad) return;
    const [code, name, group, unit, per, vt, dec, agg, weight, formula, dis, level, agency, official] = t as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const start = errors.length;
    if (!CODE_PATTERN.test(code))
      err(1, `Mã chỉ tiêu không hợp lệ: "${code}" (1–3 chữ in hoa rồi 2–6 chữ số).`);
    else if (codesInFile.has(code)) err(1, `Mã ${code} trùng với dòng ${codesInFile.get(code)}.`);
    else codesInFile.set(code, r);
    if (!name) err(2, 'Tên chỉ tiêu là bắt buộc.');
    if (!groups.has(group)) err(3, group ? `Nhóm chỉ tiêu không tồn tại: ${group}.` : 'Nhóm là bắt buộc.');
    if (!unit) err(4, 'Đơn vị tính là bắt buộc.');
    const periodicity = periodicities.get(per.toLowerCase());
    if (!periodicity) err(5, `Kỳ "${per}" không hợp lệ (Tháng, Quý, 6 tháng, 9 tháng, Năm).`);
    const valueType = valueTypes.get(vt.toLowerCase());
    if (!valueType) err(6, `Kiểu giá trị "${vt}" không hợp lệ (Số, Phần trăm, Số nguyên).`);
    const decimals = Number(dec);
    if (!/^\d$/.test(dec) || decimals > 6)
      err(7, `Số chữ số thập phân "${dec}" phải là số nguyên từ 0 đến 6.`);
    const aggregation = aggregations.get(agg.toLowerCase());
    if (!aggregation)
      err(
        8,
        `Cách tổng hợp "${agg}" không hợp lệ (Cộng, Bình quân gia quyền, Công thức, Lấy kỳ cuối, Không tổng hợp).`,
      );
    if (dis && !disaggs.has(dis)) err(11, `Phân tổ không tồn tại: ${dis}.`);
    const lv = levels.get(level.toLowerCase());
    if (!lv) err(12, `Cấp báo cáo "${level}" không hợp lệ (Xã, Huyện, Sở, ngành, Tỉnh).`);
    const agencyId = agency ? agencies.get(agency.toLowerCase()) : undefined;
    if (agency && !agencyId) err(13, `Cơ quan chịu trách nhiệm không tồn tại: ${agency}.`);
    if (!['có', 'không'].includes(official.toLowerCase()))
      err(14, `Chính thức phải là "Có" hoặc "Không", gặp "${official}".`);
    if (errors.length > start) return;
    defs.push({
      row: r,
      def: {
        code,
        name,
        groupCode: group,
        unit,
        periodicity: periodicity!,
        valueType: valueType!,
        decimals,
        aggregation: aggregation!,
        weightCode: weight || null,
        formula: formula || null,
        disaggregationCode: dis || null,
        level: lv!,
        responsibleAgencyId: agencyId ?? null,
        official: official.toLowerCase() === 'có',
      },
    });
  });

  // Weights, formulas and cycles against the catalogue as it would be after the import.
  const current = await allIndicators(db);
  const all = new Map<string, { weightCode: string | null; formula: string | null; aggregation: string }>(
    current.map((i) => [i.code, i]),
  );
  for (const { def } of defs)
    all.set(def.code, {
      weightCode: def.weightCode ?? null,
      formula: def.formula ?? null,
      aggregation: def.aggregation,
    });
  for (const { row, def } of defs) {
    const others = new Map(all);
    others.delete(def.code);
    try {
      checkDefinition(def, others);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const col = /trọng số/.test(e.detail) ? 9 : def.aggregation === 'formula' ? 10 : 8;
      errors.push({ row, column: colLetter(col), message: e.detail });
    }
  }
  errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return { defs: errors.length ? [] : orderByDependencies(defs.map((d) => d.def)), errors };
}

/** Definitions whose weight/formula codes come first (there is no cycle: checked before). */
function orderByDependencies(defs: IndicatorInput[]): IndicatorInput[] {
  const by = new Map(defs.map((d) => [d.code, d]));
  const out: IndicatorInput[] = [];
  const done = new Set<string>();
  const visit = (d: IndicatorInput) => {
    if (done.has(d.code)) return;
    done.add(d.code);
    const deps = [
      ...(d.aggregation === 'weighted_avg' && d.weightCode ? [d.weightCode] : []),
      ...(d.aggregation === 'formula' && d.formula ? formulaCodes(d.formula) : []),
    ];
    for (const c of deps) {
      const x = by.get(c);
      if (x) visit(x);
    }
    out.push(d);
  };
  for (const d of defs) visit(d);
  return out;
}

/** Whether a row of the file says what the catalogue already holds (then nothing is written). */
function sameDefinition(cur: Awaited<ReturnType<typeof findIndicatorByCode>> & object, def: IndicatorInput) {
  const norm = (v: unknown) => (v == null ? '' : String(v));
  return (
    [
      [cur.name, def.name],
      [cur.groupCode, def.groupCode],
      [cur.unit, def.unit],
      [cur.periodicity, def.periodicity],
      [cur.valueType, def.valueType],
      [cur.decimals, def.decimals],
      [cur.aggregation, def.aggregation],
      [cur.weightCode, def.aggregation === 'weighted_avg' ? def.weightCode : null],
      [cur.formula, def.aggregation === 'formula' ? def.formula : null],
      [cur.disaggregationCode, def.disaggregationCode],
      [cur.level, def.level],
      [cur.responsibleAgencyId, def.responsibleAgencyId],
      [cur.official, def.official],
    ] as const
  ).every(([a, b]) => norm(a) === norm(b));
}

/**
 * Imports a catalogue spreadsheet: nothing is written while there is an error (all listed); else
 * every row is created or updated (a new version when changed) in one transaction, with one audit
 * row naming the file's SHA-256.
 */
export async function importCatalogue(ctx: Ctx, data: Buffer, fileName: string) {
  const { defs, errors } = await readCatalogue(ctx.db, data, fileName, ctx.config.UPLOAD_MAX_BYTES);
  if (errors.length) return { ok: false, created: 0, updated: 0, errors };
  const sha256 = createHash('sha256').update(data).digest('hex');
  return inTx(ctx, async (tx) => {
    let created = 0;
    let updated = 0;
    for (const def of defs) {
      const cur = await findIndicatorByCode(tx.db, def.code);
      if (!cur) {
        await createIndicatorIn(tx, def);
        created++;
      } else if (!sameDefinition(cur, def)) {
        const after = await updateIndicatorIn(tx, def.code, {
          ...def,
          open: cur.open,
          active: cur.active,
          sortOrder: cur.sortOrder,
        });
        if (after.version !== cur.version) updated++;
      }
    }
    await audit(tx.db, tx.actor, {
      action: 'indicator.import',
      entityType: 'indicator',
      detail: { fileName, sha256, bytes: data.length, rows: defs.length, created, updated },
    });
    return { ok: true, created, updated, errors: [] as ImportError[] };
  });
}
