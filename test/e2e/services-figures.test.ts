import { expect } from 'vitest';
import type { FiguresReply } from '../../src/shared/services/figures.ts';
import { describeBrowser, expectAccessible, PHONE, saveScreen, setupE2E, signInAPI } from './harness.ts';

// The QĐ 766 figures a leader opens: the period's indicators as a chart and a table whose numbers
// are the server's, the period kept in the address, each number leading to the dossiers behind it.
// axe at 1280 and 360 px.

describeBrowser('services figures', () => {
  const e2e = setupE2E();

  e2e.test(
    'a leader reads the figures of a period and opens the dossiers behind one',
    async ({ page, context }) => {
      await signInAPI(context, 'lanhdao.ubnd');
      const answer = page.waitForResponse((r) => r.url().includes('/api/v1/services/figures?'));
      await page.goto('/chi-so-dich-vu-cong?period=year&year=2026');
      await page
        .getByRole('heading', { level: 1, name: 'Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)' })
        .waitFor();
      const body = (await (await answer).json()) as FiguresReply;
      expect(body.label).toBe('Năm 2026');
      await page.getByText(`Phạm vi: ${body.scope.name} — Năm 2026`).waitFor();
      // Every indicator is a row of the table, with the server's numerator.
      const table = page.getByRole('table');
      for (const f of body.items) {
        const row = table.getByRole('row').filter({ hasText: f.name });
        await row.first().waitFor();
        expect(await row.first().textContent()).toContain(f.numerator.toLocaleString('vi-VN'));
      }
      await page.getByText('Chỉ số cần dữ liệu quốc gia (hệ thống chưa tính)').waitFor();
      await expectAccessible(page, 'services figures');
      await saveScreen(page, 'services-figures');

      // Another period: the address changes, so the view can be shared.
      await page.getByLabel('Kỳ', { exact: true }).click();
      await page.locator('.ant-select-item-option', { hasText: 'Quý' }).first().click();
      await page.getByRole('button', { name: 'Xem' }).click();
      await page.waitForURL((u) => u.searchParams.get('period') === 'quarter');
      await page.getByText(/Phạm vi: .* — Quý [IV]+ năm 2026/).waitFor();

      // On a phone: nothing wider than the screen.
      await page.setViewportSize(PHONE);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await expectAccessible(page, 'services figures on a phone');
      await saveScreen(page, 'services-figures-phone');

      // A numerator opens the dossiers it counts.
      const link = page.getByRole('link', { name: /Xem \d+ hồ sơ của tử số/ }).first();
      await link.click();
      await page.waitForURL((u) => u.pathname === '/chi-so-dich-vu-cong/ho-so');
      await page.getByRole('heading', { level: 1, name: 'Hồ sơ được tính vào chỉ số' }).waitFor();
      await expectAccessible(page, 'services figure dossiers');
      await page.getByRole('link', { name: 'Quay lại bảng chỉ số' }).click();
      await page.waitForURL((u) => u.pathname === '/chi-so-dich-vu-cong');
    },
  );
});
