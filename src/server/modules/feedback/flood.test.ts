import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';

// A flood on the public form from one address: after FEEDBACK_SUBMITS_PER_MINUTE posts the address
// gets 429 with a Vietnamese message, and nothing more is stored; tracking lookups have their own limit.
describe.each(ENGINES)('the feedback form under a flood on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(engine, { FEEDBACK_SUBMITS_PER_MINUTE: '3', FEEDBACK_LOOKUPS_PER_MINUTE: '2' });
  });
  afterAll(async () => t?.close());

  it('refuses the fourth post of a minute and the third lookup', async () => {
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/cong-khai/phan-anh',
        payload: '--b\r\nContent-Disposition: form-data; name="ho_ten"\r\n\r\nX\r\n--b--\r\n',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await post()).statusCode);
    expect(answers.slice(0, 3)).toEqual([400, 400, 400]);
    expect(answers.slice(3)).toEqual([429, 429]);
    const last = await post();
    expect(last.body).toMatch(/quá nhiều|Quá nhiều|thử lại/i);
    const n = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_items', []);
    expect(n[0]!.n).toBe(0);
    const look = () =>
      t.app.inject({
        method: 'POST',
        url: '/cong-khai/phan-anh/tra-cuu',
        payload: 'ma=X-PA-261207-0001&bi_mat=ABC',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect([(await look()).statusCode, (await look()).statusCode, (await look()).statusCode]).toEqual([
      404, 404, 429,
    ]);
  });
});
