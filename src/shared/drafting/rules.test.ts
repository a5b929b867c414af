import { describe, expect, it } from 'vitest';
import { KNOWN_TAGS, templateDataOf } from './fields.ts';
import {
  archiveLine,
  BLANK,
  competenceLines,
  dateLine,
  draftNotation,
  kinhGui,
  noiNhan,
  numberLine,
  typeTitle,
} from './rules.ts';

describe('drafting rules (Decree 30, Appendix I)', () => {
  it('writes the date with leading zeros for days below 10 and months 1 and 2', () => {
    expect(dateLine('Vĩnh Long', '2026-02-04', 2026)).toBe('Vĩnh Long, ngày 04 tháng 02 năm 2026');
    expect(dateLine('Vĩnh Long', '2026-01-10', 2026)).toBe('Vĩnh Long, ngày 10 tháng 01 năm 2026');
    expect(dateLine('Vĩnh Long', '2026-03-05', 2026)).toBe('Vĩnh Long, ngày 05 tháng 3 năm 2026');
    expect(dateLine('Vĩnh Long', '2026-12-25', 2026)).toBe('Vĩnh Long, ngày 25 tháng 12 năm 2026');
  });

  it('leaves the number, day and month blank before numbering', () => {
    expect(dateLine('Hà Nội', null, 2026)).toBe(`Hà Nội, ngày ${BLANK} tháng ${BLANK} năm 2026`);
    expect(BLANK).toBe('      ');
    expect(numberLine(null, 'QĐ-UBND')).toBe(`Số: ${BLANK}/QĐ-UBND`);
    expect(numberLine('05', 'QĐ-UBND')).toBe('Số: 05/QĐ-UBND');
  });

  it('builds the notation with documents’ rule', () => {
    expect(draftNotation('quyet_dinh', 'UBND')).toBe('QĐ-UBND');
    expect(draftNotation('cong_van', 'UBND', 'VP')).toBe('UBND-VP');
    expect(draftNotation('to_trinh', 'snv')).toBe('TTr-SNV');
  });

  it('titles the type in upper case, none for a công văn', () => {
    expect(typeTitle('quyet_dinh')).toBe('QUYẾT ĐỊNH');
    expect(typeTitle('giay_moi')).toBe('GIẤY MỜI');
    expect(typeTitle('cong_van')).toBe('');
  });

  it('writes the competence lines', () => {
    expect(
      competenceLines({ competence: 'TM.', authority: 'Ủy ban nhân dân', position: 'Chủ tịch' }),
    ).toEqual({
      competenceLine: 'TM. ỦY BAN NHÂN DÂN',
      positionLine: 'CHỦ TỊCH',
    });
    expect(competenceLines({ competence: 'KT.', authority: 'Giám đốc', position: 'Phó Giám đốc' })).toEqual({
      competenceLine: 'KT. GIÁM ĐỐC',
      positionLine: 'PHÓ GIÁM ĐỐC',
    });
    expect(competenceLines({ competence: '', authority: '', position: 'Giám đốc' })).toEqual({
      competenceLine: 'GIÁM ĐỐC',
      positionLine: '',
    });
  });

  it('splits recipients into "Kính gửi" and "Nơi nhận" with ";" and "."', () => {
    expect(kinhGui(['Sở Tài chính'])).toEqual({ inline: ' Sở Tài chính.', lines: [] });
    expect(kinhGui(['Sở Tài chính;', 'Sở Tư pháp'])).toEqual({
      inline: '',
      lines: ['- Sở Tài chính;', '- Sở Tư pháp.'],
    });
    expect(
      noiNhan({ kinhGui: true, others: ['Chủ tịch UBND tỉnh (để b/c)'], archive: archiveLine('VP') }),
    ).toEqual(['- Như trên;', '- Chủ tịch UBND tỉnh (để b/c);', '- Lưu: VT, VP.']);
    expect(noiNhan({ kinhGui: false, others: [], archive: archiveLine(null) })).toEqual(['- Lưu: VT.']);
  });

  it('fills only known tags', () => {
    const data = templateDataOf(
      'to_trinh',
      {
        parentName: 'Ủy ban nhân dân tỉnh Vĩnh Long',
        issuerName: 'Sở Nội vụ',
        notation: 'TTr-SNV',
        place: 'Vĩnh Long',
        year: 2026,
        number: null,
        date: null,
        summary: 'Về việc phê duyệt kế hoạch',
        kinhGui: ['Ủy ban nhân dân tỉnh'],
        noiNhan: [],
        archive: 'Lưu: VT, VP',
        competence: '',
        authority: '',
        position: 'Giám đốc',
        signerName: 'Nguyễn Văn Hòa',
      },
      'Dòng một.\n\nDòng hai.',
    );
    expect(data.kinhGuiInline).toBe(' Ủy ban nhân dân tỉnh.');
    expect(data.paragraphs).toEqual([{ text: 'Dòng một.' }, { text: 'Dòng hai.' }]);
    expect(data.noiNhan.map((l) => l.line)).toEqual(['- Như trên;', '- Lưu: VT, VP.']);
    for (const k of Object.keys(data)) expect(KNOWN_TAGS.has(k)).toBe(true);
    expect(KNOWN_TAGS.has('line')).toBe(true);
  });
});
