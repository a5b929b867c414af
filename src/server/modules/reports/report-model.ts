import { vnDate } from '../../../shared/calendar/index.ts';
import {
  type ConsolidatedView,
  type RowValue,
  SUBMISSION_STATUS_LABELS,
  type SubmissionView,
} from '../../../shared/reports/periodic.ts';
import type { Ctx } from '../../platform/context.ts';
import { type AgencyRow, findAgency } from '../agencies/index.ts';
import { activePositions, firstAgencyHolder, personNames } from '../people/index.ts';
import { consolidate } from './consolidate.ts';
import { findCycle } from './cycles.ts';
import { itAgencyId } from './measures.ts';
import type { ReportDocument, ReportDocumentSection } from './report-document.ts';
import { getSubmission } from './submissions.ts';

/*
 * The periodic reports as administrative documents (Decree 30/2020): an agency's submission, or the
 * province's consolidated report, as the ReportDocument that report-docx.ts renders to DOCX and PDF.
 * Numbers are written the Vietnamese way ("1.234", "87,5%").
 */

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const shareFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** A row's value as printed: a count "1.234", a share "87,5%", a typed number "120,5", none "–". */
export function formatRowValue(v: Pick<RowValue, 'value' | 'd'> | undefined, share: boolean): string {
  if (v?.value === null || v?.value === undefined) return '–';
  return share ? `${shareFormat.format(v.value)}%` : numberFormat.format(v.value);
}

const UNIT_PREFIX = /^(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+/iu;
const PLACE_PREFIX = /^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+/iu;

/** The place name (địa danh) of the date line: the district or province at or above the agency. */
async function placeOf(ctx: Ctx, agency: AgencyRow): Promise<string> {
  let a: AgencyRow | undefined = agency;
  let last = agency;
  for (let i = 0; a && i < 10; i++) {
    if (a.kind === 'district' || a.kind === 'province') break;
    last = a;
    a = a.parentId ? await findAgency(ctx.db, a.parentId) : undefined;
  }
  const name = (a ?? last).name;
  return name.replace(UNIT_PREFIX, '').replace(PLACE_PREFIX, '').trim() || agency.name;
}

/** The issuer lines: the agency, and above it the body it belongs to (none for a People's Committee). */
async function issuerOf(ctx: Ctx, agency: AgencyRow) {
  const committee = ['province', 'district', 'commune'].includes(agency.kind);
  const parent = !committee && agency.parentId ? await findAgency(ctx.db, agency.parentId) : undefined;
  return { name: agency.name, parentName: parent?.name ?? null };
}

/** The signature block: the agency's leader, with his title (upper case) and name. */
async function signerOf(ctx: Ctx, agency: AgencyRow) {
  const leader = await firstAgencyHolder(ctx.db, agency.id, 'agency_leader');
  if (!leader) return { position: 'THỦ TRƯỞNG CƠ QUAN', name: null };
  const title = (await activePositions(ctx.db, [leader]))
    .find((p) => p.agencyId === agency.id)
    ?.title?.trim();
  const name = (await personNames(ctx.db, [leader])).get(leader) ?? null;
  return { position: (title || 'Thủ trưởng cơ quan').toLocaleUpperCase('vi'), name };
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
const subjectOf = (title: string, label: string) => `${title} ${lowerFirst(label)}`;
const suffixOf = (agency: AgencyRow) => `BC-${agency.shortName.replace(/\s+/g, '')}`;

/** An agency's submission as its report (the measured rows as shown: fresh while drafted, frozen once sent). */
export async function submissionDocument(ctx: Ctx, id: string): Promise<ReportDocument> {
  const v: SubmissionView = await getSubmission(ctx, id);
  const agency = await findAgency(ctx.db, v.agencyId);
  if (!agency) throw new Error(`agency ${v.agencyId} of submission ${id} not found`);
  const found = await findCycle(ctx.db, v.cycle.id);
  const it = await itAgencyId(ctx.db);
  const itAgency = it ? await findAgency(ctx.db, it) : undefined;
  const sections: ReportDocumentSection[] = v.sections.map((s) => {
    const value = v.values[s.key];
    if (s.kind === 'text') {
      const text = typeof value === 'string' ? value.trim() : '';
      return { kind: 'text', title: s.title, paragraphs: text ? [{ text }] : [] };
    }
    const table = value && typeof value === 'object' ? value : {};
    return {
      kind: 'table',
      title: s.title,
      rows: s.rows.map((r) => ({
        label: r.label,
        ...(r.unit ? { unit: r.unit } : {}),
        value: formatRowValue(table[r.key], table[r.key]?.d !== undefined && table[r.key]?.d !== null),
      })),
    };
  });
  return {
    issuer: await issuerOf(ctx, agency),
    numberSuffix: suffixOf(agency),
    place: await placeOf(ctx, agency),
    date: v.submittedAt ? vnDate(v.submittedAt) : vnDate(ctx.now()),
    subject: subjectOf(found?.t.title ?? v.cycle.templateName, v.cycle.label),
    sections,
    recipients: [...(itAgency ? [`${itAgency.name} (để tổng hợp)`] : []), 'Lưu: VT'],
    signer: await signerOf(ctx, agency),
  };
}

/** The province's consolidated report, issued by the IT department; the agencies not counted are listed. */
export async function consolidatedDocument(ctx: Ctx, cycleId: string): Promise<ReportDocument> {
  const v: ConsolidatedView = await consolidate(ctx, cycleId);
  const found = await findCycle(ctx.db, cycleId);
  const it = await itAgencyId(ctx.db);
  const issuer = it ? await findAgency(ctx.db, it) : undefined;
  let root: AgencyRow | undefined = issuer;
  for (let i = 0; root?.parentId && i < 10; i++) root = await findAgency(ctx.db, root.parentId);
  const sections: ReportDocumentSection[] = v.sections.map((s) =>
    s.kind === 'text'
      ? {
          kind: 'text',
          title: s.title,
          paragraphs: s.parts.length
            ? s.parts.map((p) => ({ heading: p.agencyName, text: p.text }))
            : [{ text: 'Các đơn vị không nêu nội dung này.' }],
        }
      : {
          kind: 'table',
          title: s.title,
          rows: s.rows.map((r) => ({
            label: r.label,
            ...(r.unit ? { unit: r.unit } : {}),
            value: formatRowValue(r, r.d !== undefined && r.d !== null),
          })),
        },
  );
  return {
    issuer: issuer
      ? await issuerOf(ctx, issuer)
      : { name: 'Cơ quan chuyên trách công nghệ thông tin', parentName: null },
    numberSuffix: issuer ? suffixOf(issuer) : 'BC',
    place: issuer ? await placeOf(ctx, issuer) : '',
    date: vnDate(ctx.now()),
    subject: subjectOf(found?.t.title ?? v.cycle.templateName, v.cycle.label),
    sections,
    missing: v.missing.map((m) => ({ agencyName: m.agencyName, status: SUBMISSION_STATUS_LABELS[m.status] })),
    recipients: [
      ...(root && root.id !== issuer?.id ? [`${root.name} (để báo cáo)`] : []),
      'Các cơ quan, đơn vị trong tỉnh',
      'Lưu: VT',
    ],
    signer: issuer ? await signerOf(ctx, issuer) : { position: 'THỦ TRƯỞNG CƠ QUAN', name: null },
  };
}
