import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { procedureContentSchema } from '../../../../shared/services/procedure.ts';
import type { Db } from '../../../db/client.ts';
import { activeUnits } from '../../agencies/index.ts';
import { serviceProcedures } from '../schema.ts';
import { saveProcedure } from './store.ts';

/*
 * The demo province's catalogue: a few procedures of the Department of Home Affairs (where the featured
 * demo accounts work: vanthu.snv at the desk, chuyenvien.snv and truongphong.snv handle, lanhdao.snv
 * approves), one of every district and two of every commune, shaped after the national database's
 * entries. Their codes end in the demo province's suffix H62 and are demo codes, not national ones.
 * Idempotent: a procedure already there is left as it is.
 */

type Input = z.input<typeof procedureContentSchema>;

const person = [
  { key: 'fullName', label: 'Họ và tên', type: 'text', required: true, maxLength: 100 },
  { key: 'birthDate', label: 'Ngày sinh', type: 'date', required: true, max: 'today' },
] as const;

function snvProcedures(snv: string): Input[] {
  return [
    {
      code: '1.003822.000.00.00.H62',
      name: 'Thủ tục công nhận ban vận động thành lập hội',
      field: 'Tổ chức phi chính phủ',
      level: 'province',
      onlineLevel: 'full',
      agencyCodes: [snv],
      steps: [
        { name: 'Tiếp nhận hồ sơ', kind: 'desk', budgetDays: 0.5 },
        { name: 'Thẩm định hồ sơ', kind: 'handle', budgetDays: 20, performer: 'Phòng Xây dựng chính quyền' },
        { name: 'Lãnh đạo Sở phê duyệt', kind: 'approve', budgetDays: 8 },
        { name: 'Trả kết quả', kind: 'return', budgetDays: 0.5 },
      ],
      papers: [
        { key: 'don', name: 'Đơn đề nghị công nhận ban vận động thành lập hội', originals: 1 },
        {
          key: 'danh-sach',
          name: 'Danh sách và lý lịch trích ngang của những người dự kiến trong ban vận động',
          originals: 1,
        },
        {
          key: 'xac-nhan',
          name: 'Văn bản xác nhận nơi cư trú của người đứng đầu ban vận động',
          originals: 0,
          copies: 1,
          required: false,
        },
      ],
      processingDays: 30,
      fees: [],
      applicants: 'Công dân, tổ chức Việt Nam',
      result: 'Quyết định công nhận ban vận động thành lập hội',
      ways: 'Nộp trực tuyến, trực tiếp tại Bộ phận một cửa của Sở Nội vụ hoặc qua dịch vụ bưu chính công ích.',
      conditions:
        'Có ít nhất 10 công dân, tổ chức Việt Nam cùng ngành nghề hoặc lĩnh vực hoạt động có nhu cầu.',
      legalBases: [
        {
          citation: 'Nghị định 126/2024/NĐ-CP ngày 08/10/2024 quy định về tổ chức, hoạt động và quản lý hội',
        },
      ],
      form: {
        fields: [
          { key: 'associationName', label: 'Tên hội dự kiến', type: 'text', required: true, maxLength: 300 },
          {
            key: 'scope',
            label: 'Phạm vi hoạt động',
            type: 'choice',
            required: true,
            options: [
              { value: 'tinh', label: 'Trong tỉnh' },
              { value: 'huyen', label: 'Trong huyện' },
              { value: 'xa', label: 'Trong xã' },
            ],
          },
          {
            key: 'purpose',
            label: 'Tôn chỉ, mục đích',
            type: 'text',
            required: true,
            maxLength: 2000,
            multiline: true,
          },
          { key: 'office', label: 'Địa chỉ trụ sở dự kiến', type: 'address', required: true },
          {
            key: 'members',
            label: 'Thành viên ban vận động',
            type: 'group',
            required: true,
            minItems: 3,
            maxItems: 20,
            fields: [
              ...person,
              {
                key: 'position',
                label: 'Chức danh trong ban',
                type: 'text',
                required: false,
                maxLength: 100,
              },
            ],
          },
        ],
      },
    },
    {
      code: '1.003807.000.00.00.H62',
      name: 'Thủ tục thẩm định thành lập đơn vị sự nghiệp công lập',
      field: 'Tổ chức - Biên chế',
      level: 'province',
      onlineLevel: 'partial',
      agencyCodes: [snv],
      steps: [
        { name: 'Tiếp nhận hồ sơ', kind: 'desk', budgetDays: 0.5 },
        { name: 'Thẩm định đề án', kind: 'handle', budgetDays: 12, performer: 'Phòng Tổ chức cán bộ' },
        { name: 'Lãnh đạo Sở ký văn bản thẩm định', kind: 'approve', budgetDays: 2.5 },
        { name: 'Trả kết quả', kind: 'return', budgetDays: 0.5 },
      ],
      papers: [
        { key: 'to-trinh', name: 'Tờ trình đề nghị thành lập đơn vị sự nghiệp công lập', originals: 1 },
        { key: 'de-an', name: 'Đề án thành lập đơn vị sự nghiệp công lập', originals: 1 },
        { key: 'du-thao', name: 'Dự thảo quyết định thành lập', originals: 1 },
      ],
      processingDays: 15,
      fees: [],
      applicants: 'Cơ quan, tổ chức thuộc tỉnh',
      result: 'Văn bản thẩm định của Sở Nội vụ',
      ways: 'Nộp trực tiếp tại Bộ phận một cửa, qua bưu chính hoặc nộp trực tuyến (một phần).',
      legalBases: [
        {
          citation:
            'Nghị định 120/2020/NĐ-CP quy định về thành lập, tổ chức lại, giải thể đơn vị sự nghiệp công lập',
        },
      ],
      form: {
        fields: [
          {
            key: 'unitName',
            label: 'Tên đơn vị dự kiến thành lập',
            type: 'text',
            required: true,
            maxLength: 300,
          },
          {
            key: 'staff',
            label: 'Số người làm việc dự kiến',
            type: 'number',
            required: true,
            min: 1,
            max: 2000,
            integer: true,
          },
        ],
      },
    },
    {
      code: '1.000775.000.00.00.H62',
      name: 'Thủ tục tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      field: 'Thi đua - Khen thưởng',
      level: 'province',
      onlineLevel: 'full',
      agencyCodes: [snv],
      steps: [
        { name: 'Tiếp nhận hồ sơ', kind: 'desk', budgetDays: 0.5 },
        {
          name: 'Thẩm định hồ sơ khen thưởng',
          kind: 'handle',
          budgetDays: 3,
          performer: 'Phòng Tổ chức cán bộ',
        },
        { name: 'Lãnh đạo Sở trình ký', kind: 'approve', budgetDays: 1 },
        { name: 'Trả kết quả', kind: 'return', budgetDays: 0.5 },
      ],
      papers: [
        { key: 'to-trinh', name: 'Tờ trình đề nghị khen thưởng', originals: 1 },
        {
          key: 'bao-cao',
          name: 'Báo cáo thành tích của cá nhân, tập thể được đề nghị khen thưởng',
          originals: 1,
        },
      ],
      processingDays: 5,
      fees: [],
      applicants: 'Cơ quan, tổ chức, cá nhân',
      result: 'Quyết định và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      ways: 'Nộp trực tuyến hoặc trực tiếp tại Bộ phận một cửa của Sở Nội vụ.',
      legalBases: [{ citation: 'Luật Thi đua, khen thưởng 2022' }, { citation: 'Nghị định 98/2023/NĐ-CP' }],
      form: {
        fields: [
          {
            key: 'kind',
            label: 'Đối tượng đề nghị khen thưởng',
            type: 'choice',
            required: true,
            options: [
              { value: 'ca-nhan', label: 'Cá nhân' },
              { value: 'tap-the', label: 'Tập thể' },
            ],
          },
          {
            key: 'nominee',
            label: 'Tên cá nhân, tập thể được đề nghị',
            type: 'text',
            required: true,
            maxLength: 300,
          },
          {
            key: 'achievement',
            label: 'Thành tích tiêu biểu',
            type: 'text',
            required: true,
            maxLength: 2000,
            multiline: true,
          },
        ],
      },
    },
  ];
}

function localProcedures(districts: string[], communes: string[]): Input[] {
  return [
    {
      code: '2.000720.000.00.00.H62',
      name: 'Đăng ký thành lập hộ kinh doanh',
      field: 'Thành lập và hoạt động của hộ kinh doanh',
      level: 'district',
      onlineLevel: 'full',
      agencyCodes: districts,
      steps: [
        { name: 'Tiếp nhận hồ sơ', kind: 'desk', budgetDays: 0.5 },
        {
          name: 'Xem xét hồ sơ, cấp giấy chứng nhận',
          kind: 'handle',
          budgetDays: 1.5,
          performer: 'Phòng Tài chính - Kế hoạch',
        },
        { name: 'Lãnh đạo ký duyệt', kind: 'approve', budgetDays: 0.5 },
        { name: 'Trả kết quả', kind: 'return', budgetDays: 0.5 },
      ],
      papers: [
        { key: 'giay-de-nghi', name: 'Giấy đề nghị đăng ký hộ kinh doanh', originals: 1 },
        {
          key: 'hop-dong',
          name: 'Hợp đồng thuê địa điểm kinh doanh (nếu thuê)',
          originals: 0,
          copies: 1,
          required: false,
        },
      ],
      processingDays: 3,
      fees: [
        { name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100_000, note: 'Miễn lệ phí khi nộp trực tuyến' },
      ],
      applicants: 'Cá nhân, thành viên hộ gia đình là công dân Việt Nam',
      result: 'Giấy chứng nhận đăng ký hộ kinh doanh',
      ways: 'Nộp trực tuyến, trực tiếp hoặc qua bưu chính công ích.',
      legalBases: [{ citation: 'Nghị định 01/2021/NĐ-CP về đăng ký doanh nghiệp' }],
      form: {
        fields: [
          { key: 'businessName', label: 'Tên hộ kinh doanh', type: 'text', required: true, maxLength: 200 },
          { key: 'trade', label: 'Ngành, nghề kinh doanh', type: 'text', required: true, maxLength: 500 },
          {
            key: 'capital',
            label: 'Vốn kinh doanh (đồng)',
            type: 'number',
            required: true,
            min: 0,
            integer: true,
          },
          { key: 'place', label: 'Địa điểm kinh doanh', type: 'address', required: true },
        ],
      },
    },
    {
      code: '1.001193.000.00.00.H62',
      name: 'Thủ tục đăng ký khai sinh',
      field: 'Hộ tịch',
      level: 'commune',
      onlineLevel: 'full',
      agencyCodes: communes,
      steps: [
        { name: 'Tiếp nhận hồ sơ', kind: 'desk', budgetDays: 0.5 },
        { name: 'Công chức tư pháp - hộ tịch ghi sổ', kind: 'handle', budgetDays: 0.5 },
        { name: 'Chủ tịch UBND xã ký giấy khai sinh', kind: 'approve', budgetDays: 0.5 },
        { name: 'Trả kết quả', kind: 'return', budgetDays: 0.5 },
      ],
      papers: [
        { key: 'to-khai', name: 'Tờ khai đăng ký khai sinh', originals: 1 },
        { key: 'chung-sinh', name: 'Giấy chứng sinh', originals: 1 },
      ],
      processingDays: 1,
      fees: [],
      applicants: 'Cha, mẹ, ông, bà hoặc người thân thích khác của trẻ',
      result: 'Giấy khai sinh (bản chính)',
      ways: 'Nộp trực tuyến hoặc trực tiếp tại Bộ phận một cửa của UBND xã.',
      legalBases: [{ citation: 'Luật Hộ tịch 2014' }, { citation: 'Nghị định 123/2015/NĐ-CP' }],
      form: {
        fields: [
          {
            key: 'childName',
            label: 'Họ, chữ đệm và tên của trẻ',
            type: 'text',
            required: true,
            maxLength: 100,
          },
          { key: 'childBirth', label: 'Ngày sinh của trẻ', type: 'date', required: true, max: 'today' },
          {
            key: 'sex',
            label: 'Giới tính',
            type: 'choice',
            required: true,
            options: [
              { value: 'nam', label: 'Nam' },
              { value: 'nu', label: 'Nữ' },
            ],
          },
          { key: 'birthPlace', label: 'Nơi sinh', type: 'address', required: true },
        ],
      },
    },
    {
      code: '2.000815.000.00.00.H62',
      name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
      field: 'Chứng thực',
      level: 'commune',
      onlineLevel: 'none',
      agencyCodes: communes,
      steps: [
        { name: 'Tiếp nhận và đối chiếu bản chính', kind: 'desk', budgetDays: 0.5 },
        { name: 'Người có thẩm quyền ký chứng thực', kind: 'approve', budgetDays: 0.5 },
      ],
      papers: [{ key: 'ban-chinh', name: 'Bản chính giấy tờ, văn bản cần chứng thực', originals: 1 }],
      processingDays: 0,
      fees: [
        {
          name: 'Phí chứng thực bản sao',
          amount: 2_000,
          note: 'Mỗi trang; từ trang thứ ba 1.000 đồng/trang',
        },
      ],
      applicants: 'Cá nhân, tổ chức',
      result: 'Bản sao được chứng thực từ bản chính',
      ways: 'Trực tiếp tại Bộ phận một cửa của UBND xã.',
      legalBases: [{ citation: 'Nghị định 23/2015/NĐ-CP về chứng thực' }],
      form: {
        fields: [
          {
            key: 'pages',
            label: 'Số trang cần chứng thực',
            type: 'number',
            required: true,
            min: 1,
            integer: true,
          },
        ],
      },
    },
  ];
}

export async function seedCatalogueDemo(db: Db): Promise<void> {
  const units = await activeUnits(db);
  const snv = units.find((u) => u.kind === 'department' && u.name === 'Sở Nội vụ')?.agencyCode;
  if (!snv) return; // not the demo province
  const codesOf = (kind: string) =>
    units.filter((u) => u.kind === kind && u.agencyCode).map((u) => u.agencyCode as string);
  const all = [
    ...snvProcedures(snv),
    ...localProcedures(codesOf('district'), codesOf('commune').slice(0, 500)),
  ];
  const had = new Set(
    (
      await db
        .select({ code: serviceProcedures.code })
        .from(serviceProcedures)
        .where(
          inArray(
            serviceProcedures.code,
            all.map((p) => p.code),
          ),
        )
    ).map((r) => r.code),
  );
  await db.transaction(async (tx) => {
    for (const p of all)
      if (!had.has(p.code)) await saveProcedure(tx, procedureContentSchema.parse(p), { note: 'Dữ liệu mẫu' });
  });
}
