/**
 * Scans for the OCR tests: a Decree 30 document rendered as a PDF (documents' test maker), rasterised
 * with pdftoppm as a scanner would (grey, 200 dpi by default) and put back into an image-only PDF
 * with pdf-lib — no text layer at all, as paper through a scanner.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { type Decree30Fields, makeDecree30Pdf } from '../../documents/extract/testing/make-docs.ts';

const run = promisify(execFile);

/** The pages of a PDF as PNG images (pdftoppm), in order. */
export async function pdfToPngs(pdf: Buffer, dpi = 200): Promise<Buffer[]> {
  const dir = await mkdtemp(join(tmpdir(), 'scan-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', join(dir, 'in.pdf'), join(dir, 'p')]);
    const names = (await readdir(dir)).filter((n) => n.endsWith('.png')).sort();
    return Promise.all(names.map((n) => readFile(join(dir, n))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An image-only PDF of the given page images (A4 pages, each image filling its page). */
export async function pngsToPdf(pngs: Buffer[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (const png of pngs) {
    const img = await doc.embedPng(png);
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return Buffer.from(await doc.save());
}

/** A scanned Decree 30 document: what a clerk gets from the scanner for a paper one. */
export async function makeScannedDecree30(f: Decree30Fields, dpi = 200): Promise<Buffer> {
  return pngsToPdf(await pdfToPngs(await makeDecree30Pdf(f), dpi));
}
