import { expect } from 'vitest';
import type { E2EServer } from './harness.ts';
import { describeBrowser, expectAccessible, PHONE, saveScreen, setupE2E } from './harness.ts';

// The public legal base in a real browser, without an account: a visitor types "thay the quyet
// dinh" without diacritics, finds the decision that replaces an older one, opens it and sees its
// status and history, then the old decision: "Hết hiệu lực toàn bộ", replaced by the new one from its
// effective date. The same with JavaScript disabled on a phone (the pages are server-rendered), and
// the gazette issue that carried the decision. Every page is checked with axe at 1280 and 360 px.

const NEW = '88/2026/QĐ-UBND';
const OLD = '77/2019/QĐ-UBND';
const NEW_TITLE = 'Quyết định Thay thế Quyết định số 77/2019/QĐ-UBND về Quy chế tiếp công dân của tỉnh';

/** The rows the records, the import and the gazette would write (what the demo may not seed here). */
async function seed(server: E2EServer): Promise<{ newId: string; oldId: string }> {
  const q = <T>(text: string, params: unknown[] = []) => server.server.database.query<T>(text, params);
  const [agency] = await q<{ id: string }>(
    "SELECT id FROM agencies WHERE kind = 'province' ORDER BY created_at LIMIT 1",
  );
  await q(
    `INSERT INTO legal_issuers (id, code, name, level, agency_id, sort_order)
     VALUES (gen_random_uuid(), 'e2e_ubnd_tinh', 'Ủy ban nhân dân tỉnh (kiểm thử công khai)', 'local', $1, 1)
     ON CONFLICT DO NOTHING`,
    [agency!.id],
  );
  const [issuer] = await q<{ id: string }>("SELECT id FROM legal_issuers WHERE code = 'e2e_ubnd_tinh'");
  const doc = async (number: string, title: string, issued: string, from: string, status: string) => {
    const [r] = await q<{ id: string }>(
      `INSERT INTO legal_documents (id, agency_id, origin, number_notation, type_code, issuer_id, signer_name,
              signer_title, title, issued_date, effective_from, scope, field_code, full_text, status_now)
       VALUES (gen_random_uuid(), $1, 'local', $2, 'quyet_dinh_ubnd', $3, 'Nguyễn Văn Năm', 'Chủ tịch', $4, $5, $6,
               'Tỉnh Vĩnh Long', 15, $7, $8)
       RETURNING id`,
      [
        agency!.id,
        number,
        issuer!.id,
        title,
        issued,
        from,
        `Điều 1. ${title}.\n\nĐiều 2. Hiệu lực thi hành.`,
        status,
      ],
    );
    return r!.id;
  };
  const oldId = await doc(
    OLD,
    'Quyết định ban hành Quy chế tiếp công dân của tỉnh',
    '2019-03-01',
    '2019-03-15',
    'expired',
  );
  const newId = await doc(NEW, NEW_TITLE, '2026-01-05', '2026-01-20', 'in_force');
  await q(
    `INSERT INTO legal_relations (id, source_id, target_id, kind) VALUES (gen_random_uuid(), $1, $2, 'replaces')`,
    [newId, oldId],
  );
  const [issue] = await q<{ id: string }>(
    `INSERT INTO gazette_issues (id, year, number_from, number_to, issue_date, state, published_at)
     VALUES (gen_random_uuid(), 2026, 901, 902, '2026-01-12', 'published', now()) RETURNING id`,
  );
  await q(
    `INSERT INTO gazette_items (id, legal_document_id, submitted_by_agency_id, submitted_at, state, received_at, issue_id, position)
     VALUES (gen_random_uuid(), $1, $2, '2026-01-06T02:00:00Z', 'published', '2026-01-07T02:00:00Z', $3, 1)`,
    [newId, agency!.id, issue!.id],
  );
  await q('UPDATE legal_documents SET gazette_issue_id = $1, gazette_date = $2 WHERE id = $3', [
    issue!.id,
    '2026-01-12',
    newId,
  ]);
  return { newId, oldId };
}

describeBrowser('legal: the public legal base', () => {
  const e2e = setupE2E();
  let seeded: Promise<{ newId: string; oldId: string }> | undefined;
  const ready = () => {
    seeded ??= seed(e2e.server);
    return seeded;
  };

  e2e.test(
    'a visitor finds the decision typing without diacritics, opens it, its history and the old one',
    async ({ page }) => {
      const { oldId } = await ready();
      await page.goto('/cong-khai/van-ban');
      await page.getByRole('heading', { level: 1, name: 'Văn bản quy phạm pháp luật' }).waitFor();
      await page.getByLabel('Từ khóa hoặc số ký hiệu').fill('thay the quyet dinh');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.getByRole('heading', { level: 2, name: 'Kết quả tìm kiếm' }).waitFor();
      const hit = page.getByRole('link', { name: NEW, exact: true });
      await hit.waitFor();
      expect(page.url()).toContain('q=thay+the+quyet+dinh');
      expect(await page.title()).toMatch(/^Tìm văn bản: thay the quyet dinh — /);
      await expectAccessible(page, 'public legal search');
      await saveScreen(page, 'legal-public-search');

      await hit.click();
      await page.getByRole('heading', { level: 1, name: `Quyết định của Ủy ban nhân dân ${NEW}` }).waitFor();
      await page.getByText(NEW_TITLE).first().waitFor();
      const props = page.locator('#thuoc-tinh');
      expect(await props.getByText('Còn hiệu lực').count()).toBeGreaterThan(0);
      await props.getByRole('link', { name: 'Công báo Số 901 + 902, năm 2026' }).waitFor();
      await page.getByRole('link', { name: 'Lịch sử' }).click();
      expect(page.url()).toMatch(/#lich-su$/);
      const history = page.locator('#lich-su');
      await history.getByRole('cell', { name: /Văn bản có hiệu lực/ }).waitFor();
      await history.getByRole('cell', { name: '20/01/2026' }).waitFor();
      // The diagram: the current document in the centre, the replaced one as a link.
      await page.locator('#luoc-do').getByRole('heading', { name: 'Văn bản bị thay thế (1)' }).waitFor();
      await expectAccessible(page, 'public legal document');
      await saveScreen(page, 'legal-public-document', { fullPage: true });

      // The old decision: replaced, from the new one's effective date, which its history names.
      await page.locator('#luoc-do').getByRole('link', { name: OLD }).click();
      await page.getByRole('heading', { level: 1, name: `Quyết định của Ủy ban nhân dân ${OLD}` }).waitFor();
      expect(page.url()).toContain(`/cong-khai/van-ban/${oldId}`);
      expect(await page.locator('#thuoc-tinh').getByText('Hết hiệu lực toàn bộ').count()).toBe(1);
      const row = page.locator('#lich-su tr', { hasText: 'Bị thay thế' });
      await row.waitFor();
      expect(await row.textContent()).toContain('20/01/2026');
      await row.getByRole('link', { name: NEW }).waitFor();
      await expectAccessible(page, 'public legal document (replaced)');

      // The gazette issue that carried the new decision: its contents link to the document.
      await page.goto('/cong-khai/cong-bao/2026/901');
      await page.getByRole('heading', { level: 1, name: 'Công báo Số 901 + 902, năm 2026' }).waitFor();
      await page.getByRole('link', { name: `Quyết định của Ủy ban nhân dân ${NEW}` }).waitFor();
      await expectAccessible(page, 'public gazette issue');
      await page.goto('/cong-khai/cong-bao?nam=2026');
      await page.getByRole('link', { name: 'Số 901 + 902' }).waitFor();
      await expectAccessible(page, 'public gazette list');
    },
  );

  e2e.test(
    'the same without JavaScript, on a phone',
    async () => {
      await ready();
      const noJs = await e2e.browser.newContext({
        baseURL: e2e.url,
        javaScriptEnabled: false,
        locale: 'vi-VN',
        viewport: PHONE,
      });
      try {
        const p = await noJs.newPage();
        await p.goto('/cong-khai/van-ban');
        await p.getByLabel('Từ khóa hoặc số ký hiệu').fill('thay the quyet dinh');
        await p.getByLabel('Loại văn bản').selectOption('quyet_dinh_ubnd');
        await p.getByRole('button', { name: 'Tìm kiếm' }).click();
        await p.getByRole('heading', { level: 2, name: 'Kết quả tìm kiếm' }).waitFor();
        expect(p.url()).toContain('loai=quyet_dinh_ubnd');
        await p.getByRole('link', { name: NEW, exact: true }).click();
        await p.getByRole('heading', { level: 1, name: `Quyết định của Ủy ban nhân dân ${NEW}` }).waitFor();
        expect(await p.locator('#thuoc-tinh').getByText('Còn hiệu lực').count()).toBeGreaterThan(0);
        // On a phone the history table becomes cards: each cell says what it is.
        const cell = p.locator('#lich-su').getByRole('cell', { name: '20/01/2026' });
        expect(await cell.getAttribute('data-label')).toBe('Ngày');
        // A bad filter is a page with the form and the reason, not an error screen.
        const bad = await p.goto('/cong-khai/van-ban?nam=20x6');
        expect(bad?.status()).toBe(400);
        await p.getByText('Năm ban hành phải là một năm có 4 chữ số', { exact: false }).waitFor();
        const missing = await p.goto('/cong-khai/van-ban/0190aaaa-bbbb-7ccc-8ddd-000000000000');
        expect(missing?.status()).toBe(404);
        await p.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
        // (axe needs JavaScript: the same pages are checked with it in the test above, at both widths)
      } finally {
        await noJs.close();
      }
    },
    { viewport: PHONE },
  );
});
