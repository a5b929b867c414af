/**
 * Proposes the register fields of an incoming document from its text, by reading the parts that
 * Decree 30/2020, Appendix I lays out in fixed places (diagram in Part I, IV):
 *   box 2   issuer, top left: parent agency (if any) over the issuer, upper case   (II.2)
 *   box 1   national title and motto, top right                                    (II.1)
 *   box 3   "Số: 123/QĐ-UBND" under the issuer                                      (II.3)
 *   box 4   "Vĩnh Long, ngày 05 tháng 3 năm 2020", same line as the number, right   (II.4)
 *   box 5a  type name in capitals, then the summary ("Về việc …"), centred          (II.5.b)
 *   box 5b  for a công văn, "V/v …" under the number instead                       (II.5.b)
 *   box 7   signer: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / signature / full name        (II.7)
 * Text taken from a PDF or DOCX loses the two-column layout: the columns come one after the other
 * in either order, side by side on one line (separated by a tab or by nothing), or interleaved line
 * by line. So each line is cleaned of the parts recognisable anywhere (national title, motto,
 * number, place and date, stamps) and what remains in upper case is the issuer block.
 * Every field is a proposal for the clerk to confirm; `confidence` says how sure each one is
 * (0 = not found). Nothing here throws on odd input.
 */
import {
  DOCUMENT_TYPES,
  type DocumentType,
  matchNumberNotation,
  SECRECY_LEVELS,
  type Secrecy,
  typeByName,
  URGENCY_LEVELS,
  type Urgency,
} from '../../../../shared/documents/decree30.ts';
import { normalizeVi } from '../../../../shared/vi-text.ts';

export interface KnownIssuer {
  id: string;
  name: string;
  shortName: string;
}

export interface HeaderProposal {
  /** Issuer as printed (upper case), or the known issuer's name when one matched. */
  issuerName?: string;
  /** Parent agency printed above the issuer ("UBND TỈNH VĨNH LONG" over "SỞ NỘI VỤ"). */
  issuerParentName?: string;
  issuerId?: string;
  /** "123/QĐ-UBND", "10/2006/CT-TTg" */
  numberNotation?: string;
  /** As printed, leading zero kept ("05"). */
  number?: string;
  notation?: string;
  /** yyyy-mm-dd */
  issuedDate?: string;
  place?: string;
  typeCode?: string;
  /** The title as printed, in sentence case; tells what a `van_ban_khac` is ("Nghị định"). */
  typeName?: string;
  summary?: string;
  signer?: string;
  /** The signer's own position, the line above the name ("PHÓ CHỦ TỊCH"). */
  signerTitle?: string;
  /** The authority line when the signer signs for someone ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"). */
  signerAuthority?: string;
  secrecy?: Secrecy;
  urgency?: Urgency;
  /**
   * Per field, 0 to 1: 0 not found; about 0.9 and above read from the place the decree prescribes
   * (and, for the type, confirmed by the notation); 0.5 to 0.8 a reasonable guess to check.
   * A UI can pre-fill everything above 0 and highlight fields below 0.8.
   */
  confidence: Record<ProposalField, number>;
}

export const PROPOSAL_FIELDS = [
  'issuerName',
  'issuerParentName',
  'issuerId',
  'numberNotation',
  'number',
  'notation',
  'issuedDate',
  'place',
  'typeCode',
  'typeName',
  'summary',
  'signer',
  'signerTitle',
  'signerAuthority',
  'secrecy',
  'urgency',
] as const;
export type ProposalField = (typeof PROPOSAL_FIELDS)[number];

export interface ProposeOptions {
  knownIssuers?: KnownIssuer[];
}

// Only the beginning and the end of a long text matter; reading 20 MB line by line would not.
const HEAD_CHARS = 30_000;
const TAIL_CHARS = 15_000;
const MAX_HEADER_SEGS = 50;
const MAX_TITLE_SEG = 80;
const TAIL_SEGS = 40;

/** Reads the header and signature blocks of `text`; fields not found stay undefined. */
export function proposeFromText(text: string, opts: ProposeOptions = {}): HeaderProposal {
  const confidence = Object.fromEntries(PROPOSAL_FIELDS.map((f) => [f, 0])) as Record<ProposalField, number>;
  const out: HeaderProposal = { confidence };
  const segs = segments(text);
  if (segs.length === 0) return out;

  // Box 5a: the type name on a line of its own, in capitals, near the top.
  const titleIdx = segs.findIndex((s, i) => i < MAX_TITLE_SEG && titleOf(s.raw) !== undefined);
  const title = titleIdx >= 0 ? titleOf(segs[titleIdx]!.raw) : undefined;
  const headerEnd = headerEndOf(segs, titleIdx);
  const header = readHeader(segs.slice(0, headerEnd));

  // Number and notation (box 3).
  if (header.number) {
    const n = header.number;
    out.number = n.number;
    out.notation = n.notation;
    out.numberNotation = `${n.number}/${n.year ? `${n.year}/` : ''}${n.notation}`;
    const c = n.labelled ? 0.95 : 0.6;
    confidence.number = c;
    confidence.notation = c;
    confidence.numberNotation = c;
  }

  // Place and date (box 4).
  if (header.date) {
    out.issuedDate = header.date.iso;
    confidence.issuedDate = header.date.place ? 0.9 : 0.7;
    if (header.date.place) {
      out.place = header.date.place;
      confidence.place = 0.8;
    }
  }

  // Type (box 5a), checked against the abbreviation in the notation.
  const fromNotation = out.notation ? typeFromNotation(out.notation) : undefined;
  if (title) {
    out.typeCode = title.type.code;
    out.typeName = title.name;
    confidence.typeName = 0.9;
    confidence.typeCode = title.type.code === 'van_ban_khac' ? 0.6 : 0.9;
    if (fromNotation && fromNotation.code !== title.type.code && title.type.code !== 'van_ban_khac') {
      confidence.typeCode = 0.5;
    } else if (fromNotation) confidence.typeCode = 0.97;
  } else if (header.summaryStart !== undefined) {
    // A "V/v" summary under the number and no title: a công văn (Appendix I, II.5.b).
    out.typeCode = fromNotation?.code ?? 'cong_van';
    confidence.typeCode = fromNotation ? 0.6 : 0.85;
  } else if (fromNotation) {
    out.typeCode = fromNotation.code;
    confidence.typeCode = 0.6;
  }
  if (out.typeCode && !out.typeName) {
    out.typeName = DOCUMENT_TYPES.find((t) => t.code === out.typeCode)?.name;
    confidence.typeName = confidence.typeCode;
  }

  // Summary: after the title (5a) or the "V/v" under the number (5b).
  const summaryFrom = title ? titleIdx + 1 : header.summaryStart;
  let bodyStart = headerEnd;
  if (summaryFrom !== undefined) {
    const s = readSummary(segs, summaryFrom, title ? undefined : header.rests, headerEnd);
    if (s) {
      out.summary = s.text;
      confidence.summary = 0.85;
      bodyStart = Math.max(bodyStart, s.end);
    }
  }

  // Issuer (box 2).
  const issuer = splitIssuer(header.issuerLines);
  if (issuer) {
    out.issuerName = issuer.name;
    confidence.issuerName = header.sawNationalTitle ? 0.75 : 0.6;
    if (issuer.parent) {
      out.issuerParentName = issuer.parent;
      confidence.issuerParentName = 0.6;
    }
  }
  const known = matchKnownIssuer(
    opts.knownIssuers ?? [],
    issuer,
    header.issuerLines,
    out.notation,
    out.typeCode,
  );
  if (known) {
    out.issuerId = known.issuer.id;
    out.issuerName = known.issuer.name;
    confidence.issuerId = known.confidence;
    confidence.issuerName = Math.max(confidence.issuerName, known.confidence);
  }

  // Stamps (boxes 10a, 10b).
  if (header.secrecy) {
    out.secrecy = header.secrecy;
    confidence.secrecy = 0.7;
  }
  if (header.urgency) {
    out.urgency = header.urgency;
    confidence.urgency = 0.7;
  }

  // Signer (box 7), at the end.
  const signer = readSigner(segs.slice(Math.max(bodyStart, segs.length - TAIL_SEGS)));
  if (signer) {
    out.signer = signer.name;
    confidence.signer = signer.confidence;
    if (signer.title) {
      out.signerTitle = signer.title;
      confidence.signerTitle = signer.confidence - 0.05;
    }
    if (signer.authority) {
      out.signerAuthority = signer.authority;
      confidence.signerAuthority = signer.confidence;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text → segments
// ---------------------------------------------------------------------------------------------

interface Seg {
  /** The text of one column on one line. */
  raw: string;
  line: number;
  /** A blank line comes before it. */
  blankBefore: boolean;
}

/**
 * Lines split into column segments: a tab or a run of 3+ spaces separates the columns of a line
 * (text.ts writes a tab where a PDF line has a wide gap; Word and pdftotext use spaces).
 */
function segments(text: string): Seg[] {
  let t = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    // Text converted from the old TCVN3/VNI fonts often writes Đ/đ as the Icelandic eth (Ð/ð).
    .replace(/\u00d0/g, 'Đ')
    .replace(/\u00f0/g, 'đ');
  if (t.length > HEAD_CHARS + TAIL_CHARS) t = `${t.slice(0, HEAD_CHARS)}\n\n${t.slice(-TAIL_CHARS)}`;
  const out: Seg[] = [];
  let blank = false;
  t.split('\n').forEach((line, i) => {
    const parts = line
      .split(/\t+| {3,}/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length === 0) {
      blank = true;
      return;
    }
    parts.forEach((raw, k) => {
      out.push({ raw, line: i, blankBefore: blank && k === 0 });
    });
    blank = false;
  });
  return out;
}

/**
 * Diacritics off and lower case, one output character per input UTF-16 unit, so that an index
 * found in the folded text is valid in the original (normalizeVi changes lengths).
 */
function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) {
      out += c;
      continue;
    }
    const base = c.normalize('NFD')[0] ?? c;
    out += base === 'đ' || base === 'Đ' ? 'd' : (base.toLowerCase()[0] ?? base);
  }
  return out;
}

function isUpper(s: string): boolean {
  return /\p{L}/u.test(s) && !/\p{Ll}/u.test(s);
}

function sentenceCase(s: string): string {
  const lower = s.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Title and header region
// ---------------------------------------------------------------------------------------------

/**
 * Titles of legal normative documents, which an agency receives but Decree 30 (Art. 7) does not
 * list; recorded as `van_ban_khac` with the title kept in `typeName`.
 */
const OTHER_TITLES = new Set(
  [
    'Hiến pháp',
    'Bộ luật',
    'Luật',
    'Pháp lệnh',
    'Lệnh',
    'Nghị định',
    'Thông tư',
    'Thông tư liên tịch',
    'Nghị quyết liên tịch',
  ].map(normalizeVi),
);

/** The type named by a title line: capitals, alone on its line (Appendix I, II.5.b). */
function titleOf(raw: string): { type: DocumentType; name: string } | undefined {
  if (raw.length > 40 || !isUpper(raw)) return undefined;
  const key = normalizeVi(raw);
  const type = typeByName(raw);
  // Names only: a line "CT" or "TB" is not a title.
  if (type && normalizeVi(type.name) === key) return { type, name: type.name };
  if (OTHER_TITLES.has(key)) {
    return { type: DOCUMENT_TYPES.find((t) => t.code === 'van_ban_khac')!, name: sentenceCase(raw) };
  }
  return undefined;
}

/** The body begins at the title, at "Kính gửi", or at the first line that reads like body text. */
const BODY_OPENER =
  /^(?:Kính gửi|Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Nhằm|Để|Trong (?:thời gian|những năm)|Hiện nay|Nhận được|Phúc đáp|Trả lời|Tiếp theo|Điều \d)/u;

function headerEndOf(segs: Seg[], titleIdx: number): number {
  const limit = Math.min(segs.length, MAX_HEADER_SEGS);
  for (let i = 0; i < limit; i++) {
    if (i === titleIdx) return i;
    const raw = segs[i]!.raw;
    if (BODY_OPENER.test(raw) || raw.length > 160) return i;
  }
  return limit;
}

// ---------------------------------------------------------------------------------------------
// Header block: national title, motto, number, place and date, stamps, issuer
// ---------------------------------------------------------------------------------------------

interface FoundNumber {
  number: string;
  notation: string;
  year?: string;
  /** Preceded by "Số:", as the decree writes it; an unlabelled match is a guess. */
  labelled: boolean;
}

interface Header {
  number?: FoundNumber;
  date?: { iso: string; place?: string };
  issuerLines: string[];
  sawNationalTitle: boolean;
  /** Segment index of a "V/v …" or "Về việc …" line in the header. */
  summaryStart?: number;
  /** What is left of each header segment after the recognised parts are cut out. */
  rests: string[];
  secrecy?: Secrecy;
  urgency?: Urgency;
}

const NATIONAL_TITLE_RE = /cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam/;
const MOTTO_RE = /doc\s*lap\s*[-–—]?\s*tu\s*do\s*[-–—]?\s*hanh\s*phuc/;
const DATE_RE = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/;
/**
 * "Số:" at the start of a segment; after other text only "Số:" with a capital and a colon, since
 * the body cites other documents as "… số 12/KH-UBND".
 */
const NUMBER_LABEL_RE = /^s[ốo]\s*[:.]?\s*(?=\d{1,7}\s*\/)/iu;
const NUMBER_LABEL_MID_RE = /(?<=\s)S[ốỐ]\s*:\s*(?=\d{1,7}\s*\/)/u;
/** A number with no label: digits, slash, a notation with at least one hyphen ("05/UBND-VP"). */
const BARE_NUMBER_RE =
  /(?<![\p{L}\d/])(\d{1,7})\s*\/\s*(?:((?:19|20)\d{2})\s*\/\s*)?(\p{Lu}[\p{L}\d]*(?:\s*-\s*[\p{L}\d]+)+)/u;
/** A number left blank in a template: "Số:      /QĐ-UBND". */
const BLANK_NUMBER_RE = /s[ốo]\s*:\s*[.…\s]*\/\s*[\p{L}\d-]+/iu;
const RULE_RE = /[_‗—–=*-]{3,}/g;
const RULE_LINE_RE = /^[_‗—–=*-]{3,}$/;
const SUMMARY_START_RE = /^(?:v\s*\/\s*v|về\s+việc)\b/iu;
const OTHER_MARKS = new Set(['du thao', 'ban sao', 'sao y', 'sao luc', 'trich sao']);

function cut(s: string, start: number, end: number): string {
  return `${s.slice(0, start)} ${s.slice(end)}`;
}

function readHeader(segs: Seg[]): Header {
  const h: Header = { issuerLines: [], sawNationalTitle: false, rests: [] };
  let numberSeg = -1;
  const upper: { idx: number; text: string }[] = [];
  for (let i = 0; i < segs.length; i++) {
    let rest = segs[i]!.raw;
    // Box 1: national title and motto, anywhere on the line.
    for (const re of [NATIONAL_TITLE_RE, MOTTO_RE]) {
      const m = re.exec(fold(rest));
      if (m) {
        rest = cut(rest, m.index, m.index + m[0].length);
        h.sawNationalTitle = true;
      }
    }
    rest = rest.replace(RULE_RE, ' ');

    // Box 3: "Số: 123/QĐ-UBND".
    const label = NUMBER_LABEL_RE.exec(rest) ?? NUMBER_LABEL_MID_RE.exec(rest);
    if (label) {
      const m = matchNumberNotation(rest.slice(label.index + label[0].length));
      if (m) {
        if (!h.number?.labelled) {
          h.number = { number: m.number, notation: m.notation, year: m.year, labelled: true };
          numberSeg = i;
        }
        rest = cut(rest, label.index, label.index + label[0].length + m.length);
      }
    } else {
      const blank = BLANK_NUMBER_RE.exec(rest);
      if (blank) rest = cut(rest, blank.index, blank.index + blank[0].length);
      else if (!h.number) {
        const bare = BARE_NUMBER_RE.exec(rest);
        if (bare) {
          h.number = {
            number: bare[1]!,
            notation: bare[3]!.replace(/\s+/g, ''),
            year: bare[2],
            labelled: false,
          };
          numberSeg = i;
          rest = cut(rest, bare.index, bare.index + bare[0].length);
        }
      }
    }

    // Box 4: "Vĩnh Long, ngày 05 tháng 3 năm 2020"; the year may have wrapped to the next line.
    let folded = fold(rest);
    let dm = DATE_RE.exec(folded);
    if (!dm && i + 1 < segs.length && /ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*$/.test(folded)) {
      const next = segs[i + 1]!.raw;
      if (/^\s*năm\s*\d{4}/iu.test(next)) {
        rest = `${rest} ${next}`;
        segs[i + 1] = { ...segs[i + 1]!, raw: '' };
        folded = fold(rest);
        dm = DATE_RE.exec(folded);
      }
    }
    if (dm && !h.date) {
      const iso = isoDate(Number(dm[3]), Number(dm[2]), Number(dm[1]));
      if (iso) {
        const before = rest.slice(0, dm.index);
        const comma = /,\s*$/.exec(before);
        const place = comma ? placeBefore(before.slice(0, comma.index)) : undefined;
        // A date with no place is only trusted on a short line of its own.
        if (place || rest.trim().length < 60) {
          h.date = { iso, place: place?.text };
          const start = place ? place.start : dm.index;
          rest = cut(rest, start, dm.index + dm[0].length);
        }
      }
    }

    rest = rest.replace(/\s+/g, ' ').trim();
    h.rests.push(rest);
    if (!rest) continue;

    // Box 5b: "V/v …" under the number.
    if (h.summaryStart === undefined && SUMMARY_START_RE.test(rest)) {
      h.summaryStart = i;
      continue;
    }
    // Boxes 10a, 10b: stamps.
    const key = normalizeVi(rest);
    const secrecy = SECRECY_LEVELS.find((l) => l.stamp && normalizeVi(l.stamp) === key);
    const urgency = URGENCY_LEVELS.find((l) => l.stamp && normalizeVi(l.stamp) === key);
    if (isUpper(rest) && (secrecy || urgency)) {
      if (secrecy) h.secrecy = secrecy.code;
      if (urgency) h.urgency = urgency.code;
      continue;
    }
    // Marks that are not the issuer, and the notation half of a number left blank ("Số:      /QĐ-UBND"
    // split at its run of spaces).
    if (OTHER_MARKS.has(key) || /^\/\s*[\p{L}\d-]+$/u.test(rest)) continue;
    // What is left in capitals belongs to the issuer block (box 2).
    if (isUpper(rest) && /\p{L}.*\p{L}/u.test(rest) && h.summaryStart === undefined)
      upper.push({ idx: i, text: rest });
  }
  // The issuer block is above the number; lines after it are something else when both exist.
  const above = numberSeg >= 0 ? upper.filter((u) => u.idx < numberSeg) : [];
  h.issuerLines = (above.length > 0 ? above : upper).map((u) => u.text);
  return h;
}

function isoDate(y: number, m: number, d: number): string | undefined {
  if (y < 1945 || y > 2100) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return t.toISOString().slice(0, 10);
}

/** Lower-case words inside official place names ("Thành phố Hồ Chí Minh", "Thị xã Bình Minh"). */
const PLACE_INNER_WORDS = new Set(['phố', 'xã', 'trấn', 'thị']);

/**
 * The place name at the end of `s` (the text before ", ngày …"). A place is written in title case
 * (Appendix I, II.4.c: "các chữ cái đầu của địa danh phải viết hoa"), so words in capitals before it
 * belong to the issuer block, and lower-case words to a summary, that a PDF put on the same line.
 */
function placeBefore(s: string): { text: string; start: number } | undefined {
  const words = [...s.matchAll(/\S+/g)];
  let k = words.length;
  while (k > 0 && words.length - k < 6) {
    const w = words[k - 1]![0];
    const allCaps = isUpper(w) && w.replace(/[^\p{L}]/gu, '').length >= 2 && !/^(?:TP|TX)\.?$/.test(w);
    const lower = /^\p{Ll}/u.test(w) && !PLACE_INNER_WORDS.has(w);
    if (allCaps || lower || !/^\p{L}/u.test(w)) break;
    k--;
  }
  // A place starts with a capital.
  while (k < words.length && !/^\p{Lu}/u.test(words[k]![0])) k++;
  if (k === words.length) {
    // All in capitals ("HÀ NỘI, ngày …"): accept a short prefix as a whole.
    if (words.length === 0 || words.length > 4 || !words.every((w) => /^\p{L}/u.test(w[0]))) return undefined;
    k = 0;
  }
  const start = words[k]!.index;
  const text = s.slice(start).trim();
  return text ? { text, start } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

const SUMMARY_STOP =
  /^(?:Kính gửi|Căn cứ|Theo|Thực hiện|Xét|Nhằm|Để|Trong|Ngày|Qua|Hiện nay|Tiếp|Nhận được|Phúc đáp|Nhân dịp|Điều \d|Chương|Phần|Mục|\d+\.|[a-zđ]\))/u;
/**
 * The labelled lines of a giấy mời and a giấy giới thiệu (Appendix III, templates 1.7 and 1.8):
 * "Tới dự …", "Thời gian: …", "Địa điểm: …", "Ông (bà) …". They follow the summary, or stand
 * where it is missing.
 */
const BODY_LABEL_RE =
  /^(?:(?:Tới|Đến) dự(?!\p{L})|(?:Thời gian|Địa điểm|Chủ trì|Thành phần(?: tham dự)?|Nội dung|Nơi nhận|Được cử đến)\s*:|Ông\s*(?:\(|\/)\s*bà)/iu;
/**
 * Lines in capitals that open the body of a document whose summary is also in capitals (a mixed-case
 * summary already ends where the case changes): the enacting word ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"),
 * a numbered part ("CHƯƠNG I", "I. MỤC ĐÍCH").
 */
const UPPER_OPENER_RE = /^(?:[\p{Lu} ]+:|(?:CHƯƠNG|PHẦN|MỤC|ĐIỀU)\s+[\dIVXLC]+(?![\p{L}\d])|[IVXLC]+\.\s)/u;
/**
 * The authority that enacts a decision or a resolution, in capitals between its summary and its
 * body ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", Appendix I, II.6). Only under a title: a "V/V" summary in
 * capitals may go on with the name of an agency ("V/V ĐỀ NGHỊ / ỦY BAN NHÂN DÂN TỈNH PHÊ DUYỆT …").
 */
const AUTHORITY_LINE_RE =
  /^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|GIÁM ĐỐC|CHÍNH PHỦ|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|BAN THƯỜNG VỤ)(?!\p{L})/u;
/** A line ending in one of these words goes on: what follows names its object ("… CỦA / ỦY BAN …"). */
const LINKING_END_RE =
  /(?<!\p{L})(?:của|và|cho|với|tại|thuộc|giữa|đối với|trên|về|do|theo|giao|từ|đến|các|những|-|–)$/iu;
/**
 * The verb of a sentence that addresses the reader: the body of a giấy mời ("Ủy ban nhân dân huyện …
 * trân trọng kính mời: …", template 1.7), of a giấy giới thiệu ("… trân trọng giới thiệu:", 1.8)
 * and of letters written the same way ("Sở … kính đề nghị …").
 */
const ADDRESS_VERB_RE =
  /(?<!\p{L})(?:trân\s+trọng(?:\s+kính)?|kính)\s+(?:mời|giới\s+thiệu|thông\s+báo|đề\s+nghị|báo\s+cáo|trình)(?!\p{L})/iu;
/** "Kính gửi:" after other text on the line: a PDF ran the summary and the addressee together. */
const KINH_GUI_MID_RE = /(?<=\S\s+)(?:Kính gửi|KÍNH GỬI)\s*:/u;
/**
 * Words (folded) that begin the subject of such a sentence besides an agency's name (ORG_START):
 * the position of a person ("Chủ tịch Ủy ban nhân dân huyện …"), and bodies whose name is several
 * words long before a name they contain could start ("Đoàn đại biểu Quốc hội").
 */
const SUBJECT_START =
  /^(?:chu tich|pho chu tich|giam doc|pho giam doc|truong phong|truong ban|chanh van phong|bi thu|lanh dao|thuong truc|ban thuong vu|ban chap hanh|ban to chuc|cong doan|hoi chu thap do|dang bo|doan dai bieu quoc hoi|doan dbqh|uy ban mat tran to quoc|uy ban nhan dan|hoi dong nhan dan)\b/;
const SUMMARY_MARK_ONLY_RE = /^(?:v\s*\/\s*v|về\s+việc)$/iu;
/** Enough for a long summary wrapped in a narrow centred column, short of a page of body text. */
const MAX_SUMMARY_LINES = 8;

/**
 * Whether `t`, a line after the title (`titled`) or the number, or after an earlier summary line
 * (`prev`), ends the summary block: it opens the body, or is a recognised part or a labelled line
 * of the template.
 */
function endsSummary(t: string, prev: string | undefined, titled: boolean): boolean {
  if (SUMMARY_STOP.test(t) || RULE_LINE_RE.test(t) || BODY_LABEL_RE.test(t)) return true;
  if (!isUpper(t) || (prev && LINKING_END_RE.test(prev))) return false;
  return UPPER_OPENER_RE.test(t) || (titled && AUTHORITY_LINE_RE.test(t));
}

/**
 * Where in `t` the body begins when a summary line runs into it: the sentence that addresses the
 * reader ("Ủy ban nhân dân huyện Long Hồ trân trọng kính mời: …") begins at its subject, so the cut
 * is made before the agency or person named in front of the verb; "Kính gửi:" is cut where it
 * stands. `next` is the following line, since a long sentence wraps inside the verb ("… trân /
 * trọng kính mời") or just before it ("… tỉnh Vĩnh Long / trân trọng kính mời"; in lower case,
 * as a line that opens with "Trân trọng kính mời" has no subject above it).
 * 0 means the whole line is body; undefined, that nothing in it is.
 */
function bodyStartIn(t: string, next: string | undefined): number | undefined {
  const kg = KINH_GUI_MID_RE.exec(t);
  let cut = kg?.index;
  const verb = ADDRESS_VERB_RE.exec(next ? `${t} ${next}` : t);
  const onThisLine = verb !== null && verb.index < t.length;
  const opensNext = verb !== null && verb.index === t.length + 1 && /^\p{Ll}/u.test(verb[0]);
  if (onThisLine || opensNext) {
    const s = subjectStart(t.slice(0, verb.index));
    if (s !== undefined && (cut === undefined || s < cut)) cut = s;
  }
  return cut;
}

/**
 * The start of the subject at the end of `before` (the text in front of "kính mời" …). Agencies
 * and positions are named from a capitalised word of ORG_START or SUBJECT_START. A line that opens
 * with one is the sentence itself. Otherwise a summary ran into it, and may name other bodies
 * before the subject: the last such word is taken, but not one that follows a linking word
 * ("… của Sở Nội vụ", part of the summary) or the first words of a name it continues ("Văn phòng"
 * + "Ủy ban nhân dân tỉnh").
 */
function subjectStart(before: string): number | undefined {
  const head = before.trimEnd();
  if (!head) return 0;
  let start: number | undefined;
  let prevWord = '';
  let chainEnd = -1;
  for (const w of head.matchAll(/\S+/g)) {
    const at = w.index;
    const word = w[0];
    if (/^\p{Lu}/u.test(word)) {
      // The longest name start is some 25 characters; a window keeps a long line linear.
      const folded = fold(head.slice(at, at + 40));
      const m = SUBJECT_START.exec(folded) ?? ORG_START.exec(folded);
      if (m) {
        if (at === 0) return 0;
        const chained = chainEnd >= 0 && head.slice(chainEnd, at).trim() === '';
        if (!chained && !LINKING_END_RE.test(prevWord)) start = at;
        chainEnd = at + m[0].length;
      }
    }
    prevWord = word;
  }
  if (start === undefined) {
    // No name recognised: a line opening with a capital and no summary mark is the sentence itself.
    return /^\p{Lu}/u.test(head) && !SUMMARY_START_RE.test(head) ? 0 : undefined;
  }
  const kept = head.slice(0, start).trim();
  // "Nhân dịp …, Ủy ban … kính mời": a clause of the sentence, not a summary, comes before it.
  if (/,$/.test(kept)) return 0;
  // "V/v Sở Y tế kính đề nghị …": the name is the summary's own first words.
  if (SUMMARY_MARK_ONLY_RE.test(kept)) return undefined;
  return start;
}

/**
 * The summary from segment `from`: its first line, then lines that continue it. A continuation has
 * no blank line before it and is not a recognised part or body text; it starts in lower case, or
 * the line before it did not end a sentence. `rests` (header segments cleaned of number, date …)
 * replaces the raw text inside the header, where a summary line can share a line with other parts.
 * The summary ends where the body begins even without a blank line, and inside a line where a PDF
 * ran the two together (see bodyStartIn).
 */
function readSummary(
  segs: Seg[],
  from: number,
  rests: string[] | undefined,
  headerEnd: number,
): { text: string; end: number } | undefined {
  const textAt = (i: number) => (rests && i < headerEnd ? (rests[i] ?? '') : segs[i]!.raw);
  let i = from;
  while (i < segs.length && !textAt(i).trim()) i++;
  if (i >= segs.length || i > from + 3) return undefined;
  const first = textAt(i).trim();
  // `rests` is given for a "V/v" summary in the header, that is, when there is no title.
  const titled = rests === undefined;
  if (endsSummary(first, undefined, titled) || first.length > 400) return undefined;
  const parts: string[] = [];
  const upperSummary = isUpper(first);
  let j = i;
  for (; j < segs.length && parts.length < MAX_SUMMARY_LINES; j++) {
    const seg = segs[j]!;
    const t = textAt(j).trim();
    if (j > i) {
      if (!t) {
        // A header segment emptied by the cleaning (the date beside the summary): skip it.
        if (rests && j < headerEnd && seg.raw.trim()) continue;
        break;
      }
      const prev = parts[parts.length - 1]!;
      if (seg.blankBefore || endsSummary(t, prev, titled)) break;
      if (rests && j < headerEnd && t !== seg.raw.trim() && !/^\p{Ll}/u.test(t)) break;
      if (isUpper(t) !== upperSummary) break;
      const continues = /^[\p{Ll}\d(“"]/u.test(t) || (!/[.;:!?]$/.test(prev) && t.length < 120);
      if (!continues) break;
    }
    const next = j + 1 < segs.length && !segs[j + 1]!.blankBefore ? textAt(j + 1).trim() : undefined;
    const cut = bodyStartIn(t, next);
    if (cut !== undefined) {
      const kept = t.slice(0, cut).trim();
      if (kept) parts.push(kept);
      break;
    }
    parts.push(t);
  }
  if (parts.length === 0) return undefined;
  let text = parts.join(' ').replace(/\s+/g, ' ').trim();
  text = text.replace(/^v\s*\/\s*v\b\s*/iu, 'V/v ').replace(/\s*\.$/, '');
  return text.length >= 3 ? { text, end: j } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Issuer
// ---------------------------------------------------------------------------------------------

/**
 * Words that begin the name of an agency or body (folded). Kept to words that rarely start the
 * second half of a wrapped name: "HỘI" alone is left out ("… XÃ / HỘI …" in Lao động - Thương binh
 * và Xã hội), and so are "QUY" and "ĐẠI" ("… QUY HOẠCH", "… ĐẠI HỌC").
 */
const ORG_START =
  /^(?:uy ban|ubnd|hoi dong|hdnd|hoi lien hiep|hoi nong dan|hoi cuu chien binh|so|phong|ban|cuc|chi cuc|tong cuc|vu|van phong|trung tam|truong|benh vien|bo|thanh tra|kho bac|cong an|bo chi huy|chinh phu|thu tuong|quoc hoi|toa an|vien|mat tran|doan|cong ty|tong cong ty|chi nhanh|ngan hang|tinh uy|thanh uy|huyen uy|dang uy|lien doan|hoc vien|bao hiem xa hoi|lien minh|ban chi dao)\b/;
/** Words that continue a name onto a new line: the administrative unit ("TỈNH VĨNH LONG"). */
const UNIT_START = /^(?:tinh|huyen|thanh pho|thi xa|xa|phuong|thi tran|quan|tp)\b/;

/**
 * Issuer and parent from the capitalised lines of box 2. Appendix I, II.2 puts the parent agency
 * above the issuer, and either may wrap over several lines, so the issuer is taken to start at the
 * last line that begins an agency's name ("SỞ …", "PHÒNG …"); lines naming a place ("TỈNH …")
 * continue the line above. "ỦY BAN NHÂN DÂN / TỈNH VĨNH LONG" is therefore one issuer, while
 * "UBND TỈNH VĨNH LONG / SỞ NỘI VỤ" is a parent and an issuer.
 */
function splitIssuer(lines: string[]): { name: string; parent?: string } | undefined {
  if (lines.length === 0) return undefined;
  let start = 0;
  lines.forEach((l, i) => {
    const key = normalizeVi(l);
    // A one-word line ("TRƯỜNG" of "MÔI / TRƯỜNG") or a line after "VÀ", "CỦA", "-" continues a name.
    const continues =
      key.split(' ').length < 2 || /(?:\b(?:va|cua|ve)|[-–])$/.test(normalizeVi(lines[i - 1] ?? ''));
    if (i > 0 && ORG_START.test(key) && !UNIT_START.test(key) && !continues) start = i;
  });
  const name = lines.slice(start).join(' ').replace(/\s+/g, ' ').trim();
  const parent = lines.slice(0, start).join(' ').replace(/\s+/g, ' ').trim();
  return parent ? { name, parent } : { name };
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\btp\b\.?/g, 'thanh pho'],
  [/\btx\b\.?/g, 'thi xa'],
];

function nameKey(s: string): string {
  let k = normalizeVi(s).replace(/[^a-z0-9 ]+/g, ' ');
  for (const [re, full] of ABBREVIATIONS) k = k.replace(re, full);
  return k.replace(/\s+/g, ' ').trim();
}

function tokens(s: string): Set<string> {
  return new Set(nameKey(s).split(' ').filter(Boolean));
}

function subset(a: Set<string>, b: Set<string>): boolean {
  for (const t of a) if (!b.has(t)) return false;
  return a.size > 0;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  const all = a.size + b.size - both;
  return all === 0 ? 0 : both / all;
}

/**
 * The known issuer named by the header: the same name (abbreviations such as UBND expanded), the
 * same words in another order ("VĂN PHÒNG" under "UBND TỈNH" = "Văn phòng UBND tỉnh"), a known name
 * made of the block's words that contains all the issuer's ("SỞ NỘI VỤ" under "UBND TỈNH VĨNH LONG"
 * = "Sở Nội vụ tỉnh Vĩnh Long"), a close set of words, or, last, the issuer abbreviation in the
 * notation when a single known issuer has it and the header printed no issuer name. The parent alone
 * never matches: it is not the issuer.
 */
function matchKnownIssuer(
  known: KnownIssuer[],
  issuer: { name: string; parent?: string } | undefined,
  lines: string[],
  notation: string | undefined,
  typeCode: string | undefined,
): { issuer: KnownIssuer; confidence: number } | undefined {
  if (known.length === 0) return undefined;
  if (issuer) {
    const own = nameKey(issuer.name);
    const exact = known.find((k) => nameKey(k.name) === own);
    if (exact) return { issuer: exact, confidence: 0.95 };
    const whole = tokens(lines.join(' '));
    const sameWords = known.find((k) => jaccard(tokens(k.name), whole) === 1);
    if (sameWords) return { issuer: sameWords, confidence: 0.9 };
    const mine = tokens(issuer.name);
    const within = known
      .map((k) => ({ k, t: tokens(k.name) }))
      .filter(({ t }) => subset(t, whole) && subset(mine, t))
      .sort((a, b) => b.t.size - a.t.size)[0];
    if (within) return { issuer: within.k, confidence: 0.85 };
    let best: { issuer: KnownIssuer; score: number } | undefined;
    for (const k of known) {
      const score = jaccard(tokens(k.name), mine);
      if (score >= 0.75 && (!best || score > best.score)) best = { issuer: k, score };
    }
    if (best) return { issuer: best.issuer, confidence: 0.7 };
  }
  // Only when the header named no issuer: a printed name that matches nobody is not replaced.
  if (notation && !issuer) {
    const groups = notation.split('-');
    // Notation = type abbreviation + issuer, or for a công văn issuer + drafting unit (Appendix I, II.3.b).
    const abbr = typeCode && typeCode !== 'cong_van' && groups.length > 1 ? groups[1] : groups[0];
    const hits = known.filter((k) => k.shortName.toUpperCase() === abbr?.toUpperCase());
    if (hits.length === 1) return { issuer: hits[0]!, confidence: 0.5 };
  }
  return undefined;
}

/** The type whose abbreviation opens the notation ("QĐ-UBND" → quyết định); none for a công văn. */
function typeFromNotation(notation: string): DocumentType | undefined {
  const first = notation.split('-')[0] ?? '';
  return (DOCUMENT_TYPES as readonly DocumentType[]).find(
    (t) => t.abbr !== null && (t.abbr === first || t.abbr.toUpperCase() === first.toUpperCase()),
  );
}

// ---------------------------------------------------------------------------------------------
// Signer
// ---------------------------------------------------------------------------------------------

const AUTHORITY_RE = /^(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu}/u;
/** Common family names: a name starting with one is more likely a person than a stray line. */
const SURNAMES = new Set(
  'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly luu lam trinh dinh truong mai cao ta thai quach ton chau luong ha kieu doan la tang tieu van thach trieu giang khuc au'.split(
    ' ',
  ),
);

function looksLikeName(s: string): boolean {
  if (s.length > 50) return false;
  const words = s.split(/\s+/);
  return words.length >= 2 && words.length <= 6 && words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w));
}

/**
 * Splits "- Như Điều 3; PHÓ CHỦ TỊCH" into its two columns when a PDF put the recipients and the
 * signer block on one line without a gap: the trailing run of capitalised words is the signer's.
 */
function splitTrailingCaps(raw: string): string[] {
  const m = /^(.*?[;:.,]|.*?\p{Ll})\s+((?:(?:TM|KT|TL|TUQ|Q)\.\s*)?\p{Lu}{2,}(?: \p{Lu}{2,})+)$/u.exec(raw);
  return m && /\p{Ll}/u.test(m[1]!) ? [m[1]!.trim(), m[2]!] : [raw];
}

/**
 * Box 7 at the end of the text: an authority line ("KT. CHỦ TỊCH", Appendix I, II.7.b) if there is
 * one, the position in capitals, then the full name in title case (II.7.c) below the signature.
 * The recipients ("Nơi nhận") share these lines on the left and are skipped.
 */
function readSigner(
  tail: Seg[],
): { name: string; title?: string; authority?: string; confidence: number } | undefined {
  const parts = tail.flatMap((s) => splitTrailingCaps(s.raw)).filter((p) => !/^\(.*\)$/.test(p));
  let nameIdx = -1;
  for (let i = parts.length - 1; i >= 0; i--) {
    if (looksLikeName(parts[i]!)) {
      nameIdx = i;
      break;
    }
  }
  if (nameIdx < 0) return undefined;
  // Position lines: capitalised parts above the name, skipping the recipients beside them.
  const titles: string[] = [];
  for (let i = nameIdx - 1; i >= 0 && nameIdx - i <= 8; i--) {
    const p = parts[i]!;
    if (isUpper(p) && !/^[-–+•]/.test(p) && !/[:;]$/.test(p) && p.length <= 80) titles.unshift(p);
    else if (titles.length > 0 && !/^[-–+•]|nơi nhận|^lưu\b/iu.test(p)) break;
    if (AUTHORITY_RE.test(p)) break;
  }
  if (titles.length === 0) return undefined;
  const name = parts[nameIdx]!;
  const authority = titles.find((t) => AUTHORITY_RE.test(t));
  const own = titles.filter((t) => t !== authority);
  const title = own.length > 0 ? own.join(' ') : authority;
  let confidence = authority ? 0.85 : 0.7;
  if (SURNAMES.has(normalizeVi(name.split(' ')[0]!))) confidence += 0.05;
  return { name, title, authority, confidence };
}
