import { expect } from 'vitest';
import { describeBrowser, expectAccessible, PHONE, saveScreen, setupE2E, signInAPI } from './harness.ts';

// Drafting from the template in a real browser: an officer of the province office (chuyenvien.vp)
// starts a công văn with "Soạn theo mẫu" (no file), fills the body, makes the DOCX then the PDF (the
// final version, LibreOffice), sees the PDF as the current file and submits the draft for review;
// the agency's administrator (quantri.vp) sees the "Mẫu văn bản" screen. Axe at 1280 and 360 px.

interface Detail {
  status: string;
  files: { fileName: string; mediaType: string; current: boolean; role: string; version: number }[];
}

describeBrowser('drafting from the Decree 30 template', () => {
  const e2e = setupE2E();

  e2e.test(
    'an officer drafts a công văn from the template, makes the PDF and submits it',
    async ({ page, context }) => {
      const suffix = String(Date.now() % 100000);
      const summary = `Tăng cường chuyển đổi số trong công tác văn thư (thử ${suffix})`;
      await signInAPI(context, 'chuyenvien.vp');
      await page.goto('/van-ban/di/soan');
      await page.getByRole('heading', { level: 1, name: 'Soạn văn bản đi' }).waitFor();
      await page.getByLabel('Trích yếu').fill(summary);
      const outside = page.getByLabel(/Nơi nhận ngoài hệ thống/);
      await outside.fill('Sở Tài chính');
      await outside.press('Enter');
      await page.getByRole('button', { name: 'Soạn theo mẫu' }).click();
      await page.waitForURL(/\/van-ban\/[0-9a-f-]{36}\/soan-theo-mau$/);
      const id = page.url().split('/').at(-2)!;
      await page.getByRole('heading', { level: 1, name: 'Soạn theo mẫu: Công văn' }).waitFor();
      // Prefilled from the agency, the leader and the draft.
      await expect
        .poll(() => page.getByLabel('Tên cơ quan, tổ chức ban hành văn bản').inputValue())
        .toBe('Văn phòng Ủy ban nhân dân tỉnh');
      expect(await page.getByLabel('Trích yếu nội dung văn bản').inputValue()).toBe(summary);
      await page
        .getByLabel('Nội dung (mỗi dòng là một đoạn)')
        .fill(
          'Thực hiện Nghị định số 30/2020/NĐ-CP, Văn phòng đề nghị các cơ quan rà soát hồ sơ.\nĐề nghị các đơn vị khẩn trương thực hiện.',
        );
      await expectAccessible(page, 'draft from template');
      await saveScreen(page, 'drafting-form');

      await page.getByRole('button', { name: 'Tạo bản thảo (DOCX)' }).click();
      await page.getByText('Đã tạo bản thảo DOCX (phiên bản 1).').waitFor();
      await page.getByRole('link', { name: 'Tải DOCX' }).waitFor();
      await page.getByRole('button', { name: 'Tạo bản PDF (bản cuối)' }).click();
      await page.getByText(/^Đã tạo bản PDF \(phiên bản 2\)/).waitFor({ timeout: 60_000 });
      await page.getByText('Bản PDF là bản cuối: có thể trình duyệt, ký.').waitFor();
      expect(await page.getByTestId('current-file').textContent()).toMatch(/\.pdf$/);
      await expectAccessible(page, 'draft with its PDF');
      await saveScreen(page, 'drafting-pdf');

      const detail = (await (await context.request.get(`/api/v1/documents/${id}`)).json()) as Detail;
      const main = detail.files.filter((f) => f.current && f.role === 'main');
      expect(main.map((f) => [f.mediaType, f.version])).toEqual([['application/pdf', 2]]);

      // Submit it for review from its page.
      await page.goto(`/van-ban/${id}`);
      await page.getByRole('heading', { level: 2, name: 'Quá trình xử lý' }).waitFor();
      await page.getByRole('button', { name: 'Trình duyệt', exact: true }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Trình duyệt' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Trình duyệt', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect
        .poll(
          async () =>
            ((await (await context.request.get(`/api/v1/documents/${id}`)).json()) as Detail).status,
        )
        .toBe('in_review');
    },
    { timeout: 180_000 },
  );

  e2e.test('the administrator sees the templates screen, on a phone too', async ({ page, context }) => {
    await signInAPI(context, 'quantri.vp');
    await page.goto('/quan-tri/mau-van-ban');
    await page.getByRole('heading', { level: 1, name: 'Mẫu văn bản' }).waitFor();
    await page.getByRole('cell', { name: 'Công văn', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Quyết định', exact: true }).waitFor();
    await expectAccessible(page, 'templates');
    await page.setViewportSize(PHONE);
    await page.getByRole('heading', { level: 1, name: 'Mẫu văn bản' }).waitFor();
    await saveScreen(page, 'drafting-templates-phone');
  });
});
