/*
 * Finds the signatures of a PDF without parsing the whole file: every `/ByteRange [a b c d]` with
 * four numbers names a signature whose `/Contents <hex>` lies exactly between its two ranges. The
 * scan is linear in the file's size, reads bounded windows around each hit, and stops after
 * MAX_SIGNATURES, so a hostile file can neither hang it nor make it allocate much.
 */

/** A file with more than this many signature dictionaries is refused (no real document has as many). */
export const MAX_SIGNATURES = 50;
/** The CMS of one signature: real ones are 2–30 KB (with embedded chain and CRLs), hex doubled. */
const MAX_CONTENTS_HEX = 4 * 1024 * 1024;
/** How far before a /ByteRange the dictionary may begin, and after its contents it may end. */
const DICT_WINDOW = 16 * 1024;

export interface FoundSignature {
  byteRange: [number, number, number, number];
  /** The DER of the CMS (hex decoded, trailing zero padding kept: the DER parser stops at its end). */
  contents: Buffer;
  subFilter: string | null;
  /** The /M entry as written (D:YYYYMMDDHHmmSS+07'00'). */
  m: string | null;
  name: string | null;
  reason: string | null;
}

export interface ScanResult {
  isPdf: boolean;
  encrypted: boolean;
  signatures: FoundSignature[];
  /** Signatures found whose dictionary could not be read (a broken /ByteRange or /Contents). */
  broken: number;
  tooMany: boolean;
}

const BYTE_RANGE = Buffer.from('/ByteRange');

export function scanPdf(pdf: Buffer): ScanResult {
  const head = pdf.subarray(0, 1024).indexOf('%PDF-');
  if (head < 0) return { isPdf: false, encrypted: false, signatures: [], broken: 0, tooMany: false };
  const out: ScanResult = {
    isPdf: true,
    encrypted: isEncrypted(pdf),
    signatures: [],
    broken: 0,
    tooMany: false,
  };
  const seen = new Set<string>();
  let pos = pdf.indexOf(BYTE_RANGE);
  while (pos >= 0) {
    if (out.signatures.length + out.broken >= MAX_SIGNATURES) {
      out.tooMany = true;
      break;
    }
    const range = readByteRange(pdf, pos + BYTE_RANGE.length);
    if (range === 'placeholder') {
      // An unsigned placeholder ("/ByteRange [0 /********** …]"): not a signature.
    } else if (range === null) {
      out.broken++;
    } else {
      const key = range.join(' ');
      if (!seen.has(key)) {
        seen.add(key);
        const sig = readSignature(pdf, pos, range);
        if (sig) out.signatures.push(sig);
        else out.broken++;
      }
    }
    pos = pdf.indexOf(BYTE_RANGE, pos + BYTE_RANGE.length);
  }
  return out;
}

/** `/Encrypt` in a trailer or a cross-reference stream's dictionary: `/Encrypt 12 0 R` or `/Encrypt <<`. */
function isEncrypted(pdf: Buffer): boolean {
  const re = /\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/;
  let pos = pdf.indexOf('/Encrypt');
  while (pos >= 0) {
    if (re.test(pdf.toString('latin1', pos, Math.min(pdf.length, pos + 40)))) return true;
    pos = pdf.indexOf('/Encrypt', pos + 8);
  }
  return false;
}

function readByteRange(pdf: Buffer, from: number): [number, number, number, number] | 'placeholder' | null {
  const text = pdf.toString('latin1', from, Math.min(pdf.length, from + 120));
  const m = /^\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/.exec(text);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (/^\s*\[\s*\d+\s*\/\*+/.test(text)) return 'placeholder';
  return null;
}

function readSignature(
  pdf: Buffer,
  pos: number,
  range: [number, number, number, number],
): FoundSignature | null {
  const [a, b, c, d] = range;
  const start = a + b;
  if (a !== 0 || b <= 0 || c <= start || d < 0 || c + d > pdf.length) return null;
  if (c - start - 2 > MAX_CONTENTS_HEX) return null;
  if (pdf[start] !== 0x3c /* < */ || pdf[c - 1] !== 0x3e /* > */) return null;
  const hex = pdf.toString('latin1', start + 1, c - 1).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length < 2) return null;
  const contents = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
  // The dictionary: from the object's start before both /ByteRange and /Contents to its end after them.
  const lo = Math.min(pos, start);
  const hi = Math.max(pos, c);
  const before = pdf.toString('latin1', Math.max(0, lo - DICT_WINDOW), lo);
  const objAt = before.lastIndexOf(' obj');
  const dictBefore = objAt >= 0 ? before.slice(objAt) : before;
  const after = pdf.toString('latin1', hi, Math.min(pdf.length, hi + DICT_WINDOW));
  const endAt = after.indexOf('endobj');
  const dictAfter = endAt >= 0 ? after.slice(0, endAt) : after;
  // Between /ByteRange and the contents (either order) lies a short stretch of the dictionary too.
  const middle = pos < start ? pdf.toString('latin1', pos, Math.min(start, pos + DICT_WINDOW)) : '';
  const dict = `${dictBefore} ${middle} ${dictAfter}`;
  return {
    byteRange: range,
    contents,
    subFilter: /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dict)?.[1] ?? null,
    m: pdfString(dict, 'M'),
    name: pdfString(dict, 'Name'),
    reason: pdfString(dict, 'Reason'),
  };
}

/** A literal string entry `/Key (…)` of the dictionary text (escapes resolved; UTF-16 with BOM decoded). */
function pdfString(dict: string, key: string): string | null {
  const m = new RegExp(`/${key}\\s*\\(((?:\\\\.|[^\\\\)]){0,512})\\)`).exec(dict);
  if (!m) return null;
  const raw = m[1]!.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return map[e] ?? e;
  });
  if (raw.charCodeAt(0) === 0xfe && raw.charCodeAt(1) === 0xff) {
    return Buffer.from(raw.slice(2), 'latin1').swap16().toString('utf16le');
  }
  return raw;
}

/** D:YYYYMMDDHHmmSSOHH'mm' → Date (missing parts default as the PDF reference says). */
export function parsePdfDate(s: string | null): Date | null {
  if (!s) return null;
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(
    s.trim(),
  );
  if (!m) return null;
  const n = (i: number, dflt: number) => (m[i] ? Number(m[i]) : dflt);
  let t = Date.UTC(n(1, 0), n(2, 1) - 1, n(3, 1), n(4, 0), n(5, 0), n(6, 0));
  if (m[7] === '+' || m[7] === '-') {
    const off = (n(8, 0) * 60 + n(9, 0)) * 60_000;
    t += m[7] === '+' ? -off : off;
  }
  return Number.isNaN(t) ? null : new Date(t);
}
