import { and, desc, eq, isNull } from 'drizzle-orm';
import { isSystemAdmin } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/index.ts';
import { saveBlobs } from '../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { openBytes, sealBytes, signingKey } from '../../platform/crypto/index.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { findAgency } from '../agencies/index.ts';
import { activePositions, personNames } from '../people/index.ts';
import { assertSigningCertificate, openP12, signerOf } from './p12.ts';
import { signingKeys } from './schema.ts';
import type { KeySigner } from './signer.ts';

export type SigningKeyRow = typeof signingKeys.$inferSelect;

export interface UploadKeyInput {
  ownerKind: 'person' | 'agency';
  personId?: string;
  /** The agency (system administrator only; an agency administrator manages their own). */
  agencyId?: string;
  p12: Buffer;
  password: string;
  image?: Buffer;
}

const MAX_IMAGE = 2 * 1024 * 1024;

function agencyOf(ctx: Ctx, wanted?: string): string {
  if (wanted && isSystemAdmin(ctx.actor)) return wanted;
  if (!ctx.actor.agencyId) throw forbidden('Bạn chưa có chức vụ trong cơ quan nào.');
  if (wanted && wanted !== ctx.actor.agencyId) throw forbidden('Chỉ quản lý khóa ký của cơ quan mình.');
  return ctx.actor.agencyId;
}

/**
 * An administrator uploads a PKCS#12 and its password for a signer of the agency or for the agency
 * (its seal), with an optional PNG (the signature image or the seal). The file is opened and checked
 * (password, key, certificate, dates, key usage) before anything is written; then the PKCS#12 and
 * its password are sealed with AES-256-GCM and a previous key of the same owner is revoked.
 */
export async function uploadKey(ctx: Ctx, input: UploadKeyInput) {
  const agencyId = agencyOf(ctx, input.agencyId);
  const opened = openP12(input.p12, input.password);
  const facts = assertSigningCertificate(opened.certificate, ctx.now());
  if (input.ownerKind === 'person') {
    if (!input.personId) throw new AppError('validation_failed', 'Chọn người ký.');
    const pos = await activePositions(ctx.db, [input.personId]);
    if (!pos.some((p) => p.agencyId === agencyId || p.divisionId === agencyId))
      throw new AppError('validation_failed', 'Người ký không có chức vụ trong cơ quan.');
  } else if (!(await findAgency(ctx.db, agencyId))) throw notFound('Cơ quan');
  if (input.image) {
    if (input.image.length > MAX_IMAGE || !input.image.subarray(0, 8).equals(PNG))
      throw new AppError('unprocessable', 'Ảnh chữ ký hoặc con dấu phải là tệp PNG, tối đa 2 MB.');
  }
  const key = signingKey(ctx.config);
  return inTx(ctx, async (c) => {
    let imageSha256: string | null = null;
    if (input.image) {
      const [b] = await saveBlobs(c.db, c.blobs, [
        { bytes: input.image, declaredType: 'image/png', maxBytes: MAX_IMAGE },
      ]);
      if (!b || b instanceof AppError) throw b ?? new AppError('unprocessable', 'Không lưu được ảnh.');
      imageSha256 = b.sha256;
    }
    const owner =
      input.ownerKind === 'person'
        ? and(eq(signingKeys.ownerKind, 'person'), eq(signingKeys.personId, input.personId!))
        : and(eq(signingKeys.ownerKind, 'agency'), eq(signingKeys.agencyId, agencyId));
    await c.db
      .update(signingKeys)
      .set({ revokedAt: c.now() })
      .where(and(owner, isNull(signingKeys.revokedAt)));
    const [row] = await c.db
      .insert(signingKeys)
      .values({
        ownerKind: input.ownerKind,
        personId: input.ownerKind === 'person' ? input.personId! : null,
        agencyId,
        p12Sealed: sealBytes(key, input.p12),
        passwordSealed: sealBytes(key, Buffer.from(input.password, 'utf8')),
        certificatePem: pem(opened.certificate),
        chainPem: opened.chain.map(pem).join(''),
        ...facts,
        imageSha256,
        createdById: c.actor.personId,
      })
      .returning({ id: signingKeys.id });
    await audit(c.db, c.actor, {
      action: 'signing_key_upload',
      entityType: 'signing_key',
      entityId: row!.id,
      agencyId,
      detail: { ownerKind: input.ownerKind, personId: input.personId ?? null, subject: facts.subject },
    });
    return { id: row!.id };
  });
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/** The keys of an agency (and its people), newest first; the private key is never part of it. */
export async function listKeys(ctx: Ctx, opts: { agencyId?: string; includeRevoked?: boolean } = {}) {
  const agencyId = agencyOf(ctx, opts.agencyId);
  const rows = await ctx.db
    .select()
    .from(signingKeys)
    .where(
      and(
        eq(signingKeys.agencyId, agencyId),
        opts.includeRevoked ? undefined : isNull(signingKeys.revokedAt),
      ),
    )
    .orderBy(desc(signingKeys.createdAt))
    .limit(500);
  const names = await personNames(
    ctx.db,
    rows.flatMap((r) => [r.personId, r.createdById].filter((x): x is string => !!x)),
  );
  return rows.map((r) => keyView(r, names));
}

export function keyView(r: SigningKeyRow, names = new Map<string, string>()) {
  return {
    id: r.id,
    ownerKind: r.ownerKind as 'person' | 'agency',
    personId: r.personId,
    personName: r.personId ? (names.get(r.personId) ?? null) : null,
    agencyId: r.agencyId,
    subject: r.subject,
    issuer: r.issuer,
    serialNumber: r.serialNumber,
    notBefore: r.notBefore.toISOString(),
    notAfter: r.notAfter.toISOString(),
    fingerprint: r.fingerprint,
    hasImage: !!r.imageSha256,
    createdByName: r.createdById ? (names.get(r.createdById) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

export async function revokeKey(ctx: Ctx, id: string) {
  return inTx(ctx, async (c) => {
    const [row] = await c.db.select().from(signingKeys).where(eq(signingKeys.id, id)).for('update');
    if (!row) throw notFound('Khóa ký');
    agencyOf(c, row.agencyId);
    if (row.revokedAt) throw new AppError('conflict', 'Khóa ký đã bị thu hồi.');
    await c.db.update(signingKeys).set({ revokedAt: c.now() }).where(eq(signingKeys.id, id));
    await audit(c.db, c.actor, {
      action: 'signing_key_revoke',
      entityType: 'signing_key',
      entityId: id,
      agencyId: row.agencyId,
      detail: { subject: row.subject },
    });
  });
}

/** The active key of a person, or of an agency (its seal). */
export async function activeKey(
  ctx: Pick<Ctx, 'db'>,
  owner: { personId: string } | { agencyId: string },
): Promise<SigningKeyRow | undefined> {
  const where =
    'personId' in owner
      ? and(eq(signingKeys.ownerKind, 'person'), eq(signingKeys.personId, owner.personId))
      : and(eq(signingKeys.ownerKind, 'agency'), eq(signingKeys.agencyId, owner.agencyId));
  const [row] = await ctx.db
    .select()
    .from(signingKeys)
    .where(and(where, isNull(signingKeys.revokedAt)))
    .limit(1);
  return row;
}

// Opened keys stay in this process's memory (opening a PKCS#12 costs tens of milliseconds).
const opened = new Map<string, KeySigner>();

/** The signer of a stored key: the PKCS#12 unsealed and opened in memory, never returned to a client. */
export function keySigner(ctx: Pick<Ctx, 'config'>, row: SigningKeyRow): KeySigner {
  const hit = opened.get(row.id);
  if (hit) return hit;
  const key = signingKey(ctx.config);
  const signer = signerOf(
    openP12(openBytes(key, row.p12Sealed), openBytes(key, row.passwordSealed).toString('utf8')),
  );
  if (opened.size > 200) opened.clear();
  opened.set(row.id, signer);
  return signer;
}
