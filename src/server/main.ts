import fs from 'node:fs';
import { Command } from 'commander';
import { ROLES, type Role } from '../shared/roles.ts';
import { type Config, loadConfig } from './config.ts';
import { demoPassword, seedDemo } from './demo/seed.ts';
import { activeAgenciesByCode } from './modules/agencies/index.ts';
import { describeProblems, verifyPackage } from './modules/dossiers/index.ts';
import { createAccount } from './modules/people/index.ts';
import { backup, restore } from './ops/backup.ts';
import { audit, verifyAuditChain } from './platform/audit/index.ts';
import { hashPassword } from './platform/auth/password.ts';
import { temporaryPassword } from './platform/auth/tokens.ts';
import { blobStoreFor, openConfigured, startServer } from './runtime.ts';

/** The `lienthong` command line. Every command reads the same validated configuration. */
function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}

async function withDb<T>(
  fn: (db: Awaited<ReturnType<typeof openConfigured>>, c: Config) => Promise<T>,
): Promise<T> {
  const c = config();
  const database = await openConfigured(c);
  try {
    await database.migrate();
    return await fn(database, c);
  } finally {
    await database.close();
  }
}

const program = new Command('lienthong').description('Liên Thông — hệ thống dùng chung của tỉnh');

program
  .command('serve', { isDefault: true })
  .description('Start the server (migrates first; loads the demo province on a first embedded start)')
  .action(async () => {
    const c = config();
    const server = await startServer(c);
    const lines = [
      `Liên Thông đang chạy tại ${server.url}`,
      `  API: ${server.url}/api/docs`,
      `  Database: ${server.database.kind === 'pglite' ? `PGlite (${c.dataDir}/pg)` : 'PostgreSQL'}`,
    ];
    if (server.demo) {
      lines.push('  Demo accounts (tỉnh mẫu):');
      for (const a of server.demo.accounts)
        lines.push(`    ${a.username.padEnd(22)} ${a.role.padEnd(14)} ${a.fullName} — ${a.agency}`);
      lines.push(`Demo password: ${server.demo.password}`);
    }
    console.log(lines.join('\n'));
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      server.app.log.info({ signal }, 'shutting down');
      await server.stop();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  });

program
  .command('migrate')
  .description('Apply database migrations')
  .action(() =>
    withDb(async (d) => {
      console.log(`Migrations applied (${d.kind}).`);
    }),
  );

program
  .command('seed-demo')
  .description('Load the demo province (also on PostgreSQL, where it never loads by itself)')
  .action(() =>
    withDb(async (d, c) => {
      const password = demoPassword(c.dataDir, c.DEMO_PASSWORD);
      const r = await seedDemo(d.db, password, c);
      console.log(
        r.seeded
          ? `Demo province loaded: ${r.agencies} units, ${r.people} people.`
          : 'Demo province already present.',
      );
      console.log(`Demo password: ${password}`);
    }),
  );

const user = program.command('user').description('Manage accounts');
user
  .command('add')
  .description('Create an account with one position')
  .requiredOption('--username <name>')
  .requiredOption('--name <fullName>')
  .requiredOption('--role <role>', ROLES.join(' | '))
  .requiredOption('--agency-code <code>', 'QCVN 102 code of the agency')
  .option('--title <title>', 'job title', '')
  .option('--password <password>', 'initial password (a temporary one is generated when omitted)')
  .action(
    (o: {
      username: string;
      name: string;
      role: string;
      agencyCode: string;
      title: string;
      password?: string;
    }) =>
      withDb(async (d) => {
        if (!(ROLES as readonly string[]).includes(o.role))
          throw new Error(`Unknown role ${o.role}; use one of ${ROLES.join(', ')}`);
        const agency = (await activeAgenciesByCode(d.db, [o.agencyCode])).get(o.agencyCode);
        if (!agency) throw new Error(`No agency with code ${o.agencyCode}`);
        const password = o.password ?? temporaryPassword();
        const username = o.username.trim().toLowerCase();
        await d.db.transaction(async (tx) => {
          const personId = await createAccount(
            tx,
            {
              username,
              fullName: o.name,
              passwordHash: await hashPassword(password),
              mustChangePassword: true,
            },
            [{ agencyId: agency.id, role: o.role as Role, title: o.title, isPrimary: true }],
          );
          await audit(
            tx,
            { system: 'cli' },
            {
              action: 'person.create',
              entityType: 'person',
              entityId: personId,
              agencyId: agency.id,
              detail: { username, roles: [o.role] },
            },
          );
        });
        console.log(
          `Created ${username} (${o.role}) in ${agency.name}. Password: ${password} (must be changed at first sign-in)`,
        );
      }),
  );

const auditCmd = program.command('audit').description('Audit log');
auditCmd
  .command('verify')
  .description('Check the audit hash chain; exits 1 and names the first broken row')
  .action(() =>
    withDb(async (d) => {
      const r = await verifyAuditChain(d.db);
      if (r.ok) console.log(`Audit chain intact: ${r.checked} rows checked.`);
      else {
        console.error(
          `Audit chain BROKEN at row seq=${r.firstBroken!.seq}: ${r.firstBroken!.reason} (${r.checked} rows verified before it).`,
        );
        process.exitCode = 1;
      }
    }),
  );

program
  .command('backup <file>')
  .description(
    'Write one archive with a consistent database snapshot and every file (stop an embedded server first)',
  )
  .action((file: string) =>
    withDb(async (d, c) => {
      const m = await backup(d, blobStoreFor(c), file, console.log);
      console.log(
        `Backup written to ${file}: ${m.tables.reduce((s, t) => s + t.rows, 0)} rows, ${m.blobs} files.`,
      );
    }),
  );

program
  .command('restore <file>')
  .description('Restore an archive into an empty installation')
  .action((file: string) => {
    if (!fs.existsSync(file)) {
      console.error(`No such file: ${file}`);
      process.exit(2);
    }
    return withDb(async (d, c) => {
      const m = await restore(d, blobStoreFor(c), file, console.log);
      console.log(
        `Restored ${m.tables.reduce((s, t) => s + t.rows, 0)} rows and ${m.blobs} files from ${m.createdAt}.`,
      );
    });
  });

const archiveCmd = program.command('archive').description('Archive transfer packages (nộp lưu)');
archiveCmd
  .command('verify <package>')
  .description(
    'Check a transfer package against its SHA-256 manifest; exits 1 and names every missing, altered or unlisted file',
  )
  .action(async (file: string) => {
    if (!fs.existsSync(file)) {
      console.error(`No such file: ${file}`);
      process.exit(2);
    }
    const r = await verifyPackage(file);
    if (r.ok) console.log(`Package intact: ${r.checked} files match the manifest.`);
    else {
      console.error(describeProblems(r, 'en'));
      for (const p of r.problems) console.error(`  ${p.problem.toUpperCase()}: ${p.path}`);
      process.exitCode = 1;
    }
  });

program.parseAsync().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
