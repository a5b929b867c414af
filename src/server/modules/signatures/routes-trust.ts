import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { trustAnchorsUpload, trustAnchorView } from '../../../shared/schemas/signatures-verify.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { addTrustAnchors, listTrustAnchors, removeTrustAnchor, setTrustAnchorCrl } from './verify/anchors.ts';

const P = '/api/v1/signatures/trust-anchors';
const tags = ['signatures'];
const trust = { permission: 'signatures.trust' as const };
const params = z.object({ id: z.uuid() });

/** Trust anchors: the CA certificates (and their CRLs) signatures on arriving PDFs are checked against. */
export const trustRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    P,
    {
      config: trust,
      schema: {
        tags,
        summary: 'Chứng thư tin cậy (CA gốc, trung gian)',
        response: { 200: z.object({ items: z.array(trustAnchorView) }) },
      },
    },
    async (req) => ({ items: await listTrustAnchors(ctxOf(req)) }),
  );
  app.post(
    P,
    {
      config: trust,
      schema: {
        tags,
        summary: 'Nạp chứng thư CA (PEM một hoặc nhiều, hoặc DER base64), kèm CRL nếu có',
        body: trustAnchorsUpload,
        response: { 201: z.object({ items: z.array(trustAnchorView) }) },
      },
    },
    async (req, reply) => reply.code(201).send({ items: await addTrustAnchors(ctxOf(req), req.body) }),
  );
  app.post(
    `${P}/:id/crl`,
    {
      config: trust,
      schema: {
        tags,
        summary: 'Thay danh sách thu hồi (CRL) của một chứng thư tin cậy',
        params,
        body: z.object({ crl: z.string().min(1, 'Chọn tệp CRL').max(20_000_000, 'Tệp CRL quá lớn') }),
        response: { 200: trustAnchorView },
      },
    },
    async (req) => setTrustAnchorCrl(ctxOf(req), req.params.id, req.body.crl),
  );
  app.delete(
    `${P}/:id`,
    { config: trust, schema: { tags, summary: 'Gỡ một chứng thư tin cậy', params } },
    async (req, reply) => {
      await removeTrustAnchor(ctxOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
};
