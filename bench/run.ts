// `npm run bench [-- suite…]`: runs the benchmarks, prints figures and ratios to this machine's own
// ceilings, and writes them to bench/results/latest.md. Suites: http.
import fs from 'node:fs';
import { benchHttpMe } from './http-me.ts';

interface Result {
  title: string;
  machine: string;
  header: string[];
  rows: string[][];
  verdict: string;
}

const suites: Record<string, () => Promise<Result>> = {
  http: () => benchHttpMe({ seconds: Number(process.env.BENCH_SECONDS ?? 10), connections: 50 }),
};

const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = chosen.length ? chosen : Object.keys(suites);
const out: string[] = [`# Benchmark run ${new Date().toISOString()}`, ''];
for (const name of names) {
  const suite = suites[name];
  if (!suite) throw new Error(`unknown suite ${name}; known: ${Object.keys(suites).join(', ')}`);
  const r = await suite();
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
  ];
  console.log(lines.join('\n'));
  out.push(...lines);
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/latest.md', out.join('\n'));
process.exit(0);
