import { PDFDocument } from 'pdf-lib';
import { formatViLongDate } from '../../../../shared/calendar/vn-time.ts';
import { COPY_FORM_INFO, type CopyForm } from '../../../../shared/legal/copies.ts';
import { createPdfBuffer } from '../../../platform/pdf/index.ts';

/** What the copy's own block says (Decree 30/2020, Appendix I, Part II, II.1; Appendix III model). */
export interface CopyBlock {
  form: CopyForm;
  agencyName: string;
  numberNotation: string;
  /** YYYY-MM-DD */
  date: string;
  recipients: string[];
  /** For a trích sao: the source it is taken from and the part copied. */
  excerpt?: { source: string; text: string };
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 57, bottom: 57, left: 85, right: 57 };

/**
 * The copy's PDF. Sao y and sao lục: every page of the source, then the copy's block on a page of its
 * own below a full-width rule (Part II, II.2.a). Trích sao: the part copied, re-created in full
 * form (Art. 25.3.b), then the block. The agency's digital signature, when it has a key, is added
 * after (signatures' signCopy); without one the block printed here is the copy's only mark.
 */
export async function buildCopyPdf(source: Buffer | null, block: CopyBlock): Promise<Buffer> {
  const out = await PDFDocument.create();
  out.setTitle(`${COPY_FORM_INFO[block.form].name} ${block.numberNotation}`);
  out.setCreator('Liên Thông');
  const parts =
    source && block.form !== 'trich_sao' ? [source, await blockPdf(block)] : [await blockPdf(block)];
  for (const bytes of parts) {
    const src = await PDFDocument.load(bytes, { ignoreEncryption: true });
    for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
  }
  // A classic cross-reference table: the signature is an incremental update that readers of
  // cross-reference streams would not follow (pdftotext, some viewers).
  return Buffer.from(await out.save({ useObjectStreams: false }));
}

async function blockPdf(b: CopyBlock): Promise<Buffer> {
  const info = COPY_FORM_INFO[b.form];
  const { doc, end } = createPdfBuffer({ title: `${info.name} ${b.numberNotation}`, size: 'A4' });
  doc.addPage({ size: 'A4', margins: MARGIN });
  const left = MARGIN.left;
  const width = A4.width - MARGIN.left - MARGIN.right;
  if (b.excerpt) {
    doc.font('serif-italic').fontSize(12).text(`Trích từ: ${b.excerpt.source}`, left, MARGIN.top, { width });
    doc.moveDown(0.8);
    doc.font('serif').fontSize(13).text(b.excerpt.text, { width, align: 'justify' });
    doc.moveDown(1.5);
  }
  const top = doc.y;
  doc
    .lineWidth(0.7)
    .moveTo(left, top)
    .lineTo(left + width, top)
    .stroke();
  const y = top + 10;
  const colW = width * 0.45;
  doc
    .font('serif-bold')
    .fontSize(12)
    .text(b.agencyName.toLocaleUpperCase('vi'), left, y, { width: colW, align: 'center' });
  doc
    .font('serif')
    .fontSize(13)
    .text(`Số: ${b.numberNotation}`, left, doc.y + 6, { width: colW, align: 'center' });
  const leftBottom = doc.y;
  const rx = left + colW;
  const rw = width - colW;
  doc.font('serif-bold').fontSize(14).text(info.stamp, rx, y, { width: rw, align: 'center' });
  doc
    .font('serif-italic')
    .fontSize(13)
    .text(formatViLongDate(b.date), rx, doc.y + 6, { width: rw, align: 'center' });
  doc.y = Math.max(doc.y, leftBottom) + 16;
  doc.font('serif-bold').fontSize(12).text('Nơi nhận:', left, doc.y, { width: colW });
  doc.font('serif').fontSize(11);
  for (const r of b.recipients) doc.text(`- ${r};`, { width: colW });
  doc.text('- Lưu: VT.', { width: colW });
  return end();
}
