import { describe, expect, it } from 'vitest';
import { normalizeVi, searchTerms } from './vi-text.ts';

describe('normalizeVi', () => {
  it('removes diacritics, including composed and decomposed forms', () => {
    expect(normalizeVi('Quyết định')).toBe('quyet dinh');
    expect(normalizeVi('Quye\u0302\u0301t đi\u0323nh')).toBe('quyet dinh');
    expect(normalizeVi('Ủy ban nhân dân tỉnh Vĩnh Long')).toBe('uy ban nhan dan tinh vinh long');
  });
  it('maps đ and Đ to d', () => {
    expect(normalizeVi('ĐỒNG THÁP đường')).toBe('dong thap duong');
  });
  it('collapses whitespace and trims', () => {
    expect(normalizeVi('  Sở\t Nội   vụ \n')).toBe('so noi vu');
  });
  it('keeps digits and punctuation', () => {
    expect(normalizeVi('Chỉ thị số: 10/2006/CT-TTg')).toBe('chi thi so: 10/2006/ct-ttg');
  });
  it('covers every Vietnamese vowel form', () => {
    const all = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
    expect(normalizeVi(all)).toMatch(/^[aeiouy]+$/);
    expect(normalizeVi(all.toUpperCase())).toMatch(/^[aeiouy]+$/);
  });
});

describe('searchTerms', () => {
  it('splits on anything that is not a letter or digit', () => {
    expect(searchTerms('Chỉ thị 10/2006/CT-TTg')).toEqual(['chi', 'thi', '10', '2006', 'ct', 'ttg']);
    expect(searchTerms('  ')).toEqual([]);
  });
});
