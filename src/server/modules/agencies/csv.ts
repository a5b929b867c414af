import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { AGENCY_CODE_RE } from '../../../shared/agency-code.ts';
import { AGENCY_KINDS, type AgencyKind } from '../../../shared/roles.ts';
import { CSV_COLUMNS, type CsvImportResult } from '../../../shared/schemas/agencies.ts';
import type { Db } from '../../db/client.ts';
import { isSystemAdmin } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, forbidden } from '../../platform/http/errors.ts';
import { agencies } from './schema.ts';
import * as store from './store.ts';

interface CsvRow {
  line: number;
  agencyCode: string | null;
  name: string;
  shortName: string;
  kind: AgencyKind;
  parentCode: string | null;
  email: string | null;
  address: string | null;
}

type Existing = {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  parentId: string | null;
  email: string | null;
  address: string | null;
};

const KIND_ALIASES: Record<string, AgencyKind> = {
  tinh: 'province',
  so: 'department',
  huyen: 'district',
  xa: 'commune',
  phong: 'division',
};

/** Divisions have no code: they are known by their parent's code and their short name. */
const divisionKey = (parentCode: string, shortName: string) => `${parentCode}/${shortName.toUpperCase()}`;

/**
 * Imports agencies from CSV (columns: agency_code, name, short_name, kind, parent_code, email, address).
 * Every row is checked first; with any error, or with dryRun, nothing is written and every bad row is listed.
 * Rows whose code exists are updated (renamed or moved, with history); others are created.
 */
export async function importCsv(ctx: Ctx, text: string, dryRun: boolean): Promise<CsvImportResult> {
  if (!isSystemAdmin(ctx.actor)) throw forbidden('Chỉ quản trị hệ thống được nhập danh mục đơn vị.');
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (e) {
    throw new AppError('validation_failed', `Tệp CSV không đọc được: ${(e as Error).message}`);
  }
  if (records.length === 0) throw new AppError('validation_failed', 'Tệp CSV trống.');
  const header = records[0]!.map((h) => h.toLowerCase());
  const missing = CSV_COLUMNS.slice(0, 5).filter((c) => !header.includes(c));
  if (missing.length)
    throw new AppError(
      'validation_failed',
      `Tệp CSV thiếu cột: ${missing.join(', ')}. Các cột cần có: ${CSV_COLUMNS.join(', ')}.`,
    );
  const col = (r: string[], name: string) => {
    const v = r[header.indexOf(name)]?.trim();
    return v ? v : null;
  };
  if (records.length > 20001) throw new AppError('payload_too_large', 'Mỗi lần nhập tối đa 20.000 dòng.');

  const errors: CsvImportResult['errors'] = [];
  const parsed: CsvRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < records.length; i++) {
    const r = records[i]!;
    const line = i + 1;
    const msgs: string[] = [];
    const kindRaw = (col(r, 'kind') ?? '').toLowerCase();
    const kind = (AGENCY_KINDS as readonly string[]).includes(kindRaw)
      ? (kindRaw as AgencyKind)
      : KIND_ALIASES[kindRaw];
    const row: CsvRow = {
      line,
      agencyCode: col(r, 'agency_code'),
      name: col(r, 'name') ?? '',
      shortName: col(r, 'short_name') ?? '',
      kind: kind ?? 'other',
      parentCode: col(r, 'parent_code'),
      email: col(r, 'email'),
      address: col(r, 'address'),
    };
    if (!kind) msgs.push(`Loại đơn vị “${kindRaw}” không hợp lệ (dùng: ${AGENCY_KINDS.join(', ')}).`);
    if (row.name.length < 2) msgs.push('Thiếu tên đơn vị.');
    if (!row.shortName) msgs.push('Thiếu tên viết tắt.');
    else if (!/^[A-Za-zĐđ0-9&-]+$/.test(row.shortName)) msgs.push('Tên viết tắt chỉ gồm chữ, số, & và -.');
    if (row.agencyCode && !AGENCY_CODE_RE.test(row.agencyCode))
      msgs.push(`Mã định danh “${row.agencyCode}” sai dạng NNN.NN.NN.Xnn.`);
    if (!row.agencyCode && row.kind !== 'division')
      msgs.push('Thiếu mã định danh (chỉ phòng, ban được để trống).');
    if (row.kind === 'division' && !row.parentCode)
      msgs.push('Phòng, ban phải có mã đơn vị cấp trên (parent_code).');
    if (row.parentCode && !AGENCY_CODE_RE.test(row.parentCode))
      msgs.push(`Mã đơn vị cấp trên “${row.parentCode}” sai dạng.`);
    if (row.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(row.email))
      msgs.push(`Thư điện tử “${row.email}” không hợp lệ.`);
    const key =
      row.agencyCode ?? (row.parentCode ? divisionKey(row.parentCode, row.shortName) : `line${line}`);
    if (seen.has(key)) msgs.push(`Trùng với dòng ${seen.get(key)}.`);
    else seen.set(key, line);
    if (msgs.length) errors.push({ line, messages: msgs });
    parsed.push(row);
  }

  // Parents must exist already or come earlier in the file.
  const known = new Set<string>();
  for (const row of parsed) {
    if (
      row.parentCode &&
      !known.has(row.parentCode) &&
      !(await store.findActiveByCode(ctx.db, row.parentCode))
    ) {
      addError(
        errors,
        row.line,
        `Đơn vị cấp trên ${row.parentCode} không có trong hệ thống hoặc ở các dòng trước.`,
      );
    }
    if (row.agencyCode) known.add(row.agencyCode);
  }

  const plan = await Promise.all(
    parsed.map(async (row) => ({ row, existing: await findExisting(ctx.db, row) })),
  );
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const { row, existing } of plan) {
    if (!existing) created++;
    else if (differs(existing, row)) updated++;
    else unchanged++;
  }
  errors.sort((a, b) => a.line - b.line);
  const result = { dryRun, total: parsed.length, created, updated, unchanged, errors };
  if (dryRun || errors.length) return result;

  await inTx(ctx, async (c) => {
    for (const { row } of plan) {
      const parent = row.parentCode ? await store.findActiveByCode(c.db, row.parentCode) : undefined;
      const existing = await findExisting(c.db, row);
      const values = {
        name: row.name,
        shortName: row.shortName,
        kind: row.kind,
        agencyCode: row.agencyCode,
        parentId: parent?.id ?? null,
        email: row.email,
        address: row.address,
      };
      if (!existing) {
        const [ins] = await c.db.insert(agencies).values(values).returning({ id: agencies.id });
        await store.addHistory(c.db, c.actor, {
          agencyId: ins!.id,
          change: 'imported',
          after: values,
        });
      } else if (differs(existing, row, parent?.id ?? null)) {
        await c.db
          .update(agencies)
          .set({ ...values, updatedAt: c.now() })
          .where(eq(agencies.id, existing.id));
        await store.addHistory(c.db, c.actor, {
          agencyId: existing.id,
          change: 'imported',
          before: existing,
          after: values,
        });
      }
    }
    await audit(c.db, c.actor, {
      action: 'agency.import',
      entityType: 'agency',
      detail: { total: parsed.length, created, updated, unchanged },
    });
  });
  return result;
}

function addError(errors: CsvImportResult['errors'], line: number, message: string) {
  const e = errors.find((x) => x.line === line);
  if (e) e.messages.push(message);
  else errors.push({ line, messages: [message] });
}

async function findExisting(db: Db, row: CsvRow): Promise<Existing | undefined> {
  if (row.agencyCode) return store.findActiveByCode(db, row.agencyCode);
  if (!row.parentCode) return undefined;
  const parent = await store.findActiveByCode(db, row.parentCode);
  if (!parent) return undefined;
  const r = await db
    .select()
    .from(agencies)
    .where(
      and(
        eq(agencies.parentId, parent.id),
        sql`upper(${agencies.shortName}) = ${row.shortName.toUpperCase()}`,
        eq(agencies.status, 'active'),
      ),
    );
  return r[0];
}

function differs(e: Existing, row: CsvRow, parentId?: string | null): boolean {
  return (
    e.name !== row.name ||
    e.shortName !== row.shortName ||
    e.kind !== row.kind ||
    (e.email ?? null) !== row.email ||
    (e.address ?? null) !== row.address ||
    (parentId !== undefined && e.parentId !== parentId)
  );
}

/** Active units as CSV in the import format, read in keyset pages (never the whole table at once). */
export async function* exportCsv(db: Db): AsyncGenerator<string> {
  yield `\uFEFF${stringify([CSV_COLUMNS as unknown as string[]])}`;
  // uuid v7 ids are time-ordered, so id order is creation order: parents come before their children.
  let after: string | null = null;
  const parentCode = sql<
    string | null
  >`(SELECT p.agency_code FROM agencies p WHERE p.id = "agencies"."parent_id")`;
  for (;;) {
    const page: { a: typeof agencies.$inferSelect; parentCode: string | null }[] = await db
      .select({ a: agencies, parentCode })
      .from(agencies)
      .where(and(eq(agencies.status, 'active'), after ? gt(agencies.id, after) : undefined))
      .orderBy(asc(agencies.id))
      .limit(500);
    if (page.length === 0) return;
    yield stringify(
      page.map(({ a, parentCode: pc }) => [
        a.agencyCode ?? '',
        a.name,
        a.shortName,
        a.kind,
        pc ?? '',
        a.email ?? '',
        a.address ?? '',
      ]),
    );
    after = page[page.length - 1]!.a.id;
  }
}
