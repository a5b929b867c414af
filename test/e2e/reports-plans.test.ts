import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PlanView } from '../../src/shared/reports/plans.ts';
import {
  chooseOption,
  describeBrowser,
  expectAccessible,
  PHONE,
  saveScreen,
  setupE2E,
  signInAPI,
} from './harness.ts';

// IT plans (issue 20) in a real browser, axe at 1280 and 360 px: Sở Nội vụ (whose five-year plan
// 2026–2030 the demo approved) drafts and submits its annual plan; the IT department (Sở TT&TT)
// returns it with a comment on a task; the agency marks the comment dealt with, fixes the task and
// submits a second version; the IT department appraises it; the People's Committee's leader approves
// it and issues the decision as an outgoing draft; the agency reports the tasks' progress.

/** The plan's year: this year in Vietnam (the demo's five-year plan covers 2026–2030). */
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const TITLE = `Kế hoạch ứng dụng công nghệ thông tin năm ${YEAR}`;
const NETWORK = 'Nâng cấp mạng nội bộ Sở Nội vụ';
const SCANS = 'Số hóa hồ sơ cán bộ, công chức';

/** Waits until no antd motion (a dialog zooming in, a dropdown opening or closing) is running. */
async function settled(page: Page) {
  await page.waitForFunction(
    () => !document.querySelector('[class*="-enter"], [class*="-appear"], [class*="-leave"]'),
  );
}

/** Adds a task through the editor's dialog. */
async function addTask(page: Page, name: string, parent: string, source: string, amount: string) {
  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm nhiệm vụ' });
  await dialog.waitFor();
  await settled(page);
  await dialog.getByLabel('Tên nhiệm vụ').fill(name);
  await chooseOption(page, dialog.getByLabel('Thực hiện nhiệm vụ của kế hoạch 5 năm'), parent);
  await settled(page);
  await chooseOption(page, dialog.getByLabel('Nguồn kinh phí'), source);
  await dialog.getByLabel('Kinh phí (đồng)').fill(amount);
  await dialog.getByRole('button', { name: 'Xong' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page
    .getByRole('cell', { name: new RegExp(name) })
    .first()
    .waitFor();
}

/** The plan's state tag under the heading. */
const statusShown = (page: Page, status: string) =>
  page.locator('.lt-page-actions').getByText(status, { exact: true }).waitFor();

describeBrowser('reports: IT plans', () => {
  const e2e = setupE2E();

  e2e.test(
    'an annual plan goes from the agency through appraisal to approval, its decision and its progress',
    async ({ page, context }) => {
      // ---- The agency drafts and submits.
      await signInAPI(context, 'lanhdao.snv');
      await page.goto('/bao-cao/ke-hoach');
      await page.getByRole('heading', { level: 1, name: 'Kế hoạch ứng dụng CNTT' }).waitFor();
      await page
        .getByRole('link', { name: 'Kế hoạch ứng dụng công nghệ thông tin giai đoạn 2026–2030' })
        .waitFor();
      await expectAccessible(page, 'the agency’s plans');
      await page.getByRole('button', { name: 'Lập kế hoạch' }).click();
      const create = page.getByRole('dialog', { name: 'Lập kế hoạch ứng dụng CNTT' });
      await create.waitFor();
      await settled(page);
      await create.getByLabel('Năm kế hoạch').fill(String(YEAR));
      await create.getByRole('button', { name: 'Tạo kế hoạch' }).click();
      await page.waitForURL((u) => /^\/bao-cao\/ke-hoach\/[0-9a-f-]{36}$/.test(u.pathname));
      const planId = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByLabel('Mục tiêu').fill('Hoàn thành năm đầu của kế hoạch 5 năm.');
      await addTask(
        page,
        NETWORK,
        'Hoàn thiện hạ tầng mạng và trung tâm dữ liệu',
        'Ngân sách địa phương',
        '900000000',
      );
      await addTask(page, SCANS, 'Số hóa hồ sơ, tài liệu lưu trữ', 'Ngân sách địa phương', '300000000');
      await page.getByText('1.200.000.000 đ').first().waitFor();
      await expectAccessible(page, 'the plan editor');
      await saveScreen(page, 'reports-plan-editor');
      await page.getByRole('button', { name: 'Trình kế hoạch' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Trình kế hoạch' }).click();
      await statusShown(page, 'Chờ thẩm định');

      // ---- The IT department finds it in the province's tracking and returns it with a comment on a task.
      await signInAPI(context, 'lanhdao.stttt');
      await page.goto('/bao-cao/ke-hoach/theo-doi?trang-thai=submitted');
      await page.getByRole('heading', { level: 1, name: 'Theo dõi kế hoạch CNTT' }).waitFor();
      const row = page.getByRole('row', { name: /Sở Nội vụ/ });
      await row.waitFor();
      await expectAccessible(page, 'the province’s tracking');
      await row.getByRole('link', { name: TITLE }).click();
      await page.waitForURL((u) => u.pathname === `/bao-cao/ke-hoach/${planId}`);
      await page.getByText('Thẩm định lần trình 1').waitFor();
      await expectAccessible(page, 'the appraisal');
      await page.getByRole('button', { name: `Góp ý nhiệm vụ ${SCANS}` }).click();
      const commentDialog = page.getByRole('dialog', { name: `Về nhiệm vụ «${SCANS}»` });
      await commentDialog.waitFor();
      await settled(page);
      await commentDialog
        .getByLabel('Nội dung ý kiến')
        .fill('Đề nghị bổ sung dự toán chi tiết theo số trang.');
      await commentDialog.getByRole('button', { name: 'Gửi ý kiến' }).click();
      await commentDialog.waitFor({ state: 'hidden' });
      await page.getByText('Đã có 1 ý kiến ở lần trình này.').waitFor();
      await page.getByRole('button', { name: 'Trả lại để chỉnh sửa' }).click();
      await statusShown(page, 'Bị trả lại');

      // ---- The agency sees the comment on the task, marks it dealt with, fixes the task and resubmits.
      await signInAPI(context, 'lanhdao.snv');
      await page.goto(`/bao-cao/ke-hoach/${planId}`);
      await page.getByText(`Về nhiệm vụ «${SCANS}»`).waitFor();
      await page.getByText('Đề nghị bổ sung dự toán chi tiết theo số trang.').waitFor();
      await page.getByText('1 ý kiến thẩm định chưa xử lý').waitFor();
      await expectAccessible(page, 'the returned plan');
      await page.getByRole('checkbox', { name: 'Đã xử lý ý kiến này' }).click();
      await page.getByRole('checkbox', { name: 'Đã xử lý ý kiến này', checked: true }).waitFor();
      await page.getByText('1 ý kiến thẩm định chưa xử lý').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: `Sửa nhiệm vụ ${SCANS}` }).click();
      const edit = page.getByRole('dialog', { name: 'Sửa nhiệm vụ' });
      await edit.waitFor();
      await settled(page);
      await edit.getByLabel('Kinh phí (đồng)').fill('450000000');
      await edit.getByLabel('Kết quả dự kiến').fill('30.000 trang hồ sơ, dự toán kèm theo');
      await edit.getByRole('button', { name: 'Xong' }).click();
      await edit.waitFor({ state: 'hidden' });
      await page.getByText('1.350.000.000 đ').first().waitFor();
      await page.getByRole('button', { name: 'Trình kế hoạch' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Trình kế hoạch' }).click();
      await statusShown(page, 'Chờ thẩm định');
      await page.getByText(/^Lần 2, ngày/).waitFor();

      // ---- The IT department appraises the second version.
      await signInAPI(context, 'lanhdao.stttt');
      await page.goto(`/bao-cao/ke-hoach/${planId}`);
      await page.getByText('Thẩm định lần trình 2').waitFor();
      await page
        .getByLabel('Ý kiến thẩm định', { exact: true })
        .fill('Kế hoạch đã tiếp thu ý kiến; đề nghị UBND tỉnh phê duyệt.');
      await page.getByRole('button', { name: 'Thẩm định, chuyển UBND tỉnh phê duyệt' }).click();
      await statusShown(page, 'Đã thẩm định, chờ phê duyệt');

      // ---- The People's Committee's leader approves, then issues the decision as an outgoing draft.
      await signInAPI(context, 'lanhdao.ubnd');
      await page.goto(`/bao-cao/ke-hoach/${planId}`);
      await page.getByText('Phê duyệt của UBND tỉnh').waitFor();
      await expectAccessible(page, 'the approval');
      await page.getByRole('checkbox', { name: /Đồng thời tạo dự thảo quyết định phê duyệt/ }).uncheck();
      await page.getByRole('button', { name: 'Phê duyệt kế hoạch' }).click();
      await statusShown(page, 'Đã phê duyệt');
      await page.getByRole('button', { name: 'Phát hành quyết định phê duyệt' }).click();
      const open = page.getByRole('link', { name: 'Mở dự thảo quyết định phê duyệt' });
      await open.waitFor();
      const plan = (await (await context.request.get(`/api/v1/reports/plans/${planId}`)).json()) as PlanView;
      expect(plan.approvalDocument?.status).toBe('draft');
      await open.click();
      await page.waitForURL((u) => u.pathname === `/van-ban/${plan.approvalDocument!.id}`);
      await page.getByText(`Phê duyệt ${TITLE} của Sở Nội vụ`).first().waitFor();

      // ---- The agency reports progress during the year; the tracking shows it.
      await signInAPI(context, 'lanhdao.snv');
      await page.goto(`/bao-cao/ke-hoach/${planId}`);
      await page.getByText(`Báo cáo tiến độ năm ${YEAR}`).waitFor();
      await page.getByLabel(`Tiến độ (%) — ${NETWORK}`).fill('50');
      await page.getByLabel(`Ghi chú — ${NETWORK}`).fill('Đã lắp đặt thiết bị chuyển mạch');
      await page.getByLabel(`Tiến độ (%) — ${SCANS}`).fill('100');
      await page.getByLabel(`Ghi chú — ${SCANS}`).click();
      await page.getByRole('button', { name: 'Lưu tiến độ' }).click();
      // 900 000 000 at 50 % and 450 000 000 at 100 %: two thirds.
      await page.getByRole('progressbar', { name: 'Tiến độ chung (theo kinh phí): 67%' }).waitFor();
      await expectAccessible(page, 'the progress report');
      await page.setViewportSize(PHONE);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await saveScreen(page, 'reports-plan-progress-phone');

      await signInAPI(context, 'lanhdao.stttt');
      await page.goto(`/bao-cao/ke-hoach/theo-doi?nam=${YEAR}&trang-thai=approved&loai=annual`);
      await page.getByRole('progressbar', { name: 'Tiến độ Sở Nội vụ: 67%' }).first().waitFor();
      await expectAccessible(page, 'the tracking with progress');
    },
    { timeout: 240_000 },
  );
});
