import { formatViDate, vnDate } from '../../../shared/calendar/index.ts';
import { addDays } from '../../../shared/indicators/periods.ts';
import type { Db } from '../../db/client.ts';
import { activeUnits } from '../agencies/index.ts';
import { holdersByAgency, personIdByUsername } from '../people/index.ts';
import { taskAgencies, taskEvents, tasks } from './schema.ts';
import { tasksCalendar } from './tasks-rules.ts';

interface DemoTask {
  /** Name of the lead agency, as in the demo province. */
  lead: string;
  cooperating?: string[];
  content: string;
  /** Days after the assignment, or working days after it, or days from today. */
  due: { days: number } | { workingDays: number } | { fromToday: number } | { workingFromToday: number };
  /** What happened: in progress (with a percent), reported (days ago), done (reported and accepted days ago). */
  state:
    | { kind: 'in_progress'; progress: number }
    | { kind: 'reported'; reportedAgo: number }
    | { kind: 'done'; reportedAfter: number; acceptedAfter: number };
}

/** Ten tasks of one conclusion notice of the Chairman of the province's People's Committee. */
const DEMO_TASKS: DemoTask[] = [
  {
    lead: 'Sở Tài chính',
    cooperating: ['Sở Kế hoạch và Đầu tư'],
    content: 'Tham mưu phương án bố trí nguồn vốn đối ứng các dự án đầu tư công trọng điểm năm sau.',
    due: { days: 15 },
    state: { kind: 'done', reportedAfter: 12, acceptedAfter: 13 },
  },
  {
    lead: 'Sở Nội vụ',
    content: 'Rà soát, đề xuất phương án sắp xếp đơn vị hành chính cấp xã giai đoạn tới.',
    due: { days: 20 },
    state: { kind: 'done', reportedAfter: 18, acceptedAfter: 19 },
  },
  {
    lead: 'Sở Kế hoạch và Đầu tư',
    cooperating: ['Sở Tài chính'],
    content: 'Báo cáo tình hình giải ngân vốn đầu tư công, đề xuất điều chuyển vốn của dự án chậm giải ngân.',
    due: { days: 10 },
    state: { kind: 'done', reportedAfter: 14, acceptedAfter: 15 },
  },
  {
    lead: 'Sở Xây dựng',
    content: 'Kiểm tra, báo cáo tiến độ thi công các công trình nhà ở xã hội trên địa bàn tỉnh.',
    due: { days: 20 },
    state: { kind: 'in_progress', progress: 60 },
  },
  {
    lead: 'Sở Giao thông vận tải',
    content: 'Khắc phục các điểm sạt lở trên tuyến đường tỉnh trước mùa mưa.',
    due: { workingFromToday: 2 },
    state: { kind: 'in_progress', progress: 50 },
  },
  {
    lead: 'Sở Tài nguyên và Môi trường',
    content: 'Hoàn thành điều chỉnh quy hoạch sử dụng đất cấp huyện, trình phê duyệt.',
    due: { fromToday: 20 },
    state: { kind: 'in_progress', progress: 30 },
  },
  {
    lead: 'Sở Y tế',
    content: 'Xây dựng kế hoạch phòng, chống dịch bệnh mùa mưa năm nay.',
    due: { fromToday: 5 },
    state: { kind: 'reported', reportedAgo: 1 },
  },
  {
    lead: 'Sở Thông tin và Truyền thông',
    cooperating: ['Sở Tài chính', 'Sở Nội vụ'],
    content: 'Đề xuất danh mục dịch vụ công trực tuyến toàn trình triển khai trong năm.',
    due: { fromToday: 30 },
    state: { kind: 'in_progress', progress: 20 },
  },
  {
    lead: 'Sở Nội vụ',
    content: 'Tổng hợp kết quả đánh giá, xếp loại chất lượng cán bộ, công chức cấp tỉnh.',
    due: { workingDays: 45 },
    state: { kind: 'in_progress', progress: 10 },
  },
  {
    lead: 'Sở Tài chính',
    content: 'Thẩm định dự toán kinh phí tổ chức các hoạt động kỷ niệm ngày thành lập tỉnh.',
    due: { days: 12 },
    state: { kind: 'done', reportedAfter: 9, acceptedAfter: 10 },
  },
];

/**
 * The demo province's tasks (called once by the demo seed, inside its transaction): ten tasks of a
 * conclusion notice of the Chủ tịch UBND tỉnh dated 30 days before the seed, assigned by the UBND
 * (recorded by its clerk vanthu.ubnd) to departments found by name: done on time, one done late, one
 * overdue, some in progress, one due soon, one reported and awaiting the office. Dates are relative to
 * the seed time. No audit rows: a seed, not a change anyone made.
 */
export async function seedTasksDemo(db: Db): Promise<void> {
  const units = await activeUnits(db);
  const ubnd = units.find((u) => u.kind === 'province' && u.parentId === null);
  if (!ubnd) return;
  const byName = new Map(units.map((u) => [u.name, u.id]));
  const need = (name: string) => byName.get(name);
  if (!DEMO_TASKS.every((t) => need(t.lead))) return; // not the demo province
  const clerkId = await personIdByUsername(db, 'vanthu.ubnd');
  const leadIds = [...new Set(DEMO_TASKS.map((t) => need(t.lead)!))];
  const clerks = await holdersByAgency(db, leadIds, 'clerk');
  const cal = tasksCalendar();
  const now = new Date();
  const today = vnDate(now);
  const assignedOn = addDays(today, -30);
  const sourceText = `Thông báo số 45/TB-UBND ngày ${formatViDate(assignedOn)} kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng`;
  const at = (day: string, hour = 9) => new Date(`${day}T${String(hour - 7).padStart(2, '0')}:00:00Z`);

  for (const d of DEMO_TASKS) {
    const leadId = need(d.lead)!;
    const dueOn =
      'days' in d.due
        ? addDays(assignedOn, d.due.days)
        : 'workingDays' in d.due
          ? cal.addWorkingDays(assignedOn, d.due.workingDays)
          : 'fromToday' in d.due
            ? addDays(today, d.due.fromToday)
            : cal.addWorkingDays(today, d.due.workingFromToday);
    const s = d.state;
    const reportedOn =
      s.kind === 'done'
        ? addDays(assignedOn, s.reportedAfter)
        : s.kind === 'reported'
          ? addDays(today, -s.reportedAgo)
          : null;
    const doneOn = s.kind === 'done' ? addDays(assignedOn, s.acceptedAfter) : null;
    const [row] = await db
      .insert(tasks)
      .values({
        assignerAgencyId: ubnd.id,
        leadAgencyId: leadId,
        content: d.content,
        sourceKind: 'conclusion',
        sourceText,
        assignedOn,
        dueOn,
        dueWorkingDays: 'workingDays' in d.due ? d.due.workingDays : null,
        status: s.kind,
        progress: s.kind === 'in_progress' ? s.progress : 100,
        reportedOn,
        doneOn,
        createdById: clerkId ?? null,
        createdAt: at(assignedOn, 8),
      })
      .returning({ id: tasks.id });
    const taskId = row!.id;
    const coop = (d.cooperating ?? []).map(need).filter((x): x is string => !!x);
    await db
      .insert(taskAgencies)
      .values([
        { taskId, agencyId: leadId, role: 'lead' },
        ...coop.map((agencyId) => ({ taskId, agencyId, role: 'cooperate' })),
      ]);
    const leadClerk = clerks.get(leadId)?.[0] ?? null;
    const events: (typeof taskEvents.$inferInsert)[] = [
      {
        taskId,
        kind: 'created',
        agencyId: ubnd.id,
        actorId: clerkId ?? null,
        text: `Giao nhiệm vụ, hạn xử lý ${formatViDate(dueOn)}.`,
        createdAt: at(assignedOn, 8),
      },
    ];
    const midway = addDays(assignedOn, 7);
    if (s.kind === 'in_progress' && s.progress > 0 && midway <= today)
      events.push({
        taskId,
        kind: 'progress',
        agencyId: leadId,
        actorId: leadClerk,
        text: 'Đã giao phòng chuyên môn triển khai, đang tổng hợp số liệu.',
        progress: s.progress,
        createdAt: at(midway, 15),
      });
    if (reportedOn)
      events.push({
        taskId,
        kind: 'result',
        agencyId: leadId,
        actorId: leadClerk,
        text: 'Đã hoàn thành nhiệm vụ, gửi kèm báo cáo kết quả.',
        progress: 100,
        createdAt: at(reportedOn, 16),
      });
    if (doneOn)
      events.push({
        taskId,
        kind: 'accepted',
        agencyId: ubnd.id,
        actorId: clerkId ?? null,
        text: '',
        createdAt: at(doneOn, 10),
      });
    await db.insert(taskEvents).values(events);
  }
}
