import { sql } from 'drizzle-orm';
import type { LegalDocumentSummary } from '../../../../shared/legal/api.ts';
import { legalField, legalType } from '../../../../shared/legal/catalogue.ts';
import { type EffectStatus, effectLabel } from '../../../../shared/legal/statuses.ts';
import { type Db, rows } from '../../../db/client.ts';

/* SQL reads of the legal records (the module's own tables) and their row → API presenters. */

/** The columns of a summary, over `legal_documents d JOIN legal_issuers i ON i.id = d.issuer_id`. */
export const SUMMARY_COLUMNS = sql.raw(`d.id, d.number_notation, d.title, d.type_code, d.issuer_id,
  i.name AS issuer_name, d.issued_date::text AS issued_date, d.effective_from::text AS effective_from,
  d.effective_to::text AS effective_to, d.field_code, d.status_now`);

export interface SummaryRow {
  id: string;
  number_notation: string;
  title: string;
  type_code: string;
  issuer_id: string;
  issuer_name: string;
  issued_date: string;
  effective_from: string;
  effective_to: string | null;
  field_code: number | null;
  status_now: EffectStatus;
}

export function typeName(code: string): string {
  return legalType(code)?.name ?? code;
}

export function fieldName(code: number | null): string | null {
  return code == null ? null : (legalField(code)?.name ?? null);
}

export function toSummary(r: SummaryRow): LegalDocumentSummary {
  return {
    id: r.id,
    numberNotation: r.number_notation,
    title: r.title,
    typeCode: r.type_code,
    typeName: typeName(r.type_code),
    issuerId: r.issuer_id,
    issuerName: r.issuer_name,
    issuedDate: r.issued_date,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    fieldCode: r.field_code,
    statusNow: r.status_now,
    statusLabel: effectLabel(r.status_now),
  };
}

export async function summariesOf(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, LegalDocumentSummary>> {
  if (ids.length === 0) return new Map();
  const list = await rows<SummaryRow>(
    db,
    sql`SELECT ${SUMMARY_COLUMNS} FROM legal_documents d JOIN legal_issuers i ON i.id = d.issuer_id
         WHERE d.id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map(list.map((r) => [r.id, toSummary(r)]));
}

export interface LegalRow extends SummaryRow {
  origin: 'central' | 'local';
  agency_id: string;
  signer_name: string | null;
  signer_title: string | null;
  scope: string | null;
  sector: string | null;
  gazette_issue_id: string | null;
  gazette_source: string | null;
  gazette_date: string | null;
  summary: string | null;
  full_text: string | null;
  text_source: string | null;
  declared_status: EffectStatus | null;
  declared_from: string | null;
  declared_by_id: string | null;
  declared_by_number: string | null;
  updated_at: string;
  g_year: number | null;
  g_from: number | null;
  g_to: number | null;
  g_date: string | null;
}

/** One record with what its page shows, or undefined. */
export async function findLegalRow(db: Db, id: string): Promise<LegalRow | undefined> {
  const [row] = await rows<LegalRow>(
    db,
    sql`SELECT ${SUMMARY_COLUMNS}, d.origin, d.agency_id, d.signer_name, d.signer_title, d.scope, d.sector,
               d.gazette_issue_id, d.gazette_source, d.gazette_date::text AS gazette_date, d.summary,
               d.full_text, d.text_source, d.declared_status, d.declared_from::text AS declared_from,
               d.declared_by_id, b.number_notation AS declared_by_number,
               to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at,
               g.year AS g_year, g.number_from AS g_from, g.number_to AS g_to, g.issue_date::text AS g_date
          FROM legal_documents d
          JOIN legal_issuers i ON i.id = d.issuer_id
          LEFT JOIN legal_documents b ON b.id = d.declared_by_id
          LEFT JOIN gazette_issues g ON g.id = d.gazette_issue_id AND g.state = 'published'
         WHERE d.id = ${id}::uuid`,
  );
  return row;
}

export interface FileRow {
  id: string;
  role: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
}

export async function filesOf(db: Db, id: string): Promise<FileRow[]> {
  return rows<FileRow>(
    db,
    sql`SELECT id, role, file_name, media_type, size::int AS size, sha256 FROM legal_document_files
         WHERE legal_document_id = ${id}::uuid ORDER BY (role = 'main') DESC, created_at, id`,
  );
}

/** "Số 15", "Số 1271 + 1272", "Số 1271 đến 1276": one rule for every screen (shared/legal/gazette-api.ts). */
export { gazetteIssueLabel as gazetteLabel } from '../../../../shared/legal/gazette-api.ts';
