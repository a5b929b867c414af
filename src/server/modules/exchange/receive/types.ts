import type { Actor } from '../../../platform/access/actor.ts';
import type { AppError } from '../../../platform/http/errors.ts';
import type { Edoc, StatusPacket } from '../edxml/index.ts';
import type { PeerRow } from '../peers.ts';

/** A package as it arrives: its bytes, and who sent it. */
export interface ReceiveInput {
  bytes: Buffer;
  /** The authenticated peer (signature verified), or null for a clerk's upload. */
  peer: PeerRow | null;
  /** The clerk uploading (upload only): the package must be addressed to their agency. */
  actor?: Actor;
}

export interface ReceiveResult {
  result: 'accepted' | 'duplicate';
  kind: 'edoc' | 'status';
  business: string;
  documentIds: string[];
}

/** What became of one package of a batch: its result, or the error that refused it. */
export type Outcome = ReceiveResult | AppError;

/** Where a batch came from: the peer that signed it, or a clerk's upload. */
export type Origin = Pick<ReceiveInput, 'peer' | 'actor'>;

/** What the inbox row and the audit row of a refused package record about it. */
export interface RefusalInfo {
  kind: string;
  business: string;
  senderCode?: string;
  toCode?: string;
  agencyId?: string | null;
  docKey?: string;
  subject?: string;
  /** A document package, answered with status 02 where its sender can be reached. */
  edoc?: Edoc;
}

/** A unique key met: two deliveries of the same package at once, one of them wins. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** What a refusal of a document package records about it. */
export function edocInfo(edoc: Edoc) {
  return {
    kind: 'edoc',
    business: edoc.trace.business as string,
    senderCode: edoc.from.organId,
    docKey: edoc.documentId,
    subject: edoc.subject,
    edoc,
  };
}

/** What a refusal of a status packet records about it. */
export function statusInfo(st: StatusPacket) {
  return {
    kind: 'status',
    business: st.statusCode as string,
    senderCode: st.from.organId,
    docKey: st.responseFor.documentId,
    subject: st.description ?? '',
  };
}
