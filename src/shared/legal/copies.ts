/**
 * Copies (sao y, sao lục, trích sao) an agency makes of a legal document or of a document of the
 * documents module and sends to agencies (Decree 30/2020, Art. 25; Appendix I, Part II): the API's
 * schemas, shared by the server and the web app.
 */
import { z } from 'zod';
import { COPY_KINDS } from '../documents/decree30.ts';

export const COPY_FORMS = ['sao_y', 'sao_luc', 'trich_sao'] as const;
export type CopyForm = (typeof COPY_FORMS)[number];

const kind = (code: CopyForm) => COPY_KINDS.find((k) => k.code === code)!;

/**
 * How each form is printed on the copy ("SAO LỤC"), its name and abbreviation (Appendix III's,
 * COPY_KINDS, also the copy's document type code in the documents module).
 */
export const COPY_FORM_INFO: Record<CopyForm, { stamp: string; name: string; abbr: string }> = {
  sao_y: { stamp: 'SAO Y', name: kind('sao_y').name, abbr: kind('sao_y').abbr },
  sao_luc: { stamp: 'SAO LỤC', name: kind('sao_luc').name, abbr: kind('sao_luc').abbr },
  trich_sao: { stamp: 'TRÍCH SAO', name: kind('trich_sao').name, abbr: kind('trich_sao').abbr },
};

/** Groups of recipients, by agency kind (agencies' kinds). */
export const COPY_GROUPS = ['all_departments', 'all_districts', 'all_communes'] as const;
export type CopyGroup = (typeof COPY_GROUPS)[number];
export const COPY_GROUP_KIND: Record<CopyGroup, 'department' | 'district' | 'commune'> = {
  all_departments: 'department',
  all_districts: 'district',
  all_communes: 'commune',
};

export const TRICH_SAO_NEEDS_EXCERPT =
  'Bản trích sao cần nội dung phần được trích (Nghị định 30/2020/NĐ-CP, Điều 25 khoản 3): hãy nhập phần trích.';
export const NO_RECIPIENTS = 'Chọn ít nhất một cơ quan hoặc một nhóm nơi nhận bản sao.';

export const copyInput = z
  .object({
    /** Exactly one source: a legal document, or a document of the documents module. */
    legalDocumentId: z.uuid('Mã văn bản không hợp lệ').optional(),
    documentId: z.uuid('Mã văn bản không hợp lệ').optional(),
    form: z.enum(COPY_FORMS, 'Hình thức sao phải là sao y, sao lục hoặc trích sao.'),
    excerpt: z.string().trim().max(20_000, 'Phần trích quá dài (tối đa 20.000 ký tự).').optional(),
    agencyIds: z.array(z.uuid('Mã cơ quan nhận không hợp lệ')).max(2000).default([]),
    groups: z.array(z.enum(COPY_GROUPS, 'Nhóm nơi nhận không hợp lệ')).max(3).default([]),
  })
  .superRefine((v, ctx) => {
    if (!v.legalDocumentId === !v.documentId)
      ctx.addIssue({
        code: 'custom',
        path: ['legalDocumentId'],
        message: 'Chọn đúng một văn bản để sao: văn bản QPPL hoặc văn bản trong hệ thống.',
      });
    if (v.form === 'trich_sao' && !v.excerpt)
      ctx.addIssue({ code: 'custom', path: ['excerpt'], message: TRICH_SAO_NEEDS_EXCERPT });
    if (v.agencyIds.length === 0 && v.groups.length === 0)
      ctx.addIssue({ code: 'custom', path: ['agencyIds'], message: NO_RECIPIENTS });
  });
export type CopyInput = z.input<typeof copyInput>;

export const copyRecipientView = z.object({
  agencyId: z.string().nullable(),
  name: z.string(),
  /** The delivery's status: delivered (waiting for the clerk), registered, assigned, done, refused … */
  status: z.string(),
  arrivalNumber: z.number().nullable(),
  registeredAt: z.string().nullable(),
  registeredBy: z.string().nullable(),
});
export type CopyRecipientView = z.infer<typeof copyRecipientView>;

export const copyView = z.object({
  id: z.string(),
  year: z.number(),
  number: z.number(),
  numberNotation: z.string(),
  form: z.enum(COPY_FORMS),
  formName: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  agencyName: z.string(),
  source: z.object({
    kind: z.enum(['legal', 'document']),
    id: z.string(),
    numberNotation: z.string().nullable(),
    title: z.string(),
  }),
  excerpt: z.string().nullable(),
  groups: z.array(z.enum(COPY_GROUPS)),
  /** Signed with the agency's key (signatures module); false: made with the text stamped, unsigned. */
  signed: z.boolean(),
  outgoingDocumentId: z.string().nullable(),
  recipients: z.array(copyRecipientView),
  registered: z.number(),
  total: z.number(),
});
export type CopyView = z.infer<typeof copyView>;

export const copyList = z.object({ items: z.array(copyView), nextCursor: z.string().optional() });
export type CopyList = z.infer<typeof copyList>;

export const copyListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
