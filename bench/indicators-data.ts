/**
 * Test data for the indicators benchmark (issue 14), written straight into the database with SQL
 * (PostgreSQL and PGlite), on the demo province (`seed-demo` first, then prepareStaff() of the
 * documents data for a clerk and a leader per agency); the demo's own indicator data is deleted first:
 * - the 20 indicator groups T01 … T20 and one 3-option disaggregation (khu vực kinh tế: nhà nước,
 *   ngoài nhà nước, FDI);
 * - `indicators` monthly indicators, 15 per group (T0101 …): mostly summed up the tree, some
 *   weighted averages (percent, weighted by the group's first indicator) and some stocks (`last`);
 *   `disaggShare` of them (summed ones, spread evenly) are broken down by the 3 options;
 * - one monthly form holding them all, reported by `agencies` agencies (departments, districts and
 *   communes), due 10 days and locked 40 days after the period's end, so the month before the
 *   current one always accepts entry (part (b) of the suite writes there);
 * - `months` months of values ending two months before the current one: the total under option ''
 *   and, for a disaggregated indicator, its three options (which sum to the total); the estimate
 *   (ước) always, the official value (chính thức) except for the last two loaded months; each value
 *   is a hash of (period, agency, indicator), with a yearly growth and a seasonal swing, so the load
 *   is deterministic and batches of periods run in parallel on several connections;
 * - a yearly plan (indicator_targets) for each summed indicator and agency;
 * - an approved report (with its submitted and approved steps) for every loaded period but the last,
 *   which is submitted and awaits the province.
 * Secondary indexes and the primary key of indicator_values are dropped before the load and rebuilt
 * from their exact definitions afterwards, then VACUUM ANALYZE and a CHECKPOINT.
 */
import {
  type Period,
  period,
  periodCode,
  periodEnd,
  periodOf,
  previousPeriod,
} from '../src/shared/indicators/periods.ts';
import { type BenchAgency, pgArray, type Query } from './documents-data.ts';

export interface IndicatorSizes {
  /** Reporting agencies (all but the province, at most 150 on the demo province). */
  agencies: number;
  indicators: number;
  /** Months of values loaded (the roll-up needs 24 for 12 months with last year). */
  months: number;
  /** Share of the indicators with the 3-option disaggregation, 0–0.8. */
  disaggShare: number;
}

export interface IndicatorDataset {
  provinceId: string;
  /** The province (its leader reads the province's roll-ups). */
  province: BenchAgency;
  formId: string;
  formCode: string;
  /** Reporting agencies, in load order (BenchAgency of prepareStaff). */
  reporters: BenchAgency[];
  codes: string[];
  /** Codes of summed indicators (the roll-up's subject) and disaggregated ones. */
  summed: string[];
  disaggregated: string[];
  /** Loaded months, oldest first. */
  periods: string[];
  /** The month that accepts entry now (the one before the current month, Vietnam time). */
  openPeriod: string;
  values: number;
  timings: Record<string, number>;
}

export const GROUPS = [
  'Đất đai, dân số',
  'Lao động, việc làm',
  'Tài khoản quốc gia',
  'Tài chính, ngân hàng',
  'Đầu tư, xây dựng',
  'Doanh nghiệp, hợp tác xã',
  'Nông, lâm nghiệp và thủy sản',
  'Công nghiệp',
  'Thương mại, dịch vụ',
  'Giá cả',
  'Giao thông vận tải, bưu chính',
  'Công nghệ thông tin, truyền thông',
  'Khoa học, công nghệ',
  'Giáo dục, đào tạo',
  'Y tế, chăm sóc sức khỏe',
  'Văn hóa, thể thao',
  'Mức sống dân cư, an sinh xã hội',
  'Trật tự, an toàn xã hội, tư pháp',
  'Bảo vệ môi trường',
  'Quản lý nhà nước',
];

const TOPICS: [name: string, unit: string][] = [
  ['Giá trị sản xuất', 'triệu đồng'],
  ['Tổng mức bán lẻ hàng hóa', 'triệu đồng'],
  ['Số doanh nghiệp thành lập mới', 'doanh nghiệp'],
  ['Thu ngân sách nhà nước trên địa bàn', 'triệu đồng'],
  ['Vốn đầu tư thực hiện', 'triệu đồng'],
  ['Số lao động được tạo việc làm', 'người'],
  ['Diện tích gieo trồng', 'ha'],
  ['Sản lượng thu hoạch', 'tấn'],
  ['Số lượt khách phục vụ', 'lượt người'],
  ['Kim ngạch xuất khẩu', 'nghìn USD'],
  ['Số hồ sơ thủ tục hành chính tiếp nhận', 'hồ sơ'],
  ['Số vụ việc phát sinh', 'vụ'],
  ['Số lượt khám, chữa bệnh', 'lượt'],
  ['Số học sinh đi học', 'học sinh'],
];

/** The month before the current one (Vietnam time): it accepts entry on the bench form. */
export function openMonth(now: Date): Period {
  const vn = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  return previousPeriod(periodOf('month', vn));
}

/** `months` months ending the month before `open`, oldest first. */
export function loadedMonths(open: Period, months: number): string[] {
  const out: string[] = [];
  let p = previousPeriod(open);
  for (let i = 0; i < months; i++, p = previousPeriod(p)) out.unshift(p.code);
  return out;
}

/** SQL with `{name}` placeholders → positional text and values. */
function named(text: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const out = text.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {${name}}`);
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return [out, order.map((n) => values[n])];
}

const WEIGHT: Record<string, number> = { department: 3, district: 6, commune: 1 };

interface IndicatorRow {
  code: string;
  group: number;
  name: string;
  unit: string;
  aggregation: 'sum' | 'weighted_avg' | 'last';
  valueType: 'number' | 'percent';
  weightCode: string | null;
  disaggregated: boolean;
  base: number;
  decimals: number;
}

/** The catalogue: 15 indicators per group, kinds by position in the group. */
export function catalogue(count: number, disaggShare: number): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  const kindOf = (k: number) => {
    // Position 0 of a group: its weight; 5, 12: weighted averages; 9: a stock.
    const inGroup = Math.floor(k / 20) % 15;
    return inGroup === 5 || inGroup === 12 ? 'weighted_avg' : inGroup === 9 ? 'last' : 'sum';
  };
  const sums = Array.from({ length: count }, (_, k) => kindOf(k)).filter((x) => x === 'sum').length;
  const wanted = Math.min(sums, Math.round(count * disaggShare));
  let summed = 0;
  for (let k = 0; k < count; k++) {
    const group = k % 20;
    const inGroup = Math.floor(k / 20);
    const code = `T${String(group + 1).padStart(2, '0')}${String(inGroup + 1).padStart(2, '0')}`;
    const [topic, unit] = TOPICS[(k * 7) % TOPICS.length]!;
    const kind = kindOf(k);
    // Spread evenly over the summed indicators.
    const s = kind === 'sum' ? summed++ : -1;
    const disaggregated = s >= 0 && Math.floor(((s + 1) * wanted) / sums) > Math.floor((s * wanted) / sums);
    rows.push({
      code,
      group,
      name:
        kind === 'weighted_avg'
          ? `Tỷ lệ ${topic.charAt(0).toLowerCase()}${topic.slice(1)} đạt chuẩn (${GROUPS[group]!.toLowerCase()})`
          : kind === 'last'
            ? `${topic} lũy kế (${GROUPS[group]!.toLowerCase()})`
            : `${topic} (${GROUPS[group]!.toLowerCase()})`,
      unit: kind === 'weighted_avg' ? '%' : unit,
      aggregation: kind,
      valueType: kind === 'weighted_avg' ? 'percent' : 'number',
      weightCode: kind === 'weighted_avg' ? `T${String(group + 1).padStart(2, '0')}01` : null,
      disaggregated,
      base: 50 + ((k * 7919) % 950),
      decimals: kind === 'weighted_avg' ? 1 : 2,
    });
  }
  return rows;
}

export interface IndicatorLoadOptions extends IndicatorSizes {
  now: Date;
  /** Rows per batch (about; a batch is a whole number of months). */
  batchRows: number;
  maintenanceWorkMem: string;
  log?: (line: string) => void;
}

/**
 * Loads the catalogue, the form, values, plans and reports (see the file comment) on one or more
 * connections (`qs`; batches of months run in parallel, one per connection).
 */
export async function loadIndicators(
  qs: Query[],
  staff: BenchAgency[],
  o: IndicatorLoadOptions,
): Promise<IndicatorDataset> {
  const q = qs[0]!;
  const log = o.log ?? (() => {});
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (now - t) / 1000;
    log(`${name}: ${timings[name]!.toFixed(1)} s`);
    t = now;
  };
  const province = staff.find((a) => a.kind === 'province');
  if (!province) throw new Error('the demo province has no province agency');
  // Departments and districts first (the bigger reporters), then communes.
  const reporters = staff
    .filter((a) => a.kind !== 'province')
    .sort((a, b) => (WEIGHT[b.kind] ?? 1) - (WEIGHT[a.kind] ?? 1) || a.idx - b.idx)
    .slice(0, o.agencies);
  const cat = catalogue(o.indicators, o.disaggShare);
  const open = openMonth(o.now);
  const periods = loadedMonths(open, o.months);

  // The demo's own indicators (seed-demo loads a small catalogue with values) make way for the bench's.
  for (const t of [
    'indicator_value_history',
    'indicator_values',
    'indicator_targets',
    'indicator_report_steps',
    'indicator_reports',
    'indicator_reopenings',
    'indicator_reminders',
    'indicator_rules',
    'indicator_form_items',
    'indicator_form_agencies',
    'indicator_forms',
    'indicator_dashboards',
    'indicator_versions',
    'indicators',
    'indicator_disaggregations',
    'indicator_groups',
  ])
    await q(`DELETE FROM ${t}`);
  // Catalogue: groups, the disaggregation, indicators with their first version.
  await q(
    `INSERT INTO indicator_groups (id, code, name, sort_order)
     SELECT gen_random_uuid(), 'T' || lpad(n::text, 2, '0'), g, n FROM unnest($1::text[]) WITH ORDINALITY AS x(g, n)
     ON CONFLICT (code) DO NOTHING`,
    [pgArray(GROUPS)],
  );
  await q(
    `INSERT INTO indicator_disaggregations (id, code, name, options)
     VALUES (gen_random_uuid(), 'KVKT', 'Khu vực kinh tế',
             '[{"code":"nn","name":"Nhà nước"},{"code":"nnn","name":"Ngoài nhà nước"},{"code":"fdi","name":"Có vốn đầu tư nước ngoài"}]'::jsonb)
     ON CONFLICT (code) DO NOTHING`,
  );
  await q(
    `INSERT INTO indicators (id, code, group_id, name, unit, periodicity, value_type, decimals, aggregation, weight_code,
                             disaggregation_id, level, official, open, sort_order)
     SELECT gen_random_uuid(), x.code, g.id, x.name, x.unit, 'month', x.vt, x.dec, x.agg, x.wc,
            CASE WHEN x.dis THEN (SELECT id FROM indicator_disaggregations WHERE code = 'KVKT') END,
            'commune', true, true, x.n
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::bool[], $9::text[])
            WITH ORDINALITY AS x(code, name, unit, vt, dec, agg, wc, dis, grp, n)
       JOIN indicator_groups g ON g.code = x.grp
     ON CONFLICT (code) DO NOTHING`,
    [
      pgArray(cat.map((c) => c.code)),
      pgArray(cat.map((c) => c.name)),
      pgArray(cat.map((c) => c.unit)),
      pgArray(cat.map((c) => c.valueType)),
      pgArray(cat.map((c) => c.decimals)),
      pgArray(cat.map((c) => c.aggregation)),
      pgArray(cat.map((c) => c.weightCode)),
      `{${cat.map((c) => c.disaggregated).join(',')}}`,
      pgArray(cat.map((c) => `T${String(c.group + 1).padStart(2, '0')}`)),
    ],
  );
  await q(
    `INSERT INTO indicator_versions (indicator_id, version, definition)
     SELECT id, 1, jsonb_build_object('code', code, 'name', name, 'unit', unit, 'periodicity', periodicity,
                                      'valueType', value_type, 'aggregation', aggregation, 'weightCode', weight_code)
       FROM indicators ON CONFLICT DO NOTHING`,
  );
  const ids = new Map(
    (await q<{ id: string; code: string }>(`SELECT id, code FROM indicators`)).map((r) => [r.code, r.id]),
  );
  const formCode = 'BENCH-KTXH-THANG';
  await q(
    `INSERT INTO indicator_forms (id, code, name, periodicity, due_days, lock_days, approval_levels)
     VALUES (gen_random_uuid(), $1, 'Báo cáo chỉ tiêu kinh tế - xã hội hằng tháng', 'month', 10, 40, 1)
     ON CONFLICT (code) DO NOTHING`,
    [formCode],
  );
  const [{ id: formId } = { id: '' }] = await q<{ id: string }>(
    `SELECT id FROM indicator_forms WHERE code = $1`,
    [formCode],
  );
  await q(
    `INSERT INTO indicator_form_items (form_id, indicator_id, sort_order)
     SELECT $1, x.id, x.n FROM unnest($2::uuid[]) WITH ORDINALITY AS x(id, n) ON CONFLICT DO NOTHING`,
    [formId, pgArray(cat.map((c) => ids.get(c.code)!))],
  );
  await q(
    `INSERT INTO indicator_form_agencies (form_id, agency_id)
     SELECT $1, a FROM unnest($2::uuid[]) AS a ON CONFLICT DO NOTHING`,
    [formId, pgArray(reporters.map((a) => a.id))],
  );
  lap('catalogue, form');

  // Drop the secondary indexes and the primary key of indicator_values; rebuilt after the load.
  const idx = await q<{ name: string; def: string; constraint: boolean }>(
    `SELECT i.indexname AS name, i.indexdef AS def, false AS constraint FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = 'indicator_values'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
     UNION ALL
     SELECT c.conname, 'ALTER TABLE indicator_values ADD CONSTRAINT "' || c.conname || '" ' || pg_get_constraintdef(c.oid), true
       FROM pg_constraint c WHERE c.conrelid = 'indicator_values'::regclass AND c.contype = 'p'`,
  );
  for (const ix of idx)
    await q(
      ix.constraint ? `ALTER TABLE indicator_values DROP CONSTRAINT "${ix.name}"` : `DROP INDEX "${ix.name}"`,
    );
  lap(`drop ${idx.length} indexes of indicator_values`);

  // Values, a batch of whole months per connection at a time.
  const rowsPerMonth = reporters.length * cat.reduce((n, c) => n + (c.disaggregated ? 4 : 1), 0);
  const perBatch = Math.max(1, Math.floor(o.batchRows / Math.max(1, rowsPerMonth)));
  const firstYear = Number(periods[0]!.slice(0, 4));
  const officialUntil = periods[Math.max(0, periods.length - 3)]!;
  const fixed = {
    a_id: pgArray(reporters.map((a) => a.id)),
    a_w: pgArray(reporters.map((a) => WEIGHT[a.kind] ?? 1)),
    a_by: pgArray(reporters.map((a) => a.clerk.id)),
    i_id: pgArray(cat.map((c) => ids.get(c.code)!)),
    i_base: pgArray(cat.map((c) => c.base)),
    i_kind: pgArray(cat.map((c) => c.aggregation)),
    i_dis: `{${cat.map((c) => c.disaggregated).join(',')}}`,
    i_dec: pgArray(cat.map((c) => c.decimals)),
    y0: firstYear,
  };
  const valuesSql = `
WITH p AS (
  SELECT * FROM unnest({p_code}::text[], {p_idx}::int[], {p_end}::date[], {p_official}::bool[]) AS p(code, idx, ends, official)
), a AS (
  SELECT * FROM unnest({a_id}::uuid[], {a_w}::float8[], {a_by}::uuid[]) WITH ORDINALITY AS a(id, w, by_id, ai)
), i AS (
  SELECT * FROM unnest({i_id}::uuid[], {i_base}::float8[], {i_kind}::text[], {i_dis}::bool[], {i_dec}::int[])
         WITH ORDINALITY AS i(id, base, kind, dis, dec, ii)
), h AS (
  SELECT i.id AS iid, p.code AS pcode, a.id AS aid, a.by_id, p.ends, p.official, i.dis, i.dec, i.kind, i.base, a.w,
         substr(p.code, 1, 4)::int - {y0}::int AS yr, substr(p.code, 6, 2)::int AS mon,
         ((p.idx::int8 * 1000 + a.ai) * 1000 + i.ii) AS k
    FROM p CROSS JOIN a CROSS JOIN i
), r AS (
  SELECT h.*,
         (hashint8extended(k, 141) & 2147483647)::float8 / 2147483648.0 AS h1,
         (hashint8extended(k, 142) & 2147483647)::float8 / 2147483648.0 AS h2,
         (hashint8extended(k, 143) & 2147483647)::float8 / 2147483648.0 AS h3,
         (hashint8extended(k, 144) & 2147483647)::float8 / 2147483648.0 AS he
    FROM h
)
-- Materialized, so that each value is computed once (inlined, the options' expressions repeat it).
, v AS MATERIALIZED (
  SELECT k, iid, pcode, aid, by_id, ends, official, dis, dec, he,
         round((CASE kind
                  WHEN 'sum' THEN base * w * power(1.07, yr) * (1 + 0.15 * sin(mon * 0.5236)) * (0.85 + 0.3 * h1)
                  WHEN 'last' THEN base * 40 * w * (1 + 0.01 * yr + 0.001 * mon) * (0.99 + 0.02 * h1)
                  ELSE 20 + 75 * h1 END)::numeric, dec) AS tot,
         (0.4 + 0.2 * h2)::numeric AS s1, (0.3 + 0.4 * h3)::numeric AS s2
    FROM r
), v1 AS MATERIALIZED (
  SELECT v.*, round(tot * s1, dec) AS o1 FROM v
), v2 AS MATERIALIZED (
  SELECT v1.*, round((tot - o1) * s2, dec) AS o2 FROM v1
)
INSERT INTO indicator_values (indicator_id, period, agency_id, option_code, estimate, official, indicator_version, rev,
                              updated_by_id, updated_at)
SELECT iid, pcode, aid, o.code,
       round(o.val * (0.97 + 0.06 * he)::numeric, dec),
       CASE WHEN official THEN o.val END,
       1, CASE WHEN official THEN 2 ELSE 1 END, by_id, (ends + 3 + floor(he * 5)::int)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
  FROM v2 CROSS JOIN LATERAL (VALUES ('', tot, true), ('nn', o1, dis), ('nnn', o2, dis), ('fdi', tot - o1 - o2, dis)) AS o(code, val, keep)
 WHERE o.keep
 -- In the order forms are saved (an agency's month together), as the app would have written them.
 ORDER BY k, o.code`;
  const chunks: string[][] = [];
  for (let i = 0; i < periods.length; i += perBatch) chunks.push(periods.slice(i, i + perBatch));
  let loaded = 0;
  let next = 0;
  await Promise.all(
    qs.map(async (c) => {
      await c(`SET session_replication_role = replica`);
      await c(`SET work_mem = '64MB'`);
      for (let b = next++; b < chunks.length; b = next++) {
        const ps = chunks[b]!;
        await c(
          ...named(valuesSql, {
            ...fixed,
            p_code: pgArray(ps),
            p_idx: pgArray(ps.map((p) => periods.indexOf(p) + 1)),
            p_end: pgArray(ps.map((p) => periodEnd(period(p)))),
            p_official: `{${ps.map((p) => p <= officialUntil).join(',')}}`,
          }),
        );
        loaded += ps.length * rowsPerMonth;
        log(
          `  ${loaded.toLocaleString('en')} / ${(periods.length * rowsPerMonth).toLocaleString('en')} values`,
        );
      }
      await c(`SET session_replication_role = origin`);
    }),
  );
  lap(`insert values (${qs.length} connection${qs.length > 1 ? 's' : ''})`);

  // Plans for each summed indicator, agency and year; reports and their steps.
  const years = [...new Set(periods.map((p) => Number(p.slice(0, 4))))];
  await q(
    `INSERT INTO indicator_targets (indicator_id, agency_id, year, value)
     SELECT i.id, a.id, y, round((i.base * a.w * power(1.07, y - $5::int) * 12 * 1.04)::numeric, 0)
       FROM unnest($1::uuid[], $2::float8[], $3::text[]) AS i(id, base, kind)
      CROSS JOIN unnest($4::uuid[], $6::float8[]) AS a(id, w)
      CROSS JOIN unnest($7::int[]) AS y
      WHERE i.kind = 'sum'
     ON CONFLICT DO NOTHING`,
    [fixed.i_id, fixed.i_base, fixed.i_kind, fixed.a_id, firstYear, fixed.a_w, pgArray(years)],
  );
  const last = periods[periods.length - 1]!;
  await q(
    `WITH r AS (
       INSERT INTO indicator_reports (form_id, agency_id, period, status, level, awaiting_agency_id, submitted_at,
                                      submitted_by_id, approved_at, updated_at)
       SELECT $1, a.id, p.code, CASE WHEN p.code = $4 THEN 'submitted' ELSE 'approved' END,
              CASE WHEN p.code = $4 THEN 1 ELSE 0 END, CASE WHEN p.code = $4 THEN $5::uuid END,
              (p.ends + 8)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh', a.by_id,
              CASE WHEN p.code <> $4 THEN (p.ends + 12)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' END,
              (p.ends + 12)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
         FROM unnest($2::uuid[], $3::uuid[]) AS a(id, by_id)
        CROSS JOIN unnest($6::text[], $7::date[]) AS p(code, ends)
       ON CONFLICT DO NOTHING
       RETURNING form_id, agency_id, period, status, submitted_at, submitted_by_id, approved_at)
     INSERT INTO indicator_report_steps (form_id, agency_id, period, action, level, by_id, by_agency_id, created_at)
     SELECT form_id, agency_id, period, 'submitted', 0, submitted_by_id, agency_id, submitted_at FROM r
     UNION ALL
     SELECT form_id, agency_id, period, 'approved', 1, $8::uuid, $5::uuid, approved_at FROM r WHERE status = 'approved'`,
    [
      formId,
      fixed.a_id,
      fixed.a_by,
      last,
      province.id,
      pgArray(periods),
      pgArray(periods.map((p) => periodEnd(period(p)))),
      province.leader.id,
    ],
  );
  lap('plans, reports');

  const rebuild = [...idx].sort((a, b) => Number(b.constraint) - Number(a.constraint));
  await Promise.all(
    qs.map(async (c) => {
      await c(`SET maintenance_work_mem = '${o.maintenanceWorkMem}'`);
      for (let ix = rebuild.shift(); ix; ix = rebuild.shift()) {
        const started = performance.now();
        await c(ix.def);
        log(`  create ${ix.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }),
  );
  lap('create indexes');
  const tables = [
    'indicator_values',
    'indicator_reports',
    'indicator_report_steps',
    'indicator_targets',
    'indicators',
    'indicator_form_items',
    'indicator_form_agencies',
    'people',
    'positions',
    'agencies',
  ];
  await Promise.all(
    qs.map(async (c) => {
      for (let tb = tables.shift(); tb; tb = tables.shift()) await c(`VACUUM (ANALYZE) ${tb}`);
    }),
  );
  lap('vacuum analyze');
  await q('CHECKPOINT');
  lap('checkpoint');
  const [{ n } = { n: 0 }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM indicator_values`);
  return {
    provinceId: province.id,
    province,
    formId,
    formCode,
    reporters,
    codes: cat.map((c) => c.code),
    summed: cat.filter((c) => c.aggregation === 'sum').map((c) => c.code),
    disaggregated: cat.filter((c) => c.disaggregated).map((c) => c.code),
    periods,
    openPeriod: open.code,
    values: n,
    timings,
  };
}

/** Indicators needed for at least `values` values with these agencies and months (a multiple of 20). */
export function indicatorsFor(values: number, agencies: number, months: number, disaggShare: number): number {
  for (let n = 20; n < 10_000; n += 20) {
    const rows = catalogue(n, disaggShare).reduce((s, c) => s + (c.disaggregated ? 4 : 1), 0);
    if (rows * agencies * months >= values) return n;
  }
  return 10_000;
}

export { periodCode };
