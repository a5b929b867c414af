import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZipArchive } from 'archiver';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../../../test/helpers/process.ts';
import { MANIFEST } from './package.ts';
import { rewriteZip } from './test-zip.ts';

/** `lienthong archive verify <package>`, run as an operator runs it (the real CLI process). */
describe('lienthong archive verify', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-verify-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, Buffer> = {
    'metadata/dossiers.xml': Buffer.from('<?xml version="1.0"?><Dossiers/>'),
    'files/X.2026.01/X.2026.01.001.pdf': Buffer.from('%PDF-1.4 một'),
    'files/X.2026.01/X.2026.01.002.pdf': Buffer.from('%PDF-1.4 hai'),
  };
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  async function makePackage(file: string) {
    const zip = new ZipArchive({ store: true });
    const out = fs.createWriteStream(file);
    const closed = new Promise<void>((r) => out.on('close', () => r()));
    zip.pipe(out);
    for (const [name, data] of Object.entries(files)) zip.append(data, { name });
    zip.append(
      Object.entries(files)
        .map(([n, d]) => `${sha(d)}  ${n}\n`)
        .join(''),
      { name: MANIFEST },
    );
    await zip.finalize();
    await closed;
  }

  it('passes an intact package and fails, naming the file, on a changed byte, a missing or an extra file', async () => {
    const good = path.join(dir, 'good.zip');
    await makePackage(good);
    let r = cli(['archive', 'verify', good], {});
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('3 files match');

    // One byte changed inside the stored bytes of a file.
    const raw = fs.readFileSync(good);
    const at = raw.indexOf(Buffer.from('%PDF-1.4 hai')) + 5;
    raw[at] = raw[at]! ^ 0x01;
    const flipped = path.join(dir, 'flipped.zip');
    fs.writeFileSync(flipped, raw);
    r = cli(['archive', 'verify', flipped], {});
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/ALTERED: files\/X\.2026\.01\/X\.2026\.01\.002\.pdf/);

    const missing = path.join(dir, 'missing.zip');
    await rewriteZip(good, missing, (n, d) => (n.endsWith('001.pdf') ? null : d));
    r = cli(['archive', 'verify', missing], {});
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/MISSING: files\/X\.2026\.01\/X\.2026\.01\.001\.pdf/);
    expect(r.out).not.toContain('002.pdf');

    // A file slipped in that the manifest does not list.
    const zip2 = path.join(dir, 'extra.zip');
    const z = new ZipArchive({ store: true });
    const out = fs.createWriteStream(zip2);
    const closed = new Promise<void>((res) => out.on('close', () => res()));
    z.pipe(out);
    for (const [name, data] of Object.entries(files)) z.append(data, { name });
    z.append(Buffer.from('sneaked in'), { name: 'files/X.2026.01/evil.txt' });
    z.append(
      Object.entries(files)
        .map(([n, d]) => `${sha(d)}  ${n}\n`)
        .join(''),
      { name: MANIFEST },
    );
    await z.finalize();
    await closed;
    r = cli(['archive', 'verify', zip2], {});
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('UNLISTED: files/X.2026.01/evil.txt');

    fs.writeFileSync(path.join(dir, 'not.zip'), 'hello');
    r = cli(['archive', 'verify', path.join(dir, 'not.zip')], {});
    expect(r.code).toBe(1);
    r = cli(['archive', 'verify', path.join(dir, 'nope.zip')], {});
    expect(r.code).toBe(2);
    expect(r.out).toContain('No such file');
    // Six CLI processes, each starting Node and tsx: seconds each on two busy cores.
  }, 180_000);
});
