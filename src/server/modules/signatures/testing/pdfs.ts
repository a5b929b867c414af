import { createPdfBuffer } from '../../../platform/pdf/index.ts';

/** A two-page document in the Decree 30 layout (blank number and date, signature block on page 2). */
export async function decreePdf(o: { signerName: string; title?: string }): Promise<Buffer> {
  const { doc, end } = createPdfBuffer({ title: 'Văn bản thử', size: 'A4' } as never);
  doc.addPage();
  doc.font('serif').fontSize(13);
  doc.text('ỦY BAN NHÂN DÂN', 60, 60);
  doc.text('Số:        /UBND-VP', 60, 100);
  doc.text('Hà Nội, ngày      tháng      năm 2026', 300, 100);
  doc.text('V/v triển khai hệ thống văn bản điện tử', 60, 140);
  for (let i = 0; i < 20; i++)
    doc.text(`Đoạn ${i + 1}: nội dung văn bản hành chính điện tử có chữ ký số.`, 60, 180 + i * 22);
  doc.addPage();
  doc.font('serif').fontSize(13);
  doc.text('Nơi nhận:', 60, 120);
  doc.text(o.title ?? 'CHỦ TỊCH', 380, 120);
  doc.text(o.signerName, 360, 230);
  return end();
}
