/**
 * One OCR of one file: ocrmypdf (tesseract, Vietnamese + English) turns a scanned PDF or an image
 * into a two-layer PDF (the page images with an invisible text layer), PDF/A-2b when Ghostscript can
 * make it, a plain PDF when it cannot; the text comes from ocrmypdf's sidecar file.
 *
 * Bounded: the page count is read first (pdfinfo) and a file above `maxPages` is refused; one
 * worker (`--jobs 1`, and tesseract's own OpenMP threads limited to 1), a per-page tesseract timeout
 * and a whole-run timeout; the child (and Ghostscript and tesseract under it: its own process group)
 * is killed on timeout and when the caller aborts. Progress: ocrmypdf logs each page's steps with the
 * page number in front (`-v 1`); a page is counted when its text layer is grafted.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const OCR_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'] as const;

/** Why a file could not be OCR'd: `code` for the run's status, `message` in Vietnamese for the person. */
export class OcrError extends Error {
  constructor(
    readonly code:
      | 'encrypted'
      | 'has_text'
      | 'too_many_pages'
      | 'timeout'
      | 'cancelled'
      | 'unreadable'
      | 'failed',
    message: string,
  ) {
    super(message);
  }
}

export const OCR_MESSAGES = {
  encrypted: 'Tệp PDF có mật khẩu, không nhận dạng chữ được.',
  hasText: 'Tệp đã có lớp chữ, không cần nhận dạng chữ (OCR).',
  tooManyPages: (pages: number, max: number) =>
    `Tệp có ${pages} trang, vượt quá giới hạn ${max} trang cho một lần nhận dạng chữ; hãy tách tệp thành các phần nhỏ hơn.`,
  timeout: (minutes: number) =>
    `Nhận dạng chữ quá ${minutes} phút nên đã dừng; hãy tách tệp thành các phần nhỏ hơn.`,
  cancelled: 'Đã hủy nhận dạng chữ.',
  unreadable: 'Tệp bị hỏng hoặc không phải bản quét đọc được, không nhận dạng chữ được.',
  type: 'Chỉ nhận dạng chữ được tệp PDF hoặc ảnh PNG, JPEG, TIFF.',
  failed: 'Nhận dạng chữ không thành công; hãy thử lại hoặc nhập các trường bằng tay.',
} as const;

export interface OcrOptions {
  maxPages: number;
  /** The whole run, in milliseconds. */
  timeoutMs: number;
  /** Per page, in seconds (tesseract). */
  tesseractTimeoutS: number;
  signal?: AbortSignal;
  /** Called with the pages known before the run, then each time a page is done. */
  onProgress?(done: number, total: number): void;
  /** Largest text kept (characters). */
  maxText?: number;
}

export interface OcrResult {
  /** The searchable PDF, in a temporary directory: stream it where it goes, then call `cleanup`. */
  pdfPath: string;
  text: string;
  pages: number;
  pdfa: boolean;
  cleanup(): Promise<void>;
}

/** The number of pages of a PDF (pdfinfo), refusing a password-protected or unreadable one. */
export async function pdfPages(path: string): Promise<number> {
  let out: string;
  try {
    out = (await exec('pdfinfo', [path], { timeout: 30_000, maxBuffer: 1 << 20 })).stdout;
  } catch (e) {
    const err = String((e as { stderr?: string }).stderr ?? '');
    if (/password/i.test(err)) throw new OcrError('encrypted', OCR_MESSAGES.encrypted);
    throw new OcrError('unreadable', OCR_MESSAGES.unreadable);
  }
  // A file with only an owner password opens, but ocrmypdf refuses it too.
  if (/^Encrypted:\s+yes/m.test(out)) throw new OcrError('encrypted', OCR_MESSAGES.encrypted);
  const m = /^Pages:\s+(\d+)/m.exec(out);
  if (!m) throw new OcrError('unreadable', OCR_MESSAGES.unreadable);
  return Number(m[1]);
}

/** OCRs the file at `path` (a PDF or an image of `mediaType`). */
export async function ocrFile(path: string, mediaType: string, opts: OcrOptions): Promise<OcrResult> {
  if (!(OCR_MEDIA_TYPES as readonly string[]).includes(mediaType))
    throw new OcrError('unreadable', OCR_MESSAGES.type);
  const isPdf = mediaType === 'application/pdf';
  const pages = isPdf ? await pdfPages(path) : 1;
  if (pages > opts.maxPages)
    throw new OcrError('too_many_pages', OCR_MESSAGES.tooManyPages(pages, opts.maxPages));
  if (pages === 0) throw new OcrError('unreadable', OCR_MESSAGES.unreadable);
  opts.onProgress?.(0, pages);
  const dir = await mkdtemp(join(tmpdir(), 'ocr-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    // ocrmypdf reads the type from the name: give it one.
    const ext = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/tiff': 'tif' }[
      mediaType as (typeof OCR_MEDIA_TYPES)[number]
    ];
    const input = join(dir, `in.${ext}`);
    await symlink(path, input);
    const deadline = Date.now() + opts.timeoutMs;
    let pdfa = true;
    let code = await runOcrmypdf(dir, input, 'pdfa', isPdf, pages, deadline, opts);
    // 4: the output is not valid PDF/A; 10: Ghostscript could not make PDF/A. A plain PDF then.
    if (code === 4 || code === 10) {
      pdfa = false;
      code = await runOcrmypdf(dir, input, 'pdf', isPdf, pages, deadline, opts);
    }
    if (code === 6) throw new OcrError('has_text', OCR_MESSAGES.hasText);
    if (code === 8) throw new OcrError('encrypted', OCR_MESSAGES.encrypted);
    if (code === 2) throw new OcrError('unreadable', OCR_MESSAGES.unreadable);
    if (code !== 0) throw new OcrError('failed', OCR_MESSAGES.failed);
    const max = opts.maxText ?? 200_000;
    const text = (await readFile(join(dir, 'out.txt'), 'utf8'))
      .replace(/\f/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
      .slice(0, max);
    opts.onProgress?.(pages, pages);
    return { pdfPath: join(dir, 'out.pdf'), text, pages, pdfa, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** Runs ocrmypdf once; resolves with its exit code, rejects on timeout or abort (the child killed). */
function runOcrmypdf(
  dir: string,
  input: string,
  outputType: 'pdfa' | 'pdf',
  isPdf: boolean,
  pages: number,
  deadline: number,
  opts: OcrOptions,
): Promise<number> {
  const args = [
    '-l',
    'vie+eng',
    '--jobs',
    '1',
    '--output-type',
    outputType,
    '--tesseract-timeout',
    String(opts.tesseractTimeoutS),
    '--sidecar',
    join(dir, 'out.txt'),
    '-v',
    '1',
    // Scans come upside down; turning them costs little. (--deskew is left out: it fails the whole
    // run on a page without text, a blank back side, say.)
    '--rotate-pages',
  ];
  if (!isPdf) args.push('--image-dpi', '200');
  args.push(input, join(dir, 'out.pdf'));
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new OcrError('cancelled', OCR_MESSAGES.cancelled));
    const child = spawn('ocrmypdf', args, {
      cwd: dir,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1', TMPDIR: dir },
    });
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    let failure: OcrError | undefined;
    const stop = (e: OcrError) => {
      failure ??= e;
      kill();
    };
    const timer = setTimeout(
      () => stop(new OcrError('timeout', OCR_MESSAGES.timeout(Math.ceil(opts.timeoutMs / 60_000)))),
      Math.max(0, deadline - Date.now()),
    );
    const onAbort = () => stop(new OcrError('cancelled', OCR_MESSAGES.cancelled));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = new Set<number>();
    let rest = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^\s*(\d+)\s+(Grafting|Postprocessing|skipping)/i.exec(line);
        if (!m) continue;
        const page = Number(m[1]);
        if (page >= 1 && page <= pages && !done.has(page)) {
          done.add(page);
          opts.onProgress?.(Math.min(done.size, pages - 1), pages);
        }
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      reject(failure ?? new OcrError('failed', `${OCR_MESSAGES.failed} (${e.message})`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else resolve(code ?? -1);
    });
  });
}
