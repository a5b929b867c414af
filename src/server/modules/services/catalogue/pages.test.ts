import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeProcedure } from '../fixtures.test-helpers.ts';
import { saveProcedure } from './store.ts';

/** The public catalogue pages (/cong-khai/thu-tuc): server-rendered, without JavaScript, nothing internal. */
describe.each(ENGINES)('services catalogue pages on %s', (engine) => {
  let t: TestApp;
  let karaoke: Awaited<ReturnType<typeof makeProcedure>>;
  let copy: Awaited<ReturnType<typeof makeProcedure>>;
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await makeTestApp(engine);
    karaoke = await makeProcedure(t.database.db);
    // A second version with a note: the note is internal, only the current content is public.
    await saveProcedure(
      t.database.db,
      { ...karaoke.content, processingDays: 7 },
      { note: 'Ghi chú nội bộ XYZ' },
    );
    copy = await makeProcedure(t.database.db, {
      name: 'Chứng thực bản sao từ bản chính',
      field: 'Chứng thực',
      level: 'commune',
      onlineLevel: 'none',
    });
    for (let i = 0; i < 21; i++)
      await makeProcedure(t.database.db, {
        name: `Thủ tục thử nghiệm số ${String(i).padStart(2, '0')}`,
        field: 'Thử nghiệm',
      });
  });
  afterAll(() => t?.close());

  it('searches without diacritics, filters, pages by "Trang sau" and says when nothing matches', async () => {
    const page = await get('/cong-khai/thu-tuc?q=chung%20thuc');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Chứng thực bản sao từ bản chính');
    expect(page.body).not.toContain('karaoke');
    expect(page.body).toContain(`href="/cong-khai/thu-tuc/${encodeURIComponent(copy.procedure.code)}"`);
    expect(page.body).toContain('Thủ tục hành chính</a>');
    const byField = await get(`/cong-khai/thu-tuc?linh-vuc=${encodeURIComponent('Thử nghiệm')}`);
    const next = /href="(\/cong-khai\/thu-tuc\?[^"]*sau=[^"]+)" rel="next"/.exec(byField.body)?.[1];
    expect(next).toBeDefined();
    const second = await get((next ?? '').replaceAll('&amp;', '&'));
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Thủ tục thử nghiệm số 20');
    expect(second.body).not.toContain('Thủ tục thử nghiệm số 00');
    const none = await get('/cong-khai/thu-tuc?q=khong%20co%20thu%20tuc%20nay');
    expect(none.body).toContain('Không tìm thấy thủ tục nào phù hợp');
  });

  it('answers a bad filter or cursor with a Vietnamese 400 page, never a 500', async () => {
    const badLevel = await get('/cong-khai/thu-tuc?cap=tinh');
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.body).toContain('Cấp thực hiện không hợp lệ.');
    const badField = await get('/cong-khai/thu-tuc?linh-vuc=Kh%C3%B4ng%20c%C3%B3');
    expect(badField.statusCode).toBe(400);
    const badCursor = await get('/cong-khai/thu-tuc?sau=xyz');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.body).toContain('phân trang');
  });

  it('shows a procedure with the decree’s headings, the submit link only when online, 404 when unknown or retired', async () => {
    const page = await get(`/cong-khai/thu-tuc/${encodeURIComponent(karaoke.procedure.code)}`);
    expect(page.statusCode).toBe(200);
    for (const heading of [
      'Trình tự thực hiện',
      'Cách thức thực hiện',
      'Thành phần hồ sơ',
      'Cơ quan thực hiện',
      'Phí, lệ phí',
      'Căn cứ pháp lý',
      'Yêu cầu, điều kiện',
    ])
      expect(page.body).toContain(`>${heading}</h2>`);
    expect(page.body).toContain('7 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ');
    expect(page.body).toContain('4.000.000 đồng');
    expect(page.body).toContain(`href="/dich-vu-cong/nop/${encodeURIComponent(karaoke.procedure.code)}"`);
    // Nothing internal: no record ids, no version notes, no agency ids.
    expect(page.body).not.toContain(karaoke.procedure.id);
    expect(page.body).not.toContain(karaoke.staff.agency.id);
    expect(page.body).not.toContain('Ghi chú nội bộ XYZ');
    const offline = await get(`/cong-khai/thu-tuc/${encodeURIComponent(copy.procedure.code)}`);
    expect(offline.body).not.toContain('/dich-vu-cong/nop/');
    expect(offline.body).toContain('nộp trực tiếp tại bộ phận một cửa');
    const unknown = await get('/cong-khai/thu-tuc/9.999999.000.00.00.H99');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('không có trong danh mục');
    await t.database.query('UPDATE service_procedures SET active = false WHERE id = $1', [copy.procedure.id]);
    expect((await get(`/cong-khai/thu-tuc/${encodeURIComponent(copy.procedure.code)}`)).statusCode).toBe(404);
  });
});
