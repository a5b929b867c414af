import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicantDossierListSchema,
  applicantDossierSchema,
  applicantMeSchema,
  applicantProfileSchema,
  DOSSIER_SECRET_HEADER,
  ratingInputSchema,
  submitInputSchema,
  submitReplySchema,
  supplementAnswerSchema,
  uploadedPaperSchema,
} from '../../../../shared/services/api.ts';
import { tokenHash } from '../../../platform/auth/tokens.ts';
import { saveBlobs } from '../../../platform/blobs/index.ts';
import { sniffHead } from '../../../platform/blobs/sniff.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { queueOutsideMail } from '../../mail/index.ts';
import { trackingKey } from '../core/secret.ts';
import type { DossierRow } from '../core/transition.ts';
import { serviceApplicantCodes, serviceApplicants } from '../schema.ts';
import {
  answerSupplement,
  dossierView,
  findOwnDossier,
  listDossiers,
  NOT_FOUND,
  PAPER_MAX_BYTES,
  PAPER_TYPES,
  rateDossier,
  submitDossier,
} from './dossiers.ts';
import { receiptPdf } from './receipt.ts';
import {
  APPLICANT_COOKIE,
  applicantOf,
  claimDossiers,
  closeSession,
  meOf,
  openSession,
  requireApplicant,
} from './session.ts';
import { trackingRoutes } from './tracking.ts';

/*
 * The applicants' API (issue 18): e-mail-code sign-in, profile, uploads, online submission
 * (idempotent), the dossier's view for its owner or a guest with the tracking secret, the receipt
 * (Mẫu 01), the answer to a supplement request, rating and the result's download. Every error is
 * problem+json with a Vietnamese detail; a refused request changes nothing.
 */

const CODE_MINUTES = 10;
const CODE_ATTEMPTS = 5;
const CODES_PER_HOUR = 5;
const codeParams = z.object({ code: z.string().trim().min(1).max(40) });
const emailBody = z.object({ email: z.email('Địa chỉ thư điện tử không hợp lệ.').max(200) });

export const applicantsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.services;
  const now = () => app.services.now();
  const tags = ['services-applicants'];
  // Signed-in routes: the guard leaves the applicant's own cookie to this module (401 without one).
  const applicant = { permission: 'applicant' as const };
  // Routes a guest may call too (sign-in, upload, submission, a dossier with its secret): public for
  // the guard, rate-limited per address; the route still reads the applicant's cookie when there is one.
  const limited = (max: number) => ({
    permission: 'public' as const,
    rateLimit: { max, timeWindow: '1 minute' },
  });
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: config.COOKIE_SECURE };
  let key: Buffer | null = null;
  const secretKey = () => {
    key ??= trackingKey(config);
    return key;
  };

  /** The dossier this request may see (owner's session, or the guest's secret header), else 404. */
  const reachable = async (req: FastifyRequest, code: string): Promise<DossierRow> => {
    const s = await applicantOf(db, req, now());
    const secret = req.headers[DOSSIER_SECRET_HEADER];
    const d = await findOwnDossier(db, code, {
      me: s?.applicant ?? null,
      secret: typeof secret === 'string' ? secret : null,
    });
    if (!d) throw new AppError('not_found', NOT_FOUND);
    return d;
  };

  app.post(
    '/api/v1/applicants/sign-in/code',
    {
      config: limited(Math.min(config.LOGIN_RATE_PER_MINUTE, 10)),
      schema: { tags, summary: 'Gửi mã đăng nhập qua thư điện tử', body: emailBody },
    },
    async (req, reply) => {
      const email = req.body.email.trim().toLowerCase();
      const t = now();
      await db.transaction(async (tx) => {
        const [recent] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(serviceApplicantCodes)
          .where(
            and(
              eq(serviceApplicantCodes.email, email),
              gte(serviceApplicantCodes.createdAt, new Date(t.getTime() - 3_600_000)),
            ),
          );
        // Too many codes for one address within the hour: the same answer, no mail.
        if ((recent?.n ?? 0) >= CODES_PER_HOUR) return;
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        const [row] = await tx
          .insert(serviceApplicantCodes)
          .values({
            email,
            codeHash: tokenHash(`${email}:${code}`),
            expiresAt: new Date(t.getTime() + CODE_MINUTES * 60_000),
            createdAt: t,
          })
          .returning({ id: serviceApplicantCodes.id });
        const queued = await queueOutsideMail(tx, {
          agencyId: null,
          toAddress: email,
          subject: `Mã đăng nhập Dịch vụ công: ${code}`,
          bodyText: [
            'Kính gửi Ông/Bà,',
            '',
            `Mã đăng nhập Cổng dịch vụ công của Ông/Bà là: ${code}`,
            `Mã có hiệu lực trong ${CODE_MINUTES} phút và chỉ dùng được một lần.`,
            '',
            'Nếu Ông/Bà không yêu cầu mã này, vui lòng bỏ qua thư.',
          ].join('\n'),
          sourceKey: `services:sign-in:${row?.id}`,
        });
        if (queued === 'no_account') req.log.warn('services: no mailbox to send an applicant sign-in code');
      });
      return reply.status(202).send({ detail: 'Nếu địa chỉ hợp lệ, mã đăng nhập đã được gửi tới hộp thư.' });
    },
  );

  app.post(
    '/api/v1/applicants/sign-in',
    {
      config: limited(Math.min(config.LOGIN_RATE_PER_MINUTE, 30)),
      schema: {
        tags,
        summary: 'Đăng nhập bằng mã đã nhận qua thư điện tử',
        body: emailBody.extend({
          code: z
            .string()
            .trim()
            .regex(/^\d{6}$/, 'Mã đăng nhập gồm 6 chữ số.'),
        }),
        response: { 200: applicantMeSchema },
      },
    },
    async (req, reply) => {
      const email = req.body.email.trim().toLowerCase();
      const t = now();
      const wrong = 'Mã đăng nhập không đúng hoặc đã hết hạn.';
      const [c] = await db
        .select()
        .from(serviceApplicantCodes)
        .where(
          and(
            eq(serviceApplicantCodes.email, email),
            isNull(serviceApplicantCodes.usedAt),
            gt(serviceApplicantCodes.expiresAt, t),
          ),
        )
        .orderBy(desc(serviceApplicantCodes.createdAt))
        .limit(1);
      if (!c) throw new AppError('invalid_credentials', wrong);
      if (c.attempts >= CODE_ATTEMPTS)
        throw new AppError('rate_limited', 'Đã nhập sai mã quá số lần cho phép. Vui lòng lấy mã mới.');
      if (c.codeHash !== tokenHash(`${email}:${req.body.code}`)) {
        await db
          .update(serviceApplicantCodes)
          .set({ attempts: sql`${serviceApplicantCodes.attempts} + 1` })
          .where(eq(serviceApplicantCodes.id, c.id));
        throw new AppError('invalid_credentials', wrong);
      }
      const done = await db.transaction(async (tx) => {
        const used = await tx
          .update(serviceApplicantCodes)
          .set({ usedAt: t })
          .where(and(eq(serviceApplicantCodes.id, c.id), isNull(serviceApplicantCodes.usedAt)))
          .returning({ id: serviceApplicantCodes.id });
        if (used.length === 0) throw new AppError('invalid_credentials', wrong);
        const [a] = await tx
          .insert(serviceApplicants)
          .values({ email, verifiedAt: t })
          .onConflictDoUpdate({ target: serviceApplicants.email, set: { verifiedAt: t } })
          .returning();
        if (!a) throw new Error('applicant not written');
        await claimDossiers(tx, a);
        return { a, s: await openSession(tx, a.id, t) };
      });
      reply.setCookie(APPLICANT_COOKIE, done.s.token, {
        ...cookieBase,
        httpOnly: true,
        expires: done.s.expiresAt,
      });
      return meOf(done.a, done.s.csrfToken);
    },
  );

  app.post(
    '/api/v1/applicants/sign-out',
    { config: applicant, schema: { tags, summary: 'Đăng xuất' } },
    async (req, reply) => {
      const s = await requireApplicant(db, req, now());
      await closeSession(db, s.sessionId);
      reply.clearCookie(APPLICANT_COOKIE, cookieBase);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/applicants/me',
    {
      config: applicant,
      schema: { tags, summary: 'Tài khoản đang đăng nhập', response: { 200: applicantMeSchema } },
    },
    async (req) => {
      const s = await requireApplicant(db, req, now());
      return meOf(s.applicant, s.csrfToken);
    },
  );

  app.put(
    '/api/v1/applicants/me',
    {
      config: applicant,
      // Signed in first (401), then the body's checks (400).
      preValidation: async (req) => {
        await requireApplicant(db, req, now());
      },
      schema: {
        tags,
        summary: 'Cập nhật thông tin cá nhân',
        body: applicantProfileSchema,
        response: { 200: applicantMeSchema },
      },
    },
    async (req) => {
      const s = await requireApplicant(db, req, now());
      const b = req.body;
      const [a] = await db
        .update(serviceApplicants)
        .set({
          fullName: b.fullName,
          kind: b.kind,
          idNumber: b.idNumber ?? null,
          phone: b.phone ?? null,
          address: b.address ?? null,
          updatedAt: sql`now()`,
        })
        .where(eq(serviceApplicants.id, s.applicant.id))
        .returning();
      return meOf(a ?? s.applicant, s.csrfToken);
    },
  );

  app.post(
    '/api/v1/applicants/papers',
    {
      config: limited(config.PUBLIC_RATE_PER_MINUTE),
      schema: {
        tags,
        summary: 'Tải lên một giấy tờ (PDF, JPEG, PNG; tối đa 10 MB); tùy chọn ?sha256= để kiểm tra toàn vẹn',
        querystring: z.object({
          sha256: z
            .string()
            .regex(/^[0-9a-fA-F]{64}$/, 'Mã SHA-256 không hợp lệ.')
            .optional(),
        }),
        response: { 201: uploadedPaperSchema },
      },
    },
    async (req, reply) => {
      await applicantOf(db, req, now()); // a signed-in applicant's upload carries the CSRF header
      if (!req.isMultipart())
        throw new AppError(
          'unsupported_media_type',
          'Vui lòng gửi tệp dạng multipart/form-data (trường "file").',
        );
      const part = await req.file({ limits: { fileSize: PAPER_MAX_BYTES, files: 1 } });
      if (part?.fieldname !== 'file')
        throw new AppError('bad_request', 'Không có tệp trong yêu cầu (trường "file").');
      const bytes = await part.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('payload_too_large', 'Tệp vượt quá dung lượng cho phép (10 MB).');
        throw e;
      });
      if (part.file.truncated || bytes.length > PAPER_MAX_BYTES)
        throw new AppError('payload_too_large', 'Tệp vượt quá dung lượng cho phép (10 MB).');
      if (bytes.length === 0) throw new AppError('bad_request', 'Tệp rỗng.');
      const type = await sniffHead(bytes, undefined).catch(() => '');
      if (!PAPER_TYPES.has(type))
        throw new AppError(
          'unsupported_media_type',
          'Chỉ nhận giấy tờ dạng PDF, JPEG hoặc PNG (xác định theo nội dung tệp).',
        );
      // The declared hash is checked before anything is stored: a damaged upload leaves no trace.
      if (
        req.query.sha256 &&
        req.query.sha256.toLowerCase() !== createHash('sha256').update(bytes).digest('hex')
      )
        throw new AppError(
          'validation_failed',
          'Tệp nhận được không khớp mã SHA-256 đã khai báo; có thể tệp bị lỗi khi truyền. Vui lòng tải lại.',
        );
      const [stored] = await saveBlobs(db, app.services.blobs, [
        { bytes, declaredType: type, maxBytes: PAPER_MAX_BYTES },
      ]);
      if (!stored) throw new Error('blob not stored');
      if (stored instanceof AppError) throw stored;
      const fileName = (part.filename || 'tep').replace(/[\\/\0]/g, '_').slice(0, 255);
      return reply
        .status(201)
        .send({ sha256: stored.sha256, fileName, mediaType: stored.mediaType, size: stored.size });
    },
  );

  app.post(
    '/api/v1/applicants/dossiers',
    {
      config: limited(config.PUBLIC_RATE_PER_MINUTE),
      schema: {
        tags,
        summary: 'Nộp hồ sơ trực tuyến (chống gửi trùng bằng idempotencyKey)',
        body: submitInputSchema,
        response: { 200: submitReplySchema, 201: submitReplySchema },
      },
    },
    async (req, reply) => {
      const s = await applicantOf(db, req, now());
      const r = await submitDossier(db, req.body, s?.applicant ?? null, now(), secretKey());
      return reply.status(r.created ? 201 : 200).send({
        id: r.dossier.id,
        code: r.dossier.code,
        secret: r.secret,
        status: r.dossier.status,
        submittedAt: r.dossier.submittedAt.toISOString(),
        dueAt: (r.dossier.dueAt ?? r.dossier.submittedAt).toISOString(),
        created: r.created,
      });
    },
  );

  app.get(
    '/api/v1/applicants/dossiers',
    {
      config: applicant,
      schema: {
        tags,
        summary: 'Hồ sơ của tôi',
        querystring: z.object({ cursor: z.string().max(200).optional() }),
        response: { 200: applicantDossierListSchema },
      },
    },
    async (req) => {
      const s = await requireApplicant(db, req, now());
      return listDossiers(db, s.applicant, req.query.cursor);
    },
  );

  app.get(
    '/api/v1/applicants/dossiers/:code',
    {
      config: limited(config.PUBLIC_RATE_PER_MINUTE),
      schema: { tags, summary: 'Xem hồ sơ', params: codeParams, response: { 200: applicantDossierSchema } },
    },
    async (req, reply) => {
      const d = await reachable(req, req.params.code);
      reply.header('cache-control', 'no-store');
      return dossierView(db, d);
    },
  );

  app.get(
    '/api/v1/applicants/dossiers/:code/receipt.pdf',
    {
      config: limited(config.PUBLIC_RATE_PER_MINUTE),
      schema: { tags, summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)', params: codeParams },
    },
    async (req, reply) => {
      const d = await reachable(req, req.params.code);
      const origin = config.PUBLIC_URL?.replace(/\/+$/, '') || `${req.protocol}://${req.host}`;
      const pdf = await receiptPdf(db, d, origin);
      return sendFile(reply, pdf, 'application/pdf', `Mau01-${d.code}.pdf`, 'inline');
    },
  );

  app.post(
    '/api/v1/applicants/dossiers/:code/supplement',
    {
      config: limited(config.PUBLIC_RATE_PER_MINUTE),
      schema: {
        tags,
        summary: 'Bổ sung giấy tờ theo yêu cầu',
        params: codeParams,
        body: supplementAnswerSchema,
        response: { 200: applicantDossierSchema },
      },
    },
    async (req) => {
      const d = await reachable(req, req.params.code);
      return dossierView(db, await answerSupplement(db, d.id, req.body, now()));
    },
  );

  app.post(
    '/api/v1/applicants/dossiers/:code/rating',
    {
      config: limited(config.PUBLIC_RATE_PER_MINUTE),
      schema: {
        tags,
        summary: 'Đánh giá mức độ hài lòng',
        params: codeParams,
        body: ratingInputSchema,
        response: { 200: applicantDossierSchema },
      },
    },
    async (req) => {
      const d = await reachable(req, req.params.code);
      return dossierView(db, await rateDossier(db, d.id, req.body, now()));
    },
  );

  app.get(
    '/api/v1/applicants/dossiers/:code/result',
    {
      config: limited(config.PUBLIC_RATE_PER_MINUTE),
      schema: { tags, summary: 'Tải kết quả giải quyết', params: codeParams },
    },
    async (req, reply) => {
      const d = await reachable(req, req.params.code);
      if (d.status !== 10 || d.returnMethod !== 'online' || !d.resultBlob)
        throw new AppError('not_found', 'Kết quả của hồ sơ này chưa được trả trực tuyến.');
      const bytes = await app.services.blobs.read(d.resultBlob);
      const name = d.resultFileName || `KetQua-${d.code}.pdf`;
      const type = name.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream';
      return sendFile(reply, bytes, type, name, 'attachment');
    },
  );

  await app.register(trackingRoutes);
};

function sendFile(reply: FastifyReply, bytes: Buffer, type: string, name: string, disposition: string) {
  return reply
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(name)}`)
    .type(type)
    .send(bytes);
}
