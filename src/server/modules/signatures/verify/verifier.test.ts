import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFKit from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanPdf } from './pdf-scan.ts';
import { makePdf, makeTestPki, signTestPdf, type TestPki } from './testing.ts';
import { type PreparedAnchors, prepareAnchors, TEXT, verifyPdf } from './verifier.ts';

let pki: TestPki;
let anchors: PreparedAnchors;
let plain: Buffer;
let signed: Buffer;

beforeAll(async () => {
  pki = await makeTestPki();
  anchors = prepareAnchors([
    { certificatePem: pki.root.pem, crlPem: pki.rootCrl.pem },
    { certificatePem: pki.intermediate.pem, crlPem: pki.intermediateCrl.pem },
  ]);
  plain = await makePdf(2);
  signed = await signTestPdf(plain, pki.leaf, { chain: [pki.intermediate] });
});

function pdfsig(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdfsig-')), 'f.pdf');
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

describe('verifyPdf', () => {
  it('a valid signature: signer, organisation, issuer, time, chain, revocation checked (pdfsig agrees)', () => {
    const r = verifyPdf(signed, anchors);
    expect(r.status).toBe('valid');
    expect(r.summary).toBe('Chữ ký hợp lệ: Nguyễn Văn An.');
    const s = r.signatures[0]!;
    expect(s).toMatchObject({
      name: 'Nguyễn Văn An',
      organisation: 'UBND tỉnh thử nghiệm',
      issuer: 'CA trung gian thử nghiệm',
      subFilter: 'ETSI.CAdES.detached',
      coverage: 'whole',
      intact: true,
      signatureValid: true,
      chain: 'trusted',
      revocation: 'good',
      problems: [],
    });
    expect(Math.abs(new Date(s.signedAt!).getTime() - Date.now())).toBeLessThan(120_000);
    expect(pdfsig(signed)).toContain('Signature is Valid');
  });

  it('the whole chain carried in the CMS, only the root trusted with its CRL; embedded CRL of the intermediate', async () => {
    const only = prepareAnchors([{ certificatePem: pki.root.pem, crlPem: pki.rootCrl.pem }]);
    const bytes = await signTestPdf(plain, pki.leaf, {
      chain: [pki.intermediate],
      crls: [pki.intermediateCrl.der],
    });
    const r = verifyPdf(bytes, only);
    expect(r.status).toBe('valid');
    expect(r.signatures[0]!.chainNames).toEqual([
      'Nguyễn Văn An',
      'CA trung gian thử nghiệm',
      'Root CA thử nghiệm',
    ]);
    // Without the intermediate's CRL: revocation is checked where the information is at hand, so
    // the signature stays valid and its details say revocation was not checked.
    const r2 = verifyPdf(await signTestPdf(plain, pki.leaf, { chain: [pki.intermediate] }), only);
    expect(r2.status).toBe('valid');
    expect(r2.signatures[0]!.problems).toEqual([]);
    expect(r2.signatures[0]!.notes).toEqual([TEXT.noRevocation]);
  });

  it('adbe.pkcs7.detached and a signer directly under the root', async () => {
    const bytes = await signTestPdf(plain, pki.direct, { subFilter: 'adbe.pkcs7.detached' });
    const r = verifyPdf(bytes, anchors);
    expect(r.status).toBe('valid');
    expect(r.signatures[0]!.subFilter).toBe('adbe.pkcs7.detached');
    expect(r.signatures[0]!.name).toBe('Trần Thị Bình');
  });

  it('no signature: none; not a PDF: none', () => {
    expect(verifyPdf(plain, anchors)).toMatchObject({ status: 'none', summary: TEXT.none });
    expect(verifyPdf(Buffer.from('hello'), anchors)).toMatchObject({ status: 'none', summary: TEXT.notPdf });
  });

  it('changed after signing (a byte flipped inside the signed range): invalid', () => {
    const bytes = Buffer.from(signed);
    const at = bytes.indexOf('/MediaBox');
    bytes[at + 12] = bytes[at + 12] === 0x30 ? 0x31 : 0x30;
    const r = verifyPdf(bytes, anchors);
    expect(r.status).toBe('invalid');
    expect(r.summary).toBe(`Chữ ký không hợp lệ: ${TEXT.changed}`);
    expect(r.signatures[0]!.intact).toBe(false);
    expect(pdfsig(bytes)).not.toContain('Signature is Valid');
  });

  it('a broken signature value: invalid', () => {
    const bytes = Buffer.from(signed);
    // The RSA signature is the last long OCTET STRING of the CMS: flip one hex digit near the CMS's end.
    const [, b, c] = scanPdf(bytes).signatures[0]!.byteRange;
    const hex = bytes.toString('latin1', b + 1, c - 1).replace(/0+$/, '');
    const pos = b + 1 + hex.length - 10;
    bytes[pos] = bytes[pos] === 0x30 ? 0x31 : 0x30; // another hex digit, whatever the case
    const r = verifyPdf(bytes, anchors);
    expect(r.status).toBe('invalid');
    expect(r.signatures[0]!.signatureValid).toBe(false);
  });

  it('partial coverage (bytes appended after the signed range): invalid with the precise message', () => {
    const bytes = Buffer.concat([signed, Buffer.from('\n1 0 obj\n<< /Injected true >>\nendobj\n%%EOF\n')]);
    const r = verifyPdf(bytes, anchors);
    expect(r.status).toBe('invalid');
    expect(r.summary).toBe(`Chữ ký không hợp lệ: ${TEXT.partial}`);
    expect(r.signatures[0]!.coverage).toBe('partial');
    // A trailing newline alone is not "more content".
    expect(verifyPdf(Buffer.concat([signed, Buffer.from('\r\n')]), anchors).status).toBe('valid');
  });

  it('a later signature covering the whole file: the first one says the document was added to after signing', async () => {
    const twice = await signTestPdf(signed, pki.direct);
    const r = verifyPdf(twice, anchors);
    expect(r.status).toBe('valid');
    expect(r.signatures.map((s) => s.name)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(r.signatures[0]!.coverage).toBe('later');
    expect(r.signatures[0]!.notes).toEqual([TEXT.later]);
    expect(r.signatures[1]!.coverage).toBe('whole');
  });

  it('a certificate expired before signing: invalid; expired now but valid at signing: warning', async () => {
    const r = verifyPdf(await signTestPdf(plain, pki.expired, { chain: [pki.intermediate] }), anchors);
    expect(r.status).toBe('invalid');
    expect(r.signatures[0]!.problems).toContain(TEXT.notValidAtSigning);
    const past = new Date(Date.now() - 100 * 86_400_000);
    const r2 = verifyPdf(
      await signTestPdf(plain, pki.expired, { chain: [pki.intermediate], time: past }),
      anchors,
    );
    expect(r2.status).toBe('warning');
    expect(r2.signatures[0]!.problems).toEqual([TEXT.expiredNow]);
  });

  it('an unknown CA (wrong chain): warning', async () => {
    const r = verifyPdf(await signTestPdf(plain, pki.stranger, { chain: [pki.otherRoot] }), anchors);
    expect(r.status).toBe('warning');
    expect(r.signatures[0]!.chain).toBe('unknown');
    expect(r.summary).toBe(`Chưa xác minh được chữ ký: ${TEXT.unknownCa}`);
    // No anchors at all: the same.
    expect(verifyPdf(signed, prepareAnchors([])).signatures[0]!.chain).toBe('unknown');
  });

  it('a revoked certificate (in the anchor CRL): invalid', async () => {
    const r = verifyPdf(await signTestPdf(plain, pki.revoked, { chain: [pki.intermediate] }), anchors);
    expect(r.status).toBe('invalid');
    expect(r.signatures[0]!.revocation).toBe('revoked');
    expect(r.summary).toMatch(/^Chữ ký không hợp lệ: Chứng thư của người ký đã bị thu hồi ngày /);
  });

  it('a password-protected PDF: the precise message', async () => {
    const doc = new PDFKit({ userPassword: 'mat-khau', pdfVersion: '1.7' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => doc.on('end', r));
    doc.text('Bi mat');
    doc.end();
    await done;
    const r = verifyPdf(Buffer.concat(chunks), anchors);
    expect(r).toMatchObject({
      status: 'warning',
      encrypted: true,
      summary: 'Tệp PDF có mật khẩu, không kiểm tra được chữ ký.',
    });
  });

  it('hostile input: bounded, no throw', () => {
    // Garbage contents, out-of-range byte ranges, thousands of /ByteRange entries, a huge file of them.
    const junk = Buffer.from(
      `%PDF-1.7\n1 0 obj << /Type /Sig /ByteRange [0 10 99999999 5] /Contents <00> >> endobj\n`,
    );
    expect(verifyPdf(junk, anchors).status).toBe('invalid');
    const cms = Buffer.from(`%PDF-1.7\n1 0 obj << /ByteRange [0 20 30 ${0}] /Contents <ABCD> >> endobj\n`);
    expect(() => verifyPdf(cms, anchors)).not.toThrow();
    const many = Buffer.from(`%PDF-1.7\n${'/ByteRange [0 1 2 3]\n'.repeat(200_000)}`);
    const t = Date.now();
    const r = verifyPdf(many, anchors);
    expect(Date.now() - t).toBeLessThan(20_000);
    expect(r.status).toBe('invalid');
    // Garbage where the CMS should be.
    const bytes = Buffer.from(signed);
    const [, b] = scanPdf(bytes).signatures[0]!.byteRange;
    bytes.write('FFFFFFFF', b + 1, 'latin1');
    expect(verifyPdf(bytes, anchors)).toMatchObject({ status: 'invalid' });
  });
});

describe('interoperability', () => {
  it('a CMS made by node-forge (as @signpdf/signer-p12 makes it) verifies', async () => {
    const forge = (await import('node-forge')).default;
    const { plainAddPlaceholder } = await import('@signpdf/placeholder-plain');
    const { SignPdf } = await import('@signpdf/signpdf');
    const { Signer } = await import('@signpdf/utils');
    const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', pki.direct.keys.privateKey));
    const key = forge.pki.privateKeyFromPem(
      `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64')}\n-----END PRIVATE KEY-----\n`,
    );
    const cert = forge.pki.certificateFromPem(pki.direct.pem);
    class ForgeSigner extends Signer {
      override async sign(data: Buffer): Promise<Buffer> {
        const p7 = forge.pkcs7.createSignedData();
        p7.content = forge.util.createBuffer(data.toString('binary'));
        p7.addCertificate(cert);
        p7.addSigner({
          key,
          certificate: cert,
          digestAlgorithm: forge.pki.oids.sha256!,
          authenticatedAttributes: [
            { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
            { type: forge.pki.oids.messageDigest! },
            { type: forge.pki.oids.signingTime!, value: new Date() as unknown as string },
          ],
        });
        p7.sign({ detached: true });
        return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
      }
    }
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: plain,
      reason: 'Ký số',
      contactInfo: '',
      name: 'Trần Thị Bình',
      location: 'Việt Nam',
      signatureLength: 16384,
      subFilter: 'adbe.pkcs7.detached',
    });
    const bytes = await new SignPdf().sign(withPlaceholder, new ForgeSigner());
    const r = verifyPdf(bytes, anchors);
    expect(r.signatures[0]?.problems).toEqual([]);
    expect(r.status).toBe('valid');
    expect(r.signatures[0]).toMatchObject({ name: 'Trần Thị Bình', intact: true, signatureValid: true });
  });
});
