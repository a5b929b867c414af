import { expect } from 'vitest';
import { describeBrowser, expectAccessible, PHONE, saveScreen, setupE2E, signInAPI } from './harness.ts';

// The one-stop desk of Sở Nội vụ on the demo province: the clerk accepts the waiting online dossier
// and hands its check to an officer; the officer finds it in their steps and finishes it. axe at 1280
// and 360 px on the desk, the dossier and the officer's list.

describeBrowser('services desk', () => {
  const e2e = setupE2E();

  e2e.test(
    'the desk accepts a dossier and hands it over; the officer finishes the step',
    async ({ page, context }) => {
      await signInAPI(context, 'vanthu.snv');
      await page.goto('/mot-cua');
      await page.getByRole('heading', { level: 1, name: 'Bộ phận một cửa' }).waitFor();
      await page
        .getByRole('link', { name: /000\.00\.\d\d\.H62-/ })
        .first()
        .waitFor();
      await expectAccessible(page, 'services desk');
      await saveScreen(page, 'services-desk');

      await page.getByText('Chờ tiếp nhận', { exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('xem') === 'waiting');
      const rows = page.getByRole('row').filter({ hasText: 'Trường THPT Nguyễn Trãi' });
      await rows.first().waitFor();
      await page.getByRole('row').filter({ hasText: 'Sở Tài chính' }).waitFor({ state: 'detached' });
      await rows.first().getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: /^Hồ sơ 000\./ }).waitFor();
      await page.getByText('Mới đăng ký').first().waitFor();
      await expectAccessible(page, 'services desk dossier');

      await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      await page.getByText('Được tiếp nhận').first().waitFor();
      await page.getByRole('button', { name: 'Chuyển xử lý' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Chuyển xử lý: Thẩm định hồ sơ khen thưởng').waitFor();
      // Handing over without choosing anyone says what is missing, and sends nothing.
      await dialog.getByRole('button', { name: 'Chuyển', exact: true }).click();
      await dialog.getByText('Vui lòng chọn người xử lý.').waitFor();
      await dialog.getByLabel('Người xử lý').click();
      await page.locator('.ant-select-item-option', { hasText: 'Chuyên viên' }).first().click();
      await dialog.getByRole('button', { name: 'Chuyển', exact: true }).click();
      await page.getByText('Đang xử lý').first().waitFor();
      const code = (await page.getByRole('heading', { level: 1 }).textContent())?.replace('Hồ sơ ', '') ?? '';

      // On a phone: the dossier fits the screen.
      await page.setViewportSize(PHONE);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await expectAccessible(page, 'services desk dossier on a phone');
      await saveScreen(page, 'services-desk-dossier-phone');

      await signInAPI(context, 'chuyenvien.snv');
      await page.goto('/ho-so-tthc');
      await page.getByRole('heading', { level: 1, name: 'Hồ sơ TTHC cần xử lý' }).waitFor();
      await page.getByRole('listitem').filter({ hasText: code }).first().waitFor();
      await expectAccessible(page, 'services work on a phone');
      await page.getByRole('listitem').filter({ hasText: code }).first().getByRole('link').click();
      await page.getByRole('button', { name: 'Hoàn thành bước' }).click();
      await page
        .getByRole('dialog')
        .getByLabel('Kết quả xử lý của bước')
        .fill('Hồ sơ đủ điều kiện khen thưởng.');
      await page.getByRole('dialog').getByRole('button', { name: 'Hoàn thành', exact: true }).click();
      await page.getByText('Hồ sơ đủ điều kiện khen thưởng.').first().waitFor();
      // Done: the button goes; the officer may hand the next step on (the approval) to a leader.
      await page.getByRole('button', { name: 'Hoàn thành bước', exact: true }).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Chuyển xử lý' }).waitFor();
    },
  );

  e2e.test(
    'the desk enters a walk-in dossier at the counter and prints its receipt',
    async ({ page, context }) => {
      await signInAPI(context, 'vanthu.snv');
      await page.goto('/mot-cua');
      await page.getByRole('button', { name: 'Nhận hồ sơ tại quầy' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nhận hồ sơ tại quầy' }).waitFor();
      await page.getByLabel('Thủ tục').click();
      await page
        .locator('.ant-select-item-option', {
          hasText: 'Thủ tục thẩm định thành lập đơn vị sự nghiệp công lập',
        })
        .click();
      await page.getByLabel('Họ và tên (hoặc tên tổ chức)').fill('Sở Y tế');
      await page.getByLabel('Số người làm việc dự kiến').fill('120');
      // A required value left out is caught by the same rules as the server's, before anything is sent.
      await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
      await page.getByText('Vui lòng nhập "Tên đơn vị dự kiến thành lập".').waitFor();
      await page.getByLabel('Tên đơn vị dự kiến thành lập').fill('Trung tâm Kiểm soát bệnh tật tỉnh');
      await expectAccessible(page, 'services counter');
      await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
      await page.getByText(/^Đã nhận hồ sơ 000\.00\.\d\d\.H62-/).waitFor();
      expect(await page.getByRole('link', { name: 'Giấy tiếp nhận (Mẫu 01)' }).getAttribute('href')).toMatch(
        /receipt\.pdf$/,
      );
      await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
      await page.getByText('Được tiếp nhận').first().waitFor();
    },
  );
});
