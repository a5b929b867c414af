import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import * as tar from 'tar';
import type { Database } from '../db/client.ts';
import { hasPeople } from '../modules/people/index.ts';
import type { DiskBlobStore } from '../platform/blobs/store.ts';

/**
 * Logical backup that works on both engines without pg_dump: every table is read inside one
 * REPEATABLE READ transaction (a consistent snapshot), in primary-key pages, as NDJSON rows;
 * blobs are added by hash. Restore inserts rows through json_populate_recordset, so every type
 * round-trips exactly, then resets identity sequences and checks every file's SHA-256.
 */
export interface BackupManifest {
  format: 'lienthong-backup-1';
  createdAt: string;
  engine: string;
  migrations: number;
  tables: { name: string; rows: number }[];
  blobs: number;
}

interface TableInfo {
  name: string;
  pk: string;
  pkType: string;
  columns: string[];
  identity: string[];
}

async function tableInfo(database: Database): Promise<TableInfo[]> {
  const tables = await database.query<{ name: string; pk: string; pkType: string }>(
    `SELECT c.relname AS name, a.attname AS pk, format_type(a.atttypid, a.atttypmod) AS "pkType"
       FROM pg_class c JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY c.relname`,
  );
  const cols = await database.query<{
    table_name: string;
    column_name: string;
    is_generated: string;
    is_identity: string;
  }>(
    `SELECT table_name, column_name, is_generated, is_identity FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  return tables.map((t) => ({
    ...t,
    columns: cols
      .filter((c) => c.table_name === t.name && c.is_generated !== 'ALWAYS')
      .map((c) => c.column_name),
    identity: cols
      .filter((c) => c.table_name === t.name && c.is_identity === 'YES')
      .map((c) => c.column_name),
  }));
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

export async function backup(
  database: Database,
  blobs: DiskBlobStore,
  outFile: string,
  log: (m: string) => void = () => {},
) {
  const stage = await fsp.mkdtemp(path.join(os.tmpdir(), 'lienthong-backup-'));
  try {
    await fsp.mkdir(path.join(stage, 'db'));
    await fsp.mkdir(path.join(stage, 'blobs'));
    const tables = await tableInfo(database);
    const manifest: BackupManifest = {
      format: 'lienthong-backup-1',
      createdAt: new Date().toISOString(),
      engine: database.kind,
      migrations: 0,
      tables: [],
      blobs: 0,
    };
    await database.db.transaction(
      async (tx) => {
        for (const t of tables) {
          const out = fs.createWriteStream(path.join(stage, 'db', `${t.name}.ndjson`));
          let last: unknown = null;
          let count = 0;
          for (;;) {
            // Identifiers come from the catalogue above, never from input; the cursor is a parameter.
            const page = sql.raw(`SELECT ${t.columns.map(q).join(', ')} FROM ${q(t.name)}`);
            const after =
              last === null ? sql`` : sql` WHERE ${sql.raw(q(t.pk))} > ${last}::${sql.raw(t.pkType)}`;
            const res = (await tx.execute(
              sql`SELECT row_to_json(x)::text AS j, x.${sql.raw(q(t.pk))}::text AS k FROM (${page}${after} ORDER BY ${sql.raw(q(t.pk))} LIMIT 1000) x ORDER BY x.${sql.raw(q(t.pk))}`,
            )) as unknown as { rows: { j: string; k: string }[] };
            if (res.rows.length === 0) break;
            for (const r of res.rows) out.write(`${r.j}\n`);
            count += res.rows.length;
            last = res.rows[res.rows.length - 1]!.k;
          }
          await new Promise<void>((resolve, reject) =>
            out.end((err?: Error | null) => (err ? reject(err) : resolve())),
          );
          manifest.tables.push({ name: t.name, rows: count });
          log(`  ${t.name}: ${count} rows`);
        }
        const m = (await tx.execute(
          rawSql('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations'),
        )) as unknown as { rows: { n: number }[] };
        manifest.migrations = m.rows[0]?.n ?? 0;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    for await (const sha of blobs.list()) {
      const src = blobs.pathOf(sha);
      const dst = path.join(stage, 'blobs', sha);
      await fsp.link(src, dst).catch(() => fsp.copyFile(src, dst));
      manifest.blobs++;
    }
    await fsp.writeFile(path.join(stage, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await tar.create({ gzip: true, file: outFile, cwd: stage, portable: true }, [
      'manifest.json',
      'db',
      'blobs',
    ]);
    return manifest;
  } finally {
    await fsp.rm(stage, { recursive: true, force: true });
  }
}

/** Restores into a freshly migrated, empty database. Refuses a database that already holds people. */
export async function restore(
  database: Database,
  blobs: DiskBlobStore,
  file: string,
  log: (m: string) => void = () => {},
) {
  const stage = await fsp.mkdtemp(path.join(os.tmpdir(), 'lienthong-restore-'));
  try {
    await tar.extract({ file, cwd: stage });
    const manifest = JSON.parse(
      await fsp.readFile(path.join(stage, 'manifest.json'), 'utf8'),
    ) as BackupManifest;
    if (manifest.format !== 'lienthong-backup-1')
      throw new Error('Not a Liên Thông backup (unknown format).');
    await database.migrate();
    const tables = await tableInfo(database);
    if (await hasPeople(database.db))
      throw new Error('The target database is not empty; restore needs a fresh database.');
    // Check files before touching the database: a damaged archive changes nothing.
    const blobDir = path.join(stage, 'blobs');
    const names = await fsp.readdir(blobDir);
    for (const sha of names) {
      const h = createHash('sha256');
      await pipeline(fs.createReadStream(path.join(blobDir, sha)), h);
      if (h.digest('hex') !== sha)
        throw new Error(`File ${sha} in the backup is damaged (SHA-256 mismatch).`);
    }
    await database.db.transaction(async (tx) => {
      // Foreign keys and the audit log's append-only trigger are not checked while restoring rows as they were.
      await tx.execute(rawSql('SET LOCAL session_replication_role = replica'));
      for (const t of manifest.tables) {
        const info = tables.find((x) => x.name === t.name);
        if (!info) throw new Error(`Table ${t.name} from the backup does not exist in this version.`);
        await tx.execute(rawSql(`DELETE FROM ${q(t.name)}`));
        const cols = info.columns.map(q).join(', ');
        const rl = readline.createInterface({
          input: fs.createReadStream(path.join(stage, 'db', `${t.name}.ndjson`)),
          crlfDelay: Infinity,
        });
        let batch: string[] = [];
        const flush = async () => {
          if (!batch.length) return;
          const head = sql.raw(
            `INSERT INTO ${q(t.name)} (${cols}) ${info.identity.length ? 'OVERRIDING SYSTEM VALUE' : ''} SELECT ${cols} FROM json_populate_recordset(NULL::${q(t.name)}, `,
          );
          await tx.execute(sql`${head}${`[${batch.join(',')}]`}::json)`);
          batch = [];
        };
        for await (const line of rl) {
          if (!line) continue;
          batch.push(line);
          if (batch.length >= 500) await flush();
        }
        await flush();
        for (const col of info.identity) {
          await tx.execute(
            rawSql(
              `SELECT setval(pg_get_serial_sequence('${t.name}', '${col}'), GREATEST(1, (SELECT COALESCE(max(${q(col)}), 0) FROM ${q(t.name)})))`,
            ),
          );
        }
        log(`  ${t.name}: ${t.rows} rows`);
      }
    });
    for (const sha of names) {
      const dest = blobs.pathOf(sha);
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      await fsp.copyFile(path.join(blobDir, sha), dest);
    }
    return manifest;
  } finally {
    await fsp.rm(stage, { recursive: true, force: true });
  }
}

const rawSql = (text: string) => sql.raw(text);
