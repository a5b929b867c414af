import { openP12, signerOf } from '../src/server/modules/signatures/p12.ts';
import { leaderRect, pageText } from '../src/server/modules/signatures/pdf/locate.ts';
import { padesSign } from '../src/server/modules/signatures/pdf/pades.ts';
import { makeCa, makeP12 } from '../src/server/modules/signatures/testing/certs.ts';
import { decreePdf } from '../src/server/modules/signatures/testing/pdfs.ts';
import { machine, type Result } from './lib.ts';

/**
 * PAdES signatures per second of a 2-page PDF (issue 16; target ≥ 20/s): what the leader's sign does
 * after reading the file — locate the signature block with pdf.js, then one incremental update with
 * a visible text appearance and the CAdES signature (RSA 2048, SHA-256), sequentially in one process.
 */
export async function benchSignatures(): Promise<Result> {
  const ca = makeCa();
  const leaf = makeP12(ca, { cn: 'Nguyễn Văn Thử' });
  const signer = signerOf(openP12(leaf.p12, leaf.password));
  const pdf = await decreePdf({ signerName: 'Nguyễn Văn Thử' });
  const n = Number(process.env.BENCH_SIGNATURES ?? 200);
  const one = async () => {
    const text = await pageText(pdf, (p, count) => p >= count - 2);
    const { page, rect } = leaderRect(text, 'Nguyễn Văn Thử');
    return padesSign(pdf, {
      signer,
      signingTime: new Date(),
      reason: 'Ký ban hành văn bản',
      name: 'Nguyễn Văn Thử',
      page,
      rect,
      lines: [
        { text: 'Nguyễn Văn Thử', size: 9 },
        { text: 'UBND tỉnh', size: 7 },
      ],
    });
  };
  for (let i = 0; i < 10; i++) await one(); // warm-up
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await one();
    times.push(performance.now() - s);
  }
  const total = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const perSecond = n / total;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  const median = times[Math.floor(times.length / 2)]!;
  return {
    title: 'PAdES signatures of a 2-page PDF (issue 16)',
    machine: machine(),
    header: ['signatures', 'per second', 'median ms', 'p95 ms', 'target'],
    rows: [[String(n), perSecond.toFixed(1), median.toFixed(1), p95.toFixed(1), '≥ 20/s']],
    verdict:
      perSecond >= 20
        ? `PASS: ${perSecond.toFixed(1)} signatures/s ≥ 20/s`
        : `FAIL: ${perSecond.toFixed(1)} signatures/s < 20/s`,
    notes: [
      'Each signature: pdf.js text positions of the last two pages (placement), pdf-lib parse, one incremental update with a visible appearance, CAdES detached (RSA 2048, SHA-256) via pkijs, @signpdf byte range. The key is opened once (as the server caches opened keys).',
    ],
  };
}
