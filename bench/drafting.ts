import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinTemplate } from '../src/server/modules/drafting/builtin.ts';
import { fillTemplate } from '../src/server/modules/drafting/docx.ts';
import { OfficeConverter } from '../src/server/platform/office/index.ts';
import { templateDataOf } from '../src/shared/drafting/fields.ts';
import { machine, type Result } from './lib.ts';
import { ms, stats } from './load.ts';

/**
 * Drafting (issue 16): DOCX → PDF conversions per minute with LibreOffice, a công văn of two pages
 * filled from the built-in template. Warm: the python3-uno worker pool (BENCH_OFFICE_WORKERS, default
 * 1 and 2) after one warm-up conversion, BENCH_CONVERSIONS each (default 60), clients = workers.
 * Cold: `soffice --convert-to pdf` per conversion (BENCH_COLD, default 5) for comparison.
 * Target: ≥ 60 conversions/min warm.
 */
async function sample(): Promise<Buffer> {
  const body = Array.from(
    { length: 28 },
    (_, i) =>
      `${i + 1}. Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư, Sở Nội vụ đề nghị các cơ quan, đơn vị rà soát, cập nhật danh mục hồ sơ và thực hiện nghiêm túc việc lập hồ sơ điện tử.`,
  ).join('\n');
  return fillTemplate(
    await builtinTemplate('cong_van'),
    templateDataOf(
      'cong_van',
      {
        parentName: 'Ủy ban nhân dân tỉnh Vĩnh Long',
        issuerName: 'Sở Nội vụ',
        notation: 'SNV-VP',
        place: 'Vĩnh Long',
        year: 2026,
        number: null,
        date: null,
        summary: 'Tăng cường chuyển đổi số trong công tác văn thư, lưu trữ',
        kinhGui: ['Các sở, ban, ngành tỉnh', 'Ủy ban nhân dân các huyện, thị xã, thành phố'],
        noiNhan: ['Ủy ban nhân dân tỉnh (để b/c)'],
        archive: 'Lưu: VT, VP',
        competence: 'KT.',
        authority: 'Giám đốc',
        position: 'Phó Giám đốc',
        signerName: 'Nguyễn Văn Hòa',
      },
      body,
    ),
  );
}

async function run(docx: Buffer, workers: number, mode: 'warm' | 'cold', n: number) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-office-'));
  const oc = new OfficeConverter({ workDir, workers, mode });
  try {
    const t0 = performance.now();
    await oc.warm();
    await oc.convertToPdf(docx);
    const startup = performance.now() - t0;
    const times: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < n) {
          next++;
          const t = performance.now();
          await oc.convertToPdf(docx);
          times.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    return { perMin: (times.length / elapsed) * 60, s: stats(times), startup };
  } finally {
    await oc.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export async function benchDrafting(): Promise<Result> {
  const docx = await sample();
  const n = Number(process.env.BENCH_CONVERSIONS ?? 60);
  const pools = (process.env.BENCH_OFFICE_WORKERS ?? '1,2').split(',').map(Number);
  const rows: string[][] = [];
  let best = 0;
  for (const w of pools) {
    const r = await run(docx, w, 'warm', n);
    best = Math.max(best, r.perMin);
    rows.push([
      `warm, ${w} worker(s)`,
      String(r.s.n),
      r.perMin.toFixed(0),
      ms(r.s.p50),
      ms(r.s.p95),
      ms(r.startup),
    ]);
  }
  const cold = await run(docx, 1, 'cold', Number(process.env.BENCH_COLD ?? 5));
  rows.push([
    'cold (soffice --convert-to)',
    String(cold.s.n),
    cold.perMin.toFixed(0),
    ms(cold.s.p50),
    ms(cold.s.p95),
    ms(cold.startup),
  ]);
  return {
    title: 'Drafting: DOCX → PDF with LibreOffice (a two-page công văn)',
    machine: machine(),
    header: ['mode', 'conversions', 'per minute', 'p50', 'p95', 'first (start + 1)'],
    rows,
    verdict: `${best.toFixed(0)} conversions/min warm (target ≥ 60): ${best >= 60 ? 'met' : 'NOT met'}`,
    notes: [
      `DOCX ${docx.length} bytes. The server uses the warm mode (platform/office, one worker by default).`,
    ],
  };
}
