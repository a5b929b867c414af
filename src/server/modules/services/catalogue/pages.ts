import type { ProcedureList, ProcedurePublic, ProcedureSummary } from '../../../../shared/services/api.ts';
import { ONLINE_LEVELS, PROCEDURE_LEVELS } from '../../../../shared/services/statuses.ts';
import { html, raw, type SafeHtml } from '../../../platform/public-html/html.ts';
import { renderPublicPage } from '../../../platform/public-html/layout.ts';

/*
 * The public catalogue of administrative procedures (/cong-khai/thu-tuc): the search page and each
 * procedure's page with the national database's headings. Works without JavaScript; from the open
 * data's shapes only (nothing internal is in them).
 */

export const CATALOGUE_PATH = '/cong-khai/thu-tuc';

export interface CatalogueForm {
  q: string;
  linhVuc: string;
  cap: string;
  mucDo: string;
  sau: string;
}

const STYLE = raw(`<style>
form.search{display:grid;gap:8px;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:12px;margin:0 0 12px}
form.search .wide{grid-column:1/-1}
form.search label{display:block;font-weight:600;font-size:14px}
form.search input,form.search select{width:100%;font:inherit;padding:6px 8px;border:1px solid #8c8c8c;border-radius:4px;background:#fff}
form.search button,a.button{display:inline-block;font:inherit;padding:8px 16px;background:#0b4f9c;color:#fff;border:0;border-radius:4px;cursor:pointer;text-decoration:none}
.errors{background:#fff1f0;border:1px solid #a8071a;color:#5c0011;border-radius:8px;padding:8px 16px;margin:0 0 12px}
ol.results{list-style:none;margin:0;padding:0}
.results h2{font-size:17px;margin:0 0 4px}
.lv{display:inline-block;font-size:13px;font-weight:600;padding:0 6px;border-radius:4px;white-space:nowrap}
.lv-full{background:#d9f7be;color:#135200}.lv-partial{background:#e6f4ff;color:#003a8c}.lv-none{background:#f0f0f0;color:#434343}
section.part{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:12px 16px;margin:0 0 16px}
section.part h2{font-size:19px;margin:0 0 8px}
dl.props{display:grid;grid-template-columns:minmax(140px,220px) 1fr;gap:4px 12px;margin:0}
dl.props dt{font-weight:600}dl.props dd{margin:0}
@media (max-width:600px){dl.props{grid-template-columns:1fr}dl.props dd{margin:0 0 8px}}
</style>`);

const levelLabel = (code: string) => PROCEDURE_LEVELS.find((l) => l.code === code)?.label ?? code;
const onlineLabel = (code: string) => ONLINE_LEVELS.find((l) => l.code === code)?.label ?? code;
const onlineBadge = (code: string) => html`<span class="lv lv-${code}">${onlineLabel(code)}</span>`;
const money = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;

/** "Giải quyết trong 3 ngày làm việc", or "Giải quyết trong ngày" for a procedure done the same day. */
const timeLimit = (days: number) =>
  days === 0 ? 'Giải quyết trong ngày' : `Giải quyết trong ${days} ngày làm việc`;

export const procedurePath = (code: string) => `${CATALOGUE_PATH}/${encodeURIComponent(code)}`;

/** The search form's address (the cursor of "Trang sau" when given). */
export function catalogueUrl(f: CatalogueForm, sau?: string): string {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.linhVuc) q.set('linh-vuc', f.linhVuc);
  if (f.cap) q.set('cap', f.cap);
  if (f.mucDo) q.set('muc-do', f.mucDo);
  if (sau) q.set('sau', sau);
  const s = q.toString();
  return s ? `${CATALOGUE_PATH}?${s}` : CATALOGUE_PATH;
}

/** Who implements it: the names, or "103 UBND cấp xã" for a procedure every commune does. */
export function agenciesText(p: Pick<ProcedureSummary, 'agencies' | 'level'>): string {
  if (p.agencies.length <= 3) return p.agencies.map((a) => a.name).join('; ');
  const kind = p.level === 'commune' ? 'UBND cấp xã' : p.level === 'district' ? 'UBND cấp huyện' : 'cơ quan';
  return `${p.agencies.length} ${kind}`;
}

function searchForm(f: CatalogueForm, fields: readonly string[]): SafeHtml {
  const sel = (on: boolean) => (on ? raw(' selected') : '');
  return html`<form class="search" method="get" action="${CATALOGUE_PATH}" role="search">
<div class="wide"><label for="q">Tên hoặc mã thủ tục</label>
<input id="q" name="q" type="search" value="${f.q}" maxlength="200" placeholder="Ví dụ: dang ky khai sinh, ho kinh doanh"></div>
<div><label for="linh-vuc">Lĩnh vực</label><select id="linh-vuc" name="linh-vuc"><option value="">Tất cả</option>${fields.map(
    (x) => html`<option value="${x}"${sel(f.linhVuc === x)}>${x}</option>`,
  )}</select></div>
<div><label for="cap">Cấp thực hiện</label><select id="cap" name="cap"><option value="">Tất cả</option>${PROCEDURE_LEVELS.map(
    (l) => html`<option value="${l.code}"${sel(f.cap === l.code)}>${l.label}</option>`,
  )}</select></div>
<div><label for="muc-do">Mức độ dịch vụ công</label><select id="muc-do" name="muc-do"><option value="">Tất cả</option>${ONLINE_LEVELS.map(
    (l) => html`<option value="${l.code}"${sel(f.mucDo === l.code)}>${l.label}</option>`,
  )}</select></div>
<div class="wide"><button type="submit">Tìm kiếm</button> <a href="${CATALOGUE_PATH}">Xóa bộ lọc</a></div>
</form>`;
}

export function renderCataloguePage(o: {
  form: CatalogueForm;
  fields: readonly string[];
  errors: string[];
  page: ProcedureList;
}): string {
  const { form, page } = o;
  const filtered = Boolean(form.q || form.linhVuc || form.cap || form.mucDo);
  const errors = o.errors.length
    ? html`<div class="errors" role="alert"><p style="margin:4px 0"><strong>Không tìm được vì điều kiện tìm kiếm chưa đúng:</strong></p><ul>${o.errors.map(
        (e) => html`<li>${e}</li>`,
      )}</ul></div>`
    : '';
  const results = o.errors.length
    ? ''
    : page.items.length === 0
      ? html`<div class="card" role="status"><p style="margin:0"><strong>Không tìm thấy thủ tục nào${filtered ? ' phù hợp' : ''}.</strong></p>
<p style="margin:4px 0 0">Hãy thử: gõ ít từ hơn hoặc từ khác (có dấu hoặc không dấu đều được); tìm theo mã thủ tục; bỏ bớt bộ lọc lĩnh vực, cấp hoặc mức độ.</p></div>`
      : html`<h2 style="font-size:18px" id="ket-qua">${filtered ? 'Kết quả tìm kiếm' : 'Các thủ tục đang áp dụng'}</h2>
<ol class="results">${page.items.map(
          (p) => html`<li class="card">
<h2><a href="${procedurePath(p.code)}">${p.name}</a></h2>
<p class="meta" style="margin:0 0 4px">Mã ${p.code} · ${p.field} · ${levelLabel(p.level)} · ${timeLimit(p.processingDays)}</p>
<p style="margin:0">${onlineBadge(p.onlineLevel)} <span class="meta">Cơ quan thực hiện: ${agenciesText(p)}</span></p>
</li>`,
        )}</ol>`;
  const pager =
    !o.errors.length && (page.nextCursor || form.sau)
      ? html`<nav class="pager" aria-label="Phân trang">${form.sau ? html`<a href="${catalogueUrl(form)}">« Trang đầu</a>` : ''}${
          page.nextCursor
            ? html`<a href="${catalogueUrl(form, page.nextCursor)}" rel="next">Trang sau »</a>`
            : ''
        }</nav>`
      : '';
  return renderPublicPage({
    title: 'Thủ tục hành chính',
    description:
      'Danh mục thủ tục hành chính của tỉnh: trình tự, thành phần hồ sơ, thời hạn, phí, lệ phí và nộp hồ sơ trực tuyến.',
    path: CATALOGUE_PATH,
    body: html`${STYLE}<h1>Thủ tục hành chính</h1>
<p class="meta">Tra cứu thủ tục hành chính của các cơ quan trong tỉnh: gõ tiếng Việt có dấu hoặc không dấu. Hồ sơ đã nộp? <a href="/cong-khai/tra-cuu">Tra cứu hồ sơ</a>.</p>
${searchForm(form, o.fields)}${errors}${results}${pager}`,
  });
}

export function renderProcedurePage(p: ProcedurePublic): string {
  const c = p.content;
  const online = p.onlineLevel !== 'none';
  const section = (id: string, title: string, body: SafeHtml | string) =>
    html`<section class="part" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2>${body}</section>`;
  const papers = c.papers.length
    ? html`<table class="stack"><thead><tr><th scope="col">Tên giấy tờ</th><th scope="col">Bản chính</th><th scope="col">Bản sao</th><th scope="col">Bắt buộc</th><th scope="col">Mẫu đơn, tờ khai</th></tr></thead><tbody>${c.papers.map(
        (x) =>
          html`<tr><td data-label="Tên giấy tờ">${x.name}</td><td data-label="Bản chính">${x.originals}</td><td data-label="Bản sao">${x.copies}</td><td data-label="Bắt buộc">${x.required ? 'Có' : 'Không'}</td><td data-label="Mẫu">${
            x.template
              ? html`<a href="/api/v1/open/thu-tuc/${encodeURIComponent(p.code)}/mau/${x.key}">Tải mẫu</a>`
              : '—'
          }</td></tr>`,
      )}</tbody></table>`
    : html`<p>Không yêu cầu giấy tờ.</p>`;
  const steps = html`<ol>${c.steps.map(
    (s) =>
      html`<li>${s.name}${s.performer ? html` <span class="meta">(${s.performer})</span>` : ''} — ${String(s.budgetDays).replace('.', ',')} ngày làm việc</li>`,
  )}</ol>`;
  const fees = c.fees.length
    ? html`<ul>${c.fees.map((f) => html`<li>${f.name}: ${f.amount === 0 ? 'Miễn phí' : money(f.amount)}${f.note ? html` <span class="meta">(${f.note})</span>` : ''}</li>`)}</ul>`
    : html`<p>Không.</p>`;
  const bases = c.legalBases.length
    ? html`<ul>${c.legalBases.map((b) => html`<li>${b.legalDocumentId ? html`<a href="/cong-khai/van-ban/${b.legalDocumentId}">${b.citation}</a>` : b.citation}</li>`)}</ul>`
    : html`<p>—</p>`;
  const agencies =
    p.agencies.length <= 10
      ? html`<ul>${p.agencies.map((a) => html`<li>${a.name}</li>`)}</ul>`
      : html`<p>${agenciesText(p)}.</p><details><summary>Xem danh sách ${p.agencies.length} cơ quan</summary><ul>${p.agencies.map((a) => html`<li>${a.name}</li>`)}</ul></details>`;
  const submit = online
    ? html`<p><a class="button" href="/dich-vu-cong/nop/${encodeURIComponent(p.code)}">Nộp hồ sơ trực tuyến</a></p>`
    : html`<p class="meta">Thủ tục này nộp trực tiếp tại bộ phận một cửa của cơ quan thực hiện hoặc qua bưu chính công ích.</p>`;
  return renderPublicPage({
    title: c.name,
    description: `${c.name}: trình tự, thành phần hồ sơ, ${timeLimit(c.processingDays).toLocaleLowerCase('vi')}, phí và lệ phí.`,
    path: procedurePath(p.code),
    body: html`${STYLE}<p class="meta"><a href="${CATALOGUE_PATH}">« Thủ tục hành chính</a></p>
<h1>${c.name}</h1>
<p class="meta">Mã thủ tục ${p.code} · ${c.field} · ${levelLabel(c.level)} · ${onlineBadge(p.onlineLevel)}</p>
${submit}
${section(
  'thong-tin',
  'Thông tin chung',
  html`<dl class="props">
<dt>Thời hạn giải quyết</dt><dd>${c.processingDays === 0 ? 'Trong ngày nhận đủ hồ sơ hợp lệ' : `${c.processingDays} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ`}</dd>
<dt>Đối tượng thực hiện</dt><dd>${c.applicants}</dd>
<dt>Kết quả thực hiện</dt><dd>${c.result}</dd>
<dt>Mức độ dịch vụ công</dt><dd>${onlineLabel(p.onlineLevel)}</dd>
</dl>`,
)}
${section('trinh-tu', 'Trình tự thực hiện', steps)}
${section('cach-thuc', 'Cách thức thực hiện', html`<p>${c.ways || 'Nộp trực tiếp tại bộ phận một cửa của cơ quan thực hiện.'}</p>`)}
${section('thanh-phan', 'Thành phần hồ sơ', papers)}
${section('co-quan', 'Cơ quan thực hiện', agencies)}
${section('phi', 'Phí, lệ phí', fees)}
${section('yeu-cau', 'Yêu cầu, điều kiện', html`<p>${c.conditions || 'Không.'}</p>`)}
${section('can-cu', 'Căn cứ pháp lý', bases)}
<p class="meta">Cập nhật phiên bản ${p.version}.</p>`,
  });
}
