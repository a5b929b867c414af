import type { Readable } from 'node:stream';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../http/errors.ts';
import { blobs } from './schema.ts';
import type { BlobStore, StoredBlob } from './store.ts';

export { type BlobStore, DiskBlobStore, type StoredBlob } from './store.ts';

/** Stores the bytes, then records the blob row (idempotent: the same content is stored once). */
export async function saveBlob(
  db: Db,
  store: BlobStore,
  input: Readable,
  opts: { declaredType?: string; maxBytes: number; expectSha256?: string },
): Promise<StoredBlob> {
  const stored = await store.put(input, opts);
  if (opts.expectSha256 && opts.expectSha256.toLowerCase() !== stored.sha256) {
    throw new AppError(
      'validation_failed',
      'Tệp nhận được không khớp mã SHA-256 đã khai báo; có thể tệp bị lỗi khi truyền.',
    );
  }
  await db.insert(blobs).values(stored).onConflictDoNothing();
  return stored;
}

/**
 * Stores many in-memory files and records their rows in one statement. Each result is the stored
 * blob or the error that refused that file (size, type), so one bad file refuses only its owner.
 */
export async function saveBlobs(
  db: Db,
  store: BlobStore,
  files: { bytes: Buffer; declaredType?: string; maxBytes: number }[],
): Promise<(StoredBlob | AppError)[]> {
  const out: (StoredBlob | AppError)[] = [];
  for (const f of files) {
    try {
      out.push(await store.putBuffer(f.bytes, f));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.push(e);
    }
  }
  const rows = new Map<string, StoredBlob>();
  for (const b of out) if (!(b instanceof AppError)) rows.set(b.sha256, b);
  if (rows.size)
    await db
      .insert(blobs)
      .values([...rows.values()])
      .onConflictDoNothing();
  return out;
}

/** A stored blob's row: its hash, size and sniffed media type. */
export type BlobRow = typeof blobs.$inferSelect;

/** The rows of these blobs (hashes not stored are left out). */
export async function findBlobs(db: Db, sha256s: string[]): Promise<BlobRow[]> {
  if (sha256s.length === 0) return [];
  return db.select().from(blobs).where(inArray(blobs.sha256, sha256s));
}

/** The row of one blob, or undefined when it was never stored. */
export async function findBlob(db: Db, sha256: string): Promise<BlobRow | undefined> {
  return (await findBlobs(db, [sha256]))[0];
}
