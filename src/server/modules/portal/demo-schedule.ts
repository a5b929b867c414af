/**
 * The demo province's weekly schedule: "Lịch công tác của Thường trực UBND tỉnh", drafted by Văn
 * phòng UBND tỉnh, public. Relative to the seed time: last week published, this week published with
 * about twelve lines and one adjustment ("Điều chỉnh lần 1"), next week a draft. Idempotent.
 */
import { eq } from 'drizzle-orm';
import { vnDate } from '../../../shared/calendar/vn-time.ts';
import type { Session } from '../../../shared/portal/sessions.ts';
import { addDays, mondayOf, weekKey } from '../../../shared/schemas/portal-schedule.ts';
import type { Db } from '../../db/client.ts';
import { activeUnits } from '../agencies/index.ts';
import { personIdByUsername } from '../people/index.ts';
import { storeVersion } from './schedule.ts';
import {
  scheduleEntries,
  scheduleEntryAgencies,
  scheduleEntryPeople,
  schedules,
  scheduleWeeks,
} from './schema.ts';

type Who = 'ct' | 'pct';

interface Line {
  /** 0 = Monday … 6 = Sunday. */
  dow: number;
  session: Session;
  start: string;
  end?: string;
  who: Who;
  content: string;
  place: string;
  participants?: string;
  /** Agencies invited, by name. */
  agencies?: string[];
  /** Demo people taking part, by username. */
  people?: string[];
  preparing?: string;
  preparingAgency?: string;
  following?: string;
  notes?: string;
  isPublic?: boolean;
}

const CHAIR_TEXT: Record<Who, string> = { ct: 'CT Phạm Văn Đấu', pct: 'PCT Trương Văn Sáu' };
const VP = 'Lãnh đạo VP và phòng chuyên môn theo dõi';

const THIS_WEEK: Line[] = [
  {
    dow: 0,
    session: 'morning',
    start: '07:30',
    end: '09:00',
    who: 'ct',
    content: 'Chào cờ đầu tuần; họp giao ban Thường trực UBND tỉnh',
    place: 'Phòng họp số 1, UBND tỉnh',
    participants: 'Các Phó Chủ tịch UBND tỉnh; Chánh Văn phòng UBND tỉnh',
    people: ['phochutich.ubnd', 'lanhdao.vp'],
    preparing: 'Văn phòng UBND tỉnh chuẩn bị nội dung',
  },
  {
    dow: 0,
    session: 'afternoon',
    start: '14:00',
    who: 'pct',
    content: 'Làm việc với Sở Tài chính về dự toán ngân sách nhà nước năm sau',
    place: 'Phòng họp số 2, UBND tỉnh',
    participants: 'Lãnh đạo Sở Tài chính, Sở Kế hoạch và Đầu tư',
    agencies: ['Sở Tài chính', 'Sở Kế hoạch và Đầu tư'],
    preparingAgency: 'Sở Tài chính',
    preparing: 'Sở Tài chính chuẩn bị nội dung và thư mời',
    following: VP,
  },
  {
    dow: 1,
    session: 'morning',
    start: '08:00',
    who: 'ct',
    content: 'Tiếp công dân định kỳ',
    place: 'Trụ sở Tiếp công dân tỉnh',
    participants: 'Thanh tra tỉnh; Sở Tài nguyên và Môi trường; Ban Tiếp công dân tỉnh',
    preparing: 'Ban Tiếp công dân tỉnh chuẩn bị',
  },
  {
    dow: 1,
    session: 'afternoon',
    start: '14:00',
    end: '16:30',
    who: 'pct',
    content: 'Họp Ban Chỉ đạo chuyển đổi số tỉnh, đánh giá kết quả quý IV',
    place: 'Phòng họp trực tuyến, UBND tỉnh',
    participants: 'Thành viên Ban Chỉ đạo; lãnh đạo Sở Thông tin và Truyền thông',
    agencies: ['Sở Thông tin và Truyền thông'],
    people: ['lanhdao.stttt'],
    preparingAgency: 'Sở Thông tin và Truyền thông',
    preparing: 'Sở Thông tin và Truyền thông chuẩn bị nội dung và thư mời',
    following: VP,
  },
  {
    dow: 2,
    session: 'morning',
    start: '08:00',
    who: 'ct',
    content: 'Dự Hội nghị trực tuyến của Chính phủ với các địa phương',
    place: 'Điểm cầu UBND tỉnh',
    participants: 'Các Phó Chủ tịch UBND tỉnh; Giám đốc các sở, ngành',
    people: ['phochutich.ubnd'],
    preparing: 'Văn phòng UBND tỉnh; Sở Thông tin và Truyền thông bảo đảm đường truyền',
  },
  {
    dow: 2,
    session: 'afternoon',
    start: '14:00',
    who: 'pct',
    content: 'Kiểm tra tiến độ dự án nâng cấp, mở rộng đường tỉnh 902',
    place: 'Hiện trường dự án, huyện Long Hồ',
    participants: 'Sở Giao thông vận tải; UBND huyện Long Hồ',
    agencies: ['Sở Giao thông vận tải'],
    preparing: 'Sở Giao thông vận tải chuẩn bị nội dung, phương tiện',
    following: VP,
  },
  {
    dow: 3,
    session: 'morning',
    start: '07:30',
    end: '11:30',
    who: 'ct',
    content: 'Phiên họp thường kỳ UBND tỉnh tháng',
    place: 'Hội trường UBND tỉnh',
    participants: 'Thành viên UBND tỉnh; đại biểu mời theo giấy mời',
    people: ['phochutich.ubnd', 'lanhdao.snv', 'lanhdao.stttt', 'lanhdao.vp'],
    preparing: 'Văn phòng UBND tỉnh chuẩn bị nội dung và thư mời',
  },
  {
    dow: 3,
    session: 'afternoon',
    start: '14:00',
    who: 'pct',
    content: 'Làm việc với UBND huyện Long Hồ về công tác bồi thường, giải phóng mặt bằng',
    place: 'UBND huyện Long Hồ',
    participants: 'Sở Tài nguyên và Môi trường; Sở Xây dựng; UBND huyện Long Hồ',
    agencies: ['Sở Xây dựng'],
    preparing: 'UBND huyện Long Hồ chuẩn bị nội dung',
    following: VP,
  },
  {
    dow: 4,
    session: 'morning',
    start: '08:00',
    who: 'ct',
    content: 'Tiếp và làm việc với Đoàn công tác của Bộ Nội vụ',
    place: 'Phòng khách UBND tỉnh',
    participants: 'Lãnh đạo Sở Nội vụ; Chánh Văn phòng UBND tỉnh',
    agencies: ['Sở Nội vụ'],
    people: ['lanhdao.snv', 'lanhdao.vp'],
    preparingAgency: 'Sở Nội vụ',
    preparing: 'Sở Nội vụ chuẩn bị nội dung',
  },
  {
    dow: 4,
    session: 'afternoon',
    start: '14:00',
    who: 'pct',
    content: 'Họp Hội đồng Thi đua - Khen thưởng tỉnh xét hồ sơ đề nghị khen thưởng',
    place: 'Phòng họp số 1, UBND tỉnh',
    participants: 'Thành viên Hội đồng Thi đua - Khen thưởng tỉnh',
    agencies: ['Sở Nội vụ'],
    preparingAgency: 'Sở Nội vụ',
    preparing: 'Ban Thi đua - Khen thưởng (Sở Nội vụ) chuẩn bị',
  },
  {
    dow: 4,
    session: 'evening',
    start: '19:30',
    who: 'ct',
    content: 'Dự chương trình nghệ thuật chào mừng ngày Quốc phòng toàn dân',
    place: 'Nhà Văn hóa tỉnh',
    preparing: 'Sở Văn hóa, Thể thao và Du lịch chuẩn bị',
  },
  {
    dow: 5,
    session: 'morning',
    start: '07:30',
    who: 'pct',
    content: 'Họp nội bộ Thường trực UBND tỉnh về công tác cán bộ',
    place: 'Phòng họp Thường trực',
    notes: 'Không công bố trên cổng thông tin',
    isPublic: false,
  },
];

const LAST_WEEK: Line[] = [
  THIS_WEEK[0]!,
  THIS_WEEK[2]!,
  {
    dow: 2,
    session: 'morning',
    start: '08:00',
    who: 'ct',
    content: 'Họp Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh',
    place: 'Phòng họp số 1, UBND tỉnh',
    participants: 'Thành viên Ban Chỉ đạo',
    preparing: 'Sở Nông nghiệp và Phát triển nông thôn chuẩn bị',
  },
  {
    dow: 3,
    session: 'afternoon',
    start: '14:00',
    who: 'pct',
    content: 'Làm việc với Sở Thông tin và Truyền thông về Trung tâm điều hành thông minh',
    place: 'Sở Thông tin và Truyền thông',
    agencies: ['Sở Thông tin và Truyền thông'],
    people: ['lanhdao.stttt'],
    preparingAgency: 'Sở Thông tin và Truyền thông',
  },
  {
    dow: 4,
    session: 'morning',
    start: '08:00',
    who: 'ct',
    content: 'Đi cơ sở: kiểm tra tình hình sản xuất vụ lúa Đông Xuân',
    place: 'Huyện Long Hồ',
    preparing: 'Sở Nông nghiệp và Phát triển nông thôn chuẩn bị',
  },
];

const NEXT_WEEK: Line[] = [
  THIS_WEEK[0]!,
  {
    dow: 1,
    session: 'morning',
    start: '08:00',
    who: 'pct',
    content: 'Làm việc với Sở Kế hoạch và Đầu tư về kế hoạch đầu tư công trung hạn',
    place: 'Phòng họp số 2, UBND tỉnh',
    agencies: ['Sở Kế hoạch và Đầu tư'],
    preparingAgency: 'Sở Kế hoạch và Đầu tư',
  },
  {
    dow: 3,
    session: 'morning',
    start: '08:00',
    who: 'ct',
    content: 'Hội nghị tổng kết công tác năm của UBND tỉnh (dự kiến)',
    place: 'Hội trường UBND tỉnh',
  },
];

export async function seedScheduleDemo(db: Db, now = new Date()): Promise<void> {
  const units = await activeUnits(db);
  const ubnd = units.find((u) => u.kind === 'province' && u.parentId === null);
  const office = units.find((u) => u.parentId === ubnd?.id && u.name === 'Văn phòng Ủy ban nhân dân tỉnh');
  if (!ubnd || !office) return;
  const [had] = await db.select().from(schedules).where(eq(schedules.agencyId, ubnd.id));
  if (had) return;
  const byName = new Map(units.map((u) => [u.name, u.id]));
  const person = async (username: string) => (await personIdByUsername(db, username)) ?? null;
  const chairs: Record<Who, string | null> = {
    ct: (await person('chutich.ubnd')) ?? (await person('lanhdao.ubnd')),
    pct: await person('phochutich.ubnd'),
  };
  const clerk = await person('vanthu.vp');

  const [s] = await db
    .insert(schedules)
    .values({
      agencyId: ubnd.id,
      officeAgencyId: office.id,
      title: 'Lịch công tác của Thường trực UBND tỉnh',
      isPublic: true,
    })
    .returning();

  const thisMonday = mondayOf(vnDate(now));
  const at = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);

  async function week(monday: string, lines: Line[], published: boolean) {
    const [y, n] = weekKey(monday).split('-W');
    // Published on the Friday before, at 16:00.
    const publishedAt = at(addDays(monday, -3), '16:00');
    const [w] = await db
      .insert(scheduleWeeks)
      .values({
        scheduleId: s!.id,
        weekStart: monday,
        isoYear: Number(y),
        isoWeek: Number(n),
        status: published ? 'published' : 'draft',
        publishedAt: published ? publishedAt : null,
        publishedById: published ? clerk : null,
        updatedAt: published ? publishedAt : now,
      })
      .returning();
    const ids: string[] = [];
    for (const l of lines) {
      const day = addDays(monday, l.dow);
      const [e] = await db
        .insert(scheduleEntries)
        .values({
          agencyId: ubnd!.id,
          weekId: w!.id,
          day,
          session: l.session,
          startsAt: at(day, l.start),
          endsAt: l.end ? at(day, l.end) : null,
          content: l.content,
          place: l.place,
          chairText: CHAIR_TEXT[l.who],
          participantsText: l.participants ?? '',
          preparingAgencyId: l.preparingAgency ? (byName.get(l.preparingAgency) ?? null) : null,
          preparingText: l.preparing ?? '',
          followingText: l.following ?? '',
          notes: l.notes ?? '',
          isPublic: l.isPublic ?? true,
          createdById: clerk,
        })
        .returning();
      ids.push(e!.id);
      const people = [
        ...(chairs[l.who] ? [{ personId: chairs[l.who]!, role: 'chair' }] : []),
        ...(await Promise.all((l.people ?? []).map(person)))
          .filter((id): id is string => !!id && id !== chairs[l.who])
          .map((personId) => ({ personId, role: 'participant' })),
      ];
      if (people.length)
        await db.insert(scheduleEntryPeople).values(people.map((p) => ({ entryId: e!.id, ...p })));
      const agencies = [
        ...(l.agencies ?? []).map((n) => ({ agencyId: byName.get(n), role: 'participant' })),
        ...(l.preparingAgency ? [{ agencyId: byName.get(l.preparingAgency), role: 'preparing' }] : []),
      ].filter((a): a is { agencyId: string; role: string } => !!a.agencyId);
      if (agencies.length)
        await db.insert(scheduleEntryAgencies).values(agencies.map((a) => ({ entryId: e!.id, ...a })));
    }
    if (published) await storeVersion(db, w!, 0, null, publishedAt, clerk);
    return { w: w!, ids };
  }

  await week(addDays(thisMonday, -7), LAST_WEEK, true);
  const current = await week(thisMonday, THIS_WEEK, true);
  await week(addDays(thisMonday, 7), NEXT_WEEK, false);

  // One adjustment of this week: the road inspection moves from 14:00 to 15:30.
  const moved = current.ids[5]!;
  const day = addDays(thisMonday, 2);
  const adjustedAt = at(addDays(thisMonday, -1), '09:15');
  await db
    .update(scheduleEntries)
    .set({ startsAt: at(day, '15:30'), sequence: 1, updatedAt: adjustedAt })
    .where(eq(scheduleEntries.id, moved));
  await db
    .update(scheduleWeeks)
    .set({ revision: 1, updatedAt: adjustedAt })
    .where(eq(scheduleWeeks.id, current.w.id));
  await storeVersion(
    db,
    current.w,
    1,
    'Dời giờ kiểm tra dự án đường tỉnh 902 sang 15:30 do trùng lịch tiếp khách.',
    adjustedAt,
    clerk,
  );
}
