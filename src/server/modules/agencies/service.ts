import { eq, sql } from 'drizzle-orm';
import type { AgencyInput, AgencyUpdate } from '../../../shared/schemas/agencies.ts';
import type { Db } from '../../db/client.ts';
import { isSystemAdmin } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, paginate } from '../../platform/http/pagination.ts';
import { agencies } from './schema.ts';
import * as store from './store.ts';

export type { AgencyRow } from './store.ts';

/** What another module does when a unit is merged, inside the merge transaction. */
export type MergeListener = (db: Db, sourceId: string, targetId: string, ctx: Ctx) => Promise<void>;

declare module '../../platform/modules.ts' {
  interface Hooks {
    /** Run inside an agency merge's transaction, in the order of the module list (people moves positions). */
    agencyMerged?: readonly MergeListener[];
  }
}

/** The units an actor may administer: everything for a system admin, their agency's subtree for an agency admin. */
export async function adminScope(ctx: Ctx): Promise<string[] | undefined> {
  if (isSystemAdmin(ctx.actor)) return undefined;
  if (ctx.actor.role === 'agency_admin' && ctx.actor.agencyId)
    return store.subtreeIds(ctx.db, ctx.actor.agencyId);
  return [];
}

async function assertCanAdminister(ctx: Ctx, agencyId: string | null): Promise<void> {
  const scope = await adminScope(ctx);
  if (scope === undefined) return;
  if (agencyId === null || !scope.includes(agencyId))
    throw forbidden('Bạn chỉ quản trị được các đơn vị thuộc cơ quan của mình.');
}

export async function list(
  ctx: Ctx,
  q: {
    q?: string;
    parentId?: string | null;
    kind?: string;
    includeInactive?: boolean;
    limit: number;
    cursor?: string;
  },
) {
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const r = await store.list(ctx.db, { ...q, after });
  const page = paginate(r, q.limit, (x) => [x.agency.name, x.agency.id]);
  return {
    items: page.items.map((x) => ({ ...x.agency, childCount: x.childCount })),
    nextCursor: page.nextCursor,
  };
}

export async function get(ctx: Ctx, id: string) {
  const a = await store.findById(ctx.db, id);
  if (!a) throw notFound('Đơn vị');
  return a;
}

export async function getHistory(ctx: Ctx, id: string) {
  await get(ctx, id);
  return store.history(ctx.db, id);
}

/** A snapshot of a unit as records keep it: the name and code it had when the record was made. */
export async function snapshot(db: Db, id: string) {
  const a = await store.findById(db, id);
  if (!a) throw notFound('Đơn vị');
  return { id: a.id, name: a.name, shortName: a.shortName, agencyCode: a.agencyCode, kind: a.kind };
}

async function assertParent(db: Db, parentId: string | null, kind: string) {
  if (parentId === null) {
    if (kind === 'division') throw new AppError('validation_failed', 'Phòng, ban phải thuộc một cơ quan.');
    return;
  }
  const p = await store.findById(db, parentId);
  if (p?.status !== 'active')
    throw new AppError('validation_failed', 'Đơn vị cấp trên không tồn tại hoặc đã ngừng hoạt động.');
  if (kind !== 'division' && p.kind === 'division')
    throw new AppError('validation_failed', 'Cơ quan không thể trực thuộc một phòng, ban.');
}

async function assertCodeFree(db: Db, code: string | null | undefined, selfId?: string) {
  if (!code) return;
  const other = await store.findActiveByCode(db, code);
  if (other && other.id !== selfId)
    throw new AppError('duplicate', `Mã định danh ${code} đã được dùng cho “${other.name}”.`);
}

function plain(a: store.AgencyRow) {
  return {
    name: a.name,
    shortName: a.shortName,
    agencyCode: a.agencyCode,
    kind: a.kind,
    parentId: a.parentId,
    status: a.status,
  };
}

export async function create(ctx: Ctx, input: AgencyInput) {
  return inTx(ctx, async (c) => {
    await assertCanAdminister(c, input.parentId);
    if (!isSystemAdmin(c.actor) && input.kind !== 'division')
      throw forbidden('Chỉ quản trị hệ thống được tạo cơ quan mới.');
    await assertParent(c.db, input.parentId, input.kind);
    await assertCodeFree(c.db, input.agencyCode);
    const [row] = await c.db
      .insert(agencies)
      .values({ ...input, email: input.email ?? null, address: input.address ?? null })
      .returning();
    await store.addHistory(c.db, c.actor, {
      agencyId: row!.id,
      change: 'created',
      after: plain(row!),
    });
    await audit(c.db, c.actor, {
      action: 'agency.create',
      entityType: 'agency',
      entityId: row!.id,
      agencyId: row!.id,
      detail: plain(row!),
    });
    return row!;
  });
}

export async function update(ctx: Ctx, id: string, input: AgencyUpdate) {
  return inTx(ctx, async (c) => {
    const before = await get(c, id);
    await assertCanAdminister(c, id);
    if (before.status !== 'active')
      throw new AppError('conflict', 'Đơn vị đã ngừng hoạt động, không sửa được.');
    if (input.kind && input.kind !== before.kind) await assertParent(c.db, before.parentId, input.kind);
    await assertCodeFree(c.db, input.agencyCode, id);
    const [row] = await c.db
      .update(agencies)
      .set({ ...input, updatedAt: c.now() })
      .where(eq(agencies.id, id))
      .returning();
    await store.addHistory(c.db, c.actor, {
      agencyId: id,
      change: 'updated',
      before: plain(before),
      after: plain(row!),
    });
    await audit(c.db, c.actor, {
      action: 'agency.update',
      entityType: 'agency',
      entityId: id,
      agencyId: id,
      detail: { before: plain(before), after: plain(row!) },
    });
    return row!;
  });
}

export async function move(ctx: Ctx, id: string, parentId: string | null) {
  return inTx(ctx, async (c) => {
    const before = await get(c, id);
    await assertCanAdminister(c, id);
    await assertCanAdminister(c, parentId);
    await assertParent(c.db, parentId, before.kind);
    if (parentId && (parentId === id || (await store.ancestorIds(c.db, parentId)).includes(id))) {
      throw new AppError(
        'validation_failed',
        'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
      );
    }
    const [row] = await c.db
      .update(agencies)
      .set({ parentId, updatedAt: c.now() })
      .where(eq(agencies.id, id))
      .returning();
    await store.addHistory(c.db, c.actor, {
      agencyId: id,
      change: 'moved',
      before: { parentId: before.parentId },
      after: { parentId },
    });
    await audit(c.db, c.actor, {
      action: 'agency.move',
      entityType: 'agency',
      entityId: id,
      agencyId: id,
      detail: { from: before.parentId, to: parentId },
    });
    return row!;
  });
}

/**
 * Merges `sourceId` into `targetId` (e.g. the 2025 reform merging units): the source stays as a
 * record with status merged, its children move under the target, people's positions follow.
 */
export async function merge(ctx: Ctx, sourceId: string, targetId: string) {
  return inTx(ctx, async (c) => {
    if (sourceId === targetId)
      throw new AppError('validation_failed', 'Không thể sáp nhập một đơn vị vào chính nó.');
    const source = await get(c, sourceId);
    const target = await get(c, targetId);
    await assertCanAdminister(c, sourceId);
    await assertCanAdminister(c, targetId);
    if (source.status !== 'active' || target.status !== 'active')
      throw new AppError('conflict', 'Chỉ sáp nhập được các đơn vị đang hoạt động.');
    if ((await store.ancestorIds(c.db, targetId)).includes(sourceId)) {
      throw new AppError('validation_failed', 'Không thể sáp nhập đơn vị vào đơn vị cấp dưới của nó.');
    }
    const moved = await c.db
      .update(agencies)
      .set({ parentId: targetId, updatedAt: c.now() })
      .where(sql`${agencies.parentId} = ${sourceId} AND ${agencies.status} = 'active'`)
      .returning({ id: agencies.id });
    await c.db
      .update(agencies)
      .set({ status: 'merged', mergedIntoId: targetId, updatedAt: c.now() })
      .where(eq(agencies.id, sourceId));
    for (const l of c.hooks.agencyMerged ?? []) await l(c.db, sourceId, targetId, c);
    await store.addHistory(c.db, c.actor, {
      agencyId: sourceId,
      change: 'merged',
      before: plain(source),
      after: { mergedIntoId: targetId },
    });
    await store.addHistory(c.db, c.actor, {
      agencyId: targetId,
      change: 'absorbed',
      after: { sourceId, sourceName: source.name, children: moved.length },
    });
    await audit(c.db, c.actor, {
      action: 'agency.merge',
      entityType: 'agency',
      entityId: sourceId,
      agencyId: targetId,
      detail: { sourceId, targetId, movedChildren: moved.length },
    });
    return {
      source: { ...source, status: 'merged', mergedIntoId: targetId },
      target,
      movedChildren: moved.length,
    };
  });
}
