import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { expect } from 'vitest';
import { forgetScheduleCaches } from '../../src/server/modules/portal/feeds-cache.ts';
import {
  addDays,
  isoWeekOf,
  shiftWeek,
  weekSlug,
} from '../../src/server/modules/portal/public-schedule-weeks.ts';
import {
  scheduleEntries,
  scheduleEntryPeople,
  schedules,
  scheduleWeeks,
} from '../../src/server/modules/portal/schema.ts';
import type { E2EServer } from './harness.ts';
import { describeBrowser, expectAccessible, saveScreen, setupE2E, signInAPI } from './harness.ts';

// Calendar subscriptions in a real browser: the Vice Chairman of the province (phochutich.ubnd)
// creates a subscription to his own calendar, the test fetches the address as a calendar app would
// and parses it with ical.js (Mozilla's parser, Thunderbird's), then he revokes it and the address
// answers 404. The public schedule page shows an adjusted week ("Điều chỉnh lần 1") to anyone,
// also with JavaScript disabled. Screens are checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

const LEADER = 'phochutich.ubnd';
const CONTENT = 'Làm việc với Ban Quản lý dự án cầu Đình Khao (thử nghiệm lịch)';

/** Vietnam's date today (YYYY-MM-DD). */
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

interface Seeded {
  slug: string;
  entryId: string;
}

/**
 * The province's public schedule and one adjusted week in it, with an entry the leader chairs: what
 * the schedule area's demo may or may not seed in this branch. A week far enough ahead that the demo
 * does not use it (inside the feeds' 180-day window); the schedule itself is reused when present.
 */
async function seedWeek(server: E2EServer): Promise<Seeded> {
  const q = <T>(text: string, params: unknown[] = []) => server.server.database.query<T>(text, params);
  const [ubnd] = await q<{ id: string }>(
    "SELECT id FROM agencies WHERE parent_id IS NULL AND agency_code IS NOT NULL AND status = 'active' ORDER BY sort_order, created_at LIMIT 1",
  );
  const [office] = await q<{ id: string }>(
    "SELECT id FROM agencies WHERE short_name = 'VP' AND parent_id = $1 AND status = 'active' LIMIT 1",
    [ubnd!.id],
  );
  const [leader] = await q<{ id: string }>('SELECT id FROM people WHERE username = $1', [LEADER]);
  const db = server.server.app.services.db;
  let [schedule] = await db.select().from(schedules).where(eq(schedules.agencyId, ubnd!.id));
  if (!schedule) {
    [schedule] = await db
      .insert(schedules)
      .values({
        agencyId: ubnd!.id,
        officeAgencyId: office?.id ?? ubnd!.id,
        title: 'Lịch công tác của Thường trực UBND tỉnh',
        isPublic: true,
      })
      .returning();
  } else await db.update(schedules).set({ isPublic: true }).where(eq(schedules.id, schedule.id));
  // The first week from 20 weeks ahead that nobody has written yet.
  let week = shiftWeek(isoWeekOf(vnToday()), 20);
  for (;;) {
    const taken = await db
      .select({ id: scheduleWeeks.id })
      .from(scheduleWeeks)
      .where(and(eq(scheduleWeeks.scheduleId, schedule!.id), eq(scheduleWeeks.weekStart, week.monday)));
    if (taken.length === 0) break;
    week = shiftWeek(week, 1);
  }
  const [w] = await db
    .insert(scheduleWeeks)
    .values({
      scheduleId: schedule!.id,
      weekStart: week.monday,
      isoYear: week.isoYear,
      isoWeek: week.isoWeek,
      status: 'published',
      revision: 1,
      publishedAt: new Date(Date.now() - 3_600_000),
      publishedById: leader!.id,
      updatedAt: new Date(),
    })
    .returning();
  const day = addDays(week.monday, 1); // the Tuesday
  const [e] = await db
    .insert(scheduleEntries)
    .values({
      agencyId: ubnd!.id,
      weekId: w!.id,
      day,
      session: 'morning',
      startsAt: new Date(`${day}T08:00:00+07:00`),
      endsAt: new Date(`${day}T10:00:00+07:00`),
      content: CONTENT,
      place: 'Phòng họp số 1, UBND tỉnh',
      chairText: 'PCT Trương Văn Sáu',
      participantsText: 'Lãnh đạo Sở Giao thông vận tải',
      notes: 'GHI-CHU-NOI-BO-E2E',
      sequence: 1,
    })
    .returning();
  await db.insert(scheduleEntryPeople).values({ entryId: e!.id, personId: leader!.id, role: 'chair' });
  await forgetScheduleCaches(db);
  return { slug: weekSlug(week), entryId: e!.id };
}

describeBrowser('portal feeds: calendar subscriptions and the public schedule', () => {
  const e2e = setupE2E();
  let seeded: Promise<Seeded> | null = null;
  const seed = () => {
    seeded ??= seedWeek(e2e.server);
    return seeded;
  };

  e2e.test(
    'a leader subscribes to his calendar, a calendar app reads it, and he revokes it',
    async ({ page, context }) => {
      const { entryId } = await seed();
      await signInAPI(context, LEADER);
      await page.goto('/lich-cong-tac/dang-ky');
      await page.getByRole('heading', { level: 1, name: 'Đăng ký lịch công tác' }).waitFor();
      const mine = page.getByRole('radio', { name: /Lịch của tôi/ });
      await mine.waitFor();
      expect(await mine.isChecked()).toBe(true);
      await page.getByText('Bạn chưa tạo đường dẫn đăng ký nào').waitFor();
      await expectAccessible(page, 'feeds page');
      await saveScreen(page, 'portal-feeds');

      await page.getByLabel('Ghi chú cho đường dẫn (không bắt buộc)').fill('Điện thoại');
      await page.getByRole('button', { name: 'Tạo đường dẫn' }).click();
      const field = page.getByRole('textbox', { name: 'Đường dẫn đăng ký lịch' });
      await field.waitFor();
      const url = await field.inputValue();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lich\/[A-Za-z0-9_-]{43}\.ics$/);
      expect(await page.getByRole('link', { name: 'Mở bằng ứng dụng lịch' }).getAttribute('href')).toBe(
        url.replace(/^http:/, 'webcal:'),
      );
      await page.getByRole('cell', { name: 'Điện thoại', exact: true }).waitFor();
      await expectAccessible(page, 'feeds page with a new address');

      // A calendar app fetches the address (no cookie) and reads it.
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const cal = new ICAL.Component(ICAL.parse(await res.text()));
      expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Lịch công tác của Trương Văn Sáu');
      const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const mineEvent = events.find((ev) => ev.uid === `${entryId}@lienthong`);
      expect(mineEvent?.summary).toBe(CONTENT);
      expect(mineEvent?.sequence).toBe(1);
      expect(mineEvent?.location).toBe('Phòng họp số 1, UBND tỉnh');
      expect(
        new Date(mineEvent!.startDate.toJSDate().getTime() + 7 * 3600_000).toISOString().slice(11, 16),
      ).toBe('08:00');

      // Revoke it (with confirmation): the address answers 404 from now on.
      await page.getByRole('button', { name: /^Thu hồi đường dẫn/ }).click();
      await page.getByRole('tooltip').getByRole('button', { name: 'Thu hồi' }).click();
      await page.getByText('Đã thu hồi đường dẫn.').waitFor();
      await page.getByText('Bạn chưa tạo đường dẫn đăng ký nào').waitFor();
      const gone = await fetch(url);
      expect(gone.status).toBe(404);
      const problem = (await gone.json()) as { detail: string };
      expect(problem.detail).toContain('không đúng hoặc đã bị thu hồi');
    },
    { timeout: 180_000 },
  );

  e2e.test(
    'the public page shows the adjusted week without signing in, also without JavaScript',
    async ({ page }) => {
      const { slug } = await seed();
      await page.goto(`/cong-khai/lich-cong-tac/${slug}`);
      await page
        .getByRole('heading', { level: 1, name: 'Lịch công tác của Thường trực UBND tỉnh' })
        .waitFor();
      await page.getByText('(Điều chỉnh lần 1)').waitFor();
      await page.getByRole('cell', { name: CONTENT }).waitFor();
      expect(await page.content()).not.toContain('GHI-CHU-NOI-BO-E2E');
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      expect(await page.title()).toMatch(/^Lịch công tác của Thường trực UBND tỉnh — Tuần \d+ năm \d{4} — /);
      await expectAccessible(page, 'public schedule page');
      await saveScreen(page, 'portal-public-schedule');

      // Without JavaScript: the same page, the same content (server-rendered).
      const noJs = await e2e.browser.newContext({
        baseURL: e2e.url,
        javaScriptEnabled: false,
        locale: 'vi-VN',
      });
      try {
        const p = await noJs.newPage();
        const res = await p.goto(`/cong-khai/lich-cong-tac/${slug}`);
        expect(res?.status()).toBe(200);
        await p.getByText('(Điều chỉnh lần 1)').waitFor();
        await p.getByRole('cell', { name: CONTENT }).waitFor();
        await p.setViewportSize({ width: 360, height: 740 });
        // On a phone the table becomes cards: each cell says what it is.
        expect(await p.getByRole('cell', { name: CONTENT }).getAttribute('data-label')).toBe('Nội dung');
        const missing = await p.goto('/cong-khai/lich-cong-tac/2020-W01');
        expect(missing?.status()).toBe(404);
        await p.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
      } finally {
        await noJs.close();
      }
    },
  );
});
