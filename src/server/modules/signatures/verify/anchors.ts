import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TrustAnchorsUpload, TrustAnchorView } from '../../../../shared/schemas/signatures-verify.ts';
import { audit } from '../../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { trustAnchors } from '../schema.ts';
import { crlDer } from './verifier.ts';
import { type Cert, type Crl, crlIssuedBy, parseCert, parseCrl, pemBlocks, toPem } from './x509.ts';

/*
 * Trust anchors: the CA certificates (roots and intermediates) the system administrator trusts, each
 * with an optional CRL. Removing one marks it removed (its row stays, so the anchors' version grows:
 * store.ts). Every change makes stored verifications stale; they are redone when next read.
 */

const MAX_PER_UPLOAD = 20;

function bytesOf(text: string): Buffer {
  const t = text.trim();
  if (t.includes('-----BEGIN')) return Buffer.from(t, 'latin1');
  if (!/^[A-Za-z0-9+/=\s]+$/.test(t)) throw new AppError('bad_request', NOT_CERT);
  return Buffer.from(t.replace(/\s+/g, ''), 'base64');
}

const NOT_CERT = 'Tệp không phải chứng thư số X.509 (PEM hoặc DER): không nạp được.';

function readCerts(text: string): Cert[] {
  const blocks = pemBlocks(bytesOf(text), /^CERTIFICATE$|^X509 CERTIFICATE$|^TRUSTED CERTIFICATE$/);
  if (blocks.length === 0) throw new AppError('bad_request', NOT_CERT);
  if (blocks.length > MAX_PER_UPLOAD) {
    throw new AppError('bad_request', `Mỗi lần nạp tối đa ${MAX_PER_UPLOAD} chứng thư.`);
  }
  return blocks.map((der, i) => {
    try {
      return parseCert(der);
    } catch {
      throw new AppError(
        'bad_request',
        blocks.length > 1 ? `Chứng thư thứ ${i + 1} trong tệp không đọc được: không nạp tệp này.` : NOT_CERT,
      );
    }
  });
}

function readCrl(text: string, cert: Cert): { crl: Crl; pem: string } {
  let crl: Crl;
  let der: Buffer | null;
  try {
    der = crlDer(text.trim());
    if (!der) throw new Error('empty');
    crl = parseCrl(der);
  } catch {
    throw new AppError('bad_request', 'Tệp CRL không đọc được (cần danh sách thu hồi X.509, PEM hoặc DER).');
  }
  if (!crlIssuedBy(crl, cert)) {
    throw new AppError('bad_request', `CRL này không do «${cert.display}» ký: không nạp được.`);
  }
  return { crl, pem: toPem(der, 'X509 CRL') };
}

function present(r: typeof trustAnchors.$inferSelect): TrustAnchorView {
  let crlNextUpdate: string | null = null;
  if (r.crlPem) {
    try {
      const der = crlDer(r.crlPem);
      crlNextUpdate = der ? (parseCrl(der).nextUpdate?.toISOString() ?? null) : null;
    } catch {
      crlNextUpdate = null;
    }
  }
  return {
    id: r.id,
    subject: r.subject,
    notAfter: r.notAfter.toISOString(),
    fingerprint: r.fingerprint,
    hasCrl: !!r.crlPem,
    crlNextUpdate,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listTrustAnchors(ctx: Ctx): Promise<TrustAnchorView[]> {
  const list = await ctx.db
    .select()
    .from(trustAnchors)
    .where(isNull(trustAnchors.removedAt))
    .orderBy(asc(trustAnchors.subject), asc(trustAnchors.createdAt));
  return list.map(present);
}

/** Adds one or several CA certificates (all or nothing); a CRL only with a single certificate. */
export async function addTrustAnchors(ctx: Ctx, input: TrustAnchorsUpload): Promise<TrustAnchorView[]> {
  const certs = readCerts(input.certificates);
  const now = ctx.now();
  for (const c of certs) {
    if (!c.isCa) {
      throw new AppError(
        'bad_request',
        `Chứng thư «${c.display}» không phải của tổ chức chứng thực (CA): chỉ nạp chứng thư gốc hoặc trung gian.`,
      );
    }
    if (c.notAfter < now) {
      throw new AppError(
        'bad_request',
        `Chứng thư «${c.display}» đã hết hạn ngày ${c.notAfter.toISOString().slice(0, 10)}.`,
      );
    }
  }
  if (new Set(certs.map((c) => c.fingerprint)).size !== certs.length) {
    throw new AppError('bad_request', 'Tệp có một chứng thư lặp lại.');
  }
  const crlText = input.crl?.trim() ? input.crl : null;
  if (crlText && certs.length > 1) {
    throw new AppError('bad_request', 'Chỉ kèm CRL khi nạp một chứng thư.');
  }
  const crl = crlText ? readCrl(crlText, certs[0]!) : null;
  return inTx(ctx, async (tx) => {
    const existing = await tx.db
      .select({ fingerprint: trustAnchors.fingerprint, subject: trustAnchors.subject })
      .from(trustAnchors)
      .where(isNull(trustAnchors.removedAt));
    for (const c of certs) {
      const dup = existing.find((e) => e.fingerprint === c.fingerprint);
      if (dup) throw new AppError('conflict', `Chứng thư «${dup.subject}» đã có trong danh sách tin cậy.`);
    }
    const inserted = await tx.db
      .insert(trustAnchors)
      .values(
        certs.map((c) => ({
          certificatePem: toPem(c.der, 'CERTIFICATE'),
          subject: c.display,
          notAfter: c.notAfter,
          fingerprint: c.fingerprint,
          crlPem: crl?.pem ?? null,
          createdById: ctx.actor.personId,
        })),
      )
      .returning();
    await audit(tx.db, ctx.actor, {
      action: 'signatures.trust.add',
      entityType: 'trust_anchor',
      entityId: inserted[0]!.id,
      agencyId: null,
      detail: {
        anchors: inserted.map((r) => ({ id: r.id, subject: r.subject, fingerprint: r.fingerprint })),
        crl: !!crl,
      },
    });
    return inserted.map(present);
  });
}

/** Replaces (or sets) the CRL of an anchor: the old row is marked removed, a new one takes its place. */
export async function setTrustAnchorCrl(ctx: Ctx, id: string, crlText: string): Promise<TrustAnchorView> {
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .select()
      .from(trustAnchors)
      .where(and(eq(trustAnchors.id, id), isNull(trustAnchors.removedAt)))
      .for('update');
    if (!row) throw new AppError('not_found', 'Chứng thư tin cậy không tồn tại hoặc đã bị gỡ.');
    const der = pemBlocks(Buffer.from(row.certificatePem, 'latin1'), /CERTIFICATE/)[0]!;
    const { pem } = readCrl(crlText, parseCert(der));
    await tx.db.update(trustAnchors).set({ removedAt: ctx.now() }).where(eq(trustAnchors.id, id));
    const [next] = await tx.db
      .insert(trustAnchors)
      .values({
        certificatePem: row.certificatePem,
        subject: row.subject,
        notAfter: row.notAfter,
        fingerprint: row.fingerprint,
        crlPem: pem,
        createdById: ctx.actor.personId,
      })
      .returning();
    await audit(tx.db, ctx.actor, {
      action: 'signatures.trust.crl',
      entityType: 'trust_anchor',
      entityId: next!.id,
      agencyId: null,
      detail: { replaces: id, subject: row.subject, fingerprint: row.fingerprint },
    });
    return present(next!);
  });
}

export async function removeTrustAnchor(ctx: Ctx, id: string): Promise<void> {
  await inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .update(trustAnchors)
      .set({ removedAt: ctx.now() })
      .where(and(eq(trustAnchors.id, id), isNull(trustAnchors.removedAt)))
      .returning();
    if (!row) throw new AppError('not_found', 'Chứng thư tin cậy không tồn tại hoặc đã bị gỡ.');
    await audit(tx.db, ctx.actor, {
      action: 'signatures.trust.remove',
      entityType: 'trust_anchor',
      entityId: id,
      agencyId: null,
      detail: { subject: row.subject, fingerprint: row.fingerprint },
    });
  });
}
