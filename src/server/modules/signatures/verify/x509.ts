import {
  createHash,
  constants as cryptoConstants,
  type KeyObject,
  verify as nodeVerify,
  X509Certificate,
} from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/*
 * Certificates, CRLs and signature checks with Node's native crypto (fast, synchronous): pkijs only
 * parses. Names are read from pkijs (UTF-8 strings as they are, Vietnamese diacritics kept).
 */

export interface Cert {
  der: Buffer;
  node: X509Certificate;
  /** The public key, made once (X509Certificate.publicKey makes a new KeyObject on each read). */
  publicKey: KeyObject;
  pk: pkijs.Certificate;
  fingerprint: string;
  serial: string;
  cn: string | null;
  organisation: string | null;
  /** CN, else O, else the whole subject. */
  display: string;
  issuerDisplay: string;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  selfSigned: boolean;
}

export interface Crl {
  pk: pkijs.CertificateRevocationList;
  /** serial (hex, no leading zeros) → revocation date */
  revoked: Map<string, Date>;
  thisUpdate: Date;
  nextUpdate: Date | null;
}

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.4': 'sha224',
};
const SIG_HASH: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

export function hashName(oid: string): string | null {
  return HASHES[oid] ?? null;
}

export const hex = (v: ArrayBuffer | Uint8Array) =>
  Buffer.from(v instanceof Uint8Array ? v : new Uint8Array(v)).toString('hex');

export function serialHex(i: asn1js.Integer): string {
  return hex(i.valueBlock.valueHexView).replace(/^0+(?=.)/, '');
}

function attr(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const tv = name.typesAndValues.find((x) => x.type === oid);
  const v = tv?.value?.valueBlock?.value;
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

export function nameDisplay(name: pkijs.RelativeDistinguishedNames): string {
  return (
    attr(name, '2.5.4.3') ??
    attr(name, '2.5.4.10') ??
    name.typesAndValues.map((x) => String(x.value?.valueBlock?.value ?? '')).join(', ')
  );
}

/** Parsed certificates by fingerprint: the same signers and CAs come back in document after document. */
const cache = new Map<string, Cert>();
const CACHE_MAX = 2000;

export function parseCert(der: Buffer | Uint8Array): Cert {
  const buf = Buffer.from(der);
  const fingerprint = createHash('sha256').update(buf).digest('hex');
  const hit = cache.get(fingerprint);
  if (hit) return hit;
  const cert = parseCertUncached(buf, fingerprint);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(fingerprint, cert);
  return cert;
}

function parseCertUncached(buf: Buffer, fingerprint: string): Cert {
  const node = new X509Certificate(buf);
  const asn = asn1js.fromBER(new Uint8Array(buf));
  const pk = new pkijs.Certificate({ schema: asn.result });
  return {
    der: buf,
    node,
    publicKey: node.publicKey,
    pk,
    fingerprint,
    serial: serialHex(pk.serialNumber),
    cn: attr(pk.subject, '2.5.4.3'),
    organisation: attr(pk.subject, '2.5.4.10'),
    display: nameDisplay(pk.subject),
    issuerDisplay: nameDisplay(pk.issuer),
    notBefore: pk.notBefore.value,
    notAfter: pk.notAfter.value,
    isCa: node.ca,
    selfSigned: pk.subject.isEqual(pk.issuer),
  };
}

export function parseCrl(der: Buffer | Uint8Array): Crl {
  const asn = asn1js.fromBER(new Uint8Array(der));
  if (asn.offset === -1) throw new Error('not DER');
  const pk = new pkijs.CertificateRevocationList({ schema: asn.result });
  const revoked = new Map<string, Date>();
  for (const r of pk.revokedCertificates ?? [])
    revoked.set(serialHex(r.userCertificate), r.revocationDate.value);
  return { pk, revoked, thisUpdate: pk.thisUpdate.value, nextUpdate: pk.nextUpdate?.value ?? null };
}

/** Whether `cert` (or a CRL) names `issuer` as its issuer and carries a signature made by its key. */
export function issuedBy(cert: Cert, issuer: Cert): boolean {
  if (!cert.pk.issuer.isEqual(issuer.pk.subject)) return false;
  // The signature over the TBS bytes as they are (OpenSSL's X509_verify also insists that the outer and
  // inner algorithm identifiers be byte-identical, which a re-encoding signer like node-forge breaks).
  const key = `${cert.fingerprint}>${issuer.fingerprint}`;
  let ok = issued.get(key);
  if (ok === undefined) {
    ok = checkSignature(
      cert.pk.signatureAlgorithm,
      null,
      Buffer.from(cert.pk.tbsView),
      issuer.publicKey,
      Buffer.from(cert.pk.signatureValue.valueBlock.valueHexView),
    );
    if (issued.size >= CACHE_MAX) issued.clear();
    issued.set(key, ok);
  }
  return ok;
}
const issued = new Map<string, boolean>();

export function crlIssuedBy(crl: Crl, issuer: Cert): boolean {
  if (!crl.pk.issuer.isEqual(issuer.pk.subject)) return false;
  return checkSignature(
    crl.pk.signatureAlgorithm,
    null,
    Buffer.from(crl.pk.tbsView),
    issuer.publicKey,
    Buffer.from(crl.pk.signatureValue.valueBlock.valueHexView),
  );
}

/**
 * Verifies a signature given its algorithm identifier (and, for "rsaEncryption"/"ecPublicKey" as the
 * CMS writes them, the digest algorithm's hash). False on any algorithm we do not know.
 */
export function checkSignature(
  alg: pkijs.AlgorithmIdentifier,
  digestHash: string | null,
  data: Buffer,
  key: KeyObject,
  signature: Buffer,
): boolean {
  const oid = alg.algorithmId;
  try {
    if (oid === '1.2.840.113549.1.1.10') {
      const params = new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams });
      const hash = hashName(params.hashAlgorithm.algorithmId) ?? 'sha1';
      return nodeVerify(
        hash,
        data,
        { key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength },
        signature,
      );
    }
    const hash =
      SIG_HASH[oid] ?? (oid === '1.2.840.113549.1.1.1' || oid === '1.2.840.10045.2.1' ? digestHash : null);
    if (!hash) return false;
    return nodeVerify(hash, data, key, signature);
  } catch {
    return false;
  }
}

/** PEM (one or several blocks of `label`) or DER bytes → DER buffers. */
export function pemBlocks(input: Buffer, label: RegExp): Buffer[] {
  const text = input.toString('latin1');
  if (!text.includes('-----BEGIN')) return input.length > 0 ? [input] : [];
  const out: Buffer[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (const m of text.matchAll(re)) {
    if (label.test(m[1]!)) out.push(Buffer.from(m[2]!.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
  }
  return out;
}

export const toPem = (der: Buffer, label: string) =>
  `-----BEGIN ${label}-----\n${der
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n')
    .trimEnd()}\n-----END ${label}-----\n`;
