import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okView, pageOf } from '../../../shared/schemas/common.ts';
import {
  attachInput,
  attachView,
  confirmView,
  conflictsInput,
  conflictView,
  documentParams,
  entryParams,
  invitationListQuery,
  invitationView,
  meetingInput,
  meetingSaveView,
  meetingsQuery,
  meetingsView,
  meetingView,
  reasonInput,
} from '../../../shared/schemas/portal-invitations.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import {
  attachInvitation,
  cancelMeeting,
  checkConflicts,
  confirmInvitation,
  dismissInvitation,
  getInvitation,
  listInvitations,
  meetingsOfWeek,
  updateMeeting,
} from './invitations.ts';

const tags = ['portal'];
const P = '/api/v1/portal';
/** Confirming meetings from invitations is part of `schedule.manage` (platform/access/permissions.ts). */
const manage = { permission: 'schedule.manage' as const };

/** The invitations routes of the portal: meetings from giấy mời (see invitations.ts). */
export const invitationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${P}/invitations`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Giấy mời chờ xếp lịch (hoặc đã xếp, đã bỏ qua) của cơ quan, mới nhất trước',
        querystring: invitationListQuery,
        response: { 200: pageOf(invitationView) },
      },
    },
    async (req) => listInvitations(ctxOf(req), req.query),
  );
  app.post(
    `${P}/invitations/conflicts`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Lịch trùng của những người này vào giờ đó',
        body: conflictsInput,
        response: { 200: z.object({ items: z.array(conflictView) }) },
      },
    },
    async (req) => ({ items: await checkConflicts(ctxOf(req), req.body) }),
  );
  app.get(
    `${P}/invitations/:documentId`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Một giấy mời và cuộc họp đề xuất',
        params: documentParams,
        response: { 200: invitationView },
      },
    },
    async (req) => getInvitation(ctxOf(req), req.params.documentId),
  );
  app.post(
    `${P}/invitations/:documentId/confirm`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Đưa giấy mời vào lịch (tạo cuộc họp, báo cho người dự)',
        params: documentParams,
        body: meetingInput,
        response: { 200: confirmView, 201: confirmView },
      },
    },
    async (req, reply) => {
      const r = await confirmInvitation(ctxOf(req), req.params.documentId, req.body);
      return reply.code(r.created ? 201 : 200).send(r);
    },
  );
  app.post(
    `${P}/invitations/:documentId/dismiss`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Bỏ qua giấy mời (không xếp lịch), nêu lý do',
        params: documentParams,
        body: reasonInput,
        response: { 200: okView },
      },
    },
    async (req) => {
      await dismissInvitation(ctxOf(req), req.params.documentId, req.body.reason);
      return { ok: true as const };
    },
  );
  app.get(
    `${P}/meetings`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Các cuộc họp (từ giấy mời) của một người trong tuần',
        querystring: meetingsQuery,
        response: { 200: meetingsView },
      },
    },
    async (req) => meetingsOfWeek(ctxOf(req), req.query),
  );
  app.patch(
    `${P}/meetings/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Sửa cuộc họp (giờ, địa điểm, nội dung, người dự)',
        params: entryParams,
        body: meetingInput,
        response: { 200: meetingSaveView },
      },
    },
    async (req) => updateMeeting(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${P}/meetings/:id/cancel`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Hủy cuộc họp (vẫn hiện, gạch ngang)',
        params: entryParams,
        body: reasonInput,
        response: { 200: meetingView },
      },
    },
    async (req) => cancelMeeting(ctxOf(req), req.params.id, req.body.reason),
  );
  app.put(
    `${P}/entries/:id/invitation`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Gắn giấy mời (văn bản) vào một mục lịch; null để gỡ',
        params: entryParams,
        body: attachInput,
        response: { 200: attachView },
      },
    },
    async (req) => attachInvitation(ctxOf(req), req.params.id, req.body.documentId),
  );
};
