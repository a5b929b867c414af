import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';

/** Anonymous public pages and feeds have a rate limit of their own, per address (DESIGN.md §5). */
describe.each(ENGINES)('public pages rate limit on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(engine, { PUBLIC_RATE_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it.each([
    '/cong-khai/lich-cong-tac',
    '/cong-khai/lich-cong-tac.ics',
    '/cong-khai/thong-bao',
    '/lich/khong-co-ma-nay.ics',
  ])('slows down a scraper of %s after the limit, not a reader', async (url) => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await t.app.inject({ method: 'GET', url })).statusCode);
    expect(codes.slice(0, 3).every((c) => c !== 429)).toBe(true);
    expect(codes[4]).toBe(429);
  });
});
