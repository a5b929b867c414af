/*
 * Test helpers (tests, the bench, the browser test): CAs, certificates and CRLs made on the spot with
 * pkijs (@peculiar/x509 needs a reflect-metadata polyfill the project does not have), PDFs made with pdf-lib and signed with @signpdf (placeholder-plain) and a small CMS
 * signer built on pkijs. Not used by the server.
 */
import { webcrypto } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import * as pkijs from 'pkijs';

const crypto = webcrypto as unknown as Crypto;
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto }));

const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

export interface TestCert {
  cert: pkijs.Certificate;
  keys: CryptoKeyPair;
  pem: string;
  der: Buffer;
}

const DAY = 86_400_000;
let serialCounter = 0x1000;

/** "CN=a,O=b,C=VN" → a pkijs name, one RDN per attribute as real certificates have (UTF8String; C printable). */
function dn(text: string): pkijs.RelativeDistinguishedNames {
  const oids: Record<string, string> = {
    CN: '2.5.4.3',
    O: '2.5.4.10',
    C: '2.5.4.6',
    OU: '2.5.4.11',
    L: '2.5.4.7',
  };
  const rdns = text.split(',').map((part) => {
    const [k, ...v] = part.split('=');
    const value = v.join('=').trim();
    const tv = new pkijs.AttributeTypeAndValue({
      type: oids[k!.trim()]!,
      value: k!.trim() === 'C' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
    });
    return new asn1js.Set({ value: [tv.toSchema()] });
  });
  const der = new asn1js.Sequence({ value: rdns }).toBER(false);
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(der).result });
}

const pem = (der: Buffer, label: string) =>
  `-----BEGIN ${label}-----\n${der
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n')
    .trimEnd()}\n-----END ${label}-----\n`;

export async function makeCert(opts: {
  subject: string;
  issuer?: TestCert;
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
}): Promise<TestCert> {
  const keys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serialCounter++ });
  cert.subject = dn(opts.subject);
  cert.issuer = opts.issuer ? opts.issuer.cert.subject : dn(opts.subject);
  cert.notBefore.value = opts.notBefore ?? new Date(Date.now() - DAY);
  cert.notAfter.value = opts.notAfter ?? new Date(Date.now() + 365 * DAY);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  const ski = Buffer.from(
    await crypto.subtle.digest(
      'SHA-1',
      new Uint8Array(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    ),
  );
  // keyUsage: digitalSignature + nonRepudiation (0xC0) for a signer, keyCertSign + cRLSign (0x06) for a CA.
  const ku = new asn1js.BitString({
    valueHex: new Uint8Array([opts.ca ? 0x06 : 0xc0]).buffer,
    unusedBits: 1,
  });
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: !!opts.ca }).toSchema().toBER(false),
    }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: ku.toBER(false) }),
    new pkijs.Extension({
      extnID: '2.5.29.14',
      extnValue: new asn1js.OctetString({ valueHex: ski }).toBER(false),
    }),
  ];
  await cert.sign((opts.issuer?.keys ?? keys).privateKey, 'SHA-256');
  const der = Buffer.from(cert.toSchema(true).toBER(false));
  return { cert, keys, pem: pem(der, 'CERTIFICATE'), der };
}

/** A CRL of `issuer` revoking the given certificates. */
export async function makeCrl(
  issuer: TestCert,
  revoked: TestCert[] = [],
): Promise<{ pem: string; der: Buffer }> {
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = issuer.cert.subject;
  crl.thisUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() - DAY) });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() + 30 * DAY) });
  if (revoked.length) {
    crl.revokedCertificates = revoked.map(
      (r) =>
        new pkijs.RevokedCertificate({
          userCertificate: r.cert.serialNumber,
          revocationDate: new pkijs.Time({ type: 0, value: new Date(Date.now() - DAY / 2) }),
        }),
    );
  }
  await crl.sign(issuer.keys.privateKey, 'SHA-256');
  const der = Buffer.from(crl.toSchema(true).toBER(false));
  return { pem: pem(der, 'X509 CRL'), der };
}

/** A PDF of `pages` pages of text (classic cross-reference table, as placeholder-plain needs). */
export async function makePdf(pages = 2, text = 'Công văn thử nghiệm'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(
      `${text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, 'd')} - trang ${i + 1}`,
      {
        x: 72,
        y: 760,
        size: 14,
        font,
      },
    );
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

class PkijsSigner extends Signer {
  constructor(
    private readonly leaf: TestCert,
    private readonly chain: TestCert[],
    private readonly crls: Buffer[],
    private readonly time: Date | null,
  ) {
    super();
  }
  override async sign(data: Buffer): Promise<Buffer> {
    return buildCms(data, this.leaf, this.chain, this.crls, this.time);
  }
}

export async function buildCms(
  data: Buffer,
  leaf: TestCert,
  chain: TestCert[] = [],
  crls: Buffer[] = [],
  time: Date | null = new Date(),
): Promise<Buffer> {
  const toPk = (c: TestCert) => c.cert;
  const leafPk = toPk(leaf);
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(data));
  const attributes = [
    new pkijs.Attribute({
      type: '1.2.840.113549.1.9.3',
      values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })],
    }),
    new pkijs.Attribute({
      type: '1.2.840.113549.1.9.4',
      values: [new asn1js.OctetString({ valueHex: digest })],
    }),
  ];
  if (time)
    attributes.push(
      new pkijs.Attribute({
        type: '1.2.840.113549.1.9.5',
        values: [new asn1js.UTCTime({ valueDate: time })],
      }),
    );
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: leafPk.issuer, serialNumber: leafPk.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [leafPk, ...chain.map(toPk)],
    ...(crls.length
      ? {
          crls: crls.map(
            (c) => new pkijs.CertificateRevocationList({ schema: asn1js.fromBER(new Uint8Array(c)).result }),
          ),
        }
      : {}),
  });
  await signed.sign(leaf.keys.privateKey, 0, 'SHA-256');
  const info = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.SIGNED_DATA,
    content: signed.toSchema(true),
  });
  return Buffer.from(info.toSchema().toBER());
}

/** Signs a PDF (an incremental update with a placeholder, then the CMS). */
export async function signTestPdf(
  pdf: Buffer,
  leaf: TestCert,
  opts: { chain?: TestCert[]; crls?: Buffer[]; time?: Date | null; name?: string; subFilter?: string } = {},
): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: 'Ký số',
    contactInfo: '',
    name: opts.name ?? 'Người ký',
    location: 'Việt Nam',
    signatureLength: 16384,
    subFilter: opts.subFilter ?? 'ETSI.CAdES.detached',
    ...(opts.time ? { signingTime: opts.time } : {}),
  });
  return new SignPdf().sign(
    withPlaceholder,
    new PkijsSigner(
      leaf,
      opts.chain ?? [],
      opts.crls ?? [],
      opts.time === undefined ? new Date() : opts.time,
    ),
  );
}

/** A small test PKI: root → intermediate → leaf, plus the bad cases. */
export async function makeTestPki() {
  const since = new Date(Date.now() - 1000 * DAY);
  const root = await makeCert({
    subject: 'CN=Root CA thử nghiệm,O=Ban Cơ yếu thử nghiệm,C=VN',
    ca: true,
    notBefore: since,
  });
  const intermediate = await makeCert({
    subject: 'CN=CA trung gian thử nghiệm,O=Ban Cơ yếu thử nghiệm,C=VN',
    issuer: root,
    ca: true,
    notBefore: since,
  });
  const leaf = await makeCert({
    subject: 'CN=Nguyễn Văn An,O=UBND tỉnh thử nghiệm,C=VN',
    issuer: intermediate,
  });
  const direct = await makeCert({ subject: 'CN=Trần Thị Bình,O=Sở Nội vụ thử nghiệm,C=VN', issuer: root });
  const expired = await makeCert({
    subject: 'CN=Lê Văn Cũ,O=UBND tỉnh thử nghiệm,C=VN',
    issuer: intermediate,
    notBefore: new Date(Date.now() - 400 * DAY),
    notAfter: new Date(Date.now() - 30 * DAY),
  });
  const revoked = await makeCert({
    subject: 'CN=Phạm Thu Hồi,O=UBND tỉnh thử nghiệm,C=VN',
    issuer: intermediate,
  });
  const otherRoot = await makeCert({ subject: 'CN=CA lạ,O=Không tin cậy,C=VN', ca: true });
  const stranger = await makeCert({ subject: 'CN=Người Lạ,O=Không rõ,C=VN', issuer: otherRoot });
  const rootCrl = await makeCrl(root);
  const intermediateCrl = await makeCrl(intermediate, [revoked]);
  return {
    root,
    intermediate,
    leaf,
    direct,
    expired,
    revoked,
    otherRoot,
    stranger,
    rootCrl,
    intermediateCrl,
  };
}
export type TestPki = Awaited<ReturnType<typeof makeTestPki>>;
