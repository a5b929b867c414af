import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../http/errors.ts';
import { sniffFile, sniffHead } from './sniff.ts';

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
  /** The same checks for bytes already in memory (a received attachment, a built package). */
  putBuffer(bytes: Buffer, opts: { declaredType?: string; maxBytes: number }): Promise<StoredBlob>;
  /** A whole file in memory (a caller about to base64 it into a package, say). */
  read(sha256: string): Promise<Buffer>;
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** Every stored hash, for backups and integrity checks. */
  list(): AsyncIterable<string>;
  /** A local file path holding the bytes (a remote store would download to a temporary file). */
  localPath(sha256: string): Promise<string>;
}

const SHA_RE = /^[0-9a-f]{64}$/;
/** Files up to this size are read and written with synchronous calls (see putBuffer). */
const SYNC_MAX = 1024 * 1024;

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

  /**
   * Bytes in memory: hashed and sniffed here, written once (a content already stored is not written
   * again), through a temporary file and a rename so a reader never sees half a file. Small files are
   * written with synchronous calls: a few syscalls on a cached disk, where the thread pool's hand-offs
   * cost more than the write itself (measured on a batch of received packages).
   */
  async putBuffer(bytes: Buffer, opts: { declaredType?: string; maxBytes: number }): Promise<StoredBlob> {
    if (bytes.length > opts.maxBytes)
      throw new AppError(
        'payload_too_large',
        `Tệp vượt quá dung lượng cho phép (${Math.round(opts.maxBytes / 1048576)} MB).`,
      );
    if (bytes.length === 0) throw new AppError('bad_request', 'Tệp rỗng.');
    const mediaType = await sniffHead(bytes, opts.declaredType);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const dest = this.pathOf(sha256);
    const tmp = path.join(this.root, 'tmp', randomUUID());
    const dir = path.dirname(dest);
    try {
      if (bytes.length <= SYNC_MAX) {
        if (!fs.existsSync(dest)) {
          if (!this.dirs.has(dir)) fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(tmp, bytes, { flag: 'wx' });
          fs.renameSync(tmp, dest);
        }
      } else if (!(await this.has(sha256))) {
        if (!this.dirs.has(dir)) await fsp.mkdir(dir, { recursive: true });
        await fsp.writeFile(tmp, bytes, { flag: 'wx' });
        await fsp.rename(tmp, dest);
      }
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
    if (this.dirs.size < 70_000) this.dirs.add(dir);
    return { sha256, size: bytes.length, mediaType };
  }

  async read(sha256: string): Promise<Buffer> {
    const p = this.pathOf(sha256);
    try {
      const { size } = fs.statSync(p);
      return size <= SYNC_MAX ? fs.readFileSync(p) : await fsp.readFile(p);
    } catch {
      throw new AppError('not_found', 'Tệp không tồn tại.');
    }
  }

  /** Directories known to exist (at most 65,536 of them: two levels of two hex digits). */
  private readonly dirs = new Set<string>();

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
