/**
 * DOCX checks and filling with docxtemplater: an uploaded file must really be a Word document (a zip
 * with the main part, not macro-enabled), and a template may use only the known tags.
 */
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { KNOWN_TAGS, type TemplateData } from '../../../shared/drafting/fields.ts';
import { AppError } from '../../platform/http/errors.ts';

/** Largest DOCX accepted (template or an officer's edited draft). */
export const MAX_DOCX_BYTES = 10 * 1024 * 1024;

const NOT_DOCX = 'Tệp không phải văn bản Word (.docx).';

/** Opens a DOCX, refusing anything else: not a zip, no Word main part, macro-enabled (docm, vbaProject.bin). */
export function openDocx(bytes: Buffer): PizZip {
  if (bytes.length > MAX_DOCX_BYTES)
    throw new AppError(
      'payload_too_large',
      `Tệp vượt quá dung lượng cho phép (${MAX_DOCX_BYTES / 1048576} MB).`,
    );
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50)
    throw new AppError('unsupported_media_type', NOT_DOCX);
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch {
    throw new AppError('unsupported_media_type', NOT_DOCX);
  }
  const types = zip.file('[Content_Types].xml')?.asText() ?? '';
  const names = Object.keys(zip.files);
  if (
    /macroEnabled|vbaProject|ms-word\.(document|template)\.macro/i.test(types) ||
    names.some((n) => /vbaProject\.bin$|vbaData\.xml$/i.test(n))
  )
    throw new AppError(
      'unsupported_media_type',
      'Tệp Word có chứa macro (.docm) không được chấp nhận; hãy lưu lại dưới dạng .docx.',
    );
  if (!zip.file('word/document.xml') || !/wordprocessingml\.document\.main\+xml/.test(types))
    throw new AppError('unsupported_media_type', NOT_DOCX);
  return zip;
}

function templater(zip: PizZip, seen?: Set<string>) {
  try {
    return new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      // An absent value prints nothing rather than "undefined".
      nullGetter: () => '',
      // Tags are plain names: the parser records them (compiled once, so the set is every tag).
      parser: (tag: string) => {
        seen?.add(tag.trim());
        return { get: (scope: Record<string, unknown>) => (tag === '.' ? scope : scope?.[tag.trim()]) };
      },
    });
  } catch (e) {
    const errs = (e as { properties?: { errors?: { properties?: { explanation?: string } }[] } }).properties
      ?.errors;
    const why = errs
      ?.map((x) => x.properties?.explanation)
      .filter(Boolean)
      .slice(0, 3)
      .join('; ');
    throw new AppError(
      'unprocessable',
      `Mẫu không đọc được các trường (kiểm tra dấu ngoặc { }): ${why || (e as Error).message}`,
    );
  }
}

/** The tags a template uses (top level and inside loops). */
export function templateTags(bytes: Buffer): string[] {
  const out = new Set<string>();
  templater(openDocx(bytes), out);
  return [...out];
}

/** Checks a template: a real DOCX, parses, every tag known; else 422 naming the unknown tags. */
export function checkTemplate(bytes: Buffer): void {
  const unknown = templateTags(bytes).filter((t) => !KNOWN_TAGS.has(t));
  if (unknown.length)
    throw new AppError(
      'unprocessable',
      `Mẫu có trường không được hỗ trợ: ${unknown.map((t) => `{${t}}`).join(', ')}`,
    );
}

/** Fills a template with a draft's data. */
export function fillTemplate(template: Buffer, data: TemplateData): Buffer {
  const doc = templater(openDocx(template));
  try {
    doc.render(data);
  } catch (e) {
    throw new AppError('validation_failed', `Không điền được mẫu: ${(e as Error).message}`);
  }
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}
