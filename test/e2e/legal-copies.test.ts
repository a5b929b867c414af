import { expect } from 'vitest';
import { legalDocumentFiles, legalDocuments } from '../../src/server/modules/legal/schema.ts';
import { decreePdf } from '../../src/server/modules/signatures/testing/pdfs.ts';
import { saveBlobs } from '../../src/server/platform/blobs/index.ts';
import {
  apiGet,
  describeBrowser,
  expectAccessible,
  newTestPage,
  PHONE,
  saveScreen,
  setupE2E,
  signInAPI,
} from './harness.ts';

// Copies in a real browser. A legal document of the province with its PDF is in the base (written
// as the records module writes it). The clerk of Văn phòng UBND tỉnh (legal.copy) opens the copy
// dialog for it, sends a sao lục to all districts (the demo province of 2006 has 7 district-level
// units), and gets its number in the copies series, NN/SL-VP. The clerk of UBND huyện Long Hồ finds it
// among the arrivals waiting and registers it like any arrival. Back at the office, the document's
// copies and the register of copies show it registered by Long Hồ, with the arrival number and the
// clerk. Each screen is checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

interface CopyView {
  numberNotation: string;
  registered: number;
  total: number;
  recipients: { name: string; status: string; arrivalNumber: number | null; registeredBy: string | null }[];
}

describeBrowser('legal: copies sent to agencies', () => {
  const e2e = setupE2E();

  e2e.test(
    'the office sends a sao lục to all districts and Long Hồ registers it',
    async ({ page, context }) => {
      const { database, app } = e2e.server.server;
      const db = database.db;
      const pdf = await decreePdf({ signerName: 'Nguyễn Văn Tỉnh', title: 'CHỦ TỊCH' });
      const [b] = await saveBlobs(db, app.services.blobs, [
        { bytes: pdf, declaredType: 'application/pdf', maxBytes: 10_000_000 },
      ]);
      const blob = b as { sha256: string; size: number };
      const [issuer] = await database.query<{ id: string }>(
        "SELECT id FROM legal_issuers ORDER BY (level = 'local') DESC, code LIMIT 1",
      );
      const [vp] = await database.query<{ id: string }>(
        "SELECT p.agency_id AS id FROM positions p JOIN people u ON u.id = p.person_id WHERE u.username = 'vanthu.vp'",
      );
      const [doc] = await db
        .insert(legalDocuments)
        .values({
          agencyId: vp!.id,
          origin: 'local',
          numberNotation: '15/2026/QĐ-UBND',
          typeCode: 'quyet_dinh_ubnd',
          issuerId: issuer!.id,
          title: 'Quyết định ban hành Quy chế công tác văn thư, lưu trữ trên địa bàn tỉnh',
          issuedDate: '2026-11-20',
          effectiveFrom: '2026-12-01',
        })
        .returning();
      await db.insert(legalDocumentFiles).values({
        legalDocumentId: doc!.id,
        sha256: blob.sha256,
        fileName: 'qd-15-2026.pdf',
        mediaType: 'application/pdf',
        size: blob.size,
      });
      const [{ n: districts }] = (await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM agencies WHERE kind = 'district' AND status = 'active'",
      )) as [{ n: number }];
      expect(districts).toBeGreaterThan(0);

      // 1. The office asks for a copy of the legal document: the dialog opens.
      await signInAPI(context, 'vanthu.vp');
      await page.goto(`/sao-van-ban?qppl=${doc!.id}`);
      await page.getByRole('heading', { level: 1, name: 'Sổ đăng ký bản sao văn bản' }).waitFor();
      const dialog = page.getByRole('dialog', { name: 'Sao văn bản và gửi các cơ quan' });
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: 'Sao lục' }).check();
      // No recipient: the form says so before anything is sent.
      await dialog.getByRole('button', { name: 'Cấp số và gửi bản sao' }).click();
      await dialog.getByText('Chọn ít nhất một cơ quan hoặc một nhóm nơi nhận.').waitFor();
      await dialog.getByRole('checkbox', { name: 'Tất cả UBND cấp huyện' }).check();
      await expectAccessible(page, 'copy dialog');
      await saveScreen(page, 'legal-copies-dialog');
      await dialog.getByRole('button', { name: 'Cấp số và gửi bản sao' }).click();
      const result = dialog.getByTestId('copy-result');
      await result.waitFor();
      const sent = (await result.textContent()) ?? '';
      const number = /Đã gửi bản sao số (\d\d\/SL-VP) đến (\d+) cơ quan\./.exec(sent);
      expect(number, sent).not.toBeNull();
      expect(Number(number![2])).toBe(districts);
      // Signed with the office's key, or said plainly that it is not.
      expect(sent).toMatch(/đã được ký số bằng khóa của cơ quan|CHƯA có chữ ký số của cơ quan/);
      await expectAccessible(page, 'copy sent', { thisWidthOnly: true });
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const copyNumber = number![1]!;

      // 2. The clerk of UBND huyện Long Hồ finds it waiting among the arrivals and registers it.
      const district = await newTestPage(e2e.browser, e2e.url);
      try {
        await signInAPI(district.context, 'vanthu.longho');
        await district.page.goto('/van-ban/den');
        await district.page.getByRole('tab', { name: 'Chờ tiếp nhận', selected: true }).waitFor();
        const row = district.page.getByRole('link', { name: /Bản sao lục số 15\/2026\/QĐ-UBND/ }).first();
        await row.waitFor();
        await row.click();
        await district.page.getByRole('heading', { level: 2, name: 'Quá trình xử lý' }).waitFor();
        await district.page.getByText(copyNumber).first().waitFor();
        await district.page.getByRole('button', { name: 'Vào sổ', exact: true }).first().click();
        const reg = district.page.getByRole('dialog', { name: 'Vào sổ' });
        await reg.waitFor();
        await reg.getByRole('button', { name: 'Vào sổ', exact: true }).click();
        await district.page.getByText(/^Đã vào sổ\. Số đến: \d+$/).waitFor();
      } finally {
        await district.context.close();
      }

      // 3. The legal record's copies show where it went and who registered it.
      const copies = await apiGet<{ items: CopyView[] }>(
        context,
        `/api/v1/legal/documents/${doc!.id}/copies`,
      );
      expect(copies.items).toHaveLength(1);
      expect(copies.items[0]).toMatchObject({ numberNotation: copyNumber, registered: 1, total: districts });
      const longHo = copies.items[0]!.recipients.find((r) => /Long Hồ/.test(r.name));
      expect(longHo).toMatchObject({ status: 'registered' });
      expect(longHo!.arrivalNumber).toBeGreaterThan(0);
      expect(longHo!.registeredBy).toBeTruthy();

      await page.goto(`/sao-van-ban?qppl=${doc!.id}`);
      await page.getByRole('dialog', { name: 'Sao văn bản và gửi các cơ quan' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      const card = page.getByTestId('document-copies');
      await card.getByText(`1/${districts} cơ quan`).waitFor();
      const line = card.getByRole('row', { name: /Long Hồ/ });
      await line.getByText('Đã vào sổ').waitFor();
      expect(await line.textContent()).toContain(longHo!.registeredBy!);
      await page.getByTestId('copy-registered').first().getByText(`1/${districts} cơ quan`).waitFor();
      await expectAccessible(page, 'register of copies with the legal document');
      await saveScreen(page, 'legal-copies-register', { fullPage: true });
    },
  );

  e2e.test(
    'the register of copies on a phone',
    async ({ page, context }) => {
      await signInAPI(context, 'vanthu.vp');
      await page.goto('/sao-van-ban');
      await page.getByRole('heading', { level: 1, name: 'Sổ đăng ký bản sao văn bản' }).waitFor();
      await page.getByRole('table').first().waitFor();
      await expectAccessible(page, 'register of copies');
    },
    { viewport: PHONE },
  );
});
