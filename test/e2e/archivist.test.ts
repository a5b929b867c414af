import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { jobRunner } from '../../src/server/runtime.ts';
import {
  apiAs,
  describeBrowser,
  expectAccessible,
  newTestPage,
  PHONE,
  saveScreen,
  setupE2E,
  type TestPage,
} from './harness.ts';

// The person in charge of archives (người làm lưu trữ, Decree 30 chapter IV) of Văn phòng UBND
// tỉnh: a dossier closed by an officer is transferred by the clerk; the archivist, who sees only the
// archive's screens, takes the package in and records the hand-over; the clerk is told who keeps
// the archive instead of being offered to receive it.

const TPDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function navLinks(page: Page, phone: boolean): Promise<string[]> {
  if (phone) await page.getByRole('button', { name: 'Mở danh mục chức năng' }).click();
  const nav = (phone ? page.getByRole('dialog') : page).getByRole('navigation', { name: 'Chức năng' });
  await nav.getByRole('link').first().waitFor();
  const links = await nav.getByRole('link').allInnerTexts();
  if (phone) await page.keyboard.press('Escape');
  return links;
}

describeBrowser('archivist', () => {
  const e2e = setupE2E();

  e2e.test(
    'the archivist receives a transfer and records the hand-over; the clerk is pointed to them',
    async ({ page, context }) => {
      const opened: TestPage[] = [];
      try {
        // Set up through the API: the officer's closed dossier, the clerk's transfer, its package built.
        const officer = await newTestPage(e2e.browser, e2e.url);
        opened.push(officer);
        const off = await apiAs(officer.context, 'chuyenvien.vp');
        const dossier = await off.post<{ id: string }>('/api/v1/dossiers', {
          title: 'Hồ sơ hội nghị tổng kết năm 2026',
          notation: '12.TH',
          retentionYears: 10,
        });
        const file = await off.upload('bao-cao-tong-ket.pdf', 'application/pdf', TPDF);
        await off.post(`/api/v1/dossiers/${dossier.id}/items`, {
          file,
          title: 'Báo cáo tổng kết năm 2026',
          pageCount: 3,
        });
        await off.post(`/api/v1/dossiers/${dossier.id}/close`, {});
        const clerk = await newTestPage(e2e.browser, e2e.url);
        opened.push(clerk);
        const clerkApi = await apiAs(clerk.context, 'vanthu.vp');
        const transfer = await clerkApi.post<{ id: string }>('/api/v1/archive-transfers', {
          dossierIds: [dossier.id],
        });
        const server = e2e.server;
        await jobRunner(server.server.app.services).drain();

        // The archivist's navigation: the archive and dossiers only, no documents, mail or edXML.
        await apiAs(context, 'luutru.vp');
        await page.goto('/');
        await page.getByRole('heading', { level: 1, name: /^Xin chào/ }).waitFor();
        expect(await navLinks(page, false)).toEqual([
          'Trang chủ',
          // The group Điều hành is everyone's (the archivist has no invitations to put on a calendar).
          'Trang điều hành',
          'Lịch công tác',
          'Đăng ký lịch vào điện thoại',
          'Nhiệm vụ được giao',
          'Thông báo',
          'Hồ sơ công việc',
          'Danh mục hồ sơ',
          'Nộp lưu',
          'Lưu trữ cơ quan',
          // The legal documents base is public: everyone signed in reads it.
          'Cơ sở dữ liệu văn bản',
        ]);
        await page.getByText('Gói nộp lưu chờ tiếp nhận').first().waitFor();
        await expectAccessible(page, 'archivist home');
        await page.goto('/van-ban/den');
        await page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();

        // The package, downloaded from the transfer and taken into the archive.
        const pkg = await context.request.get(`/api/v1/archive-transfers/${transfer.id}/package`);
        expect(pkg.ok()).toBe(true);
        await page.goto('/ho-so/luu-tru');
        await page.getByRole('heading', { level: 1, name: 'Lưu trữ cơ quan' }).waitFor();
        await expectAccessible(page, 'archive (archivist)');
        await page.locator('input[type=file]').setInputFiles({
          name: 'goi-nop-luu.zip',
          mimeType: 'application/zip',
          buffer: await pkg.body(),
        });
        await page.getByText('Gói toàn vẹn, đã tiếp nhận').waitFor();
        await page.getByRole('cell', { name: /12\.TH$/ }).waitFor();
        await saveScreen(page, 'archivist-archive-desktop');

        // The hand-over record, on the transfer's page.
        await page.goto('/ho-so/nop-luu');
        await page.getByRole('heading', { level: 1, name: 'Nộp lưu hồ sơ' }).waitFor();
        await expectAccessible(page, 'transfers (archivist)');
        await page
          .getByRole('link', { name: /^Hồ sơ nộp lưu ngày/ })
          .first()
          .click();
        await page.getByLabel('Họ tên người giao').fill('Nguyễn Văn Giao');
        await page.getByLabel('Chức vụ người giao').fill('Chuyên viên');
        await page.getByLabel('Họ tên người nhận (Lưu trữ cơ quan)').fill('Lâm Thị Ngọc Hiền');
        await page.getByLabel('Chức vụ người nhận').fill('Lưu trữ viên');
        await page.getByLabel('Tình trạng tài liệu giao nộp').fill('Đầy đủ');
        await page.getByRole('button', { name: 'Lập biên bản' }).click();
        await page.getByRole('link', { name: 'In biên bản giao nhận' }).waitFor();

        // The same screens on a phone.
        const phone = await newTestPage(e2e.browser, e2e.url, PHONE);
        opened.push(phone);
        await apiAs(phone.context, 'luutru.vp');
        await phone.page.goto('/ho-so/luu-tru');
        await phone.page.getByRole('heading', { level: 1, name: 'Lưu trữ cơ quan' }).waitFor();
        await expectAccessible(phone.page, 'archive (archivist, 360 px)');
        expect(await navLinks(phone.page, true)).toContain('Lưu trữ cơ quan');
        await saveScreen(phone.page, 'archivist-archive-phone');

        // The clerk is told who receives packages; there is nothing to upload.
        await clerk.page.goto('/ho-so/luu-tru');
        await clerk.page.getByRole('heading', { level: 1, name: 'Lưu trữ cơ quan' }).waitFor();
        await clerk.page.getByText(/người làm lưu trữ của cơ quan \(Lâm Thị Ngọc Hiền\)/).waitFor();
        expect(await clerk.page.locator('input[type=file]').count()).toBe(0);
        await expectAccessible(clerk.page, 'archive (clerk, an archivist keeps it)');
        for (const t of opened) {
          expect(t.pageErrors).toEqual([]);
          expect(t.blocked).toEqual([]);
        }
      } finally {
        for (const t of opened) await t.context.close().catch(() => undefined);
      }
    },
  );
});
