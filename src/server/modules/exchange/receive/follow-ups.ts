import { audit } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/http/errors.ts';
import {
  type CopyChange,
  type CopyFile,
  cancelCopies,
  type DocumentRow,
  findDocuments,
  reviseCopies,
} from '../../documents/index.ts';
import type { Edoc, StatusPacket } from '../edxml/index.ts';
import { type Services, statusBack, statusesBack } from '../service.ts';
import { sha256Hex } from '../signature.ts';
import { type Addressee, addresseesHere, agenciesHere } from './addressees.ts';
import { storeAttachments } from './attachments.ts';
import { acceptedByKeys, deliveredHere, inboxRow, recordInbox, statusSeen } from './inbox.ts';
import { refuseNotAddressedHere, refuseReceipt } from './refusal.ts';
import { edocInfo, isUniqueViolation, type ReceiveInput, type ReceiveResult } from './types.ts';

/**
 * Recalls and updates of a document a sender delivered here earlier, one at a time: as a document
 * package (business recall or update, answered 15, or 16 when there is no live copy) or as status 13
 * (a recall request). The copies themselves are cancelled and revised by documents (copies.ts), with
 * the same rule as a recall or an update of a release here.
 */

/** A recall or an update package: applied to the copy of each addressee served here. */
export async function receiveFollowUp(s: Services, input: ReceiveInput, edoc: Edoc): Promise<ReceiveResult> {
  const business = edoc.trace.business;
  const here = await agenciesHere(
    s.db,
    edoc.to.map((t) => t.organId),
  );
  const local = addresseesHere(edoc.to, here, input.actor);
  if (local.length === 0) return refuseNotAddressedHere(s, input, edoc);
  const files = business === 'recall' ? null : await followUpFiles(s, input, edoc, local[0]!);
  const packageSha = sha256Hex(input.bytes);
  const lastTrace = edoc.trace.headers.at(-1)?.timestamp ?? '';
  const documentIds: string[] = [];
  let duplicates = 0;
  for (const addressee of local) {
    const idemKey = `edoc|${edoc.from.organId}|${edoc.documentId}|${addressee.code}|${business}${business === 'update' ? `|${lastTrace}` : ''}`;
    const seen = (await acceptedByKeys(s.db, [idemKey])).get(idemKey);
    if (seen) {
      if (seen.sha === packageSha) {
        duplicates++;
        if (seen.documentId) documentIds.push(seen.documentId);
        continue;
      }
      return refuseReceipt(
        s,
        input,
        { ...edocInfo(edoc), business: 'duplicate', agencyId: addressee.agency.id, toCode: addressee.code },
        'duplicate',
        `Văn bản ${edoc.documentId} đã được nhận trước đó (${seen.createdAt.toISOString()}) với nội dung khác; gói tin trùng bị từ chối.`,
      );
    }
    const outcome = await s.db
      .transaction((tx) =>
        applyFollowUp({ ...s, db: tx }, input, edoc, { addressee, idemKey, packageSha, files }),
      )
      .catch(async (e: unknown) => {
        // Two deliveries of the same package at once: the unique key lets one win; the other is a duplicate.
        if (isUniqueViolation(e)) return 'duplicate' as const;
        throw e;
      });
    if (outcome === 'duplicate') duplicates++;
    else if (outcome) documentIds.push(outcome);
  }
  return {
    result: duplicates === local.length ? 'duplicate' : 'accepted',
    kind: 'edoc',
    business,
    documentIds,
  };
}

/** An update's files, checked and stored before the transaction (a bad one refuses the package). */
async function followUpFiles(s: Services, input: ReceiveInput, edoc: Edoc, first: Addressee) {
  const [stored] = await storeAttachments(s, [edoc]);
  if (stored instanceof AppError)
    return refuseReceipt(
      s,
      input,
      { ...edocInfo(edoc), agencyId: first.agency.id, toCode: first.code },
      'invalid',
      `Tệp đính kèm bị từ chối: ${stored.detail}`,
    );
  return stored!;
}

/**
 * The recall or update of one addressee's copy, in the caller's transaction: 16 when it has no live
 * copy, else the copy cancelled or revised (its clerks told), 15 back, audited. The copy's id, or null.
 */
async function applyFollowUp(
  s: Services,
  input: ReceiveInput,
  edoc: Edoc,
  p: { addressee: Addressee; idemKey: string; packageSha: string; files: CopyFile[] | null },
): Promise<string | null> {
  const { agency, code } = p.addressee;
  const business = edoc.trace.business;
  const row = inboxRow(input, input.bytes, {
    kind: 'edoc',
    business,
    senderCode: edoc.from.organId,
    toCode: code,
    agencyId: agency.id,
    docKey: edoc.documentId,
    idemKey: p.idemKey,
    subject: edoc.subject.slice(0, 500),
    packageSha256: p.packageSha,
    state: 'accepted',
  });
  const target = { senderCode: edoc.from.organId, docKey: edoc.documentId, agencyId: agency.id };
  // The copy this sender delivered here earlier (the newest package that made one).
  const orig = (
    await deliveredHere(s.db, { docKey: edoc.documentId, senderCode: edoc.from.organId, toCode: code })
  ).at(-1);
  const copy = orig?.documentId
    ? (await findDocuments(s.db, [orig.documentId])).get(orig.documentId)
    : undefined;
  if (!copy || copy.status === 'cancelled') {
    await recordInbox(s.db, [
      { ...row, documentId: copy?.id ?? null, reason: 'Không có bản nhận còn hiệu lực' },
    ]);
    const message = `Không tìm thấy văn bản ${edoc.documentId} còn hiệu lực tại ${agency.name}.`;
    await statusBack(s, target, copy?.id ?? null, edoc, '16', message);
    return copy?.id ?? null;
  }
  const change = senderChange(copy, edoc);
  if (business === 'recall') await cancelCopies(s.db, s.now(), [change]);
  else
    await reviseCopies(s.db, s.now(), [
      { ...change, summary: edoc.subject, files: p.files?.length ? p.files : null },
    ]);
  await recordInbox(s.db, [{ ...row, documentId: copy.id }]);
  await statusBack(
    s,
    target,
    copy.id,
    edoc,
    '15',
    business === 'recall' ? 'Đồng ý thu hồi văn bản' : 'Đã cập nhật văn bản',
  );
  await audit(s.db, input.actor ?? { system: 'exchange' }, {
    action: `exchange.receive_${business}`,
    entityType: 'document',
    entityId: copy.id,
    agencyId: agency.id,
    detail: { documentId: edoc.documentId, reason: edoc.trace.reason ?? null },
  });
  return copy.id;
}

/** A recall or an update of a copy by its sender: the copy's event says who, its clerks are told. */
function senderChange(copy: DocumentRow, edoc: Edoc): CopyChange {
  const recall = edoc.trace.business === 'recall';
  return {
    copyId: copy.id,
    reason: edoc.trace.reason ?? null,
    data: recall ? { by: edoc.from.organName, via: 'edxml' } : { via: 'edxml' },
    notify: { title: `${edoc.from.organName} ${recall ? 'thu hồi' : 'cập nhật'} văn bản`, copy },
  };
}

/** Status 13 (recall request) sent as a status packet by the original sender: cancel every copy here. */
export async function receiveRecallStatus(
  s: Services,
  input: ReceiveInput,
  st: StatusPacket,
): Promise<ReceiveResult> {
  const { packageSha, idemKey, duplicate } = await statusSeen(s.db, input.bytes, st);
  if (duplicate) return duplicate;
  const delivered = await deliveredHere(s.db, {
    docKey: st.responseFor.documentId,
    senderCode: st.from.organId,
  });
  if (delivered.length === 0)
    return refuseReceipt(
      s,
      input,
      { kind: 'status', business: '13', senderCode: st.from.organId, docKey: st.responseFor.documentId },
      'not_found',
      `Không có văn bản ${st.responseFor.documentId} nhận từ ${st.from.organId}.`,
    );
  const copies = delivered.filter((c) => c.documentId);
  const ids = copies.map((c) => c.documentId!);
  await s.db.transaction(async (tx) => {
    const t = { ...s, db: tx };
    await cancelCopies(
      tx,
      s.now(),
      ids.map((copyId) => ({
        copyId,
        reason: st.description ?? null,
        data: { by: st.from.organName, via: 'edxml' },
      })),
    );
    await statusesBack(
      t,
      copies.map((c) => ({
        inbox: c,
        documentId: c.documentId,
        edoc: null,
        code: '15' as const,
        description: 'Đồng ý thu hồi văn bản',
      })),
    );
    await recordInbox(tx, [
      inboxRow(input, input.bytes, {
        kind: 'status',
        business: '13',
        senderCode: st.from.organId,
        docKey: st.responseFor.documentId,
        idemKey,
        subject: (st.description ?? '').slice(0, 500),
        packageSha256: packageSha,
        state: 'accepted',
        documentId: ids[0] ?? null,
      }),
    ]);
  });
  return { result: 'accepted', kind: 'status', business: '13', documentIds: ids };
}
