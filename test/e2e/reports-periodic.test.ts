import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import type { CycleView, SubmissionItem, SubmissionView } from '../../src/shared/reports/periodic.ts';
import {
  chooseOption,
  DEMO_PASSWORD,
  DESKTOP,
  describeBrowser,
  expectAccessible,
  PHONE,
  saveScreen,
  setupE2E,
  signInAPI,
} from './harness.ts';

// Periodic reports (issue 20) in a real browser: the agency (Văn phòng UBND tỉnh) opens its
// six-month report of this year (the demo's template BC-CNTT-6T and its cycle), finds half the figures
// filled by the system, types the rest and the texts, submits; the IT department (Sở Thông tin và
// Truyền thông) returns it once with a comment; the agency reads the comment, corrects, resubmits;
// the IT department accepts it, opens the consolidated report (the agencies missing are listed)
// and downloads the DOCX, which the test opens back with mammoth. The templates' screen refuses a
// code already used at the field. axe at 1280 and 360 px on every main screen.

const AGENCY = 'Văn phòng Ủy ban nhân dân tỉnh';
const IT = 'Sở Thông tin và Truyền thông';
/** The demo issues the first half of the current year (Vietnam time). */
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const PERIOD = `6 tháng đầu năm ${YEAR}`;
/** Distinctive figures the test types, found again in the consolidated report. */
const FIRST = 4321;
const CORRECTED = 5432;
const COMMENT = 'Đề nghị bổ sung số liệu kinh phí và nêu rõ khó khăn về hạ tầng mạng.';

/** The API answer of a request whose path ends with `path` (and method), as the page makes it. */
function answer(page: Page, method: string, path: RegExp): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
}

async function json<T>(r: Promise<Response>): Promise<T> {
  const res = await r;
  if (!res.ok())
    throw new Error(`${res.request().method()} ${res.url()}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The dialog once it has finished opening: a click that lands during antd's zoom-in (on two loaded
 * cores) can be lost, so wait for the motion classes to go.
 */
async function openedDialog(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  await page.waitForFunction(
    () =>
      !document.querySelector(
        '.ant-modal [class*="-enter"], .ant-modal[class*="-enter"], .ant-modal [class*="-appear"], .ant-modal[class*="-appear"]',
      ),
  );
  return dialog;
}

/** Lets the layout follow a new width before measuring it. */
const settle = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

describeBrowser('reports: periodic reports', () => {
  const e2e = setupE2E();

  e2e.test(
    'an agency fills and submits its six-month report; the IT department returns it, accepts it and downloads the consolidated DOCX',
    async ({ page, context }) => {
      // 1. The agency's clerk opens the list of its periodic reports.
      await signInAPI(context, 'vanthu.vp');
      const own = answer(page, 'GET', /^\/api\/v1\/reports\/submissions$/);
      await page.goto('/bao-cao/dinh-ky');
      await page.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' }).waitFor();
      const mine = (await json<{ items: SubmissionItem[] }>(own)).items;
      const item = mine.find((s) => s.label === PERIOD);
      expect(item, `the demo's ${PERIOD} report of ${AGENCY}`).toBeDefined();
      expect(item!.agencyName).toBe(AGENCY);
      expect(item!.status).toBe('draft');
      await expectAccessible(page, 'periodic reports of the agency');
      await saveScreen(page, 'reports-periodic-own');

      // 2. Its six-month report: the measured rows are already filled and marked; the rest is typed.
      const opened = answer(page, 'GET', new RegExp(`^/api/v1/reports/submissions/${item!.id}$`));
      await page.getByRole('link', { name: item!.templateName }).first().click();
      await page.waitForURL((u) => u.pathname === `/bao-cao/dinh-ky/${item!.id}`);
      const view = await json<SubmissionView>(opened);
      expect(view.can.edit && view.can.submit).toBe(true);
      const rows = view.sections.flatMap((s) => (s.kind === 'table' ? s.rows : []));
      const measured = rows.filter((r) => r.measure);
      const typed = rows.filter((r) => !r.measure);
      expect(measured.length).toBeGreaterThan(0);
      expect(typed.length).toBeGreaterThan(0);
      await page.getByRole('heading', { level: 1, name: `${view.cycle.templateName} — ${PERIOD}` }).waitFor();
      expect(await page.getByText('Tự điền từ hệ thống', { exact: true }).count()).toBe(measured.length);
      const form = page.getByRole('form', { name: 'Nội dung báo cáo' });
      const numbers = form.getByRole('spinbutton');
      expect(await numbers.count()).toBe(typed.length);
      const texts = form.getByRole('textbox');
      const textCount = view.sections.filter((s) => s.kind === 'text').length;
      expect(await texts.count()).toBe(textCount);
      await expectAccessible(page, 'a periodic report to fill');
      await saveScreen(page, 'reports-periodic-fill');
      // On a phone the form fits the width: rows stack, nothing scrolls sideways.
      await page.setViewportSize(PHONE);
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await saveScreen(page, 'reports-periodic-fill-phone');
      await page.setViewportSize(DESKTOP);
      await settle(page);

      // Someone else of the agency saves meanwhile: this page's save is refused with a clear message
      // and the latest version is loaded on request.
      await numbers.first().fill('1');
      const login = await context.request.post('/api/v1/auth/login', {
        data: { username: 'vanthu.vp', password: DEMO_PASSWORD },
      });
      const elsewhere = await context.request.put(`/api/v1/reports/submissions/${item!.id}`, {
        data: { version: view.version, values: {} },
        headers: { 'x-csrf-token': (await login.json()).csrfToken as string },
      });
      expect(elsewhere.status()).toBe(200);
      const refused = answer(page, 'PUT', new RegExp(`^/api/v1/reports/submissions/${item!.id}$`));
      await page.getByRole('button', { name: 'Lưu nháp' }).click();
      expect((await refused).status()).toBe(409);
      await page.getByRole('alert').filter({ hasText: 'vừa được người khác lưu' }).waitFor();
      const reloaded = answer(page, 'GET', new RegExp(`^/api/v1/reports/submissions/${item!.id}$`));
      await page.getByRole('button', { name: 'Tải bản mới nhất' }).click();
      expect((await json<SubmissionView>(reloaded)).version).toBe(view.version + 1);
      await page
        .getByRole('alert')
        .filter({ hasText: 'vừa được người khác lưu' })
        .waitFor({ state: 'detached' });
      expect(await numbers.first().inputValue()).toBe('');

      await numbers.first().fill(String(FIRST));
      for (let i = 1; i < typed.length; i++) await numbers.nth(i).fill(String(10 + i));
      for (let i = 0; i < textCount; i++)
        await texts.nth(i).fill(`Nội dung mục ${i + 1}: Văn phòng đã triển khai hệ thống quản lý văn bản.`);
      const saved = answer(page, 'PUT', new RegExp(`^/api/v1/reports/submissions/${item!.id}$`));
      await page.getByRole('button', { name: 'Lưu nháp' }).click();
      const draft = await json<SubmissionView>(saved);
      expect(draft.version).toBe(view.version + 2);
      await page.getByText('Đã lưu bản nháp.').waitFor();

      // Submitting asks first; nothing is left empty.
      await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
      const confirm = await openedDialog(page, 'Gửi báo cáo cho cơ quan chuyên trách CNTT?');
      expect(await confirm.getByText(/mục chưa nhập/).count()).toBe(0);
      const sent = answer(page, 'POST', new RegExp(`^/api/v1/reports/submissions/${item!.id}/submit$`));
      await confirm.getByRole('button', { name: 'Gửi báo cáo' }).click();
      expect((await json<SubmissionView>(sent)).status).toBe('submitted');
      await page.getByText(/^Báo cáo đã gửi ngày/).waitFor();

      // 3. The IT department finds the period, the agency's report among the submitted ones, returns it.
      await signInAPI(context, 'lanhdao.stttt');
      const cycles = answer(page, 'GET', /^\/api\/v1\/reports\/cycles$/);
      await page.goto('/bao-cao/tong-hop');
      await page.getByRole('heading', { level: 1, name: 'Tổng hợp báo cáo' }).waitFor();
      const cycle = (await json<{ items: CycleView[] }>(cycles)).items.find((c) => c.id === view.cycle.id)!;
      expect(cycle.counts.submitted).toBeGreaterThanOrEqual(1);
      const cycleName = `${cycle.templateName} — ${PERIOD}`;
      await expectAccessible(page, 'reporting periods');
      await saveScreen(page, 'reports-periodic-cycles');
      await page.getByRole('link', { name: cycleName }).first().click();
      await page.waitForURL((u) => u.pathname === `/bao-cao/tong-hop/ky/${cycle.id}`);
      await page.getByRole('heading', { level: 1, name: cycleName }).waitFor();
      await page.getByRole('img', { name: /^Tiến độ: 0 đã tiếp nhận, 1 đã gửi chờ xem xét/ }).waitFor();
      await expectAccessible(page, "a period's dashboard");
      await saveScreen(page, 'reports-periodic-cycle');
      const filtered = answer(page, 'GET', new RegExp(`^/api/v1/reports/cycles/${cycle.id}/submissions$`));
      await chooseOption(page, page.getByLabel('Lọc theo tình trạng'), 'Đã gửi');
      const waiting = (await json<{ items: SubmissionItem[] }>(filtered)).items;
      expect(waiting.map((s) => s.agencyName)).toEqual([AGENCY]);
      const list = page.getByRole('region', { name: 'Tình hình gửi báo cáo của các cơ quan' });
      await list.getByRole('link', { name: AGENCY }).click();
      await page.waitForURL((u) => u.pathname === `/bao-cao/tong-hop/bao-cao/${item!.id}`);
      await page.getByRole('heading', { level: 1, name: `${AGENCY} — ${PERIOD}` }).waitFor();
      await page.getByText(String(FIRST).replace(/\B(?=(\d{3})+(?!\d))/g, '.'), { exact: true }).waitFor();
      await expectAccessible(page, 'a submitted report under review');
      await page.getByRole('button', { name: 'Trả lại' }).click();
      const giveBack = await openedDialog(page, 'Trả lại báo cáo để cơ quan sửa');
      // The comment is required: the form says so before anything is sent.
      await giveBack.getByRole('button', { name: 'Trả lại' }).click();
      await giveBack.getByText('Hãy ghi lý do trả lại.').waitFor();
      await giveBack.getByLabel('Ý kiến (lý do trả lại)').fill(COMMENT);
      const returned = answer(page, 'POST', new RegExp(`^/api/v1/reports/submissions/${item!.id}/return$`));
      await giveBack.getByRole('button', { name: 'Trả lại' }).click();
      expect((await json<SubmissionView>(returned)).status).toBe('returned');
      await page.getByText('Đã trả lại báo cáo.').waitFor();

      // 4. The agency sees the comment first, corrects the figure and submits again.
      await signInAPI(context, 'vanthu.vp');
      const again = answer(page, 'GET', new RegExp(`^/api/v1/reports/submissions/${item!.id}$`));
      await page.goto(`/bao-cao/dinh-ky/${item!.id}`);
      expect((await json<SubmissionView>(again)).status).toBe('returned');
      const notice = page.getByRole('alert').filter({ hasText: 'Báo cáo bị trả lại' });
      await notice.getByText(COMMENT).waitFor();
      await notice.getByText(/Ngô Thành Đạt/).waitFor();
      await expectAccessible(page, 'a returned report');
      await saveScreen(page, 'reports-periodic-returned');
      await page
        .getByRole('form', { name: 'Nội dung báo cáo' })
        .getByRole('spinbutton')
        .first()
        .fill(String(CORRECTED));
      await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
      const confirmAgain = await openedDialog(page, 'Gửi báo cáo cho cơ quan chuyên trách CNTT?');
      const resent = answer(page, 'POST', new RegExp(`^/api/v1/reports/submissions/${item!.id}/submit$`));
      const resaved = answer(page, 'PUT', new RegExp(`^/api/v1/reports/submissions/${item!.id}$`));
      await confirmAgain.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await json<SubmissionView>(resaved);
      expect((await json<SubmissionView>(resent)).status).toBe('submitted');
      await page.getByText(/^Báo cáo đã gửi ngày/).waitFor();

      // 5. The IT department accepts it and opens the consolidated report: the agency is counted,
      // every other agency is listed as missing.
      await signInAPI(context, 'lanhdao.stttt');
      const review = answer(page, 'GET', new RegExp(`^/api/v1/reports/submissions/${item!.id}$`));
      await page.goto(`/bao-cao/tong-hop/bao-cao/${item!.id}`);
      await json<SubmissionView>(review);
      await page.getByRole('heading', { name: 'Các lần trả lại' }).waitFor();
      const accepted = answer(page, 'POST', new RegExp(`^/api/v1/reports/submissions/${item!.id}/accept$`));
      await page.getByRole('button', { name: 'Tiếp nhận' }).click();
      expect((await json<SubmissionView>(accepted)).status).toBe('accepted');
      await page.getByText('Đã tiếp nhận báo cáo.').waitFor();
      await page.getByRole('link', { name: 'Về bảng theo dõi kỳ báo cáo' }).click();
      await page.waitForURL((u) => u.pathname === `/bao-cao/tong-hop/ky/${cycle.id}`);
      const consolidatedAnswer = answer(
        page,
        'GET',
        new RegExp(`^/api/v1/reports/cycles/${cycle.id}/consolidated$`),
      );
      await page.getByRole('link', { name: 'Xem báo cáo tổng hợp' }).click();
      await page.waitForURL((u) => u.pathname === `/bao-cao/tong-hop/ky/${cycle.id}/ban-tong-hop`);
      const consolidated = await json<{
        included: { agencyName: string }[];
        missing: { agencyName: string }[];
      }>(consolidatedAnswer);
      expect(consolidated.included.map((a) => a.agencyName)).toEqual([AGENCY]);
      expect(consolidated.missing.length).toBe(cycle.counts.assigned - 1);
      await page.getByRole('heading', { level: 1, name: `Báo cáo tổng hợp — ${PERIOD}` }).waitFor();
      const missing = page.getByRole('list', {
        name: `${consolidated.missing.length} cơ quan chưa có báo cáo được tiếp nhận — không được tính vào số liệu tổng hợp`,
      });
      expect(await missing.getByRole('listitem').count()).toBe(consolidated.missing.length);
      await missing.getByText(consolidated.missing[0]!.agencyName, { exact: true }).waitFor();
      await page.getByRole('heading', { level: 3, name: AGENCY }).first().waitFor();
      await expectAccessible(page, 'the consolidated report');
      await saveScreen(page, 'reports-periodic-consolidated');

      // The DOCX, opened back: the national motto, the IT department as issuer, the corrected figure.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải DOCX' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const docx = path.join(os.tmpdir(), `lt-e2e-periodic-${process.pid}.docx`);
      await download.saveAs(docx);
      const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(docx) })).value;
      fs.rmSync(docx, { force: true });
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text.toLocaleUpperCase('vi')).toContain(IT.toLocaleUpperCase('vi'));
      expect(text).toMatch(
        new RegExp(`\\b${String(CORRECTED).replace(/\B(?=(\d{3})+(?!\d))/g, '[.,]?')}\\b`),
      );
      expect(text).toContain(AGENCY);

      // On a phone the consolidated report fits the width.
      await page.setViewportSize(PHONE);
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
    },
    { timeout: 240_000 },
  );

  e2e.test(
    'the IT department reads the late reports, keeps the templates and issues a monthly period',
    async ({ page, context }) => {
      await signInAPI(context, 'lanhdao.stttt');
      const late = answer(page, 'GET', /^\/api\/v1\/reports\/late$/);
      await page.goto('/bao-cao/tong-hop/tre-han');
      await page.getByRole('heading', { level: 1, name: 'Báo cáo trễ hạn' }).waitFor();
      const lateItems = (await json<{ items: SubmissionItem[] }>(late)).items;
      if (lateItems.length === 0)
        await page.getByText('Không có báo cáo nào trễ hạn trong các kỳ đang mở.').first().waitFor();
      else await page.getByRole('link', { name: lateItems[0]!.agencyName }).first().waitFor();
      await expectAccessible(page, 'late reports');

      // Templates: the demo's six-month template is listed; a new one with a code already used is
      // refused at the code field, then saved with its own code and a row bound to a measured figure.
      const templates = answer(page, 'GET', /^\/api\/v1\/reports\/templates$/);
      await page
        .getByRole('navigation', { name: 'Tổng hợp báo cáo' })
        .getByRole('link', { name: 'Mẫu báo cáo' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Mẫu báo cáo định kỳ' }).waitFor();
      await json(templates);
      await page.getByRole('link', { name: /^BC-CNTT-6T · / }).waitFor();
      await expectAccessible(page, 'report templates');
      await page.getByRole('link', { name: 'Tạo mẫu báo cáo' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tạo mẫu báo cáo' }).waitFor();
      await page.getByLabel('Mã mẫu').fill('BC-CNTT-6T');
      await page.getByLabel('Tên mẫu').fill('Báo cáo tháng về chuyển đổi số');
      await chooseOption(page, page.getByLabel('Kỳ báo cáo'), 'Hằng tháng');
      await page.getByLabel('Tiêu đề báo cáo').fill('Báo cáo tình hình chuyển đổi số hằng tháng');
      await page.getByLabel('Tiêu đề mục').first().fill('Kết quả nổi bật');
      await page.getByRole('button', { name: 'Thêm mục: Bảng số liệu' }).click();
      await page.getByLabel('Tiêu đề mục').nth(1).fill('Số liệu văn bản điện tử');
      await page.getByLabel('Dòng 1: Tên dòng').fill('Tỷ lệ văn bản đi gửi điện tử');
      await page.getByLabel('Đơn vị tính').first().fill('%');
      await chooseOption(
        page,
        page.getByLabel('Tự điền từ số liệu đo').first(),
        'Tỷ lệ văn bản đi gửi hoàn toàn điện tử',
      );
      await expectAccessible(page, 'a new template');
      const refused = answer(page, 'POST', /^\/api\/v1\/reports\/templates$/);
      await page.getByRole('button', { name: 'Lưu mẫu' }).click();
      expect((await refused).status()).toBe(409);
      await page.getByText('Mã mẫu đã được dùng.', { exact: true }).waitFor();
      await page.getByLabel('Mã mẫu').fill('BC-CDS-THANG');
      const created = answer(page, 'POST', /^\/api\/v1\/reports\/templates$/);
      await page.getByRole('button', { name: 'Lưu mẫu' }).click();
      const made = await json<{
        code: string;
        sections: { key: string; kind: string; rows?: { measure?: string }[] }[];
      }>(created);
      expect(made.code).toBe('BC-CDS-THANG');
      expect(made.sections.map((s) => s.key)).toEqual(['ket_qua_noi_bat', 'so_lieu_van_ban_dien_tu']);
      expect(made.sections[1]!.rows![0]!.measure).toBe('outElectronic');
      await page.waitForURL((u) => u.pathname === '/bao-cao/tong-hop/mau');
      await page.getByRole('link', { name: 'BC-CDS-THANG · Báo cáo tháng về chuyển đổi số' }).waitFor();

      // The demo's template has issued a period: its sections are locked, its heading can still change.
      await page.getByRole('link', { name: /^BC-CNTT-6T · / }).click();
      await page.getByRole('heading', { level: 1, name: 'Sửa mẫu BC-CNTT-6T' }).waitFor();
      await page.getByText(/^Mẫu đã được dùng để phát hành kỳ báo cáo/).waitFor();
      expect(await page.getByLabel('Tiêu đề mục').first().isDisabled()).toBe(true);
      await page
        .getByLabel('Tiêu đề báo cáo')
        .fill('Tình hình ứng dụng công nghệ thông tin và chuyển đổi số');
      await expectAccessible(page, 'a template already used');
      const updated = answer(page, 'PUT', /^\/api\/v1\/reports\/templates\/[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: 'Lưu mẫu' }).click();
      expect((await json<{ title: string; used: boolean }>(updated)).title).toBe(
        'Tình hình ứng dụng công nghệ thông tin và chuyển đổi số',
      );
      await page.waitForURL((u) => u.pathname === '/bao-cao/tong-hop/mau');

      // Issuing a monthly period to one agency: the dashboard of the new period follows.
      await page
        .getByRole('navigation', { name: 'Tổng hợp báo cáo' })
        .getByRole('link', { name: 'Kỳ báo cáo' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Tổng hợp báo cáo' }).waitFor();
      await page.getByRole('button', { name: 'Phát hành kỳ báo cáo' }).click();
      const issue = await openedDialog(page, 'Phát hành kỳ báo cáo');
      await chooseOption(page, issue.getByLabel('Mẫu báo cáo'), /^BC-THANG · /);
      await chooseOption(page, issue.getByLabel('Tháng', { exact: true }), 'Tháng 5');
      await issue.getByLabel('Chỉ các cơ quan được chọn').check();
      const picker = issue.getByLabel('Thêm cơ quan');
      await picker.click();
      await picker.fill('Tư pháp');
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
          hasText: 'Sở Tư pháp',
        })
        .click();
      await issue.getByRole('button', { name: 'Bỏ Sở Tư pháp' }).waitFor();
      await expectAccessible(page, 'issuing a reporting period');
      const issued = answer(page, 'POST', /^\/api\/v1\/reports\/cycles$/);
      await issue.getByRole('button', { name: 'Phát hành', exact: true }).click();
      const cycle = await json<CycleView>(issued);
      expect(cycle.label).toBe(`Tháng 5/${YEAR}`);
      expect(cycle.counts.assigned).toBe(1);
      await page.waitForURL((u) => u.pathname === `/bao-cao/tong-hop/ky/${cycle.id}`);
      await page
        .getByRole('heading', { level: 1, name: `${cycle.templateName} — Tháng 5/${YEAR}` })
        .waitFor();
      await page
        .getByRole('region', { name: 'Tình hình gửi báo cáo của các cơ quan' })
        .getByRole('link', { name: 'Sở Tư pháp' })
        .waitFor();
    },
  );
});
