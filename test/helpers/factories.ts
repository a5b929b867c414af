import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/server/db/client.ts';
import { agencies } from '../../src/server/modules/agencies/schema.ts';
import { people, positions } from '../../src/server/modules/people/schema.ts';
import { hashPassword } from '../../src/server/platform/auth/password.ts';
import type { Role } from '../../src/shared/roles.ts';

export const PASSWORD = 'Test-password-2026';
let hashed: Promise<string> | null = null;

const uniq = () => randomBytes(4).toString('hex');
let codeSeq = Math.floor(Math.random() * 90) + 1;
/** A fresh, valid, unused QCVN 102 code (random level-1 group keeps parallel files apart). */
export function freshCode(): string {
  codeSeq++;
  const l1 =
    String.fromCharCode(65 + Math.floor(Math.random() * 26)) +
    String(Math.floor(Math.random() * 100)).padStart(2, '0');
  return `${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}.${String(codeSeq % 100).padStart(2, '0')}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}.${l1}`;
}

export async function makeAgency(db: Db, over: Partial<typeof agencies.$inferInsert> = {}) {
  const [a] = await db
    .insert(agencies)
    .values({
      kind: 'department',
      name: `Sở Thử nghiệm ${uniq()}`,
      shortName: 'STN',
      agencyCode: freshCode(),
      ...over,
    })
    .returning();
  return a!;
}

export async function makeDivision(
  db: Db,
  parentId: string,
  over: Partial<typeof agencies.$inferInsert> = {},
) {
  return makeAgency(db, {
    kind: 'division',
    parentId,
    name: `Phòng ${uniq()}`,
    shortName: 'P',
    agencyCode: null,
    ...over,
  });
}

export async function makePerson(
  db: Db,
  o: {
    agencyId: string;
    role: Role;
    divisionId?: string | null;
    username?: string;
    mustChangePassword?: boolean;
    fullName?: string;
  },
) {
  hashed ??= hashPassword(PASSWORD);
  const [p] = await db
    .insert(people)
    .values({
      username: o.username ?? `u${uniq()}`,
      fullName: o.fullName ?? `Người Thử ${uniq()}`,
      passwordHash: await hashed,
      mustChangePassword: o.mustChangePassword ?? false,
    })
    .returning();
  const [pos] = await db
    .insert(positions)
    .values({
      personId: p!.id,
      agencyId: o.agencyId,
      divisionId: o.divisionId ?? null,
      role: o.role,
      title: '',
      isPrimary: true,
    })
    .returning();
  return { ...p!, positionId: pos!.id };
}

/** A fresh agency with one person of each role and a division. */
export async function makeAgencyWithStaff(db: Db) {
  const agency = await makeAgency(db);
  const division = await makeDivision(db, agency.id);
  const staff = {
    admin: await makePerson(db, { agencyId: agency.id, role: 'agency_admin' }),
    clerk: await makePerson(db, { agencyId: agency.id, role: 'clerk' }),
    officer: await makePerson(db, { agencyId: agency.id, role: 'officer', divisionId: division.id }),
    head: await makePerson(db, { agencyId: agency.id, role: 'division_head', divisionId: division.id }),
    leader: await makePerson(db, { agencyId: agency.id, role: 'agency_leader' }),
  };
  return { agency, division, ...staff };
}
