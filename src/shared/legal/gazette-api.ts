import { z } from 'zod';

/*
 * The official gazette's API (công báo), shared by the server (src/server/modules/legal/gazette) and
 * the web (src/web/features/legal/gazette). Dates are 'YYYY-MM-DD' strings. Deadlines: the issuing
 * agency sends a document within 3 days of signing, the gazette publishes it within 7 days of receipt
 * (Law 80/2015 Art. 150; ../shared/domain/legal-docs.md §3).
 */

/** Days allowed between signing (the issue date) and submission. */
export const SUBMIT_WITHIN_DAYS = 3;
/** Days allowed between receipt by the gazette office and publication. */
export const PUBLISH_WITHIN_DAYS = 7;

export const GAZETTE_ITEM_STATES = ['submitted', 'accepted', 'placed', 'published', 'returned'] as const;
export type GazetteItemState = (typeof GAZETTE_ITEM_STATES)[number];
export const GAZETTE_ISSUE_STATES = ['draft', 'published'] as const;
export type GazetteIssueState = (typeof GAZETTE_ISSUE_STATES)[number];

/** "Số 1271", "Số 1271 + 1272", "Số 1271 đến 1276": the issue's number as printed. */
export function gazetteIssueLabel(numberFrom: number, numberTo: number): string {
  if (numberTo <= numberFrom) return `Số ${numberFrom}`;
  if (numberTo === numberFrom + 1) return `Số ${numberFrom} + ${numberTo}`;
  return `Số ${numberFrom} đến ${numberTo}`;
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const isoDate = (what: string) => z.iso.date(`${what} không hợp lệ (yyyy-mm-dd).`);
const issueNumber = (what: string) =>
  z
    .number({ error: `${what} phải là một số nguyên dương.` })
    .int(`${what} phải là một số nguyên dương.`)
    .min(1, `${what} phải từ 1 trở lên.`)
    .max(99_999, `${what} không được quá 99999.`);

export const gazetteSettingsInput = z.object({
  officeAgencyId: z.uuid('Mã cơ quan công báo không hợp lệ.'),
  title: z
    .string({ error: 'Thiếu tên công báo.' })
    .trim()
    .min(3, 'Tên công báo phải có ít nhất 3 ký tự, ví dụ "CÔNG BÁO TỈNH VĨNH LONG".')
    .max(200, 'Tên công báo dài quá 200 ký tự.'),
});
export type GazetteSettingsInput = z.infer<typeof gazetteSettingsInput>;

export const gazetteSettingsView = z.object({
  configured: z.boolean(),
  officeAgencyId: z.uuid().nullable(),
  officeName: z.string().nullable(),
  title: z.string().nullable(),
  /** The actor works at the gazette office and may edit the gazette. */
  isEditor: z.boolean(),
});
export type GazetteSettingsView = z.infer<typeof gazetteSettingsView>;

export const submitInput = z.object({
  legalDocumentId: z.uuid('Mã văn bản không hợp lệ.'),
});
export type SubmitInput = z.infer<typeof submitInput>;

export const returnInput = z.object({
  reason: z
    .string({ error: 'Hãy ghi lý do trả lại.' })
    .trim()
    .min(5, 'Lý do trả lại phải có ít nhất 5 ký tự.')
    .max(2000, 'Lý do trả lại dài quá 2000 ký tự.'),
});
export type ReturnInput = z.infer<typeof returnInput>;

/** A new draft issue: its number (or range, "Số 1271 + 1272") in the year, and its date. */
export const issueInput = z
  .object({
    year: z
      .number({ error: 'Năm phải là một số.' })
      .int('Năm phải là số nguyên.')
      .min(2000, 'Năm phải từ 2000 trở đi.')
      .max(2100, 'Năm không được sau 2100.'),
    numberFrom: issueNumber('Số công báo'),
    /** The last number of a combined issue; the same as numberFrom when absent. */
    numberTo: issueNumber('Số cuối của số ghép').optional(),
    issueDate: isoDate('Ngày phát hành'),
  })
  .refine((x) => x.numberTo === undefined || x.numberTo >= x.numberFrom, {
    message: 'Số cuối của số ghép không được nhỏ hơn số đầu.',
    path: ['numberTo'],
  })
  .refine((x) => x.issueDate.slice(0, 4) === String(x.year), {
    message: 'Ngày phát hành phải thuộc năm của số công báo.',
    path: ['issueDate'],
  });
export type IssueInput = z.infer<typeof issueInput>;

export const placeInput = z.object({
  itemId: z.uuid('Mã văn bản gửi đăng không hợp lệ.'),
  /** 1-based; at the end when absent. */
  position: z
    .number()
    .int('Vị trí phải là số nguyên.')
    .min(1, 'Vị trí phải từ 1 trở lên.')
    .max(1000, 'Vị trí không được quá 1000.')
    .optional(),
});
export type PlaceInput = z.infer<typeof placeInput>;

export const reorderInput = z.object({
  itemIds: z
    .array(z.uuid('Mã văn bản gửi đăng không hợp lệ.'))
    .min(1, 'Danh sách sắp xếp trống.')
    .max(1000, 'Danh sách sắp xếp quá dài.'),
});
export type ReorderInput = z.infer<typeof reorderInput>;

export const gazetteItemView = z.object({
  id: z.uuid(),
  legalDocumentId: z.uuid(),
  numberNotation: z.string(),
  title: z.string(),
  typeName: z.string(),
  issuedDate: z.string(),
  submittedByAgencyId: z.uuid(),
  submittedByAgencyName: z.string(),
  submittedAt: z.string(),
  /** The submission date in Vietnam. */
  submittedOn: z.string(),
  state: z.enum(GAZETTE_ITEM_STATES),
  receivedAt: z.string().nullable(),
  /** Publish by this date (receipt + 7 days), once received. */
  publishBy: z.string().nullable(),
  issueId: z.uuid().nullable(),
  issueLabel: z.string().nullable(),
  position: z.number().nullable(),
  returnReason: z.string().nullable(),
  /** Submitted more than 3 days after signing. */
  lateSubmission: z.boolean(),
  /** Not published within 7 days of receipt (still waiting past the date, or published after it). */
  latePublication: z.boolean(),
});
export type GazetteItemView = z.infer<typeof gazetteItemView>;

export const gazetteIssueSummary = z.object({
  id: z.uuid(),
  year: z.number(),
  numberFrom: z.number(),
  numberTo: z.number(),
  label: z.string(),
  issueDate: z.string(),
  state: z.enum(GAZETTE_ISSUE_STATES),
  itemCount: z.number(),
  publishedAt: z.string().nullable(),
});
export type GazetteIssueSummary = z.infer<typeof gazetteIssueSummary>;

export const gazetteIssueView = gazetteIssueSummary.extend({
  items: z.array(gazetteItemView),
  pdfSize: z.number().nullable(),
  canEdit: z.boolean(),
});
export type GazetteIssueView = z.infer<typeof gazetteIssueView>;

/** The gazette screen in one answer. */
export const gazetteOverview = z.object({
  settings: gazetteSettingsView,
  /** Editors: submitted, waiting to be accepted or returned. */
  waiting: z.array(gazetteItemView),
  /** Editors: accepted, not yet placed in an issue. */
  accepted: z.array(gazetteItemView),
  /** Editors: items late by either rule and not returned (this year and anything still open). */
  late: z.array(gazetteItemView),
  /** What the actor's agency submitted (the newest 50). */
  mine: z.array(gazetteItemView),
  /** Issues of the year, newest first. */
  issues: z.array(gazetteIssueSummary),
  year: z.number(),
});
export type GazetteOverview = z.infer<typeof gazetteOverview>;

export const issuesQuery = z.object({
  year: z.coerce.number().int().min(2000, 'Năm phải từ 2000 trở đi.').max(2100).optional(),
});

/** Where one legal document stands with the gazette (for the "Gửi đăng Công báo" button). */
export const documentGazetteView = z.object({
  item: gazetteItemView.nullable(),
  canSubmit: z.boolean(),
  /** Why it cannot be submitted, in Vietnamese (null when it can). */
  reason: z.string().nullable(),
});
export type DocumentGazetteView = z.infer<typeof documentGazetteView>;
