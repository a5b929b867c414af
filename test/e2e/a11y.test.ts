import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  DESKTOP,
  describeBrowser,
  expectAccessible,
  PHONE,
  saveScreen,
  setupE2E,
  signInAPI,
} from './harness.ts';

// Accessibility of every screen (axe: no serious or critical violation) at desktop width and on a
// 360 px phone, with a screenshot of each kept in test-results/e2e/screens/ for review.

/** These tests visit each screen at both widths themselves. */
const ONE = { thisWidthOnly: true };

const SCREENS: {
  name: string;
  path: string;
  heading: RegExp | string;
  prepare?: (page: Page, phone: boolean) => Promise<void>;
}[] = [
  { name: 'home', path: '/', heading: /^Xin chào/ },
  {
    name: 'agencies',
    path: '/quan-tri/don-vi',
    heading: 'Đơn vị',
    prepare: async (page) => {
      // Expand the province and open one unit so the detail panel and its history are checked too.
      const tree = page.getByRole('tree');
      await tree.getByText('Ủy ban nhân dân tỉnh Vĩnh Long', { exact: true }).waitFor();
      await page.locator('.ant-tree-switcher').first().click();
      await tree.getByText('Sở Nội vụ', { exact: true }).click();
      await page.getByRole('heading', { level: 2, name: 'Sở Nội vụ' }).waitFor();
      await page.getByText('Chưa có thay đổi nào.').waitFor();
    },
  },
  {
    name: 'people',
    path: '/quan-tri/nguoi-dung',
    heading: 'Người dùng',
    prepare: async (page) => {
      await page.locator('.lt-card-item, tr.ant-table-row').first().waitFor();
    },
  },
  {
    name: 'audit',
    path: '/quan-tri/nhat-ky',
    heading: 'Nhật ký hệ thống',
    prepare: async (page, phone) => {
      // A table on a desktop, a list of cards on a phone.
      await (phone
        ? page.getByRole('list', { name: 'Nhật ký hệ thống' }).getByRole('listitem')
        : page.getByRole('cell', { name: /Đăng nhập/ })
      )
        .first()
        .waitFor();
    },
  },
  {
    name: 'sessions',
    path: '/ca-nhan/phien-dang-nhap',
    heading: 'Phiên đăng nhập của tôi',
    prepare: async (page) => void (await page.getByText('Phiên hiện tại', { exact: true }).waitFor()),
  },
  { name: 'change-password', path: '/ca-nhan/doi-mat-khau', heading: 'Đổi mật khẩu' },
];

describeBrowser('every screen is accessible (axe) on desktop and a 360 px phone', () => {
  const e2e = setupE2E({ concurrent: true });

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    e2e.test(
      `sign-in page (${size})`,
      async ({ page }) => {
        await page.goto('/dang-nhap');
        await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
        await expectAccessible(page, `sign-in (${size})`, ONE);
        // The messages after a failed attempt are part of the screen too.
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.getByText('Nhập tên đăng nhập').waitFor();
        await expectAccessible(page, `sign-in with errors (${size})`, ONE);
        await saveScreen(page, `sign-in-${size}`);
      },
      { viewport },
    );

    e2e.test(
      `administration screens (${size})`,
      async ({ page, context }) => {
        await signInAPI(context, 'quantri');
        for (const s of SCREENS) {
          await page.goto(s.path);
          await page.getByRole('heading', { level: 1, name: s.heading }).waitFor();
          await s.prepare?.(page, size === 'phone');
          await page
            .locator('.ant-spin-spinning')
            .first()
            .waitFor({ state: 'detached', timeout: 10_000 })
            .catch(() => undefined);
          await expectAccessible(page, `${s.name} (${size})`, ONE);
          await saveScreen(page, `${s.name}-${size}`);
        }
        // A person's details open in a drawer: positions, password reset, disable.
        await page.goto('/quan-tri/nguoi-dung');
        await page.locator('.lt-card-item, tr.ant-table-row').first().getByRole('button').first().click();
        await page.getByRole('dialog').getByRole('heading', { name: 'Chức vụ' }).waitFor();
        await expectAccessible(page, `person drawer (${size})`, ONE);
        await saveScreen(page, `person-drawer-${size}`, { fullPage: false });
        await page.keyboard.press('Escape');
        if (size === 'phone') {
          // The navigation lives in a drawer on phones.
          await page.getByRole('button', { name: 'Mở danh mục chức năng' }).click();
          const nav = page.getByRole('dialog').getByRole('navigation', { name: 'Chức năng' });
          await expect(nav.getByRole('link', { name: 'Người dùng' }).isVisible()).resolves.toBe(true);
          await expectAccessible(page, `navigation drawer (${size})`, ONE);
          await saveScreen(page, `drawer-${size}`, { fullPage: false });
        }
      },
      { viewport, timeout: 180_000 },
    );
  }

  e2e.test(
    'the checks include WCAG 2.1 A: a control whose name hides its visible words fails',
    async ({ page }) => {
      // What the account button did before: it showed a name and position, but was named otherwise,
      // so a voice-control user saying the words they see could not press it (WCAG 2.5.3).
      await page.setContent(
        '<!doctype html><html lang="vi"><head><title>t</title></head><body><main><h1>Thử</h1>' +
          '<button aria-label="Tài khoản của bạn">Nguyễn Văn An, Văn thư</button></main></body></html>',
      );
      await expect(expectAccessible(page, 'label in name')).rejects.toThrow(/label-content-name-mismatch/);
      await page.setContent(
        '<!doctype html><html lang="vi"><head><title>t</title></head><body><main><h1>Thử</h1>' +
          '<button>Nguyễn Văn An, Văn thư</button></main></body></html>',
      );
      await expectAccessible(page, 'label in name, fixed');
    },
  );

  e2e.test('the shell and the agency tree work by keyboard alone', async ({ page, context }) => {
    await signInAPI(context, 'quantri');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: /^Xin chào/ }).waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    // The first Tab reaches the skip link, which moves focus to the main content.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Bỏ qua, đến nội dung chính');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The personal menu opens with Enter, is walked with the arrows, and Escape returns to its button.
    await page.getByRole('button', { name: 'Nguyễn Hoàng Khang Quản trị hệ thống' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).waitFor();
    // The menu moves focus to its first item once it has opened; arrows before that go nowhere.
    await page.waitForFunction(
      () => document.activeElement?.textContent?.trim() === 'Đổi mật khẩu',
      undefined,
      { timeout: 5000 },
    );
    await page.keyboard.press('ArrowDown');
    // The menu moves focus in the next animation frame, so a loaded machine may read it a frame late.
    await page
      .waitForFunction(() => document.activeElement?.textContent?.trim() === 'Phiên đăng nhập', undefined, {
        timeout: 5000,
      })
      .catch(() => undefined);
    expect(await focused()).toBe('Phiên đăng nhập');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Phiên đăng nhập của tôi' }).waitFor();
    // In the tree: arrows move and open branches, Enter shows the unit.
    await page.goto('/quan-tri/don-vi');
    await page.getByRole('tree').getByText('Ủy ban nhân dân tỉnh Vĩnh Long', { exact: true }).waitFor();
    await page.getByRole('tree').focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tree').getByText('Ban Dân tộc', { exact: true }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Ban Dân tộc' }).waitFor();
  });
});
