import { z } from 'zod';
import { parsePeriod } from '../indicators/periods.ts';

/** API shapes of indicator analysis, dashboards and open data (issue 14). */

const CODE = /^[A-Z]{1,3}[0-9]{2,6}$/;
export const indicatorCode = z.string().regex(CODE, 'Mã chỉ tiêu không hợp lệ (ví dụ T0101).');
export const periodCodeSchema = z
  .string()
  .refine(
    (s) => parsePeriod(s) !== null,
    'Kỳ báo cáo không hợp lệ (ví dụ 2026M01, 2026Q1, 2026S1, 2026N9, 2026).',
  );
const option = z
  .string()
  .max(30)
  .regex(/^[A-Za-z0-9_]*$/, 'Mã phân tổ không hợp lệ.')
  .default('');
const status = z.enum(['all', 'approved']).default('all');

export const rollupQuery = z.object({
  indicator: indicatorCode,
  agencyId: z.uuid().optional(),
  from: periodCodeSchema,
  to: periodCodeSchema,
  option,
  status,
});
export type RollupQuery = z.infer<typeof rollupQuery>;

export const indicatorHead = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  decimals: z.number().int(),
  periodicity: z.string(),
  aggregation: z.string(),
});
export const nodeView = z.object({ id: z.string(), name: z.string(), code: z.string().nullable() });

export const rollupPoint = z.object({
  period: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  lastYear: z.number().nullable(),
  growthPct: z.number().nullable(),
  plan: z.number().nullable(),
  planSharePct: z.number().nullable(),
});
export const rollupView = z.object({
  indicator: indicatorHead,
  node: nodeView,
  option: z.string(),
  points: z.array(rollupPoint),
});
export type RollupView = z.infer<typeof rollupView>;

export const rankingQuery = z.object({
  indicator: indicatorCode,
  period: periodCodeSchema,
  parentId: z.uuid().optional(),
  option,
  status,
});
export const rankingView = z.object({
  indicator: indicatorHead,
  parent: nodeView,
  period: z.string(),
  label: z.string(),
  items: z.array(
    z.object({
      rank: z.number().int().nullable(),
      agency: nodeView,
      value: z.number().nullable(),
      lastYear: z.number().nullable(),
      growthPct: z.number().nullable(),
    }),
  ),
});
export type RankingView = z.infer<typeof rankingView>;

export const dashboardQuery = z.object({
  codes: z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(indicatorCode).min(1, 'Cần ít nhất một mã chỉ tiêu.').max(50, 'Tối đa 50 chỉ tiêu.')),
  agencyId: z.uuid().optional(),
  period: periodCodeSchema,
  status,
});
export const dashboardValuesView = z.object({
  node: nodeView,
  period: z.string(),
  label: z.string(),
  items: z.array(
    indicatorHead.extend({
      value: z.number().nullable(),
      lastYear: z.number().nullable(),
      growthPct: z.number().nullable(),
    }),
  ),
});
export type DashboardValuesView = z.infer<typeof dashboardValuesView>;

// Dashboards (a leader's saved charts).
export const dashboardItem = z.object({
  title: z.string().trim().min(1, 'Tiêu đề biểu đồ không được để trống.').max(200),
  chart: z.enum(['line', 'bar', 'stacked', 'table']),
  indicators: z.array(indicatorCode).min(1, 'Biểu đồ cần ít nhất một chỉ tiêu.').max(20),
  agencyId: z.uuid().nullable().default(null),
  from: periodCodeSchema,
  to: periodCodeSchema,
  compare: z.enum(['lastYear', 'plan']).nullable().default(null),
});
export const dashboardInput = z.object({
  name: z.string().trim().min(1, 'Tên bảng điều khiển không được để trống.').max(200),
  pinned: z.boolean().default(false),
  items: z.array(dashboardItem).max(30, 'Tối đa 30 biểu đồ.').default([]),
});
export type DashboardInput = z.infer<typeof dashboardInput>;
export const dashboardView = z.object({
  id: z.string(),
  name: z.string(),
  pinned: z.boolean(),
  items: z.array(dashboardItem),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DashboardView = z.infer<typeof dashboardView>;

// Open data.
export const openCatalogueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export const openIndicator = z.object({
  code: z.string(),
  name: z.string(),
  group: z.string(),
  unit: z.string(),
  periodicity: z.string(),
  aggregation: z.string(),
});
export const openCataloguePage = z.object({
  items: z.array(openIndicator),
  nextCursor: z.string().nullable(),
});

export const openValuesQuery = z.object({
  period: periodCodeSchema.optional(),
  from: periodCodeSchema.optional(),
  to: periodCodeSchema.optional(),
  agency: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  cursor: z.string().max(500).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export const openValue = z.object({
  indicator: z.string(),
  period: z.string(),
  agencyCode: z.string(),
  option: z.string(),
  value: z.number(),
  status: z.enum(['chính thức', 'ước']),
});
export type OpenValue = z.infer<typeof openValue>;
export const openValuesPage = z.object({ items: z.array(openValue), nextCursor: z.string().nullable() });
