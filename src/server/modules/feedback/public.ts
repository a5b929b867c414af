import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { formatViDate, vnDate } from '../../../shared/calendar/index.ts';
import { MARKUP_MESSAGE, MARKUP_RE, publicSubmissionSchema } from '../../../shared/feedback/api.ts';
import {
  addLimit,
  classifyLimit,
  DECLARED_KINDS,
  type DeclaredKind,
  KIND_LABELS,
  SENDER_KIND_LABELS,
  STATUS_LABELS,
} from '../../../shared/feedback/rules.ts';
import { type Db, rows } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { saveBlobs } from '../../platform/blobs/index.ts';
import { secretKey } from '../../platform/crypto/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { decodeKeyset, encodeCursor } from '../../platform/http/pagination.ts';
import { html, raw, type SafeHtml } from '../../platform/public-html/html.ts';
import {
  publicNotFound,
  publicRoute,
  renderPublicPage,
  sendPublicHtml,
} from '../../platform/public-html/layout.ts';
import { activeUnits, findAgencies } from '../agencies/index.ts';
import { secondInstanceTarget } from './actions.ts';
import { identityKey, readIdentity } from './identity.ts';
import {
  createItem,
  type FeedbackItemRow,
  feedbackCalendar,
  feedbackTrackingKey,
  itemSecretHash,
  type NewFile,
} from './intake.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './routes.ts';
import { feedbackEvents, feedbackItems } from './schema.ts';
import { tsQuery } from './view.ts';

/*
 * The public side of feedback, server-rendered, working on a phone and without JavaScript:
 *  - /cong-khai/phan-anh: the form (multipart, attachments). Against floods and robots, without an
 *    outside service or JavaScript: a rate limit per address, size limits, a honeypot field, and a
 *    signed form token that carries the time the form was opened (sent sooner than
 *    FEEDBACK_MIN_FILL_MS, or after two hours, it is refused) and a one-time nonce (a second post of
 *    the same form answers the first item: a retry never makes two).
 *  - /cong-khai/phan-anh/tra-cuu: code + secret (POST, so the secret is in no address or log): the
 *    status, the public history, the answer; then a rating, or a second-instance complaint.
 *  - /cong-khai/phan-anh/tra-loi: the public board of answered feedback on regulations (with the
 *    sender's consent, their details removed), searchable without diacritics; open data at
 *    /api/v1/open/phan-anh.
 * Nothing here shows a sender's name, address or contacts, nor an officer's name.
 */

const BASE = '/cong-khai/phan-anh';
const TOKEN_MAX_AGE_MS = 2 * 3600_000;
const MAX_FILES = 5;
const CODE_RE = /^[A-Z0-9.]{1,30}-PA-\d{6}-\d{4,6}$/;
const NOT_FOUND = 'Không tìm thấy đơn thư với mã và mã bí mật này. Vui lòng kiểm tra lại.';

const day = (d: Date | string | null) => (d ? formatViDate(vnDate(new Date(d))) : '—');

// ————— form token —————

function tokenKey(dataDir: string) {
  return secretKey(process.env.FEEDBACK_FORM_KEY, dataDir, 'feedback-form.key');
}

export function issueFormToken(key: Buffer, now: number): string {
  const body = Buffer.from(JSON.stringify({ t: now, n: randomBytes(12).toString('base64url') })).toString(
    'base64url',
  );
  const mac = createHmac('sha256', key).update(body).digest('base64url');
  return `${body}.${mac}`;
}

type TokenCheck = { ok: true; nonce: string } | { ok: false; message: string };

export function checkFormToken(key: Buffer, token: string, now: number, minFillMs: number): TokenCheck {
  const [body, mac] = token.split('.');
  const bad = {
    ok: false as const,
    message: 'Biểu mẫu không hợp lệ hoặc đã bị thay đổi. Vui lòng tải lại trang và gửi lại.',
  };
  if (!body || !mac) return bad;
  const want = Buffer.from(createHmac('sha256', key).update(body).digest('base64url'));
  const have = Buffer.from(mac);
  if (want.length !== have.length || !timingSafeEqual(want, have)) return bad;
  let v: { t?: unknown; n?: unknown };
  try {
    v = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return bad;
  }
  if (typeof v.t !== 'number' || typeof v.n !== 'string') return bad;
  if (now - v.t < minFillMs)
    return {
      ok: false,
      message:
        'Biểu mẫu được gửi quá nhanh sau khi mở (dấu hiệu gửi tự động). Vui lòng kiểm tra nội dung và bấm Gửi lại.',
    };
  if (now - v.t > TOKEN_MAX_AGE_MS)
    return {
      ok: false,
      message: 'Biểu mẫu đã mở quá 2 giờ. Vui lòng tải lại trang, nội dung đã nhập vẫn được giữ.',
    };
  return { ok: true, nonce: v.n };
}

// ————— the form —————

interface FormValues {
  loai?: string;
  co_quan?: string;
  nguoi_gui?: string;
  ho_ten?: string;
  dia_chi?: string;
  dien_thoai?: string;
  email?: string;
  tieu_de?: string;
  noi_dung?: string;
  linh_vuc?: string;
  cong_khai?: string;
}

interface FieldProblem {
  field: string;
  message: string;
}

type Unit = { id: string; name: string };

const FIELD_OF_PATH: Record<string, string> = {
  declaredKind: 'loai',
  agencyId: 'co_quan',
  senderKind: 'nguoi_gui',
  'sender.name': 'ho_ten',
  'sender.address': 'dia_chi',
  'sender.phone': 'dien_thoai',
  'sender.email': 'email',
  subject: 'tieu_de',
  content: 'noi_dung',
  field: 'linh_vuc',
};

function formPage(o: {
  token: string;
  units: Unit[];
  values?: FormValues;
  problems?: FieldProblem[];
  error?: string;
}) {
  const v = o.values ?? {};
  const err = (f: string) => o.problems?.find((p) => p.field === f)?.message;
  const described = (f: string) => (err(f) ? raw(` aria-invalid="true" aria-describedby="${f}-loi"`) : '');
  const msg = (f: string) => (err(f) ? html`<br><span class="error" id="${f}-loi">${err(f)}</span>` : '');
  const option = (value: string, label: string, chosen?: string) =>
    html`<option value="${value}"${chosen === value ? raw(' selected') : ''}>${label}</option>`;
  const body: SafeHtml = html`<h1>Gửi phản ánh, kiến nghị, khiếu nại, tố cáo</h1>
<p class="meta">Cơ quan nhận sẽ vào sổ, phân loại và trả lời theo quy định. Sau khi gửi, Ông/Bà nhận mã đơn thư và mã bí mật để <a href="${BASE}/tra-cuu">tra cứu</a>. Xem <a href="${BASE}/tra-loi">các câu trả lời đã công khai</a>.</p>
${o.error ? html`<div class="card" role="alert"><p><strong>Chưa gửi được.</strong> ${o.error}</p></div>` : ''}
<form method="post" action="${BASE}" enctype="multipart/form-data" class="card" novalidate>
<input type="hidden" name="token" value="${o.token}">
<p class="hp" aria-hidden="true"><label for="website">Để trống ô này</label><input id="website" name="website" tabindex="-1" autocomplete="off"></p>
<p><label for="loai">Loại đơn thư</label><br><select id="loai" name="loai" required${described('loai')}>
${option('', '— Chọn —', v.loai)}${DECLARED_KINDS.map((k) => option(k, KIND_LABELS[k], v.loai))}
</select>${msg('loai')}</p>
<p><label for="co_quan">Cơ quan nhận</label><br><select id="co_quan" name="co_quan" required${described('co_quan')}>
${option('', '— Chọn cơ quan —', v.co_quan)}${o.units.map((u) => option(u.id, u.name, v.co_quan))}
</select>${msg('co_quan')}</p>
<p><label for="tieu_de">Tóm tắt nội dung</label><br><input id="tieu_de" name="tieu_de" required maxlength="300" value="${v.tieu_de ?? ''}"${described('tieu_de')}>${msg('tieu_de')}</p>
<p><label for="noi_dung">Nội dung</label><br><textarea id="noi_dung" name="noi_dung" required rows="8" maxlength="20000"${described('noi_dung')}>${v.noi_dung ?? ''}</textarea>${msg('noi_dung')}</p>
<p><label for="linh_vuc">Lĩnh vực (nếu biết)</label><br><input id="linh_vuc" name="linh_vuc" maxlength="200" value="${v.linh_vuc ?? ''}"${described('linh_vuc')}>${msg('linh_vuc')}</p>
<fieldset><legend>Người gửi</legend>
<p class="meta">Với đơn tố cáo, họ tên, địa chỉ và thông tin cá nhân của người tố cáo được giữ bí mật theo Luật Tố cáo 2018; chỉ người được giao giải quyết mới được xem.</p>
<p><label for="nguoi_gui">Là</label><br><select id="nguoi_gui" name="nguoi_gui"${described('nguoi_gui')}>
${(Object.keys(SENDER_KIND_LABELS) as (keyof typeof SENDER_KIND_LABELS)[]).map((k) => option(k, SENDER_KIND_LABELS[k], v.nguoi_gui ?? 'citizen'))}
</select>${msg('nguoi_gui')}</p>
<p><label for="ho_ten">Họ và tên (hoặc tên tổ chức)</label><br><input id="ho_ten" name="ho_ten" required maxlength="200" autocomplete="name" value="${v.ho_ten ?? ''}"${described('ho_ten')}>${msg('ho_ten')}</p>
<p><label for="dia_chi">Địa chỉ</label><br><input id="dia_chi" name="dia_chi" maxlength="300" autocomplete="street-address" value="${v.dia_chi ?? ''}"${described('dia_chi')}>${msg('dia_chi')}</p>
<p><label for="dien_thoai">Điện thoại</label><br><input id="dien_thoai" name="dien_thoai" type="tel" maxlength="20" autocomplete="tel" value="${v.dien_thoai ?? ''}"${described('dien_thoai')}>${msg('dien_thoai')}</p>
<p><label for="email">Thư điện tử (để nhận thông báo)</label><br><input id="email" name="email" type="email" maxlength="200" autocomplete="email" value="${v.email ?? ''}"${described('email')}>${msg('email')}</p>
</fieldset>
<p><label for="tep">Tài liệu kèm theo (PDF, ảnh hoặc DOCX; tối đa ${MAX_FILES} tệp, mỗi tệp 10 MB)</label><br><input id="tep" name="tep" type="file" multiple accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx"${described('tep')}>${msg('tep')}</p>
<p><input id="cong_khai" name="cong_khai" type="checkbox" value="1"${v.cong_khai ? raw(' checked') : ''}> <label for="cong_khai">Tôi đồng ý công khai nội dung phản ánh, kiến nghị và câu trả lời (không kèm thông tin cá nhân).</label></p>
<p><button type="submit">Gửi</button></p>
</form>`;
  return renderPublicPage({
    title: 'Gửi phản ánh, kiến nghị',
    description:
      'Gửi phản ánh, kiến nghị, khiếu nại, tố cáo đến cơ quan nhà nước qua mạng, theo dõi bằng mã đơn thư.',
    path: BASE,
    body: html`<style>.hp{position:absolute;left:-9999px}.error{color:#a8071a}fieldset{border:1px solid #c9d1dc;border-radius:6px;margin:0 0 12px}input:not([type=checkbox]),select,textarea{width:100%;max-width:640px;font:inherit;padding:6px}</style>${body}`,
  });
}

function receiptPage(item: FeedbackItemRow, secret: string, agencyName: string) {
  const kind = item.declaredKind as DeclaredKind;
  const limit = classifyLimit(kind);
  return renderPublicPage({
    title: `Đã nhận đơn thư ${item.code}`,
    description: 'Đơn thư đã được gửi.',
    path: BASE,
    body: html`<h1>Đã gửi đơn thư</h1>
<section class="card" aria-labelledby="ma"><h2 id="ma">Mã đơn thư: ${item.code}</h2>
<p>Mã bí mật: <strong>${secret}</strong></p>
<p>Ông/Bà hãy ghi lại mã đơn thư và mã bí mật để <a href="${BASE}/tra-cuu">tra cứu</a> tiến độ và kết quả trả lời. Mã bí mật không được gửi lại lần nữa${item.declaredKind === 'denunciation' ? ' (với đơn tố cáo, hệ thống không gửi thư điện tử để giữ bí mật người tố cáo)' : ''}.</p>
<p>Loại: ${KIND_LABELS[kind]}. Cơ quan nhận: ${agencyName}. Ngày nhận: ${day(item.receivedAt)}.</p>
<p>Cơ quan sẽ vào sổ, phân loại và thông báo hướng xử lý trong ${limit.days} ${limit.unit === 'working' ? 'ngày làm việc' : 'ngày'}, chậm nhất ngày ${day(item.classifyDueAt)}.</p>
</section>`,
  });
}

// ————— tracking —————

interface Tracked {
  item: FeedbackItemRow;
  holderName: string;
  events: { at: Date; publicNote: string }[];
}

function trackingPage(o: { code: string; error?: string; notice?: string; found?: Tracked; token?: string }) {
  const f = o.found;
  const it = f?.item;
  const canRate = it && it.status === 'settled' && it.satisfaction === null;
  const canAppeal = it && it.kind === 'complaint' && it.instance === 1 && it.status === 'settled';
  const body: SafeHtml = html`<h1>Tra cứu đơn thư</h1>
<p class="meta">Nhập mã đơn thư và mã bí mật nhận được khi gửi.</p>
<form method="post" action="${BASE}/tra-cuu" class="card">
<p><label for="ma">Mã đơn thư</label><br><input id="ma" name="ma" required maxlength="40" autocomplete="off" value="${o.code}"></p>
<p><label for="bi-mat">Mã bí mật</label><br><input id="bi-mat" name="bi_mat" type="password" required maxlength="20" autocomplete="off"></p>
<p><button type="submit">Tra cứu</button></p>
</form>
${o.error ? html`<div class="card" role="alert"><p>${o.error}</p></div>` : ''}
${o.notice ? html`<div class="card" role="status"><p>${o.notice}</p></div>` : ''}
${
  f && it
    ? html`<section class="card" aria-labelledby="ket-qua"><h2 id="ket-qua">Đơn thư ${it.code}</h2>
<table><tbody>
<tr><th scope="row">Trạng thái</th><td><strong>${STATUS_LABELS[it.status as keyof typeof STATUS_LABELS]}</strong></td></tr>
<tr><th scope="row">Loại</th><td>${KIND_LABELS[(it.kind === 'unclassified' ? it.declaredKind : it.kind) as keyof typeof KIND_LABELS]}</td></tr>
<tr><th scope="row">Cơ quan đang xử lý</th><td>${f.holderName}</td></tr>
<tr><th scope="row">Ngày nhận</th><td>${day(it.receivedAt)}</td></tr>
${it.settleDueAt && it.status === 'accepted' ? html`<tr><th scope="row">Thời hạn giải quyết</th><td>${day(it.settleDueAt)}</td></tr>` : ''}
${it.result ? html`<tr><th scope="row">Trả lời</th><td>${it.result}</td></tr>` : ''}
</tbody></table>
<h3>Quá trình xử lý</h3>
<table class="stack"><thead><tr><th scope="col">Ngày</th><th scope="col">Nội dung</th></tr></thead><tbody>
${f.events.map((e) => html`<tr><td data-label="Ngày">${day(e.at)}</td><td data-label="Nội dung">${e.publicNote}</td></tr>`)}
</tbody></table></section>
${
  canRate
    ? html`<form method="post" action="${BASE}/danh-gia" class="card"><h3>Đánh giá mức độ hài lòng</h3>
<input type="hidden" name="ma" value="${it.code}"><p><label for="bi-mat-2">Mã bí mật</label><br><input id="bi-mat-2" name="bi_mat" type="password" required maxlength="20" autocomplete="off"></p>
<fieldset><legend>Mức độ hài lòng với việc giải quyết</legend>
${[5, 4, 3, 2, 1].map((s) => html`<p><input type="radio" id="diem-${String(s)}" name="diem" value="${String(s)}"${s === 5 ? raw(' required') : ''}> <label for="diem-${String(s)}">${String(s)} — ${['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'][s - 1] ?? ''}</label></p>`)}
</fieldset>
<p><label for="y-kien">Ý kiến (không bắt buộc)</label><br><textarea id="y-kien" name="y_kien" rows="3" maxlength="2000"></textarea></p>
<p><button type="submit">Gửi đánh giá</button></p></form>`
    : ''
}
${
  canAppeal
    ? html`<form method="post" action="${BASE}/khieu-nai-lan-hai" class="card"><h3>Khiếu nại lần hai</h3>
<p class="meta">Nếu không đồng ý với kết quả giải quyết lần đầu, Ông/Bà có thể khiếu nại lần hai đến cơ quan cấp trên (Luật Khiếu nại 2011).</p>
<input type="hidden" name="ma" value="${it.code}"><p><label for="bi-mat-3">Mã bí mật</label><br><input id="bi-mat-3" name="bi_mat" type="password" required maxlength="20" autocomplete="off"></p>
<p><label for="ly-do">Lý do không đồng ý</label><br><textarea id="ly-do" name="ly_do" rows="5" required maxlength="20000"></textarea></p>
<p><button type="submit">Gửi khiếu nại lần hai</button></p></form>`
    : ''
}`
    : ''
}`;
  return renderPublicPage({
    title: it ? `Đơn thư ${it.code}` : 'Tra cứu đơn thư',
    description: 'Tra cứu tiến độ xử lý phản ánh, kiến nghị, khiếu nại, tố cáo bằng mã đơn thư và mã bí mật.',
    path: `${BASE}/tra-cuu`,
    body,
  });
}

// ————— the public board —————

interface BoardRow {
  id: string;
  code: string;
  field: string | null;
  public_question: string;
  public_answer: string;
  published_at: Date | string;
  agency_id: string;
}

/** One page of published answers, newest first (the board and the open data read the same). */
async function publishedAnswers(db: Db, q: string, cursor: string | undefined, limit: number) {
  const after = decodeKeyset(cursor, { instant: true });
  const ts = tsQuery(q);
  const found = await rows<BoardRow>(
    db,
    sql`SELECT id, code, field, public_question, public_answer, published_at, agency_id FROM feedback_items
        WHERE published_at IS NOT NULL ${ts ? sql`AND board_vector @@ ${ts}` : sql``}
          ${after ? sql`AND (published_at, id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
        ORDER BY published_at DESC, id DESC LIMIT ${limit + 1}`,
  );
  const page = found.slice(0, limit);
  const names = await findAgencies(
    db,
    page.map((r) => r.agency_id),
  );
  const last = page[page.length - 1];
  const next =
    found.length > limit && last ? encodeCursor([new Date(last.published_at).toISOString(), last.id]) : null;
  return { page, names, next };
}

async function boardPage(db: Db, q: string, cursor: string | undefined) {
  const { page, names, next } = await publishedAnswers(db, q, cursor, 20);
  const qs = (c: string) => `?${new URLSearchParams({ ...(q ? { q } : {}), sau: c }).toString()}`;
  return renderPublicPage({
    title: 'Trả lời phản ánh, kiến nghị',
    description: 'Các phản ánh, kiến nghị về quy định hành chính và câu trả lời của cơ quan nhà nước.',
    path: `${BASE}/tra-loi`,
    body: html`<h1>Trả lời phản ánh, kiến nghị</h1>
<p class="meta">Phản ánh, kiến nghị về quy định hành chính đã được trả lời và người gửi đồng ý công khai. Thông tin cá nhân đã được loại bỏ. <a href="${BASE}">Gửi phản ánh, kiến nghị</a>.</p>
<form method="get" action="${BASE}/tra-loi" class="card" role="search"><p><label for="q">Tìm (gõ có dấu hoặc không dấu)</label><br><input id="q" name="q" maxlength="200" value="${q}"> <button type="submit">Tìm</button></p></form>
${
  page.length === 0
    ? html`<div class="card"><p>${q ? 'Không có câu trả lời nào khớp với từ khóa. Hãy thử từ khác.' : 'Chưa có câu trả lời nào được công khai.'}</p></div>`
    : page.map(
        (
          r,
        ) => html`<article class="card"><h2><a href="${BASE}/tra-loi/${r.code}">${r.public_question.slice(0, 160)}${r.public_question.length > 160 ? '…' : ''}</a></h2>
<p class="meta">${names.get(r.agency_id)?.name ?? ''} · ${day(r.published_at)}${r.field ? ` · ${r.field}` : ''}</p>
<p>${r.public_answer.slice(0, 300)}${r.public_answer.length > 300 ? '…' : ''}</p></article>`,
      )
}
${next ? html`<nav class="pager" aria-label="Trang"><a href="${BASE}/tra-loi${qs(next)}">Trang sau</a></nav>` : ''}`,
  });
}

// ————— routes —————

export const feedbackPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.services;
  const pub = publicRoute(config.PUBLIC_RATE_PER_MINUTE);
  const submitLimit = publicRoute(config.FEEDBACK_SUBMITS_PER_MINUTE);
  const lookupLimit = publicRoute(config.FEEDBACK_LOOKUPS_PER_MINUTE);
  let formKey: Buffer | null = null;
  const fKey = () => (formKey ??= tokenKey(config.dataDir));
  let idKey: Buffer | null = null;
  let trKey: Buffer | null = null;
  const keys = () => {
    idKey ??= identityKey(config);
    trKey ??= feedbackTrackingKey(config);
    return { identityKey: idKey, trackingKey: trKey };
  };
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  let unitsCache: { at: number; units: Unit[] } | null = null;
  const units = async (): Promise<Unit[]> => {
    if (unitsCache && Date.now() - unitsCache.at < 60_000) return unitsCache.units;
    const all = await activeUnits(db);
    const list = all
      .filter((u) => u.kind !== 'division' && u.agencyCode)
      .map((u) => ({ id: u.id, name: u.name }));
    unitsCache = { at: Date.now(), units: list };
    return list;
  };

  const html200 = (reply: FastifyReply, status: number, body: string) =>
    reply
      .status(status)
      .header('cache-control', 'no-store')
      .header('content-language', 'vi')
      .type('text/html; charset=utf-8')
      .send(body);

  app.get(BASE, { config: pub, schema: { hide: true } }, async (_req, reply) =>
    html200(reply, 200, formPage({ token: issueFormToken(fKey(), Date.now()), units: await units() })),
  );

  app.post(BASE, { config: submitLimit, schema: { hide: true } }, async (req, reply) => {
    const fields: Record<string, string> = {};
    const files: { bytes: Buffer; fileName: string; declaredType: string }[] = [];
    const again = async (status: number, error: string, problems?: FieldProblem[]) =>
      html200(
        reply,
        status,
        formPage({
          token: issueFormToken(fKey(), Date.now()),
          units: await units(),
          values: fields,
          problems,
          error,
        }),
      );
    if (!req.isMultipart()) return again(415, 'Biểu mẫu phải được gửi từ trang này.');
    try {
      for await (const part of req.parts({
        limits: {
          fileSize: MAX_ATTACHMENT_BYTES,
          files: MAX_FILES,
          fields: 30,
          fieldSize: 64 * 1024,
          parts: 40,
        },
      })) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          if (part.file.truncated)
            return again(413, `Tệp ${part.filename} lớn quá 10 MB.`, [
              { field: 'tep', message: `Tệp ${part.filename} lớn quá 10 MB.` },
            ]);
          if (bytes.length > 0) files.push({ bytes, fileName: part.filename, declaredType: part.mimetype });
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
        return again(413, `Tối đa ${MAX_FILES} tệp đính kèm.`, [
          { field: 'tep', message: `Tối đa ${MAX_FILES} tệp.` },
        ]);
      if (code === 'FST_REQ_FILE_TOO_LARGE')
        return again(413, 'Tệp đính kèm lớn quá 10 MB.', [
          { field: 'tep', message: 'Mỗi tệp tối đa 10 MB.' },
        ]);
      return again(400, 'Không đọc được biểu mẫu đã gửi. Vui lòng gửi lại.');
    }
    if (fields.website)
      return again(
        400,
        'Ô ẩn dành để chặn gửi tự động đã bị điền. Nếu Ông/Bà là người thật, vui lòng tải lại trang và gửi lại.',
      );
    const token = checkFormToken(fKey(), fields.token ?? '', Date.now(), config.FEEDBACK_MIN_FILL_MS);
    if (!token.ok) return again(400, token.message);
    const parsed = publicSubmissionSchema.safeParse({
      declaredKind: fields.loai || undefined,
      agencyId: fields.co_quan || undefined,
      senderKind: fields.nguoi_gui || 'citizen',
      sender: {
        name: fields.ho_ten ?? '',
        address: fields.dia_chi,
        phone: fields.dien_thoai,
        email: fields.email,
      },
      subject: fields.tieu_de ?? '',
      content: fields.noi_dung ?? '',
      field: fields.linh_vuc,
      publishConsent: fields.cong_khai === '1',
    });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({
        field: FIELD_OF_PATH[i.path.join('.')] ?? 'noi_dung',
        message: i.message,
      }));
      return again(
        400,
        problems.length === 1
          ? (problems[0]?.message ?? '')
          : `Biểu mẫu có ${problems.length} chỗ chưa đúng, xem bên dưới.`,
        problems,
      );
    }
    const s = parsed.data;
    if (!(await units()).some((u) => u.id === s.agencyId))
      return again(400, 'Không có cơ quan nhận này.', [
        { field: 'co_quan', message: 'Chọn cơ quan trong danh sách.' },
      ]);
    // Attachments: sniffed by their bytes, never trusted by name or declared type.
    const stored = await saveBlobs(
      db,
      app.services.blobs,
      files.map((f) => ({ bytes: f.bytes, declaredType: f.declaredType, maxBytes: MAX_ATTACHMENT_BYTES })),
    );
    const newFiles: NewFile[] = [];
    for (const [i, b] of stored.entries()) {
      const name = files[i]?.fileName ?? '';
      if (b instanceof AppError || !ATTACHMENT_TYPES.has(b.mediaType))
        return again(415, `Tệp ${name} không phải PDF, ảnh hoặc DOCX; không nhận loại tệp này.`, [
          { field: 'tep', message: 'Chỉ nhận PDF, JPEG, PNG, TIFF hoặc DOCX.' },
        ]);
      newFiles.push({ sha256: b.sha256, fileName: name.slice(0, 255), mediaType: b.mediaType, size: b.size });
    }
    const r = await db.transaction(async (tx) => {
      const made = await createItem(tx, {
        agencyId: s.agencyId,
        declaredKind: s.declaredKind,
        channel: 'online',
        senderKind: s.senderKind,
        subject: s.subject,
        content: s.content,
        field: s.field ?? null,
        identity: s.sender,
        publishConsent: s.publishConsent,
        files: newFiles,
        formNonce: token.nonce,
        now: app.services.now(),
        ...keys(),
      });
      if (made.created)
        await audit(
          tx,
          { system: 'public-form', ip: req.ip },
          {
            action: 'feedback.submit',
            entityType: 'feedback_item',
            entityId: made.item.id,
            agencyId: s.agencyId,
            detail: { code: made.item.code },
          },
        );
      return made;
    });
    const name = (await units()).find((u) => u.id === r.item.agencyId)?.name ?? '';
    return html200(reply, r.created ? 201 : 200, receiptPage(r.item, r.secret, name));
  });

  const lookup = async (code: string, secret: string): Promise<Tracked | null> => {
    const [item] = await db.select().from(feedbackItems).where(eq(feedbackItems.code, code));
    const want = Buffer.from(itemSecretHash(secret));
    const have = Buffer.from(item?.secretHash ?? '0'.repeat(want.length));
    if (!item || have.length !== want.length || !timingSafeEqual(have, want)) return null;
    const events = await db
      .select({ at: feedbackEvents.at, publicNote: feedbackEvents.publicNote })
      .from(feedbackEvents)
      .where(sql`${feedbackEvents.itemId} = ${item.id} AND ${feedbackEvents.publicNote} IS NOT NULL`)
      .orderBy(feedbackEvents.id);
    const holder = (await findAgencies(db, [item.agencyId])).get(item.agencyId);
    return {
      item,
      holderName: holder?.name ?? '',
      events: events.map((e) => ({ at: e.at, publicNote: e.publicNote ?? '' })),
    };
  };

  const readCodeSecret = (req: FastifyRequest) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const code = typeof b.ma === 'string' ? b.ma.trim().toUpperCase().replace(/\s+/g, '') : '';
    const secret = typeof b.bi_mat === 'string' ? b.bi_mat.trim() : '';
    return { code, secret, b };
  };

  app.get(`${BASE}/tra-cuu`, { config: pub, schema: { hide: true } }, async (req, reply) => {
    const ma = (req.query as Record<string, unknown>).ma;
    const code = typeof ma === 'string' ? ma.trim().toUpperCase().slice(0, 40) : '';
    return sendPublicHtml(req, reply, trackingPage({ code }), 300);
  });

  app.post(`${BASE}/tra-cuu`, { config: lookupLimit, schema: { hide: true } }, async (req, reply) => {
    const { code, secret } = readCodeSecret(req);
    if (!code || !secret || !CODE_RE.test(code) || secret.length > 20)
      return html200(
        reply,
        400,
        trackingPage({ code: code.slice(0, 40), error: 'Vui lòng nhập mã đơn thư và mã bí mật.' }),
      );
    const found = await lookup(code, secret);
    if (!found) return html200(reply, 404, trackingPage({ code, error: NOT_FOUND }));
    return html200(reply, 200, trackingPage({ code, found }));
  });

  app.post(`${BASE}/danh-gia`, { config: lookupLimit, schema: { hide: true } }, async (req, reply) => {
    const { code, secret, b } = readCodeSecret(req);
    const found = CODE_RE.test(code) && secret ? await lookup(code, secret) : null;
    if (!found) return html200(reply, 404, trackingPage({ code: code.slice(0, 40), error: NOT_FOUND }));
    const score = Number(b.diem);
    const comment = typeof b.y_kien === 'string' ? b.y_kien.trim().slice(0, 2000) : '';
    const fail = (status: number, error: string) =>
      html200(reply, status, trackingPage({ code, found, error }));
    if (!Number.isInteger(score) || score < 1 || score > 5)
      return fail(400, 'Vui lòng chọn mức độ hài lòng từ 1 đến 5.');
    if (MARKUP_RE.test(comment)) return fail(400, MARKUP_MESSAGE);
    if (found.item.status !== 'settled')
      return fail(409, 'Đơn thư chưa có kết quả giải quyết, chưa thể đánh giá.');
    const done = await db
      .update(feedbackItems)
      .set({ satisfaction: score, satisfactionComment: comment || null, updatedAt: app.services.now() })
      .where(sql`${feedbackItems.id} = ${found.item.id} AND ${feedbackItems.satisfaction} IS NULL`)
      .returning({ id: feedbackItems.id });
    if (done.length === 0)
      return fail(409, 'Đơn thư này đã được đánh giá; mỗi đơn thư chỉ đánh giá một lần.');
    const again = await lookup(code, secret);
    return html200(
      reply,
      200,
      trackingPage({ code, found: again ?? found, notice: 'Cảm ơn Ông/Bà đã đánh giá.' }),
    );
  });

  app.post(
    `${BASE}/khieu-nai-lan-hai`,
    { config: lookupLimit, schema: { hide: true } },
    async (req, reply) => {
      const { code, secret, b } = readCodeSecret(req);
      const found = CODE_RE.test(code) && secret ? await lookup(code, secret) : null;
      if (!found) return html200(reply, 404, trackingPage({ code: code.slice(0, 40), error: NOT_FOUND }));
      const reason = typeof b.ly_do === 'string' ? b.ly_do.trim() : '';
      const fail = (status: number, error: string) =>
        html200(reply, status, trackingPage({ code, found, error }));
      if (!reason) return fail(400, 'Vui lòng nhập lý do không đồng ý với kết quả giải quyết lần đầu.');
      if (reason.length > 20000) return fail(400, 'Lý do dài quá 20.000 ký tự.');
      if (MARKUP_RE.test(reason)) return fail(400, MARKUP_MESSAGE);
      let parentId: string;
      try {
        parentId = await secondInstanceTarget(db, found.item);
      } catch (e) {
        if (e instanceof AppError) return fail(409, e.message);
        throw e;
      }
      const [already] = await db
        .select({ code: feedbackItems.code })
        .from(feedbackItems)
        .where(eq(feedbackItems.previousItemId, found.item.id));
      if (already) return fail(409, `Đã gửi khiếu nại lần hai cho đơn thư này (mã ${already.code}).`);
      const made = await db.transaction(async (tx) => {
        const who = await readIdentity(tx, keys().identityKey, found.item.id);
        const r = await createItem(tx, {
          agencyId: parentId,
          declaredKind: 'complaint',
          channel: 'online',
          senderKind: found.item.senderKind as 'citizen',
          subject: `Khiếu nại lần hai: ${found.item.subject}`,
          content: `${reason}\n\n(Khiếu nại lần đầu: ${found.item.code}. Kết quả: ${found.item.result ?? ''})`,
          field: found.item.field,
          remote: found.item.remote,
          identity: { ...(who ?? { name: '' }), originalContent: undefined },
          files: [],
          formNonce: `second:${found.item.id}`,
          now: app.services.now(),
          ...keys(),
        });
        await tx
          .update(feedbackItems)
          .set({
            kind: 'complaint',
            instance: 2,
            previousItemId: found.item.id,
            classifyDueAt: addLimit(feedbackCalendar(), r.item.receivedAt, classifyLimit('complaint')),
          })
          .where(eq(feedbackItems.id, r.item.id));
        return r;
      });
      return html200(
        reply,
        201,
        trackingPage({
          code,
          found,
          notice: `Đã gửi khiếu nại lần hai, mã ${made.item.code}, mã bí mật ${made.secret}. Hãy ghi lại hai mã này để tra cứu.`,
        }),
      );
    },
  );

  app.get(`${BASE}/tra-loi`, { config: pub, schema: { hide: true } }, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
    const sau = typeof query.sau === 'string' ? query.sau.slice(0, 500) : undefined;
    try {
      return sendPublicHtml(req, reply, await boardPage(db, q, sau), 60);
    } catch (e) {
      if (e instanceof AppError && e.code === 'bad_request')
        return html200(
          reply,
          400,
          renderPublicPage({
            title: 'Địa chỉ không hợp lệ',
            description: e.message,
            path: `${BASE}/tra-loi`,
            body: html`<h1>Địa chỉ không hợp lệ</h1><p>${e.message} <a href="${BASE}/tra-loi">Về trang đầu</a>.</p>`,
          }),
        );
      throw e;
    }
  });

  app.get(`${BASE}/tra-loi/:code`, { config: pub, schema: { hide: true } }, async (req, reply) => {
    const code = String((req.params as { code: string }).code).toUpperCase();
    const [r] = CODE_RE.test(code)
      ? await db
          .select()
          .from(feedbackItems)
          .where(sql`${feedbackItems.code} = ${code} AND ${feedbackItems.publishedAt} IS NOT NULL`)
      : [];
    if (!r) return publicNotFound(req, reply, 'Không có câu trả lời công khai với mã này.');
    const agency = (await findAgencies(db, [r.agencyId])).get(r.agencyId);
    return sendPublicHtml(
      req,
      reply,
      renderPublicPage({
        title: (r.publicQuestion ?? '').slice(0, 80),
        description: 'Phản ánh, kiến nghị và câu trả lời của cơ quan nhà nước.',
        path: `${BASE}/tra-loi/${r.code}`,
        body: html`<h1>Phản ánh, kiến nghị ${r.code}</h1>
<p class="meta">${agency?.name ?? ''} · Trả lời ngày ${day(r.settledAt)} · Công khai ngày ${day(r.publishedAt)}${r.field ? ` · ${r.field}` : ''}</p>
<section class="card"><h2>Nội dung phản ánh, kiến nghị</h2><p>${r.publicQuestion ?? ''}</p></section>
<section class="card"><h2>Trả lời</h2><p>${r.publicAnswer ?? ''}</p></section>
<p><a href="${BASE}/tra-loi">Các câu trả lời khác</a></p>`,
      }),
      300,
    );
  });

  app.get(
    '/api/v1/open/phan-anh',
    {
      config: pub,
      schema: {
        tags: ['open-data'],
        summary: 'Phản ánh, kiến nghị đã trả lời công khai (không có thông tin cá nhân)',
      },
    },
    async (req) => {
      const query = req.query as Record<string, unknown>;
      const q = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
      const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
      const { page, names, next } = await publishedAnswers(db, q, cursor, 50);
      return {
        items: page.map((r) => ({
          code: r.code,
          agency: names.get(r.agency_id)?.name ?? '',
          field: r.field,
          question: r.public_question,
          answer: r.public_answer,
          publishedAt: new Date(r.published_at).toISOString(),
          url: `${BASE}/tra-loi/${r.code}`,
        })),
        nextCursor: next,
      };
    },
  );
};
