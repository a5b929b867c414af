import { sql } from 'drizzle-orm';
import { legalType } from '../../../../shared/legal/catalogue.ts';
import { gazetteIssueLabel } from '../../../../shared/legal/gazette-api.ts';
import { type Db, rows } from '../../../db/client.ts';
import { html } from '../../../platform/public-html/html.ts';
import { renderPublicPage } from '../../../platform/public-html/layout.ts';
import { docUrl, GAZETTE_PATH, gazetteUrl, isoDay } from './presenter.ts';
import type { PublicGazetteIssue } from './schemas.ts';
import { LEGAL_STYLE, sizeLabel, viDay } from './style.ts';

/*
 * The public gazette (/cong-khai/cong-bao): published issues only, read straight from the gazette
 * tables. Only the issue's number, date and PDF and its documents' public fields leave this file —
 * never drafts, items' workflow states, submitters, reception dates or return reasons (the SELECTs
 * below do not read them).
 */

/** "Số 1271", "Số 1271 + 1272", "Số 1271 đến 1276": the numbering printed on the cover. */
export const issueLabel = gazetteIssueLabel;

interface IssueRow {
  id: string;
  year: number;
  number_from: number;
  number_to: number;
  issue_date: string | Date;
  pdf_sha256: string | null;
  pdf_size: number | null;
}

interface ItemRow {
  issue_id: string;
  position: number | null;
  id: string;
  number_notation: string;
  title: string;
  type_code: string;
  issuer_name: string;
  issued_date: string | Date;
}

const pdfUrl = (r: IssueRow) => (r.pdf_sha256 ? `${gazetteUrl(r.year, r.number_from)}/pdf` : null);

function present(r: IssueRow, items: ItemRow[]): PublicGazetteIssue {
  return {
    year: r.year,
    numberFrom: r.number_from,
    numberTo: r.number_to,
    label: issueLabel(r.number_from, r.number_to),
    issueDate: isoDay(r.issue_date)!,
    url: gazetteUrl(r.year, r.number_from),
    pdfUrl: pdfUrl(r),
    pdfSize: r.pdf_size === null ? null : Number(r.pdf_size),
    items: items
      .filter((i) => i.issue_id === r.id)
      .map((i, k) => ({
        position: i.position ?? k + 1,
        document: {
          id: i.id,
          numberNotation: i.number_notation,
          title: i.title,
          typeName: legalType(i.type_code)?.name ?? i.type_code,
          issuerName: i.issuer_name,
          issuedDate: isoDay(i.issued_date)!,
          url: docUrl(i.id),
        },
      })),
  };
}

const ISSUE_COLUMNS = sql`g.id, g.year, g.number_from, g.number_to, g.issue_date::text AS issue_date, g.pdf_sha256, g.pdf_size`;

async function itemsOf(db: Db, ids: string[]): Promise<ItemRow[]> {
  if (!ids.length) return [];
  return rows<ItemRow>(
    db,
    sql`SELECT i.issue_id, i.position, d.id, d.number_notation, d.title, d.type_code, s.name AS issuer_name,
               d.issued_date::text AS issued_date
          FROM gazette_items i
          JOIN legal_documents d ON d.id = i.legal_document_id
          JOIN legal_issuers s ON s.id = d.issuer_id
         WHERE i.issue_id IN (${sql.join(
           ids.map((id) => sql`${id}::uuid`),
           sql`, `,
         )}) AND i.state = 'published'
         ORDER BY i.issue_id, i.position NULLS LAST, i.created_at`,
  );
}

/** The years that have a published issue, newest first. */
export async function gazetteYears(db: Db): Promise<number[]> {
  const r = await rows<{ year: number }>(
    db,
    sql`SELECT DISTINCT year FROM gazette_issues WHERE state = 'published' ORDER BY year DESC`,
  );
  return r.map((x) => Number(x.year));
}

/** The published issues of a year, newest number first, each with its contents. */
export async function gazetteIssuesOf(db: Db, year: number): Promise<PublicGazetteIssue[]> {
  const issues = await rows<IssueRow>(
    db,
    sql`SELECT ${ISSUE_COLUMNS} FROM gazette_issues g
         WHERE g.state = 'published' AND g.year = ${year}
         ORDER BY g.number_from DESC`,
  );
  const items = await itemsOf(
    db,
    issues.map((i) => i.id),
  );
  return issues.map((i) => present(i, items));
}

/** A published issue by its year and any number it carries, with the PDF's hash (for the download). */
export async function gazetteIssue(
  db: Db,
  year: number,
  number: number,
): Promise<{ issue: PublicGazetteIssue; pdfSha256: string | null } | null> {
  const [r] = await rows<IssueRow>(
    db,
    sql`SELECT ${ISSUE_COLUMNS} FROM gazette_issues g
         WHERE g.state = 'published' AND g.year = ${year}
           AND ${number} BETWEEN g.number_from AND g.number_to
         LIMIT 1`,
  );
  if (!r) return null;
  return { issue: present(r, await itemsOf(db, [r.id])), pdfSha256: r.pdf_sha256 };
}

export function renderGazetteList(
  origin: string,
  years: number[],
  year: number | null,
  issues: PublicGazetteIssue[],
): string {
  const path = year && year !== years[0] ? `${GAZETTE_PATH}?nam=${year}` : GAZETTE_PATH;
  const body = html`${LEGAL_STYLE}<h1>Công báo tỉnh</h1>
<p class="meta">Các số Công báo điện tử đã phát hành: văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân và Chủ tịch Ủy ban nhân dân tỉnh. Bản điện tử có giá trị như bản in.</p>
${
  years.length > 1
    ? html`<nav class="pager" aria-label="Chọn năm">${years.map(
        (y) =>
          html`<a href="${y === years[0] ? GAZETTE_PATH : `${GAZETTE_PATH}?nam=${y}`}"${y === year ? html` aria-current="page"` : ''}>Năm ${y}</a>`,
      )}</nav>`
    : ''
}
${
  issues.length === 0
    ? html`<p class="card">Chưa có số Công báo nào được phát hành${year ? ` trong năm ${year}` : ''}.</p>`
    : html`<h2 style="font-size:18px">Năm ${year}</h2><table class="stack"><thead><tr><th scope="col">Số</th><th scope="col">Ngày phát hành</th><th scope="col">Văn bản</th><th scope="col">Bản PDF</th></tr></thead><tbody>${issues.map(
        (i) => html`<tr>
<td data-label="Số"><a href="${i.url}">${i.label}</a></td>
<td data-label="Ngày phát hành">${viDay(i.issueDate)}</td>
<td data-label="Văn bản">${i.items.length ? html`<ul style="margin:0;padding-left:18px">${i.items.map((x) => html`<li><a href="${x.document.url}">${x.document.numberNotation}</a></li>`)}</ul>` : ''}</td>
<td data-label="Bản PDF">${i.pdfUrl ? html`<a href="${i.pdfUrl}">Tải PDF<span class="skip"> Công báo ${i.label}</span></a>` : ''}</td>
</tr>`,
      )}</tbody></table>`
}`;
  return renderPublicPage(
    {
      title: year ? `Công báo năm ${year}` : 'Công báo',
      description: `Các số Công báo điện tử của tỉnh đã phát hành${year ? ` năm ${year}` : ''}, kèm danh mục văn bản và bản PDF.`,
      path,
      body,
    },
    origin,
  );
}

export function renderGazetteIssue(origin: string, i: PublicGazetteIssue): string {
  const body = html`${LEGAL_STYLE}<p class="meta"><a href="${i.year ? `${GAZETTE_PATH}?nam=${i.year}` : GAZETTE_PATH}">← Công báo năm ${i.year}</a></p>
<h1>Công báo ${i.label}, năm ${i.year}</h1>
<p class="meta">Phát hành ngày ${viDay(i.issueDate)}${i.pdfUrl ? html` · <a href="${i.pdfUrl}">Tải bản PDF${i.pdfSize ? ` (${sizeLabel(i.pdfSize)})` : ''}</a>` : ''}</p>
<h2 style="font-size:18px">Mục lục</h2>
${
  i.items.length
    ? html`<table class="stack"><thead><tr><th scope="col">STT</th><th scope="col">Văn bản</th><th scope="col">Cơ quan ban hành</th><th scope="col">Ngày ban hành</th></tr></thead><tbody>${i.items.map(
        (x, k) => html`<tr>
<td data-label="STT">${k + 1}</td>
<td data-label="Văn bản"><a href="${x.document.url}">${x.document.typeName} ${x.document.numberNotation}</a><br>${x.document.title}</td>
<td data-label="Cơ quan ban hành">${x.document.issuerName}</td>
<td data-label="Ngày ban hành">${viDay(x.document.issuedDate)}</td>
</tr>`,
      )}</tbody></table>`
    : html`<p class="card">Số này không có văn bản.</p>`
}`;
  return renderPublicPage(
    {
      title: `Công báo ${i.label} năm ${i.year}`,
      description: `Công báo ${i.label}, năm ${i.year}, phát hành ngày ${viDay(i.issueDate)}: ${i.items.length} văn bản.`,
      path: i.url,
      body,
    },
    origin,
  );
}
