import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { activeUnits } from '../agencies/index.ts';
import { personIdByUsername } from '../people/index.ts';
import { itPlans, itPlanTasks, itPlanVersions } from './schema.ts';

/*
 * The demo's IT plans (issue 20), small: Sở Thông tin và Truyền thông (the IT department) and Sở Nội
 * vụ each have an approved five-year plan 2026–2030; the IT department's annual plan 2026 waits for
 * appraisal. Sở Nội vụ's annual plan is left for the person trying the demo (and the browser test).
 */

type DemoTask = {
  name: string;
  source: string | null;
  amount: number | null;
  start: string;
  end: string;
  result: string;
};

const FIVE_YEAR: DemoTask[] = [
  {
    name: 'Hoàn thiện hạ tầng mạng và trung tâm dữ liệu',
    source: 'Ngân sách địa phương',
    amount: 12_000_000_000,
    start: '2026-01-01',
    end: '2028-12-31',
    result: 'Mạng nội bộ, đường truyền chuyên dùng và máy chủ đáp ứng các hệ thống dùng chung',
  },
  {
    name: 'Số hóa hồ sơ, tài liệu lưu trữ',
    source: 'Ngân sách địa phương',
    amount: 6_500_000_000,
    start: '2026-01-01',
    end: '2030-12-31',
    result: '100% hồ sơ lưu trữ còn giá trị được số hóa',
  },
  {
    name: 'Đào tạo kỹ năng số cho cán bộ, công chức',
    source: null,
    amount: null,
    start: '2026-01-01',
    end: '2030-12-31',
    result: 'Mỗi cán bộ, công chức được bồi dưỡng kỹ năng số ít nhất một lần',
  },
];

const ANNUAL: (DemoTask & { parent: number })[] = [
  {
    name: 'Nâng cấp đường truyền và thiết bị mạng',
    source: 'Ngân sách địa phương',
    amount: 2_400_000_000,
    start: '2026-03-01',
    end: '2026-09-30',
    result: 'Đường truyền 1 Gbps, thiết bị tường lửa mới',
    parent: 0,
  },
  {
    name: 'Số hóa hồ sơ lưu trữ giai đoạn 2020–2025',
    source: 'Ngân sách địa phương',
    amount: 1_200_000_000,
    start: '2026-04-01',
    end: '2026-11-30',
    result: '45.000 trang tài liệu được số hóa, có chỉ mục',
    parent: 1,
  },
  {
    name: 'Lớp bồi dưỡng kỹ năng số năm 2026',
    source: 'Nguồn khác',
    amount: 150_000_000,
    start: '2026-05-01',
    end: '2026-06-30',
    result: '120 lượt cán bộ được bồi dưỡng',
    parent: 2,
  },
];

const snapshotOf = (
  p: { title: string; objectives: string; expectedResults: string },
  tasks: (typeof itPlanTasks.$inferSelect)[],
) => ({
  ...p,
  tasks: tasks.map((t) => ({
    id: t.id,
    name: t.name,
    parentTaskId: t.parentTaskId,
    budgetSource: t.budgetSource,
    budgetAmount: t.budgetAmount,
    startDate: t.startDate,
    endDate: t.endDate,
    expectedResult: t.expectedResult,
  })),
});

export async function seedPlansDemo(db: Db): Promise<void> {
  const units = await activeUnits(db);
  const byName = (n: string) => units.find((u) => u.name === n);
  const it = byName('Sở Thông tin và Truyền thông');
  const snv = byName('Sở Nội vụ');
  const appraiser = await personIdByUsername(db, 'lanhdao.stttt');
  const approver = await personIdByUsername(db, 'lanhdao.ubnd');
  if (!it || !snv || !appraiser || !approver) return;

  const fiveYear = async (agencyId: string, maker: string | null, agencyName: string) => {
    const head = {
      title: 'Kế hoạch ứng dụng công nghệ thông tin giai đoạn 2026–2030',
      objectives: `Xây dựng ${agencyName} hoạt động trên môi trường số: văn bản, hồ sơ công việc và dịch vụ công xử lý hoàn toàn trên mạng.`,
      expectedResults: 'Tỷ lệ văn bản điện tử đạt trên 95%; 100% hồ sơ công việc được lập trên hệ thống.',
    };
    const [plan] = await db
      .insert(itPlans)
      .values({
        agencyId,
        kind: 'five_year',
        startYear: 2026,
        endYear: 2030,
        ...head,
        status: 'approved',
        version: 1,
        submittedAt: new Date('2025-10-15T02:00:00Z'),
        appraisedAt: new Date('2025-11-10T02:00:00Z'),
        appraisedBy: appraiser,
        appraisalOpinion:
          'Kế hoạch phù hợp với Chương trình chuyển đổi số của tỉnh; đề nghị UBND tỉnh phê duyệt.',
        approvedAt: new Date('2025-12-01T02:00:00Z'),
        approvedBy: approver,
        createdBy: maker,
      })
      .returning();
    const tasks = await db
      .insert(itPlanTasks)
      .values(
        FIVE_YEAR.map((t, i) => ({
          planId: plan!.id,
          ordinal: i + 1,
          name: t.name,
          budgetSource: t.source,
          budgetAmount: t.amount,
          startDate: t.start,
          endDate: t.end,
          expectedResult: t.result,
        })),
      )
      .returning();
    await db.insert(itPlanVersions).values({
      planId: plan!.id,
      version: 1,
      snapshot: snapshotOf(head, tasks),
      submittedBy: maker,
      createdAt: plan!.submittedAt!,
    });
    return { plan: plan!, tasks };
  };

  const itLeader = appraiser;
  const snvLeader = (await personIdByUsername(db, 'lanhdao.snv')) ?? null;
  const itFive = await fiveYear(it.id, itLeader, it.name);
  await fiveYear(snv.id, snvLeader, snv.name);

  const head = {
    title: 'Kế hoạch ứng dụng công nghệ thông tin năm 2026',
    objectives: 'Thực hiện năm đầu của Kế hoạch giai đoạn 2026–2030.',
    expectedResults: 'Hạ tầng mạng được nâng cấp; hồ sơ lưu trữ 2020–2025 được số hóa.',
  };
  const [annual] = await db
    .insert(itPlans)
    .values({
      agencyId: it.id,
      kind: 'annual',
      startYear: 2026,
      endYear: 2026,
      parentPlanId: itFive.plan.id,
      ...head,
      status: 'submitted',
      version: 1,
      submittedAt: new Date('2026-01-12T02:00:00Z'),
      createdBy: itLeader,
    })
    .returning();
  const tasks = await db
    .insert(itPlanTasks)
    .values(
      ANNUAL.map((t, i) => ({
        planId: annual!.id,
        ordinal: i + 1,
        name: t.name,
        parentTaskId: itFive.tasks[t.parent]!.id,
        budgetSource: t.source,
        budgetAmount: t.amount,
        startDate: t.start,
        endDate: t.end,
        expectedResult: t.result,
      })),
    )
    .returning();
  await db.insert(itPlanVersions).values({
    planId: annual!.id,
    version: 1,
    snapshot: snapshotOf(head, tasks),
    submittedBy: itLeader,
    createdAt: annual!.submittedAt!,
  });
  await audit(db, { system: 'seed-demo' }, { action: 'plans.demo', detail: { plans: 3 } });
}
