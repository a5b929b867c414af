import { sql } from 'drizzle-orm';
import { viDateOfInstant, viDateTime } from '../../../shared/calendar/vn-time.ts';
import { type Db, rows } from '../../db/client.ts';
import { onCacheChange, publishCacheChange } from '../../platform/cache-bus.ts';
import { html, type SafeHtml } from '../../platform/public-html/html.ts';
import { renderPublicPage } from '../../platform/public-html/layout.ts';
import { agencyRowsSql } from '../agencies/index.ts';
import type { AttachedFile } from './schema.ts';

/*
 * The public announcements (/cong-khai/thong-bao): announcements to the whole province marked
 * public, not withdrawn, not expired; pinned first, then newest. Server-rendered HTML (works without
 * JavaScript). Only these fields ever reach the page: title, body, dates, the sending agency's name,
 * the attachments' names and sizes. Never the audience, read receipts, or who wrote it.
 * Pages are kept in process for CACHE_MS, and forgotten by every process when a public announcement
 * changes (platform/cache-bus.ts).
 */

export const PUBLIC_PAGE_SIZE = 20;
export const PUBLIC_MAX_AGE_S = 60;
const CACHE_MS = 45_000;
const CACHE_MAX = 300;
const BASE = '/cong-khai/thong-bao';

const cache = new Map<string, { at: number; body: string }>();
const CACHE_NAME = 'portal.announcements';
// The pages of every process follow the changes of any (cache bus): one process-wide cache, one handler.
onCacheChange(CACHE_NAME, () => cache.clear());

/**
 * Call inside the transaction that publishes, changes or withdraws a public announcement: every
 * process forgets its cached public pages when it commits.
 */
export function forgetPublicAnnouncements(db: Db): Promise<void> {
  return publishCacheChange(db, CACHE_NAME);
}

/** A cached page, or renders and keeps it (null: nothing to show, not cached). */
export async function cachedPublicPage(
  key: string,
  render: () => Promise<string | null>,
): Promise<string | null> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.body;
  const body = await render();
  if (body === null) return null;
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: Date.now(), body });
  return body;
}

const publicWhere = (now: Date) =>
  sql`a.is_public AND a.audience = 'all' AND a.status = 'published'
      AND (a.expires_at IS NULL OR a.expires_at > ${now.toISOString()}::timestamptz)`;

interface PublicRow {
  id: string;
  title: string;
  body: string;
  pinned: boolean;
  published_at: Date | string;
  updated_at: Date | string;
  expires_at: Date | string | null;
  agency_name: string;
  files: AttachedFile[];
}

/** One public announcement as the page shows it, or undefined (unknown, not public, withdrawn, expired). */
export async function findPublicAnnouncement(db: Db, id: string, now: Date): Promise<PublicRow | undefined> {
  const [r] = await rows<PublicRow>(
    db,
    sql`SELECT a.id, a.title, a.body, a.pinned, a.published_at, a.updated_at, a.expires_at, ag.name AS agency_name, a.files
          FROM announcements a JOIN ${agencyRowsSql} ag ON ag.id = a.agency_id
         WHERE a.id = ${id} AND ${publicWhere(now)}`,
  );
  return r;
}

function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** The body as escaped paragraphs: blank lines separate paragraphs, single line breaks stay. */
export function paragraphs(text: string): SafeHtml[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p.split('\n').map((line, i) => (i ? html`<br>${line}` : line))}</p>`);
}

function describe(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157).trimEnd()}…` : flat;
}

/** The list page `page` (1-based), or null when that page does not exist (beyond the last). */
export async function renderPublicList(db: Db, page: number, now: Date, origin = ''): Promise<string | null> {
  const [count] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM announcements a WHERE ${publicWhere(now)}`,
  );
  const total = count?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
  if (page > pages) return null;
  const list = await rows<Omit<PublicRow, 'files'> & { file_count: number }>(
    db,
    sql`SELECT a.id, a.title, left(a.body, 400) AS body, a.pinned, a.published_at, a.updated_at, a.expires_at,
               ag.name AS agency_name, jsonb_array_length(a.files)::int AS file_count
          FROM announcements a JOIN ${agencyRowsSql} ag ON ag.id = a.agency_id
         WHERE ${publicWhere(now)}
         ORDER BY a.pinned DESC, a.published_at DESC, a.id DESC
         LIMIT ${PUBLIC_PAGE_SIZE} OFFSET ${(page - 1) * PUBLIC_PAGE_SIZE}`,
  );
  const pageUrl = (n: number) => (n === 1 ? BASE : `${BASE}?trang=${n}`);
  const body = html`<h1>Thông báo</h1>
<p class="meta">Thông báo công khai của các cơ quan, đơn vị trong tỉnh${total ? html` · ${total} thông báo` : ''}${
    pages > 1 ? html` · Trang ${page}/${pages}` : ''
  }</p>
${
  list.length === 0
    ? html`<p>Hiện chưa có thông báo công khai nào.</p>`
    : html`<ol class="announcements" style="list-style:none;margin:0;padding:0">${list.map(
        (a) => html`<li class="card">
<h2 style="font-size:18px;margin:0 0 4px"><a href="${BASE}/${a.id}">${a.title}</a></h2>
<p class="meta">${a.pinned ? html`<span class="tag">Ghim</span> ` : ''}<time datetime="${new Date(a.published_at).toISOString()}">${viDateTime(a.published_at)}</time> · ${a.agency_name}${
          a.file_count ? html` · ${a.file_count} tệp đính kèm` : ''
        }</p>
<p style="margin:0">${describe(a.body)}</p>
</li>`,
      )}</ol>`
}
${
  pages > 1
    ? html`<nav class="pager" aria-label="Phân trang">${page > 1 ? html`<a href="${pageUrl(page - 1)}" rel="prev">← Trang trước</a>` : ''}${
        page < pages ? html`<a href="${pageUrl(page + 1)}" rel="next">Trang sau →</a>` : ''
      }</nav>`
    : ''
}`;
  return renderPublicPage(
    {
      title: page > 1 ? `Thông báo – trang ${page}` : 'Thông báo',
      description: 'Thông báo công khai của Ủy ban nhân dân tỉnh và các cơ quan, đơn vị trong tỉnh.',
      path: pageUrl(page),
      body,
    },
    origin,
  );
}

/** One announcement's page, or null when it is not public (unknown, withdrawn, expired). */
export async function renderPublicDetail(db: Db, id: string, now: Date, origin = ''): Promise<string | null> {
  const a = await findPublicAnnouncement(db, id, now);
  if (!a) return null;
  const path = `${BASE}/${a.id}`;
  const edited = new Date(a.updated_at).getTime() - new Date(a.published_at).getTime() > 60_000;
  const body = html`<p class="meta"><a href="${BASE}">← Tất cả thông báo</a></p>
<article>
<h1>${a.title}</h1>
<p class="meta">${a.agency_name} · Đăng ngày <time datetime="${new Date(a.published_at).toISOString()}">${viDateTime(a.published_at)}</time>${
    edited ? html` · Cập nhật ${viDateTime(a.updated_at)}` : ''
  }${a.expires_at ? html` · Hiệu lực đến ngày ${viDateOfInstant(a.expires_at)}` : ''}</p>
${paragraphs(a.body)}
${
  a.files.length
    ? html`<h2 style="font-size:18px">Tệp đính kèm</h2><ul>${a.files.map(
        (f) =>
          html`<li><a href="${path}/tep/${f.sha256}" download="${f.fileName}">${f.fileName}</a> (${sizeLabel(f.size)})</li>`,
      )}</ul>`
    : ''
}
</article>`;
  return renderPublicPage({ title: a.title, description: describe(a.body), path, body }, origin);
}
