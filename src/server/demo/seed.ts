import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/client.ts';
import { demoProvince } from '../modules/agencies/demo-province.ts';
import { insertAgencyTree } from '../modules/agencies/index.ts';
import { MODULES } from '../modules/index.ts';
import { addPositionTo, createAccount, hasPeople, personIdByUsername } from '../modules/people/index.ts';
import { audit } from '../platform/audit/index.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { temporaryPassword } from '../platform/auth/tokens.ts';
import type { DemoEnv } from '../platform/modules.ts';

export interface DemoSeedResult {
  seeded: boolean;
  agencies: number;
  people: number;
  accounts: { username: string; fullName: string; role: string; agency: string }[];
}

/** True when the installation has no people yet (first start). */
export async function isEmpty(db: Db): Promise<boolean> {
  return !(await hasPeople(db));
}

/**
 * Loads the demo province (agency tree and one account per role in several agencies) in one
 * transaction. Idempotent: does nothing when the system administrator `quantri` exists.
 */
export async function seedDemo(
  db: Db,
  password: string,
  env: DemoEnv = { dataDir: loadConfig().dataDir },
): Promise<DemoSeedResult> {
  const demo = demoProvince();
  // The hand-written accounts (one per role in a few agencies) are the ones worth printing at start.
  const featuredAgencies = new Set(['ubnd', 'vp-ubnd', 'snv', 'stttt', 'h-longho', 'x-longho-phuochau']);
  const featured = demo.people.filter(
    (p) => featuredAgencies.has(p.agencyKey) && !p.username.startsWith('lanhdao.h-'),
  );
  const summary = (list: typeof demo.people) =>
    list.map((p) => ({
      username: p.username,
      fullName: p.fullName,
      role: p.role,
      agency: demo.agencies.find((a) => a.key === p.agencyKey)?.name ?? '',
    }));
  if (await personIdByUsername(db, 'quantri')) {
    return { seeded: false, agencies: 0, people: 0, accounts: summary(featured) };
  }
  // One hash for every demo account: they share the demo password, and hashing 100+ times would slow the first start.
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const ids = await insertAgencyTree(tx, demo.agencies);
    for (const p of demo.people) {
      await createAccount(
        tx,
        {
          username: p.username,
          fullName: p.fullName,
          passwordHash,
          mustChangePassword: false,
          email: `${p.username}@demo.lienthong.local`,
        },
        [
          {
            agencyId: ids.get(p.agencyKey)!,
            divisionId: p.divisionKey ? ids.get(p.divisionKey)! : null,
            role: p.role,
            title: p.title,
            isPrimary: true,
          },
        ],
      );
    }
    // One person holds two positions (kiêm nhiệm), so switching positions can be tried.
    const vp = demo.people.find((p) => p.username === 'lanhdao.vp');
    if (vp) {
      const personId = await personIdByUsername(tx, 'lanhdao.vp');
      await addPositionTo(tx, personId!, {
        agencyId: ids.get('ubnd')!,
        role: 'agency_leader',
        title: 'Thành viên UBND tỉnh (kiêm nhiệm)',
      });
    }
    // Each module's own demo data (indicators' catalogue, forms and values …).
    for (const m of MODULES) if (m.seedDemo) await m.seedDemo(tx, env);
    await audit(
      tx,
      { system: 'seed-demo' },
      { action: 'demo.seed', detail: { agencies: demo.agencies.length, people: demo.people.length } },
    );
  });
  return {
    seeded: true,
    agencies: demo.agencies.length,
    people: demo.people.length,
    accounts: summary(featured),
  };
}

/** The demo password: DEMO_PASSWORD, else one generated on first start and kept in DATA_DIR. */
export function demoPassword(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'demo-password.txt');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const pw = `Demo-${temporaryPassword()}1`;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${pw}\n`, { mode: 0o600 });
  return pw;
}
