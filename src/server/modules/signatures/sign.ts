import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { activeKey, keySigner, type SigningKeyRow } from './keys.ts';
import { leaderRect, numberBlanks, pageText, topRightRect } from './pdf/locate.ts';
import { padesSign, type Stamp } from './pdf/pades.ts';
import { pdfSignings } from './schema.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Whether a PDF already carries a signature (a signed file is never re-rendered, only appended to). */
export function isSignedPdf(pdf: Buffer): boolean {
  return pdf.includes('/ByteRange') && /\/Type\s*\/Sig\b/.test(pdf.toString('latin1'));
}

async function imageOf(ctx: Pick<Ctx, 'blobs'>, row: SigningKeyRow): Promise<Buffer | undefined> {
  if (!row.imageSha256) return undefined;
  try {
    return await ctx.blobs.read(row.imageSha256);
  } catch {
    return undefined;
  }
}

/** What the sign dialog says: the key that will sign, or none (state-only signing). */
export async function signingKeyOf(ctx: Pick<Ctx, 'db'>, personId: string) {
  const row = await activeKey(ctx, { personId });
  if (!row || row.notAfter < new Date()) return null;
  return { id: row.id, subject: row.subject, issuer: row.issuer, notAfter: row.notAfter.toISOString() };
}

export interface SignedResult {
  pdf: Buffer;
  keyId: string;
  inputSha256: string;
  outputSha256: string;
  kind: 'person' | 'number' | 'copy';
}

/**
 * The leader's signature on the final PDF: visible, with the signature image or (without one) the
 * name, agency and time, centred between the position line and the name. Undefined when the person
 * has no key. Pure computation (no write): the caller records it with `recordSigning`.
 */
export async function signAsPerson(
  ctx: Pick<Ctx, 'db' | 'blobs' | 'config'>,
  pdf: Buffer,
  who: { personId: string; name: string; agencyName: string; reason?: string; at: Date },
): Promise<SignedResult | undefined> {
  const row = await activeKey(ctx, { personId: who.personId });
  if (!row) return undefined;
  const text = await pageText(pdf, (n, count) => n >= count - 2);
  const { page, rect } = leaderRect(text, who.name);
  const image = await imageOf(ctx, row);
  const out = await padesSign(pdf, {
    signer: keySigner(ctx, row),
    signingTime: who.at,
    reason: who.reason ?? 'Ký ban hành văn bản',
    name: who.name,
    page,
    rect,
    ...(image
      ? { image }
      : {
          lines: [
            { text: who.name, size: 9 },
            { text: who.agencyName, size: 7 },
            { text: who.at.toISOString().replace(/\.\d+Z$/, 'Z'), size: 7 },
          ],
        }),
  });
  return { pdf: out, keyId: row.id, inputSha256: sha256(pdf), outputSha256: sha256(out), kind: 'person' };
}

/**
 * The clerk's numbering on a signed PDF (Appendix I, II.8): the number and the day and month written
 * into the blanks of "Số: …/…" and "ngày … tháng …" (base-14 Times, in annotation appearances), and
 * the agency's signature in the same incremental update — the seal image over about a third of the
 * leader's signature on its left, or invisible without an image. Undefined without an agency key.
 */
export async function signNumbering(
  ctx: Pick<Ctx, 'db' | 'blobs' | 'config'>,
  pdf: Buffer,
  o: {
    agencyId: string;
    agencyName: string;
    number: string;
    date: Date;
    leaderName?: string | null;
    at: Date;
  },
): Promise<SignedResult | undefined> {
  const row = await activeKey(ctx, { agencyId: o.agencyId });
  if (!row) return undefined;
  const text = await pageText(pdf);
  const blanks = numberBlanks(text);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
  }).formatToParts(o.date);
  const day = parts.find((p) => p.type === 'day')!.value;
  const month = parts.find((p) => p.type === 'month')!.value;
  const stamps: Stamp[] = [];
  if (blanks.number) stamps.push({ page: 0, ...blanks.number, text: o.number });
  if (blanks.day) stamps.push({ page: 0, ...blanks.day, text: day });
  if (blanks.month) stamps.push({ page: 0, ...blanks.month, text: month });
  const image = await imageOf(ctx, row);
  let placement: { page?: number; rect?: [number, number, number, number] } = {};
  if (image) {
    const leader = leaderRect(text, o.leaderName ?? '\u0000');
    const [x1, y1, x2, y2] = leader.rect;
    const side = Math.max(60, Math.min(110, (y2 - y1) * 1.4));
    const cx = x1 + (x2 - x1) / 3 - side / 2 + side / 6; // covers about a third of it, on its left
    const cy = (y1 + y2) / 2;
    placement = { page: leader.page, rect: [cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2] };
  }
  const out = await padesSign(pdf, {
    signer: keySigner(ctx, row),
    signingTime: o.at,
    reason: `Cấp số ${o.number}`,
    name: o.agencyName,
    stamps,
    ...placement,
    ...(image ? { image } : {}),
  });
  return { pdf: out, keyId: row.id, inputSha256: sha256(pdf), outputSha256: sha256(out), kind: 'number' };
}

/**
 * The agency's signature at the top right of page 1 with a line of text (Times 10, no image): on a
 * separate attachment ("số ký hiệu, time") and on an electronic copy ("SAO Y, agency, time").
 */
export async function signTopRight(
  ctx: Pick<Ctx, 'db' | 'blobs' | 'config'>,
  pdf: Buffer,
  o: {
    agencyId: string;
    agencyName: string;
    text: string;
    reason: string;
    at: Date;
    kind: 'number' | 'copy';
  },
): Promise<SignedResult | undefined> {
  const row = await activeKey(ctx, { agencyId: o.agencyId });
  if (!row) return undefined;
  const text = await pageText(pdf, (n) => n === 0);
  const { page, rect } = topRightRect(text, 260, 18);
  const out = await padesSign(pdf, {
    signer: keySigner(ctx, row),
    signingTime: o.at,
    reason: o.reason,
    name: o.agencyName,
    page,
    rect,
    lines: [{ text: o.text, size: 10 }],
    textColor: 'black',
  });
  return { pdf: out, keyId: row.id, inputSha256: sha256(pdf), outputSha256: sha256(out), kind: o.kind };
}

/** The record of a signature the system made. */
export async function recordSigning(db: Db, r: SignedResult, subject: string, signedById: string | null) {
  await db.insert(pdfSignings).values({
    keyId: r.keyId,
    kind: r.kind,
    inputSha256: r.inputSha256,
    outputSha256: r.outputSha256,
    subject,
    signedById,
  });
}
