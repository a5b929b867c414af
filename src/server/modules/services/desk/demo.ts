import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { personIdByUsername } from '../../people/index.ts';
import { loadProcedure } from '../catalogue/store.ts';
import { createDossier } from '../core/create.ts';
import { serviceDossiers } from '../schema.ts';
import {
  acceptDossier,
  finishStep,
  handStep,
  recordResult,
  requestSupplement,
  returnResult,
} from './actions.ts';
import { stepsOf } from './view.ts';

/*
 * The demo desk of Sở Nội vụ, so the screens open on real work: a dossier waiting to be accepted, one
 * waiting for a paper, one with chuyenvien.snv, one at lanhdao.snv for approval, and one returned and
 * rated. Made through the desk's own actions (as vanthu.snv and the officers) at past instants, with
 * applicants without e-mail (the demo mails nobody). Idempotent: skipped once the agency has dossiers.
 * Their tracking secrets come from a fixed demo key, not the installation's: they are not trackable.
 */

const DEMO_KEY = Buffer.alloc(32, 42);
const DAY = 86_400_000;

export async function seedDossiersDemo(db: Db): Promise<void> {
  const award = await loadProcedure(db, { code: '1.000775.000.00.00.H62' }).catch(() => null);
  if (!award) return;
  const agencyId = award.agencyIds[0];
  if (!agencyId) return;
  const [had] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(serviceDossiers)
    .where(eq(serviceDossiers.agencyId, agencyId));
  if ((had?.n ?? 0) > 0) return;
  const ids = {
    clerk: await personIdByUsername(db, 'vanthu.snv'),
    officer: await personIdByUsername(db, 'chuyenvien.snv'),
    leader: await personIdByUsername(db, 'lanhdao.snv'),
  };
  if (!ids.clerk || !ids.officer || !ids.leader) return;
  const today = Date.now();
  const ctxOf = (personId: string, fullName: string, at: number) =>
    ({
      db,
      now: () => new Date(at),
      actor: {
        personId,
        username: '',
        fullName,
        sessionId: '',
        positionId: null,
        agencyId,
        divisionId: null,
        role: null,
        ip: '127.0.0.1',
      },
    }) as unknown as Ctx;
  const clerk = (at: number) => ctxOf(ids.clerk as string, 'Văn thư Sở Nội vụ', at);
  const officer = (at: number) => ctxOf(ids.officer as string, 'Chuyên viên', at);
  const leader = (at: number) => ctxOf(ids.leader as string, 'Lãnh đạo Sở', at);

  const make = async (
    name: string,
    nominee: string,
    at: number,
    channel: 'online' | 'counter' = 'online',
  ) => {
    const r = await createDossier(db, {
      agencyId,
      procedure: {
        id: award.procedure.id,
        version: award.version,
        onlineLevel: award.content.onlineLevel,
        processingDays: award.content.processingDays,
      },
      channel,
      applicantId: null,
      applicant: { kind: 'organisation', name },
      formData: {
        kind: 'tap-the',
        nominee,
        achievement: 'Hoàn thành xuất sắc nhiệm vụ năm 2026, dẫn đầu phong trào thi đua của ngành.',
      },
      papers: [],
      now: new Date(at),
      secretKey: DEMO_KEY,
    });
    return r.dossier.id;
  };
  const handAndFinish = async (id: string, at: number, upTo: 'handle' | 'approve') => {
    let steps = await stepsOf(db, id);
    const check = steps.find((s) => s.kind === 'handle');
    const approve = steps.find((s) => s.kind === 'approve');
    if (!check || !approve) return;
    await handStep(clerk(at), id, check.id, { assigneeId: ids.officer as string });
    if (upTo === 'handle') return;
    await finishStep(officer(at + DAY), id, check.id, {
      result: 'Hồ sơ đủ điều kiện, đề nghị trình khen thưởng.',
    });
    steps = await stepsOf(db, id);
    await handStep(officer(at + DAY), id, approve.id, { assigneeId: ids.leader as string });
  };

  await make('Trường THPT Nguyễn Trãi', 'Tập thể giáo viên Trường THPT Nguyễn Trãi', today - 2 * 3_600_000);

  const waitingPaper = await make('UBND xã Phú Quới', 'Tập thể cán bộ UBND xã Phú Quới', today - 3 * DAY);
  await requestSupplement(clerk(today - 2 * DAY), waitingPaper, {
    reason: 'Báo cáo thành tích chưa có xác nhận của cơ quan cấp trên.',
    items: [
      {
        paperKey: 'bao-cao',
        name: 'Báo cáo thành tích của cá nhân, tập thể được đề nghị khen thưởng',
        originals: 1,
        copies: 0,
      },
    ],
  });

  const withOfficer = await make(
    'Bệnh viện Đa khoa tỉnh',
    'Khoa Hồi sức tích cực',
    today - 2 * DAY,
    'counter',
  );
  await acceptDossier(clerk(today - 2 * DAY + 3_600_000), withOfficer);
  await handAndFinish(withOfficer, today - 2 * DAY + 2 * 3_600_000, 'handle');

  const atLeader = await make('Sở Tài chính', 'Phòng Quản lý ngân sách', today - 4 * DAY);
  await acceptDossier(clerk(today - 4 * DAY + 3_600_000), atLeader);
  await handAndFinish(atLeader, today - 4 * DAY + 2 * 3_600_000, 'approve');

  const returned = await make('Công ty Cổ phần Cấp nước', 'Ông Trần Văn Phúc, Giám đốc', today - 10 * DAY);
  await acceptDossier(clerk(today - 10 * DAY + 3_600_000), returned);
  await handAndFinish(returned, today - 10 * DAY + 2 * 3_600_000, 'approve');
  const approve = (await stepsOf(db, returned)).find((s) => s.kind === 'approve');
  if (approve)
    await finishStep(leader(today - 8 * DAY), returned, approve.id, {
      result: 'Đồng ý trình Chủ tịch UBND tỉnh tặng Bằng khen.',
    });
  await recordResult(clerk(today - 7 * DAY), returned, { paper: true }, async () => false);
  await returnResult(clerk(today - 6 * DAY), returned, { method: 'counter' });
  await db.execute(
    sql`UPDATE service_dossiers SET rating = 5, rated_at = ${new Date(today - 6 * DAY).toISOString()}::timestamptz WHERE id = ${returned}`,
  );
}
