import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import PizZip from 'pizzip';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfficeConverter } from './index.ts';

const HAS_SOFFICE = fs.existsSync('/usr/bin/soffice') && fs.existsSync('/usr/bin/python3');
const TEXT = 'Độc lập - Tự do - Hạnh phúc; Ủy ban nhân dân tỉnh Vĩnh Long; ngày 04 tháng 02 năm 2026';

async function docxOf(text: string) {
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [new Paragraph({ children: [new TextRun({ text, font: 'Times New Roman', size: 28 })] })],
        },
      ],
    }),
  );
}

/** soffice processes whose command line names this work directory. */
function sofficesOf(workDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', workDir], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe.skipIf(!HAS_SOFFICE)('office: DOCX → PDF with LibreOffice', () => {
  let workDir: string;
  let oc: OfficeConverter;
  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-office-'));
    oc = new OfficeConverter({ workDir, timeoutMs: 20_000 });
  });
  afterAll(async () => {
    await oc.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('converts with the Vietnamese text exact and Times New Roman as Liberation Serif', async () => {
    const pdf = await oc.convertToPdf(await docxOf(TEXT));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    expect(text.replace(/\s+/g, ' ').trim()).toBe(TEXT);
    expect(pdf.toString('latin1')).toContain('LiberationSerif');
  });

  it('restarts a worker that died, and refuses what is not a document', async () => {
    const before = sofficesOf(workDir);
    expect(before.length).toBeGreaterThan(0);
    for (const pid of before) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    // The request in flight (if any) fails; the next one starts a fresh worker.
    let pdf: Buffer | null = null;
    for (let i = 0; i < 3 && !pdf; i++)
      pdf = await oc.convertToPdf(await docxOf('Lần hai')).catch(() => null);
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    await expect(oc.convertToPdf(Buffer.from([0, 1, 2, 3, 255, 254]))).rejects.toThrow();
    // Still usable after a failed conversion.
    expect((await oc.convertToPdf(await docxOf('Lần ba'))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('never fetches what a document links (no request leaves for a linked image)', async () => {
    const urls: string[] = [];
    const server = http.createServer((req, res) => {
      urls.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const zip = new PizZip(await docxOf('Ảnh liên kết'));
      const rels = zip.file('word/_rels/document.xml.rels')!.asText();
      zip.file(
        'word/_rels/document.xml.rels',
        rels.replace(
          '</Relationships>',
          `<Relationship Id="rIdExt1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://127.0.0.1:${port}/linked.png" TargetMode="External"/></Relationships>`,
        ),
      );
      const drawing = `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="952500" cy="952500"/><wp:docPr id="99" name="P"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="99" name="P"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link="rIdExt1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
      const xml = zip.file('word/document.xml')!.asText();
      zip.file('word/document.xml', xml.replace('<w:body>', `<w:body>${drawing}`));
      const pdf = await oc.convertToPdf(zip.generate({ type: 'nodebuffer' }) as Buffer);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(urls).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('leaves no soffice running once closed', async () => {
    const other = new OfficeConverter({ workDir: path.join(workDir, 'second') });
    await other.convertToPdf(await docxOf('Đóng'));
    expect(sofficesOf(path.join(workDir, 'second')).length).toBeGreaterThan(0);
    await other.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(sofficesOf(path.join(workDir, 'second'))).toEqual([]);
  });
});
