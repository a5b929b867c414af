import { z } from 'zod';
import { LEGAL_TYPE_CODES } from './catalogue.ts';
import { RELATION_CODES } from './relations.ts';
import { EFFECT_CODES } from './statuses.ts';

/*
 * API shapes of the legal documents base (src/server/modules/legal/records/routes.ts), shared with
 * the web and the other parts of the legal module. Dates are 'YYYY-MM-DD' strings.
 */

const isoDate = (what: string) => z.iso.date(`${what} không hợp lệ (yyyy-mm-dd).`);
const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} dài quá ${max} ký tự.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const EFFECT_RULE_MESSAGE =
  'Tình trạng hiệu lực của văn bản này được tính tự động từ các ngày và quan hệ; chỉ văn bản hướng dẫn, quy định chi tiết mới được ghi tình trạng riêng (Luật 64/2025/QH15, Điều 57).';
export const EFFECT_BEFORE_ISSUE_MESSAGE = 'Ngày có hiệu lực không được trước ngày ban hành.';
export const EXPIRY_BEFORE_EFFECT_MESSAGE = 'Ngày hết hiệu lực phải sau ngày có hiệu lực.';

/** The fields a person enters (or an import or the gazette brings). */
const legalDocumentFields = {
  origin: z.enum(
    ['central', 'local'],
    'Nguồn văn bản phải là "central" (trung ương) hoặc "local" (địa phương).',
  ),
  numberNotation: z
    .string({ error: 'Thiếu số ký hiệu.' })
    .trim()
    .min(1, 'Số ký hiệu không được để trống.')
    .max(100, 'Số ký hiệu dài quá 100 ký tự.'),
  typeCode: z.enum(LEGAL_TYPE_CODES, 'Loại văn bản không có trong danh mục.'),
  issuerId: z.uuid('Mã cơ quan ban hành không hợp lệ.'),
  signerName: optionalText('Tên người ký', 200),
  signerTitle: optionalText('Chức danh người ký', 200),
  title: z
    .string({ error: 'Thiếu trích yếu.' })
    .trim()
    .min(1, 'Trích yếu không được để trống.')
    .max(2000, 'Trích yếu dài quá 2000 ký tự.'),
  issuedDate: isoDate('Ngày ban hành'),
  effectiveFrom: isoDate('Ngày có hiệu lực'),
  effectiveTo: isoDate('Ngày hết hiệu lực').nullish(),
  scope: optionalText('Phạm vi', 200),
  sector: optionalText('Ngành', 200),
  fieldCode: z
    .number()
    .int('Mã lĩnh vực phải là số nguyên.')
    .min(1, 'Mã lĩnh vực từ 1 đến 27.')
    .max(27, 'Mã lĩnh vực từ 1 đến 27.')
    .nullish(),
  gazetteSource: optionalText('Nguồn thu thập', 300),
  gazetteDate: isoDate('Ngày đăng công báo').nullish(),
  summary: optionalText('Tóm tắt', 20_000),
  fullText: optionalText('Toàn văn', 2_000_000),
};

/** Fields computed by the server: refused in an input with EFFECT_RULE_MESSAGE (or as unknown). */
export const COMPUTED_FIELDS = [
  'statusNow',
  'statusLabel',
  'statusAsOf',
  'expiredOn',
  'declaredStatus',
  'declaredFrom',
  'declaredBy',
] as const;

/** The date rules, as the server applies them (also to a PATCH merged with the stored record). */
export function datesError(v: {
  issuedDate: string;
  effectiveFrom: string;
  effectiveTo?: string | null | undefined;
}): { path: string; message: string } | null {
  if (v.effectiveFrom < v.issuedDate) return { path: 'effectiveFrom', message: EFFECT_BEFORE_ISSUE_MESSAGE };
  if (v.effectiveTo && v.effectiveTo <= v.effectiveFrom)
    return { path: 'effectiveTo', message: EXPIRY_BEFORE_EFFECT_MESSAGE };
  return null;
}

export const legalDocumentInput = z.strictObject(legalDocumentFields);
export type LegalDocumentInput = z.input<typeof legalDocumentInput>;

/** PATCH body: any subset of the input. */
export const legalDocumentPatch = z.strictObject(legalDocumentFields).partial();
export type LegalDocumentPatch = z.input<typeof legalDocumentPatch>;

/**
 * What the routes accept: the input, plus the computed fields let through the schema so the server
 * can refuse them with the precise EFFECT_RULE_MESSAGE rather than as unknown keys.
 */
const computedAsUnknown = Object.fromEntries(
  COMPUTED_FIELDS.map((f) => [f, z.unknown().optional()]),
) as Record<(typeof COMPUTED_FIELDS)[number], z.ZodOptional<z.ZodUnknown>>;
export const legalDocumentBody = z.strictObject({ ...legalDocumentFields, ...computedAsUnknown });
export const legalDocumentPatchBody = z
  .strictObject({ ...legalDocumentFields, ...computedAsUnknown })
  .partial();

export const effectStatusSchema = z.enum(EFFECT_CODES, 'Tình trạng hiệu lực không hợp lệ.');

export const legalFileView = z.object({
  id: z.string(),
  role: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
});

const docRef = z.object({ id: z.string(), numberNotation: z.string(), title: z.string() });

export const legalDocumentView = z.object({
  id: z.string(),
  origin: z.enum(['central', 'local']),
  numberNotation: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  issuerId: z.string(),
  issuerName: z.string(),
  signerName: z.string().nullable(),
  signerTitle: z.string().nullable(),
  title: z.string(),
  issuedDate: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  scope: z.string().nullable(),
  sector: z.string().nullable(),
  fieldCode: z.number().nullable(),
  fieldName: z.string().nullable(),
  gazetteSource: z.string().nullable(),
  gazetteDate: z.string().nullable(),
  summary: z.string().nullable(),
  fullText: z.string().nullable(),
  agencyId: z.string(),
  /** As of today (or the asOf asked). */
  statusNow: effectStatusSchema,
  statusLabel: z.string(),
  /** The date it became "Hết hiệu lực toàn bộ", if so. */
  expiredOn: z.string().nullable(),
  gazetteIssue: z
    .object({ id: z.string(), year: z.number(), label: z.string(), issueDate: z.string() })
    .nullable(),
  files: z.array(legalFileView),
  textSource: z.string().nullable(),
  declaredStatus: effectStatusSchema.nullable(),
  declaredFrom: z.string().nullable(),
  declaredBy: z.object({ id: z.string(), numberNotation: z.string() }).nullable(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
export type LegalDocument = z.infer<typeof legalDocumentView>;

export const legalDocumentSummary = z.object({
  id: z.string(),
  numberNotation: z.string(),
  title: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  issuerId: z.string(),
  issuerName: z.string(),
  issuedDate: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  fieldCode: z.number().nullable(),
  /** The cached status (recomputed daily and after each change). */
  statusNow: effectStatusSchema,
  statusLabel: z.string(),
});
export type LegalDocumentSummary = z.infer<typeof legalDocumentSummary>;

export const legalRelationView = z.object({
  id: z.string(),
  kind: z.enum(RELATION_CODES),
  direction: z.enum(['outgoing', 'incoming']),
  label: z.string(),
  other: z.object({
    id: z.string(),
    numberNotation: z.string(),
    title: z.string(),
    typeName: z.string(),
    issuedDate: z.string(),
    statusNow: effectStatusSchema,
  }),
  articles: z.string().nullable(),
  effectiveDate: z.string().nullable(),
  endsOn: z.string().nullable(),
});
export type LegalRelationView = z.infer<typeof legalRelationView>;

export const timelineEntry = z.object({
  date: z.string(),
  event: z.string(),
  status: effectStatusSchema,
  statusLabel: z.string(),
  by: docRef.optional(),
  articles: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const legalDiagram = z.object({
  current: legalDocumentSummary,
  groups: z.array(
    z.object({
      kind: z.enum(RELATION_CODES),
      direction: z.enum(['outgoing', 'incoming']),
      label: z.string(),
      items: z.array(legalDocumentSummary),
    }),
  ),
});
export type LegalDiagram = z.infer<typeof legalDiagram>;

export const legalSearchQuery = z.object({
  q: z.string().trim().max(200, 'Từ khóa dài quá 200 ký tự.').optional(),
  typeCode: z.enum(LEGAL_TYPE_CODES, 'Loại văn bản không có trong danh mục.').optional(),
  issuerId: z.uuid('Mã cơ quan ban hành không hợp lệ.').optional(),
  fieldCode: z.coerce
    .number()
    .int()
    .min(1, 'Mã lĩnh vực từ 1 đến 27.')
    .max(27, 'Mã lĩnh vực từ 1 đến 27.')
    .optional(),
  year: z.coerce.number().int().min(1945, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.').optional(),
  status: effectStatusSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type LegalSearchQuery = z.input<typeof legalSearchQuery>;

export const legalSearchPage = z.object({
  items: z.array(legalDocumentSummary),
  nextCursor: z.string().optional(),
});

export const legalIssuerView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.enum(['central', 'local']),
});
export type LegalIssuer = z.infer<typeof legalIssuerView>;

export const legalIssuerInput = z.strictObject({
  name: z
    .string({ error: 'Thiếu tên cơ quan ban hành.' })
    .trim()
    .min(2, 'Tên cơ quan ban hành quá ngắn.')
    .max(200, 'Tên cơ quan ban hành dài quá 200 ký tự.'),
  level: z.enum(['central', 'local'], 'Cấp phải là "central" (trung ương) hoặc "local" (địa phương).'),
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{2,60}$/, 'Mã cơ quan chỉ gồm chữ thường không dấu, số và dấu gạch dưới (2–60 ký tự).')
    .optional(),
});

export const legalRelationInput = z.strictObject({
  kind: z.enum(RELATION_CODES, 'Loại quan hệ không có trong danh mục.'),
  targetId: z.uuid('Mã văn bản liên quan không hợp lệ.'),
  articles: optionalText('Điều khoản', 1000),
  effectiveDate: isoDate('Ngày có hiệu lực của quan hệ').nullish(),
  endsOn: isoDate('Ngày kết thúc đình chỉ').nullish(),
});
export type LegalRelationInput = z.input<typeof legalRelationInput>;

export const declaredStatusInput = z.strictObject({
  status: effectStatusSchema.refine(
    (s) => s !== 'not_yet',
    'Không thể công bố tình trạng "Chưa có hiệu lực".',
  ),
  from: isoDate('Ngày áp dụng'),
  byId: z.uuid('Mã văn bản công bố không hợp lệ.').nullish(),
});

export const statusQuery = z.object({ asOf: isoDate('Ngày xem tình trạng').optional() });
export const statusView = z.object({ status: effectStatusSchema, statusLabel: z.string(), asOf: z.string() });

export const timelinePage = z.object({ items: z.array(timelineEntry) });
export const relationsPage = z.object({ items: z.array(legalRelationView) });
