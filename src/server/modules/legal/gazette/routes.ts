import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  documentGazetteView,
  gazetteIssueSummary,
  gazetteIssueView,
  gazetteItemView,
  gazetteOverview,
  gazetteSettingsInput,
  gazetteSettingsView,
  issueInput,
  issuesQuery,
  placeInput,
  reorderInput,
  returnInput,
  submitInput,
} from '../../../../shared/legal/gazette-api.ts';
import { okView } from '../../../../shared/schemas/common.ts';
import { ctxOf } from '../../../platform/http/ctx.ts';
import {
  createIssue,
  deleteIssue,
  issuePdf,
  issueView,
  listIssues,
  placeItem,
  publishIssue,
  reorderItems,
  unplaceItem,
  updateIssue,
} from './issues.ts';
import { settingsView } from './store.ts';
import { accept, documentStatus, overview, returnItem, saveSettings, submit } from './submissions.ts';

const tags = ['legal'];
const G = '/api/v1/legal/gazette';
const id = z.object({ id: z.uuid('Mã không hợp lệ.') });
const issueItem = z.object({
  id: z.uuid('Mã số công báo không hợp lệ.'),
  itemId: z.uuid('Mã văn bản không hợp lệ.'),
});
// The gazette changes no person, position or session: the session cache survives its writes.
const read = { permission: 'gazette.submit' as const, sessionsUnchanged: true };
const submitting = { permission: 'gazette.submit' as const, sessionsUnchanged: true };
// gazette.edit, and the service checks the person acts for the gazette office.
const edit = { permission: 'gazette.edit' as const, sessionsUnchanged: true };

/** The official gazette (công báo): settings, submissions, issues, publication. See issues.ts. */
export const gazetteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${G}/settings`,
    {
      config: { permission: 'authenticated', sessionsUnchanged: true },
      schema: { tags, summary: 'Cơ quan Công báo và tên công báo', response: { 200: gazetteSettingsView } },
    },
    async (req) => settingsView(ctxOf(req)),
  );
  app.put(
    `${G}/settings`,
    {
      config: { permission: 'system.manage', sessionsUnchanged: true },
      schema: {
        tags,
        summary: 'Chọn cơ quan Công báo (Văn phòng UBND tỉnh) và tên công báo (quản trị hệ thống)',
        body: gazetteSettingsInput,
        response: { 200: gazetteSettingsView },
      },
    },
    async (req) => saveSettings(ctxOf(req), req.body),
  );
  app.get(
    G,
    {
      config: read,
      schema: {
        tags,
        summary:
          'Màn hình Công báo: văn bản chờ tiếp nhận, đã tiếp nhận, trễ hạn, của đơn vị mình, các số trong năm',
        querystring: issuesQuery,
        response: { 200: gazetteOverview },
      },
    },
    async (req) => overview(ctxOf(req), req.query.year),
  );
  app.get(
    `${G}/documents/:id`,
    {
      config: { permission: 'authenticated', sessionsUnchanged: true },
      schema: {
        tags,
        summary: 'Tình trạng gửi đăng Công báo của một văn bản và người dùng có gửi được không',
        params: id,
        response: { 200: documentGazetteView },
      },
    },
    async (req) => documentStatus(ctxOf(req), req.params.id),
  );
  app.post(
    `${G}/items`,
    {
      config: submitting,
      schema: {
        tags,
        summary: 'Gửi đăng Công báo một văn bản đã ký của cơ quan mình (có tệp PDF)',
        body: submitInput,
        response: { 201: gazetteItemView },
      },
    },
    async (req, reply) => reply.code(201).send(await submit(ctxOf(req), req.body.legalDocumentId)),
  );
  app.post(
    `${G}/items/:id/accept`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Tiếp nhận văn bản gửi đăng (bắt đầu hạn 7 ngày)',
        params: id,
        response: { 200: gazetteItemView },
      },
    },
    async (req) => accept(ctxOf(req), req.params.id),
  );
  app.post(
    `${G}/items/:id/return`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Trả lại văn bản gửi đăng, kèm lý do',
        params: id,
        body: returnInput,
        response: { 200: gazetteItemView },
      },
    },
    async (req) => returnItem(ctxOf(req), req.params.id, req.body.reason),
  );
  app.get(
    `${G}/issues`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Các số công báo của một năm (bản nháp chỉ cơ quan Công báo thấy)',
        querystring: issuesQuery,
        response: { 200: z.object({ items: z.array(gazetteIssueSummary) }) },
      },
    },
    async (req) => listIssues(ctxOf(req), req.query.year),
  );
  app.post(
    `${G}/issues`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Tạo số công báo mới (bản nháp): số hoặc số ghép trong năm, ngày phát hành',
        body: issueInput,
        response: { 201: gazetteIssueView },
      },
    },
    async (req, reply) => reply.code(201).send(await createIssue(ctxOf(req), req.body)),
  );
  app.get(
    `${G}/issues/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Một số công báo và các văn bản theo thứ tự',
        params: id,
        response: { 200: gazetteIssueView },
      },
    },
    async (req) => issueView(ctxOf(req), req.params.id),
  );
  app.put(
    `${G}/issues/:id`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Sửa số, ngày của số công báo nháp',
        params: id,
        body: issueInput,
        response: { 200: gazetteIssueView },
      },
    },
    async (req) => updateIssue(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    `${G}/issues/:id`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Xóa số công báo nháp (văn bản trở về danh sách đã tiếp nhận)',
        params: id,
        response: { 200: okView },
      },
    },
    async (req) => {
      await deleteIssue(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    `${G}/issues/:id/items`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Xếp một văn bản đã tiếp nhận vào số công báo nháp, ở vị trí chọn (mặc định cuối)',
        params: id,
        body: placeInput,
        response: { 200: gazetteIssueView },
      },
    },
    async (req) => placeItem(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    `${G}/issues/:id/items/:itemId`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Gỡ một văn bản khỏi số công báo nháp',
        params: issueItem,
        response: { 200: gazetteIssueView },
      },
    },
    async (req) => unplaceItem(ctxOf(req), req.params.id, req.params.itemId),
  );
  app.put(
    `${G}/issues/:id/order`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Sắp xếp lại thứ tự các văn bản của số công báo nháp',
        params: id,
        body: reorderInput,
        response: { 200: gazetteIssueView },
      },
    },
    async (req) => reorderItems(ctxOf(req), req.params.id, req.body.itemIds),
  );
  app.post(
    `${G}/issues/:id/publish`,
    {
      config: edit,
      schema: {
        tags,
        summary: 'Phát hành số công báo: tạo tệp PDF (bìa, mục lục, toàn văn), không sửa được nữa',
        params: id,
        response: { 200: gazetteIssueView },
      },
    },
    async (req) => publishIssue(ctxOf(req), req.params.id),
  );
  app.get(
    `${G}/issues/:id/pdf`,
    {
      config: { permission: 'authenticated', sessionsUnchanged: true },
      schema: { tags, summary: 'Tệp PDF của số công báo đã phát hành', params: id },
    },
    async (req, reply) => {
      const pdf = await issuePdf(req.server.services, req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
        .send(pdf.bytes);
    },
  );
};
