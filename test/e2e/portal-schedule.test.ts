import { expect } from 'vitest';
import { addDays, mondayOf, weekKey } from '../../src/shared/schemas/portal-schedule.ts';
import { describeBrowser, expectAccessible, PHONE, saveScreen, setupE2E, signInAPI } from './harness.ts';

// The weekly work schedule in a real browser. The demo seeds "Lịch công tác của Thường trực UBND
// tỉnh" with this week published (adjusted once) and next week as a draft. The office clerk of Văn
// phòng UBND tỉnh opens next week, adds a line, publishes the week, then moves one line with a
// reason: the week shows "Điều chỉnh lần 1 · Cập nhật lần cuối …". The director of Sở Nội vụ reads
// this week on a phone, and his own week. Every screen is checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

describeBrowser('portal: weekly work schedule', () => {
  const e2e = setupE2E();

  e2e.test(
    'the office drafts next week, publishes it and adjusts one line with a reason',
    async ({ page, context }) => {
      await signInAPI(context, 'vanthu.vp');
      await page.goto('/lich-cong-tac');
      await page.getByRole('heading', { level: 1, name: 'Lịch công tác tuần' }).waitFor();
      // This week, published and adjusted once by the demo.
      await page
        .getByRole('heading', { level: 2, name: /Lịch công tác của Thường trực UBND tỉnh/ })
        .waitFor();
      await page.getByText(/^Điều chỉnh lần 1 · Cập nhật lần cuối: \d\d:\d\d \d\d\/\d\d\/\d{4}$/).waitFor();
      await page.getByRole('table').waitFor();
      await expectAccessible(page, 'schedule week (published)');
      await saveScreen(page, 'portal-schedule-week');

      // Next week: the demo's draft.
      await page.getByRole('button', { name: 'Tuần sau' }).click();
      await page.getByText('Bản nháp, chưa công bố').waitFor();
      const rowsBefore = await page.locator('tbody tr').count();
      expect(rowsBefore).toBeGreaterThan(0);

      // Add a line: day and session prefilled, start time typed.
      await page.getByRole('button', { name: 'Thêm mục lịch' }).click();
      const drawer = page.getByRole('dialog', { name: 'Thêm mục lịch' });
      await drawer.waitFor();
      await drawer.getByLabel('Giờ bắt đầu').fill('09:30');
      await drawer.getByLabel('Giờ kết thúc').fill('09:00');
      await drawer
        .getByLabel('Nội dung công việc')
        .fill('Làm việc với Sở Y tế về công tác phòng, chống dịch');
      await drawer.getByRole('button', { name: 'Lưu' }).click();
      // An end before the start is refused in the form, in Vietnamese.
      await drawer.getByText('Giờ kết thúc 09:00 phải sau giờ bắt đầu 09:30.').waitFor();
      await drawer.getByLabel('Giờ kết thúc').fill('11:00');
      await drawer.getByLabel('Địa điểm').fill('Phòng họp số 2, UBND tỉnh');
      await expectAccessible(page, 'schedule entry drawer', { thisWidthOnly: true });
      await drawer.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã lưu mục lịch.').waitFor();
      const row = page.locator('tbody tr', { hasText: 'Làm việc với Sở Y tế' });
      await row.waitFor();
      expect(await row.textContent()).toContain('09:30–11:00');

      // Publish the week.
      await page.getByRole('button', { name: 'Công bố lịch tuần' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Công bố lịch tuần' }).click();
      await page.getByText('Đã công bố lịch tuần.').waitFor();
      await page.getByText('Đã công bố', { exact: true }).waitFor();

      // Move the new line to the afternoon, with a reason: adjustment 1.
      await row.getByRole('button', { name: 'Sửa' }).click();
      const edit = page.getByRole('dialog', { name: 'Sửa mục lịch' });
      await edit.waitFor();
      await edit.getByText('lần lưu này là một lần điều chỉnh', { exact: false }).waitFor();
      await edit.getByLabel('Giờ bắt đầu').fill('14:00');
      await edit.getByLabel('Giờ bắt đầu').blur();
      await edit.getByLabel('Giờ kết thúc').fill('16:00');
      await edit.getByLabel('Lý do điều chỉnh').fill('Lãnh đạo UBND tỉnh bận tiếp khách buổi sáng.');
      await edit.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã lưu: điều chỉnh lần 1.').waitFor();
      await page.getByText(/^Điều chỉnh lần 1 · Cập nhật lần cuối: \d\d:\d\d \d\d\/\d\d\/\d{4}$/).waitFor();
      expect(await row.textContent()).toContain('Chiều 14:00–16:00');
      await expectAccessible(page, 'schedule week (adjusted)');

      // The history keeps the first publication and the adjustment with its reason.
      await page.getByRole('button', { name: 'Lịch sử điều chỉnh' }).click();
      const history = page.getByRole('dialog', { name: 'Lịch sử điều chỉnh' });
      await history.getByText('Lãnh đạo UBND tỉnh bận tiếp khách buổi sáng.').waitFor();
      await history.getByText('Công bố lần đầu').waitFor();
      await expectAccessible(page, 'schedule history', { thisWidthOnly: true });

      // The PDF of the week carries the adjustment too (checked in the integration tests).
      const pdf = await context.request.get(
        (await page.getByRole('link', { name: 'Tải PDF' }).getAttribute('href')) ?? '',
      );
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');

      // The public page of that week, without signing in, says so too.
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      const week = weekKey(addDays(mondayOf(today), 7));
      const anonymous = await e2e.browser.newContext({ baseURL: e2e.url, javaScriptEnabled: false });
      try {
        const pub = await anonymous.newPage();
        await pub.goto(`/cong-khai/lich-cong-tac/${week}`);
        await pub.getByText('(Điều chỉnh lần 1)').waitFor();
        await pub.getByText('Làm việc với Sở Y tế về công tác phòng, chống dịch').waitFor();
        // (axe needs JavaScript: the public page is checked with it in portal-feeds.test.ts)
      } finally {
        await anonymous.close();
      }
    },
    { timeout: 240_000 },
  );

  e2e.test(
    'a department director reads this week on a phone, and his own week',
    async ({ page, context }) => {
      await signInAPI(context, 'lanhdao.snv');
      await page.goto('/lich-cong-tac');
      await page.getByRole('heading', { level: 1, name: 'Lịch công tác tuần' }).waitFor();
      await page.locator('.lt-sched-cards').waitFor();
      expect(await page.locator('.lt-sched-cards li').count()).toBeGreaterThan(5);
      // A reader has no office buttons.
      expect(await page.getByRole('button', { name: 'Thêm mục lịch' }).count()).toBe(0);
      await expectAccessible(page, 'schedule week (phone)');
      await saveScreen(page, 'portal-schedule-phone');

      await page.getByRole('tab', { name: 'Lịch của tôi' }).click();
      const mine = page.getByRole('tabpanel', { name: 'Lịch của tôi' });
      await mine.getByRole('heading', { level: 2, name: /^Tuần thứ \d+ năm \d{4}/ }).waitFor();
      await mine.locator('.lt-sched-cards li').first().waitFor();
      expect(await mine.locator('.lt-sched-cards').textContent()).toContain('Tham dự');
      await expectAccessible(page, 'my schedule (phone)');
    },
    { viewport: PHONE },
  );
});
