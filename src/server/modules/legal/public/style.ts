import { formatViDate } from '../../../../shared/calendar/vn-time.ts';
import { html, raw, type SafeHtml } from '../../../platform/public-html/html.ts';

/*
 * What the legal pages add to the public frame: the search form, status badges (each colour pair
 * passes WCAG AA contrast), the section tabs as in-page links and the diagram (lược đồ) laid out
 * with CSS grid — three columns on a wide screen, one on a phone — with no JavaScript.
 */
export const LEGAL_STYLE = raw(`<style>
form.search{display:grid;gap:8px;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:12px;margin:0 0 12px}
form.search .wide{grid-column:1/-1}
form.search label{display:block;font-weight:600;font-size:14px}
form.search input,form.search select{width:100%;font:inherit;padding:6px 8px;border:1px solid #8c8c8c;border-radius:4px;background:#fff}
form.search button{font:inherit;padding:8px 16px;background:#0b4f9c;color:#fff;border:0;border-radius:4px;cursor:pointer}
.errors{background:#fff1f0;border:1px solid #a8071a;color:#5c0011;border-radius:8px;padding:8px 16px;margin:0 0 12px}
ol.results{list-style:none;margin:0;padding:0}
.results h2{font-size:17px;margin:0 0 4px}
.st{display:inline-block;font-size:13px;font-weight:600;padding:0 6px;border-radius:4px;white-space:nowrap}
.st-in_force{background:#d9f7be;color:#135200}
.st-expired{background:#fff1f0;color:#a8071a}
.st-expired_partly,.st-suspended_partly{background:#fff1b8;color:#613400}
.st-not_yet{background:#e6f4ff;color:#003a8c}
.st-suspended{background:#f9f0ff;color:#391085}
nav.tabs ul{list-style:none;margin:0 0 12px;padding:0;display:flex;flex-wrap:wrap;gap:4px}
nav.tabs a{display:inline-block;padding:6px 12px;background:#fff;border:1px solid #c9d1dc;border-radius:6px 6px 0 0;text-decoration:none}
section.tab{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:12px 16px;margin:0 0 16px}
section.tab h2{font-size:19px;margin:0 0 8px}
dl.props{display:grid;grid-template-columns:minmax(140px,220px) 1fr;gap:4px 12px;margin:0}
dl.props dt{font-weight:600}dl.props dd{margin:0}
.fulltext{white-space:normal;max-width:75ch}
.diagram{display:grid;gap:12px;grid-template-columns:1fr;grid-template-areas:"current" "out" "in"}
.diagram .current{grid-area:current;align-self:center;border:3px solid #a3161a;border-radius:8px;padding:12px;background:#fff7e6;text-align:center}
.diagram .out{grid-area:out}.diagram .in{grid-area:in}
.diagram .group{border:1px solid #c9d1dc;border-radius:8px;padding:8px 12px;margin:0 0 8px;background:#fafcff}
.diagram .group h3{font-size:15px;margin:0 0 4px}
.diagram ul{margin:0;padding-left:18px}
@media (min-width:900px){.diagram{grid-template-columns:1fr 1fr 1fr;grid-template-areas:"out current in"}}
@media (max-width:600px){dl.props{grid-template-columns:1fr}dl.props dd{margin:0 0 6px}}
</style>`);

export function statusBadge(code: string, label: string): SafeHtml {
  return html`<span class="st st-${code}">${label}</span>`;
}

/** dd/mm/yyyy of 'YYYY-MM-DD' (empty for none). */
export const viDay = (d: string | null | undefined): string => (d ? formatViDate(d) : '');

/** A text as escaped paragraphs: blank lines separate paragraphs, single line breaks stay. */
export function paragraphs(text: string): SafeHtml[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p.split('\n').map((line, i) => (i ? html`<br>${line}` : line))}</p>`);
}

/** One sentence for the description meta (at most 160 characters). */
export function describe(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157).trimEnd()}…` : flat;
}

export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}
