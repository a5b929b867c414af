import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okView } from '../../../shared/schemas/common.ts';
import {
  changeNoteInput,
  copyResultView,
  entryInput,
  entryParams,
  entrySavedView,
  myWeekQuery,
  myWeekView,
  personOptions,
  publishResultView,
  scheduleList,
  scheduleParams,
  schedulePeopleQuery,
  scheduleView,
  versionList,
  versionParams,
  versionView,
  weekIdParams,
  weekParams,
  weekView,
} from '../../../shared/schemas/portal-schedule.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import {
  cancelEntry,
  copyPreviousWeek,
  createEntry,
  createOwnSchedule,
  deleteEntry,
  getVersion,
  getWeek,
  listSchedules,
  listVersions,
  myWeek,
  publishWeek,
  schedulePeople,
  updateEntry,
} from './schedule.ts';
import { renderWeekPdf } from './schedule-pdf.ts';

const tags = ['portal'];
const S = '/api/v1/portal/schedules';
const W = `${S}/:id/weeks/:week`;
const E = '/api/v1/portal/schedule-entries/:entryId';
const V = '/api/v1/portal/schedule-weeks/:weekId/versions';
// Schedules change no person, position or session: the session cache survives their writes.
const read = { permission: 'authenticated' as const, sessionsUnchanged: true };
const manage = { permission: 'schedule.manage' as const, sessionsUnchanged: true };

/** The weekly work schedules (lịch công tác tuần): see schedule.ts. */
export const scheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    S,
    {
      config: read,
      schema: {
        tags,
        summary:
          'Các lịch công tác người dùng xem được (của đơn vị mình, của UBND tỉnh, do văn phòng mình soạn)',
        response: { 200: scheduleList },
      },
    },
    async (req) => listSchedules(ctxOf(req)),
  );
  app.post(
    S,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Lập lịch công tác cho đơn vị của mình (đã có thì trả về lịch hiện có)',
        response: { 200: scheduleView },
      },
    },
    async (req) => createOwnSchedule(ctxOf(req)),
  );
  app.get(
    '/api/v1/portal/my-schedule',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Lịch của tôi: các mục lịch trong tuần có tên mình (chủ trì, tham dự, theo dõi), kèm trùng giờ',
        querystring: myWeekQuery,
        response: { 200: myWeekView },
      },
    },
    async (req) => myWeek(ctxOf(req), req.query.week),
  );
  app.get(
    `${S}/:id/people`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Người có thể ghi vào lịch (cán bộ của một đơn vị, mặc định đơn vị và văn phòng của lịch)',
        params: scheduleParams,
        querystring: schedulePeopleQuery,
        response: { 200: personOptions },
      },
    },
    async (req) => schedulePeople(ctxOf(req), req.params.id, req.query.agencyId),
  );
  app.get(
    W,
    {
      config: read,
      schema: {
        tags,
        summary:
          'Một tuần của lịch (2026-W49, một ngày trong tuần, hoặc current): bản nháp chỉ văn phòng xem',
        params: weekParams,
        response: { 200: weekView },
      },
    },
    async (req) => getWeek(ctxOf(req), req.params.id, req.params.week),
  );
  app.get(
    `${W}/pdf`,
    {
      config: read,
      schema: { tags, summary: 'Lịch công tác tuần dạng PDF (khổ A4 ngang)', params: weekParams },
    },
    async (req, reply) => {
      const pdf = await renderWeekPdf(ctxOf(req), req.params.id, req.params.week);
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`lich-cong-tac-${req.params.week}.pdf`)}`,
        )
        .send(pdf);
    },
  );
  app.post(
    `${W}/entries`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Thêm một mục vào lịch tuần (sau khi công bố là một lần điều chỉnh)',
        params: weekParams,
        body: entryInput,
        response: { 200: entrySavedView },
      },
    },
    async (req) => createEntry(ctxOf(req), req.params.id, req.params.week, req.body),
  );
  app.post(
    `${W}/copy-previous`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Chép các mục của tuần trước vào tuần này (tuần còn là bản nháp, còn trống)',
        params: weekParams,
        response: { 200: copyResultView },
      },
    },
    async (req) => copyPreviousWeek(ctxOf(req), req.params.id, req.params.week),
  );
  app.post(
    `${W}/publish`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Công bố lịch tuần (lần điều chỉnh 0; từ đó mỗi thay đổi là một lần điều chỉnh)',
        params: weekParams,
        response: { 200: publishResultView },
      },
    },
    async (req) => publishWeek(ctxOf(req), req.params.id, req.params.week),
  );
  app.patch(
    E,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Sửa một mục lịch (sau khi công bố: điều chỉnh, có thể kèm lý do)',
        params: entryParams,
        body: entryInput,
        response: { 200: entrySavedView },
      },
    },
    async (req) => updateEntry(ctxOf(req), req.params.entryId, req.body),
  );
  app.post(
    `${E}/cancel`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Hoãn/hủy một mục của lịch đã công bố (mục vẫn hiện, gạch ngang)',
        params: entryParams,
        body: changeNoteInput,
        response: { 200: entrySavedView },
      },
    },
    async (req) => cancelEntry(ctxOf(req), req.params.entryId, req.body),
  );
  app.delete(
    E,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Xóa một mục của lịch tuần chưa công bố',
        params: entryParams,
        response: { 200: okView },
      },
    },
    async (req) => deleteEntry(ctxOf(req), req.params.entryId),
  );
  app.get(
    V,
    {
      config: read,
      schema: {
        tags,
        summary: 'Các lần công bố và điều chỉnh của một tuần, mới nhất trước',
        params: weekIdParams,
        response: { 200: versionList },
      },
    },
    async (req) => listVersions(ctxOf(req), req.params.weekId),
  );
  app.get(
    `${V}/:revision`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Lịch tuần như đã công bố ở một lần điều chỉnh',
        params: versionParams,
        response: { 200: versionView },
      },
    },
    async (req) => getVersion(ctxOf(req), req.params.weekId, req.params.revision),
  );
};
