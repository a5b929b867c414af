import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roman } from '../../../shared/vi-text.ts';
import { OfficeConverter } from '../../platform/office/index.ts';
import type { ReportDocument } from './report-document.ts';
import {
  recipientLines,
  renderReportDocx,
  renderReportPdf,
  reportFileName,
  reportPdf,
} from './report-docx.ts';

const HAS_SOFFICE = fs.existsSync('/usr/bin/soffice') && fs.existsSync('/usr/bin/python3');
// Under CI the PDF tests must run: a missing LibreOffice fails them instead of skipping.
const RUN_PDF = HAS_SOFFICE || process.env.CI === 'true';

const model: ReportDocument = {
  issuer: { name: 'Sở Khoa học và Công nghệ', parentName: 'Ủy ban nhân dân tỉnh Hà Giang' },
  numberSuffix: 'BC-SKHCN',
  place: 'Hà Giang',
  date: '2026-07-15',
  subject: 'Tình hình ứng dụng công nghệ thông tin 6 tháng đầu năm 2026',
  sections: [
    {
      kind: 'text',
      title: 'Kết quả thực hiện',
      paragraphs: [
        {
          heading: 'Sở Tài chính',
          text: 'Đã triển khai hệ thống quản lý văn bản và điều hành tới 100% phòng chuyên môn.\nTỷ lệ văn bản điện tử đạt 98%.',
        },
        {
          heading: 'Ủy ban nhân dân huyện Đồng Văn',
          text: 'Hoàn thành nâng cấp mạng LAN của 19 xã, thị trấn.',
        },
      ],
    },
    {
      kind: 'table',
      title: 'Số liệu tổng hợp',
      rows: [
        { label: 'Văn bản đi phát hành', unit: 'văn bản', value: '12.345' },
        { label: 'Tỷ lệ gửi hoàn toàn điện tử', unit: '%', value: '97,6' },
        { label: 'Hồ sơ công việc mở', value: '842' },
      ],
    },
    {
      kind: 'text',
      title: 'Phương hướng, nhiệm vụ 6 tháng cuối năm',
      paragraphs: [{ text: 'Tiếp tục số hóa hồ sơ.' }],
    },
  ],
  missing: [
    { agencyName: 'Ủy ban nhân dân huyện Mèo Vạc', status: 'Chưa gửi' },
    { agencyName: 'Sở Y tế', status: 'Bị trả lại' },
  ],
  recipients: ['Ủy ban nhân dân tỉnh (để b/c)', '- Bộ Khoa học và Công nghệ;', 'Lưu: VT, CNTT'],
  signer: { position: 'Giám đốc', name: 'Nguyễn Văn Hòa' },
};

/** The text mammoth reads back, whitespace folded. */
async function textOf(docx: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: docx });
  return value.replace(/\s+/g, ' ');
}

describe('report DOCX (Decree 30/2020 layout)', () => {
  let docx: Buffer;
  let text: string;
  beforeAll(async () => {
    docx = await renderReportDocx(model);
    text = await textOf(docx);
  });

  it('prints the header: agency, number, national title and motto, date line', () => {
    for (const s of [
      'ỦY BAN NHÂN DÂN TỈNH HÀ GIANG',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Giang, ngày 15 tháng 7 năm 2026',
      'BÁO CÁO',
      'Tình hình ứng dụng công nghệ thông tin 6 tháng đầu năm 2026',
    ])
      expect(text).toContain(s);
    // The number is left for the clerk: "Số:" then blanks then the suffix.
    expect(text).toMatch(/Số: +\/BC-SKHCN/);
    // Parent body before the agency, the agency before the number, the header before the title.
    const at = (s: string) => text.indexOf(s);
    expect(at('ỦY BAN NHÂN DÂN TỈNH HÀ GIANG')).toBeLessThan(at('SỞ KHOA HỌC VÀ CÔNG NGHỆ'));
    expect(at('SỞ KHOA HỌC VÀ CÔNG NGHỆ')).toBeLessThan(at('Số:'));
    expect(at('Hà Giang, ngày')).toBeLessThan(at('BÁO CÁO'));
  });

  it('numbers the sections in Roman numerals, with agencies as sub-headings, the table and the missing agencies', () => {
    for (const s of [
      'I. KẾT QUẢ THỰC HIỆN',
      'Sở Tài chính',
      'Tỷ lệ văn bản điện tử đạt 98%.',
      'II. SỐ LIỆU TỔNG HỢP',
      'STT Nội dung Đơn vị tính Số liệu',
      '1 Văn bản đi phát hành văn bản 12.345',
      '2 Tỷ lệ gửi hoàn toàn điện tử % 97,6',
      'III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM',
      'IV. CÁC ĐƠN VỊ CHƯA GỬI BÁO CÁO',
      '1 Ủy ban nhân dân huyện Mèo Vạc Chưa gửi',
      '2 Sở Y tế Bị trả lại',
    ])
      expect(text).toContain(s);
    // The agency's name is bold, its paragraphs are not.
    const xml = new PizZip(docx).file('word/document.xml')!.asText();
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:t[^>]*>Sở Tài chính<\/w:t>/s);
    // The figures' table has borders.
    expect(xml).toMatch(/<w:tblBorders>(?:(?!<\/w:tblBorders>).)*<w:insideH w:val="single"/s);
  });

  it('ends with "Nơi nhận" and the signature', () => {
    for (const s of [
      'Nơi nhận:',
      '- Ủy ban nhân dân tỉnh (để b/c);',
      '- Bộ Khoa học và Công nghệ;',
      '- Lưu: VT, CNTT.',
      'GIÁM ĐỐC',
      'Nguyễn Văn Hòa',
    ])
      expect(text).toContain(s);
    expect(text.indexOf('Nơi nhận:')).toBeGreaterThan(text.indexOf('CÁC ĐƠN VỊ CHƯA GỬI BÁO CÁO'));
  });

  it('sets A4, the decree margins and Times New Roman', () => {
    const zip = new PizZip(docx);
    const xml = zip.file('word/document.xml')!.asText();
    const size = /<w:pgSz ([^>]*)\/>/.exec(xml)![1]!;
    expect(Number(/w:w="(\d+)"/.exec(size)![1])).toBeCloseTo(11906, -1); // 210 mm
    expect(Number(/w:h="(\d+)"/.exec(size)![1])).toBeCloseTo(16838, -1); // 297 mm
    const mar = /<w:pgMar ([^>]*)\/>/.exec(xml)![1]!;
    const twips = (k: string) => Number(new RegExp(`w:${k}="(\\d+)"`).exec(mar)![1]);
    expect(twips('top') / 56.7).toBeCloseTo(20, 0);
    expect(twips('bottom') / 56.7).toBeCloseTo(20, 0);
    expect(twips('left') / 56.7).toBeCloseTo(30, 0);
    expect(twips('right') / 56.7).toBeCloseTo(15, 0);
    expect(xml).toContain('w:ascii="Times New Roman"');
    // Body text at 14 pt (28 half-points); the page number shown from page 2 only.
    expect(xml).toContain('<w:sz w:val="28"/>');
    expect(xml).toContain('<w:titlePg/>');
  });

  it('prints "all reported" for a consolidated report with none missing, and no such section for an agency report', async () => {
    const all = await textOf(await renderReportDocx({ ...model, missing: [] }));
    expect(all).toContain('IV. CÁC ĐƠN VỊ CHƯA GỬI BÁO CÁO Tất cả các đơn vị đã gửi báo cáo.');
    const own = await textOf(
      await renderReportDocx({ ...model, missing: undefined, issuer: { ...model.issuer, parentName: null } }),
    );
    expect(own).not.toContain('CHƯA GỬI BÁO CÁO');
    expect(own).not.toContain('ỦY BAN NHÂN DÂN TỈNH HÀ GIANG');
  });

  it('drops characters XML forbids instead of writing a broken file', async () => {
    const t = await textOf(
      await renderReportDocx({
        ...model,
        sections: [
          {
            kind: 'text',
            title: 'Ghi chú',
            paragraphs: [{ text: 'Nội\u0001 dung <có> & "ký tự"\u000B lạ' }],
          },
        ],
      }),
    );
    expect(t).toContain('Nội dung <có> & "ký tự" lạ');
  });

  it('helpers: Roman numerals, recipient lines, file name', () => {
    expect([1, 4, 9, 14, 40].map(roman)).toEqual(['I', 'IV', 'IX', 'XIV', 'XL']);
    expect(recipientLines(['A', '- B.', '  ', 'C;'])).toEqual(['- A;', '- B;', '- C.']);
    expect(reportFileName(model, 'pdf')).toBe('bao-cao-BC-SKHCN-2026-07-15.pdf');
  });
});

describe.runIf(RUN_PDF)('report PDF (LibreOffice)', () => {
  let dataDir: string;
  let workDir: string;
  let office: OfficeConverter;
  beforeAll(() => {
    if (!HAS_SOFFICE)
      throw new Error(
        'CI=true but LibreOffice (soffice, python3) is missing: the PDF tests cannot be skipped.',
      );
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-report-pdf-'));
    workDir = path.join(dataDir, 'office');
    office = new OfficeConverter({ workDir, timeoutMs: 60_000 });
  });
  afterAll(async () => {
    await office?.close();
    const { closeOffice } = await import('../../platform/office/index.ts');
    if (dataDir) {
      await closeOffice(dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  function pdfText(pdf: Buffer): string {
    const file = path.join(dataDir, `r-${Math.random().toString(36).slice(2)}.pdf`);
    fs.writeFileSync(file, pdf);
    try {
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    } finally {
      fs.rmSync(file);
    }
  }
  function pdfInfo(pdf: Buffer): string {
    const file = path.join(dataDir, 'info.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  }

  it('converts to an A4 PDF with the header, the figures and the missing agencies', async () => {
    const pdf = await renderReportPdf(office, model);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'Hà Giang, ngày 15 tháng 7 năm 2026',
      'BÁO CÁO',
      '12.345',
      'Ủy ban nhân dân huyện Mèo Vạc',
      'Nguyễn Văn Hòa',
    ])
      expect(text).toContain(s);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(pdfInfo(pdf))!;
    // A4 is 595.28 × 841.89 pt.
    expect(Number(size[1])).toBeCloseTo(595.3, 0);
    expect(Number(size[2])).toBeCloseTo(841.9, 0);
  });

  it('numbers pages from the second one, and converts through the route helper', async () => {
    const long: ReportDocument = {
      ...model,
      sections: [
        {
          kind: 'text',
          title: 'Kết quả',
          paragraphs: Array.from({ length: 40 }, (_, i) => ({
            heading: `Đơn vị số ${i + 1}`,
            text: 'Triển khai phần mềm quản lý văn bản, chữ ký số và dịch vụ công trực tuyến toàn trình.',
          })),
        },
      ],
    };
    const pdf = await reportPdf({ config: { dataDir } as never }, long);
    const pages = Number(/Pages:\s+(\d+)/.exec(pdfInfo(pdf))![1]);
    expect(pages).toBeGreaterThan(1);
    const file = path.join(dataDir, 'p2.pdf');
    fs.writeFileSync(file, pdf);
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).trim();
    const second = execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' }).trim();
    expect(first.split('\n')[0]).not.toBe('1');
    expect(second.split('\n')[0]).toBe('2');
  });
});
