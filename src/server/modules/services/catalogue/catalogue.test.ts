import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { makeProcedure } from '../fixtures.test-helpers.ts';

/** The catalogue as open data: search without diacritics, keyset pages, one procedure, nothing retired. */
describe.each(ENGINES)('services catalogue (open data) on %s', (engine) => {
  let t: TestApp;
  let karaoke: Awaited<ReturnType<typeof makeProcedure>>;
  let birth: Awaited<ReturnType<typeof makeProcedure>>;
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await makeTestApp(engine);
    karaoke = await makeProcedure(t.database.db);
    birth = await makeProcedure(t.database.db, {
      name: 'Thủ tục đăng ký khai sinh',
      field: 'Hộ tịch',
      level: 'commune',
      onlineLevel: 'partial',
    });
    for (let i = 0; i < 5; i++)
      await makeProcedure(t.database.db, {
        name: `Chứng thực bản sao số ${i}`,
        field: 'Chứng thực',
        onlineLevel: 'none',
      });
  });
  afterAll(() => t?.close());

  it('finds procedures by words typed without diacritics, by code and by filters', async () => {
    const byWords = (await get('/api/v1/open/thu-tuc?q=dang%20ky%20khai')).json();
    expect(byWords.items.map((p: { code: string }) => p.code)).toEqual([birth.procedure.code]);
    expect(byWords.items[0]).toMatchObject({
      name: 'Thủ tục đăng ký khai sinh',
      level: 'commune',
      onlineLevel: 'partial',
      agencies: [{ id: birth.staff.agency.id, name: birth.staff.agency.name }],
    });
    const byCode = (await get(`/api/v1/open/thu-tuc?q=${encodeURIComponent(karaoke.procedure.code)}`)).json();
    expect(byCode.items.map((p: { id: string }) => p.id)).toEqual([karaoke.procedure.id]);
    const byField = (await get(`/api/v1/open/thu-tuc?field=${encodeURIComponent('Hộ tịch')}`)).json();
    expect(byField.items).toHaveLength(1);
    const full = (await get('/api/v1/open/thu-tuc?onlineLevel=full')).json();
    expect(full.items.map((p: { id: string }) => p.id)).toEqual([karaoke.procedure.id]);
    const fields = (await get('/api/v1/open/thu-tuc/linh-vuc')).json();
    expect(fields.items).toEqual(['Chứng thực', 'Hộ tịch', 'Văn hóa']);
  });

  it('pages by keyset without losing or repeating a procedure', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/open/thu-tuc?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await get(url)).json();
      seen.push(...page.items.map((p: { id: string }) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const bad = await get('/api/v1/open/thu-tuc?cursor=xyz');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().detail).toContain('phân trang');
    // A well-formed cursor with values of the wrong kind (an edited address) is a 400 too.
    const edited = Buffer.from(JSON.stringify([7, 'not-a-uuid'])).toString('base64url');
    expect((await get(`/api/v1/open/thu-tuc?cursor=${edited}`)).statusCode).toBe(400);
  });

  it('gives one procedure by its national code with its whole content, 404 for an unknown or retired one', async () => {
    const one = await get(`/api/v1/open/thu-tuc/${encodeURIComponent(karaoke.procedure.code)}`);
    expect(one.statusCode).toBe(200);
    const p = one.json();
    expect(p).toMatchObject({ code: karaoke.procedure.code, version: 1, processingDays: 5 });
    expect(p.content.steps).toHaveLength(4);
    expect(p.content.papers.map((x: { key: string }) => x.key)).toEqual(['don', 'gcn']);
    expect(p.content.form.fields.length).toBeGreaterThan(3);
    const unknown = await get('/api/v1/open/thu-tuc/9.999999.000.00.00.H99');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toContain('không có trong danh mục');
    await t.database.query('UPDATE service_procedures SET active = false WHERE id = $1', [
      birth.procedure.id,
    ]);
    expect((await get(`/api/v1/open/thu-tuc/${encodeURIComponent(birth.procedure.code)}`)).statusCode).toBe(
      404,
    );
    expect((await get('/api/v1/open/thu-tuc?q=khai%20sinh')).json().items).toEqual([]);
    const noTemplate = await get(
      `/api/v1/open/thu-tuc/${encodeURIComponent(karaoke.procedure.code)}/mau/don`,
    );
    expect(noTemplate.statusCode).toBe(404);
  });
});
