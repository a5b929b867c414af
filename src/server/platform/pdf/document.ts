import { type EventEmitter, once } from 'node:events';
import { createRequire } from 'node:module';
import { PassThrough, type Writable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/**
 * DejaVu Serif: a free serif face with every Vietnamese glyph (the PDF standard fonts have none).
 * Decree 30/2020, Appendix I asks for a Unicode (TCVN 6909:2001) Times New Roman-like face; DejaVu
 * Serif is the closest one we may ship.
 */
export const FONT_FILES = {
  serif: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf'),
  'serif-bold': require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf'),
  'serif-italic': require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf'),
} as const;
export type FontName = keyof typeof FONT_FILES;

export type PdfOptions = PDFKit.PDFDocumentOptions & { title: string };

/**
 * A PDF with the fonts registered and no page yet (the caller adds them, with their own size and
 * margins), written to `out` as it is produced (no page buffering).
 */
export function createPdf(out: Writable, options: PdfOptions): PDFKit.PDFDocument {
  const { title, ...rest } = options;
  const doc = new PDFDocument({
    ...rest,
    autoFirstPage: false,
    bufferPages: false,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: title, Creator: 'Liên Thông', Producer: 'Liên Thông (pdfkit)' },
  });
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, file);
  doc.pipe(out);
  return doc;
}

/**
 * A PDF kept in memory, for printouts small enough to hold (a list of dossiers, a record): `end()`
 * finishes it and gives its bytes.
 */
export function createPdfBuffer(options: PdfOptions): {
  doc: PDFKit.PDFDocument;
  end: () => Promise<Buffer>;
} {
  const out = new PassThrough();
  const doc = createPdf(out, options);
  const bytes = buffer(out);
  return {
    doc,
    end: async () => {
      doc.end();
      return bytes;
    },
  };
}

/** Ends the document and waits until every byte has been handed to the output (or it closed). */
export async function finishPdf(doc: PDFKit.PDFDocument, out: Writable): Promise<void> {
  if (out.destroyed) {
    doc.end();
    return;
  }
  const ended = firstOf([
    [doc, 'end'],
    [out, 'close'],
  ]);
  doc.end();
  await ended;
}

/**
 * pdfkit and exceljs push bytes without regard to the reader, so a slow download would pile the
 * whole file up in memory. Producers call this between batches (pages, pages of rows): it lets the
 * piped bytes move on, waits while the output is full, and returns false when the reader went
 * away — the caller then stops reading the database.
 */
export async function waitForRoom(out: Writable): Promise<boolean> {
  // Piped data moves on process ticks, which a busy producer starves: yield so it reaches `out`.
  await new Promise((resolve) => setImmediate(resolve));
  while (out.writableNeedDrain && !out.destroyed) {
    await firstOf([
      [out, 'drain'],
      [out, 'close'],
    ]);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return !out.destroyed;
}

/** Resolves on the first of these events (rejects on an 'error' of any emitter); drops the other listeners. */
export async function firstOf(events: [EventEmitter, string][]): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race(events.map(([emitter, name]) => once(emitter, name, { signal: stop.signal })));
  } finally {
    stop.abort();
  }
}

/**
 * pdfkit caches the shaped layout of every distinct word for the life of the document: 25 KB a
 * page of a register, 50 MB for a big year. Without the cache rendering is several times slower, so
 * long documents empty it now and then instead (every few dozen pages). `_fontFamilies` and
 * `layoutCache` are pdfkit internals (0.20): if they change, this quietly does nothing.
 */
export function trimFontCaches(doc: PDFKit.PDFDocument): void {
  const fonts = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })
    ._fontFamilies;
  for (const font of Object.values(fonts ?? {})) {
    if (font.layoutCache) font.layoutCache = Object.create(null);
  }
}
