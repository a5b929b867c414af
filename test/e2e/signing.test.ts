import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { makeCa, makeP12 } from '../../src/server/modules/signatures/testing/certs.ts';
import { decreePdf } from '../../src/server/modules/signatures/testing/pdfs.ts';
import {
  apiAs,
  describeBrowser,
  expectAccessible,
  PHONE,
  saveScreen,
  setupE2E,
  signInAPI,
} from './harness.ts';

// Digital signatures in a real browser: the office's administrator (quantri.vp) uploads the leader's
// PKCS#12 on "Chữ ký số"; an officer (chuyenvien.vp) drafts a PDF for lanhdao.vp, who signs it in the
// page (the dialog says a digital signature will be applied); the clerk (vanthu.vp) releases it; the
// released file carries a valid PAdES signature (pdfsig); Sở Nội vụ's clerk, once the CA is trusted,
// sees "Chữ ký hợp lệ" with the signer's name. Screens checked with axe at 1280 and 360 px.

const LEADER = 'Huỳnh Văn Thanh';

function pdfsig(pdf: Buffer): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lt-e2e-sig-')), 'f.pdf');
  fs.writeFileSync(f, pdf);
  try {
    return execFileSync('pdfsig', [f], { encoding: 'utf8' });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

describeBrowser('signing: keys, the leader signs a PDF, the clerk releases it', () => {
  const e2e = setupE2E();

  e2e.test(
    'an administrator uploads the leader’s key; the leader signs; the released PDF is signed',
    async ({ page, context }) => {
      const ca = makeCa();
      const key = makeP12(ca, { cn: LEADER });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-e2e-p12-'));
      const p12File = path.join(dir, 'lanhdao.p12');
      fs.writeFileSync(p12File, key.p12);

      await signInAPI(context, 'quantri.vp');
      await page.goto('/quan-tri/chu-ky-so');
      await page.getByRole('heading', { level: 1, name: 'Chữ ký số' }).waitFor();
      const person = page.getByLabel('Người ký', { exact: true }).last();
      await person.click();
      await person.fill('Huỳnh');
      await page.locator('.ant-select-item-option', { hasText: LEADER }).first().click();
      await page.locator('#signing-key-file').setInputFiles(p12File);
      await page.getByLabel('Mật khẩu tệp').fill(key.password);
      await expectAccessible(page, 'signing keys (upload)');
      await page.getByRole('button', { name: 'Tải lên' }).click();
      await page.getByText('Đã lưu khóa ký.').waitFor();
      await page.getByText(`CN=${LEADER}`, { exact: false }).first().waitFor();
      await expectAccessible(page, 'signing keys (list)');
      await saveScreen(page, 'signing-keys');

      // The officer drafts a PDF for the leader, to Sở Nội vụ (one API session at a time here).
      const snv = await apiAs(context, 'vanthu.snv');
      const snvAgency = (await snv.get<{ agency: { id: string } }>('/api/v1/me')).agency.id;
      const leader = await apiAs(context, 'lanhdao.vp');
      const me = await leader.get<{ id: string }>('/api/v1/me');
      const officer = await apiAs(context, 'chuyenvien.vp');
      const f = await officer.upload(
        'cong-van.pdf',
        'application/pdf',
        await decreePdf({ signerName: LEADER }),
      );
      const summary = `V/v thử ký số ${Date.now() % 100000}`;
      const draft = await officer.post<{ id: string }>('/api/v1/documents/drafts', {
        typeCode: 'cong_van',
        summary,
        recipients: [{ kind: 'agency', agencyId: snvAgency }],
        files: [{ ...f, role: 'main' }],
      });
      await officer.post(`/api/v1/documents/${draft.id}/submit-review`, { toId: me.id });

      // The leader signs in the page.
      await signInAPI(context, 'lanhdao.vp');
      await page.goto(`/van-ban/${draft.id}`);
      await page.getByRole('button', { name: 'Ký ban hành' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(/^Ký số bằng chứng thư của Huỳnh Văn Thanh, hiệu lực đến/).waitFor();
      await expectAccessible(page, 'sign dialog');
      await dialog.getByRole('button', { name: 'Ký ban hành' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // The clerk releases it; the released main file is signed.
      const clerk = await apiAs(context, 'vanthu.vp');
      await clerk.post(`/api/v1/documents/${draft.id}/release`, {});
      const detail = await clerk.get<{
        files: { id: string; role: string; fileName: string; version: number }[];
      }>(`/api/v1/documents/${draft.id}`);
      const main = detail.files.filter((x) => x.role === 'main').sort((a, b) => b.version - a.version)[0]!;
      expect(main.fileName).toBe('cong-van.signed.pdf');
      const res = await context.request.get(`/api/v1/documents/${draft.id}/files/${main.id}`);
      const report = pdfsig(Buffer.from(await res.body()));
      expect(report).toContain('Signature is Valid.');
      expect(report).toContain('ETSI.CAdES.detached');

      // The recipient: once the system administrator trusts the CA, Sở Nội vụ's clerk sees on the
      // copy's page that its file's signature is valid, with the signer's name.
      const sysadmin = await apiAs(context, 'quantri');
      await sysadmin.post('/api/v1/signatures/trust-anchors', { certificates: ca.pem });
      const received = await apiAs(context, 'vanthu.snv');
      const waiting = await received.get<{ items: { id: string; summary: string }[] }>(
        '/api/v1/documents?box=to_register&limit=50',
      );
      const copy = waiting.items.find((d) => d.summary === summary)!;
      expect(copy).toBeTruthy();
      await signInAPI(context, 'vanthu.snv');
      await page.goto(`/van-ban/${copy.id}`);
      await page.getByRole('button', { name: new RegExp(`Chữ ký hợp lệ: ${LEADER}`) }).waitFor();
      await expectAccessible(page, 'received signed document');
      await saveScreen(page, 'signing-received');
    },
  );

  e2e.test(
    'the signing keys screen at 360 px',
    async ({ page, context }) => {
      await signInAPI(context, 'quantri.vp');
      await page.goto('/quan-tri/chu-ky-so');
      await page.getByRole('heading', { level: 1, name: 'Chữ ký số' }).waitFor();
      await expectAccessible(page, 'signing keys (phone)');
      await saveScreen(page, 'signing-keys-phone');
    },
    { viewport: PHONE },
  );
});
