import { describe, expect, it } from 'vitest';
import { normalizeVi } from '../vi-text.ts';
import {
  buildNotation,
  DOCUMENT_TYPES,
  documentTypeCodeSchema,
  formatDocumentDate,
  formatNumber,
  formatNumberNotation,
  formatPlaceAndDate,
  matchNumberNotation,
  parseNumberNotation,
  REGISTER_COLUMNS,
  SECRECY_LEVELS,
  secrecySchema,
  typeByCode,
  typeByName,
  URGENCY_LEVELS,
  urgencySchema,
} from './decree30.ts';

describe('DOCUMENT_TYPES', () => {
  it('holds the 29 types of Art. 7 plus the generic kind', () => {
    expect(DOCUMENT_TYPES).toHaveLength(30);
    expect(DOCUMENT_TYPES.at(-1)).toEqual({ code: 'van_ban_khac', name: 'Văn bản khác', abbr: null });
  });

  it('has unique codes, folded names and abbreviations', () => {
    const codes = DOCUMENT_TYPES.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[a-z_]+$/);
    const names = DOCUMENT_TYPES.map((t) => normalizeVi(t.name));
    expect(new Set(names).size).toBe(names.length);
    const abbrs = DOCUMENT_TYPES.flatMap((t) => (t.abbr ? [t.abbr] : []));
    expect(new Set(abbrs).size).toBe(abbrs.length);
  });

  it('carries the abbreviations of Appendix III, mixed case included', () => {
    expect(typeByCode('quyet_dinh')?.abbr).toBe('QĐ');
    expect(typeByCode('quy_dinh')?.abbr).toBe('QyĐ');
    expect(typeByCode('chuong_trinh')?.abbr).toBe('CTr');
    expect(typeByCode('to_trinh')?.abbr).toBe('TTr');
    expect(typeByCode('de_an')?.abbr).toBe('ĐA');
    expect(typeByCode('du_an')?.abbr).toBe('DA');
    expect(typeByCode('cong_van')?.abbr).toBeNull();
    expect(typeByCode('thu_cong')?.abbr).toBeNull();
    expect(typeByCode('nope')).toBeUndefined();
  });

  it('validates codes with zod', () => {
    expect(documentTypeCodeSchema.safeParse('chi_thi').success).toBe(true);
    expect(documentTypeCodeSchema.safeParse('luat').success).toBe(false);
  });
});

describe('typeByName', () => {
  it('matches names in any case, with or without diacritics', () => {
    expect(typeByName('Quyết định')?.code).toBe('quyet_dinh');
    expect(typeByName('QUYẾT ĐỊNH')?.code).toBe('quyet_dinh');
    expect(typeByName('quyet dinh')?.code).toBe('quyet_dinh');
    expect(typeByName('  CHỈ   THỊ ')?.code).toBe('chi_thi');
    expect(typeByName('Nghị quyết (cá biệt)')?.code).toBe('nghi_quyet');
    expect(typeByName('Giấy uỷ quyền')?.code).toBe('giay_uy_quyen');
    expect(typeByName('cong van')?.code).toBe('cong_van');
    // Decomposed (NFD) input, as some PDFs give it.
    expect(typeByName('Tờ trình'.normalize('NFD'))?.code).toBe('to_trinh');
  });

  it('recognises abbreviations', () => {
    expect(typeByName('QĐ')?.code).toBe('quyet_dinh');
    expect(typeByName('qđ')?.code).toBe('quyet_dinh');
    expect(typeByName('qd')?.code).toBe('quyet_dinh');
    expect(typeByName('QyĐ')?.code).toBe('quy_dinh');
    expect(typeByName('TTr')?.code).toBe('to_trinh');
    expect(typeByName('ttr')?.code).toBe('to_trinh');
  });

  it('keeps the pairs that fold alike apart', () => {
    expect(typeByName('HD')?.code).toBe('huong_dan');
    expect(typeByName('HĐ')?.code).toBe('hop_dong');
    expect(typeByName('DA')?.code).toBe('du_an');
    expect(typeByName('ĐA')?.code).toBe('de_an');
    expect(typeByName('đa')?.code).toBe('de_an');
  });

  it('returns undefined for anything else', () => {
    expect(typeByName('')).toBeUndefined();
    expect(typeByName('Nghị định')).toBeUndefined();
    expect(typeByName('XYZ')).toBeUndefined();
  });
});

describe('secrecy and urgency', () => {
  it('lists the levels with Vietnamese labels', () => {
    expect(SECRECY_LEVELS.map((l) => [l.code, l.label])).toEqual([
      ['normal', 'Thường'],
      ['mat', 'Mật'],
      ['toi_mat', 'Tối mật'],
      ['tuyet_mat', 'Tuyệt mật'],
    ]);
    expect(URGENCY_LEVELS.map((l) => [l.code, l.label])).toEqual([
      ['normal', 'Thường'],
      ['khan', 'Khẩn'],
      ['thuong_khan', 'Thượng khẩn'],
      ['hoa_toc', 'Hỏa tốc'],
    ]);
  });

  it('validates with zod enums', () => {
    expect(secrecySchema.parse('toi_mat')).toBe('toi_mat');
    expect(secrecySchema.safeParse('secret').success).toBe(false);
    expect(urgencySchema.parse('hoa_toc')).toBe('hoa_toc');
    expect(urgencySchema.safeParse('urgent').success).toBe(false);
  });
});

describe('formatNumber', () => {
  it('pads numbers below 10 with a leading zero', () => {
    expect(formatNumber(1)).toBe('01');
    expect(formatNumber(9)).toBe('09');
    expect(formatNumber(10)).toBe('10');
    expect(formatNumber(123)).toBe('123');
  });
  it('refuses what cannot be a document number', () => {
    expect(() => formatNumber(0)).toThrow(RangeError);
    expect(() => formatNumber(-3)).toThrow(RangeError);
    expect(() => formatNumber(1.5)).toThrow(RangeError);
  });
});

describe('buildNotation and formatNumberNotation', () => {
  it('puts the type abbreviation before the issuer', () => {
    expect(buildNotation({ typeCode: 'quyet_dinh', issuerShortName: 'UBND' })).toBe('QĐ-UBND');
    expect(buildNotation({ typeCode: 'ke_hoach', issuerShortName: 'snv' })).toBe('KH-SNV');
    expect(formatNumberNotation(123, 'QĐ-UBND')).toBe('123/QĐ-UBND');
  });

  it('keeps the decree’s mixed-case type abbreviations', () => {
    expect(buildNotation({ typeCode: 'quy_dinh', issuerShortName: 'UBND' })).toBe('QyĐ-UBND');
    expect(buildNotation({ typeCode: 'to_trinh', issuerShortName: 'Sở TC' })).toBe('TTr-SỞTC');
    expect(buildNotation({ typeCode: 'chuong_trinh', issuerShortName: 'ubnd' })).toBe('CTr-UBND');
  });

  it('builds a công văn notation from issuer and drafting unit', () => {
    const n = buildNotation({ typeCode: 'cong_van', issuerShortName: 'UBND', draftingUnitShortName: 'vp' });
    expect(n).toBe('UBND-VP');
    expect(formatNumberNotation(5, n)).toBe('05/UBND-VP');
    expect(buildNotation({ typeCode: 'cong_van', issuerShortName: 'UBND' })).toBe('UBND');
  });

  it('ignores the drafting unit for types with an abbreviation', () => {
    expect(
      buildNotation({ typeCode: 'quyet_dinh', issuerShortName: 'UBND', draftingUnitShortName: 'VP' }),
    ).toBe('QĐ-UBND');
  });

  it('refuses unknown types and empty issuers', () => {
    expect(() => buildNotation({ typeCode: 'luat', issuerShortName: 'QH' })).toThrow(RangeError);
    expect(() => buildNotation({ typeCode: 'quyet_dinh', issuerShortName: '  ' })).toThrow(RangeError);
  });
});

describe('parseNumberNotation', () => {
  it('reads legal normative numbers with a year', () => {
    expect(parseNumberNotation('10/2006/CT-TTg')).toEqual({ number: '10', year: '2006', notation: 'CT-TTg' });
    expect(parseNumberNotation('123/2020/NĐ-CP')).toEqual({ number: '123', year: '2020', notation: 'NĐ-CP' });
    expect(parseNumberNotation('80/2015/QH13')).toEqual({ number: '80', year: '2015', notation: 'QH13' });
  });

  it('reads administrative numbers, with or without the "Số:" label', () => {
    expect(parseNumberNotation('2176/UBND-TTTH')).toEqual({ number: '2176', notation: 'UBND-TTTH' });
    expect(parseNumberNotation('Số: 05/QĐ-UBND')).toEqual({ number: '05', notation: 'QĐ-UBND' });
    expect(parseNumberNotation('SỐ: 05/QĐ-UBND.')).toEqual({ number: '05', notation: 'QĐ-UBND' });
    expect(parseNumberNotation('số 15/QyĐ-BNV')).toEqual({ number: '15', notation: 'QyĐ-BNV' });
  });

  it('tolerates the stray spaces of PDF text', () => {
    expect(parseNumberNotation('Số:  123 / QĐ - UBND')).toEqual({ number: '123', notation: 'QĐ-UBND' });
    expect(parseNumberNotation('Số: 123/QĐ-UBND'.normalize('NFD'))).toEqual({
      number: '123',
      notation: 'QĐ-UBND',
    });
  });

  it('returns null for what is not a number and notation', () => {
    expect(parseNumberNotation('')).toBeNull();
    expect(parseNumberNotation('Số:   /QĐ-UBND')).toBeNull();
    expect(parseNumberNotation('10/4/2007')).toBeNull();
    expect(parseNumberNotation('123/QĐ-UBND ngày 05/3/2020')).toBeNull();
  });

  it('finds a number and notation at the start of longer text', () => {
    expect(matchNumberNotation('123/QĐ-UBND ngày 05/3/2020')).toEqual({
      number: '123',
      notation: 'QĐ-UBND',
      length: 11,
    });
  });
});

describe('dates in documents', () => {
  it('pads days below 10 and the months 1 and 2 only', () => {
    expect(formatDocumentDate('2020-03-05')).toBe('ngày 05 tháng 3 năm 2020');
    expect(formatDocumentDate('2020-01-05')).toBe('ngày 05 tháng 01 năm 2020');
    expect(formatDocumentDate('2020-02-29')).toBe('ngày 29 tháng 02 năm 2020');
    expect(formatDocumentDate('2019-06-29')).toBe('ngày 29 tháng 6 năm 2019');
    expect(formatDocumentDate('2026-11-23')).toBe('ngày 23 tháng 11 năm 2026');
    expect(formatPlaceAndDate('Vĩnh Long', '2020-03-05')).toBe('Vĩnh Long, ngày 05 tháng 3 năm 2020');
    expect(() => formatDocumentDate('5/3/2020')).toThrow(RangeError);
  });
});

describe('REGISTER_COLUMNS', () => {
  it('lists the ten columns of each register in Appendix IV order', () => {
    expect(REGISTER_COLUMNS.outgoing.map((c) => c.heading)).toEqual([
      'Số, ký hiệu văn bản',
      'Ngày tháng văn bản',
      'Tên loại và trích yếu nội dung văn bản',
      'Người ký',
      'Nơi nhận văn bản',
      'Đơn vị, người nhận bản lưu',
      'Số lượng bản',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(REGISTER_COLUMNS.incoming.map((c) => c.heading)).toEqual([
      'Ngày đến',
      'Số đến',
      'Tác giả',
      'Số, ký hiệu văn bản',
      'Ngày tháng văn bản',
      'Tên loại và trích yếu nội dung văn bản',
      'Đơn vị hoặc người nhận',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ]);
    for (const cols of Object.values(REGISTER_COLUMNS)) {
      expect(new Set(cols.map((c) => c.key)).size).toBe(cols.length);
    }
  });
});
