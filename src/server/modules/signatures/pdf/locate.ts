import { getDocumentProxy } from 'unpdf';
import type { Rect } from './pades.ts';

/** A line of text on a page, as pdf.js positions it (PDF user space, y up). */
export interface TextLineBox {
  page: number;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Items of the line with their x and width, to place text after a word. */
  items: { str: string; x: number; width: number }[];
}

export interface PageText {
  pages: { width: number; height: number; lines: TextLineBox[] }[];
}

interface Item {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** The text lines of every page (items on the same baseline joined, left to right). */
export async function pageText(
  pdf: Uint8Array,
  only?: (n: number, count: number) => boolean,
): Promise<PageText> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const out: PageText = { pages: [] };
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as number[];
      const entry = { width: x1! - x0!, height: y1! - y0!, lines: [] as TextLineBox[] };
      out.pages.push(entry);
      if (only && !only(n - 1, doc.numPages)) continue;
      const content = await page.getTextContent();
      const items = (content.items as Item[]).filter((i) => typeof i.str === 'string' && i.str.trim() !== '');
      const lines: TextLineBox[] = [];
      for (const it of items) {
        const x = it.transform[4]!;
        const y = it.transform[5]!;
        const h = it.height || Math.abs(it.transform[3]!);
        let line = lines.find((l) => Math.abs(l.y - y) < Math.max(2, h * 0.3));
        if (!line) {
          line = { page: n - 1, text: '', x, y, width: 0, height: h, items: [] };
          lines.push(line);
        }
        line.items.push({ str: it.str, x, width: it.width });
      }
      for (const l of lines) {
        l.items.sort((a, b) => a.x - b.x);
        l.text = l.items
          .map((i) => i.str)
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim();
        l.x = l.items[0]!.x;
        const last = l.items[l.items.length - 1]!;
        l.width = last.x + last.width - l.x;
      }
      entry.lines = lines.sort((a, b) => b.y - a.y);
    }
  } finally {
    await doc.destroy();
  }
  return out;
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/**
 * Where the leader's signature goes (Appendix I, II.7): centred between the position line and the
 * name in the signature block. The name is looked for from the last page back; the position line is
 * the nearest line above it with some text (the title); without the name, the bottom right of the
 * last page.
 */
export function leaderRect(text: PageText, signerName: string): { page: number; rect: Rect } {
  const name = norm(signerName);
  for (let p = text.pages.length - 1; p >= 0; p--) {
    const lines = text.pages[p]!.lines;
    const at = lines.findIndex((l) => norm(l.text).includes(name));
    if (at < 0) continue;
    const nameLine = lines[at]!;
    const cx = nameLine.x + nameLine.width / 2;
    const above = lines
      .slice(0, at)
      .filter((l) => l.y > nameLine.y + nameLine.height && Math.abs(l.x + l.width / 2 - cx) < 120);
    const title = above[above.length - 1];
    const top = title ? title.y - 2 : nameLine.y + nameLine.height + 70;
    const bottom = nameLine.y + nameLine.height + 1;
    const h = Math.max(30, Math.min(80, top - bottom));
    const w = Math.min(170, h * 2.4);
    const y1 = bottom + Math.max(0, (top - bottom - h) / 2);
    return { page: p, rect: [cx - w / 2, y1, cx + w / 2, y1 + h] };
  }
  const last = text.pages.length - 1;
  const width = text.pages[last]?.width ?? 595;
  return { page: last, rect: [width - 36 - 170, 40, width - 36, 110] };
}

/** The top right of page 1 (the agency's signature on attachments and copies). */
export function topRightRect(text: PageText, w = 200, h = 40): { page: number; rect: Rect } {
  const p = text.pages[0] ?? { width: 595, height: 842 };
  return { page: 0, rect: [p.width - 20 - w, p.height - 15 - h, p.width - 20, p.height - 15] };
}

/** The x where text written after `word` in this line starts (measured by the characters before it). */
function afterWord(line: TextLineBox, word: RegExp): number | undefined {
  for (const it of line.items) {
    const m = word.exec(it.str);
    if (!m) continue;
    const end = m.index + m[0].length;
    return it.x + (it.width * end) / Math.max(1, it.str.length) + 2;
  }
  return undefined;
}

/** Where the clerk's number and the day and month go on the first page: after "Số:", "ngày", "tháng". */
export function numberBlanks(text: PageText): {
  number?: { x: number; y: number; size: number };
  day?: { x: number; y: number; size: number };
  month?: { x: number; y: number; size: number };
} {
  const out: ReturnType<typeof numberBlanks> = {};
  const lines = text.pages[0]?.lines ?? [];
  for (const l of lines) {
    const size = Math.max(8, Math.min(16, l.height || 13));
    if (!out.number && /^số\s*:/i.test(norm(l.text))) {
      const x = afterWord(l, /Số\s*:/i);
      if (x !== undefined) out.number = { x, y: l.y, size };
    }
    if (!out.day && /ngày/i.test(l.text) && /tháng/i.test(l.text) && /năm/i.test(l.text)) {
      const d = afterWord(l, /ngày/i);
      const m = afterWord(l, /tháng/i);
      if (d !== undefined) out.day = { x: d, y: l.y, size };
      if (m !== undefined) out.month = { x: m, y: l.y, size };
    }
  }
  return out;
}
