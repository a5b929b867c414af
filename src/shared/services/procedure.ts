import { z } from 'zod';
import { formSchemaSchema } from './form.ts';

/*
 * What a procedure (thủ tục hành chính) says: the content of one version, as the national database
 * publishes it (public-services.md). Kept as JSON in `service_procedure_versions.content`, checked by
 * this schema on import, on edit and when read back.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

/** A step of the procedure (trình tự thực hiện), with its time budget in working days. */
export const procedureStepSchema = z.object({
  name: text(300),
  /** desk (tiếp nhận) | handle (xử lý) | approve (lãnh đạo duyệt) | return (trả kết quả) */
  kind: z.enum(['desk', 'handle', 'approve', 'return']).default('handle'),
  /** Working days; a fraction such as 0.5 is half a day. */
  budgetDays: z.number().positive().max(365),
  /** Who usually does it (a division's name), a hint for the desk when it hands the step over. */
  performer: z.string().trim().max(200).optional(),
});

/** A required paper (thành phần hồ sơ) with the counts of originals and copies, and a blank form. */
export const procedurePaperSchema = z.object({
  /** Stable within the procedure: papers of a dossier and supplement requests refer to it. */
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,40}$/, 'Mã giấy tờ chỉ gồm chữ thường không dấu, số, "-" và "_".'),
  name: text(500),
  originals: z.number().int().min(0).max(20).default(1),
  copies: z.number().int().min(0).max(20).default(0),
  required: z.boolean().default(true),
  /** Blank form to download (a blob already stored: its SHA-256 and a file name). */
  template: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: text(200) }).optional(),
  /** Allowed file kinds for the upload (media types); PDF and images when not given. */
  accept: z.array(z.string().max(100)).max(10).optional(),
});

export const procedureFeeSchema = z.object({
  name: text(300),
  /** In đồng; 0 = free. */
  amount: z.number().int().min(0).max(1_000_000_000),
  note: z.string().trim().max(500).optional(),
});

/** A legal basis: its citation, and the legal documents base record when it is there. */
export const legalBasisSchema = z.object({
  citation: text(500),
  legalDocumentId: z.uuid().optional(),
});

export const procedureContentSchema = z.object({
  code: text(60),
  name: text(1000),
  field: text(300),
  level: z.enum(['province', 'district', 'commune']),
  onlineLevel: z.enum(['none', 'partial', 'full']),
  /** Implementing agencies, by agency code (mã định danh) as in the agencies tree. */
  agencyCodes: z.array(text(60)).min(1).max(500),
  steps: z.array(procedureStepSchema).min(1).max(30),
  papers: z.array(procedurePaperSchema).max(50),
  processingDays: z.number().int().min(0).max(365),
  fees: z.array(procedureFeeSchema).max(20).default([]),
  /** Đối tượng thực hiện. */
  applicants: z.string().trim().max(1000).default('Công dân Việt Nam, tổ chức'),
  /** Kết quả thực hiện. */
  result: text(1000),
  /** Cách thức thực hiện (how to submit), as free text. */
  ways: z.string().trim().max(2000).default(''),
  conditions: z.string().trim().max(4000).default(''),
  legalBases: z.array(legalBasisSchema).max(50).default([]),
  /** The application form the applicant fills online or the desk fills for a walk-in. */
  form: formSchemaSchema,
});

export type ProcedureContent = z.infer<typeof procedureContentSchema>;
export type ProcedureStep = z.infer<typeof procedureStepSchema>;
export type ProcedurePaper = z.infer<typeof procedurePaperSchema>;
export type ProcedureFee = z.infer<typeof procedureFeeSchema>;
