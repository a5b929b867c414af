import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  makeDecree30Pdf,
  SAMPLE_CONG_VAN,
} from '../../src/server/modules/documents/extract/testing/make-docs.ts';
import {
  apiGet,
  describeBrowser,
  expectAccessible,
  expectFirstCardInView,
  newTestPage,
  PHONE,
  ROOT,
  setupE2E,
  signInAPI,
  type TestPage,
} from './harness.ts';

// The whole path of a document through two agencies in a real browser: the clerk of Sở Nội vụ
// registers a scanned paper document (fields read from the PDF) and submits it; the leader directs
// it to a division; the division head hands it to an officer; the officer drafts the reply to Sở
// Thông tin và Truyền thông; it is approved, signed and released; the receiving clerk registers it
// and the sender sees "Đã vào sổ". Screenshots of each step go to test-results/e2e/documents/.

const SHOTS = path.join(ROOT, 'test-results', 'e2e', 'documents');
let step = 0;
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  step += 1;
  await page.screenshot({
    path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const LEADERS: Record<string, string> = {
  'Nguyễn Văn Hòa': 'lanhdao.snv',
  'Lê Thị Thu Thủy': 'phogiamdoc.snv',
};

interface Detail {
  id: string;
  status: string;
  holder: { id: string; name: string } | null;
  numberNotation: string | null;
  deliveries: { channel: string; status: string }[];
}

/** A fresh context signed in as `username`, kept in `opened` so the test closes it. */
async function as(
  browser: Browser,
  url: string,
  username: string,
  opened: TestPage[],
  viewport?: { width: number; height: number },
) {
  const t = await newTestPage(browser, url, viewport);
  opened.push(t);
  await signInAPI(t.context, username);
  return t;
}

async function openDoc(page: Page, id: string): Promise<void> {
  await page.goto(`/van-ban/${id}`);
  await page.getByRole('heading', { level: 2, name: 'Quá trình xử lý' }).waitFor();
}

/** Clicks an action on the detail page and confirms its dialog with the same word. */
async function act(
  page: Page,
  action: string,
  fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByRole('button', { name: action, exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describeBrowser('documents', () => {
  const e2e = setupE2E();

  e2e.test(
    'an incoming paper document is registered, directed, handled, answered, released and registered by the recipient',
    async ({ page, context }) => {
      const opened: TestPage[] = [];
      try {
        const started = Date.now();
        await signInAPI(context, 'vanthu.snv');

        // 1. The clerk's list, then the register form; the scan fills in the fields.
        await page.goto('/van-ban/den');
        await page.getByRole('heading', { level: 1, name: 'Văn bản đến' }).waitFor();
        await page.getByRole('tab', { name: 'Chờ tiếp nhận' }).waitFor();
        await expectAccessible(page, 'incoming list (clerk)');
        await shot(page, 'clerk-incoming-list');
        await page.getByRole('link', { name: 'Vào sổ văn bản đến' }).click();
        await page.getByRole('heading', { level: 1, name: 'Vào sổ văn bản đến' }).waitFor();
        const pdf = await makeDecree30Pdf({ ...SAMPLE_CONG_VAN, number: 77, date: '2026-11-20' });
        await page
          .locator('input[type=file]')
          .setInputFiles({ name: 'cong-van-77.pdf', mimeType: 'application/pdf', buffer: pdf });
        await page.getByText('Đã điền sẵn từ tệp').waitFor({ timeout: 30_000 });
        expect(await page.locator('#numberNotation').inputValue()).toMatch(/^0?77\/STTTT-CNTT$/);
        expect(await page.locator('#summary').inputValue()).toContain('triển khai Hệ thống');
        // The issuer read from the file is a unit of the tree: its picker shows the name, never an id.
        const issuerItem = page.locator('.ant-form-item').filter({ hasText: 'Chọn trong danh mục đơn vị' });
        await issuerItem.getByText('Sở Thông tin và Truyền thông', { exact: false }).waitFor();
        expect(await page.locator('.lt-doc-form').innerText()).not.toMatch(UUID);
        await page.getByRole('button', { name: '+5 ngày làm việc' }).click();
        await page.waitForFunction(
          () => (document.querySelector<HTMLInputElement>('#dueDate')?.value ?? '') !== '',
        );
        await page.getByText('Nguyễn Văn Hòa — Giám đốc').waitFor();
        await expectAccessible(page, 'register form');
        await shot(page, 'register-form-prefilled');
        await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();
        await page.getByTestId('arrival-number').waitFor();
        expect(await page.getByTestId('arrival-number').textContent()).toMatch(/^Số đến: \d+$/);
        await shot(page, 'registered');
        await page.getByRole('link', { name: 'Xem văn bản' }).click();
        await page.waitForURL(/\/van-ban\/[0-9a-f-]{36}$/);
        const incomingId = page.url().split('/').pop()!;
        await page.getByRole('heading', { level: 2, name: 'Quá trình xử lý' }).waitFor();
        await expectAccessible(page, 'detail page (clerk)');
        await shot(page, 'incoming-detail-clerk');

        // 2. The leader directs it to the division of Tổ chức cán bộ with a due date.
        const leader = await as(e2e.browser, e2e.url, 'lanhdao.snv', opened);
        await leader.page.goto('/van-ban/den');
        await leader.page.getByRole('tab', { name: 'Chờ cho ý kiến' }).waitFor();
        await openDoc(leader.page, incomingId);
        await act(leader.page, 'Cho ý kiến chỉ đạo', async (d) => {
          await d.getByLabel('Ý kiến chỉ đạo').fill('Giao Phòng Tổ chức cán bộ chủ trì tham mưu trả lời.');
          await d.getByLabel('Phòng chủ trì').click();
          await leader.page.locator('.ant-select-item-option', { hasText: 'Tổ chức cán bộ' }).first().click();
          await d.getByRole('button', { name: '+5 ngày làm việc' }).click();
          await leader.page.waitForFunction(
            () => (document.querySelector<HTMLInputElement>('.ant-modal #dueDate')?.value ?? '') !== '',
          );
          await shot(leader.page, 'leader-direct-dialog');
        });
        await leader.page.getByText('Cho ý kiến chỉ đạo', { exact: true }).last().waitFor();

        // 3. The division head hands it to the officer.
        const head = await as(e2e.browser, e2e.url, 'truongphong.snv', opened);
        await openDoc(head.page, incomingId);
        await act(head.page, 'Giao chuyên viên', async (d) => {
          await d.getByText('Dương Minh Luân').waitFor();
        });

        // 4. The officer drafts the reply to Sở TT&TT with a file and submits it.
        const officer = await as(e2e.browser, e2e.url, 'chuyenvien.snv', opened);
        await openDoc(officer.page, incomingId);
        await officer.page.getByRole('link', { name: 'Soạn văn bản trả lời' }).click();
        await officer.page.getByRole('heading', { level: 1, name: 'Soạn văn bản trả lời' }).waitFor();
        await officer.page
          .locator('#summary')
          .fill('V/v phối hợp triển khai hệ thống quản lý văn bản liên thông');
        await officer.page.getByLabel('Nơi nhận trong hệ thống 1').click();
        await officer.page.keyboard.type('thong tin va truyen thong');
        await officer.page
          .locator('.ant-select-item-option', { hasText: 'Sở Thông tin và Truyền thông' })
          .first()
          .click();
        await officer.page.locator('input[type=file]').setInputFiles({
          name: 'tra-loi.pdf',
          mimeType: 'application/pdf',
          buffer: await makeDecree30Pdf({
            ...SAMPLE_CONG_VAN,
            issuer: 'SỞ NỘI VỤ',
            notation: 'SNV-TCCB',
            number: 1,
          }),
        });
        await officer.page.getByText('Đã tải lên: tra-loi.pdf').waitFor();
        await shot(officer.page, 'officer-reply-draft');
        await officer.page.getByRole('button', { name: 'Lưu dự thảo' }).click();
        await officer.page.waitForURL(/\/van-ban\/[0-9a-f-]{36}$/);
        const draftId = officer.page.url().split('/').pop()!;
        await officer.page.getByRole('heading', { level: 2, name: 'Quá trình xử lý' }).waitFor();
        await act(officer.page, 'Trình duyệt');

        // 5. The division head approves; 6. the leader signs.
        await openDoc(head.page, draftId);
        await act(head.page, 'Duyệt');
        const afterApprove = await apiGet<Detail>(head.context, `/api/v1/documents/${draftId}`);
        const signer = LEADERS[afterApprove.holder?.name ?? ''] ?? 'lanhdao.snv';
        const signing = signer === 'lanhdao.snv' ? leader : await as(e2e.browser, e2e.url, signer, opened);
        await openDoc(signing.page, draftId);
        await act(signing.page, 'Ký ban hành');
        // No signing key in the demo: the page says the document carries no digital signature.
        await signing.page.getByText('Đã ký (chưa có chữ ký số)').waitFor();

        // 7. The clerk numbers and releases it.
        await openDoc(page, draftId);
        await page.getByRole('button', { name: 'Cấp số, phát hành' }).click();
        await page.getByText(/^Đã phát hành văn bản số /).waitFor();
        const released = await apiGet<Detail>(context, `/api/v1/documents/${draftId}`);
        expect(released.status).toBe('released');
        await page.getByRole('heading', { level: 2, name: 'Tình trạng gửi nhận' }).waitFor();
        await shot(page, 'released');

        // 8. The clerk of Sở TT&TT finds it waiting and registers it.
        const other = await as(e2e.browser, e2e.url, 'vanthu.stttt', opened);
        await other.page.goto('/van-ban/den');
        await other.page.getByRole('tab', { name: 'Chờ tiếp nhận', selected: true }).waitFor();
        const row = other.page.getByRole('link', {
          name: /phối hợp triển khai hệ thống quản lý văn bản liên thông/,
        });
        await row.waitFor();
        await shot(other.page, 'recipient-to-register');
        await row.click();
        await other.page.getByRole('heading', { level: 2, name: 'Quá trình xử lý' }).waitFor();
        await act(other.page, 'Vào sổ');
        await other.page.getByText(/^Đã vào sổ\. Số đến: \d+$/).waitFor();

        // 9. Back at Sở Nội vụ the delivery shows "Đã vào sổ".
        await page.reload();
        await page.getByRole('heading', { level: 2, name: 'Tình trạng gửi nhận' }).waitFor();
        await page.getByRole('region', { name: 'Tình trạng gửi nhận' }).getByText('Đã vào sổ').waitFor();
        await shot(page, 'sender-sees-registered');

        // The notification bell of the officer has something to say.
        await officer.page.goto('/');
        await officer.page.getByRole('heading', { name: 'Việc chờ xử lý' }).waitFor();
        await shot(officer.page, 'officer-home');

        // 10. The same screens at 360 px.
        const phone = await as(e2e.browser, e2e.url, 'vanthu.snv', opened, PHONE);
        await phone.page.goto('/van-ban/den');
        await phone.page.getByRole('tab', { name: 'Chờ tiếp nhận' }).waitFor();
        await expectAccessible(phone.page, 'incoming list (360 px)');
        await shot(phone.page, 'phone-list');
        // Each document is a card; the first one's summary is on the first screen, under the search
        // box, the other filters folded behind one button.
        await phone.page.goto('/van-ban/den?hop=incoming');
        expect(await expectFirstCardInView(phone.page, 'Văn bản đến')).toContain('triển khai Hệ thống');
        const filters = phone.page.getByRole('button', { name: /^Bộ lọc/ });
        expect(await filters.getAttribute('aria-expanded')).toBe('false');
        await filters.click();
        expect(await filters.getAttribute('aria-expanded')).toBe('true');
        await phone.page.getByLabel('Độ khẩn').waitFor();
        await expectAccessible(phone.page, 'incoming list, filters open (360 px)');
        await shot(phone.page, 'phone-list-cards');
        const leaderPhone = await as(e2e.browser, e2e.url, 'lanhdao.snv', opened, PHONE);
        await leaderPhone.page.goto('/van-ban/den?hop=incoming');
        await expectFirstCardInView(leaderPhone.page, 'Văn bản đến');
        await leaderPhone.page.goto('/van-ban/di?hop=sent');
        expect(await expectFirstCardInView(leaderPhone.page, 'Văn bản đi')).toContain('phối hợp triển khai');
        await phone.page.goto('/van-ban/den/vao-so');
        await phone.page.getByRole('heading', { level: 1, name: 'Vào sổ văn bản đến' }).waitFor();
        await expectAccessible(phone.page, 'register form (360 px)');
        await shot(phone.page, 'phone-register');
        await openDoc(phone.page, draftId);
        await expectAccessible(phone.page, 'detail page (360 px)');
        await shot(phone.page, 'phone-detail');
        for (const t of opened) {
          expect(t.pageErrors).toEqual([]);
          expect(t.blocked).toEqual([]);
        }
        console.log(`documents journey: ${Math.round((Date.now() - started) / 1000)} s`);
      } finally {
        for (const t of opened) await t.context.close().catch(() => undefined);
      }
    },
    { timeout: 180_000 },
  );
});
