// Verifications per second of a 2-page signed PDF (issue 16: target ≥ 50/s): the verifier alone
// (find the signature, digest over the byte ranges, signature value, chain to the anchors, CRL), as
// the job and a document's page run it, on one core. PKI and PDF made by the tests' helpers.
import { performance } from 'node:perf_hooks';
import { makePdf, makeTestPki, signTestPdf } from '../src/server/modules/signatures/verify/testing.ts';
import { prepareAnchors, verifyPdf } from '../src/server/modules/signatures/verify/verifier.ts';
import { machine, type Result } from './lib.ts';

const TARGET = 50;

export async function benchSignaturesVerify(): Promise<Result> {
  const pki = await makeTestPki();
  const anchors = prepareAnchors([
    { certificatePem: pki.root.pem, crlPem: pki.rootCrl.pem },
    { certificatePem: pki.intermediate.pem, crlPem: pki.intermediateCrl.pem },
  ]);
  const pdf = await makePdf(2);
  const one = await signTestPdf(pdf, pki.leaf, { chain: [pki.intermediate] });
  const two = await signTestPdf(one, pki.direct);
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const rows: string[][] = [];
  let worst = Number.POSITIVE_INFINITY;
  for (const [label, bytes] of [
    ['1 signature (leaf ← intermediate ← root, CRLs)', one],
    ['2 signatures (the first one followed by a later revision)', two],
  ] as const) {
    if (verifyPdf(bytes, anchors).status !== 'valid') throw new Error(`bench PDF does not verify: ${label}`);
    for (let i = 0; i < 20; i++) verifyPdf(bytes, anchors); // warm up
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      verifyPdf(bytes, anchors);
      n++;
    }
    const perS = n / ((performance.now() - t0) / 1000);
    worst = Math.min(worst, perS);
    rows.push([
      label,
      `${(bytes.length / 1024).toFixed(1)} KB`,
      perS.toFixed(0),
      `${(1000 / perS).toFixed(1)} ms`,
    ]);
  }
  return {
    title: 'Signatures: verifications per second of a 2-page signed PDF (one core)',
    machine: machine(),
    header: ['PDF', 'size', 'verifications/s', 'per verification'],
    rows,
    verdict: `${worst.toFixed(0)}/s at worst, target ≥ ${TARGET}/s: ${worst >= TARGET ? 'met' : 'NOT met'}`,
    notes: [
      `Each figure: ${seconds} s of back-to-back verifyPdf calls (BENCH_SECONDS), anchors parsed once.`,
    ],
  };
}
