import { z } from 'zod';
import { PERIODICITIES } from '../indicators/periods.ts';

/** API shapes of the indicators catalogue and report forms (see /api/v1/indicators). */

export const VALUE_TYPES = ['number', 'percent', 'integer'] as const;
export const AGGREGATIONS = ['sum', 'weighted_avg', 'formula', 'last', 'none'] as const;
export const LEVELS = ['commune', 'district', 'department', 'province'] as const;

const periodicity = z.enum(PERIODICITIES, 'Kỳ báo cáo phải là month, quarter, half, nine_months hoặc year');

export const indicatorBody = z.object({
  groupCode: z.string('Nhóm chỉ tiêu là bắt buộc').trim().min(1, 'Nhóm chỉ tiêu là bắt buộc').max(20),
  name: z
    .string('Tên chỉ tiêu là bắt buộc')
    .trim()
    .min(1, 'Tên chỉ tiêu là bắt buộc')
    .max(500, 'Tên chỉ tiêu quá dài (tối đa 500 ký tự)'),
  unit: z
    .string('Đơn vị tính là bắt buộc')
    .trim()
    .min(1, 'Đơn vị tính là bắt buộc')
    .max(50, 'Đơn vị tính quá dài (tối đa 50 ký tự)'),
  periodicity,
  valueType: z.enum(VALUE_TYPES, 'Kiểu giá trị phải là number, percent hoặc integer'),
  decimals: z
    .number('Số chữ số thập phân phải là số nguyên từ 0 đến 6')
    .int('Số chữ số thập phân phải là số nguyên từ 0 đến 6')
    .min(0, 'Số chữ số thập phân phải là số nguyên từ 0 đến 6')
    .max(6, 'Số chữ số thập phân phải là số nguyên từ 0 đến 6'),
  aggregation: z.enum(AGGREGATIONS, 'Cách tổng hợp phải là sum, weighted_avg, formula, last hoặc none'),
  weightCode: z.string().trim().max(12).nullish(),
  formula: z.string().trim().max(1000, 'Công thức quá dài (tối đa 1000 ký tự)').nullish(),
  disaggregationCode: z.string().trim().max(50).nullish(),
  level: z.enum(LEVELS, 'Cấp báo cáo phải là commune, district, department hoặc province'),
  responsibleAgencyId: z.uuid('Cơ quan chịu trách nhiệm không hợp lệ').nullish(),
  official: z.boolean().default(false),
  open: z.boolean().optional(),
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
});
export const indicatorInput = indicatorBody.extend({
  code: z
    .string('Mã chỉ tiêu là bắt buộc')
    .trim()
    .min(1, 'Mã chỉ tiêu là bắt buộc')
    .max(20, 'Mã chỉ tiêu quá dài'),
});
export type IndicatorInput = z.input<typeof indicatorInput> & z.output<typeof indicatorInput>;

export const indicatorView = z.object({
  id: z.string(),
  code: z.string(),
  groupCode: z.string(),
  name: z.string(),
  unit: z.string(),
  periodicity,
  valueType: z.enum(VALUE_TYPES),
  decimals: z.number(),
  aggregation: z.enum(AGGREGATIONS),
  weightCode: z.string().nullable(),
  formula: z.string().nullable(),
  disaggregationCode: z.string().nullable(),
  level: z.enum(LEVELS),
  responsibleAgencyId: z.string().nullable(),
  official: z.boolean(),
  open: z.boolean(),
  active: z.boolean(),
  version: z.number(),
  sortOrder: z.number(),
  updatedAt: z.string(),
});

export const indicatorDetailView = indicatorView.extend({
  versions: z.array(
    z.object({
      version: z.number(),
      definition: z.record(z.string(), z.unknown()),
      changedById: z.string().nullable(),
      changedAt: z.string(),
    }),
  ),
});

export const catalogueQuery = z.object({
  group: z.string().max(20).optional(),
  q: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const groupView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  sortOrder: z.number(),
});
export const disaggregationView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  options: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const formInput = z.object({
  code: z
    .string('Mã biểu mẫu là bắt buộc')
    .trim()
    .min(1, 'Mã biểu mẫu là bắt buộc')
    .max(30, 'Mã biểu mẫu quá dài (tối đa 30 ký tự)'),
  name: z
    .string('Tên biểu mẫu là bắt buộc')
    .trim()
    .min(1, 'Tên biểu mẫu là bắt buộc')
    .max(300, 'Tên biểu mẫu quá dài'),
  periodicity,
  dueDays: z
    .number()
    .int('Số ngày đến hạn phải là số nguyên')
    .min(0, 'Số ngày đến hạn từ 0 đến 366')
    .max(366, 'Số ngày đến hạn từ 0 đến 366'),
  lockDays: z
    .number()
    .int('Số ngày khóa sổ phải là số nguyên')
    .min(0, 'Số ngày khóa sổ từ 0 đến 730')
    .max(730, 'Số ngày khóa sổ từ 0 đến 730'),
  approvalLevels: z
    .number()
    .int('Số cấp duyệt phải là số nguyên từ 0 đến 4')
    .min(0, 'Số cấp duyệt phải là số nguyên từ 0 đến 4')
    .max(4, 'Số cấp duyệt phải là số nguyên từ 0 đến 4'),
  items: z.array(z.string().trim().max(20)).max(1000, 'Biểu mẫu có tối đa 1000 chỉ tiêu'),
  agencyIds: z
    .array(z.uuid('Cơ quan báo cáo không hợp lệ'))
    .max(5000, 'Biểu mẫu có tối đa 5000 cơ quan báo cáo'),
  active: z.boolean().optional(),
});
export type FormInput = z.output<typeof formInput>;

export const formView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  periodicity,
  dueDays: z.number(),
  lockDays: z.number(),
  approvalLevels: z.number(),
  active: z.boolean(),
  items: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string() })),
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

export const scheduleView = z.object({
  period: z.string(),
  label: z.string(),
  opensOn: isoDate,
  dueOn: isoDate,
  locksOn: isoDate,
  agencies: z.array(
    z.object({
      agencyId: z.string(),
      name: z.string(),
      state: z.enum(['not_open', 'open', 'due_soon', 'overdue', 'locked', 'reopened']),
      reopenedUntil: z.string().nullable(),
      reportStatus: z.string().nullable(),
    }),
  ),
});

export const reopenInput = z.object({
  agencyId: z.uuid('Cơ quan báo cáo không hợp lệ'),
  period: z.string().max(10),
  until: isoDate,
  reason: z.string('Lý do mở lại là bắt buộc').trim().min(5, 'Lý do mở lại cần ít nhất 5 ký tự').max(1000),
});

export const importResult = z.object({
  ok: z.boolean(),
  created: z.number(),
  updated: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
});
