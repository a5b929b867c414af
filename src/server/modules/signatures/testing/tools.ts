import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-sig-'));
/** pdfsig's report of a PDF (exit code ignored: an untrusted CA is not an error here). */
export function pdfsig(pdf: Buffer): string {
  const f = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(f, pdf);
  try {
    return execFileSync('pdfsig', [f], { encoding: 'utf8' });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}
export function pdftotext(pdf: Buffer): string {
  const f = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(f, pdf);
  return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
}
