import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { people } from '../people/schema.ts';

/*
 * Digital signatures on PDFs (PAdES): the signing keys an administrator uploads (PKCS#12, encrypted
 * at rest, never leaving the server), the trust anchors (root and intermediate CAs) the administrator
 * provides, every signature the system made, and the verification of every PDF that arrives.
 */

/**
 * A signing key: a person's (the leader who signs) or the agency's (the seal of the clerk's
 * numbering and of copies). The PKCS#12 is kept encrypted with AES-256-GCM under the installation's
 * key; the certificate is kept in clear for display and for the chain.
 */
export const signingKeys = pgTable(
  'signing_keys',
  {
    id: idColumn(),
    /** person | agency */
    ownerKind: text('owner_kind').notNull(),
    /** The signer, for a person's key. */
    personId: uuid('person_id').references(() => people.id),
    /** The agency: the key's owner (agency key) or the agency that manages it (person key). */
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** AES-256-GCM of the PKCS#12 bytes: iv (12) + tag (16) + ciphertext. */
    p12Sealed: text('p12_sealed').notNull(),
    /** The PKCS#12 password, sealed the same way (the server signs without asking for it). */
    passwordSealed: text('password_sealed').notNull(),
    certificatePem: text('certificate_pem').notNull(),
    /** The rest of the chain carried in the PKCS#12, PEM, in order. */
    chainPem: text('chain_pem').notNull().default(''),
    subject: text('subject').notNull(),
    issuer: text('issuer').notNull(),
    serialNumber: text('serial_number').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** The signature image (the signer's, blue) or the seal (the agency's, red): a PNG in the blob store. */
    imageSha256: text('image_sha256'),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('signing_keys_person_idx')
      .on(t.personId)
      .where(sql`owner_kind = 'person' AND revoked_at IS NULL`),
    uniqueIndex('signing_keys_agency_idx')
      .on(t.agencyId)
      .where(sql`owner_kind = 'agency' AND revoked_at IS NULL`),
  ],
);

/** A CA certificate the administrator trusts (the Vietnamese government CA roots are loaded here). */
export const trustAnchors = pgTable(
  'trust_anchors',
  {
    id: idColumn(),
    certificatePem: text('certificate_pem').notNull(),
    subject: text('subject').notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** A certificate revocation list (PEM or DER as base64) the administrator provides for it. */
    crlPem: text('crl_pem'),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('trust_anchors_fingerprint_idx').on(t.fingerprint).where(sql`removed_at IS NULL`)],
);

/** Every signature the system made: which key signed which bytes into which bytes, and why. */
export const pdfSignings = pgTable(
  'pdf_signings',
  {
    id: idColumn(),
    keyId: uuid('key_id')
      .notNull()
      .references(() => signingKeys.id),
    /** person (the signer's own) | number (the clerk's numbering with the agency's seal) | copy */
    kind: text('kind').notNull(),
    inputSha256: text('input_sha256').notNull(),
    outputSha256: text('output_sha256').notNull(),
    /** What the signature is for, as the caller names it (e.g. "document:<id>"). */
    subject: text('subject').notNull(),
    signedById: uuid('signed_by_id').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index('pdf_signings_subject_idx').on(t.subject, t.createdAt)],
);

/**
 * The verification of a PDF (by its bytes' SHA-256): signatures found and, for each, signer, time,
 * integrity, coverage and chain. Redone when the trust anchors change (`anchorsVersion`).
 */
export const pdfVerifications = pgTable('pdf_verifications', {
  sha256: text('sha256').primaryKey(),
  /** none | valid | warning | invalid */
  status: text('status').notNull(),
  /** The result as shown (shared/signatures schema). */
  result: jsonb('result').notNull(),
  anchorsVersion: integer('anchors_version').notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
});
