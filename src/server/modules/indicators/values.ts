/**
 * A value as an officer types or pastes it, read the way Vietnamese offices write numbers:
 * "1.234.567" and "1.234,5" (dot for thousands, comma for decimals), or plain "1234.5" as
 * spreadsheets export it. The rule: a comma makes it Vietnamese (dots are thousands); without a
 * comma, several dots are thousands, and one dot is the decimal point — except in a whole number
 * (an integer indicator), where "1.234" can only mean 1234. Spaces (also non-breaking) are
 * ignored; a trailing "%" is allowed for a percentage. '' or null clears the cell.
 */
export function parseCellValue(
  raw: string | null,
  ind: { value_type: 'number' | 'percent' | 'integer'; decimals: number },
): { value: number | null } | { error: string } {
  if (raw === null) return { value: null };
  let s = raw.replace(/[\s\u00a0]/g, '');
  if (s === '') return { value: null };
  if (s.endsWith('%')) {
    if (ind.value_type !== 'percent')
      return { error: `«${raw}» có dấu %, nhưng chỉ tiêu này không tính bằng phần trăm.` };
    s = s.slice(0, -1);
  }
  let normal: string;
  if (s.includes(',')) {
    if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(s) && !/^-?\d+(,\d+)?$/.test(s))
      return { error: `«${raw}» không phải là số (ví dụ 1.234,5 hoặc 1234.5).` };
    normal = s.replaceAll('.', '').replace(',', '.');
  } else if (
    (s.match(/\./g) ?? []).length > 1 ||
    (ind.value_type === 'integer' && /^-?\d{1,3}\.\d{3}$/.test(s))
  ) {
    if (!/^-?\d{1,3}(\.\d{3})+$/.test(s)) return { error: `«${raw}» không phải là số (ví dụ 1.234.567).` };
    normal = s.replaceAll('.', '');
  } else {
    if (!/^-?\d+(\.\d+)?$/.test(s))
      return { error: `«${raw}» không phải là số (ví dụ 1.234,5 hoặc 1234.5).` };
    normal = s;
  }
  const value = Number(normal);
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) return { error: `«${raw}» quá lớn.` };
  const decimals = normal.includes('.') ? normal.split('.')[1]!.length : 0;
  if (ind.value_type === 'integer') {
    if (decimals > 0 && !Number.isInteger(value)) return { error: `«${raw}» phải là số nguyên.` };
    if (value < 0) return { error: `«${raw}» không được âm.` };
  } else if (decimals > ind.decimals) {
    return {
      error:
        ind.decimals === 0
          ? `«${raw}» phải là số nguyên (chỉ tiêu không có chữ số thập phân).`
          : `«${raw}» có quá ${ind.decimals} chữ số thập phân.`,
    };
  }
  if (ind.value_type === 'percent' && (value < -100 || value > 1000))
    return { error: `«${raw}» nằm ngoài khoảng của một tỷ lệ phần trăm (-100 đến 1.000).` };
  return { value };
}
