import { VN_TIME_ZONE } from '../../../shared/calendar/vn-time.ts';

/**
 * Vietnamese mail templates. Every mail ends with the agency's signature block (set on its mail
 * account), falling back to the agency's name, address and mailbox.
 */

export interface SignatureSource {
  signature: string;
  agencyName: string;
  agencyAddress?: string | null;
  address: string;
}

export function signatureBlock(s: SignatureSource): string {
  const body = s.signature.trim()
    ? s.signature.trim()
    : [s.agencyName, s.agencyAddress, `Thư điện tử: ${s.address}`].filter(Boolean).join('\n');
  return `--\n${body}`;
}

export function link(publicUrl: string | undefined, path: string | null | undefined): string | null {
  if (!path) return null;
  return publicUrl ? `${publicUrl.replace(/\/$/, '')}${path}` : path;
}

/** What a person can turn on, off or into the digest; notice kinds map onto these. */
export const NOTICE_CATEGORIES = ['assigned', 'due_soon', 'overdue', 'returned', 'arrived', 'other'] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];

export function categoryOf(kind: string): NoticeCategory {
  switch (kind) {
    case 'document.assigned':
    case 'document.submitted':
    case 'document.review':
    case 'document.to_release':
      return 'assigned';
    case 'document.due_soon':
    case 'reports.due_soon':
      return 'due_soon';
    case 'document.overdue':
    case 'reports.overdue':
      return 'overdue';
    case 'document.returned':
    case 'reports.returned':
      return 'returned';
    case 'document.arrived':
      return 'arrived';
    default:
      return 'other';
  }
}

export interface NoticeForMail {
  title: string;
  body: string | null;
  link: string | null;
  createdAt: Date;
}

const fmt = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: VN_TIME_ZONE,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(d);

export function noticeMail(
  n: NoticeForMail,
  to: { fullName: string },
  sig: SignatureSource,
  publicUrl?: string,
): { subject: string; bodyText: string } {
  const url = link(publicUrl, n.link);
  const text = [
    `Kính gửi ${to.fullName},`,
    '',
    n.title,
    n.body ? `Trích yếu: ${n.body}` : null,
    url ? `Xem và xử lý tại: ${url}` : null,
    '',
    'Thư này được gửi tự động từ hệ thống Liên Thông; vui lòng không trả lời thư này.',
    'Bạn có thể đổi cách nhận thông báo trong mục “Thông báo qua thư điện tử”.',
    '',
    signatureBlock(sig),
  ]
    .filter((l) => l !== null)
    .join('\n');
  return { subject: `[Liên Thông] ${n.title}`, bodyText: text };
}

export function digestMail(
  items: NoticeForMail[],
  to: { fullName: string },
  sig: SignatureSource,
  publicUrl?: string,
): { subject: string; bodyText: string } {
  const lines = items.map((n, i) => {
    const url = link(publicUrl, n.link);
    return [
      `${i + 1}. ${n.title} (${fmt(n.createdAt)})`,
      n.body ? `   ${n.body}` : null,
      url ? `   ${url}` : null,
    ]
      .filter(Boolean)
      .join('\n');
  });
  const text = [
    `Kính gửi ${to.fullName},`,
    '',
    `Tổng hợp ${items.length} thông báo trong ngày:`,
    '',
    ...lines,
    '',
    'Thư này được gửi tự động từ hệ thống Liên Thông; vui lòng không trả lời thư này.',
    '',
    signatureBlock(sig),
  ].join('\n');
  return { subject: `[Liên Thông] Tổng hợp ${items.length} thông báo`, bodyText: text };
}

export interface DocumentForMail {
  numberNotation: string | null;
  issuedDate: string | null;
  summary: string;
  issuerName: string | null;
  signerName: string | null;
  signerTitle: string | null;
}

export function documentMail(
  d: DocumentForMail,
  to: { name: string },
  files: string[],
  sig: SignatureSource,
): { subject: string; bodyText: string } {
  const date = d.issuedDate ? d.issuedDate.split('-').reverse().join('/') : '';
  const text = [
    `Kính gửi: ${to.name}`,
    '',
    `${d.issuerName ?? sig.agencyName} trân trọng gửi văn bản số ${d.numberNotation ?? ''}${date ? ` ngày ${date}` : ''} về việc ${d.summary}.`,
    d.signerName ? `Người ký: ${[d.signerTitle, d.signerName].filter(Boolean).join(' ')}` : null,
    '',
    files.length ? 'Tệp đính kèm:' : null,
    ...files.map((f) => `- ${f}`),
    '',
    'Khi trả lời, xin vui lòng trả lời ngay thư này (giữ nguyên tiêu đề) để văn bản trả lời được gắn với văn bản đi.',
    '',
    signatureBlock(sig),
  ]
    .filter((l) => l !== null)
    .join('\n');
  return { subject: `Văn bản số ${d.numberNotation ?? ''}: ${d.summary}`.slice(0, 250), bodyText: text };
}
