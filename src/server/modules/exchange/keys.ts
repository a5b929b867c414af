import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
  X509Certificate,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { PeerRow } from './peers.ts';
import {
  sign as hmacSign,
  verify as hmacVerify,
  SIGNATURE_WINDOW_MS,
  sha256Hex,
  type VerifyResult,
} from './signature.ts';

/**
 * Signatures by key pair, the alternative to a shared secret: this installation signs what it sends
 * with its private key, and a peer registered with a public key (or an X.509 certificate, e.g. one
 * issued by the Government's CA) is verified with it. Neither side holds anything the other could
 * leak. The signed text is the one HMAC signs, "{timestamp}.{sha256 hex of the body}"; the signature
 * travels base64 in the same header, and the same replay window applies.
 *
 * The private key is EXCHANGE_SIGNING_KEY (PEM), or else one generated on first use and kept in
 * DATA_DIR/exchange-signing-key.pem (mode 0600). Several processes sharing one PostgreSQL must
 * share it, as they share MAIL_SECRET_KEY.
 */

export interface OwnKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** SHA-256 of the public key (DER), as pairs of hex digits: what administrators compare by phone. */
  fingerprint: string;
  algorithm: string;
}

const cache = new Map<string, OwnKey>();

export function ownKey(config: Pick<Config, 'EXCHANGE_SIGNING_KEY' | 'dataDir'>): OwnKey {
  const where = config.EXCHANGE_SIGNING_KEY
    ? `env:${sha256Hex(config.EXCHANGE_SIGNING_KEY)}`
    : config.dataDir;
  const hit = cache.get(where);
  if (hit) return hit;
  let pem = config.EXCHANGE_SIGNING_KEY;
  if (!pem) {
    const file = path.join(config.dataDir, 'exchange-signing-key.pem');
    if (!fs.existsSync(file)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        mode: 0o600,
        flag: 'wx',
      });
    }
    pem = fs.readFileSync(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const key: OwnKey = {
    privateKey,
    publicKeyPem: String(publicKey.export({ type: 'spki', format: 'pem' })),
    fingerprint: fingerprintOf(publicKey),
    algorithm: privateKey.asymmetricKeyType ?? 'unknown',
  };
  cache.set(where, key);
  return key;
}

export function fingerprintOf(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return (createHash('sha256').update(der).digest('hex').match(/../g) ?? []).join(':').toUpperCase();
}

/**
 * A peer's public key from what its administrator gave: a PEM public key or an X.509 certificate.
 * Refused with a clear message when it is neither, or of a kind we do not verify.
 */
export function peerPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
  } catch {
    throw new AppError(
      'validation_failed',
      'Khóa công khai không đọc được: dán nguyên khối PEM (BEGIN PUBLIC KEY hoặc BEGIN CERTIFICATE).',
      { fields: [{ path: 'publicKey', message: 'Khóa công khai hoặc chứng thư số không hợp lệ' }] },
    );
  }
  if (!['ed25519', 'ed448', 'rsa', 'ec'].includes(key.asymmetricKeyType ?? ''))
    throw new AppError('validation_failed', `Loại khóa ${key.asymmetricKeyType} chưa được hỗ trợ.`, {
      fields: [{ path: 'publicKey', message: 'Dùng khóa Ed25519, RSA hoặc ECDSA' }],
    });
  return key;
}

/** Ed25519/Ed448 sign the text itself; RSA and ECDSA its SHA-256. */
const digestFor = (key: KeyObject) =>
  key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448' ? null : 'sha256';

const signedText = (timestamp: number, body: Buffer | string) =>
  Buffer.from(`${timestamp}.${sha256Hex(body)}`);

export function signWithKey(key: KeyObject, timestamp: number, body: Buffer | string): string {
  return sign(digestFor(key), signedText(timestamp, body), key).toString('base64');
}

export function verifyWithKey(
  key: KeyObject,
  timestamp: string | undefined,
  signature: string | undefined,
  body: Buffer,
  now = Date.now(),
): VerifyResult {
  const ts = Number(timestamp);
  if (!timestamp || !Number.isSafeInteger(ts) || !signature || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature))
    return 'bad_signature';
  let ok = false;
  try {
    ok = verify(digestFor(key), signedText(ts, body), key, Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) return 'bad_signature';
  if (Math.abs(now - ts) > SIGNATURE_WINDOW_MS) return 'expired';
  return 'ok';
}

/** Signs a request to a peer: by key when the peer knows ours, else with the shared secret. */
export type Signer = (peer: PeerRow, timestamp: number, body: Buffer) => string;

export function signerFor(config: Pick<Config, 'EXCHANGE_SIGNING_KEY' | 'dataDir'>): Signer {
  return (peer, timestamp, body) =>
    peer.publicKey
      ? signWithKey(ownKey(config).privateKey, timestamp, body)
      : hmacSign(peer.secret ?? '', timestamp, body);
}

const keysOfPeers = new Map<string, KeyObject>();

/** Checks a request from a registered peer: its key's signature, or the HMAC of the shared secret. */
export function verifyFromPeer(
  peer: PeerRow,
  timestamp: string | undefined,
  signature: string | undefined,
  body: Buffer,
  now = Date.now(),
): VerifyResult {
  if (!peer.publicKey) return hmacVerify(peer.secret ?? '', timestamp, signature, body, now);
  let key = keysOfPeers.get(peer.publicKey);
  if (!key) {
    key = peerPublicKey(peer.publicKey);
    if (keysOfPeers.size < 1000) keysOfPeers.set(peer.publicKey, key);
  }
  return verifyWithKey(key, timestamp, signature, body, now);
}
