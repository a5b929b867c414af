import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocumentProxy, extractText as unpdfText } from 'unpdf';
import { expect } from 'vitest';
import { createPdfBuffer } from '../../src/server/platform/pdf/index.ts';
import {
  apiAs,
  describeBrowser,
  expectAccessible,
  PHONE,
  saveScreen,
  setupE2E,
  signInAPI,
} from './harness.ts';

// The provincial gazette in a real browser. The demo makes Văn phòng UBND tỉnh the gazette office
// and publishes "Số 45 + 46". The People's Committee's clerk records a signed decision with its PDF
// and submits it (API); the office's clerk accepts it on /cong-bao, creates a new issue, places the
// decision in it, publishes it and downloads the PDF (cover, contents, the decision). Every screen
// is checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const plusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function decisionPdf(text: string): Promise<Buffer> {
  const { doc, end } = createPdfBuffer({ title: text });
  doc.addPage({ size: 'A4' });
  doc.font('serif').fontSize(14).text(text, 72, 72);
  return end();
}

describeBrowser('legal: the provincial gazette', () => {
  const e2e = setupE2E();

  e2e.test(
    'the gazette office places a submitted decision in a new issue, publishes it and downloads the PDF',
    async ({ page, context }) => {
      const today = vnToday();
      const year = today.slice(0, 4);
      const number = `77/${year}/QĐ-UBND`;
      // The People's Committee records its signed decision with the PDF and sends it to the gazette.
      const ubnd = await apiAs(context, 'vanthu.ubnd');
      const issuers = await ubnd.get<{ items: { id: string; name: string; level: string }[] }>(
        '/api/v1/legal/issuers',
      );
      const issuer = issuers.items.find((i) => i.level === 'local' && /nhân dân tỉnh/i.test(i.name));
      expect(issuer, 'the demo has the province People’s Committee as an issuer').toBeTruthy();
      const doc = await ubnd.post<{ id: string }>('/api/v1/legal/documents', {
        origin: 'local',
        numberNotation: number,
        typeCode: 'quyet_dinh_ubnd',
        issuerId: issuer!.id,
        signerName: 'Phạm Văn Đấu',
        signerTitle: 'Chủ tịch',
        title: 'Quyết định ban hành Quy định quản lý bến thủy nội địa trên địa bàn tỉnh',
        issuedDate: today,
        effectiveFrom: plusDays(today, 10),
      });
      const me = await context.request.post('/api/v1/auth/login', {
        data: { username: 'vanthu.ubnd', password: 'Demo-password-2026' },
      });
      const csrf = (await me.json()).csrfToken as string;
      const up = await context.request.post(`/api/v1/legal/documents/${doc.id}/files?role=main`, {
        multipart: {
          file: {
            name: 'quyet-dinh-77.pdf',
            mimeType: 'application/pdf',
            buffer: await decisionPdf('Toàn văn Quyết định về bến thủy nội địa'),
          },
        },
        headers: { 'x-csrf-token': csrf },
      });
      expect(up.ok(), await up.text()).toBe(true);
      const sent = await context.request.post('/api/v1/legal/gazette/items', {
        data: { legalDocumentId: doc.id },
        headers: { 'x-csrf-token': csrf },
      });
      expect(sent.status(), await sent.text()).toBe(201);

      // The gazette office accepts it.
      await signInAPI(context, 'vanthu.vp');
      await page.goto('/cong-bao');
      await page.getByRole('heading', { level: 1, name: 'Công báo' }).waitFor();
      const waiting = page.getByRole('list', { name: 'Văn bản chờ tiếp nhận' });
      const card = waiting.getByRole('listitem').filter({ hasText: number });
      await card.waitFor();
      await page
        .getByRole('list', { name: `Các số công báo năm ${year}` })
        .getByText('Số 45 + 46')
        .waitFor();
      await expectAccessible(page, 'gazette (waiting)');
      await saveScreen(page, 'legal-gazette');
      await card.getByRole('button', { name: 'Tiếp nhận' }).click();
      await page.getByText(`Đã tiếp nhận văn bản ${number}.`).waitFor();
      await page.getByRole('list', { name: 'Đã tiếp nhận, chờ xếp vào số' }).getByText(number).waitFor();

      // A new issue: a number already taken in the year is refused precisely.
      await page.getByRole('button', { name: 'Tạo số mới' }).click();
      const dialog = page.getByRole('dialog', { name: 'Tạo số công báo mới' });
      await dialog.waitFor();
      await dialog.getByLabel('Số', { exact: true }).fill('46');
      await dialog.getByRole('button', { name: 'Tạo số' }).click();
      await dialog.getByText(`Số 46 năm ${year} đã có`, { exact: false }).waitFor();
      await dialog.getByLabel('Số', { exact: true }).fill('301');
      await dialog.getByLabel('Đến số', { exact: false }).fill('302');
      await expectAccessible(page, 'new gazette issue dialog', { thisWidthOnly: true });
      await dialog.getByRole('button', { name: 'Tạo số' }).click();
      await page.waitForURL(/\/cong-bao\/so\//);
      await page.getByRole('heading', { level: 1, name: `Công báo Số 301 + 302 (${year})` }).waitFor();

      // Place the decision and publish.
      await page.getByLabel('Văn bản đã tiếp nhận').click();
      await page.locator('.ant-select-item-option', { hasText: number }).first().click();
      await page.getByRole('button', { name: 'Xếp vào số' }).click();
      const contents = page.getByRole('list', { name: 'Nội dung số công báo (theo thứ tự)' });
      await contents.getByText(number).waitFor();
      await expectAccessible(page, 'gazette issue (draft)');
      await page.getByRole('button', { name: 'Phát hành' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Phát hành' }).click();
      await page.getByText('Đã phát hành Số 301 + 302.').waitFor();
      await page.getByText('Số công báo đã phát hành, không thể sửa.').waitFor();
      expect(await page.getByRole('button', { name: 'Phát hành' }).count()).toBe(0);
      await expectAccessible(page, 'gazette issue (published)');

      // The PDF: cover with the header and contents, then the decision.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải tệp PDF' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`cong-bao-${year}-so-301-302.pdf`);
      const saved = path.join(os.tmpdir(), `lt-e2e-gazette-${process.pid}.pdf`);
      await download.saveAs(saved);
      const { text } = await unpdfText(await getDocumentProxy(new Uint8Array(fs.readFileSync(saved))), {
        mergePages: false,
      });
      fs.rmSync(saved, { force: true });
      const pages = (text as string[]).map((p) => p.replace(/\s+/g, ' '));
      expect(pages[0]).toContain('CÔNG BÁO TỈNH VĨNH LONG');
      expect(pages[0]).toContain('Số 301 + 302');
      expect(pages[0]).toContain(`Ngày ${today.slice(8, 10)}-${today.slice(5, 7)}-${year}`);
      expect(pages[0]).toContain('MỤC LỤC');
      expect(pages[0]).toContain(number.replace(/\s+/g, ' '));
      expect(pages.at(-1)).toContain('Toàn văn Quyết định về bến thủy nội địa');
    },
  );

  e2e.test(
    'on a phone, the office reads the published demo issue',
    async ({ page, context }) => {
      await signInAPI(context, 'vanthu.vp');
      await page.goto('/cong-bao');
      await page.getByRole('heading', { level: 1, name: 'Công báo' }).waitFor();
      await page.getByRole('link', { name: /Số 45 \+ 46/ }).click();
      await page.getByRole('heading', { level: 1, name: /Công báo Số 45 \+ 46/ }).waitFor();
      await page.getByRole('link', { name: 'Tải tệp PDF' }).waitFor();
      await expectAccessible(page, 'gazette issue (phone)');
    },
    { viewport: PHONE },
  );
});
