import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type {
  VerificationResult,
  VerificationStatus,
  VerifiedSignature,
} from '../../../../shared/schemas/signatures-verify.ts';
import { type FoundSignature, parsePdfDate, scanPdf } from './pdf-scan.ts';
import {
  type Cert,
  type Crl,
  checkSignature,
  crlIssuedBy,
  hashName,
  issuedBy,
  parseCert,
  parseCrl,
  pemBlocks,
  serialHex,
} from './x509.ts';

/*
 * The verifier: a pure function of the PDF's bytes, the trust anchors and the clock. No database.
 */

export const TEXT = {
  encrypted: 'Tệp PDF có mật khẩu, không kiểm tra được chữ ký.',
  none: 'Tệp không có chữ ký số.',
  notPdf: 'Tệp không phải PDF.',
  tooMany: 'Tệp có quá nhiều chữ ký, không kiểm tra được.',
  changed: 'Văn bản đã bị thay đổi sau khi ký.',
  badSignature: 'Giá trị chữ ký không đúng với chứng thư của người ký.',
  brokenCms: 'Không đọc được dữ liệu chữ ký (CMS hỏng).',
  noSignerCert: 'Chữ ký không kèm chứng thư của người ký.',
  partial: 'Chữ ký chỉ bao phủ một phần tệp.',
  later: 'Văn bản được bổ sung sau khi ký (số, ngày, chữ ký khác).',
  unknownCa: 'Chứng thư không do tổ chức chứng thực tin cậy cấp (chưa có trong danh sách chứng thư tin cậy).',
  notValidAtSigning: 'Chứng thư không còn hiệu lực tại thời điểm ký.',
  expiredNow: 'Chứng thư đã hết hạn (còn hiệu lực khi ký).',
  noRevocation: 'Chưa kiểm tra được việc thu hồi chứng thư (không có danh sách thu hồi CRL).',
  notCa: 'Một chứng thư trung gian không phải của tổ chức chứng thực.',
  revoked: (d: Date) => `Chứng thư của người ký đã bị thu hồi ngày ${vnDate(d)}.`,
  brokenDict: 'Một chữ ký trong tệp có cấu trúc hỏng (ByteRange/Contents).',
};

const vnDate = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short' }).format(d);

export interface AnchorInput {
  certificatePem: string;
  crlPem?: string | null;
}

export interface PreparedAnchors {
  certs: Cert[];
  /** CRLs given by the administrator, each checked against the anchor it was uploaded with. */
  crls: { crl: Crl; issuer: Cert }[];
}

/** Parses the anchors once (reused by every verification until they change). Bad entries are skipped. */
export function prepareAnchors(list: readonly AnchorInput[]): PreparedAnchors {
  const out: PreparedAnchors = { certs: [], crls: [] };
  for (const a of list) {
    let cert: Cert;
    try {
      const der = pemBlocks(Buffer.from(a.certificatePem, 'latin1'), /CERTIFICATE/)[0];
      if (!der) continue;
      cert = parseCert(der);
    } catch {
      continue;
    }
    out.certs.push(cert);
    if (a.crlPem) {
      try {
        const der = crlDer(a.crlPem);
        const crl = der ? parseCrl(der) : null;
        if (crl && crlIssuedBy(crl, cert)) out.crls.push({ crl, issuer: cert });
      } catch {
        // A broken CRL was refused at upload; an old row simply gives no revocation information.
      }
    }
  }
  return out;
}

/** A CRL as stored: PEM, or DER as base64. */
export function crlDer(text: string): Buffer | null {
  if (text.includes('-----BEGIN')) return pemBlocks(Buffer.from(text, 'latin1'), /X509 CRL/)[0] ?? null;
  const b = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  return b.length ? b : null;
}

interface Evaluated {
  sig: VerifiedSignature;
  end: number;
}

/** Verifies every signature of a PDF. */
export function verifyPdf(pdf: Buffer, anchors: PreparedAnchors, now = new Date()): VerificationResult {
  const scan = scanPdf(pdf);
  if (!scan.isPdf) return { status: 'none', summary: TEXT.notPdf, encrypted: false, signatures: [] };
  if (scan.encrypted) return { status: 'warning', summary: TEXT.encrypted, encrypted: true, signatures: [] };
  if (scan.tooMany) return { status: 'invalid', summary: TEXT.tooMany, encrypted: false, signatures: [] };
  if (scan.signatures.length === 0) {
    return scan.broken > 0
      ? { status: 'invalid', summary: TEXT.brokenDict, encrypted: false, signatures: [] }
      : { status: 'none', summary: TEXT.none, encrypted: false, signatures: [] };
  }
  // The file's end, ignoring trailing white space some tools add after %%EOF.
  let fileEnd = pdf.length;
  while (
    fileEnd > 0 &&
    fileEnd > pdf.length - 1024 &&
    /[\s\0]/.test(String.fromCharCode(pdf[fileEnd - 1]!))
  ) {
    fileEnd--;
  }
  const evaluated: Evaluated[] = scan.signatures
    .map((s) => ({ sig: evaluate(pdf, s, anchors, now), end: s.byteRange[2] + s.byteRange[3] }))
    .sort((a, b) => a.end - b.end);
  const wholeCovered = evaluated.some((e) => e.end >= fileEnd);
  for (const e of evaluated) {
    if (e.end >= fileEnd) continue;
    if (wholeCovered) {
      e.sig.coverage = 'later';
      e.sig.notes.push(TEXT.later);
    } else {
      e.sig.coverage = 'partial';
      e.sig.problems.unshift(TEXT.partial);
      e.sig.status = 'invalid';
    }
  }
  const signatures = evaluated.map((e) => e.sig);
  let status: VerificationStatus = 'valid';
  if (signatures.some((s) => s.status === 'invalid') || scan.broken > 0) status = 'invalid';
  else if (signatures.some((s) => s.status === 'warning')) status = 'warning';
  const names = [...new Set(signatures.map((s) => s.name ?? s.organisation ?? '?'))].join(', ');
  const firstProblem = signatures.flatMap((s) => s.problems)[0] ?? (scan.broken > 0 ? TEXT.brokenDict : '');
  const summary =
    status === 'valid'
      ? `Chữ ký hợp lệ: ${names}.`
      : status === 'invalid'
        ? `Chữ ký không hợp lệ: ${firstProblem}`
        : `Chưa xác minh được chữ ký: ${firstProblem}`;
  return { status, summary, encrypted: false, signatures };
}

function blank(s: FoundSignature): VerifiedSignature {
  return {
    name: null,
    organisation: null,
    issuer: null,
    signedAt: parsePdfDate(s.m)?.toISOString() ?? null,
    subFilter: s.subFilter,
    coverage: 'whole',
    intact: false,
    signatureValid: false,
    chain: 'unknown',
    chainNames: [],
    certificateNotAfter: null,
    revocation: 'unknown',
    status: 'invalid',
    problems: [],
    notes: [],
  };
}

function evaluate(pdf: Buffer, s: FoundSignature, anchors: PreparedAnchors, now: Date): VerifiedSignature {
  const out = blank(s);
  let signed: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(new Uint8Array(derOnly(s.contents)));
    if (asn.offset === -1) throw new Error('ber');
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) throw new Error('not signed data');
    signed = new pkijs.SignedData({ schema: info.content });
  } catch {
    out.problems.push(TEXT.brokenCms);
    return out;
  }
  const si = signed.signerInfos[0];
  if (!si) {
    out.problems.push(TEXT.brokenCms);
    return out;
  }
  const certs: Cert[] = [];
  for (const c of signed.certificates ?? []) {
    if (!(c instanceof pkijs.Certificate)) continue;
    try {
      certs.push(parseCert(Buffer.from(c.toSchema().toBER())));
    } catch {
      // An unreadable extra certificate is ignored; the signer's is required below.
    }
  }
  const signer = findSigner(si, certs);
  if (!signer) {
    out.problems.push(TEXT.noSignerCert);
    return out;
  }
  out.name = signer.cn ?? signer.organisation;
  out.organisation = signer.organisation;
  out.issuer = signer.issuerDisplay;
  out.certificateNotAfter = signer.notAfter.toISOString();

  // Integrity: the digest over the byte ranges, then the signature over the signed attributes.
  const [a, b, c, d] = s.byteRange;
  const hash = hashName(si.digestAlgorithm.algorithmId);
  const sigValue = Buffer.from(si.signature.valueBlock.valueHexView);
  if (!hash) {
    out.problems.push(TEXT.brokenCms);
    return out;
  }
  const digest = createHash(hash)
    .update(pdf.subarray(a, a + b))
    .update(pdf.subarray(c, c + d))
    .digest();
  let signingTime: Date | null = null;
  if (si.signedAttrs) {
    const attrs = si.signedAttrs.attributes;
    const md = attrs.find((x) => x.type === '1.2.840.113549.1.9.4')?.values[0];
    const mdBytes = md instanceof asn1js.OctetString ? Buffer.from(md.valueBlock.valueHexView) : null;
    out.intact = mdBytes?.equals(digest) ?? false;
    const st = attrs.find((x) => x.type === '1.2.840.113549.1.9.5')?.values[0];
    if (st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime) signingTime = st.toDate();
    out.signatureValid = checkSignature(
      si.signatureAlgorithm,
      hash,
      Buffer.from(si.signedAttrs.encodedValue),
      signer.publicKey,
      sigValue,
    );
  } else {
    out.signatureValid = checkSignature(
      si.signatureAlgorithm,
      hash,
      Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
      signer.publicKey,
      sigValue,
    );
    out.intact = out.signatureValid;
  }
  if (signingTime) out.signedAt = signingTime.toISOString();
  const at = out.signedAt ? new Date(out.signedAt) : now;

  if (!out.intact) out.problems.push(TEXT.changed);
  else if (!out.signatureValid) out.problems.push(TEXT.badSignature);

  // The chain: from the signer up to an anchor, through the certificates the CMS carries.
  const path = buildPath(signer, certs, anchors);
  out.chainNames = path.certs.map((x) => x.display);
  out.chain = path.trusted ? 'trusted' : 'unknown';
  const invalidAtSigning = path.certs.some((x) => at < x.notBefore || at > x.notAfter);
  if (invalidAtSigning) out.problems.push(TEXT.notValidAtSigning);
  const notCa = path.certs.slice(1).some((x) => !x.isCa);
  if (notCa) out.problems.push(TEXT.notCa);

  // Revocation: every certificate below the top needs a CRL of its issuer (the anchor's, or carried).
  const embedded: Crl[] = [];
  for (const r of signed.crls ?? []) {
    if (!(r instanceof pkijs.CertificateRevocationList)) continue;
    try {
      embedded.push(parseCrl(Buffer.from(r.toSchema().toBER())));
    } catch {
      // ignored
    }
  }
  let revokedAt: Date | null = null;
  // The anchor at the top is trusted as it is; an untrusted top has nobody to vouch for it.
  let allKnown = path.trusted;
  const below = path.trusted ? path.certs.length - 1 : path.certs.length;
  for (let i = 0; i < below; i++) {
    const cert = path.certs[i]!;
    const issuer = path.certs[i + 1];
    if (!issuer) {
      allKnown = false;
      break;
    }
    const crls = [
      ...anchors.crls.filter((x) => x.issuer.fingerprint === issuer.fingerprint).map((x) => x.crl),
      ...embedded.filter((x) => crlIssuedBy(x, issuer)),
    ];
    if (crls.length === 0) {
      allKnown = false;
      continue;
    }
    for (const crl of crls) {
      const when = crl.revoked.get(cert.serial);
      if (when && (!revokedAt || when < revokedAt)) revokedAt = when;
    }
  }
  if (revokedAt) {
    out.revocation = 'revoked';
    out.problems.push(TEXT.revoked(revokedAt));
  } else {
    out.revocation = allKnown ? 'good' : 'unknown';
  }

  const invalid = !out.intact || !out.signatureValid || invalidAtSigning || notCa || revokedAt !== null;
  const warnings: string[] = [];
  if (!path.trusted) warnings.push(TEXT.unknownCa);
  if (!invalidAtSigning && path.certs.some((x) => now > x.notAfter)) warnings.push(TEXT.expiredNow);
  // Revocation is checked where the information is at hand offline (the anchor's CRL, CRLs in the
  // signature): without any, the signature is still valid and the details say it was not checked.
  if (!revokedAt && !allKnown && path.trusted && !out.notes.includes(TEXT.noRevocation))
    out.notes.push(TEXT.noRevocation);
  out.problems.push(...warnings.filter((w) => !out.problems.includes(w)));
  out.status = invalid ? 'invalid' : warnings.length > 0 ? 'warning' : 'valid';
  return out;
}

/** The DER element at the start of the buffer, without the placeholder's zero padding after it. */
function derOnly(b: Buffer): Buffer {
  if (b.length < 2) return b;
  const first = b[1]!;
  if (first < 0x80) return b.subarray(0, 2 + first);
  const n = first & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return b;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return 2 + n + len <= b.length ? b.subarray(0, 2 + n + len) : b;
}

function findSigner(si: pkijs.SignerInfo, certs: Cert[]): Cert | undefined {
  const sid = si.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const serial = serialHex(sid.serialNumber);
    // The issuer's name as the signer re-encoded it may differ in form (one RDN per attribute or a
    // multi-valued one): the serial decides, the name only between certificates sharing a serial.
    const same = certs.filter((c) => c.serial === serial);
    return same.length > 1 ? (same.find((c) => c.pk.issuer.isEqual(sid.issuer)) ?? same[0]) : same[0];
  }
  if (sid instanceof asn1js.Primitive || sid instanceof asn1js.Constructed) {
    // subjectKeyIdentifier [0]: match the certificate's SKI extension.
    const want = Buffer.from((sid as asn1js.Primitive).valueBlock.valueHexView ?? new Uint8Array());
    return certs.find((c) => {
      const ext = c.pk.extensions?.find((e) => e.extnID === '2.5.29.14');
      const v = ext?.parsedValue as asn1js.OctetString | undefined;
      return v ? Buffer.from(v.valueBlock.valueHexView).equals(want) : false;
    });
  }
  return certs[0];
}

function buildPath(
  leaf: Cert,
  carried: Cert[],
  anchors: PreparedAnchors,
): { certs: Cert[]; trusted: boolean } {
  const certs = [leaf];
  const isAnchor = (c: Cert) => anchors.certs.some((x) => x.fingerprint === c.fingerprint);
  let cur = leaf;
  for (let depth = 0; depth < 8; depth++) {
    if (isAnchor(cur)) return { certs, trusted: true };
    const anchor = anchors.certs.find((x) => issuedBy(cur, x));
    if (anchor) {
      certs.push(anchor);
      return { certs, trusted: true };
    }
    if (cur.selfSigned) break;
    const next = carried.find((x) => x !== cur && !certs.includes(x) && issuedBy(cur, x));
    if (!next) break;
    certs.push(next);
    cur = next;
  }
  return { certs, trusted: false };
}
