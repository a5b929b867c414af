import { eq } from 'drizzle-orm';
import { vnDate } from '../../../../shared/calendar/index.ts';
import type { LegalTypeCode } from '../../../../shared/legal/catalogue.ts';
import type { RelationKind } from '../../../../shared/legal/relations.ts';
import type { Db } from '../../../db/client.ts';
import { activeUnits } from '../../agencies/index.ts';
import { personIdByUsername } from '../../people/index.ts';
import { legalDocuments, legalIssuers, legalRelations } from '../schema.ts';
import { recomputeStatuses } from './status.ts';

/*
 * The demo legal base: the province's issuing bodies (HĐND tỉnh, UBND tỉnh, Chủ tịch UBND tỉnh, the
 * last two issuing as the demo's People's Committee) and about twenty documents entered by Văn phòng
 * UBND tỉnh: central laws, decrees and decisions the province applies, and its own resolutions and
 * decisions, with a replacement, amendments, a partial repeal, guiding decrees, a term that ended.
 * Idempotent: nothing when the province's issuers are already there.
 */

interface DemoDoc {
  key: string;
  origin: 'central' | 'local';
  number: string;
  type: LegalTypeCode;
  issuer: string;
  signer: [name: string, title: string];
  title: string;
  issued: string;
  from: string;
  to?: string;
  field: number;
  sector?: string;
  gazette?: [source: string, date: string];
  summary?: string;
}

const DOCS: DemoDoc[] = [
  {
    key: 'luat80',
    origin: 'central',
    number: '80/2015/QH13',
    type: 'luat',
    issuer: 'quoc_hoi',
    signer: ['Nguyễn Sinh Hùng', 'Chủ tịch Quốc hội'],
    title: 'Luật Ban hành văn bản quy phạm pháp luật',
    issued: '2015-06-22',
    from: '2016-07-01',
    field: 15,
    gazette: ['Công báo số 863 đến 864, năm 2015', '2015-07-28'],
  },
  {
    key: 'luat64',
    origin: 'central',
    number: '64/2025/QH15',
    type: 'luat',
    issuer: 'quoc_hoi',
    signer: ['Trần Thanh Mẫn', 'Chủ tịch Quốc hội'],
    title: 'Luật Ban hành văn bản quy phạm pháp luật',
    issued: '2025-02-19',
    from: '2025-04-01',
    field: 15,
  },
  {
    key: 'nd34',
    origin: 'central',
    number: '34/2016/NĐ-CP',
    type: 'nghi_dinh',
    issuer: 'chinh_phu',
    signer: ['Nguyễn Xuân Phúc', 'Thủ tướng'],
    title:
      'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Ban hành văn bản quy phạm pháp luật',
    issued: '2016-05-14',
    from: '2016-07-01',
    field: 15,
  },
  {
    key: 'nd154',
    origin: 'central',
    number: '154/2020/NĐ-CP',
    type: 'nghi_dinh',
    issuer: 'chinh_phu',
    signer: ['Nguyễn Xuân Phúc', 'Thủ tướng'],
    title: 'Nghị định sửa đổi, bổ sung một số điều của Nghị định số 34/2016/NĐ-CP',
    issued: '2020-12-31',
    from: '2021-01-01',
    field: 15,
  },
  {
    key: 'nd78',
    origin: 'central',
    number: '78/2025/NĐ-CP',
    type: 'nghi_dinh',
    issuer: 'chinh_phu',
    signer: ['Phạm Minh Chính', 'Thủ tướng'],
    title:
      'Nghị định quy định chi tiết một số điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật',
    issued: '2025-04-01',
    from: '2025-04-01',
    field: 15,
  },
  {
    key: 'tt01',
    origin: 'central',
    number: '01/2011/TT-BNV',
    type: 'thong_tu',
    issuer: 'bo_noi_vu',
    signer: ['Trần Văn Tuấn', 'Bộ trưởng'],
    title: 'Thông tư hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính',
    issued: '2011-01-19',
    from: '2011-03-05',
    field: 15,
  },
  {
    key: 'nd30',
    origin: 'central',
    number: '30/2020/NĐ-CP',
    type: 'nghi_dinh',
    issuer: 'chinh_phu',
    signer: ['Nguyễn Xuân Phúc', 'Thủ tướng'],
    title: 'Nghị định về công tác văn thư',
    issued: '2020-03-05',
    from: '2020-03-05',
    field: 15,
    summary: 'Quy định về công tác văn thư và quản lý nhà nước về công tác văn thư.',
  },
  {
    key: 'luat77',
    origin: 'central',
    number: '77/2015/QH13',
    type: 'luat',
    issuer: 'quoc_hoi',
    signer: ['Nguyễn Sinh Hùng', 'Chủ tịch Quốc hội'],
    title: 'Luật Tổ chức chính quyền địa phương',
    issued: '2015-06-19',
    from: '2016-01-01',
    field: 15,
  },
  {
    key: 'luat72',
    origin: 'central',
    number: '72/2025/QH15',
    type: 'luat',
    issuer: 'quoc_hoi',
    signer: ['Trần Thanh Mẫn', 'Chủ tịch Quốc hội'],
    title: 'Luật Tổ chức chính quyền địa phương',
    issued: '2025-06-16',
    from: '2025-07-01',
    field: 15,
  },
  {
    key: 'nd61',
    origin: 'central',
    number: '61/2018/NĐ-CP',
    type: 'nghi_dinh',
    issuer: 'chinh_phu',
    signer: ['Nguyễn Xuân Phúc', 'Thủ tướng'],
    title: 'Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính',
    issued: '2018-04-23',
    from: '2018-06-21',
    field: 15,
  },
  {
    key: 'nd107',
    origin: 'central',
    number: '107/2021/NĐ-CP',
    type: 'nghi_dinh',
    issuer: 'chinh_phu',
    signer: ['Phạm Minh Chính', 'Thủ tướng'],
    title: 'Nghị định sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP',
    issued: '2021-12-06',
    from: '2022-02-01',
    field: 15,
  },
  {
    key: 'nd45',
    origin: 'central',
    number: '45/2020/NĐ-CP',
    type: 'nghi_dinh',
    issuer: 'chinh_phu',
    signer: ['Nguyễn Xuân Phúc', 'Thủ tướng'],
    title: 'Nghị định về thực hiện thủ tục hành chính trên môi trường điện tử',
    issued: '2020-04-08',
    from: '2020-05-22',
    field: 20,
  },
  {
    key: 'qd28',
    origin: 'central',
    number: '28/2018/QĐ-TTg',
    type: 'quyet_dinh_ttg',
    issuer: 'thu_tuong',
    signer: ['Nguyễn Xuân Phúc', 'Thủ tướng'],
    title: 'Quyết định về việc gửi, nhận văn bản điện tử giữa các cơ quan trong hệ thống hành chính nhà nước',
    issued: '2018-07-12',
    from: '2018-08-31',
    field: 20,
  },
  {
    key: 'qd30_2013',
    origin: 'local',
    number: '30/2013/QĐ-UBND',
    type: 'quyet_dinh_ubnd',
    issuer: 'ubnd_tinh',
    signer: ['Nguyễn Văn Diệp', 'Chủ tịch'],
    title:
      'Quyết định ban hành Quy định về phát triển, quản lý và kinh doanh khai thác chợ trên địa bàn tỉnh',
    issued: '2013-08-01',
    from: '2013-08-11',
    field: 3,
    sector: 'Công Thương',
  },
  {
    key: 'qd05_2016',
    origin: 'local',
    number: '05/2016/QĐ-UBND',
    type: 'quyet_dinh_ubnd',
    issuer: 'ubnd_tinh',
    signer: ['Trương Văn Sáu', 'KT. Chủ tịch - Phó Chủ tịch'],
    title:
      'Quyết định sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số 30/2013/QĐ-UBND',
    issued: '2016-01-05',
    from: '2016-01-15',
    field: 3,
    sector: 'Công Thương',
  },
  {
    key: 'qd14_2019',
    origin: 'local',
    number: '14/2019/QĐ-UBND',
    type: 'quyet_dinh_ubnd',
    issuer: 'ubnd_tinh',
    signer: ['Lữ Quang Ngời', 'Chủ tịch'],
    title:
      'Quyết định ban hành Quy định về phát triển, quản lý và kinh doanh khai thác chợ trên địa bàn tỉnh, thay thế Quyết định số 30/2013/QĐ-UBND',
    issued: '2019-05-02',
    from: '2019-05-15',
    field: 3,
    sector: 'Công Thương',
    gazette: ['Công báo tỉnh số 25 + 26, năm 2019', '2019-05-10'],
  },
  {
    key: 'qd20_2021',
    origin: 'local',
    number: '20/2021/QĐ-UBND',
    type: 'quyet_dinh_ubnd',
    issuer: 'ubnd_tinh',
    signer: ['Lữ Quang Ngời', 'Chủ tịch'],
    title:
      'Quyết định ban hành Quy chế hoạt động của Cổng Dịch vụ công và Hệ thống thông tin một cửa điện tử tỉnh',
    issued: '2021-06-10',
    from: '2021-06-21',
    field: 20,
  },
  {
    key: 'qd_gia_dat',
    origin: 'local',
    number: '37/2019/QĐ-UBND',
    type: 'quyet_dinh_ubnd',
    issuer: 'ubnd_tinh',
    signer: ['Lữ Quang Ngời', 'Chủ tịch'],
    title: 'Quyết định ban hành Bảng giá các loại đất giai đoạn 2020 - 2024 trên địa bàn tỉnh',
    issued: '2019-12-20',
    from: '2020-01-01',
    to: '2025-01-01',
    field: 1,
  },
  {
    key: 'nq05_2023',
    origin: 'local',
    number: '05/2023/NQ-HĐND',
    type: 'nghi_quyet_hdnd',
    issuer: 'hdnd_tinh',
    signer: ['Bùi Văn Nghiêm', 'Chủ tịch'],
    title:
      'Nghị quyết quy định mức thu, miễn, giảm, quản lý và sử dụng các loại phí, lệ phí trên địa bàn tỉnh',
    issued: '2023-07-12',
    from: '2023-07-22',
    field: 8,
  },
  {
    key: 'nq18_2024',
    origin: 'local',
    number: '18/2024/NQ-HĐND',
    type: 'nghi_quyet_hdnd',
    issuer: 'hdnd_tinh',
    signer: ['Bùi Văn Nghiêm', 'Chủ tịch'],
    title: 'Nghị quyết bãi bỏ một số nội dung của Nghị quyết số 05/2023/NQ-HĐND',
    issued: '2024-12-10',
    from: '2024-12-20',
    field: 8,
  },
  {
    key: 'qd03_2025_ct',
    origin: 'local',
    number: '03/2025/QĐ-CTUBND',
    type: 'quyet_dinh_ct_ubnd',
    issuer: 'ct_ubnd_tinh',
    signer: ['Lữ Quang Ngời', 'Chủ tịch'],
    title: 'Quyết định ủy quyền cho Giám đốc Sở Nội vụ giải quyết một số thủ tục hành chính',
    issued: '2025-08-15',
    from: '2025-08-25',
    field: 15,
  },
];

const LINKS: [source: string, kind: RelationKind, target: string, articles?: string][] = [
  ['luat64', 'replaces', 'luat80'],
  ['nd34', 'guides', 'luat80'],
  ['nd154', 'amends', 'nd34', 'Điều 1, 2, 5'],
  ['nd78', 'replaces', 'nd34'],
  ['nd78', 'guides', 'luat64'],
  ['nd30', 'replaces', 'tt01'],
  ['luat72', 'replaces', 'luat77'],
  ['nd107', 'amends', 'nd61', 'Điều 1, 3, 9'],
  ['nd45', 'cites', 'nd61'],
  ['qd05_2016', 'amends', 'qd30_2013', 'Điều 5, khoản 2 Điều 7'],
  ['qd14_2019', 'replaces', 'qd30_2013'],
  ['qd14_2019', 'based_on', 'luat77'],
  ['qd20_2021', 'based_on', 'nd61'],
  ['qd20_2021', 'based_on', 'nd45'],
  ['qd20_2021', 'based_on', 'luat77'],
  ['nq18_2024', 'partly_repeals', 'nq05_2023', 'Điều 3'],
  ['qd03_2025_ct', 'based_on', 'luat72'],
];

export async function seedRecordsDemo(db: Db): Promise<void> {
  const [had] = await db.select().from(legalIssuers).where(eq(legalIssuers.code, 'ubnd_tinh'));
  if (had) return;
  const units = await activeUnits(db);
  const ubnd = units.find((u) => u.kind === 'province' && u.parentId === null);
  const office = units.find((u) => u.parentId === ubnd?.id && u.name === 'Văn phòng Ủy ban nhân dân tỉnh');
  if (!ubnd || !office) return;
  const province = ubnd.name.replace(/^Ủy ban nhân dân /, '');
  const local = await db
    .insert(legalIssuers)
    .values([
      { code: 'hdnd_tinh', name: `Hội đồng nhân dân ${province}`, level: 'local', sortOrder: 1 },
      { code: 'ubnd_tinh', name: ubnd.name, level: 'local', agencyId: ubnd.id, sortOrder: 2 },
      {
        code: 'ct_ubnd_tinh',
        name: `Chủ tịch ${ubnd.name}`,
        level: 'local',
        agencyId: ubnd.id,
        sortOrder: 3,
      },
    ])
    .returning();
  const central = await db.select().from(legalIssuers).where(eq(legalIssuers.level, 'central'));
  const issuer = new Map([...local, ...central].map((i) => [i.code, i.id]));
  const clerk = (await personIdByUsername(db, 'vanthu.vp')) ?? null;
  const inserted = await db
    .insert(legalDocuments)
    .values(
      DOCS.map((d) => ({
        agencyId: office.id,
        origin: d.origin,
        numberNotation: d.number,
        typeCode: d.type,
        issuerId: issuer.get(d.issuer)!,
        signerName: d.signer[0],
        signerTitle: d.signer[1],
        title: d.title,
        issuedDate: d.issued,
        effectiveFrom: d.from,
        effectiveTo: d.to ?? null,
        scope: d.origin === 'central' ? 'Toàn quốc' : province.replace(/^tỉnh/, 'Tỉnh'),
        sector: d.sector ?? null,
        fieldCode: d.field,
        gazetteSource: d.gazette?.[0] ?? null,
        gazetteDate: d.gazette?.[1] ?? null,
        summary: d.summary ?? null,
        createdBy: clerk,
      })),
    )
    .returning({ id: legalDocuments.id, number: legalDocuments.numberNotation });
  const idOf = new Map(DOCS.map((d, i) => [d.key, inserted[i]!.id]));
  await db.insert(legalRelations).values(
    LINKS.map(([source, kind, target, articles]) => ({
      sourceId: idOf.get(source)!,
      targetId: idOf.get(target)!,
      kind,
      articles: articles ?? null,
      createdBy: clerk,
    })),
  );
  await recomputeStatuses(db, vnDate(new Date()));
}
