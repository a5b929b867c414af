import { describe, expect, it } from 'vitest';
import { mimeProblems, unknownCharsets } from './incoming.ts';
import { categoryOf, documentMail, noticeMail, signatureBlock } from './templates.ts';
import { toWindows1258, truncatedMultipart, unknownCharsetMessage } from './testing/messages.ts';

const sig = {
  signature: '',
  agencyName: 'Sở Nội vụ tỉnh Vĩnh Long',
  agencyAddress: 'Số 1 đường Hoàng Thái Hiếu',
  address: 'snv@vinhlong.gov.vn',
};

describe('mail templates', () => {
  it('falls back to the agency name, address and mailbox when no signature is set', () => {
    expect(signatureBlock(sig)).toBe(
      '--\nSở Nội vụ tỉnh Vĩnh Long\nSố 1 đường Hoàng Thái Hiếu\nThư điện tử: snv@vinhlong.gov.vn',
    );
    expect(signatureBlock({ ...sig, signature: 'VĂN PHÒNG SỞ\nĐT: 0270 000' })).toBe(
      '--\nVĂN PHÒNG SỞ\nĐT: 0270 000',
    );
  });
  it('writes a notice in Vietnamese with an absolute link when PUBLIC_URL is set', () => {
    const m = noticeMail(
      { title: 'Văn bản được giao xử lý', body: 'V/v báo cáo', link: '/van-ban/1', createdAt: new Date() },
      { fullName: 'Nguyễn Văn A' },
      sig,
      'https://lienthong.vinhlong.gov.vn/',
    );
    expect(m.subject).toBe('[Liên Thông] Văn bản được giao xử lý');
    expect(m.bodyText).toContain('Kính gửi Nguyễn Văn A,');
    expect(m.bodyText).toContain('Xem và xử lý tại: https://lienthong.vinhlong.gov.vn/van-ban/1');
    expect(m.bodyText.endsWith(signatureBlock(sig))).toBe(true);
  });
  it('names the document by number and date and asks for replies on the same thread', () => {
    const m = documentMail(
      {
        numberNotation: '12/SNV-VP',
        issuedDate: '2026-11-23',
        summary: 'V/v cung cấp số liệu',
        issuerName: 'Sở Nội vụ tỉnh Vĩnh Long',
        signerName: 'Nguyễn Văn Hòa',
        signerTitle: 'Giám đốc',
      },
      { name: 'Công ty A' },
      ['cong-van.pdf'],
      sig,
    );
    expect(m.subject).toBe('Văn bản số 12/SNV-VP: V/v cung cấp số liệu');
    expect(m.bodyText).toContain('văn bản số 12/SNV-VP ngày 23/11/2026');
    expect(m.bodyText).toContain('- cong-van.pdf');
    expect(m.bodyText).toContain('Người ký: Giám đốc Nguyễn Văn Hòa');
  });
  it('maps notice kinds onto the choices a person makes', () => {
    expect(categoryOf('document.assigned')).toBe('assigned');
    expect(categoryOf('document.review')).toBe('assigned');
    expect(categoryOf('document.overdue')).toBe('overdue');
    expect(categoryOf('document.returned')).toBe('returned');
    // A periodic report's reminders and returns follow the same choices as a document's.
    expect(categoryOf('reports.due_soon')).toBe('due_soon');
    expect(categoryOf('reports.overdue')).toBe('overdue');
    expect(categoryOf('reports.returned')).toBe('returned');
    expect(categoryOf('something.else')).toBe('other');
  });
});

describe('broken message checks', () => {
  it('knows windows-1258 and names an unknown charset', () => {
    const w = Buffer.concat([
      Buffer.from('Content-Type: text/plain; charset=windows-1258\r\n\r\n'),
      toWindows1258('Việt'),
    ]);
    expect(unknownCharsets(w)).toEqual([]);
    expect(unknownCharsets(unknownCharsetMessage())).toEqual(['x-klingon']);
  });
  it('finds a multipart whose closing boundary never comes', () => {
    expect(mimeProblems(truncatedMultipart(Buffer.from('%PDF-1.4 abc')))).toHaveLength(1);
    expect(
      mimeProblems(
        Buffer.from('Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n'),
      ),
    ).toEqual([]);
  });
  it('encodes Vietnamese in windows-1258 with combining tone marks, which decode back to the same text', async () => {
    const iconv = (await import('iconv-lite')).default;
    const text = 'Báo cáo tình hình thực hiện kế hoạch ứng dụng công nghệ thông tin';
    const bytes = toWindows1258(text);
    expect(bytes.includes(0x3f)).toBe(false); // no "?" for an unmappable character
    expect(iconv.decode(bytes, 'windows1258').normalize('NFC')).toBe(text);
  });
});
