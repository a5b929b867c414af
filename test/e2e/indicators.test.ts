import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { apiAs, describeBrowser, expectAccessible, saveScreen, setupE2E, signInAPI } from './harness.ts';

// The monthly report journey in a real browser: an administrator sets up two indicators, a monthly
// form reported by the commune Phước Hậu and a warning rule (spending ≤ revenue); the commune
// officer enters a figure by keyboard only, pastes a block from "Excel" (a TSV paste event), sees
// the warning when submitting, explains it and submits; the district leader of Long Hồ approves it
// from the inbox; the reporting status shows the commune as approved and the district's rollup holds
// the figure. Each screen is checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

interface Me {
  agency: { id: string; name: string } | null;
}
interface Group {
  code: string;
}
interface Form {
  id: string;
  code: string;
  name: string;
}

/** Vietnam's date today (YYYY-MM-DD). */
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** The latest month that has opened for entry (a month opens on its last day). */
function latestOpenMonth(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const [yy, mm] = d === last ? [y, m] : m === 1 ? [y - 1, 12] : [y, m - 1];
  return `${yy}M${String(mm).padStart(2, '0')}`;
}

async function setUp(context: BrowserContext, suffix: string) {
  const officer = await apiAs(context, 'congchuc.phuochau');
  const commune = (await officer.get<Me>('/api/v1/me')).agency!;
  const district = (await (await apiAs(context, 'lanhdao.longho')).get<Me>('/api/v1/me')).agency!;
  const admin = await apiAs(context, 'quantri');
  const groups = await admin.get<Group[] | { items: Group[] }>('/api/v1/indicators/groups');
  const group = (Array.isArray(groups) ? groups : groups.items)[0]!;
  const ind = (code: string, name: string) => ({
    code,
    name,
    groupCode: group.code,
    unit: 'triệu đồng',
    periodicity: 'month',
    valueType: 'number',
    decimals: 1,
    aggregation: 'sum',
    level: 'commune',
  });
  const rev = `E${suffix}1`;
  const exp = `E${suffix}2`;
  await admin.post('/api/v1/indicators/catalogue', ind(rev, 'Thu ngân sách xã (thử)'));
  await admin.post('/api/v1/indicators/catalogue', ind(exp, 'Chi ngân sách xã (thử)'));
  const form = await admin.post<Form>('/api/v1/indicators/forms', {
    code: `THU-CHI-${suffix}`,
    name: `Thu chi ngân sách xã ${suffix}`,
    periodicity: 'month',
    dueDays: 25,
    lockDays: 60,
    approvalLevels: 1,
    items: [rev, exp],
    agencyIds: [commune.id],
  });
  await admin.post('/api/v1/indicators/rules', {
    name: 'Chi không vượt thu',
    left: exp,
    operator: '<=',
    right: rev,
    importance: 'warning',
    formId: form.id,
  });
  return { form, rev, exp, commune, district };
}

const cell = (page: Page, label: string) => page.getByRole('gridcell', { name: new RegExp(`^${label}`) });

describeBrowser('indicators: monthly report entry, submission and approval', () => {
  const e2e = setupE2E();

  e2e.test(
    'a commune officer enters and pastes figures by keyboard, explains a warning and submits; the district approves',
    async ({ page, context }) => {
      const suffix = String(Date.now() % 100000).padStart(5, '0');
      const { form, rev, exp, district } = await setUp(context, suffix);
      const period = latestOpenMonth(vnToday());

      // The officer's list of forms × periods.
      await signInAPI(context, 'congchuc.phuochau');
      await page.goto('/chi-tieu/nhap');
      await page.getByRole('heading', { level: 1, name: 'Nhập số liệu' }).waitFor();
      const link = page.locator(`a[href="/chi-tieu/nhap/${form.id}/${period}"]`);
      await link.waitFor();
      await expectAccessible(page, 'entry list');
      await saveScreen(page, 'indicators-entry-list');
      await link.focus();
      await page.keyboard.press('Enter');

      // The grid, by keyboard only: type into the first cell, Enter saves and moves down.
      await page.getByRole('grid').waitFor();
      const first = cell(page, `${rev} Tổng số, ước tính`);
      await first.focus();
      await page.keyboard.type('1234,5');
      await page.keyboard.press('Enter');
      await expect.poll(() => first.textContent()).toContain('Đã lưu');
      expect(await first.textContent()).toContain('1.234,5');
      // The active cell moved down to the second indicator.
      expect(await cell(page, `${exp} Tổng số, ước tính`).getAttribute('tabindex')).toBe('0');

      // Back up, then paste a block of two rows (from Excel): one batch PUT.
      await page.keyboard.press('ArrowUp');
      const batch = page.waitForRequest((r) => r.url().includes('/cells') && r.method() === 'PUT');
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.setData('text/plain', '1.500\r\n2.000\r\n');
        document
          .querySelector('[role="gridcell"][data-active="true"]')!
          .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      await batch;
      await expect.poll(() => cell(page, `${exp} Tổng số, ước tính`).textContent()).toContain('2.000');
      expect(await first.textContent()).toContain('1.500');
      await expectAccessible(page, 'entry grid');
      await saveScreen(page, 'indicators-entry-grid');

      // Submitting: spending above revenue is a warning that needs an explanation.
      const submit = page.getByRole('button', { name: 'Gửi báo cáo' });
      await submit.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Gửi báo cáo' });
      await dialog.waitFor();
      const explain = dialog.getByRole('textbox').first();
      await explain.waitFor();
      expect(await dialog.textContent()).toContain('Chi không vượt thu');
      // Without the explanation the dialog refuses.
      await dialog.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await dialog.getByText('Cần nhập giải trình cho cảnh báo này.').waitFor();
      await explain.fill('Chi đầu tư xây dựng trường học từ nguồn năm trước chuyển sang.');
      await dialog.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await page.getByText('Đã gửi báo cáo.').waitFor();

      // The district leader approves it from the inbox.
      await signInAPI(context, 'lanhdao.longho');
      await page.goto('/chi-tieu/duyet');
      await page.getByRole('heading', { level: 1, name: 'Duyệt báo cáo' }).waitFor();
      const item = page.getByRole('link', { name: new RegExp(form.name) }).first();
      await item.waitFor();
      await expectAccessible(page, 'approval inbox');
      await saveScreen(page, 'indicators-inbox');
      await item.click();
      await page.getByRole('grid').waitFor();
      expect(await page.getByRole('grid').getAttribute('aria-readonly')).toBe('true');
      expect(await cell(page, `${rev} Tổng số, ước tính`).textContent()).toContain('1.500');
      await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
      await page.getByText('Đã duyệt báo cáo.').waitFor();

      // Reporting status: Phước Hậu approved, on time.
      await page.goto('/chi-tieu/tinh-hinh');
      await page.getByRole('heading', { level: 1, name: 'Tình hình báo cáo' }).waitFor();
      await page.getByLabel('Biểu mẫu').click();
      await page.locator('.ant-select-item-option', { hasText: form.code }).first().click();
      const row = page.locator('tr.ant-table-row', { hasText: 'Phước Hậu' });
      await row.waitFor();
      expect(await row.textContent()).toContain('Đã duyệt');
      expect(await row.textContent()).toContain('Đúng hạn');
      await expectAccessible(page, 'reporting status');
      await saveScreen(page, 'indicators-completeness');

      // The district's rollup of the revenue holds the approved figure.
      const rollup = await context.request.get(
        `/api/v1/indicators/analysis/rollup?indicator=${rev}&agencyId=${district.id}&from=${period}&to=${period}`,
      );
      expect(rollup.status()).toBe(200);
      const body = (await rollup.json()) as { points: { period: string; value: number | null }[] };
      expect(body.points.find((p) => p.period === period)?.value).toBe(1500);
    },
    { timeout: 240_000 },
  );

  e2e.test(
    'the district leader sees the approval inbox and the reporting status of the seeded forms',
    async ({ page, context }) => {
      await signInAPI(context, 'lanhdao.longho');
      await page.goto('/chi-tieu/duyet');
      await page.getByRole('heading', { level: 1, name: 'Duyệt báo cáo' }).waitFor();
      await page.locator('.ant-table, .lt-card-list-wrap').first().waitFor();
      await expectAccessible(page, 'approval inbox (seed)');

      const status = page.waitForResponse((r) => r.url().includes('/reports/completeness?') && r.ok());
      await page.goto('/chi-tieu/tinh-hinh');
      await page.getByRole('heading', { level: 1, name: 'Tình hình báo cáo' }).waitFor();
      const body = (await (await status).json()) as {
        rows: { agency: { name: string }; status: string }[];
        summary: { total: number };
      };
      expect(body.rows.length).toBe(body.summary.total);
      expect(body.rows.length).toBeGreaterThan(0);
      await page.locator('tr.ant-table-row').first().waitFor();
      expect(await page.locator('tr.ant-table-row').count()).toBe(body.rows.length);
      await page.getByText(`Tổng số: ${body.summary.total}`).waitFor();
      const label: Record<string, string> = {
        approved: 'Đã duyệt',
        submitted: 'Đã gửi',
        returned: 'Bị trả lại',
        draft: 'Nháp',
        missing: 'Chưa nhập',
      };
      const first = body.rows[0]!;
      expect(await page.locator('tr.ant-table-row').first().textContent()).toContain(label[first.status]);
      await expectAccessible(page, 'reporting status (seed)');
      await saveScreen(page, 'indicators-completeness-seed');
    },
  );
});
