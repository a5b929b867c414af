import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/client.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/db.ts';
import { cli, exited, freePort, killServers, remoteSignIn, serve } from './helpers/process.ts';

const PASSWORD = 'Demo-password-2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * The real process, as an operator runs it: `lienthong serve`, kill -9, `audit verify`, `backup`,
 * `restore`. On PGlite this proves a kill -9 loses no committed write; on both engines it proves the
 * backup round trip (same rows, same files, audit chain still verifies).
 */
describe.each(ENGINES)('the lienthong process on %s', (engine) => {
  let dir = '';
  let pg: TestDatabase | null = null;
  let env: Record<string, string>;
  /** A new data directory (and database): each attempt of the first test starts from nothing. */
  const fresh = async () => {
    await killServers();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (pg) await pg.cleanup().catch(() => {});
    pg = null;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-cli-'));
    env = { DATA_DIR: dir, DEMO_PASSWORD: PASSWORD, JOBS_ENABLED: 'false', PORT: String(await freePort()) };
    if (engine === 'postgres') {
      pg = await openTestDatabase('postgres');
      await pg.database.close();
      env.DATABASE_URL = pg.url!;
    }
  };
  afterEach(killServers);
  afterAll(async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (pg) await pg.cleanup().catch(() => {});
  });

  const counts = async () => {
    const d = await openDatabase(
      engine === 'postgres' ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: path.join(dir, 'pg') },
    );
    try {
      const r = await d.query<{ t: string; n: number }>(
        `SELECT 'agencies' t, count(*)::int n FROM agencies UNION ALL SELECT 'people', count(*)::int FROM people
         UNION ALL SELECT 'audit', count(*)::int FROM audit_log UNION ALL SELECT 'blobs', count(*)::int FROM blobs
         UNION ALL SELECT 'history', count(*)::int FROM agency_history`,
      );
      return Object.fromEntries(r.map((x) => [x.t, x.n]));
    } finally {
      await d.close();
    }
  };

  it('keeps every acknowledged write through kill -9, backs up, restores and verifies the audit chain', async () => {
    await fresh();
    if (engine === 'postgres') expect(cli(['seed-demo'], env).code).toBe(0);
    let s = await serve(env);
    if (engine === 'pglite') expect(s.output()).toContain(`Demo password: ${PASSWORD}`);
    let api = await remoteSignIn(s.url, 'quantri', PASSWORD);
    const province = (await (await api.call('GET', '/api/v1/agencies?kind=province&limit=1')).json()) as {
      items: { id: string }[];
    };
    const created: string[] = [];
    for (let i = 0; i < 15; i++) {
      const r = await api.call('POST', '/api/v1/agencies', {
        parentId: province.items[0]!.id,
        kind: 'commune',
        name: `UBND xã Bền Vững ${i}`,
        shortName: 'UBND',
        agencyCode: `000.${String(i + 50).padStart(2, '0')}.99.H62`,
      });
      expect(r.status).toBe(201);
      created.push(((await r.json()) as { id: string }).id);
    }
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'a.pdf');
    const up = await fetch(`${s.url}/api/v1/files`, {
      method: 'POST',
      headers: { cookie: api.cookie, 'x-csrf-token': api.csrfToken },
      body: form,
    });
    expect(up.status).toBe(201);
    const { sha256 } = (await up.json()) as { sha256: string };

    s.child.kill('SIGKILL');
    await exited(s.child);
    s = await serve(env);
    api = await remoteSignIn(s.url, 'quantri', PASSWORD);
    for (const id of created) expect((await api.call('GET', `/api/v1/agencies/${id}`)).status).toBe(200);
    s.child.kill('SIGTERM');
    await exited(s.child);

    expect(cli(['audit', 'verify'], env)).toMatchObject({ code: 0 });
    const before = await counts();
    const archive = path.join(dir, 'backup.tar.gz');
    const b = cli(['backup', archive], env);
    expect(b.code, b.out).toBe(0);

    // Wipe: a new empty database and no files.
    fs.rmSync(path.join(dir, 'pg'), { recursive: true, force: true });
    fs.rmSync(path.join(dir, 'blobs'), { recursive: true, force: true });
    if (pg) {
      await pg.cleanup();
      pg = await openTestDatabase('postgres');
      await pg.database.close();
      env.DATABASE_URL = pg.url!;
    }
    const r = cli(['restore', archive], env);
    expect(r.code, r.out).toBe(0);
    expect(await counts()).toEqual(before);
    expect(fs.readFileSync(path.join(dir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256))).toEqual(
      PDF,
    );
    const v = cli(['audit', 'verify'], env);
    expect(v.code, v.out).toBe(0);
    // Restoring twice is refused: the target is no longer empty.
    expect(cli(['restore', archive], env).code).not.toBe(0);

    // Tamper with one row behind the application's back: verify names it and exits non-zero.
    const d = await openDatabase(
      engine === 'postgres' ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: path.join(dir, 'pg') },
    );
    await d.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await d.query(`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 3`);
    await d.close();
    const broken = cli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('seq=3');
    // Seven processes start one after another (two servers, verify, backup, restore, verify twice);
    // on two cores shared with the rest of the suite that took 60–90 s.
  }, 240_000);

  it('refuses a damaged backup without touching the database', async () => {
    const bad = path.join(dir, 'not-a-backup.tar.gz');
    fs.writeFileSync(bad, 'garbage');
    expect(cli(['restore', bad], env).code).not.toBe(0);
    expect(cli(['restore', path.join(dir, 'missing.tar.gz')], env).code).toBe(2);
  });

  it('adds a user from the command line', async () => {
    const r = cli(
      [
        'user',
        'add',
        '--username',
        'cli.user',
        '--name',
        'Người Dòng Lệnh',
        '--role',
        'clerk',
        '--agency-code',
        '000.00.02.H62',
      ],
      env,
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Password: \S+/);
    expect(
      cli(
        ['user', 'add', '--username', 'x', '--name', 'X', '--role', 'king', '--agency-code', '000.00.02.H62'],
        env,
      ).code,
    ).toBe(1);
  });
});
