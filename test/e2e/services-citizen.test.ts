import type { BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { WorkingCalendar } from '../../src/shared/calendar/index.ts';
import { vnDate } from '../../src/shared/calendar/vn-time.ts';
import { apiAs, describeBrowser, expectAccessible, PHONE, saveScreen, setupE2E } from './harness.ts';

// The journey of issue 18 on the demo province: a citizen applies on a phone for the UBND's
// commendation (Sở Nội vụ), is asked for a missing paper, uploads it; the desk accepts, the division
// handles it late, the apology goes out, the result is returned online, the citizen downloads it and
// rates it; the agency's on-time figure counts one more finished dossier and no more on time. Then the
// citizen signs in by e-mail code and finds the dossier in "Hồ sơ của tôi". axe at 360 and 1280 px.

const CODE = '1.000775.000.00.00.H62';
const EMAIL = 'nguyen.thi.hoa@example.test';
const pdf = (tag: string) => ({
  name: `${tag}.pdf`,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`),
});

describeBrowser('services citizen journey', () => {
  const e2e = setupE2E();
  const q = <T>(text: string, params: unknown[] = []) => e2e.server.server.database.query<T>(text, params);

  async function onTime(staff: Awaited<ReturnType<typeof apiAs>>) {
    const vn = new Date(Date.now() + 7 * 3_600_000);
    const body = await staff.get<{ items: { key: string; numerator: number; denominator: number | null }[] }>(
      `/api/v1/services/figures?period=month&year=${vn.getUTCFullYear()}&month=${vn.getUTCMonth() + 1}`,
    );
    return body.items.find((i) => i.key === 'onTime');
  }

  async function uploadAs(context: BrowserContext, tag: string) {
    const r = await context.request.post('/api/v1/applicants/papers', { multipart: { file: pdf(tag) } });
    expect(r.ok()).toBe(true);
    return (await r.json()) as { sha256: string };
  }

  e2e.test(
    'a citizen applies on a phone, supplies a paper, gets the result online and rates it',
    async ({ page }) => {
      // The province's official mailbox, so the applicant's notices and sign-in codes are queued.
      await q(
        `INSERT INTO mail_accounts (id, agency_id, address, display_name, username, secret_enc, imap_host, imap_port,
           imap_security, smtp_host, smtp_port, smtp_security, poll_enabled)
         SELECT gen_random_uuid(), id, 'motcua@tinh.test', 'Một cửa', 'motcua', 'x', '127.0.0.1', 9, 'none', '127.0.0.1', 9, 'none', false
         FROM agencies WHERE parent_id IS NULL ON CONFLICT DO NOTHING`,
      );
      const count = async () =>
        (await q<{ n: number }>('SELECT count(*)::int AS n FROM service_dossiers'))[0]?.n ?? 0;
      const before = await count();

      await page.goto(`/dich-vu-cong/nop/${CODE}`);
      await page
        .getByRole('heading', { level: 1, name: 'Thủ tục tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh' })
        .waitFor();
      await expectAccessible(page, 'citizen submit (1280 px)');
      await page.setViewportSize(PHONE);
      // Sending an empty form says what is missing, by each field, and sends nothing.
      await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
      await page.getByText(/Còn \d+ chỗ cần sửa trước khi nộp/).waitFor();
      await page.getByText('Vui lòng nhập "Tên cá nhân, tập thể được đề nghị".').waitFor();
      await page.getByText('Vui lòng đính kèm "Tờ trình đề nghị khen thưởng".').waitFor();
      expect(await count()).toBe(before);

      await page.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Nguyễn Thị Hoa');
      await page.getByLabel('Thư điện tử').fill(EMAIL);
      await page.getByLabel('Đối tượng đề nghị khen thưởng').click();
      await page.locator('.ant-select-item-option', { hasText: 'Tập thể' }).click();
      await page.getByLabel('Tên cá nhân, tập thể được đề nghị').fill('Tổ dân phố 3, phường Phước Hậu');
      await page
        .getByLabel('Thành tích tiêu biểu')
        .fill('Dẫn đầu phong trào xây dựng khu dân cư văn minh năm 2026.');
      const inputs = page.locator('input[type=file]');
      await inputs.nth(0).setInputFiles(pdf('to-trinh'));
      await page.getByText('to-trinh.pdf').waitFor();
      await page.locator('input[type=file]').nth(0).setInputFiles(pdf('bao-cao-sai'));
      await page.getByText('bao-cao-sai.pdf').waitFor();
      await expectAccessible(page, 'citizen submit (360 px)');
      await saveScreen(page, 'services-citizen-submit-phone');
      // A double tap sends the same key twice: one dossier.
      await page.getByRole('button', { name: 'Nộp hồ sơ' }).dblclick();
      await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' }).waitFor();
      const code = (await page.getByTestId('dossier-code').textContent()) ?? '';
      expect(code).toMatch(/^000\.00\.\d\d\.H62-\d{6}-\d{4}$/);
      expect(await page.getByTestId('dossier-secret').textContent()).toMatch(/^[A-Z2-9]{10}$/);
      expect(await count()).toBe(before + 1);
      await expectAccessible(page, 'citizen submitted');
      const receipt = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Tải giấy tiếp nhận (PDF)' }).click();
      expect((await receipt).suggestedFilename()).toBe(`GiayTiepNhan-${code}.pdf`);

      // The desk asks for the commendation report again (the one sent was the wrong file).
      const deskContext = await e2e.browser.newContext({ baseURL: e2e.url });
      try {
        const clerk = await apiAs(deskContext, 'vanthu.snv');
        const list = await clerk.get<{ items: { id: string; code: string }[] }>(
          `/api/v1/services/desk/dossiers?q=${code}`,
        );
        const id = list.items.find((d) => d.code === code)?.id ?? '';
        await clerk.post(`/api/v1/services/desk/dossiers/${id}/supplement`, {
          reason: 'Báo cáo thành tích đính kèm không đúng tệp.',
          items: [
            {
              paperKey: 'bao-cao',
              name: 'Báo cáo thành tích của cá nhân, tập thể được đề nghị khen thưởng',
              originals: 1,
              copies: 0,
            },
          ],
        });

        await page.getByRole('link', { name: 'Theo dõi hồ sơ' }).click();
        await page.getByText('Cơ quan yêu cầu bổ sung giấy tờ').waitFor();
        await page.getByText('Báo cáo thành tích đính kèm không đúng tệp.', { exact: true }).waitFor();
        await expectAccessible(page, 'citizen supplement');
        await page.locator('input[type=file]').first().setInputFiles(pdf('bao-cao'));
        await page.getByText('bao-cao.pdf').waitFor();
        await page.getByRole('button', { name: 'Gửi giấy tờ bổ sung' }).click();
        await page.getByText('Mới đăng ký', { exact: true }).first().waitFor();

        // The desk accepts; the division checks it; the legal deadline passes meanwhile.
        await clerk.post(`/api/v1/services/desk/dossiers/${id}/accept`, {});
        const before766 = await onTime(clerk);
        const view = await clerk.get<{ dueAt: string; steps: { id: string; kind: string }[] }>(
          `/api/v1/services/desk/dossiers/${id}`,
        );
        const officerCtx = await e2e.browser.newContext({ baseURL: e2e.url });
        const leaderCtx = await e2e.browser.newContext({ baseURL: e2e.url });
        try {
          const officer = await apiAs(officerCtx, 'chuyenvien.snv');
          const leader = await apiAs(leaderCtx, 'lanhdao.snv');
          const officerId = (await officer.get<{ id: string }>('/api/v1/me')).id;
          const leaderId = (await leader.get<{ id: string }>('/api/v1/me')).id;
          const handle = view.steps.find((s) => s.kind === 'handle')?.id;
          const approve = view.steps.find((s) => s.kind === 'approve')?.id;
          await clerk.post(`/api/v1/services/desk/dossiers/${id}/steps/${handle}/hand`, {
            assigneeId: officerId,
          });
          // Before the promised day passes, the desk apologises and sets a new date (Mẫu 04).
          const newDue = new WorkingCalendar().addWorkingDays(vnDate(new Date(view.dueAt)), 3);
          await clerk.post(`/api/v1/services/desk/dossiers/${id}/apology`, {
            reason: 'Cần lấy ý kiến Hội đồng Thi đua - Khen thưởng tỉnh',
            newDueDate: newDue,
          });
          // The check took longer than the law allows: the legal deadline is behind us.
          await q(`UPDATE service_dossiers SET original_due_at = now() - interval '1 day' WHERE id = $1`, [
            id,
          ]);
          await officer.post(`/api/v1/services/desk/dossiers/${id}/steps/${handle}/done`, {
            result: 'Đủ điều kiện khen thưởng.',
          });
          await officer.post(`/api/v1/services/desk/dossiers/${id}/steps/${approve}/hand`, {
            assigneeId: leaderId,
          });
          await leader.post(`/api/v1/services/desk/dossiers/${id}/steps/${approve}/done`, {
            result: 'Đồng ý.',
          });
          const result = await uploadAs(deskContext, 'quyet-dinh-khen-thuong');
          await clerk.post(`/api/v1/services/desk/dossiers/${id}/result`, {
            file: { sha256: result.sha256, fileName: 'QuyetDinhKhenThuong.pdf' },
          });
          await clerk.post(`/api/v1/services/desk/dossiers/${id}/return`, { method: 'online' });
          const after766 = await onTime(clerk);
          expect(after766?.denominator).toBe((before766?.denominator ?? 0) + 1);
          expect(after766?.numerator).toBe(before766?.numerator);
        } finally {
          await officerCtx.close();
          await leaderCtx.close();
        }
        const mails = await q<{ subject: string }>('SELECT subject FROM mail_outbox WHERE to_address = $1', [
          EMAIL,
        ]);
        expect(mails.map((m) => m.subject)).toContain(
          `Hồ sơ ${code}: Văn bản xin lỗi và hẹn lại ngày trả kết quả`,
        );
      } finally {
        await deskContext.close();
      }

      // The citizen sees the apology and the result, downloads it and rates the service.
      await page.reload();
      await page.getByText('Đã trả kết quả', { exact: true }).first().waitFor();
      await page
        .getByText(/Cơ quan xin lỗi vì chưa trả kết quả đúng hẹn/)
        .first()
        .waitFor();
      const result = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Tải kết quả' }).click();
      expect((await result).suggestedFilename()).toBe(`KetQua-${code}.pdf`);
      await page.locator('.ant-rate-star').nth(3).click();
      await page.getByLabel('Ý kiến (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình.');
      await expectAccessible(page, 'citizen rating');
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await page.getByText('Bạn đã đánh giá 4/5. Cảm ơn Ông/Bà.').waitFor();
      await saveScreen(page, 'services-citizen-dossier-phone');

      // Signing in by e-mail code: the dossier sent as a guest is in "Hồ sơ của tôi".
      await page.goto('/dich-vu-cong/dang-nhap');
      await page.getByLabel('Thư điện tử').fill(EMAIL);
      await page.getByRole('button', { name: 'Gửi mã đăng nhập' }).click();
      await page.getByText(`Mã đăng nhập đã được gửi tới ${EMAIL}`, { exact: false }).waitFor();
      const [mail] = await q<{ subject: string }>(
        `SELECT subject FROM mail_outbox WHERE to_address = $1 AND subject LIKE 'Mã đăng nhập%' ORDER BY created_at DESC LIMIT 1`,
        [EMAIL],
      );
      await page.getByLabel('Mã đăng nhập').fill(mail?.subject.slice(-6) ?? '');
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
      await page.getByRole('listitem').filter({ hasText: code }).waitFor();
      // The pointer still rests where the sign-in button was, over a link (its hover colour is lighter).
      await page.mouse.move(0, 0);
      await expectAccessible(page, 'citizen my dossiers');
    },
    { timeout: 180_000 },
  );
});
