import { type StoredBlob, saveBlobs } from '../../../platform/blobs/index.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { CopyFile } from '../../documents/index.ts';
import type { Edoc } from '../edxml/index.ts';
import type { Services } from '../service.ts';

/**
 * Stores the attachments of packages before any transaction (type sniffed, size checked), all in one
 * statement. Storage is by hash, so a refusal leaves at most unreferenced blobs, never a half-created
 * document. Each package gets its files, or the error that refuses it.
 */
export async function storeAttachments(s: Services, edocs: Edoc[]): Promise<(CopyFile[] | AppError)[]> {
  const all = edocs.flatMap((edoc, index) =>
    edoc.attachments.map((a) => ({
      index,
      bytes: a.data,
      declaredType: a.contentType,
      maxBytes: s.config.UPLOAD_MAX_BYTES,
    })),
  );
  const stored = await saveBlobs(s.db, s.blobs, all);
  return edocs.map((edoc, index) => {
    const mine = stored.filter((_, k) => all[k]!.index === index);
    const bad = mine.find((b) => b instanceof AppError);
    if (bad) return bad;
    // The first file is the document, the others its attachments (as the sender's manifest lists them).
    return (mine as StoredBlob[]).map((b, i) => ({
      sha256: b.sha256,
      fileName: edoc.attachments[i]!.name,
      mediaType: b.mediaType,
      size: b.size,
      role: i === 0 ? ('main' as const) : ('attachment' as const),
    }));
  });
}
