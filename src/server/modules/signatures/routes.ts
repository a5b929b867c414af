import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  mySigningKeyView,
  signingKeysQuery,
  signingKeyView,
  uploadKeyInput,
} from '../../../shared/schemas/signing-keys.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { listKeys, revokeKey, uploadKey } from './keys.ts';
import { signingKeyOf } from './sign.ts';

const tags = ['signatures'];
const P = '/api/v1/signing-keys';
const keys = { permission: 'signatures.keys' as const };
const read = { permission: 'authenticated' as const };

/** Digital signatures on PDFs: signing keys (the private key never leaves the server). */
export const signaturesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    P,
    {
      config: keys,
      schema: {
        tags,
        summary: 'Khóa ký số của cơ quan',
        querystring: signingKeysQuery,
        response: { 200: z.array(signingKeyView) },
      },
    },
    async (req) =>
      listKeys(ctxOf(req), {
        ...(req.query.agencyId ? { agencyId: req.query.agencyId } : {}),
        includeRevoked: req.query.includeRevoked === 'true',
      }),
  );
  app.post(
    P,
    {
      config: keys,
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Tải lên tệp PKCS#12 của người ký hoặc cơ quan',
        body: uploadKeyInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const out = await uploadKey(ctxOf(req), {
        ownerKind: b.ownerKind,
        ...(b.personId ? { personId: b.personId } : {}),
        ...(b.agencyId ? { agencyId: b.agencyId } : {}),
        p12: Buffer.from(b.p12Base64, 'base64'),
        password: b.password,
        ...(b.imageBase64 ? { image: Buffer.from(b.imageBase64, 'base64') } : {}),
      });
      return reply.code(201).send(out);
    },
  );
  app.delete(
    `${P}/:id`,
    {
      config: keys,
      schema: { tags, summary: 'Thu hồi khóa ký', params: z.object({ id: z.uuid('Mã khóa không hợp lệ.') }) },
    },
    async (req, reply) => {
      await revokeKey(ctxOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    `${P}/mine`,
    {
      config: read,
      schema: { tags, summary: 'Khóa ký số của tôi (nếu có)', response: { 200: mySigningKeyView } },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return { key: await signingKeyOf(ctx, ctx.actor.personId) };
    },
  );
};
