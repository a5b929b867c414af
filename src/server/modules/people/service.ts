import { and, eq, isNull } from 'drizzle-orm';
import type { PersonCreate, PositionInput } from '../../../shared/schemas/people.ts';
import type { Db } from '../../db/client.ts';
import { isSystemAdmin } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/index.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { temporaryPassword } from '../../platform/auth/tokens.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, paginate } from '../../platform/http/pagination.ts';
import { adminScope, findAgency, type MergeListener } from '../agencies/index.ts';
import { presentPerson } from './presenter.ts';
import { people, positions } from './schema.ts';
import * as store from './store.ts';

/**
 * Positions follow a merged unit into the unit that absorbed it; the old rows stay, ended. Connected
 * to agencies' agencyMerged hook by this module's descriptor (module.ts).
 */
export const movePositionsOnMerge: MergeListener = async (db, sourceId, targetId) => {
  const moved = await db
    .update(positions)
    .set({ endedAt: new Date() })
    .where(and(eq(positions.agencyId, sourceId), isNull(positions.endedAt)))
    .returning();
  for (const p of moved) {
    await db.insert(positions).values({
      personId: p.personId,
      agencyId: targetId,
      divisionId: null,
      role: p.role,
      title: p.title,
      isPrimary: p.isPrimary,
    });
  }
  await db
    .update(positions)
    .set({ divisionId: null })
    .where(and(eq(positions.divisionId, sourceId), isNull(positions.endedAt)));
};

async function view(db: Db, id: string, now: Date) {
  const p = await store.findPerson(db, id);
  if (!p) throw notFound('Người dùng');
  return presentPerson(p, await store.activePositions(db, [id]), now);
}

/** A person is visible to an agency admin when they hold a position in the admin's agency. */
async function assertInScope(ctx: Ctx, personId: string) {
  const scope = await adminScope(ctx);
  if (scope === undefined) return;
  const pos = await store.activePositions(ctx.db, [personId]);
  if (!pos.some((p) => scope.includes(p.agencyId))) throw notFound('Người dùng');
}

async function checkPosition(ctx: Ctx, input: PositionInput) {
  if (input.role === 'system_admin' && !isSystemAdmin(ctx.actor))
    throw forbidden('Chỉ quản trị hệ thống được giao vai trò quản trị hệ thống.');
  const scope = await adminScope(ctx);
  if (scope !== undefined && !scope.includes(input.agencyId))
    throw forbidden('Bạn chỉ giao được chức vụ trong cơ quan của mình.');
  const agency = await findAgency(ctx.db, input.agencyId);
  if (agency?.status !== 'active')
    throw new AppError('validation_failed', 'Cơ quan của chức vụ không tồn tại hoặc đã ngừng hoạt động.');
  if (agency.kind === 'division')
    throw new AppError('validation_failed', 'Hãy chọn cơ quan, rồi chọn phòng ban bên trong cơ quan đó.');
  if (input.divisionId) {
    const div = await findAgency(ctx.db, input.divisionId);
    if (!div || div.parentId !== input.agencyId || div.kind !== 'division' || div.status !== 'active') {
      throw new AppError('validation_failed', 'Phòng ban không thuộc cơ quan đã chọn.');
    }
  }
}

export async function list(ctx: Ctx, q: { q?: string; agencyId?: string; limit: number; cursor?: string }) {
  const within = await adminScope(ctx);
  if (q.agencyId && within && !within.includes(q.agencyId)) return { items: [], nextCursor: null };
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const r = await store.listPeople(ctx.db, { ...q, within, after });
  const page = paginate(r, q.limit, (p) => [p.fullName, p.id]);
  const pos = await store.activePositions(
    ctx.db,
    page.items.map((p) => p.id),
  );
  return { items: page.items.map((p) => presentPerson(p, pos, ctx.now())), nextCursor: page.nextCursor };
}

export async function get(ctx: Ctx, id: string) {
  await assertInScope(ctx, id);
  return view(ctx.db, id, ctx.now());
}

/** Creates an account; without a password, a temporary one is generated and returned once. */
export async function create(ctx: Ctx, input: PersonCreate) {
  for (const p of input.positions) await checkPosition(ctx, p);
  const password = input.password ?? temporaryPassword();
  const passwordHash = await hashPassword(password);
  return inTx(ctx, async (c) => {
    if (await store.findByUsername(c.db, input.username))
      throw new AppError('duplicate', `Tên đăng nhập “${input.username}” đã có người dùng.`);
    const [person] = await c.db
      .insert(people)
      .values({
        username: input.username,
        fullName: input.fullName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        passwordHash,
        mustChangePassword: true,
      })
      .returning();
    for (const [i, p] of input.positions.entries()) {
      await c.db.insert(positions).values({
        personId: person!.id,
        agencyId: p.agencyId,
        divisionId: p.divisionId ?? null,
        role: p.role,
        title: p.title,
        isPrimary: i === 0,
      });
    }
    await audit(c.db, c.actor, {
      action: 'person.create',
      entityType: 'person',
      entityId: person!.id,
      agencyId: input.positions[0]!.agencyId,
      detail: { username: input.username, roles: input.positions.map((p) => p.role) },
    });
    return {
      person: await view(c.db, person!.id, c.now()),
      temporaryPassword: input.password ? null : password,
    };
  });
}

export async function update(
  ctx: Ctx,
  id: string,
  input: { fullName?: string; email?: string | null; phone?: string | null },
) {
  await assertInScope(ctx, id);
  return inTx(ctx, async (c) => {
    const [row] = await c.db
      .update(people)
      .set({ ...input, updatedAt: c.now() })
      .where(eq(people.id, id))
      .returning();
    if (!row) throw notFound('Người dùng');
    await audit(c.db, c.actor, {
      action: 'person.update',
      entityType: 'person',
      entityId: id,
      detail: input,
    });
    return view(c.db, id, c.now());
  });
}

/** Disabling ends every session of the person at once. */
export async function setDisabled(ctx: Ctx, id: string, disabled: boolean) {
  await assertInScope(ctx, id);
  if (id === ctx.actor.personId) throw new AppError('conflict', 'Bạn không thể tự khóa tài khoản của mình.');
  return inTx(ctx, async (c) => {
    await c.db
      .update(people)
      .set({ disabledAt: disabled ? c.now() : null, updatedAt: c.now() })
      .where(eq(people.id, id));
    if (disabled) await store.revokeAllSessions(c.db, id);
    await audit(c.db, c.actor, {
      action: disabled ? 'person.disable' : 'person.enable',
      entityType: 'person',
      entityId: id,
    });
    return view(c.db, id, c.now());
  });
}

/** Sets a new temporary password, clears the lockout, ends sessions; the person must change it at next sign-in. */
export async function resetPassword(ctx: Ctx, id: string) {
  await assertInScope(ctx, id);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return inTx(ctx, async (c) => {
    await c.db
      .update(people)
      .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: c.now() })
      .where(eq(people.id, id));
    await store.revokeAllSessions(c.db, id);
    await audit(c.db, c.actor, { action: 'person.reset_password', entityType: 'person', entityId: id });
    return { person: await view(c.db, id, c.now()), temporaryPassword: password };
  });
}

export async function addPosition(ctx: Ctx, id: string, input: PositionInput) {
  await assertInScope(ctx, id);
  await checkPosition(ctx, input);
  return inTx(ctx, async (c) => {
    await c.db.insert(positions).values({
      personId: id,
      agencyId: input.agencyId,
      divisionId: input.divisionId ?? null,
      role: input.role,
      title: input.title,
    });
    await audit(c.db, c.actor, {
      action: 'person.add_position',
      entityType: 'person',
      entityId: id,
      agencyId: input.agencyId,
      detail: { role: input.role },
    });
    return view(c.db, id, c.now());
  });
}

export async function endPosition(ctx: Ctx, id: string, positionId: string) {
  await assertInScope(ctx, id);
  return inTx(ctx, async (c) => {
    const [pos] = await c.db
      .select()
      .from(positions)
      .where(and(eq(positions.id, positionId), eq(positions.personId, id), isNull(positions.endedAt)));
    if (!pos) throw notFound('Chức vụ');
    const scope = await adminScope(c);
    if (scope !== undefined && !scope.includes(pos.agencyId)) throw notFound('Chức vụ');
    const remaining = (await store.activePositions(c.db, [id])).length;
    if (remaining <= 1)
      throw new AppError(
        'conflict',
        'Mỗi người cần ít nhất một chức vụ; hãy khóa tài khoản nếu người này nghỉ việc.',
      );
    await c.db.update(positions).set({ endedAt: c.now() }).where(eq(positions.id, positionId));
    await audit(c.db, c.actor, {
      action: 'person.end_position',
      entityType: 'person',
      entityId: id,
      agencyId: pos.agencyId,
      detail: { positionId },
    });
    return view(c.db, id, c.now());
  });
}
