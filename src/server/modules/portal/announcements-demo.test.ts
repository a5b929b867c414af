import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { seedDemo } from '../../demo/seed.ts';
import { personIdByUsername } from '../people/index.ts';
import { unreadAnnouncements } from './index.ts';

// The demo's announcements from Văn phòng UBND tỉnh, as the demo province's people see them.
describe.each(ENGINES)('the demo announcements on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await seedDemo(t.database.db, 'Demo-password-2026');
  }, 120_000);
  afterAll(() => t.cleanup());

  it('seeds five, one pinned, one public, one to chosen departments, one expired; once', async () => {
    const q = async (where: string) =>
      (
        await t.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM announcements WHERE ${where}`,
          [],
        )
      )[0]!.n;
    expect(await q('true')).toBe(5);
    expect(await q('pinned')).toBe(1);
    expect(await q('is_public')).toBe(1);
    expect(await q("audience = 'agencies'")).toBe(1);
    expect(await q('expires_at < now()')).toBe(1);
    await seedDemo(t.database.db, 'Demo-password-2026');
    expect(await q('true')).toBe(5);

    const db = t.database.db;
    const clerk = (await personIdByUsername(db, 'vanthu.snv'))!;
    const box = await unreadAnnouncements(db, { personId: clerk }, 10);
    expect(box.map((a) => a.title)).toEqual([
      'Lịch nghỉ Tết Nguyên đán và phân công trực cơ quan',
      'Đề nghị báo cáo tình hình triển khai chữ ký số trước ngày 25',
      'Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh',
    ]);
    expect(box[0]!.agencyName).toBe('Văn phòng Ủy ban nhân dân tỉnh');
    const leader = (await personIdByUsername(db, 'lanhdao.longho'))!;
    expect((await unreadAnnouncements(db, { personId: leader }, 10)).map((a) => a.title)).toContain(
      'Mời lãnh đạo các đơn vị dự hội nghị trực tuyến tổng kết năm',
    );
  });
});
