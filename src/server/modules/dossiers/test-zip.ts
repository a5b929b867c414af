import fs from 'node:fs';
import { ZipArchive } from 'archiver';
import { eachEntry } from './package.ts';

/**
 * Test helper: copies a zip entry by entry through `edit` (return the new bytes, or null to leave
 * the entry out), as someone tampering with a package would.
 */
export async function rewriteZip(
  src: string,
  dst: string,
  edit: (name: string, data: Buffer) => Buffer | null,
) {
  const entries: [string, Buffer][] = [];
  await eachEntry(src, async (name, s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    const out = edit(name, Buffer.concat(chunks));
    if (out) entries.push([name, out]);
  });
  const zip = new ZipArchive({ store: true });
  const out = fs.createWriteStream(dst);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  zip.pipe(out);
  for (const [name, data] of entries) zip.append(data, { name });
  await zip.finalize();
  await closed;
}
