import { v7 as uuidv7 } from 'uuid';
import { auditMany } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { type CopyFile, landCopies } from '../../documents/index.ts';
import type { Edoc, StatusCode } from '../edxml/index.ts';
import { incomingValues } from '../mapping.ts';
import { type Services, STATUS_TEXT, statusesBack } from '../service.ts';
import { sha256Hex } from '../signature.ts';
import { type Addressee, addresseesHere, agenciesHere } from './addressees.ts';
import { storeAttachments } from './attachments.ts';
import { acceptedByKeys, inboxRow, recordInbox } from './inbox.ts';
import { asOutcome, refused, refuseNotAddressedHere } from './refusal.ts';
import { edocInfo, isUniqueViolation, type Origin, type Outcome, type ReceiveInput } from './types.ts';

/**
 * New (and replacing) documents, set-based: what arrives most. A batch from a peer is checked package
 * by package (addressees, files, idempotency) with one statement per check for all of them, then
 * written in one transaction with one statement per table; a single package goes the same way as a
 * batch of one, so there is one rule. A refused package is recorded and answered on its own
 * (refusal.ts), never half made.
 */

interface Item {
  bytes: Buffer;
  edoc: Edoc;
}

interface NewPlan {
  index: number;
  edoc: Edoc;
  input: ReceiveInput;
  packageSha: string;
  files: CopyFile[];
  /** Addressees here that get a new incoming document (idempotency keys not seen before). */
  fresh: (Addressee & { idemKey: string; documentId: string })[];
  /** Copies made earlier of the same package: an identical resend. */
  seen: string[];
}

export const newIdemKey = (edoc: Edoc, code: string) =>
  `edoc|${edoc.from.organId}|${edoc.documentId}|${code}|${edoc.trace.business}`;

/** New (or replacing) documents: each lands in the incoming queue of every addressee served here. */
export async function acceptNewDocuments(s: Services, origin: Origin, items: Item[]): Promise<Outcome[]> {
  const out: Outcome[] = new Array(items.length);
  const addressed = await servedHere(s, origin, items, out);
  const plans = await withFiles(s, origin, items, addressed, out);
  const writing = await notSeenBefore(s, plans, out);
  // One transaction for all of them. Two deliveries of the same package at once: the unique key
  // lets one win; the batch is then taken one package at a time, and the loser is a duplicate.
  try {
    await s.db.transaction((tx) => writeNewDocuments({ ...s, db: tx }, origin, writing));
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    if (writing.length === 1) {
      const p = writing[0]!;
      out[p.index] = { result: 'duplicate', kind: 'edoc', business: p.edoc.trace.business, documentIds: [] };
      return out;
    }
    for (const p of writing) out[p.index] = (await acceptNewDocuments(s, origin, [items[p.index]!]))[0]!;
    return out;
  }
  for (const p of writing)
    out[p.index] = {
      result: p.fresh.length === 0 ? 'duplicate' : 'accepted',
      kind: 'edoc',
      business: p.edoc.trace.business,
      documentIds: [...p.seen.filter(Boolean), ...p.fresh.map((f) => f.documentId)],
    };
  return out;
}

/** 1. Addressees served here (one query); a package with none is refused. */
async function servedHere(s: Services, origin: Origin, items: Item[], out: Outcome[]) {
  const here = await agenciesHere(
    s.db,
    items.flatMap((it) => it.edoc.to.map((t) => t.organId)),
  );
  const addressed: { index: number; local: Addressee[] }[] = [];
  for (const [index, { bytes, edoc }] of items.entries()) {
    const local = addresseesHere(edoc.to, here, origin.actor, { unique: true });
    if (local.length) addressed.push({ index, local });
    else out[index] = await asOutcome(refuseNotAddressedHere(s, { bytes, ...origin }, edoc));
  }
  return addressed;
}

/** 2. Files: checked and stored (one statement); a package with a bad file, or none, is refused. */
async function withFiles(
  s: Services,
  origin: Origin,
  items: Item[],
  addressed: { index: number; local: Addressee[] }[],
  out: Outcome[],
): Promise<NewPlan[]> {
  const stored = await storeAttachments(
    s,
    addressed.map(({ index }) => items[index]!.edoc),
  );
  const plans: NewPlan[] = [];
  for (const [k, { index, local }] of addressed.entries()) {
    const { bytes, edoc } = items[index]!;
    const input = { bytes, ...origin };
    const files = stored[k]!;
    const first = { ...edocInfo(edoc), agencyId: local[0]!.agency.id, toCode: local[0]!.code };
    if (files instanceof AppError || files.length === 0) {
      const message =
        files instanceof AppError
          ? `Tệp đính kèm bị từ chối: ${files.detail}`
          : 'Gói tin không có tệp văn bản.';
      out[index] = await refused(s, input, first, 'invalid', message);
      continue;
    }
    plans.push({
      index,
      edoc,
      input,
      packageSha: sha256Hex(bytes),
      files,
      fresh: local.map((l) => ({ ...l, idemKey: newIdemKey(edoc, l.code), documentId: uuidv7() })),
      seen: [],
    });
  }
  return plans;
}

/**
 * 3. Idempotency (one query): an identical package already accepted (or earlier in this batch) is a
 * duplicate; the same DocumentId with other content is refused.
 */
async function notSeenBefore(s: Services, plans: NewPlan[], out: Outcome[]): Promise<NewPlan[]> {
  const known = await acceptedByKeys(
    s.db,
    plans.flatMap((p) => p.fresh.map((f) => f.idemKey)),
  );
  const writing: NewPlan[] = [];
  for (const p of plans) {
    const conflict = p.fresh.find((f) => {
      const k = known.get(f.idemKey);
      return k && k.sha !== p.packageSha;
    });
    if (conflict) {
      const k = known.get(conflict.idemKey)!;
      out[p.index] = await refused(
        s,
        p.input,
        { ...edocInfo(p.edoc), business: 'duplicate', agencyId: conflict.agency.id, toCode: conflict.code },
        'duplicate',
        `Văn bản ${p.edoc.documentId} đã được nhận trước đó (${k.createdAt.toISOString()}) với nội dung khác; gói tin trùng bị từ chối.`,
      );
      continue;
    }
    p.seen = p.fresh.filter((f) => known.has(f.idemKey)).map((f) => known.get(f.idemKey)!.documentId ?? '');
    p.fresh = p.fresh.filter((f) => !known.has(f.idemKey));
    for (const f of p.fresh)
      known.set(f.idemKey, { sha: p.packageSha, documentId: f.documentId, createdAt: s.now() });
    writing.push(p);
  }
  return writing;
}

/**
 * 4. The copies (documents lands them: one statement per table for all), the inbox rows, status 01
 * back to each sender, the audit rows.
 */
async function writeNewDocuments(s: Services, origin: Origin, plans: NewPlan[]) {
  const made = plans.flatMap((p) => p.fresh.map((f) => ({ p, f })));
  if (made.length === 0) return;
  await landCopies(
    s.db,
    s.now(),
    made.map(({ p, f }) => ({
      id: f.documentId,
      agencyId: f.agency.id,
      source: 'edxml',
      fields: incomingValues(p.edoc),
      files: p.files,
      arrival: {
        from: p.edoc.from.organName,
        via: 'edxml',
        documentId: p.edoc.documentId,
        ...(p.edoc.trace.replacements ? { replaces: p.edoc.trace.replacements } : {}),
      },
      notice: `Văn bản liên thông mới đến từ ${p.edoc.from.organName}`,
    })),
  );
  await recordInbox(
    s.db,
    made.map(({ p, f }) =>
      inboxRow(origin, p.input.bytes, {
        kind: 'edoc',
        business: p.edoc.trace.business,
        senderCode: p.edoc.from.organId,
        toCode: f.code,
        agencyId: f.agency.id,
        docKey: p.edoc.documentId,
        idemKey: f.idemKey,
        subject: p.edoc.subject.slice(0, 500),
        packageSha256: p.packageSha,
        state: 'accepted',
        documentId: f.documentId,
      }),
    ),
  );
  await statusesBack(
    s,
    made.map(({ p, f }) => ({
      inbox: { senderCode: p.edoc.from.organId, docKey: p.edoc.documentId, agencyId: f.agency.id },
      documentId: f.documentId,
      edoc: p.edoc,
      code: '01' as StatusCode,
      description: STATUS_TEXT['01'],
    })),
  );
  await auditMany(
    s.db,
    origin.actor ?? { system: 'exchange' },
    made.map(({ p, f }) => ({
      action: 'exchange.receive',
      entityType: 'document',
      entityId: f.documentId,
      agencyId: f.agency.id,
      detail: { business: p.edoc.trace.business, documentId: p.edoc.documentId, from: p.edoc.from.organId },
    })),
  );
}
