import { PassThrough } from 'node:stream';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../test/helpers/app.ts';
import { ENGINES, openTestDatabase } from '../../../../test/helpers/db.ts';
import { vnTimeOfDay } from '../../../shared/calendar/vn-time.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { redactUrl } from '../../platform/http/log-redact.ts';
import { forgetScheduleCaches } from './feeds-cache.ts';
import { adjustEntry, type Fixture, NOW, SECRET, seedFeedsFixture } from './feeds-fixtures.test-helpers.ts';

interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  location: string;
  description: string;
  status: string;
  start: Date;
  end: Date;
  startZone: string;
}

/** The feed read back by ical.js (Mozilla's parser, the one Thunderbird uses). */
function parseFeed(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events: ParsedEvent[] = cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      summary: e.summary,
      location: e.location ?? '',
      description: e.description ?? '',
      status: String(v.getFirstPropertyValue('status') ?? ''),
      start: e.startDate.toJSDate(),
      end: e.endDate.toJSDate(),
      startZone: e.startDate.zone?.tzid ?? '',
    };
  });
  return {
    name: String(cal.getFirstPropertyValue('x-wr-calname') ?? ''),
    ttl: String(cal.getFirstPropertyValue('x-published-ttl') ?? ''),
    refresh: String(cal.getFirstProperty('refresh-interval')?.getFirstValue() ?? ''),
    events,
    byUid: new Map(events.map((e) => [e.uid, e])),
  };
}

describe.each(ENGINES)('calendar feeds on %s', (engine) => {
  let t: TestApp;
  let f: Fixture;
  let leader: Client;
  let outsider: Client;
  const clock = { now: NOW };

  beforeAll(async () => {
    t = await makeTestApp(engine, {}, { now: () => clock.now });
    f = await seedFeedsFixture(t.database.db);
    leader = await signIn(t.app, f.leader.username);
    outsider = await signIn(t.app, f.outsider.username);
  });
  afterAll(() => t.close());

  const subscribe = async (c: Client, body: Record<string, unknown>) => {
    const res = await c.post('/api/v1/portal/feeds', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; path: string; title: string; url: string | null };
  };
  const fetchFeed = (path: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: path, headers });

  it('offers the own calendar, the own agency, the province and all public schedules', async () => {
    const res = await leader.get('/api/v1/portal/feeds/options');
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.mine).toMatchObject({
      scope: 'person',
      targetId: f.leader.id,
      title: 'Lịch công tác của Trương Văn Sáu',
    });
    expect(o.province).toMatchObject({ scope: 'agency', targetId: f.province.id });
    expect(o.province.title).toBe('Lịch công tác của Thường trực UBND tỉnh');
    expect(o.all.scope).toBe('all');
    const out = (await outsider.get('/api/v1/portal/feeds/options')).json();
    expect(out.agencies).toEqual([
      { scope: 'agency', targetId: f.other.id, title: 'Lịch công tác của Sở Khác' },
    ]);
  });

  it("a person's feed: only their entries of published weeks and their meetings, parsed back by ical.js", async () => {
    const created = await subscribe(leader, { scope: 'person' });
    expect(created.path).toMatch(/^\/lich\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(created.title).toBe('Lịch công tác của Trương Văn Sáu');
    const res = await fetchFeed(created.path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toContain('private');
    const feed = parseFeed(res.body);
    expect(feed.name).toBe('Lịch công tác của Trương Văn Sáu');
    expect(feed.ttl).toBe('PT1H');
    expect(feed.refresh).toBe('PT1H');
    // The leader's entries: the meeting, the cancelled one, the non-public one, their own meeting —
    // not the draft week's, not another person's.
    expect([...feed.byUid.keys()].sort()).toEqual(
      [f.entries.meeting, f.entries.cancelled, f.entries.hidden, f.entries.own]
        .map((id) => `${id}@lienthong`)
        .sort(),
    );
    const meeting = feed.byUid.get(`${f.entries.meeting}@lienthong`)!;
    expect(meeting.summary).toBe('Họp UBND tỉnh thường kỳ tháng 12');
    expect(meeting.location).toBe('Phòng họp số 1, UBND tỉnh');
    expect(meeting.sequence).toBe(0);
    expect(meeting.status).toBe('CONFIRMED');
    // 08:00–10:30 in Vietnam, whatever the zone of the machine.
    expect(meeting.start.toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(vnTimeOfDay(meeting.start)).toBe('08:00');
    expect(vnTimeOfDay(meeting.end)).toBe('10:30');
    expect(meeting.startZone).toBe('UTC');
    // Internal feed: the preparing body, notes and the person's role are in the description.
    expect(meeting.description).toContain('Chủ trì: PCT Trương Văn Sáu');
    expect(meeting.description).toContain(SECRET.preparing);
    expect(meeting.description).toContain(SECRET.notes);
    expect(meeting.description).toContain('Vai trò của bạn: Chủ trì');
    // Cancelled entries stay, marked so.
    const cancelled = feed.byUid.get(`${f.entries.cancelled}@lienthong`)!;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.sequence).toBe(1);
    // No end time: an hour.
    expect(cancelled.end.getTime() - cancelled.start.getTime()).toBe(3_600_000);
    expect(res.body).not.toContain(SECRET.draftContent);
    expect(res.body).not.toContain(SECRET.otherAgencyContent);
  });

  it('after an adjustment the same UID carries a higher SEQUENCE; a cancelled entry keeps its UID', async () => {
    const created = await subscribe(leader, { scope: 'person', label: 'Điện thoại' });
    const before = parseFeed((await fetchFeed(created.path)).body).byUid.get(
      `${f.entries.meeting}@lienthong`,
    )!;
    await adjustEntry(
      t.database.db,
      f.week49Id,
      f.entries.meeting,
      { place: 'Hội trường lớn, UBND tỉnh', startsAt: new Date('2026-11-30T08:30:00+07:00') },
      new Date('2026-12-02T02:00:00Z'),
    );
    await forgetScheduleCaches(t.database.db);
    const after = parseFeed((await fetchFeed(created.path)).body);
    const changed = after.byUid.get(`${f.entries.meeting}@lienthong`)!;
    expect(changed.sequence).toBe(before.sequence + 1);
    expect(changed.location).toBe('Hội trường lớn, UBND tỉnh');
    expect(vnTimeOfDay(changed.start)).toBe('08:30');
    // Now cancel it: still there, same UID, STATUS:CANCELLED, sequence raised again.
    await adjustEntry(
      t.database.db,
      f.week49Id,
      f.entries.meeting,
      { status: 'cancelled' },
      new Date('2026-12-02T02:30:00Z'),
    );
    await forgetScheduleCaches(t.database.db);
    const cancelled = parseFeed((await fetchFeed(created.path)).body).byUid.get(
      `${f.entries.meeting}@lienthong`,
    )!;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.sequence).toBe(before.sequence + 2);
    // Restore for the other tests.
    await adjustEntry(
      t.database.db,
      f.week49Id,
      f.entries.meeting,
      { status: 'active' },
      new Date('2026-12-02T02:40:00Z'),
    );
    await forgetScheduleCaches(t.database.db);
  });

  it("an agency feed: internal for the agency's people, public entries only for others", async () => {
    const own = await subscribe(leader, { scope: 'agency', targetId: f.province.id });
    const feed = parseFeed((await fetchFeed(own.path)).body);
    expect(feed.name).toBe('Lịch công tác của Thường trực UBND tỉnh');
    expect(feed.byUid.has(`${f.entries.hidden}@lienthong`)).toBe(true);
    expect(feed.byUid.has(`${f.entries.own}@lienthong`)).toBe(true);
    expect(feed.byUid.has(`${f.entries.draft}@lienthong`)).toBe(false);

    const theirs = await subscribe(outsider, { scope: 'agency', targetId: f.province.id });
    const res = await fetchFeed(theirs.path);
    const pub = parseFeed(res.body);
    expect([...pub.byUid.keys()].sort()).toEqual(
      [f.entries.meeting, f.entries.cancelled, f.entries.week48].map((id) => `${id}@lienthong`).sort(),
    );
    expect(res.body).not.toContain(SECRET.notes.split(' ')[0]);
    expect(res.body).not.toContain(SECRET.preparing.split(' ')[0]);
    // The outsider's own agency feed has the entry its agency is invited to.
    const mine = await subscribe(outsider, { scope: 'agency', targetId: f.other.id });
    const other = parseFeed((await fetchFeed(mine.path)).body);
    expect(other.byUid.has(`${f.entries.other}@lienthong`)).toBe(true);
    expect(other.byUid.has(`${f.entries.meeting}@lienthong`)).toBe(true);
  });

  it('the "all" feed and the public .ics: public entries of published weeks of public schedules, no internal field', async () => {
    const all = await subscribe(outsider, { scope: 'all' });
    for (const path of [all.path, '/cong-khai/lich-cong-tac.ics']) {
      const res = await fetchFeed(path);
      expect(res.statusCode, path).toBe(200);
      const feed = parseFeed(res.body);
      expect([...feed.byUid.keys()].sort(), path).toEqual(
        [f.entries.meeting, f.entries.cancelled, f.entries.week48].map((id) => `${id}@lienthong`).sort(),
      );
      for (const s of [
        SECRET.participantName,
        SECRET.followingName,
        SECRET.followingText,
        SECRET.notes,
        SECRET.preparing,
        SECRET.hiddenContent,
        SECRET.draftContent,
        SECRET.otherAgencyContent,
        f.secretPerson.id,
        f.followingPerson.id,
        f.leader.id,
      ])
        expect(res.body, `${path} ${s}`).not.toContain(s);
    }
    const pub = await fetchFeed('/cong-khai/lich-cong-tac.ics');
    expect(pub.headers['cache-control']).toBe('public, max-age=300');
    expect(parseFeed(pub.body).name).toBe('Lịch công tác của Thường trực UBND tỉnh');
    expect((await fetchFeed(`/cong-khai/lich-cong-tac.ics?lich=${f.province.agencyCode}`)).statusCode).toBe(
      200,
    );
    expectProblem(await fetchFeed('/cong-khai/lich-cong-tac.ics?lich=khong-co'), 404);
    // The other agency's schedule is not public.
    expectProblem(await fetchFeed(`/cong-khai/lich-cong-tac.ics?lich=${f.other.id}`), 404);
  });

  it('answers 304 to a client that already has the same feed (ETag)', async () => {
    const res = await fetchFeed('/cong-khai/lich-cong-tac.ics');
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"/);
    const again = await fetchFeed('/cong-khai/lich-cong-tac.ics', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('a wrong, malformed or revoked token is a Vietnamese 404 that never repeats the token; nothing changes', async () => {
    const wrong = await fetchFeed(`/lich/${'A'.repeat(43)}.ics`);
    const p = expectProblem(wrong, 404, 'not_found');
    expect(p.detail).toContain('không đúng hoặc đã bị thu hồi');
    expect(wrong.body).not.toContain('A'.repeat(43));
    expectProblem(await fetchFeed('/lich/abc.ics'), 404);
    expectProblem(await fetchFeed('/lich/khong-phai-lich'), 404);

    const created = await subscribe(leader, { scope: 'person' });
    expect((await fetchFeed(created.path)).statusCode).toBe(200);
    const list = (await leader.get('/api/v1/portal/feeds')).json().items as { id: string }[];
    expect(list.some((x) => x.id === created.id)).toBe(true);
    // Another person cannot revoke it (404, as for an unknown id); the owner can, once.
    expectProblem(await outsider.delete(`/api/v1/portal/feeds/${created.id}`), 404);
    expect((await fetchFeed(created.path)).statusCode).toBe(200);
    expect((await leader.delete(`/api/v1/portal/feeds/${created.id}`)).statusCode).toBe(200);
    expectProblem(await fetchFeed(created.path), 404);
    expectProblem(await leader.delete(`/api/v1/portal/feeds/${created.id}`), 404);
    const after = (await leader.get('/api/v1/portal/feeds')).json().items as { id: string }[];
    expect(after.some((x) => x.id === created.id)).toBe(false);
    // Only the hash is stored; the audit rows never hold the token.
    const token = created.path.slice('/lich/'.length, -'.ics'.length);
    const stored = await t.database.query<{ token_hash: string }>(
      'SELECT token_hash FROM calendar_feeds WHERE id = $1',
      [created.id],
    );
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.token_hash).not.toContain(token);
    const audits = await t.database.query<{ action: string; detail: unknown }>(
      'SELECT action, detail FROM audit_log WHERE entity_id = $1 ORDER BY seq',
      [created.id],
    );
    expect(audits.map((a) => a.action)).toEqual(['portal.feeds.create', 'portal.feeds.revoke']);
    expect(JSON.stringify(audits)).not.toContain(token);
  });

  it('refuses what the person may not subscribe to, precisely and in Vietnamese', async () => {
    const someone = expectProblem(
      await outsider.post('/api/v1/portal/feeds', { scope: 'person', targetId: f.leader.id }),
      403,
    );
    expect(someone.detail).toBe('Bạn chỉ đăng ký được lịch công tác của chính mình.');
    expectProblem(await outsider.post('/api/v1/portal/feeds', { scope: 'agency' }), 400, 'validation_failed');
    expectProblem(
      await outsider.post('/api/v1/portal/feeds', {
        scope: 'agency',
        targetId: '01900000-0000-7000-8000-000000000000',
      }),
      404,
    );
    // An agency with no schedule that is not the person's own.
    const noSchedule = expectProblem(
      await outsider.post('/api/v1/portal/feeds', { scope: 'agency', targetId: f.office.id }),
      404,
    );
    expect(noSchedule.detail).toContain('chưa có lịch công tác');
    expectProblem(await outsider.post('/api/v1/portal/feeds', { scope: 'all', targetId: f.other.id }), 400);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/portal/feeds' }), 401);
  });

  it('writes last_used_at on first use and then at most once an hour', async () => {
    const created = await subscribe(leader, { scope: 'all' });
    const lastUsed = async () =>
      (
        await t.database.query<{ last_used_at: Date | null }>(
          'SELECT last_used_at FROM calendar_feeds WHERE id = $1',
          [created.id],
        )
      )[0]!.last_used_at;
    expect(await lastUsed()).toBeNull();
    await fetchFeed(created.path);
    const first = await lastUsed();
    expect(new Date(first!).toISOString()).toBe(NOW.toISOString());
    clock.now = new Date(NOW.getTime() + 30 * 60_000);
    await fetchFeed(created.path);
    expect(new Date((await lastUsed())!).toISOString()).toBe(NOW.toISOString());
    clock.now = new Date(NOW.getTime() + 61 * 60_000);
    await fetchFeed(created.path);
    expect(new Date((await lastUsed())!).toISOString()).toBe(clock.now.toISOString());
    clock.now = NOW;
    const listed = (await leader.get('/api/v1/portal/feeds'))
      .json()
      .items.find((x: { id: string }) => x.id === created.id);
    expect(listed.lastUsedAt).not.toBeNull();
  });
});

describe('feed tokens never reach the log', () => {
  it('redacts the token from request URLs', () => {
    expect(redactUrl('/lich/abcDEF_-123.ics')).toBe('/lich/[ẩn]');
    expect(redactUrl('/lich/abc.ics?x=1')).toBe('/lich/[ẩn]?x=1');
    expect(redactUrl('/api/v1/x?token=abc&b=2')).toBe('/api/v1/x?token=[ẩn]&b=2');
    expect(redactUrl('/cong-khai/lich-cong-tac.ics')).toBe('/cong-khai/lich-cong-tac.ics');
  });

  it("the app's request log holds the path without the token", async () => {
    const tdb = await openTestDatabase('pglite');
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (d: Buffer) => lines.push(...d.toString('utf8').split('\n').filter(Boolean)));
    const config = loadConfig({ DATA_DIR: '/tmp/lt-feeds-log-test', LOG_LEVEL: 'info' });
    const app = await buildApp({ config, database: tdb.database, logStream: stream });
    try {
      await app.ready();
      const f = await seedFeedsFixture(tdb.database.db);
      const c = await signIn(app, f.leader.username);
      const created = (await c.post('/api/v1/portal/feeds', { scope: 'person' })).json() as { path: string };
      const token = created.path.slice('/lich/'.length, -'.ics'.length);
      expect((await app.inject({ method: 'GET', url: created.path })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: `/lich/${token.slice(0, 42)}x.ics` })).statusCode).toBe(
        404,
      );
      await new Promise((r) => setImmediate(r));
      const log = lines.join('\n');
      expect(log).toContain('/lich/[ẩn]');
      expect(log).toContain('incoming request');
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.slice(0, 42));
    } finally {
      await app.close();
      await tdb.cleanup();
    }
  });
});
