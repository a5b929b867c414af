import { LEGAL_FIELDS, LEGAL_TYPES } from '../../../../shared/legal/catalogue.ts';
import { EFFECT_STATUSES } from '../../../../shared/legal/statuses.ts';
import { html, raw, type SafeHtml } from '../../../platform/public-html/html.ts';
import { renderPublicPage } from '../../../platform/public-html/layout.ts';
import { DOCS_PATH } from './presenter.ts';
import { formUrl, type PublicSearchForm } from './query.ts';
import type { PublicDocumentSummary, PublicDocumentView } from './schemas.ts';
import { describe, LEGAL_STYLE, paragraphs, sizeLabel, statusBadge, viDay } from './style.ts';

/* The search page and the page of one document, from presented (allow-listed) data only. */

export interface IssuerOption {
  code: string;
  name: string;
}

const selected = (on: boolean) => (on ? raw(' selected') : '');

function searchForm(f: PublicSearchForm, issuers: readonly IssuerOption[]): SafeHtml {
  return html`<form class="search" method="get" action="${DOCS_PATH}" role="search">
<div class="wide"><label for="q">Từ khóa hoặc số ký hiệu</label>
<input id="q" name="q" type="search" value="${f.q}" maxlength="200" placeholder="Ví dụ: thay the quyet dinh, 14/2019/QĐ-UBND"></div>
<div><label for="loai">Loại văn bản</label><select id="loai" name="loai"><option value="">Tất cả</option>${LEGAL_TYPES.map(
    (t) => html`<option value="${t.code}"${selected(f.loai === t.code)}>${t.name}</option>`,
  )}</select></div>
<div><label for="co-quan">Cơ quan ban hành</label><select id="co-quan" name="co-quan"><option value="">Tất cả</option>${issuers.map(
    (i) => html`<option value="${i.code}"${selected(f.coQuan === i.code)}>${i.name}</option>`,
  )}</select></div>
<div><label for="linh-vuc">Lĩnh vực</label><select id="linh-vuc" name="linh-vuc"><option value="">Tất cả</option>${LEGAL_FIELDS.map(
    (x) => html`<option value="${x.code}"${selected(f.linhVuc === String(x.code))}>${x.name}</option>`,
  )}</select></div>
<div><label for="nam">Năm ban hành</label><input id="nam" name="nam" inputmode="numeric" value="${f.nam}" maxlength="4" placeholder="Ví dụ: 2025"></div>
<div><label for="tinh-trang">Tình trạng hiệu lực (hôm nay)</label><select id="tinh-trang" name="tinh-trang"><option value="">Tất cả</option>${EFFECT_STATUSES.map(
    (s) => html`<option value="${s.code}"${selected(f.tinhTrang === s.code)}>${s.label}</option>`,
  )}</select></div>
<div class="wide"><button type="submit">Tìm kiếm</button> <a href="${DOCS_PATH}">Xóa bộ lọc</a></div>
</form>`;
}

function resultItem(d: PublicDocumentSummary): SafeHtml {
  return html`<li class="card">
<h2><a href="${d.url}">${d.numberNotation}</a> ${statusBadge(d.status, d.statusLabel)}</h2>
<p style="margin:0 0 4px">${d.title}</p>
<p class="meta" style="margin:0">${d.typeName} · ${d.issuerName} · Ban hành ${viDay(d.issuedDate)}${
    d.effectiveFrom ? html` · Có hiệu lực ${viDay(d.effectiveFrom)}` : ''
  }</p>
</li>`;
}

export interface SearchPageInput {
  origin: string;
  form: PublicSearchForm;
  issuers: readonly IssuerOption[];
  errors: string[];
  items: PublicDocumentSummary[];
  nextCursor: string | null;
  searched: boolean;
}

export function renderSearchPage(o: SearchPageInput): string {
  const { form } = o;
  const filtered = Boolean(form.q || form.loai || form.coQuan || form.linhVuc || form.nam || form.tinhTrang);
  const heading = html`<h1>Văn bản quy phạm pháp luật</h1>
<p class="meta">Tra cứu văn bản của Trung ương và của tỉnh: gõ tiếng Việt có dấu hoặc không dấu; số ký hiệu khớp được xếp trước.</p>`;
  const errors = o.errors.length
    ? html`<div class="errors" role="alert"><p style="margin:4px 0"><strong>Không tìm được vì điều kiện tìm kiếm chưa đúng:</strong></p><ul>${o.errors.map(
        (e) => html`<li>${e}</li>`,
      )}</ul></div>`
    : '';
  const results = o.errors.length
    ? ''
    : o.items.length === 0
      ? html`<div class="card" role="status"><p style="margin:0"><strong>Không tìm thấy văn bản nào${filtered ? ' phù hợp' : ''}.</strong></p>
<p style="margin:4px 0 0">Hãy thử: gõ ít từ hơn hoặc từ khác; tìm theo số ký hiệu (ví dụ "14/2019"); bỏ bớt bộ lọc loại văn bản, cơ quan, lĩnh vực, năm hoặc tình trạng.</p></div>`
      : html`<h2 style="font-size:18px" id="ket-qua">${filtered ? 'Kết quả tìm kiếm' : 'Văn bản mới ban hành'}</h2>
<ol class="results">${o.items.map(resultItem)}</ol>`;
  const pager =
    !o.errors.length && (o.nextCursor || form.sau)
      ? html`<nav class="pager" aria-label="Phân trang">${form.sau ? html`<a href="${formUrl(DOCS_PATH, form)}">« Trang đầu</a>` : ''}${
          o.nextCursor
            ? html`<a rel="next" href="${formUrl(DOCS_PATH, form, o.nextCursor)}">Trang sau →</a>`
            : ''
        }</nav>`
      : '';
  const path = formUrl(DOCS_PATH, form, form.sau || undefined);
  return renderPublicPage(
    {
      title: form.q ? `Tìm văn bản: ${form.q}` : 'Văn bản quy phạm pháp luật',
      description:
        'Tra cứu văn bản quy phạm pháp luật của Trung ương và của tỉnh: số ký hiệu, trích yếu, toàn văn, tình trạng hiệu lực, lịch sử và lược đồ.',
      path,
      body: html`${LEGAL_STYLE}${heading}${searchForm(form, o.issuers)}${errors}${results}${pager}`,
    },
    o.origin,
  );
}

const TABS = [
  { id: 'thuoc-tinh', label: 'Thuộc tính' },
  { id: 'toan-van', label: 'Toàn văn' },
  { id: 'lich-su', label: 'Lịch sử' },
  { id: 'lien-quan', label: 'VB liên quan' },
  { id: 'luoc-do', label: 'Lược đồ' },
  { id: 'tai-ve', label: 'Tải về' },
] as const;

function prop(label: string, value: SafeHtml | string | null | undefined): SafeHtml | '' {
  if (value === null || value === undefined || value === '') return '';
  return html`<dt>${label}</dt><dd>${value}</dd>`;
}

function properties(v: PublicDocumentView): SafeHtml {
  const d = v.document;
  const signer = [d.signerTitle, d.signerName].filter(Boolean).join(' ');
  return html`<section class="tab" id="thuoc-tinh" aria-labelledby="h-thuoc-tinh"><h2 id="h-thuoc-tinh">Thuộc tính</h2><dl class="props">
${prop('Số ký hiệu', d.numberNotation)}
${prop('Loại văn bản', d.typeName)}
${prop('Cơ quan ban hành', d.issuerName)}
${prop('Người ký', signer)}
${prop('Ngày ban hành', viDay(d.issuedDate))}
${prop('Ngày có hiệu lực', viDay(d.effectiveFrom))}
${prop('Ngày hết hiệu lực', viDay(d.expiredOn ?? d.effectiveTo))}
${prop('Tình trạng hiệu lực', html`${statusBadge(d.status, d.statusLabel)} <span class="meta">(tính đến ngày ${viDay(d.asOf)})</span>`)}
${prop('Phạm vi', d.scope)}
${prop('Ngành', d.sector)}
${prop('Lĩnh vực', d.fieldName)}
${prop('Nguồn thu thập', d.gazetteIssue ? html`<a href="${d.gazetteIssue.url}">Công báo ${d.gazetteIssue.label}, năm ${d.gazetteIssue.year}</a>` : d.gazetteSource)}
${prop('Ngày đăng công báo', viDay(d.gazetteIssue?.issueDate ?? d.gazetteDate))}
</dl>${d.summary ? html`<h3 style="font-size:16px">Tóm tắt</h3>${paragraphs(d.summary)}` : ''}</section>`;
}

function fullText(v: PublicDocumentView): SafeHtml {
  const t = v.document.fullText;
  return html`<section class="tab" id="toan-van" aria-labelledby="h-toan-van"><h2 id="h-toan-van">Toàn văn</h2>${
    t
      ? html`<div class="fulltext">${paragraphs(t)}</div>`
      : html`<p>Chưa có toàn văn dạng chữ; xem tệp đính kèm ở mục Tải về.</p>`
  }</section>`;
}

function history(v: PublicDocumentView): SafeHtml {
  return html`<section class="tab" id="lich-su" aria-labelledby="h-lich-su"><h2 id="h-lich-su">Lịch sử hiệu lực</h2>${
    v.history.length
      ? html`<table class="stack"><thead><tr><th scope="col">Ngày</th><th scope="col">Trạng thái</th><th scope="col">Văn bản nguồn</th><th scope="col">Phần hết hiệu lực</th></tr></thead><tbody>${v.history.map(
          (e) => html`<tr>
<td data-label="Ngày">${viDay(e.date)}</td>
<td data-label="Trạng thái">${e.event}<br>${statusBadge(e.status, e.statusLabel)}</td>
<td data-label="Văn bản nguồn">${e.by ? html`<a href="${e.by.url}">${e.by.numberNotation}</a> ${e.by.title}` : ''}</td>
<td data-label="Phần hết hiệu lực">${e.articles ?? ''}</td>
</tr>`,
        )}</tbody></table>`
      : html`<p>Chưa có sự kiện nào.</p>`
  }</section>`;
}

function related(v: PublicDocumentView): SafeHtml {
  return html`<section class="tab" id="lien-quan" aria-labelledby="h-lien-quan"><h2 id="h-lien-quan">Văn bản liên quan</h2>${
    v.relations.length
      ? html`<table class="stack"><thead><tr><th scope="col">Quan hệ</th><th scope="col">Văn bản</th><th scope="col">Ngày ban hành</th><th scope="col">Tình trạng</th></tr></thead><tbody>${v.relations.map(
          (r) => html`<tr>
<td data-label="Quan hệ">${r.label}${r.articles ? html`<br><span class="meta">${r.articles}</span>` : ''}</td>
<td data-label="Văn bản"><a href="${r.other.url}">${r.other.numberNotation}</a> ${r.other.title}</td>
<td data-label="Ngày ban hành">${viDay(r.other.issuedDate)}</td>
<td data-label="Tình trạng">${statusBadge(r.other.status, r.other.statusLabel)}</td>
</tr>`,
        )}</tbody></table>`
      : html`<p>Chưa có văn bản liên quan.</p>`
  }</section>`;
}

function diagram(v: PublicDocumentView): SafeHtml {
  const d = v.document;
  const column = (dir: 'outgoing' | 'incoming') => {
    const groups = v.diagram.groups.filter((g) => g.direction === dir);
    return groups.map(
      (g) =>
        html`<div class="group"><h3>${g.label} (${g.items.length})</h3><ul>${g.items.map(
          (i) =>
            html`<li><a href="${i.url}">${i.numberNotation}</a> ${statusBadge(i.status, i.statusLabel)}</li>`,
        )}</ul></div>`,
    );
  };
  return html`<section class="tab" id="luoc-do" aria-labelledby="h-luoc-do"><h2 id="h-luoc-do">Lược đồ</h2>${
    v.diagram.groups.length
      ? html`<div class="diagram">
<div class="out">${column('outgoing')}</div>
<div class="current"><p class="meta" style="margin:0">Văn bản hiện thời</p><p style="margin:4px 0;font-weight:700">${d.numberNotation}</p><p style="margin:0">${d.title}</p><p style="margin:4px 0 0">${statusBadge(d.status, d.statusLabel)}</p></div>
<div class="in">${column('incoming')}</div>
</div>`
      : html`<p>Văn bản này chưa có quan hệ với văn bản nào khác.</p>`
  }</section>`;
}

function downloads(v: PublicDocumentView): SafeHtml {
  const files = v.document.files;
  return html`<section class="tab" id="tai-ve" aria-labelledby="h-tai-ve"><h2 id="h-tai-ve">Tải về</h2>${
    files.length
      ? html`<ul>${files.map((f) => html`<li><a href="${f.url}">${f.fileName}</a> (${sizeLabel(f.size)})</li>`)}</ul>`
      : html`<p>Văn bản này chưa có tệp đính kèm.</p>`
  }</section>`;
}

export function renderDocumentPage(v: PublicDocumentView, origin: string): string {
  const d = v.document;
  const body = html`${LEGAL_STYLE}<p class="meta"><a href="${DOCS_PATH}">← Tra cứu văn bản</a></p>
<article>
<h1>${d.typeName} ${d.numberNotation}</h1>
<p style="margin:0 0 4px">${d.title}</p>
<p class="meta">${d.issuerName} · Ban hành ${viDay(d.issuedDate)} · Có hiệu lực ${viDay(d.effectiveFrom)} · ${statusBadge(d.status, d.statusLabel)}</p>
<nav class="tabs" aria-label="Các mục của văn bản"><ul>${TABS.map((t) => html`<li><a href="#${t.id}">${t.label}</a></li>`)}</ul></nav>
${properties(v)}${fullText(v)}${history(v)}${related(v)}${diagram(v)}${downloads(v)}
</article>`;
  return renderPublicPage(
    {
      title: `${d.typeName} ${d.numberNotation}`,
      description: describe(`${d.numberNotation}: ${d.title}. Tình trạng: ${d.statusLabel}.`),
      path: d.url,
      body,
    },
    origin,
  );
}
