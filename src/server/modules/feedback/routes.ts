import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptInputSchema,
  assignInputSchema,
  classifyInputSchema,
  createdSchema,
  duplicateInputSchema,
  figuresQuerySchema,
  figuresSchema,
  forwardInputSchema,
  identitySchema,
  intakeInputSchema,
  itemViewSchema,
  publishInputSchema,
  reasonInputSchema,
  registerPageSchema,
  registerQuerySchema,
  settleInputSchema,
  staffSchema,
} from '../../../shared/feedback/api.ts';
import { audit } from '../../platform/audit/index.ts';
import { findBlob } from '../../platform/blobs/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { activeUnits } from '../agencies/index.ts';
import { staffOf } from '../people/index.ts';
import { caseRoleOf, loadItem, mayOpenIdentity } from './access.ts';
import {
  acceptItem,
  assignCase,
  classifyItem,
  extendItem,
  type FeedbackKeys,
  forwardItem,
  markDuplicate,
  publishAnswer,
  refuseItem,
  settleItem,
} from './actions.ts';
import { computeFigures } from './figures.ts';
import { identityKey, readIdentity } from './identity.ts';
import { createItem, feedbackTrackingKey, type NewFile } from './intake.ts';
import { registerPdf, registerXlsx, verifierCopyPdf } from './print.ts';
import { fileFor, itemView, listRegister } from './view.ts';

/*
 * The staff side of feedback (issue 19): the register, one item, the actions, the identity (sealed),
 * the verifier's copy, the printouts and the figures. Every route is scoped to the actor's agency;
 * another agency's item answers 404.
 */

/** What an attachment may be: documents and scans, never a program. */
export const ATTACHMENT_TYPES = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const idParams = z.object({ id: z.uuid('Mã đơn thư không hợp lệ.') });
const ok = z.object({ ok: z.literal(true) });
const periodSchema = z
  .object({ from: z.iso.date('Ngày không hợp lệ.'), to: z.iso.date('Ngày không hợp lệ.') })
  .refine((q) => q.from <= q.to, { message: 'Ngày bắt đầu phải trước ngày kết thúc.', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'Sổ in tối đa một năm.',
    path: ['to'],
  });

function sendFile(reply: FastifyReply, bytes: Buffer, type: string, name: string) {
  return reply
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .type(type)
    .send(bytes);
}

export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['feedback'];
  const receive = { permission: 'feedback.receive' as const };
  const handle = { permission: 'feedback.handle' as const };
  let idKey: Buffer | null = null;
  let trKey: Buffer | null = null;
  const keys = (): FeedbackKeys & { trackingKey: Buffer } => {
    idKey ??= identityKey(app.services.config);
    trKey ??= feedbackTrackingKey(app.services.config);
    return { identityKey: idKey, trackingKey: trKey };
  };
  const agencyOf = (req: FastifyRequest) => {
    const a = ctxOf(req).actor.agencyId;
    if (!a) throw new AppError('forbidden', 'Tài khoản không thuộc cơ quan nào.');
    return a;
  };

  app.get(
    '/api/v1/feedback/register',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Sổ đơn thư của cơ quan (mới nhất trước)',
        querystring: registerQuerySchema,
        response: { 200: registerPageSchema },
      },
    },
    async (req) =>
      listRegister(app.services.db, agencyOf(req), keys().identityKey, req.query, app.services.now()),
  );

  for (const [ext, type, make] of [
    ['pdf', 'application/pdf', registerPdf],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', registerXlsx],
  ] as const)
    app.get(
      `/api/v1/feedback/register.${ext}`,
      {
        config: receive,
        schema: { tags, summary: `Sổ đơn thư của một kỳ (${ext})`, querystring: periodSchema },
      },
      async (req, reply) => {
        const ctx = ctxOf(req);
        const agencyId = agencyOf(req);
        await audit(ctx.db, ctx.actor, {
          action: 'feedback.register.export',
          detail: { from: req.query.from, to: req.query.to, format: ext },
        });
        const bytes = await make(ctx.db, agencyId, keys().identityKey, req.query.from, req.query.to);
        return sendFile(reply, bytes, type, `so-don-thu-${req.query.from}-${req.query.to}.${ext}`);
      },
    );

  app.post(
    '/api/v1/feedback/items',
    {
      config: receive,
      schema: {
        tags,
        summary: 'Vào sổ đơn thư nhận trực tiếp hoặc qua bưu chính',
        body: intakeInputSchema,
        response: { 200: createdSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const agencyId = agencyOf(req);
      const b = req.body;
      const files = await checkAttachments(ctx, b.files);
      const receivedAt = b.receivedOn ? new Date(`${b.receivedOn}T09:00:00+07:00`) : undefined;
      if (receivedAt && receivedAt > ctx.now())
        throw new AppError('validation_failed', 'Ngày nhận không thể sau hôm nay.', {
          fields: [{ path: 'body.receivedOn', message: 'Ngày nhận không thể sau hôm nay.' }],
        });
      return ctx.db.transaction(async (tx) => {
        const r = await createItem(tx, {
          agencyId,
          declaredKind: b.declaredKind,
          channel: b.channel,
          senderKind: b.senderKind,
          subject: b.subject,
          content: b.content,
          field: b.field ?? null,
          remote: b.remote,
          identity: b.sender,
          publishConsent: b.publishConsent,
          files,
          receivedBy: ctx.actor.personId,
          receivedAt,
          now: ctx.now(),
          ...keys(),
        });
        await audit(tx, ctx.actor, {
          action: 'feedback.receive',
          entityType: 'feedback_item',
          entityId: r.item.id,
          detail: { code: r.item.code, channel: b.channel },
        });
        return { id: r.item.id, code: r.item.code, secret: r.secret };
      });
    },
  );

  app.get(
    '/api/v1/feedback/items/:id',
    {
      config: handle,
      schema: { tags, summary: 'Một đơn thư', params: idParams, response: { 200: itemViewSchema } },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const item = await loadItem(ctx.db, ctx.actor, req.params.id);
      await audit(ctx.db, ctx.actor, {
        action: 'feedback.item.read',
        entityType: 'feedback_item',
        entityId: item.id,
        detail: { code: item.code },
      });
      return itemView(ctx.db, item, ctx.actor, ctx.now());
    },
  );

  app.get(
    '/api/v1/feedback/items/:id/identity',
    {
      config: handle,
      schema: {
        tags,
        summary:
          'Thông tin người gửi (với tố cáo: chỉ người được giao giải quyết; mỗi lần xem được ghi nhật ký)',
        params: idParams,
        response: { 200: identitySchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const item = await loadItem(ctx.db, ctx.actor, req.params.id);
      const role = await caseRoleOf(ctx.db, item.id, ctx.actor.personId);
      if (!mayOpenIdentity(item, ctx.actor, role)) {
        await audit(ctx.db, ctx.actor, {
          action: 'feedback.identity.refused',
          entityType: 'feedback_item',
          entityId: item.id,
          detail: { code: item.code },
        });
        throw new AppError(
          'forbidden',
          'Thông tin người tố cáo được giữ bí mật; chỉ người được giao giải quyết vụ việc mới được xem.',
        );
      }
      const who = await readIdentity(ctx.db, keys().identityKey, item.id);
      await audit(ctx.db, ctx.actor, {
        action: 'feedback.identity.read',
        entityType: 'feedback_item',
        entityId: item.id,
        detail: { code: item.code },
      });
      return {
        name: who?.name ?? '',
        address: who?.address ?? null,
        phone: who?.phone ?? null,
        email: who?.email ?? null,
        idNumber: who?.idNumber ?? null,
        originalContent: who?.originalContent ?? null,
      };
    },
  );

  app.get(
    '/api/v1/feedback/items/:id/files/:fileId',
    {
      config: handle,
      schema: { tags, summary: 'Tải một tệp đính kèm', params: idParams.extend({ fileId: z.uuid() }) },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const item = await loadItem(ctx.db, ctx.actor, req.params.id);
      const f = await fileFor(ctx.db, item, ctx.actor, req.params.fileId);
      if (!f) throw new AppError('not_found', 'Không có tệp này trong đơn thư.');
      if (f === 'sealed')
        throw new AppError(
          'forbidden',
          'Tệp có thông tin người tố cáo; chỉ người được giao giải quyết mới được xem.',
        );
      await audit(ctx.db, ctx.actor, {
        action: 'feedback.file.read',
        entityType: 'feedback_item',
        entityId: item.id,
        detail: { code: item.code, file: f.id },
      });
      return sendFile(reply, await app.services.blobs.read(f.blobSha256), f.mediaType, f.fileName);
    },
  );

  app.get(
    '/api/v1/feedback/items/:id/verifier-copy.pdf',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Bản sao đơn thư cho người xác minh (đã loại thông tin người tố cáo)',
        params: idParams,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const item = await loadItem(ctx.db, ctx.actor, req.params.id);
      await audit(ctx.db, ctx.actor, {
        action: 'feedback.verifier_copy',
        entityType: 'feedback_item',
        entityId: item.id,
        detail: { code: item.code },
      });
      return sendFile(
        reply,
        await verifierCopyPdf(ctx.db, item),
        'application/pdf',
        `ban-sao-${item.code}.pdf`,
      );
    },
  );

  app.get(
    '/api/v1/feedback/staff',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Người của cơ quan (để giao) và các cơ quan (để chuyển)',
        response: { 200: staffSchema },
      },
    },
    async (req) => {
      const agencyId = agencyOf(req);
      const [people, units] = await Promise.all([
        staffOf(app.services.db, agencyId, ['clerk', 'officer', 'division_head', 'agency_leader']),
        activeUnits(app.services.db).then((u) => u.filter((x) => x.kind !== 'division')),
      ]);
      const seen = new Set<string>();
      return {
        people: people
          .filter((p) => !seen.has(p.id) && seen.add(p.id))
          .map((p) => ({ id: p.id, name: p.name, title: p.title, role: p.role })),
        agencies: units.filter((u) => u.id !== agencyId).map((u) => ({ id: u.id, name: u.name })),
      };
    },
  );

  const action = <S extends z.ZodType>(
    verb: string,
    summary: string,
    body: S,
    run: (ctx: Ctx, k: FeedbackKeys, id: string, b: z.infer<S>) => Promise<void>,
    permission: 'feedback.receive' | 'feedback.handle' | 'feedback.assign' = 'feedback.handle',
  ) =>
    app.post(
      `/api/v1/feedback/items/:id/${verb}`,
      { config: { permission }, schema: { tags, summary, params: idParams, body, response: { 200: ok } } },
      async (req) => {
        await run(ctxOf(req), keys(), (req.params as { id: string }).id, req.body as z.infer<S>);
        return { ok: true as const };
      },
    );

  action('classify', 'Phân loại đơn thư', classifyInputSchema, classifyItem, 'feedback.receive');
  action(
    'forward',
    'Chuyển đơn thư đến cơ quan có thẩm quyền',
    forwardInputSchema,
    forwardItem,
    'feedback.receive',
  );
  action(
    'refuse',
    'Không thụ lý, trả lời người gửi',
    reasonInputSchema,
    (c, k, id, b) => refuseItem(c, k, id, b),
    'feedback.receive',
  );
  action(
    'duplicate',
    'Gộp vào đơn thư trùng nội dung',
    duplicateInputSchema,
    markDuplicate,
    'feedback.receive',
  );
  action('assign', 'Giao người giải quyết, người xác minh', assignInputSchema, assignCase, 'feedback.assign');
  action('accept', 'Thụ lý giải quyết', acceptInputSchema, acceptItem);
  action('extend', 'Gia hạn giải quyết', reasonInputSchema, extendItem);
  action('settle', 'Ghi kết quả giải quyết và trả lời người gửi', settleInputSchema, settleItem);
  action('publish', 'Công khai câu hỏi và trả lời', publishInputSchema, publishAnswer);

  app.get(
    '/api/v1/feedback/figures',
    {
      config: { permission: 'feedback.figures' },
      schema: {
        tags,
        summary: 'Số liệu tiếp nhận, giải quyết đơn thư',
        querystring: figuresQuerySchema,
        response: { 200: figuresSchema },
      },
    },
    async (req) => {
      const agencyId = req.query.scope === 'province' ? null : agencyOf(req);
      return computeFigures(app.services.db, req.query, agencyId, app.services.now());
    },
  );
};

/** Uploaded attachments: stored already (the shared upload), of an allowed kind and size. */
export async function checkAttachments(
  ctx: Ctx,
  files: { sha256: string; fileName: string; identifying?: boolean }[],
): Promise<NewFile[]> {
  const out: NewFile[] = [];
  for (const [i, f] of files.entries()) {
    const blob = await findBlob(ctx.db, f.sha256);
    const path = `body.files.${i}`;
    if (!blob)
      throw new AppError('validation_failed', `Tệp ${f.fileName} chưa được tải lên.`, {
        fields: [{ path, message: 'Tệp chưa được tải lên.' }],
      });
    if (!ATTACHMENT_TYPES.has(blob.mediaType))
      throw new AppError(
        'unsupported_media_type',
        `Tệp ${f.fileName} không phải PDF, ảnh hoặc DOCX; không nhận loại tệp này.`,
        {
          fields: [{ path, message: 'Chỉ nhận PDF, JPEG, PNG, TIFF hoặc DOCX.' }],
        },
      );
    if (blob.size > MAX_ATTACHMENT_BYTES)
      throw new AppError('payload_too_large', `Tệp ${f.fileName} lớn quá 10 MB.`, {
        fields: [{ path, message: 'Tệp lớn quá 10 MB.' }],
      });
    out.push({
      sha256: blob.sha256,
      fileName: f.fileName,
      mediaType: blob.mediaType,
      size: blob.size,
      identifying: f.identifying,
    });
  }
  return out;
}
