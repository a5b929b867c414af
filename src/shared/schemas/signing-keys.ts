import { z } from 'zod';

/** An administrator's upload of a signing key (PKCS#12 as base64, its password, an optional PNG). */
export const uploadKeyInput = z
  .object({
    ownerKind: z.enum(['person', 'agency']),
    personId: z.uuid('Mã người ký không hợp lệ.').optional(),
    agencyId: z.uuid('Mã cơ quan không hợp lệ.').optional(),
    p12Base64: z.string().min(1, 'Chọn tệp PKCS#12 (.p12, .pfx).').max(200_000, 'Tệp PKCS#12 quá lớn.'),
    password: z.string().max(200),
    imageBase64: z.string().max(3_000_000, 'Ảnh quá lớn (tối đa 2 MB).').optional(),
  })
  .refine((v) => v.ownerKind === 'agency' || !!v.personId, { message: 'Chọn người ký.', path: ['personId'] });
export type UploadKeyInput = z.infer<typeof uploadKeyInput>;

export const signingKeyView = z.object({
  id: z.string(),
  ownerKind: z.enum(['person', 'agency']),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  agencyId: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprint: z.string(),
  hasImage: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type SigningKeyView = z.infer<typeof signingKeyView>;

export const signingKeysQuery = z.object({
  agencyId: z.uuid().optional(),
  includeRevoked: z.enum(['true', 'false']).optional(),
});

/** What the sign dialog says: the key that will sign the PDF, or null (state-only signing). */
export const mySigningKeyView = z.object({
  key: z.object({ id: z.string(), subject: z.string(), issuer: z.string(), notAfter: z.string() }).nullable(),
});
