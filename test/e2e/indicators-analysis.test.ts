import fs from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { describeBrowser, expectAccessible, saveScreen, setupE2E, signInAPI } from './harness.ts';

// Indicators in a real browser: a leader analyses an indicator of the demo seed (chart, then the
// table, whose figure must be the server's), downloads its data as CSV, builds a dashboard of two
// charts, pins it and finds it on the home page; an administrator adds an indicator whose formula
// names an unknown code (the error shows on the formula field), then a valid one. Every screen is
// checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px. Screens: test-results/e2e/screens/.

interface RollupBody {
  indicator: { code: string; name: string; decimals?: number };
  points: { period: string; value: number | null }[];
}

/** Vietnamese grouping of a figure as the screen shows it. */
const vn = (v: number, decimals = 2) =>
  new Intl.NumberFormat('vi-VN', { maximumFractionDigits: decimals }).format(v);

async function pickIndicator(page: Page, label: string, code: string) {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(code);
  await page.locator('.ant-select-item-option', { hasText: code }).first().click();
  await page.keyboard.press('Escape');
}

describeBrowser('indicators: analysis, dashboards, catalogue', () => {
  const e2e = setupE2E();

  e2e.test(
    'a leader analyses an indicator, exports CSV, builds and pins a dashboard shown on the home page',
    async ({ page, context }) => {
      await signInAPI(context, 'lanhdao.vp');
      const rollup = page.waitForResponse((r: Response) => r.url().includes('/analysis/rollup') && r.ok());
      await page.goto('/chi-tieu/phan-tich');
      await page.getByRole('heading', { level: 1, name: 'Phân tích chỉ tiêu' }).waitFor();
      const body = (await (await rollup).json()) as RollupBody;
      const withValue = body.points.filter((p) => p.value !== null);
      // The demo seed holds figures for the default indicator and range.
      expect(withValue.length).toBeGreaterThan(0);
      const chart = page.locator('.lt-chart[role="img"]');
      await chart.locator('canvas').first().waitFor();
      expect(await chart.getAttribute('aria-label')).toContain(body.indicator.name);
      await expectAccessible(page, 'analysis, chart');
      await saveScreen(page, 'indicators-analysis-chart');

      // The table: the first period's figure is the server's.
      await page.getByText('Bảng', { exact: true }).click();
      const table = page.getByRole('region', { name: 'Bảng số liệu của biểu đồ' });
      await table.waitFor();
      const first = withValue[0]!;
      const row = page.locator('tr.ant-table-row', { has: page.locator('td').first() }).first();
      await row.waitFor();
      const cells = await page
        .locator('tr.ant-table-row')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.trim() ?? '')),
        );
      const shown = cells.find((c) => c.slice(1).includes(vn(first.value!, body.indicator.decimals ?? 2)));
      expect(shown, `a row shows ${first.value}`).toBeTruthy();
      await expectAccessible(page, 'analysis, table');

      // CSV of the series.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải số liệu CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain(body.indicator.code);

      // A dashboard with two charts, pinned.
      await page.goto('/chi-tieu/bang-dieu-khien');
      await page.getByRole('heading', { level: 1, name: 'Bảng điều khiển' }).waitFor();
      await page.getByText('Bạn chưa có bảng điều khiển nào.').waitFor();
      await expectAccessible(page, 'dashboards, empty');
      await page.getByLabel('Tạo bảng mới').fill('Kinh tế hằng tháng');
      await page.getByRole('button', { name: 'Tạo' }).click();
      await page.getByText('Bảng chưa có biểu đồ nào.').waitFor();
      for (const [i, title] of ['Biểu đồ thứ nhất', 'Biểu đồ thứ hai'].entries()) {
        await page.getByRole('button', { name: 'Thêm biểu đồ' }).first().click();
        const drawer = page.getByRole('dialog', { name: 'Thêm biểu đồ' });
        await drawer.getByLabel('Tiêu đề biểu đồ').fill(title);
        await pickIndicator(page, 'Chỉ tiêu (tối đa 5)', body.indicator.code);
        if (i === 1) await drawer.getByText('Cột', { exact: true }).click();
        await drawer.locator('.lt-chart canvas').first().waitFor();
        if (i === 0) await expectAccessible(page, 'dashboard, add chart drawer');
        await drawer.getByRole('button', { name: 'Thêm vào bảng' }).click();
        await page.getByRole('heading', { level: 2, name: title }).waitFor();
      }
      await page.getByRole('button', { name: 'Ghim lên trang chủ' }).click();
      await page.getByText('Đã ghim bảng lên trang chủ.').waitFor();
      await page.getByRole('button', { name: 'Bỏ ghim' }).waitFor();
      await expectAccessible(page, 'dashboard with two charts');
      await saveScreen(page, 'indicators-dashboard');

      await page.goto('/');
      await page.getByRole('heading', { level: 2, name: /Kinh tế hằng tháng/ }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Biểu đồ thứ nhất' }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Biểu đồ thứ hai' }).waitFor();
      expect(await page.locator('.lt-chart canvas').count()).toBeGreaterThanOrEqual(2);
      await expectAccessible(page, 'home with pinned dashboard');
      await saveScreen(page, 'indicators-home-pinned');
    },
    { timeout: 240_000 },
  );

  e2e.test(
    'an administrator adds an indicator: an unknown code in the formula is refused on the field, then a valid one is saved',
    async ({ page, context }) => {
      await signInAPI(context, 'quantri');
      const list = page.waitForResponse(
        (r: Response) => /\/indicators\/catalogue(\?|$)/.test(r.url()) && r.ok(),
      );
      await page.goto('/chi-tieu/danh-muc');
      await page.getByRole('heading', { level: 1, name: 'Danh mục chỉ tiêu' }).waitFor();
      const existing = ((await (await list).json()) as { items: { code: string }[] }).items[0]!.code;
      await expectAccessible(page, 'catalogue');
      await saveScreen(page, 'indicators-catalogue');

      await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
      const drawer = page.getByRole('dialog', { name: 'Thêm chỉ tiêu' });
      await drawer.getByLabel('Mã chỉ tiêu').fill('X9901');
      await drawer.getByLabel('Nhóm chỉ tiêu').click();
      await page.locator('.ant-select-item-option').first().click();
      await drawer.getByLabel('Tên chỉ tiêu').fill('Chỉ tiêu thử nghiệm theo công thức');
      await drawer.getByLabel('Đơn vị tính').fill('%');
      await drawer.getByLabel('Cách tổng hợp').click();
      await page.locator('.ant-select-item-option', { hasText: 'Tính theo công thức' }).click();
      await drawer.getByLabel('Công thức').fill('T9999 / 2');
      await expectAccessible(page, 'indicator drawer');
      await drawer.getByRole('button', { name: 'Lưu' }).click();
      const formulaItem = drawer.locator('.ant-form-item', { has: page.getByLabel('Công thức') });
      await formulaItem.getByText('T9999').waitFor();
      expect(await formulaItem.locator('.ant-form-item-explain-error').textContent()).toContain(
        'Mã chỉ tiêu không tồn tại: T9999',
      );
      await expectAccessible(page, 'indicator drawer with the formula error');
      await saveScreen(page, 'indicators-formula-error', { fullPage: false });

      await drawer.getByLabel('Công thức').fill(`${existing} * 2`);
      await drawer.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã thêm chỉ tiêu X9901.').waitFor();

      // The other administration screens.
      await page.goto('/chi-tieu/bieu-mau');
      await page.getByRole('heading', { level: 1, name: 'Biểu mẫu báo cáo' }).waitFor();
      await page
        .locator('.ant-spin-spinning')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await expectAccessible(page, 'forms');
      await saveScreen(page, 'indicators-forms');
      await page.goto('/chi-tieu/quy-tac');
      await page.getByRole('heading', { level: 1, name: 'Quy tắc kiểm tra' }).waitFor();
      await page
        .locator('.ant-spin-spinning')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await expectAccessible(page, 'rules');
      await saveScreen(page, 'indicators-rules');
    },
    { timeout: 180_000 },
  );
});
