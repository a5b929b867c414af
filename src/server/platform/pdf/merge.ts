import { PDFDocument } from 'pdf-lib';

/** Pages of a PDF; null when the bytes are not a PDF pdf-lib can read. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number | null> {
  try {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return pdf.getPageCount();
  } catch {
    return null;
  }
}

/**
 * Binds PDFs into one, in order (a dossier's documents behind its contents list). Pages are copied,
 * not re-rendered; an encrypted file is copied as it is.
 */
export class PdfBinder {
  private constructor(private readonly body: PDFDocument) {}

  static async create(): Promise<PdfBinder> {
    return new PdfBinder(await PDFDocument.create());
  }

  /** Pages bound so far. */
  get pageCount(): number {
    return this.body.getPageCount();
  }

  /** Appends every page of `bytes`; returns the number (from 1) of its first page. Throws when unreadable. */
  async append(bytes: Uint8Array): Promise<number> {
    const src = await PDFDocument.load(bytes, { ignoreEncryption: true });
    const first = this.body.getPageCount() + 1;
    for (const p of await this.body.copyPages(src, src.getPageIndices())) this.body.addPage(p);
    return first;
  }

  /** One PDF: `front` (a contents list, printed after the pages were counted), then the bound pages. */
  async save(front: Uint8Array | null, info: { title: string; creator?: string }): Promise<Buffer> {
    const out = await PDFDocument.create();
    out.setTitle(info.title);
    out.setCreator(info.creator ?? 'Liên Thông');
    if (front) {
      const f = await PDFDocument.load(front);
      for (const p of await out.copyPages(f, f.getPageIndices())) out.addPage(p);
    }
    for (const p of await out.copyPages(this.body, this.body.getPageIndices())) out.addPage(p);
    return Buffer.from(await out.save());
  }
}
