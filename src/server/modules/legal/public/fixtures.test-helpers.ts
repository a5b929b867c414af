/**
 * Test data for the public legal pages: the rows the records, the import and the gazette would
 * write, inserted directly (with internal fields filled with marker values that must never reach a
 * visitor). Used by public.test.ts and the browser test.
 */
import { sql } from 'drizzle-orm';
import { makeAgency, makePerson } from '../../../../../test/helpers/factories.ts';
import { type Db, rows } from '../../../db/client.ts';
import type { BlobStore } from '../../../platform/blobs/store.ts';

/** Friday 4 December 2026, 10:00 in Vietnam. */
export const NOW = new Date('2026-12-04T03:00:00Z');

export const SECRET = {
  creatorName: 'Phạm Nội Bộ Nhập Liệu',
  returnReason: 'LY-DO-TRA-LAI-NOI-BO',
  draftTitle: 'DU-THAO-CONG-BAO chưa phát hành',
  importBatchId: '0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee',
};

export interface LegalFixture {
  agencyId: string;
  creatorId: string;
  issuerId: string;
  docs: {
    old: string;
    replacing: string;
    amending: string;
    decree: string;
    notYet: string;
    draftOnly: string;
  };
  fileId: string;
  fileText: string;
  issue: { year: number; from: number; to: number; pdf: Buffer };
}

async function one<T>(db: Db, q: ReturnType<typeof sql>): Promise<T> {
  const [r] = await rows<T>(db, q);
  return r!;
}

export async function seedLegalFixture(db: Db, blobs: BlobStore): Promise<LegalFixture> {
  const agency = await makeAgency(db, { kind: 'province', name: 'Ủy ban nhân dân tỉnh Thử nghiệm' });
  const creator = await makePerson(db, { agencyId: agency.id, role: 'clerk', fullName: SECRET.creatorName });
  const issuer = await one<{ id: string }>(
    db,
    sql`INSERT INTO legal_issuers (id, code, name, level, agency_id, sort_order)
        VALUES (gen_random_uuid(), 'ubnd_tinh_thu', 'Ủy ban nhân dân tỉnh Thử nghiệm', 'local', ${agency.id}, 1)
        RETURNING id`,
  );
  const cp = await one<{ id: string }>(db, sql`SELECT id FROM legal_issuers WHERE code = 'chinh_phu'`);
  const doc = async (o: {
    number: string;
    type: string;
    issuer: string;
    title: string;
    issued: string;
    from: string;
    to?: string;
    status: string;
    field?: number;
    fullText?: string;
  }) =>
    (
      await one<{ id: string }>(
        db,
        sql`INSERT INTO legal_documents (id, agency_id, origin, number_notation, type_code, issuer_id, signer_name,
                   signer_title, title, issued_date, effective_from, effective_to, scope, field_code, summary, full_text,
                   text_source, status_now, status_as_of, import_batch_id, created_by)
            VALUES (gen_random_uuid(), ${agency.id}, ${o.issuer === cp.id ? 'central' : 'local'}, ${o.number}, ${o.type},
                    ${o.issuer}, 'Nguyễn Văn Ký', 'Chủ tịch', ${o.title}, ${o.issued}, ${o.from}, ${o.to ?? null},
                    'Tỉnh Thử nghiệm', ${o.field ?? 15}, ${`Tóm tắt: ${o.title}`}, ${o.fullText ?? null}, 'entered',
                    ${o.status}, '2026-12-04', ${SECRET.importBatchId}, ${creator.id})
            RETURNING id`,
      )
    ).id;
  const fileText =
    'Điều 1. Thay thế Quyết định số 12/2015/QĐ-UBND.\n\nĐiều 2. Quyết định này có hiệu lực <b>kể từ</b> ngày 01/6/2019.';
  const old = await doc({
    number: '12/2015/QĐ-UBND',
    type: 'quyet_dinh_ubnd',
    issuer: issuer.id,
    title: 'Quyết định ban hành Quy định về quản lý chất thải rắn sinh hoạt trên địa bàn tỉnh',
    issued: '2015-03-02',
    from: '2015-03-15',
    status: 'expired',
  });
  const replacing = await doc({
    number: '14/2019/QĐ-UBND',
    type: 'quyet_dinh_ubnd',
    issuer: issuer.id,
    title: 'Quyết định thay thế Quyết định số 12/2015/QĐ-UBND về quản lý chất thải rắn sinh hoạt',
    issued: '2019-05-10',
    from: '2019-06-01',
    status: 'expired_partly',
    field: 27,
    fullText: fileText,
  });
  const amending = await doc({
    number: '20/2021/QĐ-UBND',
    type: 'quyet_dinh_ubnd',
    issuer: issuer.id,
    title: 'Quyết định sửa đổi Điều 5 Quyết định số 14/2019/QĐ-UBND',
    issued: '2021-02-01',
    from: '2021-02-15',
    status: 'in_force',
  });
  const decree = await doc({
    number: '45/2020/NĐ-CP',
    type: 'nghi_dinh',
    issuer: cp.id,
    title: 'Nghị định về thực hiện thủ tục hành chính trên môi trường điện tử',
    issued: '2020-04-08',
    from: '2020-05-22',
    status: 'in_force',
    field: 15,
  });
  const notYet = await doc({
    number: '30/2026/NQ-HĐND',
    type: 'nghi_quyet_hdnd',
    issuer: issuer.id,
    title: 'Nghị quyết quy định mức thu học phí năm học 2027 - 2028',
    issued: '2026-11-20',
    from: '2027-01-01',
    status: 'not_yet',
  });
  const draftOnly = await doc({
    number: '31/2026/QĐ-UBND',
    type: 'quyet_dinh_ubnd',
    issuer: issuer.id,
    title: 'Quyết định về bảng giá đất điều chỉnh',
    issued: '2026-11-25',
    from: '2026-12-10',
    status: 'not_yet',
  });
  // 25 older decisions so the list has a second page.
  await db.execute(
    sql`INSERT INTO legal_documents (id, agency_id, origin, number_notation, type_code, issuer_id, title, issued_date,
               effective_from, status_now, created_by)
        SELECT gen_random_uuid(), ${agency.id}, 'local', n || '/2010/QĐ-UBND', 'quyet_dinh_ubnd', ${issuer.id},
               'Quyết định về công tác văn thư số ' || n, make_date(2010, 1 + n % 12, 1 + n), make_date(2010, 1 + n % 12, 1 + n) + 10,
               'in_force', ${creator.id}
          FROM generate_series(1, 25) n`,
  );
  await db.execute(
    sql`INSERT INTO legal_relations (id, source_id, target_id, kind, articles, created_by) VALUES
          (gen_random_uuid(), ${replacing}, ${old}, 'replaces', NULL, ${creator.id}),
          (gen_random_uuid(), ${amending}, ${replacing}, 'amends', 'Điều 5', ${creator.id}),
          (gen_random_uuid(), ${replacing}, ${decree}, 'based_on', NULL, ${creator.id})`,
  );
  const pdf = Buffer.from('%PDF-1.4\n% quyết định 14/2019\n%%EOF\n');
  const stored = await blobs.putBuffer(pdf, { declaredType: 'application/pdf', maxBytes: 1_000_000 });
  const file = await one<{ id: string }>(
    db,
    sql`INSERT INTO legal_document_files (id, legal_document_id, role, sha256, file_name, media_type, size, created_by)
        VALUES (gen_random_uuid(), ${replacing}, 'main', ${stored.sha256}, '14-2019-QD-UBND.pdf', 'application/pdf',
                ${pdf.length}, ${creator.id})
        RETURNING id`,
  );
  // A published issue carrying the replacing decision, and a draft issue that must stay unseen.
  const issuePdf = Buffer.from('%PDF-1.4\n% cong bao so 15 + 16\n%%EOF\n');
  const issueBlob = await blobs.putBuffer(issuePdf, { declaredType: 'application/pdf', maxBytes: 1_000_000 });
  const issue = await one<{ id: string }>(
    db,
    sql`INSERT INTO gazette_issues (id, year, number_from, number_to, issue_date, state, pdf_sha256, pdf_size,
               published_at, published_by, created_by)
        VALUES (gen_random_uuid(), 2019, 15, 16, '2019-05-20', 'published', ${issueBlob.sha256}, ${issuePdf.length},
                '2019-05-20T03:00:00Z', ${creator.id}, ${creator.id})
        RETURNING id`,
  );
  const draft = await one<{ id: string }>(
    db,
    sql`INSERT INTO gazette_issues (id, year, number_from, number_to, issue_date, state, created_by)
        VALUES (gen_random_uuid(), 2026, 101, 101, '2026-12-20', 'draft', ${creator.id}) RETURNING id`,
  );
  await db.execute(
    sql`INSERT INTO gazette_items (id, legal_document_id, submitted_by_agency_id, submitted_by, submitted_at, state,
               received_at, issue_id, position, return_reason) VALUES
          (gen_random_uuid(), ${replacing}, ${agency.id}, ${creator.id}, '2019-05-11T02:00:00Z', 'published',
           '2019-05-12T02:00:00Z', ${issue.id}, 1, NULL),
          (gen_random_uuid(), ${old}, ${agency.id}, ${creator.id}, '2019-05-11T02:00:00Z', 'returned',
           NULL, NULL, NULL, ${SECRET.returnReason}),
          (gen_random_uuid(), ${draftOnly}, ${agency.id}, ${creator.id}, '2026-11-26T02:00:00Z', 'placed',
           '2026-11-27T02:00:00Z', ${draft.id}, 1, NULL)`,
  );
  await db.execute(
    sql`UPDATE legal_documents SET gazette_issue_id = ${issue.id}, gazette_date = '2019-05-20' WHERE id = ${replacing}`,
  );
  return {
    agencyId: agency.id,
    creatorId: creator.id,
    issuerId: issuer.id,
    docs: { old, replacing, amending, decree, notYet, draftOnly },
    fileId: file.id,
    fileText,
    issue: { year: 2019, from: 15, to: 16, pdf: issuePdf },
  };
}
