import { buffer } from 'node:stream/consumers';
import { PDFDocument } from 'pdf-lib';
import type { BlobStore } from '../../platform/blobs/store.ts';

/** Pages of a stored PDF; null when the bytes are not a PDF pdf-lib can read. */
export async function pdfPageCount(blobs: BlobStore, sha256: string): Promise<number | null> {
  try {
    const bytes = await buffer(await blobs.get(sha256));
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return pdf.getPageCount();
  } catch {
    return null;
  }
}
