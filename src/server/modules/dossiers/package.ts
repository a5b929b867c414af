import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import { stringify } from 'csv-stringify/sync';
import yauzl from 'yauzl';
import { viDate } from '../../../shared/calendar/vn-time.ts';
import { retentionLabel } from '../../../shared/schemas/dossiers.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { type DossierMeta, metadataXml } from './metadata.ts';

/**
 * The transfer package (gói nộp lưu), see docs/decisions/0004-archive-transfer-package.md:
 *   manifest-sha256.txt         "<sha256>  <path>" for every other entry (BagIt-style)
 *   metadata/dossiers.xml       Appendix VI metadata of every dossier and document, with file paths
 *   metadata/muc-luc-ho-so.csv  the transfer list (Appendix V, III) as CSV
 *   files/<FileCode>/<FileCode>.<ordinal>[-n].<ext>
 * Entries are stored (not deflated): the files are already compressed, and a changed byte then
 * shows as exactly one altered file.
 */
export const MANIFEST = 'manifest-sha256.txt';
export const METADATA_XML = 'metadata/dossiers.xml';
export const LISTING_CSV = 'metadata/muc-luc-ho-so.csv';

export function listingCsv(metas: DossierMeta[]): string {
  return stringify(
    [
      [
        'STT',
        'Mã hồ sơ',
        'Số, ký hiệu hồ sơ',
        'Tiêu đề hồ sơ',
        'Thời gian tài liệu',
        'Thời hạn bảo quản',
        'Số trang',
        'Số văn bản',
        'Ghi chú',
      ],
      ...metas.map((m, i) => [
        i + 1,
        m.row.fileCode,
        m.row.notation,
        m.row.title,
        `${viDate(m.row.startDate)} - ${viDate(m.row.endDate)}`,
        retentionLabel(m.row.retentionYears),
        m.row.pageTotal ?? '',
        m.row.docTotal ?? m.items.length,
        m.row.description ?? '',
      ]),
    ],
    { bom: true },
  );
}

/** Writes the package to `file`; `progress(done, total)` is called after each file. */
export async function writePackage(
  file: string,
  blobs: BlobStore,
  metas: DossierMeta[],
  attrs: Record<string, string>,
  progress: (done: number, total: number) => Promise<void>,
) {
  const zip = new ZipArchive({ store: true });
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
    zip.on('error', reject);
  });
  zip.pipe(out);
  const manifest: string[] = [];
  /** Appends one entry and waits until archiver has written it (so progress is real). */
  const append = (name: string, data: string | Buffer | Readable) =>
    new Promise<void>((resolve, reject) => {
      const onEntry = (e: { name: string }) => {
        if (e.name !== name) return;
        zip.off('entry', onEntry);
        resolve();
      };
      zip.on('entry', onEntry);
      if (typeof data !== 'string' && !Buffer.isBuffer(data)) data.once('error', reject);
      zip.append(data, { name });
    });
  const add = (name: string, data: string) => {
    manifest.push(`${createHash('sha256').update(data).digest('hex')}  ${name}`);
    return append(name, data);
  };
  await add(METADATA_XML, metadataXml(metas, attrs));
  await add(LISTING_CSV, listingCsv(metas));
  const files = metas.flatMap((m) => m.items.flatMap((i) => i.files));
  let done = 0;
  for (const f of files) {
    // The blob store addresses bytes by their SHA-256, so the manifest line is known without rereading.
    manifest.push(`${f.sha256}  ${f.path}`);
    await append(f.path, await blobs.get(f.sha256));
    done++;
    await progress(done, files.length);
  }
  zip.append(`${manifest.join('\n')}\n`, { name: MANIFEST });
  await zip.finalize();
  await closed;
  return { files: files.length };
}

export interface VerifyProblem {
  path: string;
  problem: 'missing' | 'altered' | 'unlisted' | 'unreadable' | 'unsafe' | 'duplicate';
}
export interface VerifyResult {
  ok: boolean;
  problems: VerifyProblem[];
  /** Entries checked against the manifest. */
  checked: number;
  /** The package could not be read at all (not a zip, no manifest): the reason. */
  fatal?: string;
  /** sha256 of each entry, by path (for the import). */
  entries: Map<string, string>;
}

const PROBLEM_VI: Record<VerifyProblem['problem'], string> = {
  missing: 'thiếu trong gói',
  altered: 'đã bị thay đổi (mã SHA-256 không khớp)',
  unlisted: 'không có trong danh sách kiểm tra (manifest)',
  unreadable: 'không đọc được',
  unsafe: 'có đường dẫn không hợp lệ',
  duplicate: 'xuất hiện hai lần',
};
const PROBLEM_EN: Record<VerifyProblem['problem'], string> = {
  missing: 'missing from the package',
  altered: 'altered (SHA-256 does not match)',
  unlisted: 'not listed in the manifest',
  unreadable: 'unreadable',
  unsafe: 'has an unsafe path',
  duplicate: 'present twice',
};

export function describeProblems(r: VerifyResult, lang: 'vi' | 'en' = 'vi'): string {
  if (r.fatal) return r.fatal;
  const words = lang === 'vi' ? PROBLEM_VI : PROBLEM_EN;
  const lines = r.problems.map((p) => `${p.path}: ${words[p.problem]}`);
  return lang === 'vi'
    ? `Gói nộp lưu không toàn vẹn — ${lines.join('; ')}.`
    : `Package NOT intact — ${lines.join('; ')}.`;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true }, (err, zf) =>
      err ? reject(err) : resolve(zf!),
    ),
  );
}

function entryStream(zf: yauzl.ZipFile, e: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zf.openReadStream(e, (err, s) => (err ? reject(err) : resolve(s!))),
  );
}

/** Visits every entry of a zip in order; `fn` receives the entry's bytes as a stream. */
export async function eachEntry(file: string, fn: (name: string, stream: Readable) => Promise<void>) {
  const zf = await openZip(file);
  try {
    await new Promise<void>((resolve, reject) => {
      zf.on('entry', (e: yauzl.Entry) => {
        if (e.fileName.endsWith('/')) return zf.readEntry();
        entryStream(zf, e)
          .then((s) => fn(e.fileName, s))
          .then(() => zf.readEntry(), reject);
      });
      zf.on('end', resolve);
      zf.on('error', reject);
      zf.readEntry();
    });
  } finally {
    zf.close();
  }
}

async function sha256Of(s: Readable): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of s) h.update(chunk as Buffer);
  return h.digest('hex');
}

const SAFE = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\\0]+$/;

/**
 * Checks a package: every entry named in the manifest is present with that SHA-256, and nothing
 * else is in the package. Reads each entry once, streaming.
 */
export async function verifyPackage(file: string): Promise<VerifyResult> {
  const seen = new Map<string, string>();
  const problems: VerifyProblem[] = [];
  let manifestText: string | null = null;
  try {
    await eachEntry(file, async (name, stream) => {
      if (!SAFE.test(name)) {
        problems.push({ path: name, problem: 'unsafe' });
        stream.resume();
        return;
      }
      if (name === MANIFEST) {
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        manifestText = Buffer.concat(chunks).toString('utf8');
        return;
      }
      if (seen.has(name)) problems.push({ path: name, problem: 'duplicate' });
      try {
        seen.set(name, await sha256Of(stream));
      } catch {
        problems.push({ path: name, problem: 'unreadable' });
        seen.set(name, '');
      }
    });
  } catch (e) {
    return {
      ok: false,
      problems,
      checked: 0,
      entries: seen,
      fatal: `Không đọc được gói nộp lưu (không phải tệp ZIP hợp lệ hoặc đã bị hỏng): ${(e as Error).message}`,
    };
  }
  if (manifestText === null)
    return {
      ok: false,
      problems,
      checked: 0,
      entries: seen,
      fatal: `Gói nộp lưu không có tệp ${MANIFEST}; không kiểm tra được tính toàn vẹn.`,
    };
  const listed = new Map<string, string>();
  for (const line of (manifestText as string).split('\n')) {
    if (!line.trim()) continue;
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m)
      return {
        ok: false,
        problems,
        checked: 0,
        entries: seen,
        fatal: `Dòng không hợp lệ trong ${MANIFEST}: “${line.slice(0, 120)}”`,
      };
    listed.set(m[2]!, m[1]!);
  }
  for (const [p, sha] of listed) {
    const got = seen.get(p);
    if (got === undefined) problems.push({ path: p, problem: 'missing' });
    else if (got !== sha && got !== '') problems.push({ path: p, problem: 'altered' });
  }
  for (const p of seen.keys()) if (!listed.has(p)) problems.push({ path: p, problem: 'unlisted' });
  return { ok: problems.length === 0, problems, checked: listed.size, entries: seen };
}
