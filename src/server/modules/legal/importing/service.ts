import { createHash } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { vnDate } from '../../../../shared/calendar/vn-time.ts';
import { legalType } from '../../../../shared/legal/catalogue.ts';
import { insertRowsSql } from '../../../db/bulk.ts';
import { rows as rowsOf } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../../platform/context.ts';
import { AppError, forbidden } from '../../../platform/http/errors.ts';
import { recomputeStatuses } from '../records/status.ts';
import { legalDocuments, legalImports, legalIssuers } from '../schema.ts';
import { type CheckedRow, checkRows, type ImportError, type Issuer } from './check.ts';
import { type ColumnMapping, mapColumns } from './fields.ts';
import { readImportFile, type SheetRows } from './read-file.ts';

export interface ImportPreviewRow {
  row: number;
  numberNotation: string;
  typeName: string;
  issuerName: string;
  title: string;
  issuedDate: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  ok: boolean;
}

export interface ImportResult {
  id: string;
  state: 'checked' | 'imported' | 'failed';
  fileName: string;
  rows: number;
  headers: string[];
  mapping: ColumnMapping;
  errors: ImportError[];
  preview: ImportPreviewRow[];
  /** Documents written (a real run without errors). */
  imported: number;
}

/** Rows per INSERT: one statement's JSON parameter stays small; all run in the one transaction. */
const CHUNK = 1000;
/** The error list is the report a person works through; beyond this they fix the file first. */
const MAX_ERRORS = 1000;

/**
 * Imports a back catalogue: read, map the columns, check every row (catalogues, dates, numbers
 * repeated in the file or already in the base), keep the report in legal_imports; then, unless it is
 * a dry run or a row is wrong, write all rows in one transaction or none.
 */
export async function importCatalogue(
  ctx: Ctx,
  file: { data: Buffer; fileName: string },
  opts: { mapping?: ColumnMapping; dryRun: boolean },
): Promise<ImportResult> {
  const agencyId = ctx.actor.agencyId;
  if (!agencyId) throw forbidden('Hãy chọn chức vụ ở một cơ quan trước khi nhập danh mục văn bản.');
  const sheet = await readImportFile(file.data, file.fileName);
  for (const col of Object.keys(opts.mapping ?? {}))
    if (!sheet.headers.includes(col))
      throw new AppError('validation_failed', `Tệp không có cột "${col}" mà cách ghép cột nêu.`, {
        fields: [{ path: 'mapping', message: `Không có cột "${col}".` }],
      });
  const mapping = mapColumns(sheet.headers, opts.mapping);
  const issuers = await ctx.db
    .select({
      id: legalIssuers.id,
      code: legalIssuers.code,
      name: legalIssuers.name,
      level: legalIssuers.level,
    })
    .from(legalIssuers)
    .orderBy(asc(legalIssuers.sortOrder));
  const checked = checkRows(sheet, mapping, issuers as Issuer[]);
  const inBase = await duplicatesInBase(ctx, checked.rows);
  const errors = [...checked.errors, ...inBase].sort((a, b) => a.row - b.row);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const state = errors.length ? 'failed' : opts.dryRun ? 'checked' : 'imported';
  const write = state === 'imported';

  return inTx(ctx, async (tx) => {
    const [rec] = await tx.db
      .insert(legalImports)
      .values({
        agencyId,
        fileName: file.fileName,
        sha256,
        state,
        mapping,
        rows: sheet.rows.length,
        errors: errors.slice(0, MAX_ERRORS),
        createdBy: ctx.actor.personId,
      })
      .returning({ id: legalImports.id });
    const id = rec!.id;
    if (write) await insertRows(tx, id, agencyId, checked.rows);
    await audit(tx.db, tx.actor, {
      action: write ? 'legal.import' : 'legal.import_check',
      entityType: 'legal_import',
      entityId: id,
      detail: { fileName: file.fileName, sha256, rows: sheet.rows.length, errors: errors.length },
    });
    return {
      id,
      state,
      fileName: file.fileName,
      rows: sheet.rows.length,
      headers: sheet.headers,
      mapping,
      errors: errors.slice(0, MAX_ERRORS),
      preview: previewOf(sheet, mapping, checked.rows, errors),
      imported: write ? checked.rows.length : 0,
    };
  });
}

/** Rows whose number the same body already has in the base (legal_documents_number_uq). */
async function duplicatesInBase(ctx: Ctx, rows: CheckedRow[]): Promise<ImportError[]> {
  if (rows.length === 0) return [];
  const found = await rowsOf<{ line: number; existing: string }>(
    ctx.db,
    sql`SELECT r.line, d.number_notation AS existing
        FROM jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ line: r.line, num: r.numberNotation, issuer: r.issuerId })))}::jsonb)
          AS r(line int, num text, issuer uuid)
        JOIN ${legalDocuments} d ON d.number_norm = lt_norm(r.num) AND d.issuer_id = r.issuer`,
  );
  const byLine = new Map(rows.map((r) => [r.line, r]));
  return found.map((f) => {
    const r = byLine.get(Number(f.line))!;
    return {
      row: Number(f.line),
      field: 'numberNotation',
      message: `Văn bản số "${f.existing}" của ${r.issuerName} đã có trong cơ sở dữ liệu.`,
    };
  });
}

async function insertRows(ctx: Ctx, importId: string, agencyId: string, rows: CheckedRow[]) {
  const today = vnDate(ctx.now());
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((r): typeof legalDocuments.$inferInsert => ({
      agencyId,
      origin: r.origin,
      numberNotation: r.numberNotation,
      typeCode: r.typeCode,
      issuerId: r.issuerId,
      signerName: r.signerName,
      signerTitle: r.signerTitle,
      title: r.title,
      issuedDate: r.issuedDate,
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo,
      scope: r.scope,
      sector: r.sector,
      fieldCode: r.fieldCode,
      gazetteSource: r.gazetteSource,
      gazetteDate: r.gazetteDate,
      summary: r.summary,
      fullText: r.fullText,
      textSource: r.fullText ? 'entered' : null,
      statusAsOf: today,
      importBatchId: importId,
      createdBy: ctx.actor.personId,
    }));
    try {
      const inserted = await rowsOf<{ id: string }>(
        ctx.db,
        sql`${insertRowsSql(legalDocuments, values)} RETURNING id`,
      );
      ids.push(...inserted.map((r) => r.id));
    } catch (e) {
      // Someone entered one of these numbers between the check and the write: the transaction ends.
      if ((e as { code?: string }).code === '23505' || /legal_documents_number_uq/.test(String(e)))
        throw new AppError(
          'duplicate',
          'Một số văn bản trong tệp vừa được nhập vào cơ sở dữ liệu; chưa ghi văn bản nào. Hãy kiểm tra lại tệp.',
        );
      throw e;
    }
  }
  // The same rules as every other change: the new rows' status from their dates (they have no links yet).
  await recomputeStatuses(ctx.db, today, ids);
}

function previewOf(
  sheet: SheetRows,
  mapping: ColumnMapping,
  good: CheckedRow[],
  errors: ImportError[],
): ImportPreviewRow[] {
  const byLine = new Map(good.map((r) => [r.line, r]));
  const badLines = new Set(errors.map((e) => e.row));
  const colOf = Object.fromEntries(Object.entries(mapping).map(([c, f]) => [f, c]));
  return sheet.rows.slice(0, 20).map(({ line, cells }) => {
    const raw = (f: string) => (colOf[f] ? (cells[colOf[f]!] ?? '') : '');
    const r = byLine.get(line);
    return {
      row: line,
      numberNotation: r?.numberNotation ?? raw('numberNotation'),
      typeName: r ? (legalType(r.typeCode)?.name ?? r.typeCode) : raw('typeCode'),
      issuerName: r?.issuerName ?? raw('issuerId'),
      title: r?.title ?? raw('title'),
      issuedDate: r?.issuedDate ?? raw('issuedDate'),
      effectiveFrom: r?.effectiveFrom ?? raw('effectiveFrom'),
      effectiveTo: r ? r.effectiveTo : raw('effectiveTo') || null,
      ok: !!r && !badLines.has(line),
    };
  });
}
