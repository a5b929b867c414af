import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { describeBrowser, expectAccessible, PHONE, saveScreen, setupE2E, signInAPI } from './harness.ts';

// The public catalogue of procedures on the demo province, without an account: a visitor types
// "dang ky khai sinh" without diacritics, opens the procedure and sees the decree's headings and the
// online submission link. The same without JavaScript on a phone. axe at 1280 and 360 px.

describeBrowser('services public catalogue', () => {
  const e2e = setupE2E();

  e2e.test('a visitor finds a procedure and reads it', async ({ page }) => {
    await page.goto('/cong-khai/thu-tuc');
    await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor();
    await page
      .getByRole('link', { name: 'Thủ tục tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh' })
      .waitFor();
    await expectAccessible(page, 'public catalogue');
    await page.getByLabel('Tên hoặc mã thủ tục').fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByRole('heading', { level: 2, name: 'Kết quả tìm kiếm' }).waitFor();
    expect(await page.locator('ol.results > li').count()).toBe(1);
    await page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký khai sinh' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' }).waitFor();
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    await expectAccessible(page, 'public procedure');
    await saveScreen(page, 'services-catalogue-procedure');
    await page.setViewportSize(PHONE);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'public procedure on a phone');
    await saveScreen(page, 'services-catalogue-procedure-phone');
  });

  e2e.test(
    'the same without JavaScript, on a phone',
    async () => {
      const noJs = await e2e.browser.newContext({
        baseURL: e2e.url,
        javaScriptEnabled: false,
        locale: 'vi-VN',
        viewport: PHONE,
      });
      try {
        const p = await noJs.newPage();
        await p.goto('/cong-khai/thu-tuc');
        await p.getByLabel('Cấp thực hiện').selectOption('district');
        await p.getByRole('button', { name: 'Tìm kiếm' }).click();
        await p.getByRole('heading', { level: 2, name: 'Kết quả tìm kiếm' }).waitFor();
        expect(p.url()).toContain('cap=district');
        await p.getByRole('link', { name: 'Đăng ký thành lập hộ kinh doanh' }).click();
        await p.getByRole('heading', { level: 1, name: 'Đăng ký thành lập hộ kinh doanh' }).waitFor();
        const cell = p
          .locator('#thanh-phan')
          .getByRole('cell', { name: 'Giấy đề nghị đăng ký hộ kinh doanh' });
        expect(await cell.getAttribute('data-label')).toBe('Tên giấy tờ');
        const bad = await p.goto('/cong-khai/thu-tuc?muc-do=x');
        expect(bad?.status()).toBe(400);
        await p.getByText('Mức độ dịch vụ công không hợp lệ.').waitFor();
      } finally {
        await noJs.close();
      }
    },
    { viewport: PHONE },
  );

  e2e.test(
    'an administrator imports a procedure from a workbook, then retires it',
    async ({ page, context }) => {
      const book = new ExcelJS.Workbook();
      book.addWorksheet('Thủ tục').addRows([
        [
          'Mã thủ tục',
          'Tên thủ tục',
          'Lĩnh vực',
          'Cấp thực hiện',
          'Mức độ trực tuyến',
          'Mã cơ quan thực hiện',
          'Thời hạn giải quyết (ngày làm việc)',
          'Kết quả thực hiện',
        ],
        [
          '1.009999.000.00.00.H62',
          'Thủ tục cấp phép thử nghiệm nhập từ tệp',
          'Nội vụ',
          'Cấp tỉnh',
          'Một phần',
          '000.00.02.H62',
          10,
          'Giấy phép',
        ],
      ]);
      book.addWorksheet('Trình tự').addRows([
        ['Mã thủ tục', 'Tên bước', 'Loại bước', 'Số ngày làm việc'],
        ['1.009999.000.00.00.H62', 'Tiếp nhận', 'Tiếp nhận', 0.5],
        ['1.009999.000.00.00.H62', 'Thẩm định', 'Xử lý', 9],
      ]);
      const file = Buffer.from(await book.xlsx.writeBuffer());
      await signInAPI(context, 'quantri');
      await page.goto('/thu-tuc-hanh-chinh');
      await page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục hành chính' }).waitFor();
      await page.getByRole('link', { name: '1.000775.000.00.00.H62' }).waitFor();
      await expectAccessible(page, 'catalogue administration');
      await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('input[type=file]').setInputFiles({
        name: 'danh-muc.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: file,
      });
      await dialog
        .getByText('Tệp hợp lệ: 1 thủ tục mới, 0 thủ tục thay đổi, 0 thủ tục giữ nguyên.')
        .waitFor();
      await expectAccessible(page, 'catalogue import check');
      await dialog.getByRole('button', { name: 'Nhập 1 thủ tục' }).click();
      await page.getByRole('link', { name: '1.009999.000.00.00.H62' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Thủ tục cấp phép thử nghiệm nhập từ tệp' })
        .waitFor();
      await page.getByText('Nhập từ tệp danh-muc.xlsx').waitFor();
      await page.getByRole('button', { name: 'Ngừng áp dụng' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Ngừng áp dụng' }).click();
      await page.getByText('Đã ngừng áp dụng', { exact: true }).waitFor();
      const gone = await page.request.get('/cong-khai/thu-tuc/1.009999.000.00.00.H62');
      expect(gone.status()).toBe(404);
      await page.setViewportSize(PHONE);
      await expectAccessible(page, 'catalogue procedure on a phone');
    },
  );
});
