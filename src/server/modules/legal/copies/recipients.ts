import { sql } from 'drizzle-orm';
import { COPY_GROUP_KIND, type CopyGroup } from '../../../../shared/legal/copies.ts';
import { rows } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { agencyRowsSql } from '../../agencies/index.ts';

export interface CopyRecipient {
  agencyId: string;
  name: string;
}

/**
 * The agencies a copy goes to: those chosen by id and every active agency of the groups' kinds
 * (all departments, all districts, all communes), once each, in the tree's order, never the copying
 * agency itself. An id that is not an active agency (unknown, merged, dissolved, a division) is
 * refused by name, and so is a choice that leaves nobody.
 */
export async function resolveRecipients(
  ctx: Ctx,
  agencyIds: string[],
  groups: CopyGroup[],
): Promise<CopyRecipient[]> {
  const ids = [...new Set(agencyIds)];
  const kinds = [...new Set(groups.map((g) => COPY_GROUP_KIND[g]))];
  const found = await rows<{ id: string; name: string; kind: string; status: string; chosen: boolean }>(
    ctx.db,
    sql`SELECT a.id, a.name, a.kind, a.status, a.id = ANY(${sql.param(ids)}::uuid[]) AS chosen
          FROM ${agencyRowsSql} a
         WHERE a.id = ANY(${sql.param(ids)}::uuid[])
            OR (a.status = 'active' AND a.kind = ANY(${sql.param(kinds)}::text[]))
         ORDER BY a.sort_order, a.name, a.id`,
  );
  const usable = (a: { kind: string; status: string }) => a.status === 'active' && a.kind !== 'division';
  const known = new Set(found.filter((a) => a.chosen && usable(a)).map((a) => a.id));
  const bad = ids.filter((id) => !known.has(id));
  if (bad.length) {
    const named = found.filter((a) => bad.includes(a.id)).map((a) => a.name);
    throw new AppError(
      'validation_failed',
      `Nơi nhận không phải là cơ quan đang hoạt động trong hệ thống: ${[...named, ...bad.filter((id) => !found.some((a) => a.id === id))].join('; ')}.`,
      { fields: [{ path: 'agencyIds', message: 'Cơ quan nhận không tồn tại hoặc đã ngừng hoạt động.' }] },
    );
  }
  const out = found
    .filter((a) => usable(a) && a.id !== ctx.actor.agencyId)
    .map((a) => ({ agencyId: a.id, name: a.name }));
  if (out.length === 0)
    throw new AppError(
      'validation_failed',
      'Không có cơ quan nào để nhận bản sao: nhóm đã chọn không có cơ quan đang hoạt động, hoặc chỉ có chính cơ quan của bạn.',
      { fields: [{ path: 'agencyIds', message: 'Chọn cơ quan nhận khác.' }] },
    );
  return out;
}
