/**
 * Test data shared by the services module's tests: a procedure with a form of every field kind and
 * two papers, saved through the catalogue's own `saveProcedure` for a fresh agency with its staff.
 */
import { makeAgencyWithStaff } from '../../../../test/helpers/factories.ts';
import type { ProcedureContent } from '../../../shared/services/procedure.ts';
import type { Db } from '../../db/client.ts';
import { type LoadedProcedure, saveProcedure } from './catalogue/store.ts';

export function sampleProcedureContent(
  agencyCode: string,
  over: Partial<ProcedureContent> = {},
): ProcedureContent {
  return {
    code: `1.00${Math.floor(Math.random() * 1e6)}.000.00.00.H99`,
    name: 'Cấp giấy phép kinh doanh karaoke (thử nghiệm)',
    field: 'Văn hóa',
    level: 'province',
    onlineLevel: 'full',
    agencyCodes: [agencyCode],
    steps: [
      { name: 'Tiếp nhận hồ sơ', kind: 'desk', budgetDays: 0.5 },
      { name: 'Thẩm định hồ sơ', kind: 'handle', budgetDays: 2, performer: 'Phòng Quản lý văn hóa' },
      { name: 'Lãnh đạo phê duyệt', kind: 'approve', budgetDays: 1 },
      { name: 'Trả kết quả', kind: 'return', budgetDays: 0.5 },
    ],
    papers: [
      { key: 'don', name: 'Đơn đề nghị cấp giấy phép (Mẫu số 01)', originals: 1, copies: 0, required: true },
      {
        key: 'gcn',
        name: 'Bản sao giấy chứng nhận đăng ký kinh doanh',
        originals: 0,
        copies: 1,
        required: true,
      },
    ],
    processingDays: 5,
    fees: [{ name: 'Phí thẩm định', amount: 4_000_000 }],
    applicants: 'Tổ chức, cá nhân',
    result: 'Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke',
    ways: 'Nộp trực tuyến hoặc trực tiếp tại bộ phận một cửa',
    conditions: '',
    legalBases: [{ citation: 'Nghị định 54/2019/NĐ-CP' }],
    form: {
      fields: [
        {
          key: 'businessName',
          label: 'Tên hộ kinh doanh',
          type: 'text',
          required: true,
          maxLength: 200,
          multiline: false,
          personal: false,
        },
        {
          key: 'idNumber',
          label: 'Số CCCD',
          type: 'text',
          required: true,
          maxLength: 12,
          multiline: false,
          pattern: '\\d{12}',
          patternMessage: 'Số CCCD gồm 12 chữ số.',
          personal: true,
        },
        {
          key: 'rooms',
          label: 'Số phòng hát',
          type: 'number',
          required: true,
          min: 1,
          max: 100,
          integer: true,
        },
        { key: 'openedOn', label: 'Ngày dự kiến hoạt động', type: 'date', required: false, min: 'today' },
        {
          key: 'kind',
          label: 'Loại hình',
          type: 'choice',
          required: true,
          multiple: false,
          options: [
            { value: 'ho', label: 'Hộ kinh doanh' },
            { value: 'dn', label: 'Doanh nghiệp' },
          ],
        },
        { key: 'address', label: 'Địa điểm kinh doanh', type: 'address', required: true, personal: true },
        {
          key: 'roomList',
          label: 'Danh sách phòng',
          type: 'group',
          required: false,
          minItems: 0,
          maxItems: 20,
          fields: [
            { key: 'area', label: 'Diện tích (m²)', type: 'number', required: true, min: 20, integer: false },
          ],
        },
      ],
    },
    ...over,
  };
}

export async function makeProcedure(
  db: Db,
  over: Partial<ProcedureContent> = {},
): Promise<LoadedProcedure & { staff: Awaited<ReturnType<typeof makeAgencyWithStaff>> }> {
  const staff = await makeAgencyWithStaff(db);
  const loaded = await saveProcedure(db, sampleProcedureContent(staff.agency.agencyCode ?? '', over));
  return { ...loaded, staff };
}
