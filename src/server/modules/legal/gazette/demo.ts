/**
 * The demo gazette: Văn phòng UBND tỉnh is the gazette office of "CÔNG BÁO TỈNH VĨNH LONG"; one issue
 * of this year is published with two of the province's own decisions, and a third waits to be
 * accepted. The documents are the records demo's local ones when it has them, else three minimal
 * records made here. The demo has no blob store: the issue's PDF is built on its first download.
 * Idempotent (does nothing once the settings exist).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { vnDate } from '../../../../shared/calendar/vn-time.ts';
import type { Db } from '../../../db/client.ts';
import { activeUnits } from '../../agencies/index.ts';
import { personIdByUsername } from '../../people/index.ts';
import { gazetteIssues, gazetteItems, gazetteSettings, legalDocuments, legalIssuers } from '../schema.ts';
import { addDays } from './rules.ts';

const OWN_DOCUMENTS = [
  {
    numberNotation: '12/2026/QĐ-UBND',
    typeCode: 'quyet_dinh_ubnd',
    title:
      'Quyết định ban hành Quy chế phối hợp quản lý nhà nước về văn bản quy phạm pháp luật trên địa bàn tỉnh',
    fieldCode: 15,
  },
  {
    numberNotation: '13/2026/QĐ-UBND',
    typeCode: 'quyet_dinh_ubnd',
    title: 'Quyết định quy định mức thu phí sử dụng công trình kết cấu hạ tầng trong khu kinh tế cửa khẩu',
    fieldCode: 7,
  },
  {
    numberNotation: '14/2026/QĐ-UBND',
    typeCode: 'quyet_dinh_ubnd',
    title: 'Quyết định thay thế Quyết định số 30/2013/QĐ-UBND về quản lý hoạt động thoát nước đô thị',
    fieldCode: 15,
  },
];

async function provinceIssuer(db: Db, ubndId: string): Promise<string> {
  const [own] = await db
    .select({ id: legalIssuers.id })
    .from(legalIssuers)
    .where(and(eq(legalIssuers.level, 'local'), eq(legalIssuers.agencyId, ubndId)));
  if (own) return own.id;
  await db
    .insert(legalIssuers)
    .values({ code: 'UBND_TINH', name: 'Ủy ban nhân dân tỉnh Vĩnh Long', level: 'local', agencyId: ubndId })
    .onConflictDoNothing();
  const [made] = await db
    .select({ id: legalIssuers.id })
    .from(legalIssuers)
    .where(
      sql`${legalIssuers.code} = 'UBND_TINH' OR ${legalIssuers.nameNorm} = lt_norm('Ủy ban nhân dân tỉnh Vĩnh Long')`,
    );
  return made!.id;
}

/** Three local documents of the People's Committee: the records demo's, else made here. */
async function demoDocuments(db: Db, ubndId: string, today: string): Promise<string[]> {
  const found = await db
    .select({ id: legalDocuments.id })
    .from(legalDocuments)
    .where(
      and(
        eq(legalDocuments.origin, 'local'),
        eq(legalDocuments.agencyId, ubndId),
        sql`${legalDocuments.issuedDate} <= ${today}::date`,
      ),
    )
    .orderBy(asc(legalDocuments.issuedDate), asc(legalDocuments.id))
    .limit(3);
  if (found.length >= 3) return found.map((d) => d.id);
  const issuerId = await provinceIssuer(db, ubndId);
  const made = await db
    .insert(legalDocuments)
    .values(
      OWN_DOCUMENTS.map((d, i) => {
        const issued = addDays(today, -20 + i * 6);
        return {
          ...d,
          agencyId: ubndId,
          origin: 'local',
          issuerId,
          signerName: 'Phạm Văn Đấu',
          signerTitle: 'Chủ tịch',
          issuedDate: issued,
          effectiveFrom: addDays(issued, 10),
          scope: 'Tỉnh Vĩnh Long',
          textSource: 'entered',
        };
      }),
    )
    .onConflictDoNothing()
    .returning({ id: legalDocuments.id });
  return [...found.map((d) => d.id), ...made.map((d) => d.id)].slice(0, 3);
}

export async function seedGazetteDemo(db: Db): Promise<void> {
  if ((await db.select({ id: gazetteSettings.id }).from(gazetteSettings)).length) return;
  const units = await activeUnits(db);
  const office = units.find((u) => u.name === 'Văn phòng Ủy ban nhân dân tỉnh');
  const ubnd = units.find((u) => u.kind === 'province');
  if (!office || !ubnd) return;
  await db
    .insert(gazetteSettings)
    .values({ id: 1, officeAgencyId: office.id, title: 'CÔNG BÁO TỈNH VĨNH LONG' });
  const today = vnDate(new Date());
  const docIds = await demoDocuments(db, ubnd.id, today);
  if (docIds.length < 2) return;
  const docs = await db
    .select({ id: legalDocuments.id, issuedDate: legalDocuments.issuedDate })
    .from(legalDocuments)
    .where(inArray(legalDocuments.id, docIds));
  const issuedOf = new Map(docs.map((d) => [d.id, d.issuedDate]));
  const editor = await personIdByUsername(db, 'vanthu.vp');
  const submitter = await personIdByUsername(db, 'vanthu.ubnd');
  const year = Number(today.slice(0, 4));
  // The issue comes out two days after the later of the two documents (within 7 days of both receipts).
  const lastIssued = [...docIds.slice(0, 2)].map((id) => issuedOf.get(id)!).sort()[1]!;
  let issueDate = addDays(lastIssued, 2);
  if (issueDate > today) issueDate = today;
  if (issueDate < `${year}-01-01`) issueDate = `${year}-01-01`;
  const [issue] = await db
    .insert(gazetteIssues)
    .values({
      year,
      numberFrom: 45,
      numberTo: 46,
      issueDate,
      state: 'published',
      publishedAt: new Date(`${issueDate}T02:00:00Z`),
      publishedBy: editor,
      createdBy: editor,
    })
    .returning({ id: gazetteIssues.id });
  const at = (date: string, hour: number) => new Date(`${date}T0${hour}:00:00Z`);
  await db.insert(gazetteItems).values([
    ...docIds.slice(0, 2).map((id, i) => {
      const issued = issuedOf.get(id)!;
      const sent = addDays(issued, 1) < issueDate ? addDays(issued, 1) : issued;
      return {
        legalDocumentId: id,
        submittedByAgencyId: ubnd.id,
        submittedBy: submitter,
        submittedAt: at(sent, 2),
        state: 'published',
        receivedAt: at(sent, 4),
        issueId: issue!.id,
        position: i + 1,
      };
    }),
    ...docIds.slice(2).map((id) => ({
      legalDocumentId: id,
      submittedByAgencyId: ubnd.id,
      submittedBy: submitter,
      submittedAt: at(today, 1),
      state: 'submitted',
    })),
  ]);
  await db
    .update(legalDocuments)
    .set({ gazetteIssueId: issue!.id, gazetteDate: issueDate })
    .where(inArray(legalDocuments.id, docIds.slice(0, 2)));
}
