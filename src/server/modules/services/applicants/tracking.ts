import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { formatViDate, vnDate } from '../../../../shared/calendar/index.ts';
import type { TimelineEntry } from '../../../../shared/services/api.ts';
import { statusLabel } from '../../../../shared/services/statuses.ts';
import { hotRows } from '../../../db/client.ts';
import { html, type SafeHtml } from '../../../platform/public-html/html.ts';
import { publicRoute, renderPublicPage } from '../../../platform/public-html/layout.ts';
import { secretHash } from '../core/secret.ts';
import { NOT_FOUND } from './dossiers.ts';

/*
 * Tra cứu hồ sơ (/cong-khai/tra-cuu): a form (code + tracking secret) that works without JavaScript,
 * answered by POST so the secret never sits in an address, a log or a browser's history. The answer
 * is the status, the procedure, the agency, the dates and the public timeline — never the applicant's
 * personal data nor an officer's name. An unknown code and a wrong secret get the same answer.
 * One indexed read by code, a SHA-256 compare, one read of the timeline: cheap under load.
 */

const PATH = '/cong-khai/tra-cuu';
const CODE_RE = /^[A-Z0-9.\-_]{1,40}$/;

interface Found {
  code: string;
  status: number;
  procedureName: string;
  agencyName: string;
  submittedAt: Date;
  dueAt: Date | null;
  returnedAt: Date | null;
  timeline: TimelineEntry[];
}

const when = (d: Date) => formatViDate(vnDate(d));

function page(opts: { code: string; error?: string; found?: Found }): string {
  const f = opts.found;
  const body: SafeHtml = html`<h1>Tra cứu hồ sơ</h1>
<p class="meta">Nhập mã hồ sơ và mã bí mật in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (hoặc trong thư đã gửi khi nộp).</p>
<form method="post" action="${PATH}" class="card">
<p><label for="ma">Mã hồ sơ</label><br><input id="ma" name="ma" required maxlength="40" autocomplete="off" value="${opts.code}"></p>
<p><label for="bi-mat">Mã bí mật</label><br><input id="bi-mat" name="bi_mat" type="password" required maxlength="20" autocomplete="off"></p>
<p><button type="submit">Tra cứu</button></p>
</form>
${opts.error ? html`<div class="card" role="alert"><p>${opts.error}</p></div>` : ''}
${
  f
    ? html`<section class="card" aria-labelledby="ket-qua">
<h2 id="ket-qua">Hồ sơ ${f.code}</h2>
<table><tbody>
<tr><th scope="row">Trạng thái</th><td><strong>${statusLabel(f.status)}</strong></td></tr>
<tr><th scope="row">Thủ tục</th><td>${f.procedureName}</td></tr>
<tr><th scope="row">Cơ quan tiếp nhận</th><td>${f.agencyName}</td></tr>
<tr><th scope="row">Ngày nộp</th><td>${when(f.submittedAt)}</td></tr>
<tr><th scope="row">Ngày hẹn trả kết quả</th><td>${f.dueAt ? when(f.dueAt) : '—'}</td></tr>
${f.returnedAt ? html`<tr><th scope="row">Ngày trả kết quả</th><td>${when(f.returnedAt)}</td></tr>` : ''}
</tbody></table>
<h3>Quá trình giải quyết</h3>
<table class="stack"><thead><tr><th scope="col">Thời điểm</th><th scope="col">Trạng thái</th><th scope="col">Nội dung</th></tr></thead><tbody>
${f.timeline.map(
  (t) =>
    html`<tr><td data-label="Thời điểm">${when(new Date(t.at))}</td><td data-label="Trạng thái">${t.statusLabel ?? ''}</td><td data-label="Nội dung">${t.note ?? ''}</td></tr>`,
)}
</tbody></table>
</section>`
    : ''
}`;
  return renderPublicPage({
    title: f ? `Hồ sơ ${f.code}` : 'Tra cứu hồ sơ',
    description: 'Tra cứu tiến độ giải quyết hồ sơ thủ tục hành chính bằng mã hồ sơ và mã bí mật.',
    path: PATH,
    body,
  });
}

export const trackingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.services;
  const pub = publicRoute(config.PUBLIC_RATE_PER_MINUTE);
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  const lookup = async (code: string, secret: string): Promise<Found | null> => {
    // One prepared statement: the dossier by its unique code, its names and its public timeline.
    const [d] = await hotRows<{
      code: string;
      secret_hash: string;
      status: number;
      submitted_at: Date;
      due_at: Date | null;
      returned_at: Date | null;
      procedure_name: string;
      agency_name: string;
      timeline: { at: string; kind: string; status: number | null; note: string | null }[];
    }>(
      db,
      sql`SELECT d.code, d.secret_hash, d.status, d.submitted_at, d.due_at, d.returned_at,
            p.name AS procedure_name, a.name AS agency_name,
            (SELECT coalesce(json_agg(json_build_object('at', e.at, 'kind', e.kind, 'status', e.status_to,
                      'note', e.public_note) ORDER BY e.id), '[]'::json)
               FROM service_dossier_events e
              WHERE e.dossier_id = d.id AND (e.status_to IS NOT NULL OR e.public_note IS NOT NULL)) AS timeline
          FROM service_dossiers d
          JOIN service_procedures p ON p.id = d.procedure_id
          JOIN agencies a ON a.id = d.agency_id
         WHERE d.code = ${code}`,
    );
    const want = Buffer.from(secretHash(secret));
    const have = Buffer.from(d?.secret_hash ?? '0'.repeat(want.length));
    const ok = have.length === want.length && timingSafeEqual(have, want);
    if (!d || !ok) return null;
    const date = (v: Date | string | null) => (v === null ? null : new Date(v));
    return {
      code: d.code,
      status: Number(d.status),
      procedureName: d.procedure_name,
      agencyName: d.agency_name,
      submittedAt: new Date(d.submitted_at),
      dueAt: date(d.due_at),
      returnedAt: date(d.returned_at),
      timeline: (typeof d.timeline === 'string' ? JSON.parse(d.timeline) : d.timeline).map(
        (t: { at: string; kind: string; status: number | null; note: string | null }) => ({
          at: new Date(t.at).toISOString(),
          kind: t.kind,
          status: t.status,
          statusLabel: t.status === null ? null : statusLabel(t.status),
          note: t.note,
        }),
      ),
    };
  };

  app.get(PATH, { config: pub, schema: { hide: true } }, async (req, reply) => {
    const ma = (req.query as Record<string, unknown>).ma;
    const code = typeof ma === 'string' ? ma.trim().toUpperCase().slice(0, 40) : '';
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('content-language', 'vi')
      .type('text/html; charset=utf-8')
      .send(page({ code }));
  });

  app.post(PATH, { config: pub, schema: { hide: true } }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const code = typeof b.ma === 'string' ? b.ma.trim().toUpperCase() : '';
    const secret = typeof b.bi_mat === 'string' ? b.bi_mat.trim() : '';
    reply
      .header('cache-control', 'no-store')
      .header('content-language', 'vi')
      .type('text/html; charset=utf-8');
    if (!code || !secret || !CODE_RE.test(code) || secret.length > 20)
      return reply
        .status(400)
        .send(page({ code: code.slice(0, 40), error: 'Vui lòng nhập mã hồ sơ và mã bí mật.' }));
    const found = await lookup(code, secret);
    if (!found) return reply.status(404).send(page({ code, error: NOT_FOUND }));
    return reply.send(page({ code, found }));
  });
};
