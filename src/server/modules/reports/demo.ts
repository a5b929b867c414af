import { eq } from 'drizzle-orm';
import { vnYear } from '../../../shared/calendar/index.ts';
import type { TemplateInput } from '../../../shared/reports/periodic.ts';
import type { Db } from '../../db/client.ts';
import { activeUnits } from '../agencies/index.ts';
import { insertCycle } from './cycles.ts';
import { reportSettings, reportTemplates } from './schema.ts';

/** The six-month report of the first directive: half of its figures fill themselves from the system. */
export const DEMO_IT_REPORT: TemplateInput = {
  code: 'BC-CNTT-6T',
  name: 'Báo cáo tình hình ứng dụng công nghệ thông tin 6 tháng',
  cycle: 'half',
  title: 'Tình hình ứng dụng công nghệ thông tin',
  dueDays: 5,
  sections: [
    {
      kind: 'text',
      key: 'ket_qua',
      title: 'Kết quả đạt được',
      hint: 'Hạ tầng, ứng dụng trong nội bộ cơ quan, dịch vụ công trực tuyến, an toàn thông tin, nhân lực.',
    },
    {
      kind: 'table',
      key: 'so_lieu',
      title: 'Số liệu ứng dụng CNTT',
      rows: [
        { key: 'vb_di', label: 'Văn bản đi phát hành', unit: 'văn bản', measure: 'outReleased' },
        {
          key: 'vb_di_dien_tu',
          label: 'Tỷ lệ văn bản đi gửi hoàn toàn điện tử',
          unit: '%',
          measure: 'outElectronic',
        },
        { key: 'vb_di_ky_so', label: 'Tỷ lệ văn bản đi có chữ ký số', unit: '%', measure: 'outSigned' },
        { key: 'vb_den', label: 'Văn bản đến', unit: 'văn bản', measure: 'inReceived' },
        {
          key: 'vb_den_dung_han',
          label: 'Tỷ lệ văn bản đến giải quyết đúng hạn',
          unit: '%',
          measure: 'inOnTime',
        },
        {
          key: 'dvc_truc_tuyen',
          label: 'Tỷ lệ hồ sơ dịch vụ công trực tuyến',
          unit: '%',
          measure: 'svcOnline',
        },
        { key: 'may_tinh', label: 'Số máy tính', unit: 'máy' },
        { key: 'hop_thu', label: 'Số cán bộ có hộp thư công vụ', unit: 'người' },
        { key: 'kinh_phi', label: 'Kinh phí CNTT (triệu đồng)', unit: 'triệu đồng' },
      ],
    },
    { kind: 'text', key: 'kho_khan', title: 'Khó khăn vướng mắc' },
    { kind: 'text', key: 'de_xuat', title: 'Đề xuất kiến nghị' },
  ],
};

/** The operations directive's monthly report of heads of agencies: results and difficulties. */
export const DEMO_MONTHLY_REPORT: TemplateInput = {
  code: 'BC-THANG',
  name: 'Báo cáo kết quả công tác tháng',
  cycle: 'month',
  title: 'Kết quả công tác',
  dueDays: 3,
  sections: [
    { kind: 'text', key: 'ket_qua', title: 'Kết quả thực hiện nhiệm vụ trong tháng' },
    { kind: 'text', key: 'kho_khan', title: 'Khó khăn, vướng mắc' },
    { kind: 'text', key: 'nhiem_vu', title: 'Nhiệm vụ trọng tâm tháng tới' },
    { kind: 'text', key: 'kien_nghi', title: 'Kiến nghị, đề xuất' },
  ],
};

/**
 * The demo province's IT department (Sở Thông tin và Truyền thông, when the demo tree has it), the two
 * templates, and the six-month IT report of the first half of this year issued to every agency below
 * the People's Committee (drafts; quiet: no notices). A few statements: it runs at every demo start.
 */
export async function seedReportsDemo(db: Db): Promise<void> {
  const units = await activeUnits(db);
  const it = units.find((u) => u.name === 'Sở Thông tin và Truyền thông');
  if (!it) return;
  await db.insert(reportSettings).values({ id: true, itAgencyId: it.id }).onConflictDoNothing();
  const [had] = await db
    .select({ id: reportTemplates.id })
    .from(reportTemplates)
    .where(eq(reportTemplates.code, DEMO_IT_REPORT.code));
  if (had) return;
  const now = new Date();
  const inserted = await db
    .insert(reportTemplates)
    .values([DEMO_IT_REPORT, DEMO_MONTHLY_REPORT].map((t) => ({ ...t, createdAt: now, updatedAt: now })))
    .returning();
  const half = inserted.find((t) => t.code === DEMO_IT_REPORT.code)!;
  await insertCycle(
    db,
    { system: 'demo' },
    half,
    { year: vnYear(now), period: 1, agencyIds: units.filter((u) => u.parentId !== null).map((u) => u.id) },
    { quiet: true, now },
  );
}
