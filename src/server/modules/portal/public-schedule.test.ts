import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { forgetScheduleCaches } from './feeds-cache.ts';
import { adjustEntry, type Fixture, NOW, SECRET, seedFeedsFixture } from './feeds-fixtures.test-helpers.ts';
import {
  isoWeekFrom,
  isoWeekOf,
  parseWeekSlug,
  shiftWeek,
  weekSlug,
  weekTitle,
} from './public-schedule-weeks.ts';

describe('ISO weeks of the schedule', () => {
  it('names weeks as the schedule prints them', () => {
    const w = isoWeekOf('2026-12-02');
    expect(w).toEqual({ isoYear: 2026, isoWeek: 49, monday: '2026-11-30', sunday: '2026-12-06' });
    expect(weekTitle(w)).toBe('Tuần thứ 49 năm 2026, từ ngày 30/11/2026 đến ngày 06/12/2026');
    expect(weekSlug(w)).toBe('2026-W49');
    expect(parseWeekSlug('2026-W49')).toEqual(w);
  });

  it('handles weeks across the turn of a year and long years', () => {
    expect(isoWeekOf('2027-01-01')).toMatchObject({ isoYear: 2026, isoWeek: 53, monday: '2026-12-28' });
    expect(isoWeekOf('2025-12-29')).toMatchObject({ isoYear: 2026, isoWeek: 1 });
    expect(isoWeekFrom(2026, 53)?.monday).toBe('2026-12-28');
    expect(isoWeekFrom(2025, 53)).toBeNull();
    expect(shiftWeek(isoWeekOf('2026-12-28'), 1)).toMatchObject({ isoYear: 2027, isoWeek: 1 });
    for (const bad of ['2026-W00', '2026-W54', '2026W49', 'tuan-49', '1999-W10', '2026-W4x'])
      expect(parseWeekSlug(bad), bad).toBeNull();
  });
});

describe.each(ENGINES)('the public schedule page on %s', (engine) => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await makeTestApp(engine, { PUBLIC_URL: 'https://lienthong.vinhlong.gov.vn' }, { now: () => NOW });
    f = await seedFeedsFixture(t.database.db);
    await forgetScheduleCaches(t.database.db);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it("shows the current week of the province's public schedule without signing in, with its adjustment", async () => {
    const res = await get('/cong-khai/lich-cong-tac');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    const page = res.body;
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('<title>Lịch công tác của Thường trực UBND tỉnh — Tuần 49 năm 2026 — ');
    expect(page).toMatch(
      /<meta name="description" content="Lịch công tác của Thường trực UBND tỉnh, Tuần thứ 49 năm 2026, từ ngày 30\/11\/2026 đến ngày 06\/12\/2026 \(điều chỉnh lần 1\)\.">/,
    );
    expect(page).toContain(
      '<link rel="canonical" href="https://lienthong.vinhlong.gov.vn/cong-khai/lich-cong-tac">',
    );
    expect(page).toContain('Tuần thứ 49 năm 2026, từ ngày 30/11/2026 đến ngày 06/12/2026');
    expect(page).toContain('(Điều chỉnh lần 1)');
    expect(page).toContain('Cập nhật lần cuối: 14:05 01/12/2026');
    for (const h of ['Ngày', 'Thời gian', 'Nội dung', 'Thành phần', 'Địa điểm', 'Chủ trì'])
      expect(page).toContain(`<th scope="col">${h}</th>`);
    expect(page).toContain('<table class="stack">');
    expect(page).toContain('Họp UBND tỉnh thường kỳ tháng 12');
    expect(page).toContain('Thứ Hai, 30/11/2026');
    expect(page).toContain('Sáng 08:00 – 10:30');
    expect(page).toContain('Lãnh đạo các sở, ban, ngành tỉnh');
    expect(page).toContain('PCT Trương Văn Sáu');
    // The cancelled entry is struck through and marked as the printed schedule marks it.
    expect(page).toMatch(
      /<del>Kiểm tra công trình cầu Mỹ Thuận 2<\/del> <span class="tag">Hoãn\/Hủy<\/span>/,
    );
    expect(page).not.toContain('mưa lớn');
    // Week 48 is published: a link back; week 50 is a draft: no link forward.
    expect(page).toContain('href="/cong-khai/lich-cong-tac/2026-W48"');
    expect(page).not.toContain('2026-W50');
    expect(page).toContain('href="/cong-khai/lich-cong-tac.ics"');
  });

  it('never shows an internal field, a non-public entry or a draft', async () => {
    for (const url of ['/cong-khai/lich-cong-tac', '/cong-khai/lich-cong-tac/2026-W49']) {
      const page = (await get(url)).body;
      for (const s of [
        SECRET.participantName,
        SECRET.followingName,
        SECRET.followingText,
        SECRET.notes,
        SECRET.preparing,
        SECRET.hiddenContent,
        SECRET.draftContent,
        SECRET.otherAgencyContent,
        'Dự hội nghị trực tuyến của Chính phủ',
        f.secretPerson.id,
        f.followingPerson.id,
        f.leader.id,
        f.entries.meeting,
        'GHI-CHU',
        'NOI-BO',
      ])
        expect(page, `${url}: ${s}`).not.toContain(s);
    }
  });

  it('has a stable page per week; a week not published, not there or malformed is a Vietnamese 404', async () => {
    const w49 = await get('/cong-khai/lich-cong-tac/2026-W49');
    expect(w49.statusCode).toBe(200);
    expect(w49.body).toContain(
      '<link rel="canonical" href="https://lienthong.vinhlong.gov.vn/cong-khai/lich-cong-tac/2026-W49">',
    );
    expect(w49.body).toContain('href="/cong-khai/lich-cong-tac/2026-W48"');
    const w48 = await get('/cong-khai/lich-cong-tac/2026-W48');
    expect(w48.statusCode).toBe(200);
    expect(w48.body).toContain('Tiếp công dân định kỳ');
    expect(w48.body).not.toContain('Điều chỉnh lần');
    expect(w48.body).toContain('Tuần hiện tại');
    expect(w48.body).toContain('rel="next" href="/cong-khai/lich-cong-tac/2026-W49"');

    const draft = await get('/cong-khai/lich-cong-tac/2026-W50');
    expect(draft.statusCode).toBe(404);
    expect(draft.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(draft.body).toContain('<html lang="vi">');
    expect(draft.body).toContain('Không tìm thấy trang');
    expect(draft.body).toContain('Lịch công tác tuần thứ 50 năm 2026');
    expect(draft.body).toContain('chưa được công bố');
    expect(draft.body).not.toContain(SECRET.draftContent);
    expect((await get('/cong-khai/lich-cong-tac/2025-W10')).statusCode).toBe(404);
    const bad = await get('/cong-khai/lich-cong-tac/tuan-49');
    expect(bad.statusCode).toBe(404);
    expect(bad.body).toContain('không phải là một tuần');
    expect((await get('/cong-khai/lich-cong-tac/2026-W54')).statusCode).toBe(404);
    // A schedule that is not public, or unknown.
    expect((await get(`/cong-khai/lich-cong-tac?lich=${f.other.id}`)).statusCode).toBe(404);
    expect((await get(`/cong-khai/lich-cong-tac?lich=${f.province.agencyCode}`)).statusCode).toBe(200);
  });

  it('sends the page gzipped to clients that accept it, the same text', async () => {
    const plain = await get('/cong-khai/lich-cong-tac/2026-W49');
    const zipped = await get('/cong-khai/lich-cong-tac/2026-W49', { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(zipped.headers.etag).toBe(plain.headers.etag);
  });

  it('answers 304 to a reload of an unchanged page, and shows a new adjustment once caches are forgotten', async () => {
    const first = await get('/cong-khai/lich-cong-tac/2026-W49');
    const etag = String(first.headers.etag);
    expect((await get('/cong-khai/lich-cong-tac/2026-W49', { 'if-none-match': etag })).statusCode).toBe(304);
    await adjustEntry(
      t.database.db,
      f.week49Id,
      f.entries.meeting,
      { place: 'Hội trường tầng 3' },
      new Date('2026-12-02T02:10:00Z'),
    );
    await forgetScheduleCaches(t.database.db);
    const after = await get('/cong-khai/lich-cong-tac/2026-W49', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('(Điều chỉnh lần 2)');
    expect(after.body).toContain('Cập nhật lần cuối: 09:10 02/12/2026');
    expect(after.body).toContain('Hội trường tầng 3');
  });

  it('the current page of a week not published yet says so (200) and links to the latest published week', async () => {
    const later = await makeTestApp(engine, {}, { now: () => new Date('2026-12-09T03:00:00Z') });
    try {
      await seedFeedsFixture(later.database.db);
      const res = await later.app.inject({ method: 'GET', url: '/cong-khai/lich-cong-tac' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Tuần thứ 50 năm 2026');
      expect(res.body).toContain('chưa được công bố');
      expect(res.body).toContain('href="/cong-khai/lich-cong-tac/2026-W49"');
      expect(res.body).not.toContain(SECRET.draftContent);
    } finally {
      await later.close();
    }
  });
});
