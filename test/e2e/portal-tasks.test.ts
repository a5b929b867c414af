import { expect } from 'vitest';
import { apiAs, describeBrowser, expectAccessible, saveScreen, setupE2E, signInAPI } from './harness.ts';

// Tasks assigned by leaders in a real browser: the UBND's clerk (vanthu.ubnd, the office: the task's
// assigner is the province's People's Committee) records a task from a conclusion notice dated three
// weeks ago, due ten days ago, for Sở Tài chính; the department's clerk reports the result today
// (after the deadline); the office accepts it; the statistics count it under "Hoàn thành quá hạn".
// Each screen is checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

/** Vietnam's date `days` from today (YYYY-MM-DD). */
const vnDay = (days = 0) =>
  new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

interface Figures {
  rows: { agency: { name: string }; doneLate: number; doneOnTime: number }[];
}

describeBrowser('portal tasks: assignment, late result, acceptance, figures', () => {
  const e2e = setupE2E();

  e2e.test(
    'a task from a conclusion notice is reported done late and shows in the figures',
    async ({ page, context }) => {
      const suffix = String(Date.now() % 100000);
      const content = `Báo cáo thu chi ngân sách quý (thử ${suffix})`;
      const from = vnDay(-60);
      const figuresUrl = `/api/v1/tasks/figures?from=${from}&to=${vnDay()}`;
      const office = await apiAs(context, 'vanthu.ubnd');
      const before = (await office.get<Figures>(figuresUrl)).rows.find(
        (r) => r.agency.name === 'Sở Tài chính',
      );

      // The office records the task from the form.
      await signInAPI(context, 'vanthu.ubnd');
      await page.goto('/nhiem-vu');
      await page.getByRole('heading', { level: 1, name: 'Nhiệm vụ được giao' }).waitFor();
      await page.getByText('Đơn vị giao', { exact: true }).waitFor();
      await expectAccessible(page, 'tasks list (office)');
      await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Giao nhiệm vụ' }).waitFor();
      await page.getByLabel('Ngày giao').fill(vnDay(-21));
      await page
        .getByLabel('Nguồn giao (như in trên văn bản)')
        .fill(`Thông báo số ${suffix}/TB-UBND kết luận của Chủ tịch UBND tỉnh`);
      await page.getByLabel('Nội dung nhiệm vụ').fill(content);
      const lead = page.getByLabel('Đơn vị chủ trì', { exact: true });
      await lead.click();
      await lead.fill('Sở Tài chính');
      await page
        .locator('.ant-select-item-option', { hasText: /^Sở Tài chính \(/ })
        .first()
        .click();
      await page.getByLabel('Hạn xử lý').fill(vnDay(-10));
      // The working-days mode shows the computed deadline.
      await page.getByRole('radio', { name: 'Theo số ngày làm việc' }).check();
      await page.getByRole('spinbutton', { name: /Số ngày làm việc/ }).fill('5');
      await page.getByText(/^Hạn xử lý tính được: \d\d\/\d\d\/\d{4}$/).waitFor();
      await expectAccessible(page, 'assign form');
      await saveScreen(page, 'portal-tasks-assign');
      await page.getByRole('radio', { name: 'Theo ngày' }).check();
      await page.getByLabel('Hạn xử lý').fill(vnDay(-10));
      await page.getByRole('button', { name: /^Giao 1 nhiệm vụ$/ }).click();
      await page.waitForURL((u) => u.pathname === '/nhiem-vu');
      const link = page.getByRole('link', { name: content });
      await link.waitFor();
      const taskId = (await link.getAttribute('href'))!.split('/').pop()!;

      // The department's clerk reports the result today: after the deadline.
      await signInAPI(context, 'vanthu.stc');
      await page.goto('/nhiem-vu');
      await page.getByText('Việc của đơn vị', { exact: true }).click();
      await page.getByRole('link', { name: content }).click();
      await page.getByRole('heading', { level: 1, name: content }).waitFor();
      expect(await page.locator('.ant-descriptions').textContent()).toContain('Quá hạn');
      await page.getByRole('button', { name: 'Báo cáo kết quả' }).click();
      await page.getByLabel('Kết quả thực hiện').fill('Đã hoàn thành báo cáo, gửi kèm số liệu.');
      await expectAccessible(page, 'task detail (lead agency)');
      await saveScreen(page, 'portal-tasks-detail');
      await page.getByRole('button', { name: 'Gửi', exact: true }).click();
      await page.getByText('Đã báo cáo kết quả, chờ xem xét').first().waitFor();

      // The office accepts it.
      await signInAPI(context, 'vanthu.ubnd');
      await page.goto(`/nhiem-vu/${taskId}`);
      await page.getByRole('heading', { level: 1, name: content }).waitFor();
      await page.getByRole('button', { name: 'Công nhận hoàn thành' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Công nhận hoàn thành' }).click();
      await page.getByText('Đã công nhận hoàn thành.').waitFor();
      await page.locator('.ant-descriptions', { hasText: 'Hoàn thành quá hạn' }).waitFor();
      expect(await page.locator('.ant-timeline').textContent()).toContain('Công nhận hoàn thành');

      // The statistics count it as done late.
      await page.goto('/nhiem-vu?tab=stats');
      await page.getByLabel('Giao từ ngày').fill(from);
      await page.getByRole('button', { name: 'Xem', exact: true }).click();
      const row = page.locator('tr.ant-table-row', { hasText: 'Sở Tài chính' });
      await row.waitFor();
      const after = (await office.get<Figures>(figuresUrl)).rows.find(
        (r) => r.agency.name === 'Sở Tài chính',
      )!;
      expect(after.doneLate).toBe((before?.doneLate ?? 0) + 1);
      const cells = await row.locator('td').allTextContents();
      // Columns: agency, assigned, done on time, done late, overdue, in progress.
      expect(cells[3]).toBe(String(after.doneLate));
      await page.getByRole('columnheader', { name: 'Hoàn thành quá hạn' }).waitFor();
      await page.getByRole('img', { name: /Biểu đồ cột chồng/ }).waitFor();
      const xlsx = await context.request.get(
        (await page.getByRole('link', { name: 'Xuất Excel' }).getAttribute('href'))!,
      );
      expect(xlsx.status()).toBe(200);
      expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
      await expectAccessible(page, 'task statistics');
      await saveScreen(page, 'portal-tasks-stats');
    },
    { timeout: 240_000 },
  );

  e2e.test('an agency sees its seeded tasks, due soon and overdue, on a phone', async ({ page, context }) => {
    await signInAPI(context, 'vanthu.sgtvt');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/nhiem-vu?tab=dueSoon');
    await page.getByRole('heading', { level: 1, name: 'Nhiệm vụ được giao' }).waitFor();
    await page.getByRole('list', { name: 'Danh sách nhiệm vụ' }).getByRole('listitem').first().waitFor();
    expect(await page.getByRole('list', { name: 'Danh sách nhiệm vụ' }).textContent()).toContain('sạt lở');
    await expectAccessible(page, 'due soon (phone)');
    await saveScreen(page, 'portal-tasks-phone');
  });
});
