import { audit } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { homeAgencyId } from '../../agencies/index.ts';
import type { Edoc } from '../edxml/index.ts';
import { type Services, statusBack } from '../service.ts';
import { sha256Hex } from '../signature.ts';
import { firstAgencyHere } from './addressees.ts';
import { inboxRow, recordInbox } from './inbox.ts';
import { edocInfo, type ReceiveInput, type RefusalInfo } from './types.ts';

/** The HTTP answer of each reason a package is refused for. */
const HTTP_CODE: Record<string, ConstructorParameters<typeof AppError>[0]> = {
  malformed: 'bad_request',
  invalid: 'validation_failed',
  unsupported: 'unsupported_media_type',
  oversized: 'payload_too_large',
  wrong_address: 'validation_failed',
  duplicate: 'duplicate',
  not_found: 'not_found',
  forbidden: 'forbidden',
};

function refusal(reason: string, message: string) {
  return new AppError(HTTP_CODE[reason] ?? 'validation_failed', message, { extra: { reason } });
}

/**
 * Records a refused package (outside any failed transaction), answers 02 where possible, and throws
 * the refusal. A refused package is never half made: nothing of it is written but the inbox row.
 */
export async function refuseReceipt(
  s: Services,
  input: ReceiveInput,
  info: RefusalInfo,
  reason: string,
  message: string,
): Promise<never> {
  await s.db.transaction(async (tx) => {
    await recordInbox(tx, [
      inboxRow(input, input.bytes, {
        kind: info.kind,
        business: info.business,
        senderCode: info.senderCode ?? null,
        toCode: info.toCode ?? null,
        agencyId: info.agencyId ?? null,
        docKey: info.docKey ?? null,
        subject: (info.subject ?? '').slice(0, 500),
        packageSha256: sha256Hex(input.bytes),
        state: 'refused',
        reason: message.slice(0, 2000),
      }),
    ]);
    // A refused document package is answered with status 02 so the sender sees why (where it is known).
    // A package from a peer addressed to no agency served here is answered in the name of this
    // installation's home agency: the sender finds its package by DocumentId and by the peer it went to.
    const addressee =
      info.agencyId ??
      (await firstAgencyHere(tx, info.edoc?.to ?? [])) ??
      (input.peer && reason === 'wrong_address' ? await homeAgencyId(tx) : null);
    if (info.kind === 'edoc' && info.edoc && addressee && ['new', 'replace'].includes(info.business))
      await statusBack(
        { ...s, db: tx },
        { senderCode: info.senderCode ?? null, docKey: info.docKey ?? null, agencyId: addressee },
        null,
        info.edoc,
        '02',
        message,
      );
    await audit(
      tx,
      { system: 'exchange' },
      {
        action: 'exchange.refuse',
        entityType: 'exchange_inbox',
        agencyId: info.agencyId ?? null,
        detail: { reason, message, senderCode: info.senderCode, docKey: info.docKey },
      },
    );
  });
  throw refusal(reason, message);
}

/** A refusal as an outcome of a batch: the AppError it was refused with; other errors go up. */
export async function asOutcome(refusing: Promise<never>): Promise<AppError> {
  try {
    return await refusing;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
}

/** refuseReceipt, as an outcome of a batch. */
export function refused(...args: Parameters<typeof refuseReceipt>): Promise<AppError> {
  return asOutcome(refuseReceipt(...args));
}

/** A document package none of whose addressees is served here (or, uploaded, not the clerk's agency). */
export function refuseNotAddressedHere(s: Services, input: ReceiveInput, edoc: Edoc): Promise<never> {
  const codes = edoc.to.map((t) => t.organId);
  return refuseReceipt(
    s,
    input,
    { ...edocInfo(edoc), toCode: codes.join(',') },
    'wrong_address',
    input.actor
      ? `Gói tin không gửi cho cơ quan của bạn (nơi nhận: ${codes.join(', ')}).`
      : `Không có nơi nhận nào của gói tin thuộc hệ thống này (nơi nhận: ${codes.join(', ')}).`,
  );
}
