import { describe, expect, it } from 'vitest';
import { normalizeVi, searchTerms } from '../../../shared/vi-text.ts';
import { snippet } from './lists.ts';

/**
 * The straightforward way: fold every character, mark every word-start match, cut the excerpt around
 * the first one. snippet() folds only as far as the excerpt needs; both must give the same excerpt.
 */
function reference(text: string, terms: string[], width = 160): string {
  const chars = [...text];
  const flat = chars.map((ch) => (normalizeVi(ch) || ' ')[0] ?? ' ').join('');
  let first = -1;
  const marks = new Array<boolean>(chars.length).fill(false);
  for (const t of terms) {
    for (let at = flat.indexOf(t); at >= 0; at = flat.indexOf(t, at + t.length)) {
      if (at > 0 && /[a-z0-9]/.test(flat[at - 1]!)) continue;
      if (first < 0 || at < first) first = at;
      for (let i = at; i < at + t.length; i++) marks[i] = true;
    }
  }
  const start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(width / 4));
  const end = Math.min(chars.length, start + width);
  const marked = (i: number) => i >= start && i < end && marks[i];
  let out = start > 0 ? '…' : '';
  for (let i = start; i < end; i++) {
    const ch = chars[i]!.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
    if (marked(i) && !marked(i - 1)) out += '<mark>';
    out += ch;
    if (marked(i) && !marked(i + 1)) out += '</mark>';
  }
  return end < chars.length ? `${out}…` : out;
}

const WORDS = [
  'Quyết',
  'định',
  'kế',
  'hoạch',
  'chuyển',
  'đổi',
  'số',
  'UBND',
  '10/2006/CT-TTg',
  'cải',
  'cách',
  'hành',
  'chính',
  '<b>',
  '&',
  'nông',
  'thôn',
  'mới',
  'Điều',
  '2026',
];

/** A small deterministic generator, so a failure names its case. */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('snippet', () => {
  it('marks the search words, without diacritics and only where a word starts', () => {
    expect(snippet('Quyết định thành lập tổ công tác', searchTerms('quyet dinh thanh lap'))).toBe(
      '<mark>Quyết</mark> <mark>định</mark> <mark>thành</mark> <mark>lập</mark> tổ công tác',
    );
    expect(snippet('Kế hoạch số 12; hoạch định', searchTerms('hoach'))).toBe(
      'Kế <mark>hoạch</mark> số 12; <mark>hoạch</mark> định',
    );
    expect(snippet('a<b> & c', ['b'])).toBe('a&lt;<mark>b</mark>&gt; &amp; c');
  });

  it('cuts the excerpt around the first match far into a long text, balanced at its edges', () => {
    const text = `${'Về việc tổ chức hội nghị. '.repeat(200)}Chuyển đổi số toàn diện. ${'Kết luận. '.repeat(100)}`;
    const s = snippet(text, searchTerms('chuyen doi so'));
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>Chuyển</mark> <mark>đổi</mark> <mark>số</mark>');
    expect(s.split('<mark>').length).toBe(s.split('</mark>').length);
  });

  it('never splits a character outside the basic plane at the edges of the excerpt', () => {
    const text = `${'😀'.repeat(100)} kế hoạch ${'😀'.repeat(100)}`;
    const s = snippet(text, ['ke', 'hoach'], 41);
    expect(s).toContain('<mark>kế</mark> <mark>hoạch</mark>');
    expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)).toBe(false);
  });

  it('gives the same excerpt as folding the whole text, over 2,000 generated texts', () => {
    const rand = lcg(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    for (let k = 0; k < 2000; k++) {
      const n = Math.floor(rand() * (k % 10 === 0 ? 1500 : 120));
      const words = Array.from({ length: n }, () => pick(WORDS));
      const text = words.join(pick([' ', ', ', '. ', '  ', ' … ']));
      const terms = searchTerms(
        Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick([...WORDS, 'zz', 'ho'])).join(' '),
      );
      const width = pick([40, 160, 161]);
      expect(snippet(text, terms, width), `case ${k}: ${terms.join(' ')} in ${text.slice(0, 80)}`).toBe(
        reference(text, terms, width),
      );
    }
  });
});
