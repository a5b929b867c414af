import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeDecree30Docx,
  makeDecree30Pdf,
  makePagePng,
  makeScannedPdf,
  SAMPLE_CONG_VAN,
  SAMPLE_DECISION,
} from './testing/make-docs.ts';
import {
  cannotHoldText,
  checkDocxArchive,
  DOCX_TYPE,
  ExtractTextError,
  extractText,
  layoutPage,
} from './text.ts';

const SAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'samples');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lt-extract-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, data: Buffer | string): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, data);
  return p;
}

/** The rejection of `p`, which must be an ExtractTextError. */
async function failure(p: Promise<unknown>): Promise<ExtractTextError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExtractTextError);
  return err as ExtractTextError;
}

describe('extractText: PDF', () => {
  it('reads a Decree 30 decision with its header columns side by side', async () => {
    const p = await file('qd.pdf', await makeDecree30Pdf(SAMPLE_DECISION));
    const r = await extractText(p, 'application/pdf');
    expect(r).toMatchObject({ pages: 1, truncated: false, needsOcr: false });
    const lines = r.text.split('\n');
    // Left and right columns of one baseline come out on one line, a tab between them.
    expect(lines).toContain('Số: 123/QĐ-UBND\tVĩnh Long, ngày 05 tháng 3 năm 2020');
    expect(lines[0]).toMatch(/^ỦY BAN NHÂN DÂN TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    expect(lines).toContain('QUYẾT ĐỊNH');
    expect(r.text).toContain('Nguyễn Văn An');
    expect(r.text).toBe(r.text.normalize('NFC'));
  });

  it('counts pages and keeps text from all of them', async () => {
    const long = { ...SAMPLE_CONG_VAN, body: Array(40).fill(SAMPLE_CONG_VAN.body.split('\n')[0]).join('\n') };
    const p = await file('long.pdf', await makeDecree30Pdf(long));
    const r = await extractText(p, 'application/pdf');
    expect(r.pages).toBeGreaterThanOrEqual(3);
    expect(r.text).toContain('Trần Thị Bích Ngọc');

    const firstPage = await extractText(p, 'application/pdf', { maxPages: 1 });
    expect(firstPage).toMatchObject({ pages: r.pages, truncated: true });
    expect(firstPage.text).not.toContain('Trần Thị Bích Ngọc');

    const capped = await extractText(p, 'application/pdf', { maxTextBytes: 2000 });
    expect(capped.truncated).toBe(true);
    expect(Buffer.byteLength(capped.text)).toBeLessThanOrEqual(2000);
    expect(capped.text.startsWith('UBND TỈNH VĨNH LONG')).toBe(true);
  });

  it('returns empty text, not an error, for a scan without a text layer', async () => {
    const p = await file('scan.pdf', await makeScannedPdf(2));
    expect(await extractText(p, 'application/pdf')).toEqual({
      text: '',
      pages: 2,
      truncated: false,
      needsOcr: true,
    });
  });

  it('does not open a PDF that cannot hold text when only the text matters (the search index)', async () => {
    const scan = await makeScannedPdf(2);
    expect(cannotHoldText(scan)).toBe(true);
    const p = await file('scan-only-text.pdf', scan);
    expect(await extractText(p, 'application/pdf', { textOnly: true })).toEqual({
      text: '',
      pages: null,
      truncated: false,
      needsOcr: true,
    });
    // A PDF with text always names a font (or packs its objects, which are then read by pdf.js).
    const decision = await makeDecree30Pdf(SAMPLE_DECISION);
    expect(cannotHoldText(decision)).toBe(false);
    const q = await file('qd-text-only.pdf', decision);
    expect((await extractText(q, 'application/pdf', { textOnly: true })).text).toContain('QUYẾT ĐỊNH');
    expect(cannotHoldText(Buffer.from('%PDF-1.5\n1 0 obj<</Type/ObjStm/N 3>>stream'))).toBe(false);
  });

  it('treats images as needing OCR', async () => {
    const p = await file('page.png', makePagePng());
    expect(await extractText(p, 'image/png')).toEqual({
      text: '',
      pages: null,
      truncated: false,
      needsOcr: true,
    });
  });

  it('reports a corrupt PDF with a message for the clerk', async () => {
    const garbage = await file('garbage.pdf', Buffer.from('%PDF-1.7\nthis is not really a PDF\n%%EOF\n'));
    const e = await failure(extractText(garbage, 'application/pdf'));
    expect(e.reason).toBe('corrupt');
    expect(e.code).toBe('bad_request');
    expect(e.status).toBe(400);
    expect(e.detail).toMatch(/PDF bị hỏng/);

    const random = await file(
      'random.pdf',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    );
    expect((await failure(extractText(random, 'application/pdf'))).reason).toBe('corrupt');
  });

  it('never crashes on a PDF cut in half', async () => {
    const whole = await makeDecree30Pdf(SAMPLE_DECISION);
    for (const fraction of [0.25, 0.5, 0.9]) {
      const p = await file(`cut-${fraction}.pdf`, whole.subarray(0, Math.floor(whole.length * fraction)));
      // pdf.js may rebuild a damaged file; either it yields text or a clear error, never a crash.
      try {
        const r = await extractText(p, 'application/pdf');
        expect(typeof r.text).toBe('string');
      } catch (e) {
        expect(e).toBeInstanceOf(ExtractTextError);
      }
    }
  });

  it('reports a password-protected PDF', async () => {
    const doc = new PDFDocument({ userPassword: 'secret', pdfVersion: '1.7' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.text('secret');
    doc.end();
    await ended;
    const p = await file('locked.pdf', Buffer.concat(chunks));
    const e = await failure(extractText(p, 'application/pdf'));
    expect(e.reason).toBe('encrypted');
    expect(e.detail).toMatch(/mật khẩu/);
  });

  it('gives up on a PDF that takes too long', async () => {
    const p = await file('slow.pdf', await makeDecree30Pdf(SAMPLE_DECISION));
    const e = await failure(extractText(p, 'application/pdf', { timeoutMs: 0 }));
    expect(e.reason).toBe('too_large');
  });

  it('refuses files over the size limit before reading them', async () => {
    const p = await file('big.pdf', await makeDecree30Pdf(SAMPLE_DECISION));
    const e = await failure(extractText(p, 'application/pdf', { maxFileBytes: 1000 }));
    expect(e.reason).toBe('too_large');
    expect(e.status).toBe(413);
  });
});

describe('extractText: DOCX', () => {
  it('reads paragraphs and table cells, one paragraph per line', async () => {
    const p = await file('cv.docx', await makeDecree30Docx(SAMPLE_CONG_VAN));
    const r = await extractText(p, DOCX_TYPE);
    expect(r).toMatchObject({ pages: null, truncated: false, needsOcr: false });
    const lines = r.text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['UBND TỈNH VĨNH LONG', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG']);
    expect(lines).toContain('Số: 05/STTTT-CNTT');
    expect(lines).toContain('Vĩnh Long, ngày 09 tháng 01 năm 2024');
    expect(lines.at(-1)).toBe('Trần Thị Bích Ngọc');
  });

  it('accepts a media type with parameters', async () => {
    const p = await file('qd.docx', await makeDecree30Docx(SAMPLE_DECISION));
    const r = await extractText(p, `${DOCX_TYPE.toUpperCase()}; charset=binary`);
    expect(r.text).toContain('QUYẾT ĐỊNH');
  });

  it('reports what is not a DOCX', async () => {
    const notZip = await file('not.docx', Buffer.from('just text, no zip'));
    expect((await failure(extractText(notZip, DOCX_TYPE))).reason).toBe('corrupt');
    // A PDF given a DOCX media type.
    const pdf = await file('pdf.docx', await makeDecree30Pdf(SAMPLE_DECISION));
    expect((await failure(extractText(pdf, DOCX_TYPE))).reason).toBe('corrupt');
    // A valid zip that is not a Word document.
    const zip = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('x')] }] }));
    const renamed = Buffer.from(
      zip.toString('latin1').replaceAll('word/document.xml', 'word/docu_ent.xml'),
      'latin1',
    );
    const e = await failure(extractText(await file('odd.docx', renamed), DOCX_TYPE));
    expect(e.reason).toBe('corrupt');
    expect(e.detail).toMatch(/DOCX/);
    // A zip with no Word parts at all is refused before mammoth opens it.
    const noWord = Buffer.from(zip.toString('latin1').replaceAll('word/', 'wxrd/'), 'latin1');
    expect(() => checkDocxArchive(noWord)).toThrow(ExtractTextError);
  });

  it('refuses a DOCX that unpacks to more XML than allowed', async () => {
    const big = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Nội dung rất dài. '.repeat(200_000))] }] }),
    );
    expect(big.length).toBeLessThan(200_000); // compresses well: the archive itself is small
    const p = await file('bomb.docx', big);
    const e = await failure(extractText(p, DOCX_TYPE, { maxDocxXmlBytes: 1024 * 1024 }));
    expect(e.reason).toBe('too_large');
    expect(() => checkDocxArchive(big)).not.toThrow();
  });
});

describe('extractText: plain text and other types', () => {
  it('reads the sample directives as they are', async () => {
    const p = path.join(SAMPLES, 'chi-thi-van-hanh-de-an-112.txt');
    const r = await extractText(p, 'text/plain; charset=utf-8');
    expect(r).toMatchObject({ pages: null, truncated: false, needsOcr: false });
    expect(r.text.startsWith('CHỈ THỊ\nV/V VẬN HÀNH')).toBe(true);
    expect(r.text).toContain('Chỉ thị số: 10/2006/CT-TTg');
    // The same text, less trailing spaces on lines.
    expect(r.text).toBe((await readFile(p, 'utf8')).replace(/[ \t]+$/gm, '').trim());
  });

  it('decodes UTF-8 with a BOM and UTF-16', async () => {
    const text = 'Số: 05/UBND-VP\nV/v họp giao ban';
    const bom = await file('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect((await extractText(bom, 'text/plain')).text).toBe(text);
    const utf16 = await file(
      'u16.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    expect((await extractText(utf16, 'text/plain')).text).toBe(text);
    const crlf = await file('crlf.txt', `${text.replace('\n', '\r\n')}\r\n`);
    expect((await extractText(crlf, 'text/plain')).text).toBe(text);
  });

  it('stops at the text limit', async () => {
    const p = await file('long.txt', 'Văn bản '.repeat(10_000));
    const r = await extractText(p, 'text/plain', { maxTextBytes: 1000 });
    expect(r.truncated).toBe(true);
    expect(Buffer.byteLength(r.text)).toBeLessThanOrEqual(1000);
    expect(r.text).not.toMatch(/\uFFFD/);
  });

  it('refuses types it cannot read', async () => {
    const p = await file('sheet.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    const e = await failure(extractText(p, 'application/vnd.ms-excel'));
    expect(e.reason).toBe('unsupported');
    expect(e.status).toBe(415);
  });
});

describe('layoutPage', () => {
  const item = (str: string, x: number, y: number, opts: { size?: number; rotate?: boolean } = {}) => {
    const size = opts.size ?? 12;
    return {
      str,
      transform: opts.rotate ? [0, size, -size, 0, x, y] : [size, 0, 0, size, x, y],
      width: str.length * size * 0.5,
      height: size,
      hasEOL: false,
    };
  };

  it('puts the two header columns of a line side by side, whatever the drawing order', () => {
    const right = [
      item('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 280, 800),
      item('Vĩnh Long, ngày 05 tháng 3 năm 2020', 290, 770.4),
    ];
    const left = [item('ỦY BAN NHÂN DÂN', 80, 800.5), item('Số:', 90, 770), item('123/QĐ-UBND', 112, 770)];
    const expected =
      'ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 123/QĐ-UBND\tVĩnh Long, ngày 05 tháng 3 năm 2020';
    expect(layoutPage([...right, ...left])).toBe(expected);
    expect(layoutPage([...left, ...right])).toBe(expected);
  });

  it('keeps rotated text out of the lines and reads an all-rotated page in drawing order', () => {
    const text = layoutPage([item('QUYẾT ĐỊNH', 250, 700), item('BẢN SAO', 100, 400, { rotate: true })]);
    expect(text).toBe('QUYẾT ĐỊNH\n\nBẢN SAO');
    expect(layoutPage([item('A', 0, 0, { rotate: true }), item('B', 0, 20, { rotate: true })])).toBe('AB');
  });

  it('stays linear on a page with very many items', () => {
    const many = Array.from({ length: 50_000 }, (_, i) =>
      item(`w${i}`, (i % 50) * 10, 800 - Math.floor(i / 50) * 0.7),
    );
    const started = performance.now();
    layoutPage(many);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
