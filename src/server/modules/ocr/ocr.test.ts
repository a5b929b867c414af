import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, makeTestApp, type TestApp, upload } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeOffice, type Office } from '../../../../test/helpers/offices.ts';
import { JobRunner } from '../../platform/jobs/index.ts';
import { makeDecree30Pdf, makeScannedPdf, SAMPLE_CONG_VAN } from '../documents/extract/testing/make-docs.ts';
import { extractTextJob, landCopies } from '../documents/index.ts';
import { ocrJob, setOcrLimits } from './service.ts';
import { makeScannedDecree30, pdfToPngs } from './testing/make-scan.ts';

// Scanned paper made searchable: a Decree 30 công văn printed, scanned (rasterised at 200 dpi) and
// put back into an image-only PDF; OCR'd with ocrmypdf + tesseract (vie); its fields proposed and
// its body found by a search without diacritics. Each OCR'd page costs seconds: inputs are 1–3 pages.

const exec = promisify(execFile);
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

/** A PDF that opens only with a password (pdfkit's RC4/AES encryption). */
function lockedPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ userPassword: 'mat-khau', ownerPassword: 'chu', pdfVersion: '1.7' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Secret');
    doc.end();
  });
}

describe.each(ENGINES)('OCR on %s', (engine) => {
  let t: TestApp;
  let A: Office;
  let B: Office;
  let scan: Buffer;
  const runner = () => new JobRunner(t.database.db, [ocrJob, extractTextJob], { env: t.app.services });
  const runOf = async (sha256: string) =>
    (
      await t.database.query<{
        status: string;
        pages_done: number;
        pages_total: number | null;
        error: string | null;
      }>(`SELECT status, pages_done, pages_total, error FROM ocr_runs WHERE source_sha256 = $1`, [sha256])
    )[0];
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.database.query<{ n: number }>(sql, params))[0]!.n;
  const search = async (o: Office, q: string, box = 'incoming') =>
    (await o.clerk.get(`/api/v1/documents?box=${box}&q=${encodeURIComponent(q)}`))
      .json()
      .items.map((x: { id: string }) => x.id);

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' });
    A = await makeOffice(t.app, t.database.db);
    B = await makeOffice(t.app, t.database.db);
    scan = await makeScannedDecree30(SAMPLE_CONG_VAN);
    setOcrLimits({ pollMs: 50 });
  }, 60_000);
  afterAll(() => t.close());

  it('OCRs a scanned công văn once: proposal like a text PDF, searchable PDF, body found without diacritics', async () => {
    const file = await upload(A.clerk, 'cong-van-quet.pdf', 'application/pdf', scan);
    const before = (await A.clerk.post('/api/v1/documents/prefill', { sha256: file.sha256 })).json();
    expect(before).toMatchObject({ needsOcr: true, textLength: 0 });
    expect(before.ocr).toBeUndefined();

    const first = await A.clerk.post('/api/v1/ocr', { sha256: file.sha256 });
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toMatchObject({ status: 'queued', pagesDone: 0 });
    // A second request (by anyone who may see the file) answers the same run; one job.
    const second = await A.officer.post('/api/v1/ocr', { sha256: file.sha256 });
    expect(second.statusCode).toBe(202);
    expect(second.json().createdAt).toBe(first.json().createdAt);
    expect(
      await count(`SELECT count(*)::int AS n FROM ocr_runs WHERE source_sha256 = $1`, [file.sha256]),
    ).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'ocr.run'`)).toBe(1);
    // Another agency's clerk does not see it once it is filed; a file never uploaded is not found.
    expectProblem(await A.clerk.post('/api/v1/ocr', { sha256: 'c'.repeat(64) }), 404);
    expectProblem(await A.clerk.post('/api/v1/ocr', { sha256: 'nope' }), 400);

    await runner().drain();
    const done = (await A.clerk.get(`/api/v1/ocr/${file.sha256}`)).json();
    expect(done).toMatchObject({ status: 'done', pagesDone: 1, pagesTotal: 1, error: null });
    expect(done.textLength).toBeGreaterThan(200);
    expect(done.outputSha256).toMatch(/^[0-9a-f]{64}$/);

    // The proposal now comes from the OCR text: number and date exact, the rest loosely.
    const pre = (await A.clerk.post('/api/v1/documents/prefill', { sha256: file.sha256 })).json();
    expect(pre.ocr).toMatchObject({ status: 'done', pagesDone: 1 });
    const p = pre.proposal;
    expect(p.numberNotation).toBe('05/STTTT-CNTT');
    expect(p.issuedDate).toBe('2024-01-09');
    expect(p.typeCode).toBe('cong_van');
    expect(fold(p.issuerName ?? '')).toContain('so thong tin va truyen');
    expect(fold(p.summary ?? '')).toContain('trien khai he thong quan ly');

    // Before it is filed, the searchable PDF is not handed out; filed, its reader downloads it.
    expectProblem(await A.clerk.get(`/api/v1/ocr/${file.sha256}/pdf`), 404);
    const reg = await A.clerk.post('/api/v1/documents/incoming', {
      issuerName: p.issuerName,
      numberNotation: p.numberNotation,
      typeCode: p.typeCode,
      issuedDate: p.issuedDate,
      summary: p.summary,
      files: [file],
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const { id } = reg.json();
    const pdf = await A.clerk.get(`/api/v1/ocr/${file.sha256}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = await mkdtemp(join(tmpdir(), 'ocr-test-'));
    try {
      await writeFile(join(dir, 'o.pdf'), pdf.rawPayload);
      const text = (await exec('pdftotext', [join(dir, 'o.pdf'), '-'])).stdout;
      expect(fold(text)).toContain('ke hoach so 12/kh-ubnd');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // The original scan is kept as the document's file.
    const detail = (await A.clerk.get(`/api/v1/documents/${id}`)).json();
    expect(detail.files.map((f: { sha256: string }) => f.sha256)).toContain(file.sha256);
    // B's clerk cannot see A's document: neither its OCR nor its PDF.
    expectProblem(await B.clerk.get(`/api/v1/ocr/${file.sha256}`), 404);
    expectProblem(await B.clerk.post('/api/v1/ocr', { sha256: file.sha256 }), 404);
    expectProblem(await B.clerk.get(`/api/v1/ocr/${file.sha256}/pdf`), 404);

    // The extraction job takes the OCR text: a phrase of the body, without diacritics, finds it.
    await runner().drain();
    expect(await search(A, 'bao cao ket qua ve so thong tin')).toEqual([id]);
  }, 120_000);

  it('reports progress page by page, and stops when cancelled', async () => {
    const three = await makeScannedPdf(3);
    const file = await upload(A.clerk, 'ba-trang.pdf', 'application/pdf', three);
    expect((await A.clerk.post('/api/v1/ocr', { sha256: file.sha256 })).statusCode).toBe(202);
    const seen: string[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const r = await runOf(file.sha256);
        if (r) seen.push(`${r.status}:${r.pages_done}/${r.pages_total}`);
        await new Promise((res) => setTimeout(res, 20));
      }
    })();
    await runner().drain();
    polling = false;
    await poll;
    const last = (await runOf(file.sha256))!;
    seen.push(`${last.status}:${last.pages_done}/${last.pages_total}`);
    const running = seen.filter((s) => s.startsWith('running:') && !s.endsWith('/null'));
    const dones = running.map((s) => Number(s.split(':')[1]!.split('/')[0]));
    expect(dones.some((d) => d > 0 && d < 3)).toBe(true);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);
    expect(running.every((s) => s.endsWith('/3'))).toBe(true);
    expect(seen.at(-1)).toBe('done:3/3');

    // Cancel a queued run: at once, its job finds nothing to do.
    // A real page (seconds of tesseract), so the cancel lands while it runs.
    const other = await upload(
      A.clerk,
      'quet-180.pdf',
      'application/pdf',
      await makeScannedDecree30(SAMPLE_CONG_VAN, 180),
    );
    await A.clerk.post('/api/v1/ocr', { sha256: other.sha256 });
    const c1 = await A.clerk.post(`/api/v1/ocr/${other.sha256}/cancel`);
    expect(c1.statusCode, c1.body).toBe(200);
    expect(c1.json()).toMatchObject({ status: 'cancelled', error: 'Đã hủy nhận dạng chữ.' });
    await runner().drain();
    expect((await runOf(other.sha256))!.status).toBe('cancelled');
    // Asked again, it runs; cancelled while running, the child is killed and the run says so.
    await A.clerk.post('/api/v1/ocr', { sha256: other.sha256 });
    const running2 = runner().drain();
    for (let i = 0; i < 200 && (await runOf(other.sha256))!.status !== 'running'; i++)
      await new Promise((res) => setTimeout(res, 20));
    const c2 = await A.clerk.post(`/api/v1/ocr/${other.sha256}/cancel`);
    expect(c2.json()).toMatchObject({ cancelRequested: true });
    const t0 = Date.now();
    await running2;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await runOf(other.sha256)).toMatchObject({ status: 'cancelled', error: 'Đã hủy nhận dạng chữ.' });
    // A finished run cannot be cancelled.
    expectProblem(await A.clerk.post(`/api/v1/ocr/${file.sha256}/cancel`), 409);
  }, 120_000);

  it('refuses a password-protected PDF and one above the page limit, writing nothing; says when text is there', async () => {
    const runsBefore = await count(`SELECT count(*)::int AS n FROM ocr_runs`);
    const locked = await upload(A.clerk, 'mat-khau.pdf', 'application/pdf', await lockedPdf());
    const r1 = await A.clerk.post('/api/v1/ocr', { sha256: locked.sha256 });
    expect(expectProblem(r1, 422).detail).toBe('Tệp PDF có mật khẩu, không nhận dạng chữ được.');
    setOcrLimits({ maxPages: 2 });
    try {
      const big = await upload(
        A.clerk,
        'ba-trang-nua.pdf',
        'application/pdf',
        await makeScannedPdf(3).then((b) => Buffer.concat([b, Buffer.from('\n% khac\n')])),
      );
      const r2 = await A.clerk.post('/api/v1/ocr', { sha256: big.sha256 });
      expect(expectProblem(r2, 422).detail).toBe(
        'Tệp có 3 trang, vượt quá giới hạn 2 trang cho một lần nhận dạng chữ; hãy tách tệp thành các phần nhỏ hơn.',
      );
    } finally {
      setOcrLimits({ maxPages: 300 });
    }
    const docx = await upload(A.clerk, 'a.txt', 'text/plain', Buffer.from('van ban'));
    expectProblem(await A.clerk.post('/api/v1/ocr', { sha256: docx.sha256 }), 415);
    expect(await count(`SELECT count(*)::int AS n FROM ocr_runs`)).toBe(runsBefore);
    expect(
      await count(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'ocr.run' AND status = 'queued'`),
    ).toBe(0);

    // A PDF with a text layer needs no OCR: the run says so.
    const text = await upload(
      A.clerk,
      'co-chu.pdf',
      'application/pdf',
      await makeDecree30Pdf(SAMPLE_CONG_VAN),
    );
    expect((await A.clerk.post('/api/v1/ocr', { sha256: text.sha256 })).statusCode).toBe(202);
    await runner().drain();
    expect(await runOf(text.sha256)).toMatchObject({
      status: 'not_needed',
      error: 'Tệp đã có lớp chữ, không cần nhận dạng chữ (OCR).',
    });
  }, 120_000);

  it('OCRs an image (PNG) and stops a run that passes its time limit', async () => {
    const [png] = await pdfToPngs(scan);
    const image = await upload(A.clerk, 'trang-1.png', 'image/png', png!);
    expect((await A.clerk.post('/api/v1/ocr', { sha256: image.sha256 })).statusCode).toBe(202);
    await runner().drain();
    const run = (await A.clerk.get(`/api/v1/ocr/${image.sha256}`)).json();
    expect(run).toMatchObject({ status: 'done', pagesTotal: 1 });
    const pre = (await A.clerk.post('/api/v1/documents/prefill', { sha256: image.sha256 })).json();
    expect(pre.proposal.numberNotation).toBe('05/STTTT-CNTT');

    // A whole-run limit of 300 ms: the child is killed and the run says why.
    const slow = await upload(
      A.clerk,
      'cham.pdf',
      'application/pdf',
      await makeScannedDecree30(SAMPLE_CONG_VAN, 120),
    );
    setOcrLimits({ timeoutMs: 300 });
    try {
      await A.clerk.post('/api/v1/ocr', { sha256: slow.sha256 });
      const t0 = Date.now();
      await runner().drain();
      expect(Date.now() - t0).toBeLessThan(10_000);
    } finally {
      setOcrLimits({ timeoutMs: 60 * 60_000 });
    }
    expect(await runOf(slow.sha256)).toMatchObject({
      status: 'failed',
      error: 'Nhận dạng chữ quá 1 phút nên đã dừng; hãy tách tệp thành các phần nhỏ hơn.',
    });
  }, 120_000);

  it('starts again a run left running by a process that died, not one another runner is on', async () => {
    const f = await upload(A.clerk, 'sap.pdf', 'application/pdf', await makeScannedPdf(1));
    expect((await A.clerk.post('/api/v1/ocr', { sha256: f.sha256 })).statusCode).toBe(202);
    // Another runner's fresh heartbeat: its job (taken over after the lease) leaves the run alone.
    await t.database.query(
      `UPDATE ocr_runs SET status = 'running', started_at = now(), heartbeat_at = now() WHERE source_sha256 = $1`,
      [f.sha256],
    );
    await runner().drain();
    expect((await runOf(f.sha256))!.status).toBe('running');
    // The heartbeat stopped a minute ago (the process died): the job taken over runs it again.
    await t.database.query(
      `UPDATE ocr_runs SET heartbeat_at = now() - interval '1 minute' WHERE source_sha256 = $1`,
      [f.sha256],
    );
    await t.database.query(
      `INSERT INTO jobs (kind, payload, run_at, max_attempts) VALUES ('ocr.run', $1::jsonb, now(), 8)`,
      [JSON.stringify({ sha256: f.sha256 })],
    );
    await runner().drain();
    expect(await runOf(f.sha256)).toMatchObject({ status: 'done', pages_done: 1, pages_total: 1 });
  }, 120_000);

  it('OCRs a scan arrived as a recipient’s copy without anyone asking, and the recipient finds it', async () => {
    // Another scan of the same paper (150 dpi): other bytes, so a run of its own.
    const copyScan = await makeScannedDecree30(SAMPLE_CONG_VAN, 150);
    const stored = await t.app.services.blobs.putBuffer(copyScan, {
      declaredType: 'application/pdf',
      maxBytes: 1 << 24,
    });
    await t.database.query(
      `INSERT INTO blobs (sha256, size, media_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [stored.sha256, stored.size, stored.mediaType],
    );
    const id = uuidv7();
    await t.database.db.transaction((tx) =>
      landCopies(tx, new Date(), [
        {
          id,
          agencyId: B.s.agency.id,
          source: 'edxml',
          fields: {
            typeCode: 'cong_van',
            summary: 'V/v triển khai Hệ thống quản lý văn bản',
            numberNotation: '05/STTTT-CNTT',
            issuedDate: '2024-01-09',
            issuerName: 'Sở Thông tin và Truyền thông',
            issuerCode: '000.00.00.X01',
            signerName: 'Trần Thị Bích Ngọc',
            signerTitle: 'Giám đốc',
            urgency: 'khan',
            pageCount: 1,
            copies: null,
            dueDate: null,
          },
          files: [{ ...stored, fileName: 'cv.pdf', role: 'main' }],
          arrival: { from: 'Sở Thông tin và Truyền thông', via: 'edxml' },
          notice: 'Văn bản liên thông mới đến',
        },
      ]),
    );
    // Extraction finds a scan and asks for its OCR; the run's end extracts again.
    await runner().drain();
    expect((await runOf(stored.sha256))!.status).toBe('done');
    expect(await search(B, 'de nghi cac don vi trien khai', 'to_register')).toEqual([id]);
    // B's clerk sees the copy: status and the searchable PDF are theirs to read.
    expect((await B.clerk.get(`/api/v1/ocr/${stored.sha256}`)).json().status).toBe('done');
    expect((await B.clerk.get(`/api/v1/ocr/${stored.sha256}/pdf`)).statusCode).toBe(200);
  }, 120_000);
});
