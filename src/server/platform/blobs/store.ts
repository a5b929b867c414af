import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../http/errors.ts';
import { sniffFile } from './sniff.ts';

export interface StoredBlob {
  sha256: string;
  size: number;
  mediaType: string;
}

/**
 * Where file bytes live, addressed by SHA-256. The disk store is the default; an S3-compatible store
 * implements the same four methods (put streams in, get streams out).
 */
export interface BlobStore {
  put(input: Readable, opts: { declaredType?: string; maxBytes: number }): Promise<StoredBlob>;
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** Every stored hash, for backups and integrity checks. */
  list(): AsyncIterable<string>;
  /** A local file path holding the bytes (a remote store would download to a temporary file). */
  localPath(sha256: string): Promise<string>;
}

const SHA_RE = /^[0-9a-f]{64}$/;

export class DiskBlobStore implements BlobStore {
  constructor(readonly root: string) {
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!SHA_RE.test(sha256)) throw new AppError('bad_request', 'Mã băm tệp không hợp lệ.');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Streams to a temporary file while hashing and counting; never holds the file in memory. */
  async put(input: Readable, opts: { declaredType?: string; maxBytes: number }): Promise<StoredBlob> {
    const tmp = path.join(this.root, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > opts.maxBytes) {
          cb(
            new AppError(
              'payload_too_large',
              `Tệp vượt quá dung lượng cho phép (${Math.round(opts.maxBytes / 1048576)} MB).`,
            ),
          );
          return;
        }
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, fs.createWriteStream(tmp, { flags: 'wx' }));
      // @fastify/multipart truncates instead of failing when its own limit is hit.
      if ((input as Readable & { truncated?: boolean }).truncated) {
        throw new AppError(
          'payload_too_large',
          `Tệp vượt quá dung lượng cho phép (${Math.round(opts.maxBytes / 1048576)} MB).`,
        );
      }
      if (size === 0) throw new AppError('bad_request', 'Tệp rỗng.');
      const mediaType = await sniffFile(tmp, opts.declaredType);
      const sha256 = hash.digest('hex');
      const dest = this.pathOf(sha256);
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      await fsp.rename(tmp, dest); // same content, same name: a repeated upload is idempotent
      return { sha256, size, mediaType };
    } finally {
      await fsp.rm(tmp, { force: true });
    }
  }

  async get(sha256: string): Promise<Readable> {
    const p = this.pathOf(sha256);
    try {
      await fsp.access(p);
    } catch {
      throw new AppError('not_found', 'Tệp không tồn tại.');
    }
    return fs.createReadStream(p);
  }

  async localPath(sha256: string): Promise<string> {
    const p = this.pathOf(sha256);
    await fsp.access(p).catch(() => {
      throw new AppError('not_found', 'Tệp không tồn tại.');
    });
    return p;
  }

  async has(sha256: string): Promise<boolean> {
    return fsp.access(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async *list(): AsyncIterable<string> {
    for (const a of await safeReaddir(this.root)) {
      if (a === 'tmp') continue;
      for (const b of await safeReaddir(path.join(this.root, a))) {
        for (const f of await safeReaddir(path.join(this.root, a, b))) if (SHA_RE.test(f)) yield f;
      }
    }
  }
}

async function safeReaddir(dir: string): Promise<string[]> {
  try {
    return (await fsp.readdir(dir)).sort();
  } catch {
    return [];
  }
}
