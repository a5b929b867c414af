import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { createPdfBuffer, drawHeading, GridTable, ListPdf, PdfBinder, pdfPageCount } from './index.ts';

const textOf = async (pdf: Buffer) => {
  const { totalPages, text } = await extractText(new Uint8Array(pdf), { mergePages: false });
  return { pages: totalPages, text: text.map((p) => p.replace(/\s+/g, ' ')) };
};

describe('PDF toolkit', () => {
  it('lays out an appendix list: heading with the motto, title, numbered table across pages, signatures', async () => {
    const list = new ListPdf('Danh sách thử', false);
    list.heading('Ủy ban nhân dân tỉnh Vĩnh Long', 'Sở Nội vụ');
    list.title([{ text: 'DANH SÁCH', size: 14 }]);
    list.table(
      [
        { title: 'STT', width: 1, align: 'center' },
        { title: 'Tên', width: 5 },
      ],
      Array.from({ length: 80 }, (_, i) => ({ cells: [String(i + 1), `Dòng thứ ${i + 1}`], bold: i === 0 })),
    );
    list.signatures([{ role: 'NGƯỜI LẬP', name: 'Nguyễn Văn A' }]);
    const { pages, text } = await textOf(await list.end());
    expect(pages).toBeGreaterThan(1);
    expect(text[0]).toContain('ỦY BAN NHÂN DÂN TỈNH VĨNH LONG SỞ NỘI VỤ');
    expect(text[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc');
    expect(text[0]).toContain('DANH SÁCH STT (1) Tên (2) 1 Dòng thứ 1');
    expect(text.at(-1)).toContain('Dòng thứ 80');
    expect(text.at(-1)).toContain('NGƯỜI LẬP (Ký và ghi rõ họ và tên) Nguyễn Văn A');
  });

  it('writes the place and date line under the motto, or leaves the date to the pen', async () => {
    for (const [date, line] of [
      ['2026-03-05', 'Vĩnh Long, ngày 05 tháng 3 năm 2026'],
      [null, 'Vĩnh Long, ngày … tháng … năm …'],
    ] as const) {
      const { doc, end } = createPdfBuffer({ title: 't' });
      doc.addPage({ size: 'A4', margins: { top: 57, bottom: 57, left: 85, right: 50 } });
      const bottom = drawHeading(doc, { left: 85, width: 460 }, 57, {
        agencyName: 'Sở Nội vụ',
        placeAndDate: { place: 'Vĩnh Long', date },
      });
      expect(bottom).toBeGreaterThan(57);
      expect((await textOf(await end())).text[0]).toContain(line);
    }
  });

  it('measures rows between the smallest and tallest height and wraps long text', () => {
    const { doc } = createPdfBuffer({ title: 't' });
    doc.addPage({ size: 'A4' });
    const grid = new GridTable(doc, { left: 50, width: 300 }, [{ title: 'A', weight: 1 }], {
      minRow: 20,
      maxRow: 100,
    });
    const one = grid.measure(['ngắn']);
    expect(one).toBe(20);
    expect(grid.measure(['một đoạn văn rất dài '.repeat(8)])).toBeGreaterThan(one);
    expect(grid.measure(['một đoạn văn rất dài '.repeat(200)])).toBe(100);
  });

  it('binds PDFs one after another and says where each begins', async () => {
    const part = async (pages: number) => {
      const { doc, end } = createPdfBuffer({ title: 'p' });
      for (let i = 0; i < pages; i++) doc.addPage({ size: 'A5' }).font('serif').text(`trang ${i}`);
      return end();
    };
    const binder = await PdfBinder.create();
    expect(await binder.append(await part(2))).toBe(1);
    expect(await binder.append(await part(3))).toBe(3);
    await expect(binder.append(Buffer.from('not a pdf'))).rejects.toThrow();
    expect(binder.pageCount).toBe(5);
    const bound = await binder.save(await part(1), { title: 'Hồ sơ' });
    expect(await pdfPageCount(bound)).toBe(6);
    expect(await pdfPageCount(Buffer.from('not a pdf'))).toBeNull();
  });
});
