import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { vi } from '../../../shared/i18n/vi.ts';
import { html, raw, type SafeHtml } from './html.ts';

/**
 * The frame of every public page under /cong-khai/: Vietnamese metadata, a phone-first stylesheet
 * inlined (one request, no JavaScript), the province's header and the public sections. Modules
 * bring the content; a new public section adds itself to PUBLIC_SECTIONS.
 */
export const PUBLIC_SECTIONS: readonly { path: string; label: string }[] = [
  { path: '/cong-khai/lich-cong-tac', label: 'Lịch công tác' },
  { path: '/cong-khai/thong-bao', label: 'Thông báo' },
  { path: '/cong-khai/van-ban', label: 'Văn bản pháp luật' },
  { path: '/cong-khai/cong-bao', label: 'Công báo' },
  { path: '/cong-khai/thu-tuc', label: 'Thủ tục hành chính' },
  { path: '/cong-khai/tra-cuu', label: 'Tra cứu hồ sơ' },
  { path: '/cong-khai/phan-anh', label: 'Phản ánh, kiến nghị' },
];

export interface PublicPage {
  /** The page's own title (the province's name is added). */
  title: string;
  /** One sentence for search engines and link previews. */
  description: string;
  /** The stable path of this page (canonical URL). */
  path: string;
  body: SafeHtml;
}

const STYLE = raw(`
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 "Noto Sans","Segoe UI",Roboto,Arial,sans-serif;color:#1f1f1f;background:#f5f7fa}
a{color:#0b4f9c}
a:focus-visible,button:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
header.site{background:#a3161a;color:#fff;padding:12px 16px}
header.site .owner{font-weight:700;text-transform:uppercase;font-size:15px;margin:0}
header.site nav ul{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
header.site nav a{color:#fff}
header.site nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:22px;margin:0 0 4px}
.meta{color:#555;font-size:14px;margin:0 0 12px}
.pager{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
.pager a{display:inline-block;padding:8px 12px;background:#fff;border:1px solid #c9d1dc;border-radius:6px;text-decoration:none}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #c9d1dc;padding:6px 8px;vertical-align:top;text-align:left}
th{background:#eef2f7}
.card{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:12px 16px;margin:0 0 12px}
.tag{display:inline-block;font-size:13px;padding:0 6px;border-radius:4px;background:#fff1b8;color:#613400}
.cancelled{text-decoration:line-through;color:#595959}
footer.site{max-width:1100px;margin:24px auto;padding:0 16px;color:#555;font-size:14px}
@media (max-width:600px){
  table.stack thead{position:absolute;left:-9999px}
  table.stack tr{display:block;border:1px solid #c9d1dc;margin:0 0 8px;background:#fff}
  table.stack td{display:block;border:0;border-bottom:1px solid #eef2f7}
  table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
}
@media print{header.site nav,.pager,.skip,footer.site{display:none}body{background:#fff}}
`);

export function renderPublicPage(page: PublicPage, origin = ''): string {
  const owner = vi.app.owner;
  const fullTitle = `${page.title} — ${owner}`;
  return `<!doctype html>${
    html`<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${page.description}">
<link rel="canonical" href="${origin}${page.path}">
<meta property="og:type" content="website">
<meta property="og:locale" content="vi_VN">
<meta property="og:site_name" content="${owner}">
<meta property="og:title" content="${fullTitle}">
<meta property="og:description" content="${page.description}">
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site">
<p class="owner">${owner}</p>
<nav aria-label="Trang công khai"><ul>${PUBLIC_SECTIONS.map(
      (s) =>
        html`<li><a href="${s.path}"${page.path.startsWith(s.path) ? raw(' aria-current="page"') : ''}>${s.label}</a></li>`,
    )}</ul></nav>
</header>
<main id="noi-dung">${page.body}</main>
<footer class="site">${owner} · Thông tin công khai trên hệ thống Liên Thông</footer>
</body>
</html>`.value
  }`;
}

/**
 * Sends a public page: HTML, cacheable by browsers and proxies for `maxAgeSeconds`, with an ETag so a
 * reload of an unchanged page costs a 304. Public pages never carry the session cookie's data.
 */
export function sendPublicHtml(
  req: FastifyRequest,
  reply: FastifyReply,
  body: string,
  maxAgeSeconds = 60,
): FastifyReply {
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  reply
    .header('cache-control', `public, max-age=${maxAgeSeconds}`)
    .header('etag', etag)
    .header('content-language', 'vi');
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type('text/html; charset=utf-8').send(body);
}

/** The 404 of a public page, in the same frame ("Không tìm thấy …"). */
export function publicNotFound(req: FastifyRequest, reply: FastifyReply, message: string): FastifyReply {
  const body = renderPublicPage({
    title: 'Không tìm thấy trang',
    description: message,
    path: req.url.split('?')[0] ?? '/cong-khai/',
    body: html`<h1>Không tìm thấy trang</h1><p>${message}</p>`,
  });
  return reply
    .status(404)
    .header('cache-control', 'public, max-age=30')
    .type('text/html; charset=utf-8')
    .send(body);
}

/**
 * The route config of every anonymous public page or feed: no session needed, and a rate limit per
 * address of its own (DESIGN.md §5: anonymous reads get their own rate limit).
 */
export function publicRoute(perMinute: number) {
  return { permission: 'public' as const, rateLimit: { max: perMinute, timeWindow: '1 minute' } };
}
