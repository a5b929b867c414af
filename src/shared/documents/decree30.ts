/**
 * Facts of Decree 30/2020/NĐ-CP on clerical work (công tác văn thư) that both the server and the web
 * app need: the administrative document types and their abbreviations, secrecy and urgency levels,
 * how a document's number and notation (số, ký hiệu) are written, and the register columns.
 * Pure functions only; the source text is in shared/domain/decree-30-2020/.
 */
import { z } from 'zod';
import { formatViLongDate } from '../calendar/vn-time.ts';
import { normalizeVi } from '../vi-text.ts';

export interface DocumentType {
  /** Stable ASCII id stored in the database and used in URLs and i18n keys. */
  code: string;
  /** The type name as printed in the document title, in sentence case. */
  name: string;
  /** Abbreviation used in the notation (Appendix III, Part I); null when the decree gives none. */
  abbr: string | null;
}

/**
 * The 29 administrative document types of Decree 30/2020, Art. 7, in the order the article lists
 * them, with the abbreviations of Appendix III, Part I (table "Bảng chữ viết tắt tên loại văn bản").
 * "Nghị quyết" and "Quyết định" here are the individual (cá biệt) kinds of Art. 7; the same titles on
 * legal normative documents map to these entries too, since the title alone cannot tell them apart.
 * Công văn and thư công have no abbreviation in Appendix III.
 * The decree lists no legal normative types (Luật, Nghị định, Thông tư …): a received document of
 * such a kind is recorded as `van_ban_khac`, the one entry that is not from Art. 7.
 */
export const DOCUMENT_TYPES = [
  { code: 'nghi_quyet', name: 'Nghị quyết', abbr: 'NQ' },
  { code: 'quyet_dinh', name: 'Quyết định', abbr: 'QĐ' },
  { code: 'chi_thi', name: 'Chỉ thị', abbr: 'CT' },
  { code: 'quy_che', name: 'Quy chế', abbr: 'QC' },
  { code: 'quy_dinh', name: 'Quy định', abbr: 'QyĐ' },
  { code: 'thong_cao', name: 'Thông cáo', abbr: 'TC' },
  { code: 'thong_bao', name: 'Thông báo', abbr: 'TB' },
  { code: 'huong_dan', name: 'Hướng dẫn', abbr: 'HD' },
  { code: 'chuong_trinh', name: 'Chương trình', abbr: 'CTr' },
  { code: 'ke_hoach', name: 'Kế hoạch', abbr: 'KH' },
  { code: 'phuong_an', name: 'Phương án', abbr: 'PA' },
  { code: 'de_an', name: 'Đề án', abbr: 'ĐA' },
  { code: 'du_an', name: 'Dự án', abbr: 'DA' },
  { code: 'bao_cao', name: 'Báo cáo', abbr: 'BC' },
  { code: 'bien_ban', name: 'Biên bản', abbr: 'BB' },
  { code: 'to_trinh', name: 'Tờ trình', abbr: 'TTr' },
  { code: 'hop_dong', name: 'Hợp đồng', abbr: 'HĐ' },
  { code: 'cong_van', name: 'Công văn', abbr: null },
  { code: 'cong_dien', name: 'Công điện', abbr: 'CĐ' },
  { code: 'ban_ghi_nho', name: 'Bản ghi nhớ', abbr: 'BGN' },
  { code: 'ban_thoa_thuan', name: 'Bản thỏa thuận', abbr: 'BTT' },
  { code: 'giay_uy_quyen', name: 'Giấy ủy quyền', abbr: 'GUQ' },
  { code: 'giay_moi', name: 'Giấy mời', abbr: 'GM' },
  { code: 'giay_gioi_thieu', name: 'Giấy giới thiệu', abbr: 'GGT' },
  { code: 'giay_nghi_phep', name: 'Giấy nghỉ phép', abbr: 'GNP' },
  { code: 'phieu_gui', name: 'Phiếu gửi', abbr: 'PG' },
  { code: 'phieu_chuyen', name: 'Phiếu chuyển', abbr: 'PC' },
  { code: 'phieu_bao', name: 'Phiếu báo', abbr: 'PB' },
  { code: 'thu_cong', name: 'Thư công', abbr: null },
  { code: 'van_ban_khac', name: 'Văn bản khác', abbr: null },
] as const satisfies readonly DocumentType[];

export type DocumentTypeCode = (typeof DOCUMENT_TYPES)[number]['code'];
export const DOCUMENT_TYPE_CODES = DOCUMENT_TYPES.map((t) => t.code) as [
  DocumentTypeCode,
  ...DocumentTypeCode[],
];
export const documentTypeCodeSchema = z.enum(DOCUMENT_TYPE_CODES, 'Loại văn bản không có trong danh mục');

/**
 * Abbreviations of copies (Appendix III, Part I, "Bản sao văn bản"); a copy's number is its
 * registration order followed by one of these (Appendix I, Part II, II.1.c), e.g. "05/SY".
 */
export const COPY_KINDS = [
  { code: 'sao_y', name: 'Bản sao y', abbr: 'SY' },
  { code: 'trich_sao', name: 'Bản trích sao', abbr: 'TrS' },
  { code: 'sao_luc', name: 'Bản sao lục', abbr: 'SL' },
] as const;

const typesByCode = new Map<string, DocumentType>(DOCUMENT_TYPES.map((t) => [t.code, t]));

/** Folded key: no diacritics, lower case, single spaces, without the "(cá biệt)" qualifier of Art. 7. */
function typeKey(s: string): string {
  return normalizeVi(s.replace(/\(\s*cá\s+biệt\s*\)/giu, ''));
}
const typesByFoldedName = new Map<string, DocumentType>(DOCUMENT_TYPES.map((t) => [typeKey(t.name), t]));

export function typeByCode(code: string): DocumentType | undefined {
  return typesByCode.get(code);
}

/**
 * The type named by `name`: its name in any case, with or without diacritics ("QUYẾT ĐỊNH",
 * "quyet dinh", "Nghị quyết (cá biệt)"), or its abbreviation ("QĐ", "qđ", "qd").
 * Folding diacritics makes two pairs of abbreviations collide (HD hướng dẫn / HĐ hợp đồng,
 * DA dự án / ĐA đề án): the exact spelling wins, then a case-insensitive match that keeps
 * diacritics, and a diacritic-free match only when it names a single type.
 */
export function typeByName(name: string): DocumentType | undefined {
  const trimmed = name.normalize('NFC').trim();
  if (!trimmed) return undefined;
  const byName = typesByFoldedName.get(typeKey(trimmed));
  if (byName) return byName;
  const withAbbr = DOCUMENT_TYPES.filter((t) => t.abbr !== null) as DocumentType[];
  const exact = withAbbr.find((t) => t.abbr === trimmed);
  if (exact) return exact;
  const lower = trimmed.toLowerCase();
  const caseless = withAbbr.find((t) => t.abbr?.toLowerCase() === lower);
  if (caseless) return caseless;
  const folded = normalizeVi(trimmed);
  const candidates = withAbbr.filter((t) => normalizeVi(t.abbr ?? '') === folded);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * Secrecy (độ mật). The three classified levels are those of the Law on Protection of State Secrets
 * 2018, which Decree 30/2020, Appendix I, Part I, III.2.a defers to for the stamps TUYỆT MẬT,
 * TỐI MẬT, MẬT (box 10a). `stamp` is the text of the stamp as printed.
 */
export const SECRECY_CODES = ['normal', 'mat', 'toi_mat', 'tuyet_mat'] as const;
export type Secrecy = (typeof SECRECY_CODES)[number];
export const secrecySchema = z.enum(SECRECY_CODES, 'Độ mật không hợp lệ');
export const SECRECY_LEVELS = [
  { code: 'normal', label: 'Thường', stamp: null },
  { code: 'mat', label: 'Mật', stamp: 'MẬT' },
  { code: 'toi_mat', label: 'Tối mật', stamp: 'TỐI MẬT' },
  { code: 'tuyet_mat', label: 'Tuyệt mật', stamp: 'TUYỆT MẬT' },
] as const satisfies readonly { code: Secrecy; label: string; stamp: string | null }[];

/**
 * Urgency (mức độ khẩn): hỏa tốc, thượng khẩn, khẩn, proposed by the drafter and decided by the
 * signer; red rectangular stamps in box 10b (Decree 30/2020, Appendix I, Part I, III.2.b).
 * Urgent documents are registered and passed on at once (Art. 4.2.c).
 */
export const URGENCY_CODES = ['normal', 'khan', 'thuong_khan', 'hoa_toc'] as const;
export type Urgency = (typeof URGENCY_CODES)[number];
export const urgencySchema = z.enum(URGENCY_CODES, 'Mức độ khẩn không hợp lệ');
export const URGENCY_LEVELS = [
  { code: 'normal', label: 'Thường', stamp: null },
  { code: 'khan', label: 'Khẩn', stamp: 'KHẨN' },
  { code: 'thuong_khan', label: 'Thượng khẩn', stamp: 'THƯỢNG KHẨN' },
  { code: 'hoa_toc', label: 'Hỏa tốc', stamp: 'HỎA TỐC' },
] as const satisfies readonly { code: Urgency; label: string; stamp: string | null }[];

/**
 * A document number as printed: Arabic digits, with a leading 0 below 10 ("01" … "09", "10", "123")
 * (Decree 30/2020, Appendix I, Part I, II.3.a and II.3.c). Numbers start at 01 each year (Art. 15.1),
 * so anything below 1 is a bug in the caller.
 */
export function formatNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`Document number must be a positive integer, got ${n}`);
  return n < 10 ? `0${n}` : String(n);
}

/**
 * An abbreviation group of a notation: no spaces (Appendix I, Part I, II.3.c: "không cách chữ")
 * and upper case ("Ký hiệu … bằng chữ in hoa").
 */
function notationGroup(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, '').toUpperCase();
}

/**
 * The notation (ký hiệu) of a document, Decree 30/2020, Appendix I, Part I, II.3.b:
 * - a document with a type name: type abbreviation + "-" + issuer abbreviation, e.g. "QĐ-UBND";
 *   the type abbreviation keeps the decree's own spelling (QyĐ, CTr, TTr) although the rest of a
 *   notation is upper case, since Appendix III prints them so and they would collide otherwise;
 * - a công văn: issuer abbreviation + "-" + abbreviation of the drafting unit or field, e.g. "UBND-VP".
 * `draftingUnitShortName` is ignored for types with an abbreviation: the decree puts only the type
 * and the issuer in their notation.
 * Types with no abbreviation other than công văn (thư công, văn bản khác) have no notation rule in
 * the decree; they are written like a công văn. When a công văn has no drafting unit the notation is
 * the issuer alone rather than an error, so that releasing is never blocked here; drafts should
 * require the drafting unit earlier.
 * Issuer and unit abbreviations are set by the head of the agency (same point); they are written
 * here without spaces and in upper case (II.3.c).
 */
export function buildNotation(input: {
  typeCode: string;
  issuerShortName: string;
  draftingUnitShortName?: string | null;
}): string {
  const type = typeByCode(input.typeCode);
  if (!type) throw new RangeError(`Unknown document type code: ${input.typeCode}`);
  const issuer = notationGroup(input.issuerShortName);
  if (!issuer) throw new RangeError('The issuer abbreviation is empty');
  if (type.abbr) return `${type.abbr}-${issuer}`;
  const unit = notationGroup(input.draftingUnitShortName ?? '');
  return unit ? `${issuer}-${unit}` : issuer;
}

/** "123/QĐ-UBND", "05/UBND-VP": a slash between number and notation, no spaces (Appendix I, II.3.c). */
export function formatNumberNotation(n: number, notation: string): string {
  return `${formatNumber(n)}/${notation}`;
}

export interface NumberNotation {
  /** As written, leading zeros kept ("05"). */
  number: string;
  /** The abbreviation groups after the number (and year), e.g. "QĐ-UBND", "CT-TTg". */
  notation: string;
  /** The year written between number and notation by legal normative documents ("10/2006/CT-TTg"). */
  year?: string;
}

/**
 * Number, optional year and notation at the start of `s`, after an optional "Số:" label. Spaces
 * around "/" and "-" are tolerated because text taken from PDFs often has them.
 * The notation keeps the case it was written in: central agencies write mixed case ("CT-TTg").
 */
const NUMBER_NOTATION_RE =
  /^(?:s[ốo]\s*[:.]?\s*)?(\d{1,7})\s*\/\s*(?:((?:19|20)\d{2})\s*\/\s*)?([\p{L}\d]+(?:\s*[-&]\s*[\p{L}\d]+)*)/iu;

/** Finds "number/notation" at the start of `s`; returns the match and how many characters it used. */
export function matchNumberNotation(s: string): (NumberNotation & { length: number }) | null {
  const m = NUMBER_NOTATION_RE.exec(s.normalize('NFC'));
  if (!m) return null;
  const notation = m[3]!.replace(/\s+/g, '');
  // A notation has at least one letter: "12/3" is a date or a fraction, not a number and notation.
  if (!/\p{L}/u.test(notation)) return null;
  const out: NumberNotation & { length: number } = { number: m[1]!, notation, length: m[0].length };
  if (m[2]) out.year = m[2];
  return out;
}

/**
 * Parses "10/2006/CT-TTg", "2176/UBND-TTTH", "Số: 05/QĐ-UBND", "123/2020/NĐ-CP"; null when the
 * whole string is not a number and notation (trailing punctuation is allowed).
 */
export function parseNumberNotation(s: string): NumberNotation | null {
  const trimmed = s.normalize('NFC').trim();
  const m = matchNumberNotation(trimmed);
  if (!m) return null;
  if (!/^[\s.,;:]*$/.test(trimmed.slice(m.length))) return null;
  const { length: _length, ...rest } = m;
  return rest;
}

/**
 * "ngày 05 tháng 3 năm 2020" from "2020-03-05": days below 10 and the months 1 and 2 get a leading
 * 0, other months do not (Decree 30/2020, Appendix I, Part I, II.4.b). One implementation, in
 * shared/calendar/vn-time.ts.
 */
export const formatDocumentDate = formatViLongDate;

/** "Vĩnh Long, ngày 05 tháng 3 năm 2020": place, comma, date (Appendix I, Part I, II.4.c). */
export function formatPlaceAndDate(place: string, isoDate: string): string {
  return `${place.trim()}, ${formatDocumentDate(isoDate)}`;
}

export interface RegisterColumn {
  /** Field of the register row that fills the column. */
  key: string;
  /** Column heading as printed in the register. */
  heading: string;
}

/**
 * Minimum columns of the registers, in the printed order (Decree 30/2020, Appendix IV: I.2 "Sổ đăng
 * ký văn bản đi", at least 10 items; VI.2 "Sổ đăng ký văn bản đến", at least 10 items). Art. 16.2.b
 * and 22.3.b require a register kept in the System to be printed with these columns, signed and bound.
 */
export const REGISTER_COLUMNS = {
  outgoing: [
    { key: 'numberNotation', heading: 'Số, ký hiệu văn bản' },
    { key: 'issuedDate', heading: 'Ngày tháng văn bản' },
    { key: 'typeAndSummary', heading: 'Tên loại và trích yếu nội dung văn bản' },
    { key: 'signer', heading: 'Người ký' },
    { key: 'recipients', heading: 'Nơi nhận văn bản' },
    { key: 'archiveHolder', heading: 'Đơn vị, người nhận bản lưu' },
    { key: 'copies', heading: 'Số lượng bản' },
    { key: 'transferDate', heading: 'Ngày chuyển' },
    { key: 'receiptSignature', heading: 'Ký nhận' },
    { key: 'note', heading: 'Ghi chú' },
  ],
  incoming: [
    { key: 'arrivalDate', heading: 'Ngày đến' },
    { key: 'arrivalNumber', heading: 'Số đến' },
    { key: 'issuer', heading: 'Tác giả' },
    { key: 'numberNotation', heading: 'Số, ký hiệu văn bản' },
    { key: 'issuedDate', heading: 'Ngày tháng văn bản' },
    { key: 'typeAndSummary', heading: 'Tên loại và trích yếu nội dung văn bản' },
    { key: 'recipient', heading: 'Đơn vị hoặc người nhận' },
    { key: 'transferDate', heading: 'Ngày chuyển' },
    { key: 'receiptSignature', heading: 'Ký nhận' },
    { key: 'note', heading: 'Ghi chú' },
  ],
} as const satisfies Record<'outgoing' | 'incoming', readonly RegisterColumn[]>;
