import fs from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  makeDecree30Pdf,
  SAMPLE_CONG_VAN,
} from '../../src/server/modules/documents/extract/testing/make-docs.ts';
import { type Dovecot, hasDovecot, startDovecot } from '../../src/server/modules/mail/testing/dovecot.ts';
import { compose } from '../../src/server/modules/mail/testing/messages.ts';
import { TestSmtp } from '../../src/server/modules/mail/testing/smtp.ts';
import { apiGet, expectAccessible, HAS_CHROMIUM, PHONE, ROOT, setupE2E, signInAPI } from './harness.ts';

// The agency admin of Sở Nội vụ connects the official mailbox (a real Dovecot on 127.0.0.1) and
// reads it; the clerk opens the message in "Thư đến từ hộp thư" and registers it as an incoming
// document in one step. Screenshots go to test-results/e2e/mail/.

const SHOTS = path.join(ROOT, 'test-results', 'e2e', 'mail');
async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

// Needs Chromium and Dovecot (both installed by .ci/run; under CI a missing Dovecot fails).
describe.skipIf(!HAS_CHROMIUM || (!hasDovecot() && !process.env.CI))('mail', () => {
  const e2e = setupE2E();
  let dovecot: Dovecot;
  let smtp: TestSmtp;
  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await new TestSmtp().start();
    const c = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await c.connect();
    await c.append(
      'INBOX',
      await compose({
        from: 'Sở Tài chính <vanthu@stc.test>',
        to: dovecot.user,
        subject: 'Công văn số 45/STC-HCSN về kinh phí chuyển đổi số',
        text: 'Kính gửi Sở Nội vụ,\nSở Tài chính gửi công văn kèm theo.',
        date: new Date('2026-11-20T02:00:00Z'),
        attachments: [
          {
            filename: 'cong-van-45.pdf',
            content: await makeDecree30Pdf({
              ...SAMPLE_CONG_VAN,
              issuer: 'SỞ TÀI CHÍNH',
              number: 45,
              notation: 'STC-HCSN',
              date: '2026-11-19',
              summary: 'kinh phí thực hiện chuyển đổi số năm 2027',
            }),
            contentType: 'application/pdf',
          },
        ],
      }),
    );
    await c.logout();
  }, 60_000);
  afterAll(async () => {
    await smtp?.stop();
    await dovecot?.stop();
  });

  e2e.test(
    'the admin connects the mailbox; the clerk registers a message from it in one step',
    async ({ page, context }) => {
      await signInAPI(context, 'quantri.snv');
      await page.goto('/quan-tri/thu-dien-tu');
      await page.getByRole('heading', { level: 1, name: 'Hộp thư công vụ' }).waitFor();
      await page.getByText('Cơ quan chưa cấu hình hộp thư công vụ.').waitFor();
      await page.getByLabel('Địa chỉ thư').fill('vanthu@coquan.test');
      await page.getByLabel('Tên hiển thị').fill('Văn thư Sở Nội vụ');
      await page.getByLabel('Tên đăng nhập').fill(dovecot.user);
      await page.getByLabel('Mật khẩu').fill(dovecot.password);
      await page.getByLabel('Máy chủ nhận thư (IMAP)').fill(dovecot.host);
      await page.getByLabel('Cổng IMAP').fill(String(dovecot.port));
      await page.getByLabel('Máy chủ gửi thư (SMTP)').fill('127.0.0.1');
      await page.getByLabel('Cổng SMTP').fill(String(smtp.port));
      for (const field of ['Bảo mật IMAP', 'Bảo mật SMTP']) {
        await page.getByLabel(field).click();
        await page
          .locator('.ant-select-dropdown:visible')
          .getByText('Không mã hóa (chỉ trong mạng nội bộ)')
          .click();
        // Wait for the dropdown to close, so the next one is the only one open.
        await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
      }
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await page.getByText('Đã lưu cấu hình hộp thư.').waitFor();
      await page.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
      await page.getByText(/Đăng nhập được; hộp INBOX có 1 thư/).waitFor({ timeout: 30_000 });
      await page.getByText('Máy chủ gửi thư chấp nhận đăng nhập.').waitFor();
      await page.getByRole('button', { name: 'Đọc thư ngay' }).click();
      await page
        .getByText(/Đã đọc 1 thư mới: 1 chờ vào sổ/)
        .first()
        .waitFor({ timeout: 30_000 });
      await expectAccessible(page, 'mailbox admin');
      await shot(page, '01-admin-mailbox');
      // The password never comes back to the browser.
      const view = await apiGet<{ account: Record<string, unknown> }>(context, '/api/v1/mail/account');
      expect(JSON.stringify(view)).not.toContain(dovecot.password);

      await context.clearCookies();
      await signInAPI(context, 'vanthu.snv');
      // Home tells the clerk that mail is waiting, and leads to it.
      await page.goto('/');
      await page.getByRole('link', { name: /^Thư chờ vào sổ\s*1$/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Thư đến từ hộp thư công vụ' }).waitFor();
      const subject = 'Công văn số 45/STC-HCSN về kinh phí chuyển đổi số';
      await page.getByRole('button', { name: subject }).waitFor();
      await expectAccessible(page, 'mail candidates (clerk)');
      await shot(page, '02-clerk-mail-list');
      await page.getByRole('button', { name: subject }).click();
      const drawer = page.getByRole('dialog', { name: subject });
      await drawer.getByRole('link', { name: 'cong-van-45.pdf' }).waitFor();
      // The attached document is read as a scan would be: the same form, the same proposals.
      await drawer.getByText('Đã điền sẵn từ tệp').waitFor();
      expect(await drawer.getByLabel('Số, ký hiệu').inputValue()).toMatch(/^45\/STC-HCSN$/);
      expect(await drawer.getByLabel('Trích yếu').inputValue()).toContain('chuyển đổi số năm 2027');
      expect(await drawer.getByLabel('Ngày ban hành').inputValue()).toBe('19/11/2026');
      const issuerItem = drawer.locator('.ant-form-item').filter({ hasText: 'Chọn trong danh mục đơn vị' });
      await issuerItem.getByText('Sở Tài chính').waitFor();
      expect(await drawer.innerText()).not.toMatch(
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
      );
      // What the clerk types is kept.
      await drawer.getByLabel('Trích yếu').fill('Về kinh phí thực hiện chuyển đổi số năm 2027');
      await drawer.getByText('Nguyễn Văn Hòa — Giám đốc').waitFor();
      await expectAccessible(page, 'mail candidate drawer');
      await shot(page, '03-clerk-register-from-mail');
      await drawer.getByRole('button', { name: 'Vào sổ', exact: true }).click();
      await drawer.getByTestId('mail-arrival-number').waitFor();
      expect(await drawer.getByTestId('mail-arrival-number').textContent()).toMatch(
        /^Đã vào sổ, số đến \d+$/,
      );
      await shot(page, '04-registered');
      await drawer.getByRole('link', { name: 'Mở văn bản' }).first().click();
      await page.getByRole('heading', { level: 2, name: 'Quá trình xử lý' }).waitFor();
      await page.getByText('45/STC-HCSN').first().waitFor();
      await page.getByText('cong-van-45.pdf').first().waitFor();
    },
  );
  e2e.test(
    'a person chooses how each kind of notice reaches them by mail (phone)',
    async ({ page, context }) => {
      await signInAPI(context, 'vanthu.snv');
      await page.goto('/ca-nhan/thong-bao-thu');
      await page.getByRole('heading', { level: 1, name: 'Thông báo qua thư điện tử' }).waitFor();
      await page.getByText(/Thư được gửi tới .+@/).waitFor();
      await expectAccessible(page, 'mail preferences (phone)');
      const overdue = page.getByRole('radiogroup', { name: 'Quá hạn xử lý' });
      await overdue.getByText('Tổng hợp cuối ngày').click();
      await page.getByRole('radiogroup', { name: 'Thông báo khác' }).getByText('Không nhận').click();
      await page.getByRole('button', { name: 'Lưu', exact: true }).click();
      await page.getByText('Đã lưu cách nhận thông báo.').waitFor();
      await shot(page, '05-preferences-phone');
      const prefs = await apiGet<{ items: { kind: string; mode: string }[] }>(
        context,
        '/api/v1/mail/preferences',
      );
      expect(prefs.items).toContainEqual({ kind: 'overdue', mode: 'digest' });
      expect(prefs.items).toContainEqual({ kind: 'other', mode: 'off' });
      expect(prefs.items).toContainEqual({ kind: 'assigned', mode: 'immediate' });
    },
    { viewport: PHONE },
  );
});
