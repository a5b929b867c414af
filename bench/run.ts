// `npm run bench [-- suite…]`: runs the benchmarks, prints figures and ratios to this machine's own
// ceilings, and writes them to bench/results/latest.md (and bench/results/<suite>.md). Suites: http,
// documents, exchange, federation, indicators, portal, ocr, signatures-verify, drafting, signatures, … (see bench/README.md).
import fs from 'node:fs';
import { benchDocuments } from './documents.ts';
import { benchDrafting } from './drafting.ts';
import { benchExchange } from './exchange.ts';
import { benchFederation } from './federation.ts';
import { benchFeedback } from './feedback.ts';
import { benchHttpMe } from './http-me.ts';
import { benchIndicators } from './indicators.ts';
import { benchLegal } from './legal.ts';
import type { Result } from './lib.ts';
import { benchOcr } from './ocr.ts';
import { benchPortal } from './portal.ts';
import { benchReports } from './reports.ts';
import { benchScaleDocuments } from './scale.ts';
import { benchProcesses } from './scale-processes.ts';
import { benchServices } from './services.ts';
import { benchSignatures } from './signatures.ts';
import { benchSignaturesVerify } from './signatures-verify.ts';

const suites: Record<string, () => Promise<Result | Result[]>> = {
  http: () => benchHttpMe({ seconds: Number(process.env.BENCH_SECONDS ?? 10), connections: 50 }),
  documents: () => benchDocuments(),
  exchange: () => benchExchange(),
  federation: () => benchFederation(),
  indicators: () => benchIndicators(),
  portal: () => benchPortal(),
  ocr: () => benchOcr(),
  'signatures-verify': () => benchSignaturesVerify(),
  drafting: () => benchDrafting(),
  signatures: () => benchSignatures(),
  legal: () => benchLegal(),
  services: () => benchServices(),
  feedback: () => benchFeedback(),
  reports: () => benchReports(),
  // Issue 21: two serve processes behind HAProxy against one, then the documents at 10 M on their own
  // cluster with and without a replica. BENCH_SCALE_RUN=processes or =documents runs one part.
  scale: async () => {
    const parts = (process.env.BENCH_SCALE_RUN ?? 'processes,documents').split(',').map((p) => p.trim());
    const out: Result[] = [];
    if (parts.includes('processes')) out.push(await benchProcesses());
    if (parts.includes('documents')) out.push(...(await benchScaleDocuments()));
    return out;
  },
};

const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = chosen.length ? chosen : Object.keys(suites);
const stamp = `# Benchmark run ${new Date().toISOString()}`;
const out: string[] = [stamp, ''];
fs.mkdirSync('bench/results', { recursive: true });
for (const name of names) {
  const suite = suites[name];
  if (!suite) throw new Error(`unknown suite ${name}; known: ${Object.keys(suites).join(', ')}`);
  const results = await suite();
  const mine: string[] = [stamp, ''];
  for (const r of Array.isArray(results) ? results : [results]) {
    const lines = [
      `## ${r.title}`,
      `Machine: ${r.machine}`,
      '',
      `| ${r.header.join(' | ')} |`,
      `| ${r.header.map(() => '---').join(' | ')} |`,
      ...r.rows.map((row) => `| ${row.join(' | ')} |`),
      '',
      `**${r.verdict}**`,
      '',
      ...(r.notes?.length ? [...r.notes, ''] : []),
    ];
    console.log(lines.join('\n'));
    out.push(...lines);
    mine.push(...lines);
  }
  // Each suite's last figures stay in bench/results/<suite>.md when another suite runs alone.
  fs.writeFileSync(`bench/results/${name}.md`, mine.join('\n'));
}
fs.writeFileSync('bench/results/latest.md', out.join('\n'));
process.exit(0);
