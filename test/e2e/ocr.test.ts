import { expect } from 'vitest';
import {
  makeDecree30Pdf,
  makePagePng,
  makeScannedPdf,
  SAMPLE_CONG_VAN,
} from '../../src/server/modules/documents/extract/testing/make-docs.ts';
import { pdfToPngs, pngsToPdf } from '../../src/server/modules/ocr/testing/make-scan.ts';
import { jobRunner } from '../../src/server/runtime.ts';
import {
  describeBrowser,
  expectAccessible,
  newTestPage,
  PHONE,
  saveScreen,
  setupE2E,
  signInAPI,
  type TestPage,
} from './harness.ts';

// A scanned paper document in a real browser: the clerk of Sở Nội vụ uploads a scan (a Decree 30
// công văn printed, rasterised at 200 dpi and put back into an image-only PDF, plus a second page)
// on the registration screen; the OCR starts by itself, the page shows its progress, and when it
// ends the fields are proposed from the recognised text. Registered, the document is found by a
// search without diacritics of a phrase in its body. At 360 px: another scan, cancelled from the
// screen. Each screen is checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

describeBrowser('OCR: a scanned incoming document is prefilled and found', () => {
  const e2e = setupE2E();
  const opened: TestPage[] = [];

  e2e.test(
    'the clerk uploads a scan, sees the progress, gets the fields, and finds it by its body',
    async ({ page, context }) => {
      const suffix = String((Date.now() % 90) + 10);
      const body =
        'Đề nghị các đơn vị rà soát hồ sơ lưu trữ giấy của năm 2023 và báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng 12.';
      const paper = await makeDecree30Pdf({
        ...SAMPLE_CONG_VAN,
        number: Number(suffix),
        date: '2026-11-20',
        body,
      });
      const scan = await pngsToPdf([...(await pdfToPngs(paper)), makePagePng(1654, 2339)]);
      await signInAPI(context, 'vanthu.snv');
      await page.goto('/van-ban/den/vao-so');
      await page.getByRole('heading', { level: 1, name: 'Vào sổ văn bản đến' }).waitFor();
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'cong-van-quet.pdf', mimeType: 'application/pdf', buffer: scan });
      // Jobs do not run by themselves here: the run waits, the page says it is getting ready.
      const progress = page.getByTestId('ocr-progress');
      await progress.waitFor({ timeout: 30_000 });
      await page.getByText(/(đang chuẩn bị nhận dạng chữ|Đang nhận dạng chữ \(OCR\): trang)/).waitFor();
      // The clerk types meanwhile: what they typed is kept.
      await page.locator('#signerName').fill('Trần Thị Bích Ngọc (đã nhập tay)');
      await expectAccessible(page, 'register form, OCR waiting');
      // The OCR job runs now; the page shows the pages as they are done, then the fields.
      const jobs = jobRunner(e2e.server.server.app.services).drain();
      await page.getByText(/^Đang nhận dạng chữ \(OCR\): trang [12]\/2$/).waitFor({ timeout: 60_000 });
      expect(await progress.getByRole('progressbar').count()).toBe(1);
      await saveScreen(page, 'ocr-progress');
      await jobs;
      await page.getByTestId('ocr-done').waitFor({ timeout: 30_000 });
      expect(await page.locator('#numberNotation').inputValue()).toBe(`${suffix}/STTTT-CNTT`);
      expect(await page.locator('#summary').inputValue()).toContain('Hệ thống quản lý');
      expect(await page.locator('#signerName').inputValue()).toBe('Trần Thị Bích Ngọc (đã nhập tay)');
      await expectAccessible(page, 'register form, OCR done');
      await saveScreen(page, 'ocr-prefilled');
      await page.getByRole('button', { name: 'Vào sổ', exact: true }).click();
      await page.getByTestId('arrival-number').waitFor();

      // The text is indexed by the extraction job, from the OCR text; a search without diacritics.
      await jobRunner(e2e.server.server.app.services).drain();
      await page.goto('/van-ban/den?hop=incoming');
      await page.getByRole('heading', { level: 1, name: 'Văn bản đến' }).waitFor();
      await page.getByLabel('Tìm văn bản').fill('ra soat ho so luu tru giay');
      await page.getByLabel('Tìm văn bản').press('Enter');
      await page.getByText(`${suffix}/STTTT-CNTT`).first().waitFor({ timeout: 30_000 });
      expect(await page.locator('mark').count()).toBeGreaterThan(0);
      await expectAccessible(page, 'search by a phrase of the scan');

      // At 360 px: another scan, cancelled from the screen before it runs.
      const phone = await newTestPage(e2e.browser, e2e.url, PHONE);
      opened.push(phone);
      await signInAPI(phone.context, 'vanthu.snv');
      await phone.page.goto('/van-ban/den/vao-so');
      await phone.page.getByRole('heading', { level: 1, name: 'Vào sổ văn bản đến' }).waitFor();
      await phone.page
        .locator('input[type=file]')
        .setInputFiles({ name: 'quet-2.pdf', mimeType: 'application/pdf', buffer: await makeScannedPdf(1) });
      await phone.page.getByTestId('ocr-progress').waitFor({ timeout: 30_000 });
      await expectAccessible(phone.page, 'register form, OCR waiting (360 px)');
      await saveScreen(phone.page, 'ocr-progress-phone');
      await phone.page.getByRole('button', { name: 'Hủy nhận dạng chữ' }).click();
      await phone.page.getByText('Đã hủy nhận dạng chữ; vui lòng nhập các trường.').waitFor();
      await expectAccessible(phone.page, 'register form, OCR cancelled (360 px)');
      await phone.page.goto('/van-ban/den?hop=incoming');
      await phone.page.getByLabel('Tìm văn bản').fill('ra soat ho so luu tru giay');
      await phone.page.getByLabel('Tìm văn bản').press('Enter');
      await phone.page.getByText(`${suffix}/STTTT-CNTT`).first().waitFor({ timeout: 30_000 });
      await expectAccessible(phone.page, 'search by a phrase of the scan (360 px)');
      for (const o of opened) await o.context.close();
    },
    { timeout: 240_000 },
  );
});
