import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyPackage } from '../../src/server/modules/dossiers/index.ts';
import { jobRunner } from '../../src/server/runtime.ts';
import {
  apiAs,
  chooseOption,
  describeBrowser,
  type E2EServer,
  ensureWebBuild,
  expectAccessible,
  launchBrowser,
  newTestPage,
  ROOT,
  startE2EServer,
  type TestPage,
} from './harness.ts';

// The path in a real browser: an officer of Sở Nội vụ opens a dossier, files the two
// documents of a finished matter into it from the documents' own pages ("Thêm vào hồ sơ") and
// closes it; the clerk transfers it (the package is built by the job, the wizard shows progress);
// the downloaded package verifies; the same package with one changed byte is refused by the agency
// archive naming the altered file, and the intact one is received. Screenshots: test-results/e2e/dossiers/.

const SHOTS = path.join(ROOT, 'test-results', 'e2e', 'dossiers');
let step = 0;
async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  step += 1;
  await page.screenshot({
    path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

async function pdfOf(pages: number, label: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i++)
    pdf.addPage([300, 400]).drawText(`${label} ${i + 1}`, { x: 20, y: 350, size: 12 });
  return Buffer.from(await pdf.save());
}

describeBrowser('dossiers', () => {
  let server: E2EServer;
  let browser: Browser;
  const opened: TestPage[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-e2e-dossiers-'));
  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    for (const t of opened) await t.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const pageFor = async () => {
    const t = await newTestPage(browser, server.url);
    opened.push(t);
    return t;
  };

  it('files a finished matter into a dossier, closes it, transfers it; the package verifies and a changed byte is refused', async () => {
    // The matter: two incoming documents, directed to the officer (set up through the API).
    const setup = await pageFor();
    const clerkApi = await apiAs(setup.context, 'vanthu.snv');
    const people = (
      await clerkApi.get<{ people: { id: string; name: string; role: string }[] }>(
        '/api/v1/documents/colleagues',
      )
    ).people;
    const leader = people.find((p) => p.role === 'agency_leader')!;
    const officer = people.find((p) => p.name === 'Dương Minh Luân')!;
    const docIds: string[] = [];
    for (const [i, summary] of [
      'Về việc tuyển dụng công chức năm 2026',
      'Về việc công bố kết quả tuyển dụng',
    ].entries()) {
      const file = await clerkApi.upload(
        `tuyen-dung-${i}.pdf`,
        'application/pdf',
        await pdfOf(i + 2, `Tuyen dung ${i}`),
      );
      const r = await clerkApi.post<{ id: string }>('/api/v1/documents/incoming', {
        issuerName: 'Ủy ban nhân dân tỉnh',
        numberNotation: `${120 + i}/UBND-NC`,
        typeCode: 'cong_van',
        issuedDate: `2026-0${i + 3}-10`,
        summary,
        files: [{ ...file, role: 'main' }],
        submitToId: leader.id,
        allowDuplicate: true,
      });
      docIds.push(r.id);
    }
    const leaderCtx = await pageFor();
    const leaderApi = await apiAs(leaderCtx.context, 'lanhdao.snv');
    for (const id of docIds)
      await leaderApi.post(`/api/v1/documents/${id}/direct`, {
        direction: 'Giao chuyên viên xử lý.',
        lead: { personId: officer.id },
      });

    // The officer opens a dossier outside the plan.
    const off = await pageFor();
    await apiAs(off.context, 'chuyenvien.snv');
    const page = off.page;
    await page.goto('/ho-so');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ công việc' }).waitFor();
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    const openDlg = page.getByRole('dialog', { name: 'Mở hồ sơ ngoài danh mục' });
    await openDlg.getByLabel('Tiêu đề hồ sơ').fill('Hồ sơ tuyển dụng công chức năm 2026');
    await openDlg.getByLabel('Số và ký hiệu hồ sơ').fill('07.TCCB');
    await openDlg.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ 07.TCCB' }).waitFor();
    const dossierUrl = page.url();
    await shot(page, 'opened');

    // "Thêm vào hồ sơ" from each document's page.
    for (const id of docIds) {
      await page.goto(`/van-ban/${id}`);
      await page.getByRole('button', { name: 'Thêm vào hồ sơ' }).click();
      const dlg = page.getByRole('dialog', { name: 'Thêm vào hồ sơ' });
      await chooseOption(page, dlg.getByLabel('Hồ sơ đang mở'), '07.TCCB');
      if (id === docIds[0]) await expectAccessible(page, 'add to dossier dialog');
      await dlg.getByRole('button', { name: 'Thêm', exact: true }).click();
      await page.getByText(/Đã thêm vào hồ sơ .*07\.TCCB/).waitFor();
    }
    await page.goto(dossierUrl);
    await page.getByRole('link', { name: 'Về việc công bố kết quả tuyển dụng' }).waitFor();
    await expectAccessible(page, 'open dossier');
    await shot(page, 'filed');
    await page.getByRole('button', { name: 'Kết thúc hồ sơ' }).click();
    await page
      .getByRole('dialog', { name: 'Kết thúc hồ sơ?' })
      .getByRole('button', { name: 'Kết thúc hồ sơ' })
      .click();
    await page.getByText('Đã kết thúc hồ sơ: 2 văn bản, 5 trang').waitFor();
    // Closed: the status says so and the close button is gone for good.
    await page.locator('.ant-descriptions').getByText('Đã kết thúc').waitFor();
    await page
      .locator('.lt-page-actions')
      .getByRole('button', { name: 'Kết thúc hồ sơ' })
      .waitFor({ state: 'detached' });
    await shot(page, 'closed');

    // The clerk transfers it; the wizard shows the package being built, then ready.
    const clerk = await pageFor();
    await apiAs(clerk.context, 'vanthu.snv');
    const cp = clerk.page;
    await cp.goto('/ho-so/nop-luu');
    await cp.getByRole('heading', { level: 1, name: 'Nộp lưu hồ sơ' }).waitFor();
    await cp.getByRole('checkbox', { name: 'Chọn hồ sơ 07.TCCB' }).check();
    await expectAccessible(cp, 'transfer wizard');
    await cp.getByRole('button', { name: 'Nộp lưu 1 hồ sơ' }).click();
    await cp.getByText('Đang tạo gói nộp lưu…').waitFor();
    await shot(cp, 'building');
    await jobRunner(server.server.app.services).drain();
    await cp.getByText('Gói nộp lưu đã được tạo').waitFor({ timeout: 20_000 });
    await cp.getByText('Đã đóng gói 2/2 tệp').waitFor();
    await expectAccessible(cp, 'transfer ready');
    await shot(cp, 'ready');
    const [download] = await Promise.all([
      cp.waitForEvent('download'),
      cp.getByRole('link', { name: 'Tải gói nộp lưu' }).click(),
    ]);
    const good = path.join(tmp, 'goi-nop-luu.zip');
    await download.saveAs(good);
    const verified = await verifyPackage(good);
    expect(verified.ok, JSON.stringify(verified.problems)).toBe(true);
    expect(verified.checked).toBe(4);

    // One byte changed inside the first document's bytes.
    const bytes = fs.readFileSync(good);
    const at = bytes.indexOf(Buffer.from('%PDF-')) + 6;
    bytes[at] = bytes[at]! ^ 0x01;
    const bad = path.join(tmp, 'goi-nop-luu-sua.zip');
    fs.writeFileSync(bad, bytes);
    const badResult = await verifyPackage(bad);
    expect(badResult.ok).toBe(false);
    expect(badResult.problems).toEqual([
      { path: expect.stringMatching(/07\.TCCB\.001\.pdf$/), problem: 'altered' },
    ]);

    // The agency archive refuses the altered package by name, then receives the intact one.
    await cp.goto('/ho-so/luu-tru');
    await cp.getByRole('heading', { level: 1, name: 'Lưu trữ cơ quan' }).waitFor();
    await cp.locator('input[type=file]').setInputFiles(bad);
    const refused = cp.getByTestId('import-result');
    await refused.getByText('Không tiếp nhận gói nộp lưu').waitFor();
    await expect(refused.textContent()).resolves.toMatch(/07\.TCCB\.001\.pdf: đã bị thay đổi/);
    await expectAccessible(cp, 'archive refusal');
    await shot(cp, 'altered-refused');
    await cp.locator('input[type=file]').setInputFiles(good);
    await cp.getByText('Gói toàn vẹn, đã tiếp nhận').waitFor();
    await cp.getByRole('cell', { name: /07\.TCCB$/ }).waitFor();
    await shot(cp, 'received');

    // The hand-over record, then the printable lists.
    await cp.goto('/ho-so/nop-luu');
    await cp
      .getByRole('link', { name: /^Hồ sơ nộp lưu ngày/ })
      .first()
      .click();
    await cp.getByText('Lưu trữ cơ quan đã tiếp nhận').waitFor();
    await cp.getByLabel('Họ tên người giao').fill('Dương Minh Luân');
    await cp.getByLabel('Chức vụ người giao').fill('Chuyên viên');
    await cp.getByLabel('Họ tên người nhận (Lưu trữ cơ quan)').fill('Phan Thị Bích Ngọc');
    await cp.getByLabel('Chức vụ người nhận').fill('Văn thư - lưu trữ');
    await cp.getByLabel('Tình trạng tài liệu giao nộp').fill('Đầy đủ, toàn vẹn');
    await cp.getByRole('button', { name: 'Lập biên bản' }).click();
    const print = cp.getByRole('link', { name: 'In biên bản giao nhận' });
    await print.waitFor();
    const pdf = await clerk.context.request.get((await print.getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // The plan editor: a heading and a dossier line, saved and numbered.
    await cp.goto('/ho-so/danh-muc');
    await cp.getByRole('heading', { level: 1, name: /^Danh mục hồ sơ năm/ }).waitFor();
    await cp.getByRole('button', { name: 'Thêm đề mục lớn' }).click();
    await cp.getByRole('button', { name: 'Thêm hồ sơ' }).click();
    const titles = cp.getByRole('textbox', { name: 'Tiêu đề hồ sơ' });
    await titles.nth(0).fill('Tổ chức, cán bộ');
    await titles.nth(1).fill('Hồ sơ tuyển dụng');
    await cp.getByRole('textbox', { name: 'Số và ký hiệu hồ sơ' }).nth(1).fill('01.TCCB');
    await cp.getByRole('button', { name: 'Lưu' }).click();
    await cp.getByText('Đã lưu danh mục hồ sơ').waitFor();
    await cp.getByRole('button', { name: 'Mở hồ sơ' }).waitFor();
    await expectAccessible(cp, 'plan editor');
    await shot(cp, 'plan');
  }, 240_000);
});
