/**
 * The fields of a draft in the Decree 30 layout, declared once: what the officer edits (draftFields),
 * and the tags a template may use (templateData), which fill the DOCX and check an uploaded template.
 */
import { z } from 'zod';
import {
  bodyParagraphs,
  COMPETENCES,
  competenceLines,
  dateParts,
  KINH_GUI_TYPES,
  kinhGui,
  noiNhan,
  typeTitle,
} from './rules.ts';
import { upperVi } from './text.ts';

const line = (max: number) => z.string().trim().max(max, `Tối đa ${max} ký tự`);

/** What the officer fills (the page's form); the number and the day/month come from the numbering. */
export const draftFields = z.object({
  parentName: line(200).default(''),
  issuerName: line(200).min(1, 'Nhập tên cơ quan ban hành'),
  notation: line(60).min(1, 'Nhập ký hiệu văn bản'),
  place: line(100).min(1, 'Nhập địa danh'),
  year: z.number().int().min(2000).max(2100),
  /** The number and date once numbered (null: blanks the clerk's numbering stamps). */
  number: line(20).nullable().default(null),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày không hợp lệ')
    .nullable()
    .default(null),
  summary: line(500).min(1, 'Nhập trích yếu nội dung'),
  /** "Kính gửi" (công văn, tờ trình, báo cáo). */
  kinhGui: z.array(line(300).min(1)).max(50).default([]),
  /** Other recipients under "Nơi nhận" (after "Như trên"). */
  noiNhan: z.array(line(300).min(1)).max(50).default([]),
  /** "Lưu: VT, VP" */
  archive: line(100).default('Lưu: VT'),
  competence: z.enum(COMPETENCES, 'Thẩm quyền ký không hợp lệ').default(''),
  /** The collective body or the head's position after the competence ("Ủy ban nhân dân", "Chủ tịch"). */
  authority: line(200).default(''),
  position: line(200).min(1, 'Nhập chức vụ người ký'),
  signerName: line(200).min(1, 'Nhập họ tên người ký'),
});
export type DraftFields = z.infer<typeof draftFields>;

const loop = <T extends z.ZodRawShape>(shape: T) => z.array(z.object(shape));

/** Every tag a template may use, with its loops' inner tags. */
export const templateData = z.object({
  parentName: z.string(),
  issuerName: z.string(),
  number: z.string(),
  notation: z.string(),
  place: z.string(),
  day: z.string(),
  month: z.string(),
  year: z.string(),
  typeTitle: z.string(),
  summary: z.string(),
  kinhGuiInline: z.string(),
  kinhGui: loop({ line: z.string() }),
  paragraphs: loop({ text: z.string() }),
  competenceLine: z.string(),
  positionLine: z.string(),
  signerName: z.string(),
  noiNhan: loop({ line: z.string() }),
});
export type TemplateData = z.infer<typeof templateData>;

/** Tag names a template may use (top level and inside loops). */
export const KNOWN_TAGS: ReadonlySet<string> = new Set(
  Object.entries(templateData.shape).flatMap(([k, v]) =>
    v instanceof z.ZodArray ? [k, ...Object.keys((v.element as z.ZodObject).shape)] : [k],
  ),
);

/** The data a template is filled with, from the draft's fields, type and body. */
export function templateDataOf(typeCode: string, f: DraftFields, body: string): TemplateData {
  const withKinhGui = KINH_GUI_TYPES.has(typeCode);
  const kg = withKinhGui ? kinhGui(f.kinhGui) : { inline: '', lines: [] };
  const d = dateParts(f.date, f.year);
  const sig = competenceLines(f);
  return templateData.parse({
    parentName: upperVi(f.parentName),
    issuerName: upperVi(f.issuerName),
    number: f.number ?? '      ',
    notation: f.notation,
    place: f.place,
    day: d.day,
    month: d.month,
    year: d.year,
    typeTitle: typeTitle(typeCode),
    summary: f.summary,
    kinhGuiInline: kg.inline,
    kinhGui: kg.lines.map((l) => ({ line: l })),
    paragraphs: bodyParagraphs(body).map((text) => ({ text })),
    competenceLine: sig.competenceLine,
    positionLine: sig.positionLine,
    signerName: f.signerName,
    noiNhan: noiNhan({
      kinhGui: withKinhGui && f.kinhGui.length > 0,
      others: withKinhGui ? f.noiNhan : [...f.kinhGui, ...f.noiNhan],
      archive: f.archive,
    }).map((l) => ({ line: l })),
  });
}
