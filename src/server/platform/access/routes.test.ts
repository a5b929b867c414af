import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { accessGuard } from './guard.ts';
import { PERMISSIONS } from './permissions.ts';

describe('every route declares its permission', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
  });
  afterAll(() => t.close());

  it('lists every registered route with a known permission', () => {
    const routes = t.app.routePermissions.filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(25);
    const missing = routes.filter((r) => !r.permission || !PERMISSIONS.includes(r.permission));
    expect(missing).toEqual([]);
  });

  it('refuses to register a route without one', async () => {
    const app = Fastify();
    await app.register(accessGuard, { resolveSession: async () => null, publicPrefixes: [] });
    await app.after();
    expect(() => app.get('/api/v1/undeclared', async () => 'x')).toThrow(/declares no permission/);
    app.get('/api/v1/declared', { config: { permission: 'public' } }, async () => 'x');
    await app.close();
  });

  it('answers 401 problem+json to anonymous calls of every non-public route', async () => {
    const seen = new Set<string>();
    for (const r of t.app.routePermissions) {
      if (r.permission === 'public' || r.method === 'HEAD' || seen.has(`${r.method} ${r.url}`)) continue;
      seen.add(`${r.method} ${r.url}`);
      const url = r.url.replace(/:(\w+)/g, (_m, name) =>
        name === 'id' && r.url.includes('jobs') ? '1' : '01a20000-0000-7000-8000-000000000000',
      );
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(seen.size).toBeGreaterThan(20);
  });
});

describe('HTTP basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('pglite');
  });
  afterAll(() => t.close());

  it('serves health, metrics and the OpenAPI document', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok', database: 'pglite' });
    const metrics = await t.app.inject('/metrics');
    expect(metrics.body).toContain('http_request_duration_seconds');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
    const doc = (await t.app.inject('/api/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/agencies']),
    );
    expect((await t.app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('answers unknown paths with problem+json, security headers and a request id', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'x-request-id': 'req-123' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('rate-limits sign-in attempts per address', async () => {
    const limited = await makeTestApp('pglite', { LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              payload: { username: 'x', password: 'y' },
            })
          ).statusCode,
        );
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[4]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
