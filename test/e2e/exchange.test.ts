import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'vitest';
import { buildEdoc, edocDocumentId } from '../../src/server/modules/exchange/edxml/index.ts';
import {
  apiGet,
  describeBrowser,
  expectAccessible,
  newTestPage,
  saveScreen,
  setupE2E,
  signInAPI,
  type TestPage,
} from './harness.ts';

// The exchange screens in a real browser: the system administrator registers a peer installation
// and sees its queue; the clerk of Sở Nội vụ imports an .edxml package received by other means and
// opens the document waiting for registration; the administrator sees the upload in the inbound list.

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% goi tin\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describeBrowser('exchange', () => {
  const e2e = setupE2E();

  e2e.test(
    'an administrator registers a peer; a clerk imports an edXML package',
    async ({ page, context }) => {
      const opened: TestPage[] = [];
      try {
        await signInAPI(context, 'quantri');
        await page.goto('/quan-tri/lien-thong');
        await page.getByRole('heading', { level: 1, name: 'Liên thông giữa các hệ thống' }).waitFor();
        await page.getByRole('button', { name: 'Đăng ký hệ thống' }).first().click();
        const dialog = page.getByRole('dialog', { name: 'Đăng ký hệ thống' });
        await dialog.waitFor();
        await dialog.getByLabel('Tên hệ thống').fill('Liên Thông tỉnh Nam Định');
        await dialog.getByLabel('Địa chỉ (URL gốc)').fill('http://127.0.0.1:9');
        await dialog.getByLabel('Mã định danh các cơ quan do hệ thống này phục vụ').fill('000.00.14.H40');
        await page.keyboard.press('Enter');
        await dialog.getByLabel('Khóa bí mật dùng chung').fill('khoa-bi-mat-dung-chung-2026');
        await expectAccessible(page, 'exchange peer form');
        await dialog.getByRole('button', { name: 'Lưu' }).click();
        await dialog.waitFor({ state: 'hidden' });
        await page.getByRole('cell', { name: '000.00.14.H40' }).waitFor();
        await page.getByRole('heading', { level: 2, name: 'Hàng đợi: Liên Thông tỉnh Nam Định' }).waitFor();
        // This installation's public key, for a peer that authenticates by key, with its fingerprint.
        await page.getByRole('heading', { level: 2, name: 'Khóa công khai của hệ thống này' }).waitFor();
        await page.locator('#lt-public-key', { hasText: 'BEGIN PUBLIC KEY' }).waitFor();
        await expectAccessible(page, 'exchange admin page');
        await saveScreen(page, 'exchange-admin', { fullPage: true });

        // The other province changes to keys: the administrator pastes its public key instead.
        const theirs = generateKeyPairSync('ed25519')
          .publicKey.export({ type: 'spki', format: 'pem' })
          .toString();
        await page.getByRole('button', { name: 'Sửa hệ thống' }).click();
        const edit = page.getByRole('dialog', { name: 'Sửa hệ thống' });
        await edit.waitFor();
        await edit.getByText('Khóa công khai / chứng thư số').click();
        await edit.getByLabel('Khóa công khai hoặc chứng thư số của hệ thống kia (PEM)').fill(theirs);
        await expectAccessible(page, 'exchange peer form by key');
        await edit.getByRole('button', { name: 'Lưu' }).click();
        await edit.waitFor({ state: 'hidden' });
        await page.getByRole('cell', { name: 'Khóa công khai', exact: true }).waitFor();

        // The clerk of Sở Nội vụ imports a package addressed to Sở Nội vụ.
        const clerk = await newTestPage(e2e.browser, e2e.url);
        opened.push(clerk);
        await signInAPI(clerk.context, 'vanthu.snv');
        const me = await apiGet<{ agency: { agencyCode: string } }>(clerk.context, '/api/v1/me');
        const xml = buildEdoc({
          from: { organId: '000.00.14.H40', organName: 'Sở Thông tin và Truyền thông Nam Định' },
          to: [{ organId: me.agency.agencyCode, organName: 'Sở Nội vụ' }],
          codeNumber: '88',
          codeNotation: 'STTTT-VP',
          place: 'Nam Định',
          promulgationDate: '2026-11-20',
          documentType: { type: '18', typeName: 'Công văn' },
          subject: 'V/v phối hợp kết nối liên thông văn bản liên tỉnh',
          signer: { position: 'Giám đốc', fullName: 'Trần Văn Nam' },
          toPlaces: [],
          otherInfo: { priority: 0 },
          steeringType: 1,
          responseFor: [],
          documentId: edocDocumentId('000.00.14.H40', '2026-11-20', '88', 'STTTT-VP'),
          trace: { headers: [], business: 'new' },
          attachments: [
            { contentId: 'f1', name: 'cong-van-88.pdf', contentType: 'application/pdf', data: PDF },
          ],
        });
        await clerk.page.goto('/van-ban/den/nhap-edxml');
        await clerk.page.getByRole('heading', { level: 1, name: 'Nhập gói tin edXML' }).waitFor();
        await clerk.page.locator('input[type=file]').setInputFiles({
          name: 'cong-van-88.edxml',
          mimeType: 'application/xml',
          buffer: Buffer.from(xml),
        });
        await clerk.page.getByText('cong-van-88.edxml').waitFor();
        await clerk.page.getByRole('button', { name: 'Nhập vào hàng chờ tiếp nhận' }).click();
        await clerk.page.getByText('Đã nhập văn bản vào hàng chờ tiếp nhận.').waitFor();
        await expectAccessible(clerk.page, 'edxml import');
        await saveScreen(clerk.page, 'exchange-import', { fullPage: true });
        await clerk.page.getByRole('link', { name: 'Mở văn bản' }).click();
        await clerk.page.getByRole('heading', { level: 2, name: 'Quá trình xử lý' }).waitFor();
        expect(
          await clerk.page.getByText('V/v phối hợp kết nối liên thông văn bản liên tỉnh').count(),
        ).toBeGreaterThan(0);
        await clerk.page.getByText('88/STTTT-VP').first().waitFor();

        // The administrator sees the upload in the inbound list.
        await page.reload();
        await page.getByRole('heading', { level: 2, name: 'Gói tin do văn thư tải lên' }).waitFor();
        await page.getByText('000.00.14.H40,2026/11/20,88/STTTT-VP').first().waitFor();
      } finally {
        for (const o of opened) await o.context.close();
      }
    },
  );
});
