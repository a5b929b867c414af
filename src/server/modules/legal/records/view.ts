import { sql } from 'drizzle-orm';
import { vnDate } from '../../../../shared/calendar/index.ts';
import type {
  LegalDiagram,
  LegalDocument,
  LegalRelationView,
  TimelineEntry,
} from '../../../../shared/legal/api.ts';
import { effectStatus, effectTimeline, expiryOf } from '../../../../shared/legal/effect.ts';
import { RELATION_KINDS, type RelationKind, roleOfOther } from '../../../../shared/legal/relations.ts';
import { type EffectStatus, effectLabel } from '../../../../shared/legal/statuses.ts';
import { type Db, rows } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { loadEffectInputs } from './effect-inputs.ts';
import { canEditRecord } from './service.ts';
import { fieldName, filesOf, findLegalRow, gazetteLabel, summariesOf, typeName } from './store.ts';

/*
 * A legal document as its pages show it: the record with its status computed as of a date (today by
 * default) by the pure rules, its links from both sides, its history and its diagram (lược đồ). The
 * public pages render exactly this (loadLegalView) through their own allow-list presenter.
 */

export interface LegalView {
  doc: LegalDocument;
  relations: LegalRelationView[];
  timeline: TimelineEntry[];
  diagram: LegalDiagram;
}

interface RelationRow {
  id: string;
  kind: RelationKind;
  source_id: string;
  target_id: string;
  articles: string | null;
  effective_date: string | null;
  ends_on: string | null;
}

async function relationRows(db: Db, id: string): Promise<RelationRow[]> {
  return rows<RelationRow>(
    db,
    sql`SELECT id, kind, source_id, target_id, articles, effective_date::text, ends_on::text
          FROM legal_relations WHERE source_id = ${id}::uuid OR target_id = ${id}::uuid
         ORDER BY created_at, id`,
  );
}

/**
 * Everything a document's page shows, as of `asOf` (default: today in Vietnam), or undefined.
 * `ctx` (optional) decides `canEdit`; without it (the public pages) it is false.
 */
export async function loadLegalView(
  db: Db,
  id: string,
  asOf?: string,
  ctx?: Ctx,
): Promise<LegalView | undefined> {
  const row = await findLegalRow(db, id);
  if (!row) return undefined;
  const date = asOf ?? vnDate(ctx?.now() ?? new Date());
  const input = (await loadEffectInputs(db, [id])).get(id)!;
  const status = effectStatus(input, date);
  const expiry = expiryOf(input);
  const rels = await relationRows(db, id);
  const others = await summariesOf(db, [
    ...new Set(rels.map((r) => (r.source_id === id ? r.target_id : r.source_id))),
  ]);
  const files = await filesOf(db, id);
  const doc: LegalDocument = {
    id: row.id,
    origin: row.origin,
    numberNotation: row.number_notation,
    typeCode: row.type_code,
    typeName: typeName(row.type_code),
    issuerId: row.issuer_id,
    issuerName: row.issuer_name,
    signerName: row.signer_name,
    signerTitle: row.signer_title,
    title: row.title,
    issuedDate: row.issued_date,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    scope: row.scope,
    sector: row.sector,
    fieldCode: row.field_code,
    fieldName: fieldName(row.field_code),
    gazetteSource: row.gazette_source,
    gazetteDate: row.gazette_date,
    summary: row.summary,
    fullText: row.full_text,
    agencyId: row.agency_id,
    statusNow: status,
    statusLabel: effectLabel(status),
    expiredOn: expiry && expiry.date <= date && status === 'expired' ? expiry.date : null,
    gazetteIssue:
      row.gazette_issue_id && row.g_year != null && row.g_from != null && row.g_to != null && row.g_date
        ? {
            id: row.gazette_issue_id,
            year: row.g_year,
            label: gazetteLabel(row.g_from, row.g_to),
            issueDate: row.g_date,
          }
        : null,
    files: files.map((f) => ({
      id: f.id,
      role: f.role,
      fileName: f.file_name,
      mediaType: f.media_type,
      size: Number(f.size),
      sha256: f.sha256,
    })),
    textSource: row.text_source,
    declaredStatus: row.declared_status,
    declaredFrom: row.declared_from,
    declaredBy:
      row.declared_by_id && row.declared_by_number
        ? { id: row.declared_by_id, numberNotation: row.declared_by_number }
        : null,
    updatedAt: row.updated_at,
    canEdit: ctx ? canEditRecord(ctx, row.agency_id) : false,
  };
  const relations: LegalRelationView[] = [];
  for (const r of rels) {
    const outgoing = r.source_id === id;
    const other = others.get(outgoing ? r.target_id : r.source_id);
    const kind = RELATION_KINDS.find((k) => k.code === r.kind);
    if (!other || !kind) continue;
    relations.push({
      id: r.id,
      kind: r.kind,
      direction: outgoing ? 'outgoing' : 'incoming',
      label: roleOfOther(kind, outgoing ? 'outgoing' : 'incoming'),
      other: {
        id: other.id,
        numberNotation: other.numberNotation,
        title: other.title,
        typeName: other.typeName,
        issuedDate: other.issuedDate,
        statusNow: other.statusNow,
      },
      articles: r.articles,
      effectiveDate: r.effective_date,
      endsOn: r.ends_on,
    });
  }
  const timeline: TimelineEntry[] = effectTimeline(input);
  const groups: LegalDiagram['groups'] = [];
  for (const kind of RELATION_KINDS)
    for (const direction of ['outgoing', 'incoming'] as const) {
      const items = rels
        .filter((r) => r.kind === kind.code && (direction === 'outgoing') === (r.source_id === id))
        .map((r) => others.get(direction === 'outgoing' ? r.target_id : r.source_id))
        .filter((s) => s !== undefined);
      if (items.length > 0)
        groups.push({
          kind: kind.code,
          direction,
          label: roleOfOther(kind, direction),
          items,
        });
    }
  const current = {
    id: doc.id,
    numberNotation: doc.numberNotation,
    title: doc.title,
    typeCode: doc.typeCode,
    typeName: doc.typeName,
    issuerId: doc.issuerId,
    issuerName: doc.issuerName,
    issuedDate: doc.issuedDate,
    effectiveFrom: doc.effectiveFrom,
    effectiveTo: doc.effectiveTo,
    fieldCode: doc.fieldCode,
    statusNow: status,
    statusLabel: doc.statusLabel,
  };
  return { doc, relations, timeline, diagram: { current, groups } };
}

/** The view or 404. */
export async function requireLegalView(ctx: Ctx, id: string, asOf?: string): Promise<LegalView> {
  const view = await loadLegalView(ctx.db, id, asOf, ctx);
  if (!view) throw notFound('Văn bản');
  return view;
}

/** The status of one document as of a date (today by default). */
export async function statusAsOf(
  ctx: Ctx,
  id: string,
  asOf?: string,
): Promise<{ status: EffectStatus; statusLabel: string; asOf: string }> {
  const input = (await loadEffectInputs(ctx.db, [id])).get(id);
  if (!input) throw notFound('Văn bản');
  const date = asOf ?? vnDate(ctx.now());
  const status = effectStatus(input, date);
  return { status, statusLabel: effectLabel(status), asOf: date };
}
