const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** 0–999 in words, `full` when a higher group precedes (so 5 reads "không trăm linh năm"). */
function hundreds(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(`${DIGITS[h]} trăm`);
  if (t === 0) {
    if (u > 0 && (h > 0 || full)) out.push('linh');
  } else if (t === 1) out.push('mười');
  else out.push(`${DIGITS[t]} mươi`);
  if (u > 0) {
    if (u === 1 && t > 1) out.push('mốt');
    else if (u === 5 && t > 0) out.push('lăm');
    else if (u === 4 && t > 1) out.push('tư');
    else out.push(DIGITS[u]!);
  }
  return out.join(' ');
}

/** A whole number in Vietnamese words ("Viết bằng chữ" of Decree 30 lists), up to 999 999 999. */
export function numberInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999_999) throw new RangeError(String(n));
  if (n === 0) return 'không';
  const groups = [Math.floor(n / 1_000_000), Math.floor((n % 1_000_000) / 1000), n % 1000];
  const names = ['triệu', 'nghìn', ''];
  const out: string[] = [];
  let started = false;
  for (const [i, g] of groups.entries()) {
    if (g === 0) continue;
    out.push(`${hundreds(g, started)} ${names[i]}`.trim());
    started = true;
  }
  const s = out.join(' ');
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}
