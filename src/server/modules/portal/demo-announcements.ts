import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { activeUnits } from '../agencies/index.ts';
import { personIdByUsername } from '../people/index.ts';
import { announcementAgencies, announcements } from './schema.ts';

const DAY = 86_400_000;
const OFFICE = 'Văn phòng Ủy ban nhân dân tỉnh';

/**
 * The demo province's announcements (called once by the demo seed, inside its transaction): five
 * from Văn phòng UBND tỉnh, sent by its clerk — one pinned to the whole province, one public, one
 * to chosen departments, one to the leaders, one expired. Does nothing without that office or when
 * it already has announcements.
 */
export async function seedAnnouncementsDemo(db: Db): Promise<void> {
  const units = await activeUnits(db);
  const office = units.find((u) => u.name === OFFICE);
  if (!office) return;
  const existing = await db
    .select({ id: announcements.id })
    .from(announcements)
    .where(eq(announcements.agencyId, office.id))
    .limit(1);
  if (existing.length) return;
  const sender = (await personIdByUsername(db, 'vanthu.vp')) ?? null;
  const departments = ['Sở Nội vụ', 'Sở Thông tin và Truyền thông']
    .map((name) => units.find((u) => u.name === name)?.id)
    .filter((id): id is string => !!id);
  const now = Date.now();
  const at = (days: number) => new Date(now + days * DAY);
  const base = { agencyId: office.id, createdById: sender };
  const rows: (typeof announcements.$inferInsert & { to?: string[] })[] = [
    {
      ...base,
      title: 'Lịch nghỉ Tết Nguyên đán và phân công trực cơ quan',
      body: 'Thực hiện chỉ đạo của Thủ tướng Chính phủ, cán bộ, công chức, viên chức các cơ quan, đơn vị trong tỉnh nghỉ Tết Nguyên đán theo lịch đã thông báo.\n\nThủ trưởng các cơ quan, đơn vị phân công lãnh đạo và công chức trực cơ quan, gửi danh sách trực về Văn phòng UBND tỉnh trước ngày nghỉ 03 ngày làm việc.',
      audience: 'all',
      pinned: true,
      publishedAt: at(-2),
    },
    {
      ...base,
      title: 'Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh',
      body: 'Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở tiếp công dân tỉnh (nếu trùng ngày nghỉ thì tiếp vào ngày làm việc kế tiếp).\n\nCông dân có nhu cầu phản ánh, kiến nghị vui lòng mang theo giấy tờ tùy thân và tài liệu liên quan.',
      audience: 'all',
      isPublic: true,
      publishedAt: at(-5),
    },
    {
      ...base,
      title: 'Đề nghị báo cáo tình hình triển khai chữ ký số trước ngày 25',
      body: 'Văn phòng UBND tỉnh đề nghị Sở Nội vụ và Sở Thông tin và Truyền thông báo cáo tình hình cấp, sử dụng chữ ký số chuyên dùng của cơ quan và cá nhân, gửi qua hệ thống trước ngày 25 của tháng này.',
      audience: 'agencies',
      to: departments,
      publishedAt: at(-1),
      expiresAt: at(20),
    },
    {
      ...base,
      title: 'Mời lãnh đạo các đơn vị dự hội nghị trực tuyến tổng kết năm',
      body: 'Kính mời lãnh đạo các cơ quan, đơn vị dự hội nghị trực tuyến tổng kết công tác năm, tại điểm cầu của đơn vị. Tài liệu hội nghị được gửi kèm giấy mời trên hệ thống quản lý văn bản.',
      audience: 'roles',
      roles: ['agency_leader'],
      publishedAt: at(-3),
    },
    {
      ...base,
      title: 'Tạm ngừng hệ thống để bảo trì định kỳ',
      body: 'Hệ thống tạm ngừng hoạt động từ 22 giờ đến 24 giờ để bảo trì định kỳ. Đã hoàn thành bảo trì.',
      audience: 'all',
      publishedAt: at(-20),
      expiresAt: at(-15),
    },
  ];
  for (const { to, ...row } of rows) {
    if (row.audience === 'agencies' && !to?.length) continue;
    const [a] = await db
      .insert(announcements)
      .values({ ...row, createdAt: row.publishedAt, updatedAt: row.publishedAt })
      .returning({ id: announcements.id });
    if (to?.length)
      await db
        .insert(announcementAgencies)
        .values(to.map((agencyId) => ({ announcementId: a!.id, agencyId })));
  }
}
