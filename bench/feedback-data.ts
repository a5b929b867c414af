import type pg from 'pg';

/*
 * The feedback benchmark's volume (issue 19): one agency's register of 100,000 items, received over
 * the past year in time order (as the form and the desk write them), with the mix of kinds, channels
 * and statuses an agency sees: recent items mostly open, older ones mostly settled, a few left open
 * past their limits (overdue), some forwarded to another agency and some forwarded here. Written by
 * PostgreSQL itself (one generate_series statement: items and their sealed identities), so loading
 * takes seconds. Every identity holds the same sealed text (made once with the server's key), so the
 * register opens a real identity on every row it shows.
 */

export interface FeedbackData {
  items: number;
  loadSeconds: number;
  /** Items of the agency's register that are open (received, accepted) and past their limit. */
  open: number;
  overdue: number;
  /** The words searched (q), and how many of the register's items each matches. */
  words: { q: string; matches: number }[];
}

/** Subjects (tóm tắt) of the register, one in SUBJECTS.length items each. */
const SUBJECTS = [
  'Phản ánh việc chậm cấp giấy chứng nhận quyền sử dụng đất',
  'Kiến nghị sửa đổi quy định về tuyển dụng viên chức',
  'Khiếu nại quyết định thu hồi đất và bồi thường',
  'Phản ánh tiếng ồn của cơ sở kinh doanh karaoke ban đêm',
  'Kiến nghị về thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ',
  'Tố cáo cán bộ có hành vi gây phiền hà, sách nhiễu',
  'Phản ánh tình trạng ngập úng tại khu dân cư',
  'Kiến nghị hỗ trợ học phí cho học sinh vùng khó khăn',
  'Khiếu nại kết quả thi tuyển công chức cấp xã',
  'Phản ánh về chất lượng nước sinh hoạt',
  'Kiến nghị điều chỉnh chế độ phụ cấp cho cán bộ không chuyên trách',
  'Phản ánh việc lấn chiếm vỉa hè, lòng đường',
  'Tố cáo hành vi xây dựng trái phép trên đất nông nghiệp',
  'Kiến nghị công khai quy hoạch sử dụng đất',
  'Phản ánh chậm giải quyết hồ sơ đăng ký hộ kinh doanh',
  'Khiếu nại việc xử phạt vi phạm hành chính về môi trường',
  'Phản ánh ô nhiễm khói bụi từ nhà máy gạch',
  'Kiến nghị về thời gian làm việc của bộ phận một cửa',
  'Phản ánh thái độ phục vụ của công chức tiếp nhận hồ sơ',
  'Kiến nghị bố trí đèn chiếu sáng đường liên thôn',
];

const FIELDS = [
  'Đất đai',
  'Nội vụ',
  'Xây dựng',
  'Môi trường',
  'Giáo dục',
  'Giao thông',
  'Y tế',
  'Kinh tế',
  'Lao động',
  null,
];

const SENTENCES = [
  'Gia đình tôi đã nộp hồ sơ từ nhiều tháng trước nhưng đến nay chưa nhận được kết quả.',
  'Đề nghị cơ quan có thẩm quyền xem xét, giải quyết dứt điểm và trả lời bằng văn bản.',
  'Việc này ảnh hưởng đến đời sống của nhiều hộ dân trong khu phố.',
  'Tôi đã nhiều lần liên hệ với bộ phận tiếp nhận nhưng chưa được hướng dẫn cụ thể.',
  'Kính đề nghị kiểm tra, làm rõ và xử lý theo quy định của pháp luật.',
  'Kèm theo đơn là bản sao các giấy tờ liên quan.',
  'Người dân mong muốn được công khai kết quả xử lý.',
];

/** Searches of the bench (no diacritics, as people type): common, middling and rare words. */
export const WORDS = ['dat', 'vien chuc', 'giay phep xay dung', 'tieng on', 'o nhiem khoi bui', 'karaoke'];

export async function loadFeedback(
  db: pg.Client,
  o: { agencyId: string; otherAgencyIds: string[]; sealed: string; items?: number },
): Promise<FeedbackData> {
  const total = o.items ?? 100_000;
  const t = performance.now();
  // h(g, salt): a hash in 0..99 per row and attribute, so the mix is spread, not striped.
  // Age in days: row 1 a year ago, the last row now (time order, as the app writes them).
  await db.query(
    `WITH p AS (
       SELECT $1::uuid AS agency, $2::uuid[] AS others, $3::text AS sealed, $4::int AS n,
              $5::text[] AS subjects, $6::text[] AS fields, $7::text[] AS sentences, now() AS now
     ), g AS (
       SELECT g,
         p.now - (p.n - g) * (interval '365 days' / p.n) AS received,
         (p.n - g) * 365.0 / p.n AS age,
         abs(hashint4(g)::bigint) % 100 AS hk, abs(hashint4(g + 7000000)::bigint) % 100 AS hs,
         abs(hashint4(g + 14000000)::bigint) % 100 AS hc, abs(hashint4(g + 21000000)::bigint) % 100 AS hf,
         abs(hashint4(g + 28000000)::bigint) AS hx
       FROM p, generate_series(1, (SELECT n FROM p)) g
     ), a AS (
       SELECT g.*,
         CASE WHEN hk < 35 THEN 'regulation' WHEN hk < 55 THEN 'proposal' WHEN hk < 82 THEN 'complaint'
              ELSE 'denunciation' END AS declared,
         CASE
           WHEN age < 7 THEN CASE WHEN hs < 50 THEN 'received' WHEN hs < 85 THEN 'accepted' WHEN hs < 95 THEN 'settled' ELSE 'refused' END
           WHEN age < 60 THEN CASE WHEN hs < 5 THEN 'received' WHEN hs < 50 THEN 'accepted' WHEN hs < 95 THEN 'settled' WHEN hs < 98 THEN 'refused' ELSE 'duplicate' END
           ELSE CASE WHEN hs < 1 THEN 'received' WHEN hs < 4 THEN 'accepted' WHEN hs < 94 THEN 'settled' WHEN hs < 98 THEN 'refused' ELSE 'duplicate' END
         END AS status
       FROM g
     ), b AS (
       SELECT a.*,
         CASE WHEN status = 'received' AND age < 7 THEN 'unclassified'
              WHEN status = 'refused' AND hf < 40 THEN 'out_of_scope'
              ELSE declared END AS kind,
         CASE WHEN status IN ('accepted', 'settled') THEN received + interval '3 days' END AS accepted
       FROM a
     ), items AS (
       INSERT INTO feedback_items (id, code, received_agency_id, agency_id, forward_path, kind, declared_kind,
         channel, status, sender_kind, subject, content, field, received_at, classify_due_at, accepted_at,
         settle_due_at, settled_at, result, publish_consent, secret_hash, created_at, updated_at)
       SELECT gen_random_uuid(), 'BENCH-PA-' || b.g,
         CASE WHEN hf >= 97 THEN p.others[1 + hx % array_length(p.others, 1)] ELSE p.agency END,
         CASE WHEN hf < 5 THEN p.others[1 + hx % array_length(p.others, 1)] ELSE p.agency END,
         CASE WHEN hf < 5 THEN ARRAY[p.agency] WHEN hf >= 97 THEN ARRAY[p.others[1 + hx % array_length(p.others, 1)]]
              ELSE '{}'::uuid[] END,
         kind, declared,
         CASE WHEN hc < 60 THEN 'online' WHEN hc < 85 THEN 'desk' ELSE 'post' END,
         status,
         CASE WHEN hc % 10 < 8 THEN 'citizen' WHEN hc % 10 = 8 THEN 'business' ELSE 'organisation' END,
         p.subjects[1 + hx % array_length(p.subjects, 1)] || ' (' || b.g || ')',
         p.sentences[1 + hx % 7] || ' ' || p.subjects[1 + hx % array_length(p.subjects, 1)] || '. '
           || p.sentences[1 + (hx / 7) % 7] || ' ' || p.sentences[1 + (hx / 49) % 7],
         p.fields[1 + hf % array_length(p.fields, 1)],
         received,
         received + CASE WHEN declared = 'complaint' THEN interval '10 days' ELSE interval '7 days' END,
         accepted,
         accepted + CASE WHEN declared IN ('complaint', 'denunciation') THEN interval '30 days' ELSE interval '21 days' END,
         CASE WHEN status = 'settled' THEN least(p.now - interval '1 hour', accepted + (5 + hx % 30) * interval '1 day')
              WHEN status IN ('refused', 'duplicate') THEN received + interval '2 days' END,
         CASE WHEN status = 'settled' THEN 'Đã trả lời công dân bằng văn bản.'
              WHEN status = 'refused' THEN 'Không thuộc thẩm quyền, đã hướng dẫn công dân.'
              WHEN status = 'duplicate' THEN 'Trùng nội dung với đơn đã nhận.' END,
         hf % 3 = 0, 'bench', received, received
       FROM b, p
       RETURNING id
     )
     INSERT INTO feedback_identities (item_id, sealed) SELECT items.id, p.sealed FROM items, p`,
    [o.agencyId, o.otherAgencyIds, o.sealed, total, SUBJECTS, FIELDS, SENTENCES],
  );
  await db.query('ANALYZE feedback_items');
  await db.query('ANALYZE feedback_identities');
  const loadSeconds = (performance.now() - t) / 1000;
  const counts = (
    await db.query(
      `SELECT count(*) FILTER (WHERE status IN ('received', 'accepted'))::int AS open,
              count(*) FILTER (WHERE (status = 'received' AND classify_due_at < now())
                                  OR (status = 'accepted' AND settle_due_at < now()))::int AS overdue
         FROM feedback_items WHERE agency_id = $1`,
      [o.agencyId],
    )
  ).rows[0] as { open: number; overdue: number };
  const words: { q: string; matches: number }[] = [];
  for (const q of WORDS) {
    const r = await db.query(
      `SELECT count(*)::int AS n FROM feedback_items
        WHERE (agency_id = $1 OR received_agency_id = $1) AND search_vector @@ to_tsquery('simple', $2)`,
      [
        o.agencyId,
        q
          .split(' ')
          .map((w) => `${w}:*`)
          .join(' & '),
      ],
    );
    words.push({ q, matches: Number(r.rows[0].n) });
  }
  return { items: total, loadSeconds, open: counts.open, overdue: counts.overdue, words };
}
