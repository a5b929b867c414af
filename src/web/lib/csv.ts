/**
 * A small RFC 4180 reader for previewing an import before it is sent: quoted fields, doubled
 * quotes, CRLF/LF, a leading BOM. Empty lines are skipped and records numbered from 1 the way the
 * server numbers them (csv-parse with skip_empty_lines), so its error lines match the preview.
 */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && s[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || record.length) endRecord();
  return records.map((r) => r.map((f) => f.trim()));
}

/** Records after the header as objects keyed by lower-cased column name, with their line number. */
export function csvRows(text: string): { line: number; values: Record<string, string> }[] {
  const [header, ...rest] = parseCsv(text);
  if (!header) return [];
  const cols = header.map((h) => h.toLowerCase());
  return rest.map((r, i) => ({
    line: i + 2,
    values: Object.fromEntries(cols.map((c, j) => [c, r[j] ?? ''])),
  }));
}
