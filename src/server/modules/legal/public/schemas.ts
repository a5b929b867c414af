import { z } from 'zod';
import { LEGAL_FIELDS, LEGAL_TYPE_CODES } from '../../../../shared/legal/catalogue.ts';
import { RELATION_CODES } from '../../../../shared/legal/relations.ts';
import { EFFECT_CODES } from '../../../../shared/legal/statuses.ts';

/*
 * The open data of the legal base (/api/v1/open/legal/…): the only fields that leave the server for
 * an anonymous reader, on the pages and in JSON. presenter.ts builds these shapes field by field from
 * the records' views; anything not named here (the keeping agency, who entered it, import batches,
 * copies, gazette workflow states, submitters) never reaches a visitor.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const publicDocumentSummary = z.object({
  id: z.uuid(),
  numberNotation: z.string(),
  title: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  issuerName: z.string(),
  issuedDate: isoDate,
  effectiveFrom: isoDate.nullable(),
  status: z.enum(EFFECT_CODES),
  statusLabel: z.string(),
  url: z.string().describe('Trang công khai của văn bản'),
});
export type PublicDocumentSummary = z.infer<typeof publicDocumentSummary>;

export const publicFile = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  url: z.string(),
});

export const publicRelation = z.object({
  kind: z.enum(RELATION_CODES),
  direction: z.enum(['outgoing', 'incoming']),
  label: z.string(),
  articles: z.string().nullable(),
  effectiveDate: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  other: z.object({
    id: z.uuid(),
    numberNotation: z.string(),
    title: z.string(),
    typeName: z.string(),
    issuedDate: isoDate,
    status: z.enum(EFFECT_CODES),
    statusLabel: z.string(),
    url: z.string(),
  }),
});
export type PublicRelation = z.infer<typeof publicRelation>;

export const publicTimelineEntry = z.object({
  date: isoDate,
  event: z.string(),
  status: z.enum(EFFECT_CODES),
  statusLabel: z.string(),
  by: z.object({ id: z.uuid(), numberNotation: z.string(), title: z.string(), url: z.string() }).nullable(),
  articles: z.string().nullable(),
});
export type PublicTimelineEntry = z.infer<typeof publicTimelineEntry>;

export const publicDiagramGroup = z.object({
  kind: z.enum(RELATION_CODES),
  direction: z.enum(['outgoing', 'incoming']),
  label: z.string(),
  items: z.array(publicDocumentSummary),
});
export type PublicDiagramGroup = z.infer<typeof publicDiagramGroup>;

export const publicGazetteRef = z.object({
  year: z.number().int(),
  label: z.string(),
  issueDate: isoDate,
  url: z.string(),
});

export const publicDocument = z.object({
  id: z.uuid(),
  origin: z.enum(['central', 'local']),
  numberNotation: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  issuerName: z.string(),
  signerName: z.string().nullable(),
  signerTitle: z.string().nullable(),
  title: z.string(),
  issuedDate: isoDate,
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable(),
  expiredOn: isoDate.nullable(),
  scope: z.string().nullable(),
  sector: z.string().nullable(),
  fieldCode: z.number().int().nullable(),
  fieldName: z.string().nullable(),
  gazetteSource: z.string().nullable(),
  gazetteDate: isoDate.nullable(),
  gazetteIssue: publicGazetteRef.nullable(),
  summary: z.string().nullable(),
  fullText: z.string().nullable(),
  status: z.enum(EFFECT_CODES),
  statusLabel: z.string(),
  asOf: isoDate,
  files: z.array(publicFile),
  url: z.string(),
});
export type PublicDocument = z.infer<typeof publicDocument>;

export const publicDocumentView = z.object({
  document: publicDocument,
  relations: z.array(publicRelation),
  history: z.array(publicTimelineEntry),
  diagram: z.object({ groups: z.array(publicDiagramGroup) }),
});
export type PublicDocumentView = z.infer<typeof publicDocumentView>;

export const publicSearchPage = z.object({
  items: z.array(publicDocumentSummary),
  nextCursor: z.string().nullable(),
});

const yearParam = z.coerce
  .number('Năm phải là một năm có 4 chữ số.')
  .int('Năm phải là một năm có 4 chữ số.')
  .min(1945, 'Năm phải từ 1945 đến 2100.')
  .max(2100, 'Năm phải từ 1945 đến 2100.');

const fieldCodes: number[] = LEGAL_FIELDS.map((f) => f.code);

/** The open search's query: English names, the same meaning as the page's Vietnamese ones. */
export const openSearchQuery = z.object({
  q: z.string().trim().max(200, 'Từ khóa dài quá 200 ký tự.').optional(),
  typeCode: z.enum(LEGAL_TYPE_CODES, 'Loại văn bản không có trong danh mục.').optional(),
  issuer: z.string().trim().max(80).optional().describe('Mã cơ quan ban hành (ví dụ chinh_phu)'),
  fieldCode: z.coerce
    .number('Lĩnh vực phải là một mã từ 1 đến 27.')
    .int('Lĩnh vực phải là một mã từ 1 đến 27.')
    .refine((n) => fieldCodes.includes(n), 'Lĩnh vực phải là một mã từ 1 đến 27.')
    .optional(),
  year: yearParam.optional(),
  status: z.enum(EFFECT_CODES, 'Tình trạng hiệu lực không hợp lệ.').optional(),
  cursor: z.string().max(500, 'Tham số phân trang (cursor) không hợp lệ.').optional(),
  limit: z.coerce
    .number('Số văn bản mỗi trang phải là số từ 1 đến 100.')
    .int('Số văn bản mỗi trang phải là số từ 1 đến 100.')
    .min(1, 'Số văn bản mỗi trang phải là số từ 1 đến 100.')
    .max(100, 'Số văn bản mỗi trang phải là số từ 1 đến 100.')
    .default(20),
});

export const openDocumentParams = z.object({ id: z.uuid('Mã văn bản không hợp lệ.') });

export const publicGazetteItem = z.object({
  position: z.number().int(),
  document: publicDocumentSummary.pick({
    id: true,
    numberNotation: true,
    title: true,
    typeName: true,
    issuerName: true,
    issuedDate: true,
    url: true,
  }),
});

export const publicGazetteIssue = z.object({
  year: z.number().int(),
  numberFrom: z.number().int(),
  numberTo: z.number().int(),
  label: z.string(),
  issueDate: isoDate,
  url: z.string(),
  pdfUrl: z.string().nullable(),
  pdfSize: z.number().int().nullable(),
  items: z.array(publicGazetteItem),
});
export type PublicGazetteIssue = z.infer<typeof publicGazetteIssue>;

export const openGazetteQuery = z.object({ year: yearParam.optional() });

export const openGazettePage = z.object({
  years: z.array(z.number().int()),
  issues: z.array(publicGazetteIssue),
});
