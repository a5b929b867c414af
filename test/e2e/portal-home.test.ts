import { expect } from 'vitest';
import { describeBrowser, expectAccessible, PHONE, saveScreen, setupE2E, signInAPI } from './harness.ts';

// The portal home (trang điều hành) the chairman opens in the morning, on a desktop and on a phone:
// the demo's week, the People's Committee's overdue task, the office's pinned announcement, and the
// documents waiting — in one request, each figure leading to its list. axe at 1280 and 360 px.

describeBrowser('portal home', () => {
  const e2e = setupE2E();

  e2e.test(
    'the chairman sees the week, the overdue tasks and the new announcements',
    async ({ page, context }) => {
      await signInAPI(context, 'lanhdao.ubnd');
      const home = page.waitForResponse((r) => r.url().endsWith('/api/v1/portal/home'));
      await page.goto('/dieu-hanh');
      await page.getByRole('heading', { level: 1, name: 'Trang điều hành' }).waitFor();
      const body = await (await home).json();
      // The demo week of the People's Committee is published and he chairs entries of it.
      expect(body.schedule.length).toBeGreaterThan(0);
      expect(body.tasks.overdue).toBeGreaterThan(0);

      await page
        .getByText(/Tuần thứ \d+ năm \d{4}/)
        .first()
        .waitFor();
      const overdue = page.getByRole('link', { name: /Nhiệm vụ quá hạn/ });
      expect(await overdue.textContent()).toMatch(/Nhiệm vụ quá hạn\s*[1-9]/);
      await page.getByRole('link', { name: 'Lịch nghỉ Tết Nguyên đán và phân công trực cơ quan' }).waitFor();
      const entries = page.locator('.lt-portal-entry');
      expect(await entries.count()).toBe(body.schedule.length);
      await expectAccessible(page, 'portal home');
      await saveScreen(page, 'portal-home');

      // On a phone: one column, nothing wider than the screen.
      await page.setViewportSize(PHONE);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await saveScreen(page, 'portal-home-phone');

      // A pressing task opens its page; the overdue figure opens the tasks.
      const task = page.locator('a[href^="/nhiem-vu/"]').first();
      const href = await task.getAttribute('href');
      await task.click();
      await page.waitForURL((u) => u.pathname === href);
      await page.goBack();
      await overdue.click();
      await page.getByRole('heading', { level: 1, name: 'Nhiệm vụ được giao' }).waitFor();
    },
  );
});
