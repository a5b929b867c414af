import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
} from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeAgency, makePerson } from '../../../../../test/helpers/factories.ts';
import type { FiguresReply } from '../../../../shared/services/figures.ts';
import { createDossier } from '../core/create.ts';
import { makeProcedure } from '../fixtures.test-helpers.ts';

/*
 * The QĐ 766 figures of December 2026 for one agency, each checked against dossiers whose facts are
 * written out below, the drill-down lists behind them, the scope of each role, and bad periods.
 */

const NOW = new Date('2026-12-20T03:00:00Z');
const vn = (day: string) => new Date(`${day}T10:00:00+07:00`).toISOString();
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999+07:00`).toISOString();

interface Facts {
  channel: 'online' | 'counter';
  status: number;
  accepted?: string;
  due?: string;
  finished?: string;
  rating?: number;
  result?: boolean;
  onlineLevel?: 'full' | 'partial';
}

describe.each(ENGINES)('services figures on %s', (engine) => {
  let t: TestApp;
  let clerk: Client;
  let officer: Client;
  let outsider: Client;
  let admin: Client;
  let agencyId: string;
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await makeTestApp(engine, {}, { now: () => NOW });
    const db = t.database.db;
    const p = await makeProcedure(db);
    agencyId = p.staff.agency.id;
    const make = async (name: string, f: Facts) => {
      const made = await db.transaction((tx) =>
        createDossier(tx, {
          agencyId,
          procedure: { id: p.procedure.id, version: p.version, onlineLevel: 'full', processingDays: 5 },
          channel: f.channel,
          applicantId: null,
          applicant: { kind: 'citizen', name: 'Nguyễn Văn Riêng', email: 'rieng@example.test' },
          formData: {},
          papers: [],
          now: new Date(f.accepted ? vn(f.accepted) : NOW),
          secretKey: Buffer.alloc(32, 3),
        }),
      );
      await db.execute(sql`UPDATE service_dossiers SET
          status = ${f.status},
          accepted_at = ${f.accepted ? vn(f.accepted) : null}::timestamptz,
          due_at = ${f.due ? dayEnd(f.due) : null}::timestamptz,
          original_due_at = ${f.due ? dayEnd(f.due) : null}::timestamptz,
          finished_at = ${f.finished ? vn(f.finished) : null}::timestamptz,
          rating = ${f.rating ?? null},
          result_blob = ${f.result ? 'a'.repeat(64) : null},
          online_level = ${f.onlineLevel ?? 'full'}
        WHERE id = ${made.dossier.id}`);
      codes[name] = made.dossier.code;
    };
    await make('d1', {
      channel: 'online',
      status: 10,
      accepted: '2026-12-01',
      due: '2026-12-08',
      finished: '2026-12-03',
      rating: 5,
      result: true,
    });
    await make('d2', {
      channel: 'counter',
      status: 10,
      accepted: '2026-12-02',
      due: '2026-12-09',
      finished: '2026-12-15',
      rating: 2,
    });
    await make('d3', { channel: 'online', status: 4, accepted: '2026-12-05', due: '2026-12-28' });
    await make('d4', {
      channel: 'online',
      status: 4,
      accepted: '2026-12-06',
      due: '2026-12-10',
      onlineLevel: 'partial',
    });
    await make('d5', {
      channel: 'online',
      status: 9,
      accepted: '2026-11-10',
      due: '2026-12-03',
      finished: '2026-12-02',
    });
    await make('d6', {
      channel: 'online',
      status: 10,
      accepted: '2026-11-01',
      due: '2026-11-20',
      finished: '2026-11-19',
    });
    await make('d7', { channel: 'online', status: 1 });

    const staff = p.staff;
    clerk = await signIn(t.app, staff.clerk.username);
    officer = await signIn(t.app, staff.officer.username);
    const other = await makeAgency(db);
    outsider = await signIn(
      t.app,
      (await makePerson(db, { agencyId: other.id, role: 'agency_leader' })).username,
    );
    admin = await signIn(
      t.app,
      (await makePerson(db, { agencyId: other.id, role: 'system_admin' })).username,
    );
  });
  afterAll(async () => t?.close());

  const december = (extra = '') => `/api/v1/services/figures?period=month&year=2026&month=12${extra}`;

  it('computes each figure of the month from the dossiers that fall in it', async () => {
    const res = await clerk.get(december());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as FiguresReply;
    expect(body.label).toBe('Tháng 12/2026');
    expect(body.scope.agencyId).toBe(agencyId);
    const v = Object.fromEntries(body.items.map((i) => [i.key, i]));
    expect(v.received).toMatchObject({ numerator: 4, value: 4 });
    expect(v.finished).toMatchObject({ numerator: 3, value: 3 });
    expect(v.onTime).toMatchObject({ numerator: 2, denominator: 3 });
    expect(v.progress).toMatchObject({ numerator: 3, denominator: 5, value: 0.6 });
    expect(v.online).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
    expect(v.fullOnline).toMatchObject({ numerator: 2, denominator: 3 });
    expect(v.satisfaction).toMatchObject({ numerator: 2, denominator: 3 });
    expect(v.rating).toMatchObject({ numerator: 7, denominator: 2, value: 3.5 });
    expect(v.digitisedResults).toMatchObject({ numerator: 1, denominator: 3 });
    expect(v.overdue).toMatchObject({ numerator: 1 });
    expect(body.notComputed.length).toBeGreaterThan(0);

    // The same figures as a workbook.
    const xlsx = await clerk.get(december().replace('/figures?', '/figures.xlsx?'));
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const rowsOut: unknown[][] = [];
    book.worksheets[0]!.eachRow((r) => {
      rowsOut.push((r.values as unknown[]).slice(1));
    });
    const onTimeRow = rowsOut.find((r) => r[2] === 'Tỷ lệ hồ sơ giải quyết trước và đúng hạn');
    expect(onTimeRow?.slice(3, 6)).toEqual([2, 3, '66,7%']);

    // November: d5 was received then, d6 received and finished on time.
    const nov = (
      await clerk.get('/api/v1/services/figures?period=month&year=2026&month=11')
    ).json() as FiguresReply;
    const n = Object.fromEntries(nov.items.map((i) => [i.key, i]));
    expect(n.received?.numerator).toBe(2);
    expect(n.onTime).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    // The year holds all of them.
    const year = (await clerk.get('/api/v1/services/figures?period=year&year=2026')).json() as FiguresReply;
    expect(year.items.find((i) => i.key === 'received')?.numerator).toBe(6);
    const q4 = (
      await clerk.get('/api/v1/services/figures?period=quarter&year=2026&quarter=4')
    ).json() as FiguresReply;
    expect(q4.label).toBe('Quý IV năm 2026');
    expect(q4.items.find((i) => i.key === 'finished')?.numerator).toBe(4);
  });

  it('lists the dossiers behind a figure, page by page, with no personal data', async () => {
    const num = await clerk.get(
      '/api/v1/services/figures/dossiers?period=month&year=2026&month=12&key=onTime&part=numerator',
    );
    expect(num.statusCode, num.body).toBe(200);
    expect(
      num
        .json()
        .items.map((d: { code: string }) => d.code)
        .sort(),
    ).toEqual([codes.d1, codes.d5].sort());
    expect(num.body).not.toContain('Nguyễn Văn Riêng');
    expect(num.body).not.toContain('rieng@example.test');
    const first = (
      await clerk.get(
        '/api/v1/services/figures/dossiers?period=month&year=2026&month=12&key=onTime&part=denominator&limit=2',
      )
    ).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (
      await clerk.get(
        `/api/v1/services/figures/dossiers?period=month&year=2026&month=12&key=onTime&part=denominator&limit=2&cursor=${first.nextCursor}`,
      )
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items].map((d: { code: string }) => d.code).sort();
    expect(all).toEqual([codes.d1, codes.d2, codes.d5].sort());
    const overdue = (
      await clerk.get('/api/v1/services/figures/dossiers?period=month&year=2026&month=12&key=overdue')
    ).json();
    expect(overdue.items.map((d: { code: string }) => d.code)).toEqual([codes.d4]);
  });

  it('keeps each agency to its own figures; the system administrator sees the province', async () => {
    expectProblem(await officer.get(december()), 403);
    const p = expectProblem(await outsider.get(december(`&agencyId=${agencyId}`)), 403);
    expect(p.detail).toBe('Bạn chỉ xem được chỉ số của cơ quan mình và các đơn vị trực thuộc.');
    expectProblem(
      await outsider.get(
        `/api/v1/services/figures/dossiers?period=year&year=2026&key=received&agencyId=${agencyId}`,
      ),
      403,
    );
    const own = (await outsider.get(december())).json() as FiguresReply;
    expect(own.items.find((i) => i.key === 'received')?.numerator).toBe(0);
    const province = (await admin.get(december())).json() as FiguresReply;
    expect(province.scope).toEqual({ agencyId: null, name: 'Toàn tỉnh' });
    expect(province.items.find((i) => i.key === 'received')?.numerator).toBeGreaterThanOrEqual(4);
    const theirs = (await admin.get(december(`&agencyId=${agencyId}`))).json() as FiguresReply;
    expect(theirs.items.find((i) => i.key === 'received')?.numerator).toBe(4);
  });

  it('refuses a period it cannot read with a Vietnamese reason', async () => {
    const noMonth = expectProblem(await clerk.get('/api/v1/services/figures?period=month&year=2026'), 400);
    expect(JSON.stringify(noMonth)).toContain('Chọn tháng của kỳ báo cáo.');
    const badMonth = expectProblem(
      await clerk.get('/api/v1/services/figures?period=month&year=2026&month=13'),
      400,
    );
    expect(JSON.stringify(badMonth)).toContain('Tháng từ 1 đến 12.');
    const badKey = expectProblem(
      await clerk.get('/api/v1/services/figures/dossiers?period=year&year=2026&key=everything'),
      400,
    );
    expect(JSON.stringify(badKey)).toContain('Chỉ số không hợp lệ.');
    expectProblem(
      await clerk.get('/api/v1/services/figures/dossiers?period=year&year=2026&key=received&cursor=zzz'),
      400,
    );
    const edited = Buffer.from(JSON.stringify([1, 2])).toString('base64url');
    expectProblem(
      await clerk.get(
        `/api/v1/services/figures/dossiers?period=year&year=2026&key=received&cursor=${edited}`,
      ),
      400,
    );
  });
});
