import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/**
 * Certificates the tests make: a CA and leaf certificates it issues, exported as PKCS#12. Nothing
 * here is used outside tests and the bench.
 */
export interface TestCa {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  pem: string;
}

function rsaPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

let serial = Date.now();
/** A positive serial in minimal DER (no leading zero byte): OpenSSL, hence the verifier, refuses padding. */
const nextSerial = () => {
  const h = (serial++).toString(16);
  return h.length % 2 ? `0${h}` : h;
};

export function makeCa(cn = 'Liên Thông Test CA'): TestCa {
  const keys = rsaPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = nextSerial();
  cert.validity.notBefore = new Date(Date.now() - 86400_000 * 30);
  cert.validity.notAfter = new Date(Date.now() + 86400_000 * 3650);
  const attrs = [
    { name: 'commonName', value: cn, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'countryName', value: 'VN' },
  ];
  cert.setSubject(attrs as forge.pki.CertificateField[]);
  cert.setIssuer(attrs as forge.pki.CertificateField[]);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey, pem: forge.pki.certificateToPem(cert) };
}

export interface LeafOptions {
  cn: string;
  password?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Default: digitalSignature + nonRepudiation. */
  keyUsage?: Record<string, boolean>;
  /** Leave the private key out of the PKCS#12. */
  withoutKey?: boolean;
}

/** A leaf certificate the CA issues, as a PKCS#12 (DER) with its password. */
export function makeP12(ca: TestCa, o: LeafOptions): { p12: Buffer; password: string; certPem: string } {
  const keys = rsaPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = nextSerial();
  cert.validity.notBefore = o.notBefore ?? new Date(Date.now() - 86400_000);
  cert.validity.notAfter = o.notAfter ?? new Date(Date.now() + 86400_000 * 730);
  cert.setSubject([
    { name: 'commonName', value: o.cn, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'countryName', value: 'VN' },
  ] as forge.pki.CertificateField[]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, ...(o.keyUsage ?? { digitalSignature: true, nonRepudiation: true }) },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  const password = o.password ?? 'matkhau-123';
  const asn1 = forge.pkcs12.toPkcs12Asn1(o.withoutKey ? null : keys.privateKey, [cert, ca.cert], password, {
    algorithm: '3des',
  });
  return {
    p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'),
    password,
    certPem: forge.pki.certificateToPem(cert),
  };
}
