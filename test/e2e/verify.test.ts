import { expect } from 'vitest';
import { makePdf, makeTestPki, signTestPdf } from '../../src/server/modules/signatures/verify/testing.ts';
import { apiAs, describeBrowser, expectAccessible, saveScreen, setupE2E, signInAPI } from './harness.ts';

// Verification of signed PDFs in a real browser: the system administrator (quantri) loads a root CA
// with its CRL on "Chứng thư tin cậy"; a clerk of Sở Nội vụ registers an incoming document with a
// PDF signed under that CA and a copy changed after signing; the document's page shows "Chữ ký hợp
// lệ" with the signer's name for the first and "Chữ ký không hợp lệ" for the second, with details.
// Each screen is checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

describeBrowser('verification of signed PDFs and trust anchors', () => {
  const e2e = setupE2E();

  e2e.test(
    'the admin loads a CA; a registered signed PDF shows valid, a tampered one invalid',
    async ({ page, context }) => {
      const pki = await makeTestPki();
      const signed = await signTestPdf(await makePdf(2), pki.direct);
      const tampered = Buffer.from(signed);
      const at = tampered.indexOf('/MediaBox');
      tampered[at + 12] = tampered[at + 12] === 0x30 ? 0x31 : 0x30;

      // The system administrator loads the root CA and its CRL.
      await signInAPI(context, 'quantri');
      await page.goto('/quan-tri/chung-thu-tin-cay');
      await page.getByRole('heading', { level: 1, name: 'Chứng thư tin cậy' }).waitFor();
      await page.getByText(/Chưa có chứng thư tin cậy nào/).waitFor();
      await expectAccessible(page, 'trust anchors (empty)');
      // Garbage is refused with a precise message.
      await page.getByLabel(/^Tệp chứng thư/).setInputFiles({
        name: 'rac.cer',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('rác rưởi'),
      });
      await page.getByRole('button', { name: 'Nạp chứng thư' }).click();
      await page
        .getByRole('alert')
        .getByText(/Tệp không phải chứng thư số X\.509/)
        .waitFor();
      await page.getByLabel(/^Tệp chứng thư/).setInputFiles({
        name: 'root.pem',
        mimeType: 'application/x-pem-file',
        buffer: Buffer.from(pki.root.pem),
      });
      await page
        .getByLabel(/^Danh sách thu hồi/)
        .setInputFiles({ name: 'root.crl', mimeType: 'application/pkix-crl', buffer: pki.rootCrl.der });
      await page.getByRole('button', { name: 'Nạp chứng thư' }).click();
      await page.getByRole('cell', { name: 'Root CA thử nghiệm' }).waitFor();
      await expectAccessible(page, 'trust anchors (one loaded)');
      await saveScreen(page, 'verify-trust-anchors');

      // A clerk registers an incoming document with the signed PDF and a tampered copy.
      const clerk = await apiAs(context, 'vanthu.snv');
      const good = await clerk.upload('cong-van-ky-so.pdf', 'application/pdf', signed);
      const bad = await clerk.upload('ban-da-sua.pdf', 'application/pdf', tampered);
      const suffix = String(Date.now() % 100000);
      const doc = await clerk.post<{ id: string }>('/api/v1/documents/incoming', {
        issuerName: 'Sở Nội vụ thử nghiệm',
        numberNotation: `${suffix}/SNV-VP`,
        typeCode: 'cong_van',
        issuedDate: new Date().toISOString().slice(0, 10),
        summary: `V/v thử chữ ký số ${suffix}`,
        files: [good, { ...bad, role: 'attachment' }],
      });

      await page.goto(`/van-ban/${doc.id}`);
      await page.getByRole('heading', { level: 1, name: `Công văn ${suffix}/SNV-VP` }).waitFor();
      const valid = page.getByRole('button', { name: /Chữ ký hợp lệ: Trần Thị Bình/ });
      await valid.waitFor();
      await page.getByRole('button', { name: /Chữ ký không hợp lệ/ }).waitFor();
      await expectAccessible(page, 'document with signed files');
      await saveScreen(page, 'verify-document-files');

      // Details of the valid one: signer, issuer, chain.
      await valid.click();
      const dialog = page.getByRole('dialog', { name: /Chi tiết chữ ký của tệp cong-van-ky-so\.pdf/ });
      await dialog.waitFor();
      const text = await dialog.textContent();
      expect(text).toContain('Sở Nội vụ thử nghiệm');
      expect(text).toContain('Root CA thử nghiệm');
      expect(text).toContain('Toàn bộ tệp');
      await expectAccessible(page, 'signature details');
      await dialog.getByRole('button', { name: 'Đóng' }).last().click();
      await dialog.waitFor({ state: 'hidden' });

      // The tampered one says why.
      await page.getByRole('button', { name: /Chữ ký không hợp lệ/ }).click();
      await page
        .getByRole('dialog', { name: /ban-da-sua\.pdf/ })
        .getByText('Văn bản đã bị thay đổi sau khi ký.')
        .first()
        .waitFor();
    },
  );
});
