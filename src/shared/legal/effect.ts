import { type RelationKind, relationKind, SUSPENDING_KINDS } from './relations.ts';
import { type EffectStatus, effectLabel, LAW_2025_FROM } from './statuses.ts';

/*
 * The effect status (tình trạng hiệu lực) of a legal document as of a date, computed from its own
 * dates, the links that change it and the documents it guides (Law 80/2015 Art. 154; Law 64/2025
 * Art. 57). Pure: the server's set-based recompute (records/status.ts) must agree with it, and a test
 * holds them together on a varied fixture. Dates are 'YYYY-MM-DD' strings, compared as text.
 */

/** A document named as the cause of an event. */
export interface DocRef {
  id: string;
  numberNotation: string;
  title: string;
}

/** An incoming link ("source <kind> this document") with the source's dates. */
export interface IncomingLink {
  kind: RelationKind;
  /** The link's own date of effect; default: the source's effective date. */
  effectiveDate?: string | null;
  /** The first day a suspension no longer holds. */
  endsOn?: string | null;
  articles?: string | null;
  source: DocRef & { issuedDate: string; effectiveFrom: string };
}

/** When a document became "Hết hiệu lực toàn bộ", and which document (issued when) caused it. */
export interface Expiry {
  date: string;
  /** own term | replaced/repealed | declared | cascade from a guided document */
  reason: 'term' | 'replaces' | 'repeals' | 'declared' | 'cascade';
  cause: DocRef;
  causeIssuedDate: string;
}

/** A document this one guides or details, with its expiry (if any). */
export interface GuidedDoc {
  doc: DocRef;
  expiry?: Expiry | null;
}

export interface EffectInput {
  doc: DocRef & {
    issuedDate: string;
    effectiveFrom: string;
    effectiveTo?: string | null;
    declaredStatus?: EffectStatus | null;
    declaredFrom?: string | null;
    declaredBy?: (DocRef & { issuedDate: string }) | null;
  };
  incoming: readonly IncomingLink[];
  guided: readonly GuidedDoc[];
}

/** The date a link acts on its target. */
export function eventDate(link: IncomingLink): string {
  return link.effectiveDate ?? link.source.effectiveFrom;
}

function effectOf(kind: RelationKind) {
  return relationKind(kind)?.effect ?? null;
}

/** Whether a suspending link holds on date d (from its date until endsOn, exclusive). */
function suspensionHolds(link: IncomingLink, d: string): boolean {
  return eventDate(link) <= d && (!link.endsOn || d < link.endsOn);
}

/** Orders expiry candidates: earliest date, then earliest cause (the older law), then cause id. */
export function compareExpiry(a: Expiry, b: Expiry): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.causeIssuedDate !== b.causeIssuedDate) return a.causeIssuedDate < b.causeIssuedDate ? -1 : 1;
  return a.cause.id < b.cause.id ? -1 : a.cause.id > b.cause.id ? 1 : 0;
}

/** Whether a guided document's expiry carries over to the guiding one (2015 law only). */
export function cascades(expiry: Expiry): boolean {
  return expiry.causeIssuedDate < LAW_2025_FROM;
}

/** The declared status in force on d, if any. */
function declaredOn(input: EffectInput, d: string): EffectStatus | null {
  const { declaredStatus, declaredFrom } = input.doc;
  return declaredStatus && declaredFrom && declaredFrom <= d ? declaredStatus : null;
}

function ownExpiries(input: EffectInput): Expiry[] {
  const { doc } = input;
  const self: DocRef = { id: doc.id, numberNotation: doc.numberNotation, title: doc.title };
  const out: Expiry[] = [];
  if (doc.effectiveTo)
    out.push({ date: doc.effectiveTo, reason: 'term', cause: self, causeIssuedDate: doc.issuedDate });
  for (const link of input.incoming)
    if (link.kind === 'replaces' || link.kind === 'repeals')
      out.push({
        date: eventDate(link),
        reason: link.kind,
        cause: refOf(link.source),
        causeIssuedDate: link.source.issuedDate,
      });
  return out;
}

function refOf(d: DocRef): DocRef {
  return { id: d.id, numberNotation: d.numberNotation, title: d.title };
}

function declaredExpiry(input: EffectInput): Expiry | null {
  const { doc } = input;
  if (doc.declaredStatus !== 'expired' || !doc.declaredFrom) return null;
  const by = doc.declaredBy;
  return {
    date: doc.declaredFrom,
    reason: 'declared',
    cause: by ? refOf(by) : refOf(doc),
    causeIssuedDate: by?.issuedDate ?? doc.declaredFrom,
  };
}

/** Cascade candidates: a guided document's expiry under the 2015 law, unless a declared status then holds. */
function cascadeExpiries(input: EffectInput): Expiry[] {
  const out: Expiry[] = [];
  for (const g of input.guided) {
    const e = g.expiry;
    if (!e || !cascades(e)) continue;
    if (input.doc.declaredStatus && input.doc.declaredFrom && input.doc.declaredFrom <= e.date) continue;
    out.push({ date: e.date, reason: 'cascade', cause: e.cause, causeIssuedDate: e.causeIssuedDate });
  }
  return out;
}

/**
 * When the document first became "Hết hiệu lực toàn bộ" (own term, replacement or repeal, declared
 * expiry, or the 2015 cascade from a guided document), with its cause; null when it never did.
 * This is also what a guiding document's input takes as a guided document's expiry.
 */
export function expiryOf(input: EffectInput): Expiry | null {
  const all = [...ownExpiries(input), ...cascadeExpiries(input)];
  const declared = declaredExpiry(input);
  if (declared) all.push(declared);
  all.sort(compareExpiry);
  return all[0] ?? null;
}

/** The effect status as of date d (rules 1–4 of the design). */
export function effectStatus(input: EffectInput, d: string): EffectStatus {
  const { doc } = input;
  // 2. Own term, replacement, repeal: whatever is declared.
  if (doc.effectiveTo && doc.effectiveTo <= d) return 'expired';
  for (const link of input.incoming)
    if ((link.kind === 'replaces' || link.kind === 'repeals') && eventDate(link) <= d) return 'expired';
  // A declared status (a guiding document under the 2025 law) overrides the cascade and steps 3–4.
  const declared = declaredOn(input, d);
  if (declared) return declared;
  for (const g of input.guided) if (g.expiry && cascades(g.expiry) && g.expiry.date <= d) return 'expired';
  // 3.
  if (d < doc.effectiveFrom) return 'not_yet';
  // 4. Whole suspension, partial suspension, partial expiry.
  let partlySuspended = false;
  let partlyExpired = false;
  for (const link of input.incoming) {
    const effect = effectOf(link.kind);
    if (SUSPENDING_KINDS.includes(link.kind)) {
      if (!suspensionHolds(link, d)) continue;
      if (effect === 'suspended') return 'suspended';
      partlySuspended = true;
    } else if (effect === 'expired_partly' && eventDate(link) <= d) partlyExpired = true;
  }
  if (partlySuspended) return 'suspended_partly';
  if (partlyExpired) return 'expired_partly';
  return 'in_force';
}

/** Vietnamese names of the timeline's events (vbpl.vn "Lịch sử"). */
const LINK_EVENTS: Partial<Record<RelationKind, string>> = {
  replaces: 'Bị thay thế',
  repeals: 'Bị bãi bỏ',
  amends: 'Được sửa đổi',
  supplements: 'Được bổ sung',
  partly_repeals: 'Bị hết hiệu lực một phần',
  suspends: 'Bị đình chỉ',
  partly_suspends: 'Bị đình chỉ một phần',
  halts: 'Bị ngưng hiệu lực',
  corrects: 'Được đính chính',
  consolidates: 'Được hợp nhất',
};

export interface TimelineEvent {
  date: string;
  event: string;
  status: EffectStatus;
  statusLabel: string;
  by?: DocRef;
  articles?: string;
}

/**
 * The history (Lịch sử): issued, took effect, each incoming link that acts or is listed, each end of a
 * suspension, own expiry, cascade, declared status — by date (then in that order), each with the
 * status as of its date.
 */
export function effectTimeline(input: EffectInput): TimelineEvent[] {
  const { doc } = input;
  const raw: { date: string; event: string; by?: DocRef; articles?: string }[] = [
    { date: doc.issuedDate, event: 'Văn bản được ban hành' },
    { date: doc.effectiveFrom, event: 'Văn bản có hiệu lực' },
  ];
  for (const link of input.incoming) {
    const event = LINK_EVENTS[link.kind];
    if (!event) continue;
    const by = refOf(link.source);
    const articles = link.articles ?? undefined;
    raw.push({ date: eventDate(link), event, by, ...(articles ? { articles } : {}) });
    if (SUSPENDING_KINDS.includes(link.kind) && link.endsOn)
      raw.push({ date: link.endsOn, event: 'Hết thời hạn đình chỉ', by, ...(articles ? { articles } : {}) });
  }
  if (doc.effectiveTo) raw.push({ date: doc.effectiveTo, event: 'Hết hiệu lực theo thời hạn' });
  for (const c of cascadeExpiries(input))
    raw.push({ date: c.date, event: 'Hết hiệu lực theo văn bản được hướng dẫn', by: c.cause });
  if (doc.declaredStatus && doc.declaredFrom) {
    const by = doc.declaredBy ? refOf(doc.declaredBy) : undefined;
    raw.push({
      date: doc.declaredFrom,
      event:
        doc.declaredStatus === 'expired'
          ? 'Công bố hết hiệu lực'
          : `Công bố tình trạng: ${effectLabel(doc.declaredStatus)}`,
      ...(by ? { by } : {}),
    });
  }
  // Stable by date: the order pushed stays for one day (issued before in effect).
  const sorted = raw
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.date === b.r.date ? a.i - b.i : a.r.date < b.r.date ? -1 : 1));
  return sorted.map(({ r }) => {
    const status = effectStatus(input, r.date);
    return { ...r, status, statusLabel: effectLabel(status) };
  });
}
