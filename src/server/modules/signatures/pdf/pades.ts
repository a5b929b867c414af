import { SignPdf } from '@signpdf/signpdf';
import { Signer as SignPdfSigner } from '@signpdf/utils';
import {
  EncryptedPDFError,
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFFont,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFRef,
  PDFString,
  StandardFonts,
} from 'pdf-lib';
import { AppError } from '../../../platform/http/errors.ts';
import { cadesDetached, type KeySigner } from '../signer.ts';

/** A rectangle in a page's user space: [x1, y1, x2, y2]. */
export type Rect = [number, number, number, number];

/** A line of text drawn in an appearance (base-14 Times, so the text is folded to ASCII). */
export interface TextLine {
  text: string;
  size: number;
  bold?: boolean;
}

/** A text stamped on a page (the number, the day, the month): a FreeText-less stamp annotation. */
export interface Stamp {
  page: number;
  /** Baseline start of the text. */
  x: number;
  y: number;
  text: string;
  size: number;
}

export interface PadesOptions {
  signer: KeySigner;
  signingTime: Date;
  reason: string;
  name: string;
  location?: string;
  /** The page (0-based) of the widget; default the last page. */
  page?: number;
  /** The widget's rectangle; omitted = an invisible signature. */
  rect?: Rect;
  /** A PNG drawn to fill the rectangle (keeping its ratio). */
  image?: Uint8Array;
  /** Lines drawn when there is no image. */
  lines?: TextLine[];
  /** Colour of the lines: blue (a person's signature) by default. */
  textColor?: 'blue' | 'black';
  /** Texts written on pages in the same revision (the clerk's number and date). */
  stamps?: Stamp[];
}

const SIGNATURE_BYTES = 12000;
const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

/** Vietnamese to ASCII, for a base-14 font that has no Vietnamese glyphs. */
export function foldAscii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e]/g, '');
}

/** The @signpdf signer: a CAdES detached signature of the byte ranges. */
class CadesSigner extends SignPdfSigner {
  constructor(private readonly key: KeySigner) {
    super();
  }
  override async sign(pdf: Buffer): Promise<Buffer> {
    return cadesDetached(pdf, this.key);
  }
}

const signPdf = new SignPdf();

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

function hexText(s: string): string {
  // UTF-16BE with BOM: any Vietnamese text in the signature dictionary.
  const buf = Buffer.from(`\ufeff${s}`, 'utf16le');
  buf.swap16();
  return `<${buf.toString('hex')}>`;
}

function bytesOf(obj: PDFObject): Buffer {
  const buf = Buffer.alloc(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return buf;
}

function lastStartXref(pdf: Buffer): number {
  const at = pdf.lastIndexOf('startxref');
  if (at < 0) throw new AppError('unprocessable', 'Tệp PDF bị hỏng (không có bảng tham chiếu).');
  return Number.parseInt(
    pdf
      .subarray(at + 9, at + 40)
      .toString('latin1')
      .trim()
      .split(/\s+/)[0]!,
    10,
  );
}

/** Loads a PDF for an incremental update; an encrypted or broken PDF is refused in Vietnamese. */
async function load(pdf: Buffer): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (e) {
    if (e instanceof EncryptedPDFError)
      throw new AppError('unprocessable', 'Tệp PDF có mật khẩu: không ký được tệp PDF được bảo vệ.');
    throw new AppError('unprocessable', 'Tệp không phải PDF hợp lệ, không ký được.');
  }
}

/**
 * Signs a PDF with PAdES baseline B in one incremental update: the bytes before stay as they were,
 * so earlier signatures stay valid and a signed file is never re-rendered. The update adds the
 * signature field and its widget (with an appearance: the image, or the text lines), any stamps
 * (texts in annotation appearances), and the signature dictionary (SubFilter ETSI.CAdES.detached,
 * /M the signing time), then @signpdf fills the byte range and the CMS.
 */
export async function padesSign(input: Buffer, o: PadesOptions): Promise<Buffer> {
  const pdf = trimEof(input);
  const doc = await load(pdf);
  const ctx = doc.context;
  const firstNew = ctx.largestObjectNumber + 1;
  const changed = new Map<number, PDFRef>();
  const pages = doc.getPages();
  const pageIndex = o.page ?? pages.length - 1;
  const page = pages[pageIndex];
  if (!page) throw new AppError('unprocessable', 'Trang đặt chữ ký không có trong tệp PDF.');

  let times: PDFFont | undefined;
  const font = async () => {
    if (!times) {
      times = await doc.embedFont(StandardFonts.TimesRoman);
    }
    return times;
  };

  const addAnnot = (pageNo: number, ref: PDFRef) => {
    const p = pages[pageNo]!;
    const raw = p.node.get(PDFName.of('Annots'));
    if (raw instanceof PDFArray) {
      raw.push(ref);
      changed.set(p.ref.objectNumber, p.ref);
    } else if (raw) {
      const arr = ctx.lookup(raw, PDFArray);
      arr.push(ref);
      changed.set((raw as PDFRef).objectNumber, raw as PDFRef);
    } else {
      p.node.set(PDFName.of('Annots'), ctx.obj([ref]));
      changed.set(p.ref.objectNumber, p.ref);
    }
  };

  // Stamps: each text in its own annotation with an appearance (no page content changes).
  for (const s of o.stamps ?? []) {
    const f = await font();
    const text = foldAscii(s.text);
    const w = f.widthOfTextAtSize(text, s.size) + 2;
    const h = s.size * 1.2;
    const ap = ctx.register(
      ctx.stream(
        `BT /F1 ${s.size} Tf 0 g 1 ${(s.size * 0.25).toFixed(2)} Td ${f.encodeText(text).toString()} Tj ET`,
        {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, w, h],
          Resources: { Font: { F1: f.ref } },
        },
      ),
    );
    const y0 = s.y - s.size * 0.25;
    const annot = ctx.register(
      ctx.obj({
        Type: 'Annot',
        Subtype: 'Stamp',
        Rect: [s.x - 1, y0, s.x - 1 + w, y0 + h],
        F: 4 | 128, // print, locked
        P: pages[s.page]!.ref,
        Contents: PDFString.of(text),
        AP: { N: ap },
      }),
    );
    addAnnot(s.page, annot);
  }

  // The signature dictionary, written by hand below with the placeholders @signpdf fills.
  const sigRef = ctx.nextRef();
  const rect = o.rect ?? [0, 0, 0, 0];
  const w = Math.max(0, rect[2] - rect[0]);
  const h = Math.max(0, rect[3] - rect[1]);
  const widget: Record<string, unknown> = {
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: rect,
    V: sigRef,
    T: PDFString.of(`Signature${firstNew}`),
    F: 4 | 128,
    P: page.ref,
  };
  if (w > 0 && h > 0) {
    let content = '';
    const resources: Record<string, PDFRef | Record<string, PDFRef>> = {};
    if (o.image) {
      const img = await doc.embedPng(o.image);
      await img.embed();
      const scale = Math.min(w / img.width, h / img.height);
      const iw = img.width * scale;
      const ih = img.height * scale;
      content = `q ${iw.toFixed(2)} 0 0 ${ih.toFixed(2)} ${((w - iw) / 2).toFixed(2)} ${((h - ih) / 2).toFixed(2)} cm /Im1 Do Q`;
      resources.XObject = { Im1: img.ref };
    } else if (o.lines?.length) {
      const f = await font();
      const total = o.lines.reduce((a, l) => a + l.size * 1.25, 0);
      let y = (h + total) / 2;
      const parts: string[] = [o.textColor === 'black' ? 'BT 0 g' : 'BT 0.05 0.2 0.6 rg'];
      for (const l of o.lines) {
        y -= l.size * 1.25;
        const text = foldAscii(l.text);
        const tw = f.widthOfTextAtSize(text, l.size);
        const x = Math.max(1, (w - tw) / 2);
        parts.push(
          `/F1 ${l.size} Tf 1 0 0 1 ${x.toFixed(2)} ${(y + l.size * 0.3).toFixed(2)} Tm ${f.encodeText(text).toString()} Tj`,
        );
      }
      parts.push('ET');
      content = parts.join(' ');
      resources.Font = { F1: f.ref };
    }
    const ap = ctx.register(
      ctx.stream(content, {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, w, h],
        Resources: resources as never,
      }),
    );
    widget.AP = { N: ap };
  }
  const widgetRef = ctx.register(ctx.obj(widget as never));
  addAnnot(pageIndex, widgetRef);

  // The form: the catalog's AcroForm gets the field and SigFlags 3 (signatures exist, append only).
  const rootRef = ctx.trailerInfo.Root as PDFRef;
  const rawForm = doc.catalog.get(PDFName.of('AcroForm'));
  let form: PDFDict;
  if (!rawForm) {
    form = ctx.obj({ Fields: [] }) as PDFDict;
    doc.catalog.set(PDFName.of('AcroForm'), ctx.register(form));
    changed.set(rootRef.objectNumber, rootRef);
  } else if (rawForm instanceof PDFDict) {
    form = rawForm;
    changed.set(rootRef.objectNumber, rootRef);
  } else {
    form = ctx.lookup(rawForm, PDFDict);
    changed.set((rawForm as PDFRef).objectNumber, rawForm as PDFRef);
  }
  const rawFields = form.get(PDFName.of('Fields'));
  if (rawFields instanceof PDFArray) rawFields.push(widgetRef);
  else if (rawFields) {
    ctx.lookup(rawFields, PDFArray).push(widgetRef);
    changed.set((rawFields as PDFRef).objectNumber, rawFields as PDFRef);
  } else form.set(PDFName.of('Fields'), ctx.obj([widgetRef]));
  form.set(PDFName.of('SigFlags'), PDFNumber.of(3));

  if (times) await times.embed(); // the font dictionary, written at its reserved reference

  // The update: changed objects, new objects, the signature dictionary, the cross-reference section.
  const out: Buffer[] = [pdf, Buffer.from('\n')];
  let offset = pdf.length + 1;
  const offsets = new Map<number, number>();
  const write = (num: number, body: Buffer) => {
    const head = Buffer.from(`${num} 0 obj\n`);
    offsets.set(num, offset);
    out.push(head, body, Buffer.from('\nendobj\n'));
    offset += head.length + body.length + 8;
  };
  for (const [num, ref] of changed) write(num, bytesOf(ctx.lookup(ref)!));
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (ref.objectNumber >= firstNew && ref.objectNumber !== sigRef.objectNumber)
      write(ref.objectNumber, bytesOf(obj));
  }
  const m = pdfDate(o.signingTime);
  const sigDict =
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${BYTE_RANGE_PLACEHOLDER} ` +
    `/Contents <${'0'.repeat(SIGNATURE_BYTES * 2)}> /M (${m}) /Name ${hexText(o.name)} /Reason ${hexText(o.reason)}` +
    (o.location ? ` /Location ${hexText(o.location)}` : '') +
    ` /Prop_Build << /App << /Name /LienThong >> >> >>`;
  write(sigRef.objectNumber, Buffer.from(sigDict, 'latin1'));

  const prev = lastStartXref(pdf);
  const size = Math.max(ctx.largestObjectNumber + 1, sigRef.objectNumber + 1);
  const xrefIsStream = pdf.subarray(prev, prev + 4).toString('latin1') !== 'xref';
  const trailer = ctx.trailerInfo;
  const ids = trailer.ID ? ` /ID ${bytesOf(trailer.ID as PDFObject).toString('latin1')}` : '';
  const info = trailer.Info ? ` /Info ${(trailer.Info as PDFRef).toString()}` : '';
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  const xrefStart = offset;
  if (!xrefIsStream) {
    const lines: string[] = ['xref'];
    for (const [start, run] of runs(nums)) {
      lines.push(`${start} ${run.length}`);
      for (const n of run) lines.push(`${String(offsets.get(n)).padStart(10, '0')} 00000 n\r`);
    }
    const tail = `trailer\n<< /Size ${size} /Root ${rootRef.toString()}${info}${ids} /Prev ${prev} >>\nstartxref\n${xrefStart}\n%%EOF\n`;
    out.push(Buffer.from(`${lines.join('\n')}\n${tail}`, 'latin1'));
  } else {
    // A cross-reference stream follows one (PDF 1.5): uncompressed, W [1 4 2].
    const xnum = size;
    offsets.set(xnum, xrefStart);
    nums.push(xnum);
    const rows = Buffer.alloc(nums.length * 7);
    nums.forEach((n, i) => {
      rows.writeUInt8(1, i * 7);
      rows.writeUInt32BE(offsets.get(n)!, i * 7 + 1);
      rows.writeUInt16BE(0, i * 7 + 5);
    });
    const index = [...runs(nums)].map(([s, r]) => `${s} ${r.length}`).join(' ');
    const head = `${xnum} 0 obj\n<< /Type /XRef /Size ${xnum + 1} /Index [${index}] /W [1 4 2] /Root ${rootRef.toString()}${info}${ids} /Prev ${prev} /Length ${rows.length} >>\nstream\n`;
    out.push(
      Buffer.from(head, 'latin1'),
      rows,
      Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefStart}\n%%EOF\n`),
    );
  }
  const prepared = Buffer.concat(out);
  return signPdf.sign(prepared, new CadesSigner(o.signer));
}

function* runs(nums: number[]): Generator<[number, number[]]> {
  let run: number[] = [];
  for (const n of nums) {
    if (run.length && n !== run[run.length - 1]! + 1) {
      yield [run[0]!, run];
      run = [];
    }
    run.push(n);
  }
  if (run.length) yield [run[0]!, run];
}

/** The file up to and including its last %%EOF (trailing bytes after it are dropped). */
function trimEof(pdf: Buffer): Buffer {
  const at = pdf.lastIndexOf('%%EOF');
  if (at < 0) throw new AppError('unprocessable', 'Tệp không phải PDF hợp lệ, không ký được.');
  return pdf.subarray(0, at + 5);
}

export { BYTE_RANGE_PLACEHOLDER };
