import { expect } from 'vitest';
import {
  apiAs,
  describeBrowser,
  expectAccessible,
  PHONE,
  saveScreen,
  setupE2E,
  signInAPI,
} from './harness.ts';

// Citizens' feedback, complaints and denunciations on the demo province (issue 19):
//  - a citizen sends feedback on a phone, without an account, and tracks it; the clerk of Sở Nội vụ
//    classifies, accepts, answers and publishes it; the citizen reads the answer and rates it;
//  - a complaint entered at the reception desk is accepted, extended once and settled;
//  - the demo denunciation is handled by its settler while a verifier, a clerk and an administrator
//    each fail to see the denouncer.
// axe at 1280 and 360 px on every screen.

const DENOUNCER = 'Phạm Văn Cường';

describeBrowser('feedback', () => {
  const e2e = setupE2E({ env: { FEEDBACK_MIN_FILL_MS: '300' } });

  e2e.test(
    'a citizen sends feedback on a phone and tracks it; the clerk answers and publishes it',
    async ({ page, context }) => {
      await page.setViewportSize(PHONE);
      await page.goto('/cong-khai/phan-anh');
      await page
        .getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị, khiếu nại, tố cáo' })
        .waitFor();
      await expectAccessible(page, 'public feedback form');
      // Sent empty: every problem is named next to its field, nothing is stored.
      await page.getByRole('button', { name: 'Gửi', exact: true }).click();
      await page.getByText('Chưa gửi được.').waitFor();
      await page.getByText('Vui lòng nhập họ và tên người gửi.').waitFor();
      await page.getByLabel('Loại đơn thư').selectOption('regulation');
      await page.getByLabel('Cơ quan nhận').selectOption({ label: 'Sở Nội vụ' });
      await page.getByLabel('Tóm tắt nội dung').fill('Đề nghị bỏ yêu cầu nộp sơ yếu lý lịch có xác nhận');
      await page
        .getByLabel('Nội dung', { exact: true })
        .fill(
          'Thủ tục tuyển dụng viên chức vẫn yêu cầu sơ yếu lý lịch có xác nhận của xã, gây phiền hà cho người dân.',
        );
      await page.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Võ Thị Lan');
      await page.getByLabel('Thư điện tử (để nhận thông báo)').fill('lan@example.test');
      await page.getByLabel(/Tôi đồng ý công khai/).check();
      await page.waitForTimeout(400);
      await page.getByRole('button', { name: 'Gửi', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Đã gửi đơn thư' }).waitFor();
      const code = ((await page.getByRole('heading', { level: 2 }).textContent()) ?? '')
        .replace('Mã đơn thư: ', '')
        .trim();
      const secret = ((await page.locator('strong').first().textContent()) ?? '').trim();
      expect(code).toMatch(/-PA-\d{6}-\d{4}$/);
      expect(secret).toMatch(/^[A-Z0-9]{10}$/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await expectAccessible(page, 'public feedback receipt');
      await saveScreen(page, 'feedback-receipt-phone');

      const track = async () => {
        await page.goto('/cong-khai/phan-anh/tra-cuu');
        await page.getByLabel('Mã đơn thư').fill(code);
        await page.getByLabel('Mã bí mật').fill(secret);
        await page.getByRole('button', { name: 'Tra cứu' }).click();
        await page.getByRole('heading', { level: 2, name: `Đơn thư ${code}` }).waitFor();
      };
      await track();
      await page.getByText('Đã tiếp nhận, đang phân loại').waitFor();
      await expectAccessible(page, 'public feedback tracking');

      // The clerk of Sở Nội vụ finds it first among what waits, and answers it.
      const clerk = await context.browser()!.newContext({ baseURL: e2e.url, locale: 'vi-VN' });
      try {
        const desk = await clerk.newPage();
        await signInAPI(clerk, 'vanthu.snv');
        await desk.goto('/phan-anh');
        await desk.getByRole('heading', { level: 1, name: 'Tiếp nhận, xử lý đơn thư' }).waitFor();
        await desk.getByRole('link', { name: code }).waitFor();
        await expectAccessible(desk, 'feedback register');
        await saveScreen(desk, 'feedback-register');
        await desk.getByRole('link', { name: code }).click();
        await desk.getByRole('heading', { level: 1, name: `Đơn thư ${code}` }).waitFor();
        await expectAccessible(desk, 'feedback item');
        await desk.getByRole('button', { name: 'Phân loại', exact: true }).click();
        await desk.getByRole('dialog').getByRole('button', { name: 'Phân loại' }).click();
        await desk
          .getByText('Phân loại: Phản ánh, kiến nghị về quy định hành chính.', { exact: true })
          .waitFor();
        await desk.getByRole('button', { name: 'Thụ lý', exact: true }).click();
        await desk.getByRole('dialog').getByRole('button', { name: 'Thụ lý' }).click();
        await desk
          .getByText(/Đơn thư đã được thụ lý giải quyết/)
          .first()
          .waitFor();
        await desk.getByRole('button', { name: 'Ghi kết quả, trả lời' }).click();
        const settle = desk.getByRole('dialog');
        await settle.getByRole('button', { name: 'Ghi kết quả, trả lời' }).click();
        await settle.getByText('Vui lòng nhập thông tin này.').waitFor();
        await settle
          .getByLabel('Kết quả giải quyết, nội dung trả lời người gửi')
          .fill('Sở Nội vụ đã bỏ yêu cầu xác nhận sơ yếu lý lịch từ ngày 01/01/2027.');
        await settle.getByRole('button', { name: 'Ghi kết quả, trả lời' }).click();
        await desk.getByRole('button', { name: 'Công khai trả lời' }).click();
        await desk.getByRole('dialog').getByRole('button', { name: 'Công khai trả lời' }).click();
        await desk.getByText(/Đã công khai ngày/).waitFor();
      } finally {
        await clerk.close();
      }

      // Back on the phone: the answer, a rating, and the public board without the sender's name.
      await track();
      await page
        .getByText('Sở Nội vụ đã bỏ yêu cầu xác nhận sơ yếu lý lịch từ ngày 01/01/2027.')
        .first()
        .waitFor();
      await page.getByLabel('Mã bí mật').nth(1).fill(secret);
      await page.getByLabel(/5 — Rất hài lòng/).check();
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await page.getByText('Cảm ơn Ông/Bà đã đánh giá.').waitFor();
      await page.goto('/cong-khai/phan-anh/tra-loi?q=so%20yeu%20ly%20lich');
      await page
        .getByRole('link', { name: /sơ yếu lý lịch/ })
        .first()
        .waitFor();
      expect(await page.content()).not.toContain('Võ Thị Lan');
      await expectAccessible(page, 'public feedback board');
    },
  );

  e2e.test('the public form, tracking and board work without JavaScript on a phone', async () => {
    const noJs = await e2e.browser.newContext({
      baseURL: e2e.url,
      javaScriptEnabled: false,
      locale: 'vi-VN',
      viewport: PHONE,
    });
    try {
      const p = await noJs.newPage();
      await p.goto('/cong-khai/phan-anh');
      await p.getByLabel('Loại đơn thư').selectOption('proposal');
      await p.getByLabel('Cơ quan nhận').selectOption({ label: 'Sở Nội vụ' });
      await p.getByLabel('Tóm tắt nội dung').fill('Đề nghị mở thêm quầy một cửa buổi chiều thứ Bảy');
      await p
        .getByLabel('Nội dung', { exact: true })
        .fill('Người lao động khó đến nộp hồ sơ trong giờ hành chính.');
      await p.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Huỳnh Văn Tâm');
      await p.getByLabel(/Tài liệu kèm theo/).setInputFiles({
        name: 'de-nghi.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
      });
      await p.waitForTimeout(400);
      await p.getByRole('button', { name: 'Gửi', exact: true }).click();
      await p.getByRole('heading', { level: 1, name: 'Đã gửi đơn thư' }).waitFor();
      const code = ((await p.getByRole('heading', { level: 2 }).textContent()) ?? '')
        .replace('Mã đơn thư: ', '')
        .trim();
      const secret = ((await p.locator('strong').first().textContent()) ?? '').trim();
      await p.goto('/cong-khai/phan-anh/tra-cuu');
      await p.getByLabel('Mã đơn thư').fill(code);
      await p.getByLabel('Mã bí mật').fill('SAIMABIMAT');
      await p.getByRole('button', { name: 'Tra cứu' }).click();
      await p.getByText('Không tìm thấy đơn thư với mã và mã bí mật này.').waitFor();
      await p.getByLabel('Mã bí mật').fill(secret);
      await p.getByRole('button', { name: 'Tra cứu' }).click();
      await p.getByText('Đã tiếp nhận, đang phân loại').waitFor();
      expect(await p.content()).not.toContain('Huỳnh Văn Tâm');
      const board = await p.goto('/cong-khai/phan-anh/tra-loi?sau=khong-hop-le');
      expect(board?.status()).toBe(400);
    } finally {
      await noJs.close();
    }
  });

  e2e.test(
    'a complaint entered at the desk is accepted, extended once and settled',
    async ({ page, context }) => {
      await signInAPI(context, 'vanthu.snv');
      await page.goto('/phan-anh/vao-so');
      await page
        .getByRole('heading', { level: 1, name: 'Vào sổ đơn thư nhận trực tiếp hoặc qua bưu chính' })
        .waitFor();
      await expectAccessible(page, 'feedback intake');
      await page.getByLabel('Loại đơn theo người gửi').click();
      await page.locator('.ant-select-item-option', { hasText: 'Khiếu nại' }).first().click();
      await page.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Đặng Văn Hùng');
      await page.getByLabel('Địa chỉ').fill('Xã Phước Hậu, huyện Long Hồ');
      await page
        .getByLabel('Tóm tắt nội dung')
        .fill('Khiếu nại quyết định không công nhận kết quả xét tuyển');
      await page
        .getByLabel('Nội dung đơn')
        .fill('Tôi khiếu nại Quyết định số 15/QĐ-SNV về kết quả xét tuyển viên chức.');
      await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();
      await page.getByText(/Mã bí mật để người gửi tra cứu/).waitFor();
      await expectAccessible(page, 'feedback intake done');
      await page.getByRole('button', { name: 'Mở đơn thư' }).click();
      await page.getByRole('heading', { level: 1, name: /^Đơn thư / }).waitFor();
      await page.getByRole('button', { name: 'Phân loại', exact: true }).click();
      const classify = page.getByRole('dialog');
      await classify.getByRole('button', { name: 'Phân loại' }).click();
      await page.getByText('Phân loại: Khiếu nại.', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Thụ lý', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Thụ lý' }).click();
      await page
        .getByText(/Thời hạn giải quyết: 30 ngày/)
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Gia hạn', exact: true }).click();
      await page
        .getByRole('dialog')
        .getByLabel('Lý do gia hạn (vụ việc phức tạp…)')
        .fill('Vụ việc phức tạp, cần xác minh tại trường.');
      await page.getByRole('dialog').getByRole('button', { name: 'Gia hạn' }).click();
      await page.getByText(/Đã gia hạn 1\/1 lần/).waitFor();
      // Once is all the law allows: the button is gone.
      await page.getByRole('button', { name: 'Gia hạn', exact: true }).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Ghi kết quả, trả lời' }).click();
      await page
        .getByRole('dialog')
        .getByLabel('Kết quả giải quyết, nội dung trả lời người gửi')
        .fill('Giữ nguyên Quyết định số 15/QĐ-SNV; khiếu nại không có cơ sở.');
      await page.getByRole('dialog').getByRole('button', { name: 'Ghi kết quả, trả lời' }).click();
      await page.getByText('Đã giải quyết', { exact: true }).first().waitFor();
      await expectAccessible(page, 'feedback complaint settled');
      await saveScreen(page, 'feedback-complaint');
    },
  );

  e2e.test(
    'a denunciation is handled by its settler; a verifier, a clerk and an administrator cannot see the denouncer',
    async ({ page, context }) => {
      // The head of the agency names a verifier beside the demo's settler.
      const leader = await apiAs(context, 'lanhdao.snv');
      const list = await leader.get<{ items: { id: string; kind: string }[] }>(
        '/api/v1/feedback/register?kind=denunciation',
      );
      const id = list.items[0]!.id;
      await page.goto(`/phan-anh/${id}`);
      await page.getByRole('button', { name: 'Giao người giải quyết' }).click();
      const assign = page.getByRole('dialog');
      await assign.getByLabel('Người xác minh (chỉ xem bản đã che thông tin người tố cáo)').click();
      await page.locator('.ant-select-item-option', { hasText: 'Trưởng phòng' }).first().click();
      await page.keyboard.press('Escape');
      await assign.getByRole('button', { name: 'Giao người giải quyết' }).click();
      await page.getByText('Người xác minh', { exact: false }).first().waitFor();
      await page.getByText(/Thông tin người tố cáo được giữ bí mật/).waitFor();
      expect(await page.content()).not.toContain(DENOUNCER);

      for (const username of ['truongphong.snv', 'vanthu.snv']) {
        await signInAPI(context, username);
        await page.goto(`/phan-anh/${id}`);
        await page.getByRole('heading', { level: 1, name: /^Đơn thư / }).waitFor();
        await page.getByText(/Thông tin người tố cáo được giữ bí mật/).waitFor();
        expect(await page.getByRole('button', { name: 'Xem thông tin người gửi' }).count()).toBe(0);
        expect(await page.content()).not.toContain(DENOUNCER);
        const r = await context.request.get(`/api/v1/feedback/items/${id}/identity`);
        expect(r.status(), username).toBe(403);
        expect(await r.text()).not.toContain(DENOUNCER);
        if (username === 'truongphong.snv') await expectAccessible(page, 'feedback denunciation sealed');
      }
      await signInAPI(context, 'quantri.snv');
      await page.goto(`/phan-anh/${id}`);
      await page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();
      expect((await context.request.get(`/api/v1/feedback/items/${id}/identity`)).status()).toBe(403);
      expect((await context.request.get('/api/v1/feedback/register')).status()).toBe(403);

      // The settler opens the identity (audited), accepts and records the result.
      await signInAPI(context, 'chuyenvien.snv');
      await page.goto(`/phan-anh/${id}`);
      await page.getByRole('button', { name: 'Xem thông tin người gửi' }).click();
      await page.getByText(DENOUNCER).first().waitFor();
      await page.getByRole('button', { name: 'Thụ lý', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Thụ lý' }).click();
      await page
        .getByText(/Thời hạn giải quyết: 30 ngày/)
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Ghi kết quả, trả lời' }).click();
      await page
        .getByRole('dialog')
        .getByLabel('Kết quả giải quyết, nội dung trả lời người gửi')
        .fill('Tố cáo đúng một phần; đã kỷ luật khiển trách cán bộ vi phạm.');
      await page.getByRole('dialog').getByRole('button', { name: 'Ghi kết quả, trả lời' }).click();
      await page.getByText('Đã giải quyết', { exact: true }).first().waitFor();
      await expectAccessible(page, 'feedback denunciation settled');
    },
  );
});
