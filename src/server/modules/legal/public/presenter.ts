import { legalField, legalType } from '../../../../shared/legal/catalogue.ts';
import { type RelationKind, relationKind, roleOfOther } from '../../../../shared/legal/relations.ts';
import { type EffectStatus, effectLabel } from '../../../../shared/legal/statuses.ts';
import type {
  PublicDiagramGroup,
  PublicDocument,
  PublicDocumentSummary,
  PublicDocumentView,
  PublicRelation,
  PublicTimelineEntry,
} from './schemas.ts';

/*
 * The allow-list between the records' views (records/, the internal API's shapes) and what a visitor
 * sees. Each public field is copied by name; nothing is spread, so a field the records add later
 * (or an internal one: agencyId, createdBy, importBatchId, canEdit, declaredBy, textSource…) cannot
 * leak by accident. The input types name only what is read here, so the records' richer types fit.
 */

export const DOCS_PATH = '/cong-khai/van-ban';
export const GAZETTE_PATH = '/cong-khai/cong-bao';
export const docUrl = (id: string) => `${DOCS_PATH}/${id}`;

/** A date column as 'YYYY-MM-DD' (drivers give strings or Dates). */
export function isoDay(v: string | Date | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v.slice(0, 10);
}

const status = (s: string | null | undefined): EffectStatus => (s ?? 'in_force') as EffectStatus;

/** The summary of a document in a list, as the records' search returns it. */
export interface SourceSummary {
  id: string;
  numberNotation: string;
  title: string;
  typeCode?: string | null;
  typeName?: string | null;
  issuerName?: string | null;
  issuedDate: string | Date;
  effectiveFrom?: string | Date | null;
  statusNow?: string | null;
}

export function presentSummary(s: SourceSummary): PublicDocumentSummary {
  const st = status(s.statusNow);
  const typeCode = s.typeCode ?? '';
  return {
    id: s.id,
    numberNotation: s.numberNotation,
    title: s.title,
    typeCode,
    typeName: s.typeName ?? legalType(typeCode)?.name ?? typeCode,
    issuerName: s.issuerName ?? '',
    issuedDate: isoDay(s.issuedDate)!,
    effectiveFrom: isoDay(s.effectiveFrom),
    status: st,
    statusLabel: effectLabel(st),
    url: docUrl(s.id),
  };
}

export interface SourceDocument {
  id: string;
  origin: string;
  numberNotation: string;
  typeCode: string;
  typeName?: string | null;
  issuerName?: string | null;
  signerName?: string | null;
  signerTitle?: string | null;
  title: string;
  issuedDate: string | Date;
  effectiveFrom: string | Date;
  effectiveTo?: string | Date | null;
  expiredOn?: string | Date | null;
  scope?: string | null;
  sector?: string | null;
  fieldCode?: number | null;
  gazetteSource?: string | null;
  gazetteDate?: string | Date | null;
  gazetteIssue?: { year: number; label: string; issueDate: string | Date; numberFrom?: number } | null;
  summary?: string | null;
  fullText?: string | null;
  statusNow: string;
  files?: readonly { id: string; fileName: string; mediaType: string; size: number }[];
}

export interface SourceRelation {
  kind: string;
  direction: 'outgoing' | 'incoming';
  label: string;
  articles?: string | null;
  effectiveDate?: string | Date | null;
  endsOn?: string | Date | null;
  other: {
    id: string;
    numberNotation: string;
    title: string;
    typeName?: string | null;
    issuedDate: string | Date;
    statusNow?: string | null;
  };
}

export interface SourceTimelineEntry {
  date: string | Date;
  event: string;
  status: string;
  statusLabel?: string | null;
  by?: { id: string; numberNotation: string; title: string } | null;
  articles?: string | null;
}

export interface SourceDiagram {
  groups: readonly {
    kind: string;
    direction: 'outgoing' | 'incoming';
    label: string;
    items: readonly SourceSummary[];
  }[];
}

export interface SourceView {
  doc: SourceDocument;
  relations: readonly SourceRelation[];
  timeline: readonly SourceTimelineEntry[];
  diagram: SourceDiagram;
}

/** The stable address of a gazette issue: /cong-khai/cong-bao/2026/1271 (its first number). */
export const gazetteUrl = (year: number, numberFrom: number) => `${GAZETTE_PATH}/${year}/${numberFrom}`;

/** "Số 1271 + 1272" → its first number (the label the records give). */
function firstNumber(label: string): number | null {
  const m = label.match(/\d+/);
  return m ? Number(m[0]) : null;
}

export function presentDocument(d: SourceDocument, asOf: string): PublicDocument {
  const st = status(d.statusNow);
  const gi = d.gazetteIssue;
  const giFirst = gi ? (gi.numberFrom ?? firstNumber(gi.label)) : null;
  return {
    id: d.id,
    origin: d.origin === 'local' ? 'local' : 'central',
    numberNotation: d.numberNotation,
    typeCode: d.typeCode,
    typeName: d.typeName ?? legalType(d.typeCode)?.name ?? d.typeCode,
    issuerName: d.issuerName ?? '',
    signerName: d.signerName ?? null,
    signerTitle: d.signerTitle ?? null,
    title: d.title,
    issuedDate: isoDay(d.issuedDate)!,
    effectiveFrom: isoDay(d.effectiveFrom)!,
    effectiveTo: isoDay(d.effectiveTo),
    expiredOn: isoDay(d.expiredOn),
    scope: d.scope ?? null,
    sector: d.sector ?? null,
    fieldCode: d.fieldCode ?? null,
    fieldName: d.fieldCode ? (legalField(d.fieldCode)?.name ?? null) : null,
    gazetteSource: d.gazetteSource ?? null,
    gazetteDate: isoDay(d.gazetteDate),
    gazetteIssue:
      gi && giFirst !== null
        ? {
            year: gi.year,
            label: gi.label,
            issueDate: isoDay(gi.issueDate)!,
            url: gazetteUrl(gi.year, giFirst),
          }
        : null,
    summary: d.summary ?? null,
    fullText: d.fullText ?? null,
    status: st,
    statusLabel: effectLabel(st),
    asOf,
    files: (d.files ?? []).map((f) => ({
      id: f.id,
      fileName: f.fileName,
      mediaType: f.mediaType,
      size: f.size,
      url: `${docUrl(d.id)}/tep/${f.id}`,
    })),
    url: docUrl(d.id),
  };
}

/**
 * The role of the listed document towards the page's one, as vbpl.vn's blocks name it: on the old
 * decision's page the new one is "Văn bản thay thế"; on the new one's, the old is "Văn bản bị thay
 * thế". RELATION_KINDS names each side's role ("source <kind> target"), so an outgoing link lists its
 * target's role and an incoming one its source's.
 */
export function roleLabel(kind: string, direction: 'outgoing' | 'incoming', fallback: string): string {
  const k = relationKind(kind);
  if (!k) return fallback;
  return roleOfOther(k, direction);
}

export function presentRelation(r: SourceRelation): PublicRelation {
  const st = status(r.other.statusNow);
  return {
    kind: r.kind as RelationKind,
    direction: r.direction,
    label: roleLabel(r.kind, r.direction, r.label),
    articles: r.articles ?? null,
    effectiveDate: isoDay(r.effectiveDate),
    endsOn: isoDay(r.endsOn),
    other: {
      id: r.other.id,
      numberNotation: r.other.numberNotation,
      title: r.other.title,
      typeName: r.other.typeName ?? '',
      issuedDate: isoDay(r.other.issuedDate)!,
      status: st,
      statusLabel: effectLabel(st),
      url: docUrl(r.other.id),
    },
  };
}

export function presentTimelineEntry(e: SourceTimelineEntry): PublicTimelineEntry {
  const st = status(e.status);
  return {
    date: isoDay(e.date)!,
    event: e.event,
    status: st,
    statusLabel: e.statusLabel ?? effectLabel(st),
    by: e.by
      ? { id: e.by.id, numberNotation: e.by.numberNotation, title: e.by.title, url: docUrl(e.by.id) }
      : null,
    articles: e.articles ?? null,
  };
}

export function presentDiagram(d: SourceDiagram): { groups: PublicDiagramGroup[] } {
  return {
    groups: d.groups
      .filter((g) => g.items.length > 0)
      .map((g) => ({
        kind: g.kind as RelationKind,
        direction: g.direction,
        label: roleLabel(g.kind, g.direction, g.label),
        items: g.items.map(presentSummary),
      })),
  };
}

export function presentView(v: SourceView, asOf: string): PublicDocumentView {
  return {
    document: presentDocument(v.doc, asOf),
    relations: v.relations.map(presentRelation),
    history: v.timeline.map(presentTimelineEntry),
    diagram: presentDiagram(v.diagram),
  };
}
