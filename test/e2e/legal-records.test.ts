import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  chooseOption,
  describeBrowser,
  expectAccessible,
  saveScreen,
  setupE2E,
  signInAPI,
} from './harness.ts';

// The legal documents base in a real browser. The office clerk of Văn phòng UBND tỉnh imports 200
// central documents from a CSV file (a first file with bad rows is refused and nothing is written),
// enters a new decision of the Prime Minister (the effective date prefilled 45 days after the issue
// date), links it as replacing an old decision from the import; the old one then shows "Hết hiệu
// lực toàn bộ" and its history names the new decision; the diagram links both ways. Every screen
// is checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

const HEADER =
  'Số ký hiệu,Loại văn bản,Cơ quan ban hành,Người ký,Chức danh,Trích yếu,Ngày ban hành,Ngày có hiệu lực,Lĩnh vực';
const KINDS = [
  ['Nghị định', 'Chính phủ', 'NĐ-CP', 'Nghị định quy định chi tiết'],
  ['Thông tư', 'Bộ Tài chính', 'TT-BTC', 'Thông tư hướng dẫn'],
  ['Quyết định', 'Thủ tướng Chính phủ', 'QĐ-TTg', 'Quyết định ban hành quy chế'],
  ['Thông tư', 'Bộ Nội vụ', 'TT-BNV', 'Thông tư quy định'],
] as const;
const OLD_NUMBER = '1002/2018/QĐ-TTg';
const OLD_TITLE = 'Quyết định ban hành quy chế số 1002 về công tác văn thư';

/** 200 central documents of 2018 (numbers from 1000, unlike the demo's), one with its own title. */
function catalogueCsv(): string {
  const lines = [HEADER];
  for (let i = 0; i < 200; i++) {
    const [type, body, abbr, title] = KINDS[i % 4]!;
    const n = 1000 + i;
    const day = String((i % 27) + 1).padStart(2, '0');
    const name = `${n}/2018/${abbr}` === OLD_NUMBER ? OLD_TITLE : `${title} số ${n} năm 2018`;
    lines.push(
      `${n}/2018/${abbr},${type},${body},Nguyễn Văn A,Bộ trưởng,"${name}",${day}/03/2018,${day}/05/2018,${(i % 27) + 1}`,
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const vi = (isoDate: string) => isoDate.split('-').reverse().join('/');

async function chooseFile(page: Page, name: string, text: string) {
  await page
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

async function pick(page: Page, label: string, typed: string, option: string | RegExp) {
  await chooseOption(page, page.getByLabel(label, { exact: true }), option, typed);
}

describeBrowser('legal documents base', () => {
  const e2e = setupE2E();

  e2e.test(
    'the office imports 200 central documents, enters a decision that replaces an old one, and the old one expires',
    async ({ page, context }) => {
      await signInAPI(context, 'vanthu.vp');

      // 1. A file with bad rows: every one listed, nothing written.
      await page.goto('/van-ban-phap-luat/nhap');
      await page.getByRole('heading', { level: 1, name: 'Nhập danh mục văn bản' }).waitFor();
      await chooseFile(
        page,
        'loi.csv',
        [
          HEADER,
          '5/2018/NĐ-CP,Nghị định,Chính phủ,,,Nghị định đúng,01/02/2018,15/03/2018,1',
          '6/2018/NĐ-CP,Nghị định,Bộ Không Có,,,Cơ quan lạ,01/02/2018,15/03/2018,1',
          '7/2018/NĐ-CP,Nghị định,Chính phủ,,,Hiệu lực trước ngày ban hành,10/02/2018,01/02/2018,1',
        ].join('\n'),
      );
      await page.getByText('Tệp có 3 dòng; 2 dòng có lỗi. Chưa ghi văn bản nào', { exact: false }).waitFor();
      const errors = page.getByRole('region', { name: 'Các dòng lỗi' });
      await errors
        .getByText('Cơ quan ban hành "Bộ Không Có" không có trong danh mục', { exact: false })
        .waitFor();
      await errors.getByText('Ngày có hiệu lực không được trước ngày ban hành.').waitFor();
      expect(await page.getByRole('button', { name: 'Nhập', exact: true }).count()).toBe(0);
      await expectAccessible(page, 'legal import (errors)');

      // 2. The catalogue: checked, the columns recognised, then imported at once.
      await chooseFile(page, 'van-ban-trung-uong-2018.csv', catalogueCsv());
      await page.getByText('Tệp có 200 dòng, không có lỗi.', { exact: false }).waitFor();
      await page
        .getByRole('region', { name: 'Xem trước 20 dòng đầu' })
        .getByText('1000/2018/NĐ-CP')
        .waitFor();
      await expectAccessible(page, 'legal import (checked)');
      await page.getByRole('button', { name: 'Nhập', exact: true }).click();
      await page.getByText('Đã nhập 200 văn bản vào cơ sở dữ liệu.').waitFor();
      await saveScreen(page, 'legal-import-done');

      // 3. The list finds the old decision by its number, without diacritics in words too.
      await page.getByRole('link', { name: 'Xem danh sách văn bản' }).click();
      await page.getByRole('heading', { level: 1, name: 'Cơ sở dữ liệu văn bản QPPL' }).waitFor();
      await page.getByRole('searchbox', { name: 'Tìm văn bản' }).fill('quy che so 1002 cong tac van thu');
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      const list = page.getByRole('region', { name: 'Danh sách văn bản' });
      await list.getByRole('link', { name: OLD_NUMBER }).waitFor();
      await list.getByText('Còn hiệu lực').first().waitFor();
      await expectAccessible(page, 'legal list (search)');

      // 4. A new decision of the Prime Minister: the effective date follows the issue date (+45 days).
      await page.getByRole('button', { name: 'Thêm văn bản' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thêm văn bản QPPL' }).waitFor();
      await page.locator('label', { hasText: 'Văn bản trung ương' }).click();
      const issued = iso(new Date(Date.now() - 60 * 86_400_000));
      const effective = iso(new Date(Date.parse(issued) + 45 * 86_400_000));
      await page.getByLabel('Số ký hiệu').fill('27/2026/QĐ-TTg');
      await pick(page, 'Loại văn bản', 'Thủ tướng', 'Quyết định của Thủ tướng Chính phủ');
      await pick(page, 'Cơ quan ban hành', 'Thủ tướng', /^Thủ tướng Chính phủ$/);
      await page.getByLabel('Người ký').fill('Phạm Minh Chính');
      await page.getByLabel('Chức danh').fill('Thủ tướng');
      await page
        .getByLabel('Trích yếu')
        .fill('Quyết định ban hành quy chế mới về công tác văn thư, thay thế quyết định năm 2018');
      await page.getByLabel('Ngày ban hành').fill(issued);
      await expect.poll(() => page.getByLabel('Ngày có hiệu lực').inputValue()).toBe(effective);
      await expectAccessible(page, 'legal form');
      await page.getByRole('button', { name: 'Lưu văn bản' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Quyết định của Thủ tướng Chính phủ 27/2026/QĐ-TTg' })
        .waitFor();
      await expectAccessible(page, 'legal document (new)');

      // 5. "Thêm quan hệ": it replaces the old decision, found by typing its number.
      await page.getByRole('button', { name: 'Thêm quan hệ' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm quan hệ' });
      await dialog.waitFor();
      await pick(page, 'Loại quan hệ', 'thay', /^thay thế$/);
      await pick(page, 'Văn bản được chọn', '1002/2018', OLD_NUMBER);
      await expectAccessible(page, 'legal relation dialog', { thisWidthOnly: true });
      await dialog.getByRole('button', { name: 'Thêm quan hệ' }).click();
      await page.getByText('Đã thêm quan hệ.').waitFor();
      await page.getByRole('tab', { name: /Văn bản liên quan \(1\)/ }).click();
      const related = page.getByRole('region', { name: 'Văn bản liên quan' });
      await related.getByRole('link', { name: OLD_NUMBER }).click();

      // 6. The old decision: expired in whole from the new one's effective date, its history names it.
      await page
        .getByRole('heading', { level: 1, name: `Quyết định của Thủ tướng Chính phủ ${OLD_NUMBER}` })
        .waitFor();
      await page.locator('.lt-page-header').getByText('Hết hiệu lực toàn bộ').waitFor();
      await page.getByRole('tab', { name: 'Lịch sử' }).click();
      const history = page.getByRole('region', { name: 'Lịch sử hiệu lực' });
      const replaced = history.getByRole('row', { name: /Bị thay thế/ });
      await replaced.waitFor();
      expect(await replaced.innerText()).toContain(vi(effective));
      expect(await replaced.innerText()).toContain('Hết hiệu lực toàn bộ');
      await replaced.getByRole('link', { name: '27/2026/QĐ-TTg' }).waitFor();
      await expectAccessible(page, 'legal document history');
      await saveScreen(page, 'legal-document-history');

      // The diagram: the old decision in the centre, the new one in its group, a link back.
      await page.getByRole('tab', { name: 'Lược đồ' }).click();
      const diagram = page
        .getByRole('region', { name: 'Văn bản bị thay thế' })
        .or(page.getByRole('region', { name: 'Văn bản thay thế' }));
      await diagram.getByRole('link', { name: '27/2026/QĐ-TTg' }).waitFor();
      await expectAccessible(page, 'legal document diagram');
      await saveScreen(page, 'legal-document-diagram');
    },
    { timeout: 420_000 },
  );
});
