import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
  tinyPdf,
  upload,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgency, makeDivision, makePerson } from '../../../../test/helpers/factories.ts';
import type { Role } from '../../../shared/roles.ts';
import { forgetPublicAnnouncements } from './announcements-public.ts';
import { unreadAnnouncements } from './index.ts';

// Announcements on a small tree: province P; departments D1 (division D1a) and D2; district X with
// commune C. The sender is D1's clerk (announcements.publish); readers all over the tree.
describe.each(ENGINES)('portal announcements on %s', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-11-23T02:00:00Z');
  const unit = {} as Record<'P' | 'D1' | 'D1a' | 'D2' | 'X' | 'C', { id: string; name: string }>;
  const who = {} as Record<string, Client>;
  const pid = {} as Record<string, string>;
  const names = {} as Record<string, string>;

  const q = <T = Record<string, unknown>>(text: string, ...params: unknown[]) =>
    t.database.query<T>(text, params);
  const count = async (table: string) =>
    (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const future = (days: number) => new Date(clock.getTime() + days * 86_400_000).toISOString();
  const send = async (c: Client, body: Record<string, unknown>) => {
    const res = await c.post('/api/v1/announcements', { body: 'Nội dung thông báo.', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const titles = async (c: Client, filter = 'all') => {
    const res = await c.get(`/api/v1/announcements?filter=${filter}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { title: string }[]).map((i) => i.title);
  };

  beforeAll(async () => {
    t = await makeTestApp(engine, { SESSION_CACHE_MS: '0' }, { now: () => clock });
    await forgetPublicAnnouncements(t.database.db);
    const db = t.database.db;
    const mk = async (key: keyof typeof unit, kind: string, parent?: keyof typeof unit, name?: string) => {
      const a =
        kind === 'division'
          ? await makeDivision(db, unit[parent!].id, { name: name ?? `Phòng ${key}` })
          : await makeAgency(db, {
              kind,
              parentId: parent ? unit[parent].id : null,
              name: name ?? `Đơn vị ${key}`,
            });
      unit[key] = { id: a.id, name: a.name };
    };
    await mk('P', 'province', undefined, 'UBND tỉnh Thử');
    await mk('D1', 'department', 'P', 'Văn phòng UBND tỉnh Thử');
    await mk('D1a', 'division', 'D1', 'Phòng Tổng hợp Thử');
    await mk('D2', 'department', 'P', 'Sở Nội vụ Thử');
    await mk('X', 'district', 'P', 'UBND huyện Thử');
    await mk('C', 'commune', 'X', 'UBND xã Thử');
    const person = async (key: string, at: keyof typeof unit, role: Role, division?: keyof typeof unit) => {
      const fullName = `Người ${key}`;
      const p = await makePerson(db, {
        agencyId: unit[at].id,
        role,
        fullName,
        divisionId: division ? unit[division].id : null,
      });
      pid[key] = p.id;
      names[key] = fullName;
      who[key] = await signIn(t.app, p.username);
    };
    await person('sender', 'D1', 'clerk');
    await person('senderLeader', 'D1', 'agency_leader');
    await person('d1Officer', 'D1', 'officer', 'D1a');
    await person('d2Clerk', 'D2', 'clerk');
    await person('d2Leader', 'D2', 'agency_leader');
    await person('xLeader', 'X', 'agency_leader');
    await person('cOfficer', 'C', 'officer');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('delivers each audience to the right people, pinned first, and 404 to the others', async () => {
    const toAgencies = await send(who.sender!, {
      title: 'Gửi Sở Nội vụ và huyện',
      audience: 'agencies',
      agencyIds: [unit.D2.id, unit.X.id],
    });
    await send(who.sender!, { title: 'Gửi lãnh đạo toàn tỉnh', audience: 'roles', roles: ['agency_leader'] });
    await send(who.sender!, {
      title: 'Gửi chuyên viên trong huyện',
      audience: 'roles',
      roles: ['officer'],
      agencyIds: [unit.X.id],
    });
    await send(who.sender!, { title: 'Gửi Phòng Tổng hợp', audience: 'agencies', agencyIds: [unit.D1a.id] });
    clock = new Date(clock.getTime() + 60_000);
    await send(who.sender!, { title: 'Gửi toàn tỉnh (ghim)', audience: 'all', pinned: true });
    clock = new Date(clock.getTime() + 60_000);
    await send(who.sender!, { title: 'Gửi toàn tỉnh mới nhất', audience: 'all' });

    expect(await titles(who.d2Clerk!)).toEqual([
      'Gửi toàn tỉnh (ghim)',
      'Gửi toàn tỉnh mới nhất',
      'Gửi Sở Nội vụ và huyện',
    ]);
    expect((await titles(who.d2Leader!)).sort()).toEqual(
      [
        'Gửi lãnh đạo toàn tỉnh',
        'Gửi Sở Nội vụ và huyện',
        'Gửi toàn tỉnh (ghim)',
        'Gửi toàn tỉnh mới nhất',
      ].sort(),
    );
    // The commune is inside the district: reached by the district's announcement and the officers'.
    expect((await titles(who.cOfficer!)).sort()).toEqual(
      [
        'Gửi Sở Nội vụ và huyện',
        'Gửi chuyên viên trong huyện',
        'Gửi toàn tỉnh (ghim)',
        'Gửi toàn tỉnh mới nhất',
      ].sort(),
    );
    expect((await titles(who.d1Officer!)).sort()).toEqual(
      ['Gửi Phòng Tổng hợp', 'Gửi toàn tỉnh (ghim)', 'Gửi toàn tỉnh mới nhất'].sort(),
    );
    // The sender's agency sees what it sent under "sent" (the officer without the permission may not).
    expect(await titles(who.sender!, 'sent')).toHaveLength(6);
    expectProblem(await who.d1Officer!.get('/api/v1/announcements?filter=sent'), 403);

    // Outside the audience: 404, and no read receipt.
    expectProblem(await who.d1Officer!.get(`/api/v1/announcements/${toAgencies}`), 404);
    expect((await q(`SELECT 1 FROM announcement_reads WHERE person_id = $1`, pid.d1Officer)).length).toBe(0);

    // Keyset pagination: two pages of two, then the rest, in the same order.
    const p1 = (await who.d2Leader!.get('/api/v1/announcements?limit=2')).json();
    const p2 = (
      await who.d2Leader!.get(`/api/v1/announcements?limit=2&cursor=${encodeURIComponent(p1.nextCursor)}`)
    ).json();
    expect([...p1.items, ...p2.items].map((i: { title: string }) => i.title)).toEqual(
      await titles(who.d2Leader!),
    );
    expect(p2.nextCursor).toBeNull();

    // Agencies notified one by one; the whole province never.
    const notices = await q<{ person_id: string; title: string }>(
      `SELECT person_id, title FROM notifications WHERE kind = 'portal.announcement'`,
    );
    const noticed = (title: string) =>
      notices
        .filter((n) => n.title === `Thông báo mới: ${title}`)
        .map((n) => n.person_id)
        .sort();
    expect(noticed('Gửi Sở Nội vụ và huyện')).toEqual(
      [pid.d2Clerk, pid.d2Leader, pid.xLeader, pid.cOfficer].sort(),
    );
    expect(noticed('Gửi toàn tỉnh (ghim)')).toEqual([]);
    expect(
      (await q(`SELECT 1 FROM audit_log WHERE action = 'portal.announcements.publish'`)).length,
    ).toBeGreaterThanOrEqual(6);
  });

  it('records read receipts once and shows the sender who has not read', async () => {
    const id = await send(who.sender!, {
      title: 'Họp giao ban tuần',
      audience: 'agencies',
      agencyIds: [unit.D2.id, unit.X.id],
    });
    const before = (await who.sender!.get(`/api/v1/announcements/${id}/receipts`)).json();
    expect(before).toMatchObject({ addressed: 4, read: 0 });
    expect(before.notRead.map((p: { fullName: string }) => p.fullName)).toEqual(
      [names.cOfficer, names.d2Clerk, names.d2Leader, names.xLeader].sort(),
    );
    expect(before.notRead.find((p: { fullName: string }) => p.fullName === names.cOfficer)).toMatchObject({
      agencyName: unit.C.name,
      role: 'officer',
    });

    const opened = await who.cOfficer!.get(`/api/v1/announcements/${id}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ read: true, addressed: true, canManage: false });
    await who.cOfficer!.get(`/api/v1/announcements/${id}`);
    expect((await q(`SELECT 1 FROM announcement_reads WHERE announcement_id = $1`, id)).length).toBe(1);
    expect(await titles(who.cOfficer!, 'unread')).not.toContain('Họp giao ban tuần');

    const after = (await who.sender!.get(`/api/v1/announcements/${id}/receipts?limit=2`)).json();
    expect(after).toMatchObject({ addressed: 4, read: 1 });
    expect(after.notRead.map((p: { fullName: string }) => p.fullName)).toEqual(
      [names.d2Clerk, names.d2Leader].sort(),
    );
    const rest = (
      await who.sender!.get(
        `/api/v1/announcements/${id}/receipts?limit=2&cursor=${encodeURIComponent(after.nextCursor)}`,
      )
    ).json();
    expect(rest.notRead.map((p: { fullName: string }) => p.fullName)).toEqual([names.xLeader]);
    expect(rest.nextCursor).toBeNull();

    // The sender opens it as its sender: no receipt, canManage.
    const mine = (await who.sender!.get(`/api/v1/announcements/${id}`)).json();
    expect(mine).toMatchObject({ addressed: false, canManage: true });
    // A reader of another agency may not see the receipts, even as a publisher.
    expectProblem(await who.d2Clerk!.get(`/api/v1/announcements/${id}/receipts`), 403);

    // The lead's home box: newest unread addressed to the person.
    const box = await unreadAnnouncements(t.database.db, { personId: pid.d2Leader! }, 3, clock);
    expect(box[0]).toMatchObject({ title: 'Gửi toàn tỉnh (ghim)', pinned: true, agencyName: unit.D1.name });
    expect(box).toHaveLength(3);
  });

  it('counts a division audience and a province-wide role audience in SQL', async () => {
    const id = await send(who.sender!, {
      title: 'Cho phòng',
      audience: 'agencies',
      agencyIds: [unit.D1a.id],
    });
    expect((await who.sender!.get(`/api/v1/announcements/${id}/receipts`)).json()).toMatchObject({
      addressed: 1,
      read: 0,
    });
    const leaders = await send(who.sender!, {
      title: 'Cho lãnh đạo',
      audience: 'roles',
      roles: ['agency_leader'],
    });
    const r = (await who.sender!.get(`/api/v1/announcements/${leaders}/receipts`)).json();
    expect(r.addressed).toBe(3);
    const all = await send(who.sender!, { title: 'Cho mọi người', audience: 'all' });
    expect((await who.sender!.get(`/api/v1/announcements/${all}/receipts`)).json().addressed).toBe(7);
  });

  it('refuses bad input with a Vietnamese 422 and writes nothing', async () => {
    const rows = async () => ({
      a: await count('announcements'),
      aa: await count('announcement_agencies'),
      audit: await count('audit_log'),
    });
    const start = await rows();
    const bad = async (body: Record<string, unknown>, text: RegExp) => {
      const res = await who.sender!.post('/api/v1/announcements', { title: 'Sai', body: 'Sai.', ...body });
      const p = expectProblem(res, 422, 'unprocessable');
      expect(p.detail).toMatch(text);
    };
    await bad(
      { audience: 'all', expiresAt: new Date(clock.getTime() - 1000).toISOString() },
      /hết hạn phải sau/,
    );
    await bad(
      { audience: 'agencies', agencyIds: [unit.D2.id], isPublic: true },
      /toàn tỉnh mới được công khai/,
    );
    await bad({ audience: 'agencies', agencyIds: ['0190a0a0-0000-7000-8000-000000000000'] }, /không tồn tại/);
    await bad({ audience: 'agencies' }, /ít nhất một đơn vị/);
    await bad({ audience: 'roles' }, /ít nhất một vai trò/);
    await bad(
      { audience: 'all', files: [{ sha256: 'a'.repeat(64), fileName: 'khong-co.pdf' }] },
      /chưa được tải lên/,
    );
    expect(await rows()).toEqual(start);
    // Without the permission: 403.
    expectProblem(
      await who.d1Officer!.post('/api/v1/announcements', { title: 'x', body: 'y', audience: 'all' }),
      403,
    );
  });

  it('lets the sender edit and withdraw; others may not; attachments follow the audience', async () => {
    const file = await upload(who.sender!, 'ke-hoach.pdf', 'application/pdf', tinyPdf('Kế hoạch'));
    const id = await send(who.sender!, {
      title: 'Kế hoạch tháng',
      audience: 'agencies',
      agencyIds: [unit.D2.id],
      files: [file],
      expiresAt: future(10),
    });
    const view = (await who.d2Clerk!.get(`/api/v1/announcements/${id}`)).json();
    expect(view.files).toEqual([
      expect.objectContaining({
        sha256: file.sha256,
        fileName: 'ke-hoach.pdf',
        mediaType: 'application/pdf',
      }),
    ]);
    const dl = await who.d2Clerk!.get(`/api/v1/announcements/${id}/files/${file.sha256}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain('ke-hoach.pdf');
    expect(dl.rawPayload.equals(tinyPdf('Kế hoạch'))).toBe(true);
    expectProblem(await who.cOfficer!.get(`/api/v1/announcements/${id}/files/${file.sha256}`), 404);

    // Edit: title, pin; an expiry in the past is refused.
    const edited = await who.sender!.patch(`/api/v1/announcements/${id}`, {
      title: 'Kế hoạch tháng 12',
      pinned: true,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Kế hoạch tháng 12', pinned: true });
    expectProblem(
      await who.sender!.patch(`/api/v1/announcements/${id}`, {
        expiresAt: new Date(clock.getTime() - 1).toISOString(),
      }),
      422,
    );
    // D2's clerk (a publisher, but of another agency) reads it but may not change it.
    expectProblem(await who.d2Clerk!.patch(`/api/v1/announcements/${id}`, { title: 'Đổi' }), 403);
    expectProblem(await who.d2Clerk!.post(`/api/v1/announcements/${id}/withdraw`, {}), 403);

    // Expiry: after it, the announcement moves to "expired".
    clock = new Date(clock.getTime() + 11 * 86_400_000);
    expect(await titles(who.d2Clerk!)).not.toContain('Kế hoạch tháng 12');
    expect(await titles(who.d2Clerk!, 'expired')).toContain('Kế hoạch tháng 12');

    // Withdrawn: gone for readers, still listed for the sender.
    const w = await who.senderLeader!.post(`/api/v1/announcements/${id}/withdraw`, { reason: 'Nhầm' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().status).toBe('withdrawn');
    expectProblem(await who.d2Clerk!.get(`/api/v1/announcements/${id}`), 404);
    expect(await titles(who.d2Clerk!, 'expired')).not.toContain('Kế hoạch tháng 12');
    expect(await titles(who.sender!, 'sent')).toContain('Kế hoạch tháng 12');
    expectProblem(await who.sender!.patch(`/api/v1/announcements/${id}`, { title: 'Lại' }), 409);
    const actions = (
      await q<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, id)
    ).map((r) => r.action);
    expect(actions).toEqual([
      'portal.announcements.publish',
      'portal.announcements.update',
      'portal.announcements.withdraw',
    ]);
  });

  it('renders public announcements as HTML without sign-in, with metadata, ETag, 404s and no internal field', async () => {
    const file = await upload(who.sender!, 'lich-tiep-dan.pdf', 'application/pdf', tinyPdf('Lịch'));
    const secretTitle = `Nội bộ chỉ cho Sở ${Date.now()}`;
    await send(who.sender!, { title: secretTitle, audience: 'agencies', agencyIds: [unit.D2.id] });
    await send(who.sender!, { title: 'Toàn tỉnh nhưng không công khai', audience: 'all' });
    const id = await send(who.sender!, {
      title: 'Lịch tiếp công dân <tháng 12>',
      body: 'Đoạn một & dòng hai\ndòng ba.\n\nĐoạn <b>hai</b>.',
      audience: 'all',
      isPublic: true,
      pinned: true,
      files: [file],
    });
    const withdrawn = await send(who.sender!, {
      title: 'Công khai rồi thu hồi',
      audience: 'all',
      isPublic: true,
    });
    // A reader opens it: their receipt must never show on the public page.
    await who.cOfficer!.get(`/api/v1/announcements/${id}`);

    const list = await t.app.inject({ method: 'GET', url: '/cong-khai/thong-bao' });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toContain('text/html');
    expect(list.body).toContain('<html lang="vi">');
    expect(list.body).toContain('Lịch tiếp công dân &lt;tháng 12&gt;');
    expect(list.body).toContain(`href="/cong-khai/thong-bao/${id}"`);
    expect(list.body).toContain('Công khai rồi thu hồi');

    await who.sender!.post(`/api/v1/announcements/${withdrawn}/withdraw`, {});
    const page = await t.app.inject({ method: 'GET', url: `/cong-khai/thong-bao/${id}` });
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('<title>Lịch tiếp công dân &lt;tháng 12&gt; — ');
    expect(body).toContain('<meta property="og:locale" content="vi_VN">');
    expect(body).toContain(`<link rel="canonical" href="/cong-khai/thong-bao/${id}">`);
    expect(body).toContain(
      '<meta name="description" content="Đoạn một &amp; dòng hai dòng ba. Đoạn &lt;b&gt;hai&lt;/b&gt;.">',
    );
    expect(body).toContain('<p>Đoạn một &amp; dòng hai<br>dòng ba.</p>');
    expect(body).toContain('<p>Đoạn &lt;b&gt;hai&lt;/b&gt;.</p>');
    expect(body).toContain(unit.D1.name);
    expect(body).toContain(`href="/cong-khai/thong-bao/${id}/tep/${file.sha256}"`);
    expect(page.headers['cache-control']).toBe('public, max-age=60');

    // No internal field anywhere on the public pages.
    const fresh = await t.app.inject({ method: 'GET', url: '/cong-khai/thong-bao' });
    for (const html of [fresh.body, body]) {
      expect(html).not.toContain(secretTitle);
      expect(html).not.toContain('Toàn tỉnh nhưng không công khai');
      expect(html).not.toContain('Công khai rồi thu hồi');
      expect(html).not.toContain(names.sender!);
      expect(html).not.toContain(pid.sender!);
      expect(html).not.toContain(names.cOfficer!);
      expect(html).not.toContain(unit.D2.name);
      expect(html).not.toMatch(/audience|đã đọc|chưa đọc|created_by|roles/i);
    }

    // ETag: an unchanged page costs a 304.
    const etag = page.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await t.app.inject({
      method: 'GET',
      url: `/cong-khai/thong-bao/${id}`,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);

    // The public file; a non-public announcement's pages and files are 404 in Vietnamese.
    const dl = await t.app.inject({ method: 'GET', url: `/cong-khai/thong-bao/${id}/tep/${file.sha256}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(tinyPdf('Lịch'))).toBe(true);
    for (const url of [
      `/cong-khai/thong-bao/${withdrawn}`,
      '/cong-khai/thong-bao/0190a0a0-0000-7000-8000-000000000000',
      '/cong-khai/thong-bao/khong-phai-ma',
      '/cong-khai/thong-bao?trang=99',
      `/cong-khai/thong-bao/${withdrawn}/tep/${file.sha256}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('Không tìm thấy trang');
      expect(res.body).toContain('<html lang="vi">');
    }
    const secret = (await q<{ id: string }>(`SELECT id FROM announcements WHERE title = $1`, secretTitle))[0]!
      .id;
    expect((await t.app.inject({ method: 'GET', url: `/cong-khai/thong-bao/${secret}` })).statusCode).toBe(
      404,
    );
  });
});
