import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { type Edoc, EdxmlError, type ParsedPacket, parsePacket, type StatusPacket } from '../edxml/index.ts';
import type { Services } from '../service.ts';
import { receiveFollowUp, receiveRecallStatus } from './follow-ups.ts';
import { acceptNewDocuments } from './new-documents.ts';
import { asOutcome, refuseReceipt } from './refusal.ts';
import { acceptStatuses, FORWARD_STATUSES, receiveStatus } from './statuses.ts';
import type { Origin, Outcome, ReceiveInput, ReceiveResult } from './types.ts';

/**
 * The receiving side of the exchange: one package (a peer's request, a clerk's upload) or a batch,
 * handled in order. Each package is parsed and checked for its sender here; runs of new documents
 * (new-documents.ts) and of forward statuses (statuses.ts) are taken together, recalls and updates
 * (follow-ups.ts), refusals (02) and answers (15, 16) one at a time; a refused package is recorded
 * and answered on its own (refusal.ts).
 */

export type { Origin, Outcome, ReceiveInput, ReceiveResult } from './types.ts';

/** Accepts a package from a peer or an upload; never leaves a half-created document. */
export async function receive(s: Services, input: ReceiveInput): Promise<ReceiveResult> {
  const [r] = await receiveMany(s, { peer: input.peer, actor: input.actor }, [input.bytes]);
  if (r instanceof AppError) throw r;
  return r!;
}

/** A clerk imports a package uploaded to the blob store: it must be addressed to their agency. */
export async function importUpload(ctx: Ctx, sha256: string): Promise<ReceiveResult> {
  if (ctx.actor.role !== 'clerk')
    throw new AppError('forbidden', 'Chỉ văn thư được nhập gói tin liên thông.');
  const bytes = await ctx.blobs.read(sha256);
  return receive(ctx, { bytes, peer: null, actor: ctx.actor });
}

/** Packages in one batch request at most (the sender sends 100). */
export const MAX_BATCH = 500;

/**
 * A batch from a peer (between Liên Thông installations): a multipart/form-data body, one standard
 * edXML package per part, handled in order (receiveMany), one outcome per part. The body is read
 * raw, not by the upload plugin, because the peer's signature covers its bytes.
 */
export async function receiveBatch(
  s: Services,
  origin: Origin,
  body: Buffer,
  contentType: string,
): Promise<Outcome[]> {
  let parts: Buffer[];
  try {
    const form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType },
    }).formData();
    parts = [];
    for (const v of form.values())
      parts.push(typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(await v.arrayBuffer()));
  } catch {
    throw new AppError('bad_request', 'Lô gói tin không đọc được (multipart/form-data hỏng).');
  }
  if (parts.length === 0 || parts.length > MAX_BATCH)
    throw new AppError('bad_request', `Một lô phải có từ 1 đến ${MAX_BATCH} gói tin.`);
  return receiveMany(s, origin, parts);
}

type Item =
  | { bytes: Buffer; packet: ParsedPacket; group: 'new' | 'status' | 'one' }
  | { bytes: Buffer; refusal: () => Promise<AppError> };
type Taken = Extract<Item, { packet: ParsedPacket }>;

/**
 * Packages of one batch from a peer (or one package), handled in their order: each gets its result
 * or the error that refused it. Runs of new documents and of forward statuses are taken together;
 * recalls, updates, refusals (02) and recall answers (13, 15, 16) one by one.
 */
export async function receiveMany(s: Services, origin: Origin, bodies: Buffer[]): Promise<Outcome[]> {
  const items: Item[] = bodies.map((bytes) => classify(s, origin, bytes));
  const out: Outcome[] = new Array(items.length);
  for (let i = 0; i < items.length; ) {
    const it = items[i]!;
    if ('refusal' in it) {
      out[i++] = await it.refusal();
      continue;
    }
    if (it.group === 'one') {
      out[i++] = await receiveOne(s, { bytes: it.bytes, ...origin }, it.packet).catch((e: unknown) => {
        if (e instanceof AppError) return e;
        throw e;
      });
      continue;
    }
    let j = i;
    while (j < items.length) {
      const n = items[j]!;
      if ('refusal' in n || n.group !== it.group) break;
      j++;
    }
    const got = await receiveRun(s, origin, it.group, items.slice(i, j) as Taken[]);
    got.forEach((r, k) => {
      out[i + k] = r;
    });
    i = j;
  }
  return out;
}

/** A run of new documents, or of forward statuses, taken together. */
function receiveRun(s: Services, origin: Origin, group: 'new' | 'status', run: Taken[]): Promise<Outcome[]> {
  if (group === 'new')
    return acceptNewDocuments(
      s,
      origin,
      run.map((r) => ({ bytes: r.bytes, edoc: (r.packet as { edoc: Edoc }).edoc })),
    );
  return acceptStatuses(
    s,
    origin,
    run.map((r) => ({ bytes: r.bytes, status: (r.packet as { status: StatusPacket }).status })),
  );
}

/** Parses a package and says how it is taken, or how it is refused (malformed, foreign sender). */
function classify(s: Services, origin: Origin, bytes: Buffer): Item {
  const input = { bytes, ...origin };
  let packet: ParsedPacket;
  try {
    packet = parsePacket(bytes, {
      maxBytes: s.config.EXCHANGE_MAX_BYTES,
      maxAttachmentBytes: s.config.UPLOAD_MAX_BYTES,
    });
  } catch (e) {
    if (!(e instanceof EdxmlError)) throw e;
    return {
      bytes,
      refusal: () =>
        asOutcome(refuseReceipt(s, input, { kind: 'unknown', business: 'unknown' }, e.reason, e.message)),
    };
  }
  const senderCode = packet.kind === 'edoc' ? packet.edoc.from.organId : packet.status.from.organId;
  if (origin.peer && !origin.peer.agencyCodes.includes(senderCode)) {
    const message = `Nơi gửi ${senderCode} không thuộc hệ thống “${origin.peer.name}” đã ký gói tin.`;
    return {
      bytes,
      refusal: () =>
        asOutcome(
          refuseReceipt(
            s,
            input,
            { kind: packet.kind, business: 'unknown', senderCode },
            'forbidden',
            message,
          ),
        ),
    };
  }
  if (packet.kind === 'edoc')
    return { bytes, packet, group: ['new', 'replace'].includes(packet.edoc.trace.business) ? 'new' : 'one' };
  return { bytes, packet, group: FORWARD_STATUSES.has(packet.status.statusCode) ? 'status' : 'one' };
}

function receiveOne(s: Services, input: ReceiveInput, packet: ParsedPacket): Promise<ReceiveResult> {
  if (packet.kind === 'edoc') return receiveFollowUp(s, input, packet.edoc);
  if (packet.status.statusCode === '13') return receiveRecallStatus(s, input, packet.status);
  return receiveStatus(s, input, packet.status);
}
