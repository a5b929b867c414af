import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt, idColumn, updatedAt } from '../../db/columns.ts';

/**
 * Other installations (Liên Thông of another province, or any system speaking edXML over this
 * protocol) and the agency codes each serves. Packages and statuses between peers are signed with
 * HMAC-SHA256 under a shared secret registered on both sides, or with each side's private key, each
 * side registering the other's public key or certificate.
 */
export const exchangePeers = pgTable(
  'exchange_peers',
  {
    id: idColumn(),
    name: text('name').notNull(),
    /** e.g. https://lienthong.namdinh.gov.vn — packages go to {baseUrl}/api/v1/exchange/inbox. */
    baseUrl: text('base_url').notNull(),
    /** QCVN 102 agency identifiers served by the peer. */
    agencyCodes: jsonb('agency_codes').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Shared secret for HMAC-SHA256 signatures (never returned by the API); null for a peer known by key. */
    secret: text('secret'),
    /**
     * Or the peer's public key or X.509 certificate (PEM): its requests are verified with it, ours to
     * it are signed with this installation's private key (keys.ts). Exactly one of secret and key.
     */
    publicKey: text('public_key'),
    /** active | disabled */
    status: text('status').notNull().default('active'),
    /** Bumped when a flush job starts, so a change after it enqueues a new flush (see outbox.ts). */
    flushGen: integer('flush_gen').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('exchange_peers_codes_idx').using('gin', t.agencyCodes),
    check('exchange_peers_auth_ck', sql`(${t.secret} IS NULL) <> (${t.publicKey} IS NULL)`),
  ],
);

/**
 * Packages waiting for, or delivered to, a peer: a document package (new, recall, update, replace)
 * or a status packet. The package bytes are built at enqueue time and kept in the blob store, so a
 * retry sends exactly the same bytes. State: pending | failed (transient, retried) | refused (the peer
 * answered 4xx; retried only by an administrator) | delivered.
 */
export const exchangeOutbox = pgTable(
  'exchange_outbox',
  {
    id: idColumn(),
    peerId: uuid('peer_id')
      .notNull()
      .references(() => exchangePeers.id),
    /** edoc | status */
    kind: text('kind').notNull(),
    /** new | recall | update | replace for edoc; the status code (01…16) for status */
    business: text('business').notNull(),
    /** The local document it is about (the outgoing document, or the incoming copy a status is about). */
    documentId: uuid('document_id'),
    /** The sender's delivery row (edoc), so the recipient's statuses land next to internal ones. */
    deliveryId: uuid('delivery_id'),
    /** edXML DocumentId of the document concerned. */
    docKey: text('doc_key').notNull(),
    /** Addressee agency code (edoc: the To; status: the original sender). */
    toCode: text('to_code').notNull(),
    subject: text('subject').notNull().default(''),
    /**
     * The package as stored (blob hash and size). A released document's 'new' package is built by the
     * flush, outside the release transaction, and stored before its first sending: null until then.
     */
    packageSha256: text('package_sha256'),
    packageSize: bigint('package_size', { mode: 'number' }),
    /**
     * The package itself when it is small (outbox.ts, INLINE_MAX): kept in the row, so a batch of
     * statuses or of small documents costs no file each (creating a file is the dearest step of a
     * status on a busy disk). Null for a bigger package, which is in the blob store by its hash.
     */
    body: bytea('body'),
    /** Who released it (the package's TraceHeader staff), for packages built by the flush. */
    staff: text('staff'),
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('exchange_outbox_queue_idx').on(t.peerId, t.state, t.createdAt, t.id),
    index('exchange_outbox_key_idx').on(t.docKey, t.toCode),
    index('exchange_outbox_delivery_idx').on(t.deliveryId),
  ],
);

/**
 * Packages received (from a peer, or uploaded by a clerk): accepted ones point at what they created
 * or changed; refused ones keep the reason. `idemKey` (sender + DocumentId + addressee + business +
 * trace time) makes receipt idempotent: a resent identical package changes nothing.
 */
export const exchangeInbox = pgTable(
  'exchange_inbox',
  {
    id: idColumn(),
    peerId: uuid('peer_id').references(() => exchangePeers.id),
    /** peer | upload */
    via: text('via').notNull(),
    kind: text('kind').notNull(),
    business: text('business').notNull(),
    senderCode: text('sender_code'),
    toCode: text('to_code'),
    /** The local agency it was delivered to. */
    agencyId: uuid('agency_id'),
    docKey: text('doc_key'),
    idemKey: text('idem_key'),
    subject: text('subject').notNull().default(''),
    packageSha256: text('package_sha256').notNull(),
    packageSize: bigint('package_size', { mode: 'number' }).notNull(),
    /** accepted | refused */
    state: text('state').notNull(),
    reason: text('reason'),
    /** The incoming document created or changed. */
    documentId: uuid('document_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('exchange_inbox_idem_uq').on(t.idemKey).where(sql`state = 'accepted'`),
    index('exchange_inbox_queue_idx').on(t.peerId, t.state, t.createdAt, t.id),
    index('exchange_inbox_doc_idx').on(t.documentId),
    index('exchange_inbox_key_idx').on(t.docKey, t.toCode),
  ],
);
