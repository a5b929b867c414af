import { z } from 'zod';

/** The verification of a PDF's digital signatures, as stored (`pdf_verifications.result`) and shown. */
export const verificationStatus = z.enum(['none', 'valid', 'warning', 'invalid']);
export type VerificationStatus = z.infer<typeof verificationStatus>;

export const verifiedSignature = z.object({
  /** The signer's common name (CN), else the organisation. */
  name: z.string().nullable(),
  organisation: z.string().nullable(),
  /** The issuing CA's name (CN, else O). */
  issuer: z.string().nullable(),
  /** ISO 8601; from the signed attribute signingTime, else the PDF's /M. */
  signedAt: z.string().nullable(),
  subFilter: z.string().nullable(),
  /** whole: covers the file; later: later revisions follow, covered by another signature; partial: not. */
  coverage: z.enum(['whole', 'later', 'partial']),
  /** The digest over the signed byte ranges matches (false = changed after signing). */
  intact: z.boolean(),
  signatureValid: z.boolean(),
  /** trusted: chains to a trust anchor; unknown: to no anchor. */
  chain: z.enum(['trusted', 'unknown']),
  /** The certificates from the signer up (display names). */
  chainNames: z.array(z.string()),
  certificateNotAfter: z.string().nullable(),
  revocation: z.enum(['good', 'revoked', 'unknown']),
  status: z.enum(['valid', 'warning', 'invalid']),
  /** Vietnamese sentences: what is wrong or worth knowing. */
  problems: z.array(z.string()),
  notes: z.array(z.string()),
});
export type VerifiedSignature = z.infer<typeof verifiedSignature>;

export const verificationResult = z.object({
  status: verificationStatus,
  summary: z.string(),
  encrypted: z.boolean(),
  signatures: z.array(verifiedSignature),
});
export type VerificationResult = z.infer<typeof verificationResult>;

/** What a document's file carries (documents/detail.ts), allow-listed. */
export const fileSignatureView = z.object({
  status: verificationStatus,
  summary: z.string(),
  signers: z.array(
    z.object({
      name: z.string().nullable(),
      organisation: z.string().nullable(),
      issuer: z.string().nullable(),
      signedAt: z.string().nullable(),
      valid: z.boolean(),
      status: z.enum(['valid', 'warning', 'invalid']),
      coverage: z.enum(['whole', 'later', 'partial']),
      chain: z.enum(['trusted', 'unknown']),
      chainNames: z.array(z.string()),
      problems: z.array(z.string()),
      notes: z.array(z.string()),
    }),
  ),
});
export type FileSignatureView = z.infer<typeof fileSignatureView>;

/** A trust anchor as listed. */
export const trustAnchorView = z.object({
  id: z.uuid(),
  subject: z.string(),
  notAfter: z.string(),
  fingerprint: z.string(),
  hasCrl: z.boolean(),
  crlNextUpdate: z.string().nullable(),
  createdAt: z.string(),
});
export type TrustAnchorView = z.infer<typeof trustAnchorView>;

export const trustAnchorsUpload = z.object({
  /** PEM (one or several certificates) or DER as base64. */
  certificates: z.string().min(1, 'Chọn tệp chứng thư').max(2_000_000, 'Tệp chứng thư quá lớn'),
  /** An optional CRL (PEM or DER as base64) for the (single) certificate. */
  crl: z.string().max(20_000_000, 'Tệp CRL quá lớn').nullable().optional(),
});
export type TrustAnchorsUpload = z.infer<typeof trustAnchorsUpload>;
