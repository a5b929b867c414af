import { describe, expect, it } from 'vitest';
import { csvRows, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM, and skips empty lines', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""",3\r\n\r\nlast,,\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', '3'],
      ['last', '', ''],
    ]);
  });

  it('numbers records the way the server reports lines', () => {
    const rows = csvRows('agency_code,name\n\n001,A\n002,B');
    expect(rows.map((r) => [r.line, r.values.agency_code, r.values.name])).toEqual([
      [2, '001', 'A'],
      [3, '002', 'B'],
    ]);
  });
});
