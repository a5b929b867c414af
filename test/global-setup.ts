import pg from 'pg';
import { openDatabase } from '../src/server/db/client.ts';

/**
 * When TEST_DATABASE_URL is set, every integration test also runs on that PostgreSQL server. Here we
 * migrate a template database once; each test file then clones it (CREATE DATABASE … TEMPLATE), so
 * files run in parallel on their own databases and need no truncation. Under CI=true the server
 * must be there: a missing server fails the run instead of skipping.
 */
export async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI === 'true')
      throw new Error('CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI.');
    return;
  }
  const template = templateName(url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ databaseUrl: withDb(url, template) });
  await db.migrate();
  await db.close();
}

export function templateName(url: string): string {
  return `${new URL(url).pathname.slice(1) || 'test'}_tpl`;
}

export function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
