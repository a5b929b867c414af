/**
 * Plain text of an uploaded document (PDF, DOCX, plain text) for full-text search and for proposing
 * the register fields from its header. Runs in a job, not in a request (DESIGN.md §1), on files the
 * user sent: every limit here is about hostile or broken input.
 *
 * - A PDF without a text layer (a scan) is not an error: the text is empty and `needsOcr` is set,
 *   so the clerk types the fields by hand. Images are treated the same way.
 * - A broken, encrypted or unsupported file throws {@link ExtractTextError}, an AppError whose
 *   Vietnamese detail can be shown as is; the job should not retry it.
 * - Output is bounded: at most 2,000 pages and 20 MB of text (UTF-8), then it stops and sets
 *   `truncated`. DOCX archives are checked for decompression bombs before they are opened.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { getDocumentProxy } from 'unpdf';
import { AppError } from '../../../platform/http/errors.ts';

export const MAX_TEXT_BYTES = 20 * 1024 * 1024;
export const MAX_PAGES = 2000;
/** Bigger files are refused before they are read into memory. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** Total unpacked size of the XML parts of a DOCX; far above 20 MB of text, far below a bomb. */
export const MAX_DOCX_XML_BYTES = 150 * 1024 * 1024;

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface ExtractedText {
  text: string;
  /** Pages of a PDF; null where the format has no fixed pages (DOCX, plain text, images). */
  pages: number | null;
  /** Stopped at a limit (pages, bytes of text or time): the text is the beginning of the document. */
  truncated: boolean;
  /** No text layer: a scan or an image. Only OCR or a person can read it. */
  needsOcr: boolean;
}

export type ExtractFailure = 'unsupported' | 'corrupt' | 'encrypted' | 'too_large';

/** A file whose text cannot be taken; `detail` is written for the clerk. */
export class ExtractTextError extends AppError {
  readonly reason: ExtractFailure;
  constructor(reason: ExtractFailure, detail: string, cause?: unknown) {
    super(
      reason === 'unsupported'
        ? 'unsupported_media_type'
        : reason === 'too_large'
          ? 'payload_too_large'
          : 'bad_request',
      detail,
      { extra: { reason } },
    );
    this.name = 'ExtractTextError';
    this.reason = reason;
    if (cause !== undefined) this.cause = cause;
  }
}

export interface ExtractOptions {
  maxTextBytes?: number;
  maxPages?: number;
  maxFileBytes?: number;
  maxDocxXmlBytes?: number;
  /**
   * Time allowed for a PDF (default 120 s): past it the text so far is returned as truncated, or,
   * when the file could not even be opened, it is refused as too large.
   */
  timeoutMs?: number;
  /**
   * Only the text matters (the search index), not the page count: a PDF that cannot hold any text is
   * not opened (see `cannotHoldText`). A scan is the usual such file.
   */
  textOnly?: boolean;
}

/**
 * Whether a PDF surely has no text to extract: text is drawn with a font, and a font is a dictionary
 * named in a page's resources as /Font, which is readable in the file unless objects are packed into
 * compressed object streams (/ObjStm). No /Font and no /ObjStm: no text, and pdf.js need not spend
 * its 2 ms or more opening the file (a scanned document, or a broken one).
 */
export function cannotHoldText(pdf: Buffer): boolean {
  return pdf.indexOf('/Font') < 0 && pdf.indexOf('/ObjStm') < 0;
}

/**
 * Text of the file at `filePath`, read according to its (sniffed) media type. Problems with the file
 * throw ExtractTextError; I/O errors (a missing blob) propagate as they are, since a retry may help.
 */
export async function extractText(
  filePath: string,
  mediaType: string,
  opts: ExtractOptions = {},
): Promise<ExtractedText> {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  const limits = {
    maxTextBytes: opts.maxTextBytes ?? MAX_TEXT_BYTES,
    maxPages: opts.maxPages ?? MAX_PAGES,
    maxFileBytes: opts.maxFileBytes ?? MAX_FILE_BYTES,
    maxDocxXmlBytes: opts.maxDocxXmlBytes ?? MAX_DOCX_XML_BYTES,
    timeoutMs: opts.timeoutMs ?? 120_000,
  };
  if (type.startsWith('image/')) return { text: '', pages: null, truncated: false, needsOcr: true };
  if (type !== 'application/pdf' && type !== DOCX_TYPE && type !== 'text/plain') {
    throw new ExtractTextError(
      'unsupported',
      'Chỉ trích xuất được nội dung từ tệp PDF, DOCX hoặc văn bản thuần (.txt).',
    );
  }
  const size = (await stat(filePath)).size;
  if (type === 'text/plain') return plainText(filePath, size, limits.maxTextBytes);
  if (size > limits.maxFileBytes) {
    throw new ExtractTextError(
      'too_large',
      `Tệp quá lớn để trích xuất nội dung (tối đa ${Math.round(limits.maxFileBytes / 1048576)} MB).`,
    );
  }
  const buf = await readFile(filePath);
  if (type === 'application/pdf' && opts.textOnly && cannotHoldText(buf))
    return { text: '', pages: null, truncated: false, needsOcr: true };
  return type === 'application/pdf' ? pdfText(buf, limits) : docxText(buf, limits);
}

// ---------------------------------------------------------------------------------------------
// Plain text
// ---------------------------------------------------------------------------------------------

async function plainText(filePath: string, size: number, maxTextBytes: number): Promise<ExtractedText> {
  // Read no more than the limit (+3 bytes so a UTF-8 BOM does not cost text).
  const handle = await open(filePath, 'r');
  try {
    const want = Math.min(size, maxTextBytes + 3);
    const buf = Buffer.alloc(want);
    const { bytesRead } = await handle.read(buf, 0, want, 0);
    const bytes = buf.subarray(0, bytesRead);
    let text: string;
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff)
      text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    else text = new TextDecoder('utf-8').decode(bytes); // strips a UTF-8 BOM, replaces invalid bytes
    const capped = capText(tidy(text), maxTextBytes);
    return { text: capped.text, pages: null, truncated: capped.truncated || size > want, needsOcr: false };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// PDF (unpdf = pdf.js, offline)
// ---------------------------------------------------------------------------------------------

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/** The fields of pdf.js text items we use (its TextItem type is not exported by unpdf). */
interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

function isTextItem(x: unknown): x is PdfTextItem {
  return typeof x === 'object' && x !== null && typeof (x as { str?: unknown }).str === 'string';
}

async function pdfText(
  buf: Buffer,
  limits: { maxTextBytes: number; maxPages: number; timeoutMs: number },
): Promise<ExtractedText> {
  const started = Date.now();
  const left = () => limits.timeoutMs - (Date.now() - started);
  let pdf: PdfDocument;
  try {
    // verbosity 0: pdf.js would otherwise print warnings about every odd font to the server log.
    const opened = await within(getDocumentProxy(new Uint8Array(buf), { verbosity: 0 }), left());
    if (opened === TIMED_OUT) {
      throw new ExtractTextError(
        'too_large',
        'Tệp PDF quá phức tạp, không đọc kịp trong thời gian cho phép.',
      );
    }
    pdf = opened;
  } catch (err) {
    if (err instanceof ExtractTextError) throw err;
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') {
      throw new ExtractTextError(
        'encrypted',
        'Tệp PDF được bảo vệ bằng mật khẩu nên không đọc được nội dung.',
        err,
      );
    }
    throw new ExtractTextError('corrupt', 'Tệp PDF bị hỏng hoặc không đúng định dạng PDF.', err);
  }
  try {
    const pages = pdf.numPages;
    const parts: string[] = [];
    let bytes = 0;
    let truncated = pages > limits.maxPages;
    const last = Math.min(pages, limits.maxPages);
    for (let n = 1; n <= last; n++) {
      let pageText = '';
      try {
        const page = await within(pdf.getPage(n), left());
        const content = page === TIMED_OUT ? TIMED_OUT : await within(page.getTextContent(), left());
        if (content === TIMED_OUT) {
          truncated = true;
          break;
        }
        pageText = layoutPage(content.items.flatMap((i) => (isTextItem(i) ? [i] : [])));
        if (page !== TIMED_OUT) page.cleanup();
      } catch {
        // One broken page should not cost the text of the others.
        pageText = '';
      }
      parts.push(pageText);
      bytes += Buffer.byteLength(pageText) + 2;
      if (bytes > limits.maxTextBytes) {
        truncated = true;
        break;
      }
    }
    const capped = capText(tidy(parts.join('\n\n')), limits.maxTextBytes);
    const text = capped.text;
    return { text, pages, truncated: truncated || capped.truncated, needsOcr: pages > 0 && text === '' };
  } catch (err) {
    throw new ExtractTextError('corrupt', 'Tệp PDF bị hỏng, không đọc được nội dung.', err);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

const TIMED_OUT = Symbol('timed out');

/**
 * `p`, or TIMED_OUT after `ms`. pdf.js works in small asynchronous steps, so this bounds most slow
 * files; a single synchronous step that never ends would still need the job to run in a worker.
 */
async function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  if (ms <= 0) return TIMED_OUT;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Lines of a page in reading order, rebuilt from the positions of the text items rather than the
 * order they were drawn in: the header of a Decree 30 document is two columns side by side, and
 * drawing order varies between producers. Items on one baseline form a line; a wide horizontal gap
 * (the space between the two header columns, or between "Nơi nhận" and the signer) becomes a tab,
 * and a tall vertical gap a blank line, so the header reader can tell blocks apart.
 * Rotated or mirrored text (a diagonal "BẢN SAO", a vertical margin note) has no place in those
 * lines: it follows them in drawing order, and a page with only such text is read in drawing order.
 */
export function layoutPage(items: PdfTextItem[]): string {
  const drawingOrder = (list: PdfTextItem[]) => list.map((i) => i.str + (i.hasEOL ? '\n' : '')).join('');
  // Whitespace items are dropped: pdf.js synthesises a space item spanning a whole column gap,
  // which would hide the gap; word spaces come back from the positions below.
  const glyphs = items.filter((i) => i.str.trim().length > 0 && i.transform.length >= 6);
  const upright = (i: PdfTextItem) => {
    const [a, b, c, d] = i.transform as [number, number, number, number];
    return a > 0 && d > 0 && Math.abs(b) <= 0.01 * a && Math.abs(c) <= 0.01 * d;
  };
  const horizontal = glyphs.filter(upright);
  if (horizontal.length === 0) return drawingOrder(items);
  const other = glyphs.filter((i) => !upright(i));

  type Piece = { x: number; y: number; w: number; size: number; str: string };
  const pieces: Piece[] = horizontal.map((i) => ({
    x: i.transform[4]!,
    y: i.transform[5]!,
    w: i.width,
    size: Math.max(Math.abs(i.transform[3]!), i.height, 1),
    str: i.str,
  }));
  // Top of the page first (PDF y grows upwards); a piece within half a font size of the line above
  // is on that line (one pass over the sorted pieces, so a page of many items stays linear).
  pieces.sort((a, b) => b.y - a.y);
  const lines: { y: number; size: number; pieces: Piece[] }[] = [];
  for (const p of pieces) {
    const line = lines[lines.length - 1];
    if (line && line.y - p.y < Math.min(line.size, p.size) * 0.45) {
      line.pieces.push(p);
      line.size = Math.max(line.size, p.size);
    } else {
      lines.push({ y: p.y, size: p.size, pieces: [p] });
    }
  }
  const out: string[] = [];
  let prev: { y: number; size: number } | undefined;
  for (const line of lines) {
    if (prev && prev.y - line.y > Math.max(prev.size, line.size) * 2.1) out.push('');
    line.pieces.sort((a, b) => a.x - b.x);
    let s = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const p of line.pieces) {
      if (s) {
        const gap = p.x - end;
        if (gap > line.size * 1.2) s = `${s.trimEnd()}\t`;
        else if (gap > line.size * 0.15 && !/\s$/.test(s) && !/^\s/.test(p.str)) s += ' ';
      }
      s += p.str;
      end = Math.max(end, p.x + p.w);
    }
    out.push(s);
    prev = line;
  }
  if (other.length > 0) out.push('', drawingOrder(other));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// DOCX (mammoth), after a look at the zip directory
// ---------------------------------------------------------------------------------------------

async function docxText(
  buf: Buffer,
  limits: { maxTextBytes: number; maxDocxXmlBytes: number },
): Promise<ExtractedText> {
  checkDocxArchive(buf, limits.maxDocxXmlBytes);
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: buf })).value;
  } catch (err) {
    throw new ExtractTextError('corrupt', 'Tệp DOCX bị hỏng, không đọc được nội dung.', err);
  }
  // mammoth ends every paragraph with a blank line; one newline per paragraph keeps real blank
  // lines (empty paragraphs) visible to the header reader.
  const capped = capText(tidy(raw.replace(/\n\n/g, '\n')), limits.maxTextBytes);
  return { text: capped.text, pages: null, truncated: capped.truncated, needsOcr: false };
}

/**
 * Refuses archives that are not a DOCX or that would unpack to more than MAX_DOCX_XML_BYTES of XML.
 * mammoth unpacks every part into memory, so the sizes are checked here first, by inflating each
 * XML part with a hard output cap (the sizes written in the directory can lie).
 */
export function checkDocxArchive(buf: Buffer, maxXmlBytes = MAX_DOCX_XML_BYTES): void {
  const corrupt = () => new ExtractTextError('corrupt', 'Tệp DOCX bị hỏng hoặc không phải tệp Word (.docx).');
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw corrupt();
  const entries = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (dirOffset === 0xffffffff || entries === 0xffff) {
    throw new ExtractTextError('too_large', 'Tệp DOCX quá lớn (định dạng ZIP64) để trích xuất nội dung.');
  }
  if (dirOffset + dirSize > buf.length) throw corrupt();
  let p = dirOffset;
  let budget = maxXmlBytes;
  const seen = new Set<string>();
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw corrupt();
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    // The main part is usually word/document.xml, but producers may name it otherwise (mammoth
    // follows the package relationships); any part under word/ plus the content types will do.
    if (name.startsWith('word/') || name === '[Content_Types].xml')
      seen.add(name.startsWith('word/') ? 'word' : 'types');
    if (!/\.(xml|rels)$/i.test(name)) continue;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw corrupt();
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw corrupt();
    const data = buf.subarray(start, start + compressed);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(budget, 1) }).length;
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ExtractTextError('too_large', 'Nội dung tệp DOCX quá lớn để trích xuất.', err);
        }
        throw corrupt();
      }
    } else throw corrupt();
    budget -= size;
    if (budget < 0) throw new ExtractTextError('too_large', 'Nội dung tệp DOCX quá lớn để trích xuất.');
  }
  if (!seen.has('word') || !seen.has('types')) throw corrupt();
}

function findEndOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end of the archive.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------

/** NFC (PDFs often give decomposed Vietnamese), Unix newlines, no trailing spaces, no runs of blank lines. */
function tidy(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[ \t\f\v]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** At most `maxBytes` of UTF-8, cut on a character boundary. */
function capText(text: string, maxBytes: number): { text: string; truncated: boolean } {
  if (text.length <= maxBytes / 4 || Buffer.byteLength(text) <= maxBytes) return { text, truncated: false };
  const cut = Buffer.from(text).subarray(0, maxBytes).toString('utf8');
  // A cut through a multi-byte character decodes as U+FFFD at the end.
  return { text: cut.replace(/\uFFFD$/, ''), truncated: true };
}
