import fs from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../http/errors.ts';

/** Types an agency exchanges: documents, scans, spreadsheets, archives of them, and plain data. */
export const ALLOWED_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/msword',
  'application/vnd.ms-excel',
  'application/x-cfb',
  'application/zip',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/xml',
  'text/xml',
  'application/json',
  'message/rfc822',
]);

const TEXT_TYPES = new Set([
  'text/plain',
  'text/csv',
  'application/xml',
  'text/xml',
  'application/json',
  'message/rfc822',
]);

const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/x-executable',
  'application/vnd.microsoft.portable-executable',
  'application/x-dosexec',
  'application/java-archive',
  'application/x-apple-diskimage',
  'application/wasm',
]);

/** Containers that file-type reports generically while the declared type names the specific format. */
const COMPATIBLE: Record<string, string[]> = {
  'application/x-cfb': ['application/msword', 'application/vnd.ms-excel'],
  'application/zip': [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
  ],
  'image/jpeg': ['image/jpg', 'image/pjpeg'],
  'application/xml': ['text/xml'],
};

function normaliseDeclared(t: string | undefined): string | undefined {
  if (!t) return undefined;
  const base = t.split(';')[0]!.trim().toLowerCase();
  if (base === 'image/jpg' || base === 'image/pjpeg') return 'image/jpeg';
  if (base === 'text/xml') return 'application/xml';
  return base;
}

/**
 * Decides the media type of a stored upload from its bytes. Refuses executables, files whose bytes
 * do not match the declared type, and types outside the allow-list. Reads only the file's head.
 */
export async function sniffFile(file: string, declared: string | undefined): Promise<string> {
  const fh = await fs.open(file, 'r');
  const head = Buffer.alloc(8192);
  const { bytesRead } = await fh.read(head, 0, head.length, 0);
  await fh.close();
  return sniffHead(head.subarray(0, bytesRead), declared);
}

/** The same decision from the first bytes of a file already in memory (a received attachment). */
export async function sniffHead(head: Buffer, declared: string | undefined): Promise<string> {
  const bytes = head.subarray(0, 8192);
  const want = normaliseDeclared(declared);
  if (bytes[0] === 0x23 && bytes[1] === 0x21)
    throw refuse('Tệp là một tập lệnh thực thi (script), không được phép tải lên.');
  if (bytes[0] === 0x4d && bytes[1] === 0x5a)
    throw refuse('Tệp là chương trình thực thi, không được phép tải lên.');
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (EXECUTABLE_TYPES.has(found.mime))
      throw refuse('Tệp là chương trình thực thi, không được phép tải lên.');
    const sniffed = found.mime;
    if (
      want &&
      want !== 'application/octet-stream' &&
      want !== sniffed &&
      !(COMPATIBLE[sniffed] ?? []).includes(want)
    ) {
      throw refuse(`Nội dung tệp (${sniffed}) không khớp với kiểu khai báo (${want}).`);
    }
    const type = want && (COMPATIBLE[sniffed] ?? []).includes(want) ? want : sniffed;
    if (!ALLOWED_TYPES.has(type)) throw refuse(`Kiểu tệp ${type} không được hỗ trợ.`);
    return type;
  }
  // No magic number: only text-like types, and the bytes must look like text.
  if (bytes.includes(0))
    throw refuse('Không xác định được kiểu tệp; tệp nhị phân không rõ định dạng không được chấp nhận.');
  const type = want && TEXT_TYPES.has(want) ? want : 'text/plain';
  if (want && want !== 'application/octet-stream' && !TEXT_TYPES.has(want)) {
    throw refuse(`Nội dung tệp không khớp với kiểu khai báo (${want}).`);
  }
  return type;
}

function refuse(detail: string) {
  return new AppError('unsupported_media_type', detail);
}
