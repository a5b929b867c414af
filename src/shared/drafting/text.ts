/** Upper case of Vietnamese text (NFC kept: "ỦY BAN NHÂN DÂN"). */
export function upperVi(s: string): string {
  return s.normalize('NFC').toLocaleUpperCase('vi-VN').normalize('NFC');
}
