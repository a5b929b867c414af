/**
 * The PDF toolkit of every printout (registers, the handling slip, dossier lists, records, a
 * dossier bound into one file): pdfkit with fonts that have every Vietnamese glyph, streaming with
 * backpressure, the administrative layout of Decree 30/2020 Appendix I, ruled tables, page numbers,
 * and binding PDFs with pdf-lib. Modules bring the content; nothing here knows a document or a dossier.
 */
export {
  createPdf,
  createPdfBuffer,
  FONT_FILES,
  type FontName,
  finishPdf,
  firstOf,
  type PdfOptions,
  trimFontCaches,
  waitForRoom,
} from './document.ts';
export {
  type Band,
  BLANK_LONG_DATE,
  drawFillLine,
  drawHeading,
  drawPageNumber,
  drawSignatures,
  type HeadingOptions,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  rule,
} from './layout.ts';
export { type Column, ListPdf, type Row } from './list.ts';
export { PdfBinder, pdfPageCount } from './merge.ts';
export { type Align, type GridColumn, type GridStyle, GridTable } from './table.ts';
