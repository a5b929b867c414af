import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import { ownKey, peerPublicKey, signWithKey, verifyWithKey } from './keys.ts';

// A self-signed ECDSA P-256 certificate and its key (openssl req -x509 -newkey ec …), as a province's
// administrator would send theirs: for tests only.
const CERT = `-----BEGIN CERTIFICATE-----
MIIB0jCCAXmgAwIBAgIUOIPA2ZGgH76gzccyKz9yo6qWBEgwCgYIKoZIzj0EAwIw
PzEaMBgGA1UEAwwRTGllbiBUaG9uZyB0aW5oIFoxFDASBgNVBAoMC1VCTkQgdGlu
aCBaMQswCQYDVQQGEwJWTjAeFw0yNjEyMDMxNjA2MDBaFw0zNjExMzAxNjA2MDBa
MD8xGjAYBgNVBAMMEUxpZW4gVGhvbmcgdGluaCBaMRQwEgYDVQQKDAtVQk5EIHRp
bmggWjELMAkGA1UEBhMCVk4wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAR/LZvt
QYPS6LyrBAW/RuDi++QXcvS3tyanu5H2DibPTbP3VE+/1MRp8qbgt62Rr3M+GgFC
tKn4qw79PVN+2iWdo1MwUTAdBgNVHQ4EFgQU/297Ra16VOe84gxJNo3Mc+XHroMw
HwYDVR0jBBgwFoAU/297Ra16VOe84gxJNo3Mc+XHroMwDwYDVR0TAQH/BAUwAwEB
/zAKBggqhkjOPQQDAgNHADBEAiAH8UYBIjVzOkPlbO63pxleklFsPdOIdUXq5+mB
ZWqZIQIgazR6pA+A8Oui5foYLasZK7LIv9iiQPCcNSFInYJ3hUA=
-----END CERTIFICATE-----`;
const CERT_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgY4IKSIWhk05340XF
kA3pRXtmKDzMnHBTJH1hyDvgSSKhRANCAAR/LZvtQYPS6LyrBAW/RuDi++QXcvS3
tyanu5H2DibPTbP3VE+/1MRp8qbgt62Rr3M+GgFCtKn4qw79PVN+2iWd
-----END PRIVATE KEY-----`;

describe('signatures by key pair', () => {
  const body = Buffer.from('<edXML>gói tin</edXML>');

  it('signs with Ed25519, RSA and an ECDSA certificate, and verifies only the untouched body', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ed = generateKeyPairSync('ed25519');
    const pairs = [
      { priv: ed.privateKey, pub: ed.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
      { priv: rsa.privateKey, pub: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
      { priv: createPrivateKey(CERT_KEY), pub: CERT },
    ];
    const now = Date.now();
    for (const { priv, pub } of pairs) {
      const key = peerPublicKey(pub);
      const sig = signWithKey(priv, now, body);
      expect(verifyWithKey(key, String(now), sig, body, now)).toBe('ok');
      expect(verifyWithKey(key, String(now), sig, Buffer.from('<edXML>gói tin khác</edXML>'), now)).toBe(
        'bad_signature',
      );
      expect(verifyWithKey(key, String(now + 1), sig, body, now)).toBe('bad_signature');
      expect(verifyWithKey(key, String(now), sig, body, now + 10 * 60_000)).toBe('expired');
      expect(verifyWithKey(key, String(now), 'không phải chữ ký', body, now)).toBe('bad_signature');
    }
    // Another key's signature does not pass.
    const other = generateKeyPairSync('ed25519');
    expect(
      verifyWithKey(
        peerPublicKey(pairs[0]!.pub),
        String(now),
        signWithKey(other.privateKey, now, body),
        body,
        now,
      ),
    ).toBe('bad_signature');
  });

  it('refuses what is not a public key or certificate, with the field named', () => {
    for (const bad of [
      'khóa',
      '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----',
      CERT_KEY.replace('PRIVATE', 'PUBLIC'),
    ]) {
      const e = (() => {
        try {
          peerPublicKey(bad);
        } catch (err) {
          return err;
        }
      })();
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields?.[0]?.path).toBe('publicKey');
    }
  });

  it('keeps one Ed25519 key per data directory, private to its owner, unless one is configured', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-keys-'));
    try {
      const a = ownKey({ dataDir: dir, EXCHANGE_SIGNING_KEY: undefined });
      expect(a.algorithm).toBe('ed25519');
      const file = path.join(dir, 'exchange-signing-key.pem');
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      expect(ownKey({ dataDir: dir, EXCHANGE_SIGNING_KEY: undefined }).fingerprint).toBe(a.fingerprint);
      const configured = ownKey({ dataDir: dir, EXCHANGE_SIGNING_KEY: CERT_KEY });
      expect(configured.algorithm).toBe('ec');
      expect(configured.fingerprint).not.toBe(a.fingerprint);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
