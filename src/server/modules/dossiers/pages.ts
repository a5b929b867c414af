import { buffer } from 'node:stream/consumers';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { pdfPageCount as countPages } from '../../platform/pdf/index.ts';

/** Pages of a stored PDF; null when the bytes are not a PDF pdf-lib can read. */
export async function pdfPageCount(blobs: BlobStore, sha256: string): Promise<number | null> {
  try {
    return await countPages(await buffer(await blobs.get(sha256)));
  } catch {
    return null;
  }
}
