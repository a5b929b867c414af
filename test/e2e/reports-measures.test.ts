import type { BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import type { MeasuresReply } from '../../src/shared/reports/measures.ts';
import { tinyPdf } from '../helpers/app.ts';
import {
  apiAs,
  apiGet,
  chooseOption,
  describeBrowser,
  expectAccessible,
  PHONE,
  saveScreen,
  setupE2E,
  signInAPI,
} from './harness.ts';

// The measured figures (issue 20): the IT department reads every agency of the province ranked by
// one figure, with the chart and the table the server counted; a clerk of the province's office
// opens the documents behind her own agency's figure, and one of them. axe at 1280 and 360 px.

/**
 * The demo has no documents: the province office's people release one outgoing document (drafted,
 * approved, signed, released to an agency and to the post) and register one incoming, through the API.
 */
async function officeWork(context: BrowserContext) {
  const officer = await apiAs(context, 'chuyenvien.vp');
  const file = await officer.upload('cong-van.pdf', 'application/pdf', tinyPdf('Cong van'));
  const agencies = await officer.get<{ items: { id: string; name: string }[] }>(
    `/api/v1/agencies?kind=department&q=${encodeURIComponent('Sở Nội vụ')}&limit=5`,
  );
  const target = agencies.items.find((a) => a.name === 'Sở Nội vụ')!;
  const draft = await officer.post<{ id: string }>('/api/v1/documents/drafts', {
    typeCode: 'cong_van',
    summary: 'V/v báo cáo tình hình ứng dụng công nghệ thông tin',
    recipients: [
      { kind: 'agency', agencyId: target.id },
      { kind: 'outside', name: 'Bưu điện tỉnh' },
    ],
    files: [file],
  });
  await officer.post(`/api/v1/documents/${draft.id}/submit-review`, {});
  await (await apiAs(context, 'truongphong.vp')).post(`/api/v1/documents/${draft.id}/review`, {
    action: 'approve',
  });
  await (await apiAs(context, 'lanhdao.vp')).post(`/api/v1/documents/${draft.id}/review`, { action: 'sign' });
  const clerk = await apiAs(context, 'vanthu.vp');
  await clerk.post(`/api/v1/documents/${draft.id}/release`, {});
  const scan = await clerk.upload('den.pdf', 'application/pdf', tinyPdf('Van ban den'));
  await clerk.post('/api/v1/documents/incoming', {
    issuerName: 'Bộ Thông tin và Truyền thông',
    numberNotation: '15/BTTTT-THH',
    typeCode: 'cong_van',
    issuedDate: '2026-03-02',
    summary: 'V/v hướng dẫn báo cáo chuyển đổi số',
    files: [{ ...scan, role: 'main' }],
    allowDuplicate: true,
  });
}

describeBrowser('reports: measured figures', () => {
  const e2e = setupE2E();

  e2e.test('the IT department ranks the agencies by a figure of the year', async ({ page, context }) => {
    await officeWork(context);
    await signInAPI(context, 'lanhdao.stttt');
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/reports/measures?'));
    await page.goto('/bao-cao/so-lieu?period=year&year=2026');
    await page.getByRole('heading', { level: 1, name: 'Số liệu đo từ hệ thống' }).waitFor();
    const body = (await (await answer).json()) as MeasuresReply;
    expect(body.scope.agencyId).toBeNull();
    expect(body.rows.length).toBeGreaterThan(100);
    await page.getByText('Toàn tỉnh — Năm 2026').waitFor();
    const table = page.getByRole('region', { name: 'Bảng số liệu theo đơn vị' });
    // The agency with the most released documents heads the table ranked by that count.
    await chooseOption(page, page.getByLabel('Xếp hạng theo'), 'Văn bản đi phát hành trong kỳ');
    await page.waitForURL((u) => u.searchParams.get('xep-hang') === 'outReleased');
    const top = [...body.rows].sort(
      (a, b) => (b.values.outReleased?.n ?? 0) - (a.values.outReleased?.n ?? 0),
    )[0]!;
    expect(top.values.outReleased?.n ?? 0).toBeGreaterThan(0);
    const first = table.getByRole('row').nth(1);
    expect(await first.textContent()).toContain(top.agencyName);
    expect(await first.textContent()).toContain(String(top.values.outReleased!.n));
    await page.getByRole('img', { name: /đơn vị có Văn bản đi phát hành trong kỳ cao nhất/ }).waitFor();
    await page.getByRole('img', { name: /theo tháng, năm 2026/ }).waitFor();
    await expectAccessible(page, 'measured figures');
    await saveScreen(page, 'reports-measures');

    // Six months: the address keeps the choice.
    await chooseOption(page, page.getByLabel('Kỳ', { exact: true }), '6 tháng');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.waitForURL((u) => u.searchParams.get('period') === 'half');
    await page.getByText(/Toàn tỉnh — 6 tháng (đầu|cuối) năm 2026/).waitFor();

    await page.setViewportSize(PHONE);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'measured figures on a phone');
    await saveScreen(page, 'reports-measures-phone');
  });

  e2e.test('a clerk opens the documents behind her agency’s figure', async ({ page, context }) => {
    await officeWork(context);
    await signInAPI(context, 'vanthu.vp');
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/reports/measures?'));
    await page.goto('/bao-cao/so-lieu?period=year&year=2026&xep-hang=outReleased');
    const body = (await (await answer).json()) as MeasuresReply;
    expect(body.recordsOf).toHaveLength(1);
    const own = body.rows.find((r) => r.agencyId === body.recordsOf[0])!;
    const released = own.values.outReleased!.n;
    expect(released).toBeGreaterThan(0);
    await page
      .getByRole('link', { name: new RegExp(`^Văn bản đi phát hành trong kỳ: ${released}\\.`) })
      .click();
    await page.waitForURL((u) => u.pathname === '/bao-cao/so-lieu/van-ban');
    await page.getByRole('heading', { level: 1, name: 'Văn bản được tính vào số liệu' }).waitFor();
    const list = page.getByRole('region', { name: 'Danh sách văn bản' });
    await list.getByRole('link').first().waitFor();
    expect(await list.getByRole('link').count()).toBe(Math.min(released, 50));
    await expectAccessible(page, 'documents behind a figure');
    await list.getByRole('link').first().click();
    await page.waitForURL((u) => /^\/van-ban\/[0-9a-f-]{36}$/.test(u.pathname));
  });

  // Since 2025 the IT department's work passed to Sở KH&CN in many provinces: the system administrator
  // names it on the figures' page, and its people then see the province's figures.
  e2e.test('the system administrator names the province’s IT department', async ({ page, context }) => {
    await signInAPI(context, 'quantri');
    await page.goto('/bao-cao/so-lieu?period=year&year=2026');
    const card = page.getByText('Cơ quan chuyên trách công nghệ thông tin của tỉnh');
    await card.waitFor();
    await page.getByText('Hiện là: Sở Thông tin và Truyền thông').waitFor();
    await expectAccessible(page, 'figures with the IT department setting');
    await chooseOption(page, page.getByLabel('Chọn cơ quan'), 'Sở Khoa học và Công nghệ', 'khoa hoc');
    const saved = page.waitForResponse(
      (r) => r.url().includes('/api/v1/reports/settings') && r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'Lưu' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Hiện là: Sở Khoa học và Công nghệ').waitFor();
    const settings = await apiGet<{ itAgencyName: string }>(context, '/api/v1/reports/settings');
    expect(settings.itAgencyName).toBe('Sở Khoa học và Công nghệ');
  });
});
