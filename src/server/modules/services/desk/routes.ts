import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { vnDate } from '../../../../shared/calendar/index.ts';
import {
  apologyInputSchema,
  counterInputSchema,
  counterReplySchema,
  deskDossierSchema,
  deskListQuerySchema,
  deskListSchema,
  deskProceduresSchema,
  deskStaffSchema,
  doneInputSchema,
  feeInputSchema,
  handInputSchema,
  refuseInputSchema,
  registerQuerySchema,
  resultInputSchema,
  returnInputSchema,
  stopInputSchema,
  supplementInputSchema,
  workListSchema,
} from '../../../../shared/services/desk.ts';
import { checkForm } from '../../../../shared/services/form.ts';
import { audit } from '../../../platform/audit/index.ts';
import { ctxOf } from '../../../platform/http/ctx.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { activeDivisionsOf } from '../../agencies/index.ts';
import { findDocuments } from '../../documents/index.ts';
import { staffOf } from '../../people/index.ts';
import { checkPapers } from '../applicants/dossiers.ts';
import { receiptPdf } from '../applicants/receipt.ts';
import { createDossier } from '../core/create.ts';
import { trackingKey } from '../core/secret.ts';
import {
  acceptDossier,
  apologise,
  finishStep,
  handStep,
  recordFee,
  recordResult,
  refuseDossier,
  requestSupplement,
  returnResult,
  startSteps,
  stopDossier,
} from './actions.ts';
import {
  controlSheetPdf,
  LETTER_FORMS,
  letterPdf,
  procedureForCounter,
  registerPdf,
  registerXlsx,
} from './forms.ts';
import { proceduresOf } from './procedures.ts';
import { deskView, listDesk, listWork, ownDossier, paperOf } from './view.ts';

/*
 * The one-stop desk (bộ phận một cửa) and the handling steps (issue 18). Desk work needs
 * `services.desk`; reading a dossier and doing one's own step needs `services.handle`. Everything is
 * scoped to the actor's agency: another agency's dossier answers 404.
 */

const idParams = z.object({ id: z.uuid('Mã hồ sơ không hợp lệ.') });
const stepParams = idParams.extend({ stepId: z.uuid('Mã bước không hợp lệ.') });
const ok = z.object({ ok: z.literal(true) });

function sendFile(reply: FastifyReply, bytes: Buffer, type: string, name: string) {
  return reply
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .type(type)
    .send(bytes);
}

export const deskRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['services-desk'];
  const desk = { permission: 'services.desk' as const };
  const handle = { permission: 'services.handle' as const };
  let key: Buffer | null = null;
  const secretKey = () => {
    key ??= trackingKey(app.services.config);
    return key;
  };
  const agencyOf = (req: Parameters<typeof ctxOf>[0]) => {
    const a = ctxOf(req).actor.agencyId;
    if (!a) throw new AppError('forbidden', 'Tài khoản không thuộc cơ quan nào.');
    return a;
  };

  app.get(
    '/api/v1/services/desk/dossiers',
    {
      config: desk,
      schema: {
        tags,
        summary: 'Hồ sơ của bộ phận một cửa (mới nhất trước)',
        querystring: deskListQuerySchema,
        response: { 200: deskListSchema },
      },
    },
    async (req) => listDesk(app.services.db, agencyOf(req), req.query, app.services.now()),
  );

  app.get(
    '/api/v1/services/desk/dossiers/:id',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Một hồ sơ: thông tin, giấy tờ, các bước, quá trình',
        params: idParams,
        response: { 200: deskDossierSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const d = await ownDossier(ctx.db, ctx.actor, req.params.id);
      // The dossier carries the applicant's personal data: every read is in the audit log.
      await audit(ctx.db, ctx.actor, {
        action: 'services.dossier.read',
        entityType: 'service_dossier',
        entityId: d.id,
        detail: { code: d.code },
      });
      return deskView(ctx.db, d, ctx.actor, ctx.now());
    },
  );

  app.get(
    '/api/v1/services/desk/dossiers/:id/papers/:paperId',
    {
      config: handle,
      schema: { tags, summary: 'Tải một giấy tờ của hồ sơ', params: idParams.extend({ paperId: z.uuid() }) },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const d = await ownDossier(ctx.db, ctx.actor, req.params.id);
      const paper = await paperOf(ctx.db, d.id, req.params.paperId);
      if (!paper) throw new AppError('not_found', 'Không có giấy tờ này trong hồ sơ.');
      return sendFile(
        reply,
        await app.services.blobs.read(paper.blobSha256),
        paper.mediaType,
        paper.fileName,
      );
    },
  );

  app.get(
    '/api/v1/services/desk/procedures',
    {
      config: desk,
      schema: {
        tags,
        summary: 'Thủ tục cơ quan thực hiện (để nhận hồ sơ tại quầy)',
        response: { 200: deskProceduresSchema },
      },
    },
    async (req) => ({ items: await proceduresOf(app.services.db, agencyOf(req)) }),
  );

  app.get(
    '/api/v1/services/desk/staff',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Phòng và người trong cơ quan (để giao bước xử lý)',
        response: { 200: deskStaffSchema },
      },
    },
    async (req) => {
      const agencyId = agencyOf(req);
      const [divisions, people] = await Promise.all([
        activeDivisionsOf(app.services.db, agencyId),
        staffOf(app.services.db, agencyId, ['clerk', 'officer', 'division_head', 'agency_leader']),
      ]);
      const seen = new Set<string>();
      return {
        divisions: divisions.map((d) => ({ id: d.id, name: d.name })),
        people: people
          .filter((p) => !seen.has(p.id) && seen.add(p.id))
          .map((p) => ({ id: p.id, name: p.name, title: p.title, role: p.role, divisionId: p.divisionId })),
      };
    },
  );

  app.post(
    '/api/v1/services/desk/dossiers',
    {
      config: desk,
      schema: {
        tags,
        summary: 'Nhận hồ sơ trực tiếp tại bộ phận một cửa',
        body: counterInputSchema,
        response: { 200: counterReplySchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const input = req.body;
      const agencyId = agencyOf(req);
      const p = await procedureForCounter(ctx.db, input.procedureCode);
      if (!p.agencyIds.includes(agencyId))
        throw new AppError('validation_failed', 'Cơ quan không thực hiện thủ tục này.', {
          fields: [{ path: 'body.procedureCode', message: 'Cơ quan không thực hiện thủ tục này.' }],
        });
      const form = checkForm(p.content.form, input.form, vnDate(ctx.now()));
      if (!form.ok)
        throw new AppError(
          'validation_failed',
          form.problems.length === 1
            ? (form.problems[0]?.message ?? '')
            : `Biểu mẫu có ${form.problems.length} chỗ chưa đúng.`,
          {
            fields: form.problems.map((f) => ({ path: `body.form.${f.path}`, message: f.message })),
          },
        );
      const papers = await checkPapers(ctx.db, p.content, input.papers, 'body.papers', false);
      const { idempotencyKey, ...rest } = input;
      const requestHash = createHash('sha256')
        .update(JSON.stringify({ ...rest, by: ctx.actor.personId }))
        .digest('hex');
      return ctx.db.transaction(async (tx) => {
        const r = await createDossier(tx, {
          agencyId,
          procedure: {
            id: p.procedure.id,
            version: p.version,
            onlineLevel: p.content.onlineLevel,
            processingDays: p.content.processingDays,
          },
          channel: input.channel,
          applicantId: null,
          applicant: {
            kind: input.applicant.kind,
            name: input.applicant.fullName,
            idNumber: input.applicant.idNumber ?? null,
            email: input.applicant.email ?? null,
            phone: input.applicant.phone ?? null,
            address: input.applicant.address ?? null,
          },
          formData: form.values,
          papers,
          idempotencyKey: `counter:${idempotencyKey}`,
          requestHash,
          receivedBy: ctx.actor.personId,
          now: ctx.now(),
          secretKey: secretKey(),
        });
        if (r.created && input.accept) await startSteps(tx, { ...ctx, db: tx }, r.dossier);
        if (r.created)
          await audit(tx, ctx.actor, {
            action: 'services.dossier.counter',
            entityType: 'service_dossier',
            entityId: r.dossier.id,
            detail: { code: r.dossier.code },
          });
        return { id: r.dossier.id, code: r.dossier.code, secret: r.secret, created: r.created };
      });
    },
  );

  app.get(
    '/api/v1/services/desk/dossiers/:id/receipt.pdf',
    {
      config: desk,
      schema: { tags, summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)', params: idParams },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const d = await ownDossier(ctx.db, ctx.actor, req.params.id);
      const origin = app.services.config.PUBLIC_URL?.replace(/\/+$/, '') ?? '';
      return sendFile(reply, await receiptPdf(ctx.db, d, origin), 'application/pdf', `Mau01-${d.code}.pdf`);
    },
  );

  app.get(
    '/api/v1/services/desk/dossiers/:id/forms/:form',
    {
      config: handle,
      schema: {
        tags,
        summary: 'In phiếu của hồ sơ (Mẫu 02, 03, 04, 05, 06)',
        params: idParams.extend({ form: z.enum(['02', '03', '04', '05', '06']) }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const d = await ownDossier(ctx.db, ctx.actor, req.params.id);
      const form = req.params.form;
      const letter = (Object.entries(LETTER_FORMS) as [keyof typeof LETTER_FORMS, string][]).find(
        ([, n]) => n === form,
      )?.[0];
      const bytes = letter ? await letterPdf(ctx.db, d, letter) : await controlSheetPdf(ctx.db, d);
      return sendFile(reply, bytes, 'application/pdf', `Mau${form}-${d.code}.pdf`);
    },
  );

  const action = <S extends z.ZodType>(
    path: string,
    summary: string,
    body: S,
    run: (ctx: ReturnType<typeof ctxOf>, id: string, input: z.infer<S>) => Promise<void>,
  ) =>
    app.post(
      `/api/v1/services/desk/dossiers/:id/${path}`,
      { config: desk, schema: { tags, summary, params: idParams, body, response: { 200: ok } } },
      async (req) => {
        await run(ctxOf(req), (req.params as { id: string }).id, req.body as z.infer<S>);
        return { ok: true as const };
      },
    );

  action('accept', 'Tiếp nhận hồ sơ', z.object({}).optional(), (ctx, id) => acceptDossier(ctx, id));
  action('refuse', 'Từ chối tiếp nhận (Mẫu 03)', refuseInputSchema, (ctx, id, b) =>
    refuseDossier(ctx, id, b.reason),
  );
  action(
    'supplement',
    'Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)',
    supplementInputSchema,
    requestSupplement,
  );
  action('result', 'Ghi kết quả giải quyết', resultInputSchema, (ctx, id, b) =>
    // Read in the action's own transaction (PGlite has one connection: a read beside it would wait).
    recordResult(ctx, id, b, async (tx, docId) => {
      const doc = (await findDocuments(tx, [docId])).get(docId);
      return !!doc && doc.agencyId === ctx.actor.agencyId && doc.direction === 'outgoing';
    }),
  );
  action('return', 'Trả kết quả', returnInputSchema, returnResult);
  action('fee', 'Ghi nhận phí, lệ phí đã nộp', feeInputSchema, recordFee);
  action('apology', 'Văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)', apologyInputSchema, apologise);
  action('stop', 'Dừng giải quyết hồ sơ (Mẫu 05)', stopInputSchema, (ctx, id, b) =>
    stopDossier(ctx, id, b.reason),
  );

  app.post(
    '/api/v1/services/desk/dossiers/:id/steps/:stepId/hand',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Giao bước xử lý cho người xử lý',
        params: stepParams,
        body: handInputSchema,
        response: { 200: ok },
      },
    },
    async (req) => {
      await handStep(ctxOf(req), req.params.id, req.params.stepId, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/services/desk/dossiers/:id/steps/:stepId/done',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Hoàn thành bước xử lý được giao',
        params: stepParams,
        body: doneInputSchema,
        response: { 200: ok },
      },
    },
    async (req) => {
      await finishStep(ctxOf(req), req.params.id, req.params.stepId, req.body);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/services/work',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Các bước xử lý hồ sơ TTHC được giao cho tôi (gấp nhất trước)',
        querystring: z.object({
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: workListSchema },
      },
    },
    async (req) => listWork(app.services.db, ctxOf(req).actor.personId, req.query, app.services.now()),
  );

  for (const ext of ['pdf', 'xlsx'] as const)
    app.get(
      `/api/v1/services/desk/register.${ext}`,
      {
        config: desk,
        schema: {
          tags,
          summary: `Sổ theo dõi hồ sơ (Mẫu 07), tệp ${ext.toUpperCase()}`,
          querystring: registerQuerySchema,
        },
      },
      async (req, reply) => {
        const agencyId = agencyOf(req);
        const { from, to } = req.query;
        const bytes =
          ext === 'pdf'
            ? await registerPdf(app.services.db, agencyId, from, to)
            : await registerXlsx(app.services.db, agencyId, from, to);
        const type =
          ext === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        return sendFile(reply, bytes, type, `So-theo-doi-ho-so-${from}-${to}.${ext}`);
      },
    );
};
