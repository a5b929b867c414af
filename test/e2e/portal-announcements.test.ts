import { expect } from 'vitest';
import { describeBrowser, expectAccessible, saveScreen, setupE2E, signInAPI } from './harness.ts';

// Announcements in a real browser: the clerk of Văn phòng UBND tỉnh writes one to Sở Nội vụ, the
// department's clerk finds it unread (bold) and opens it, and the sender then sees "Đã đọc 1/N" and
// who has not read it. The public page shows the demo's public announcement, also with JavaScript
// disabled. Each screen is checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

describeBrowser('portal announcements', () => {
  const e2e = setupE2E();

  e2e.test(
    'the office sends to a department, its clerk reads it, the sender sees who has read it',
    async ({ page, context }) => {
      const title = `Đề nghị cập nhật danh bạ điện thoại ${Date.now() % 100000}`;

      // The sender: the office's clerk writes to Sở Nội vụ.
      await signInAPI(context, 'vanthu.vp');
      await page.goto('/thong-bao');
      await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
      await page.getByRole('button', { name: 'Soạn thông báo' }).click();
      await page.getByRole('heading', { level: 1, name: 'Soạn thông báo' }).waitFor();
      await page.getByLabel('Tiêu đề').fill(title);
      await page
        .getByLabel('Nội dung')
        .fill('Đề nghị các phòng cập nhật danh bạ.\n\nHạn gửi: trước ngày 30 của tháng.');
      await page.getByText('Các đơn vị được chọn').click();
      const picker = page.getByLabel('Đơn vị nhận');
      await picker.click();
      await picker.fill('Sở Nội vụ');
      await page
        .locator('.ant-select-item-option', { hasText: /^Sở Nội vụ( \(|$)/ })
        .first()
        .click();
      await page.keyboard.press('Escape');
      await expectAccessible(page, 'compose');
      await saveScreen(page, 'announcements-compose');
      await page.getByRole('button', { name: 'Gửi thông báo' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page
        .getByText(/Đã đọc 0\/\d+/)
        .first()
        .waitFor();
      const addressed = Number(
        (await page
          .getByText(/Đã đọc 0\/\d+/)
          .first()
          .textContent())!.split('/')[1],
      );
      expect(addressed).toBeGreaterThanOrEqual(2);
      await expectAccessible(page, 'detail as sender');

      // The recipient: unread and bold in the list, then opened.
      await signInAPI(context, 'vanthu.snv');
      await page.goto('/thong-bao');
      await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
      const link = page.getByRole('link', { name: new RegExp(title) });
      await link.waitFor();
      expect(await link.evaluate((el) => getComputedStyle(el).fontWeight)).toBe('700');
      await expectAccessible(page, 'list as recipient');
      await saveScreen(page, 'announcements-list');
      await link.click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('Hạn gửi: trước ngày 30 của tháng.').waitFor();
      await page.getByText(/Bạn đã đọc lúc/).waitFor();
      await expectAccessible(page, 'detail as recipient');
      // No receipts, no edit for the recipient.
      expect(await page.getByText('Tình hình đọc').count()).toBe(0);
      await page.getByRole('link', { name: /Quay lại danh sách thông báo/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
      await expect
        .poll(() =>
          page
            .getByRole('link', { name: new RegExp(title) })
            .evaluate((el) => getComputedStyle(el).fontWeight),
        )
        .toBe('400');

      // Back to the sender: one read, and the list of who has not read it.
      await signInAPI(context, 'vanthu.vp');
      await page.goto('/thong-bao?loc=sent');
      await page.getByRole('link', { name: new RegExp(title) }).click();
      await page.getByText(`Đã đọc 1/${addressed}`).first().waitFor();
      const notRead = page
        .getByRole('region', { name: 'Chưa đọc' })
        .or(page.getByRole('list', { name: 'Chưa đọc' }));
      await notRead.first().waitFor();
      expect(await notRead.first().textContent()).toContain('Sở Nội vụ');
      await expectAccessible(page, 'receipts');
      await saveScreen(page, 'announcements-receipts');
    },
    { timeout: 240_000 },
  );

  e2e.test('the public page shows a public announcement, also without JavaScript', async ({ page }) => {
    await page.goto('/cong-khai/thong-bao');
    await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    const link = page.getByRole('link', {
      name: 'Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh',
    });
    await link.waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expectAccessible(page, 'public list');
    await link.click();
    await page.getByRole('heading', { level: 1, name: /lịch tiếp công dân định kỳ/ }).waitFor();
    expect(await page.textContent('main')).toContain('Văn phòng Ủy ban nhân dân tỉnh');
    await expectAccessible(page, 'public detail');
    await saveScreen(page, 'announcements-public');

    // Without JavaScript: the same server-rendered page.
    const noJs = await e2e.browser.newContext({
      baseURL: e2e.url,
      javaScriptEnabled: false,
      locale: 'vi-VN',
    });
    try {
      const p = await noJs.newPage();
      const res = await p.goto('/cong-khai/thong-bao');
      expect(res?.status()).toBe(200);
      await p
        .getByRole('link', { name: 'Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh' })
        .click();
      await p.getByRole('heading', { level: 1, name: /lịch tiếp công dân định kỳ/ }).waitFor();
      expect(await p.textContent('main')).toContain('Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ');
      // Non-public announcements never appear there.
      const list = await (await noJs.request.get('/cong-khai/thong-bao')).text();
      expect(list).not.toContain('Đề nghị báo cáo tình hình triển khai chữ ký số');
      expect(list).not.toContain('Lịch nghỉ Tết Nguyên đán');
    } finally {
      await noJs.close();
    }
  });
});
