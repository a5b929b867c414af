/**
 * Pure rules of drafting in the Decree 30/2020 layout (Appendix I, Part I): the date line, the
 * number line before and after numbering, the signer's competence, the recipients split into
 * "Kính gửi" and "Nơi nhận". Used by the server to fill templates and by the web for the preview.
 */
import { buildNotation, typeByCode } from '../documents/decree30.ts';
import { upperVi } from './text.ts';

/** Types whose recipients are written after "Kính gửi" (Appendix I, II.9.b): công văn, tờ trình, báo cáo. */
export const KINH_GUI_TYPES: ReadonlySet<string> = new Set(['cong_van', 'to_trinh', 'bao_cao']);

/** The blank left for a number or a day/month the clerk's numbering stamps later. */
export const BLANK = '      ';

/** A day or month as Appendix I, II.4.b writes it: days below 10 and months 1, 2 with a leading 0. */
export function dayText(day: number): string {
  return day < 10 ? `0${day}` : String(day);
}
export function monthText(month: number): string {
  return month <= 2 ? `0${month}` : String(month);
}

/**
 * Parts of the date line "{place}, ngày {day} tháng {month} năm {year}". Before numbering the day and
 * the month stay blank (the clerk's numbering writes them): pass `date` null and the year.
 */
export function dateParts(date: string | null, year: number): { day: string; month: string; year: string } {
  if (!date) return { day: BLANK, month: BLANK, year: String(year) };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a date: ${date}`);
  return { day: dayText(Number(m[3])), month: monthText(Number(m[2])), year: m[1]! };
}

/** "Hà Nội, ngày 04 tháng 02 năm 2026" (or with blanks before numbering). */
export function dateLine(place: string, date: string | null, year: number): string {
  const p = dateParts(date, year);
  return `${place.trim()}, ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** The notation of a draft from its type and the agency's (and for a công văn, the division's) abbreviation. */
export function draftNotation(typeCode: string, issuerShortName: string, divisionShortName?: string | null) {
  return buildNotation({ typeCode, issuerShortName, draftingUnitShortName: divisionShortName ?? null });
}

/** "Số:      /QĐ-UBND" before numbering, "Số: 05/QĐ-UBND" after. */
export function numberLine(number: string | null, notation: string): string {
  return `Số: ${number ?? BLANK}/${notation}`;
}

/** The title as printed: the type name in upper case ("QUYẾT ĐỊNH"); a công văn has none. */
export function typeTitle(typeCode: string): string {
  if (typeCode === 'cong_van') return '';
  return upperVi(typeByCode(typeCode)?.name ?? '');
}

/** Signing competence (Appendix I, II.7.a): on behalf of the collective, deputy, acting, by order, by authorisation. */
export const COMPETENCES = ['', 'TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;
export type Competence = (typeof COMPETENCES)[number];

/**
 * The signature block's lines above the name: with a competence, the prefix followed by the
 * collective body or the head's position in upper case ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"),
 * then the signer's own position ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"); without one, the position alone.
 */
export function competenceLines(input: { competence: string; authority: string; position: string }): {
  competenceLine: string;
  positionLine: string;
} {
  const position = upperVi(input.position.trim());
  if (!input.competence) return { competenceLine: position, positionLine: '' };
  return {
    competenceLine: `${input.competence} ${upperVi(input.authority.trim())}`,
    positionLine: position,
  };
}

function clean(s: string): string {
  return s.trim().replace(/[;.,]+$/, '');
}

/**
 * "Kính gửi" (Appendix I, II.9.d, cell 9a): one recipient on the same line ("Kính gửi: Sở Tài chính."),
 * several each on its own line with "-", ";" and "." on the last.
 */
export function kinhGui(recipients: string[]): { inline: string; lines: string[] } {
  const rs = recipients.map(clean).filter(Boolean);
  if (rs.length === 0) return { inline: '', lines: [] };
  if (rs.length === 1) return { inline: ` ${rs[0]}.`, lines: [] };
  return { inline: '', lines: rs.map((r, i) => `- ${r}${i === rs.length - 1 ? '.' : ';'}`) };
}

/**
 * "Nơi nhận" (cell 9b): "- Như trên;" first when there is a "Kính gửi", then the others, each "- …;",
 * and last "- Lưu: VT, <unit>." (the archive copy with the drafting unit's abbreviation).
 */
export function noiNhan(input: { kinhGui: boolean; others: string[]; archive: string }): string[] {
  const lines = [...(input.kinhGui ? ['Như trên'] : []), ...input.others.map(clean).filter(Boolean)].map(
    (r) => `- ${r};`,
  );
  lines.push(`- ${clean(input.archive) || 'Lưu: VT'}.`);
  return lines;
}

/** "Lưu: VT, VP" from the drafting division's abbreviation. */
export function archiveLine(divisionShortName?: string | null): string {
  return divisionShortName ? `Lưu: VT, ${divisionShortName}` : 'Lưu: VT';
}

/** Body text → paragraphs: one per non-empty line. */
export function bodyParagraphs(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
