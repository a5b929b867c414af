import { SECRECY_LEVELS, typeByCode, URGENCY_LEVELS } from '../../../../shared/documents/decree30.ts';

/** Vietnamese names of the document statuses (schema.ts lists them), as printed and exported. */
const STATUS_LABELS: Record<string, string> = {
  pending: 'Chờ tiếp nhận',
  registered: 'Đã đăng ký',
  submitted: 'Đã trình',
  assigned: 'Đang xử lý',
  done: 'Đã xử lý xong',
  refused: 'Đã từ chối',
  cancelled: 'Đã hủy',
  draft: 'Dự thảo',
  in_review: 'Đang trình duyệt',
  returned: 'Bị trả lại',
  signed: 'Đã ký',
  released: 'Đã phát hành',
  recalled: 'Đã thu hồi',
};

export const statusLabel = (code: string) => STATUS_LABELS[code] ?? code;
export const typeName = (code: string) => typeByCode(code)?.name ?? code;
export const secrecyLabel = (code: string) => SECRECY_LEVELS.find((l) => l.code === code)?.label ?? code;
export const urgencyLabel = (code: string) => URGENCY_LEVELS.find((l) => l.code === code)?.label ?? code;

/**
 * The HTTP header of a download: an ASCII fallback for old clients and the exact Vietnamese name
 * as RFC 5987 `filename*` (browsers show "Sổ đăng ký văn bản đến.pdf", not mojibake).
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\w.-]+/g, '-')
    .replace(/-+/g, '-');
  // encodeURIComponent leaves ' ( ) * ! alone, but RFC 5987 does not allow them in the value.
  const utf8 = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
