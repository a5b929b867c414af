import { createHash, createPrivateKey, type KeyObject, sign as nodeSign, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * Who holds the private key. A PKCS#12 kept sealed on this server is one implementation
 * (`P12KeySigner`); a USB token (PKCS#11, e.g. through graphene-pk11) or a remote signing service
 * implements the same three members: the certificate, the rest of the chain, and a raw signature
 * of the bytes it is given (the DER of the CMS signed attributes, hashed with SHA-256 by the
 * holder). The CMS (CAdES) around it is built here, the same for every holder.
 */
export interface KeySigner {
  /** The signer's certificate, DER. */
  readonly certificate: Uint8Array;
  /** The rest of the chain (intermediate CAs), DER, in order. */
  readonly chain: Uint8Array[];
  /** RSA (PKCS#1 v1.5 with SHA-256) or ECDSA (with SHA-256). */
  readonly algorithm: 'RSA' | 'ECDSA';
  /** The signature of these bytes with SHA-256 (RSA: PKCS#1 v1.5; ECDSA: DER-encoded r, s). */
  signBytes(data: Uint8Array): Promise<Uint8Array>;
}

/** A key the server holds in memory (decrypted from its sealed PKCS#12 only for the signing). */
export class LocalKeySigner implements KeySigner {
  readonly algorithm: 'RSA' | 'ECDSA';
  private readonly key: KeyObject;
  constructor(
    privateKeyPem: string,
    readonly certificate: Uint8Array,
    readonly chain: Uint8Array[] = [],
  ) {
    this.key = createPrivateKey(privateKeyPem);
    this.algorithm = this.key.asymmetricKeyType === 'ec' ? 'ECDSA' : 'RSA';
  }
  async signBytes(data: Uint8Array): Promise<Uint8Array> {
    return nodeSign('sha256', data, this.key);
  }
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};

function certOf(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

/**
 * ESS signing-certificate-v2 (RFC 5035): the SHA-256 of the signer's certificate with its issuer
 * and serial number, so the certificate cannot be swapped.
 */
function signingCertificateV2(der: Uint8Array, cert: pkijs.Certificate): asn1js.Sequence {
  const hash = createHash('sha256').update(der).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] }),
        ],
      }),
      cert.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: hash }), issuerSerial], // hashAlgorithm: SHA-256 by default
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/**
 * A detached CAdES signature (CMS SignedData, PAdES baseline B): signed attributes content-type,
 * message-digest (SHA-256 of the signed byte ranges) and signing-certificate-v2. The signing time
 * is the signature dictionary's /M, as EN 319 142-1 (PAdES baseline) requires: the CMS signing-time
 * attribute is left out.
 */
export async function cadesDetached(content: Uint8Array, signer: KeySigner): Promise<Buffer> {
  const cert = certOf(signer.certificate);
  const digest = createHash('sha256').update(content).digest();
  const attrs = [
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: OID.data })],
    }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
    new pkijs.Attribute({
      type: OID.signingCertificateV2,
      values: [signingCertificateV2(signer.certificate, cert)],
    }),
  ];
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs });
  // What is signed: the attributes as a SET (tag 0x31), not as the [0] IMPLICIT of the SignerInfo.
  const encoded = new Uint8Array(signedAttrs.toSchema().toBER(false));
  encoded[0] = 0x31;
  const signature = await signer.signBytes(encoded);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(
      signer.algorithm === 'RSA'
        ? { algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }
        : { algorithmId: OID.ecdsaWithSha256 },
    ),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    certificates: [cert, ...signer.chain.map(certOf)],
    signerInfos: [signerInfo],
  });
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) });
  return Buffer.from(info.toSchema().toBER(false));
}

/** Display facts of a certificate (DER). */
export function certificateFacts(der: Uint8Array) {
  const x = new X509Certificate(der);
  return {
    subject: x.subject.replace(/\n/g, ', '),
    issuer: x.issuer.replace(/\n/g, ', '),
    serialNumber: x.serialNumber,
    notBefore: new Date(x.validFrom),
    notAfter: new Date(x.validTo),
    fingerprint: x.fingerprint256.replace(/:/g, '').toLowerCase(),
  };
}
