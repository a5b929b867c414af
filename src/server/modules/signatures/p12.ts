import forge from 'node-forge';
import { AppError } from '../../platform/http/errors.ts';
import { certificateFacts, LocalKeySigner } from './signer.ts';

/** What a PKCS#12 holds once opened: the key, the certificate, the rest of the chain. */
export interface OpenedP12 {
  keyPem: string;
  certificate: Buffer;
  chain: Buffer[];
}

const der = (c: forge.pki.Certificate) =>
  Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');

/** Opens a PKCS#12 with its password; a wrong password or a file without key or certificate is refused. */
export function openP12(bytes: Buffer, password: string): OpenedP12 {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(bytes.toString('binary'));
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
    } catch {
      throw new AppError('unprocessable', 'Mật khẩu tệp PKCS#12 không đúng.');
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('unprocessable', 'Tệp không phải PKCS#12 (.p12, .pfx) hợp lệ.');
  }
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const oids = forge.pki.oids as Record<string, string>;
  const keyBags = [...bags(oids.pkcs8ShroudedKeyBag!), ...bags(oids.keyBag!)];
  const key = keyBags.find((b) => b.key)?.key;
  if (!key) throw new AppError('unprocessable', 'Tệp PKCS#12 không chứa khóa bí mật.');
  const certs = bags(oids.certBag!)
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  // The signer's certificate is the one whose public key matches the private key.
  const rsaKey = key as forge.pki.rsa.PrivateKey;
  const leaf = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n && rsaKey.n && pub.n.equals(rsaKey.n);
  });
  if (!leaf) throw new AppError('unprocessable', 'Tệp PKCS#12 không chứa chứng thư số của khóa bí mật.');
  return {
    keyPem: forge.pki.privateKeyToPem(key),
    certificate: der(leaf),
    chain: certs.filter((c) => c !== leaf).map(der),
  };
}

const day = (d: Date) =>
  d.toLocaleDateString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });

/** A certificate fit for signing now: valid dates and the digitalSignature or nonRepudiation usage. */
export function assertSigningCertificate(certificate: Buffer, now: Date) {
  const facts = certificateFacts(certificate);
  if (facts.notAfter < now)
    throw new AppError(
      'unprocessable',
      `Chứng thư số đã hết hạn ngày ${day(facts.notAfter)} (hiệu lực từ ${day(facts.notBefore)} đến ${day(facts.notAfter)}).`,
    );
  if (facts.notBefore > now)
    throw new AppError(
      'unprocessable',
      `Chứng thư số chưa có hiệu lực: hiệu lực từ ngày ${day(facts.notBefore)} đến ${day(facts.notAfter)}.`,
    );
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(certificate.toString('binary')));
  const ku = cert.getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean } | null;
  if (ku && !ku.digitalSignature && !ku.nonRepudiation)
    throw new AppError(
      'unprocessable',
      'Chứng thư số không dùng để ký (thiếu mục đích digitalSignature hoặc nonRepudiation).',
    );
  return facts;
}

export function signerOf(opened: OpenedP12): LocalKeySigner {
  return new LocalKeySigner(opened.keyPem, opened.certificate, opened.chain);
}
