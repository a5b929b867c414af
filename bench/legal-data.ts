import type pg from 'pg';

/**
 * The legal benchmark's data, written with set-based SQL on top of the demo province: `docs` legal
 * documents (central laws, decrees, circulars and the province's own resolutions and decisions) over
 * 26 years, with realistic numbers ("14/2019/QĐ-UBND"), Vietnamese titles, summaries and a short full
 * text, and `relations` typed links between them (căn cứ, dẫn chiếu, hướng dẫn, sửa đổi, thay thế,
 * bãi bỏ, đình chỉ…) in the shares a real base has. A relation always points from a later document
 * to an earlier one, so no replacement cycle can exist. Every attribute is a hash of the row number:
 * the load is deterministic. Secondary indexes are dropped before the load and rebuilt after it.
 */
export interface LegalDataset {
  documents: number;
  relations: number;
  issuers: number;
  /** Some loaded documents, for the document pages: ids spread over the table. */
  sampleIds: string[];
  /** The numbers of some documents ("14/2019/QĐ-UBND"), for the number searches. */
  sampleNumbers: string[];
  /** A date after the import, for recomputing every status. */
  asOf: string;
  seconds: number;
}

/** The types with the abbreviation of their notation and the issuers that sign them. */
const TYPES: { code: string; word: string; abbr: string; issuers: string[]; share: number }[] = [
  { code: 'luat', word: 'Luật', abbr: 'QH', issuers: ['quoc_hoi'], share: 2 },
  { code: 'nghi_quyet_qh', word: 'Nghị quyết', abbr: 'QH', issuers: ['quoc_hoi'], share: 1 },
  { code: 'nghi_dinh', word: 'Nghị định', abbr: 'NĐ-CP', issuers: ['chinh_phu'], share: 10 },
  { code: 'nghi_quyet_cp', word: 'Nghị quyết', abbr: 'NQ-CP', issuers: ['chinh_phu'], share: 2 },
  { code: 'quyet_dinh_ttg', word: 'Quyết định', abbr: 'QĐ-TTg', issuers: ['thu_tuong'], share: 6 },
  {
    code: 'thong_tu',
    word: 'Thông tư',
    abbr: 'TT',
    issuers: ['bo_tai_chinh', 'bo_noi_vu', 'bo_tu_phap', 'bo_xay_dung', 'bo_y_te', 'bo_cong_thuong'],
    share: 24,
  },
  { code: 'nghi_quyet_hdnd', word: 'Nghị quyết', abbr: 'NQ-HĐND', issuers: ['bench_hdnd_tinh'], share: 12 },
  { code: 'quyet_dinh_ubnd', word: 'Quyết định', abbr: 'QĐ-UBND', issuers: ['bench_ubnd_tinh'], share: 38 },
  {
    code: 'quyet_dinh_ct_ubnd',
    word: 'Quyết định',
    abbr: 'QĐ-CT',
    issuers: ['bench_ct_ubnd_tinh'],
    share: 5,
  },
];

const ISSUER_ABBR: Record<string, string> = {
  bo_tai_chinh: 'BTC',
  bo_noi_vu: 'BNV',
  bo_tu_phap: 'BTP',
  bo_xay_dung: 'BXD',
  bo_y_te: 'BYT',
  bo_cong_thuong: 'BCT',
};

const SUBJECTS = [
  'quản lý đất đai',
  'bồi thường, hỗ trợ và tái định cư khi Nhà nước thu hồi đất',
  'phân cấp quản lý nhà nước về giao thông',
  'giá dịch vụ sử dụng đò, phà',
  'phí thẩm định hồ sơ cấp giấy chứng nhận quyền sử dụng đất',
  'chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tư pháp',
  'quản lý chất thải rắn sinh hoạt',
  'hỗ trợ phát triển hợp tác xã nông nghiệp',
  'mức chi bảo đảm cho công tác cải cách hành chính',
  'quản lý, vận hành hệ thống thông tin giải quyết thủ tục hành chính',
  'tiêu chuẩn, định mức sử dụng xe ô tô chuyên dùng',
  'công tác văn thư, lưu trữ',
  'bảng giá đất giai đoạn 2020 - 2024',
  'hạn mức giao đất ở tại nông thôn',
  'khuyến khích đầu tư vào nông nghiệp, nông thôn',
  'phòng, chống thiên tai và tìm kiếm cứu nạn',
  'học phí đối với cơ sở giáo dục mầm non, phổ thông công lập',
  'chế độ dinh dưỡng đối với vận động viên, huấn luyện viên thể thao',
  'quản lý cụm công nghiệp',
  'phối hợp quản lý nhà nước về an toàn thực phẩm',
];

const OPENINGS = [
  'ban hành Quy định về',
  'quy định chi tiết một số điều về',
  'sửa đổi, bổ sung một số điều của Quy định về',
  'thay thế Quyết định quy định về',
  'bãi bỏ văn bản quy định về',
  'hướng dẫn thực hiện',
  'quy định',
];

const SCOPES = ['Toàn quốc', 'Tỉnh Vĩnh Long'];
const SECTORS = [
  'Tài chính',
  'Tư pháp',
  'Nội vụ',
  'Tài nguyên và Môi trường',
  'Giao thông',
  'Giáo dục',
  'Y tế',
];

/** Relation kinds with their share per thousand (most links only cite or base on another). */
const KINDS: [string, number][] = [
  ['based_on', 400],
  ['cites', 200],
  ['guides', 100],
  ['amends', 80],
  ['supplements', 40],
  ['replaces', 30],
  ['repeals', 20],
  ['partly_repeals', 30],
  ['suspends', 5],
  ['partly_suspends', 5],
  ['halts', 5],
  ['consolidates', 10],
  ['corrects', 15],
  ['related', 60],
];

/** Marks the generated rows (legal_documents.import_batch_id), apart from the records demo's. */
const BENCH_BATCH = '0190be2c-0000-7000-8000-00000000b1e6';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: string[]) => `ARRAY[${xs.map(lit).join(',')}]::text[]`;

/** A CASE that picks from cumulative shares by `h % total`. */
function pick(h: string, items: [string, number][]): string {
  const total = items.reduce((a, [, n]) => a + n, 0);
  let acc = 0;
  const whens = items.map(([v, n]) => {
    acc += n;
    return `WHEN (${h}) % ${total} < ${acc} THEN ${lit(v)}`;
  });
  return `CASE ${whens.join(' ')} END`;
}

export async function loadLegal(
  db: pg.Client,
  o: { docs: number; relations: number; log?: (line: string) => void },
): Promise<LegalDataset> {
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const t0 = performance.now();
  const q = async <T>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows as T[];
  const [agency] = await q<{ id: string }>(
    `SELECT id FROM agencies WHERE kind = 'province' ORDER BY created_at LIMIT 1`,
  );
  if (!agency) throw new Error('no province agency: run seed-demo first');
  // The province's own issuing bodies (the records demo may have added its own under other codes).
  await q(
    `INSERT INTO legal_issuers (id, code, name, level, agency_id, sort_order) VALUES
       (gen_random_uuid(), 'bench_hdnd_tinh', 'Hội đồng nhân dân tỉnh Vĩnh Long (bench)', 'local', $1, 100),
       (gen_random_uuid(), 'bench_ubnd_tinh', 'Ủy ban nhân dân tỉnh Vĩnh Long (bench)', 'local', $1, 101),
       (gen_random_uuid(), 'bench_ct_ubnd_tinh', 'Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long (bench)', 'local', $1, 102)
     ON CONFLICT DO NOTHING`,
    [agency.id],
  );
  const indexes = await q<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename IN ('legal_documents', 'legal_relations')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        -- Kept during the load: ON CONFLICT skips duplicate links through it.
        AND i.indexname <> 'legal_relations_uq'
      ORDER BY i.indexname`,
  );
  for (const ix of indexes) await q(`DROP INDEX ${ix.indexname}`);

  // One row per type share, so `type_slot` picks a type in proportion to its share.
  const slots: string[] = [];
  TYPES.forEach((t, i) => {
    for (let k = 0; k < t.share; k++) slots.push(String(i));
  });
  await q(
    `CREATE TEMP TABLE bench_types (i int PRIMARY KEY, code text, word text, abbr text, issuers text[])`,
  );
  for (const [i, t] of TYPES.entries())
    await q(`INSERT INTO bench_types VALUES ($1, $2, $3, $4, $5)`, [i, t.code, t.word, t.abbr, t.issuers]);
  await q(`CREATE TEMP TABLE bench_issuer_abbr (code text PRIMARY KEY, abbr text)`);
  for (const [code, abbr] of Object.entries(ISSUER_ABBR))
    await q(`INSERT INTO bench_issuer_abbr VALUES ($1, $2)`, [code, abbr]);

  await q(`SET session_replication_role = replica`);
  const batch = 50_000;
  for (let from = 1; from <= o.docs; from += batch) {
    const to = Math.min(o.docs, from + batch - 1);
    // Rows go in in the order of their issue: 26 yearly blocks of `block` rows, numbered 1, 2, 3 …
    // within the year ((number, year) is unique per n), as a base built over the years (or an export
    // sorted by date) lies on disk.
    await q(
      `WITH g AS (
         SELECT n, abs(hashtext(n::text || ':h')) AS h, abs(hashtext(n::text || ':k')) AS k,
                2000 + (n - 1) / $4::int AS yr, (n - 1) % $4::int + 1 AS num,
                ((n - 1) % $4::int) * 365 / $4::int AS day_of_year,
                (${arr(slots)})[1 + abs(hashtext(n::text || ':t')) % ${slots.length}]::int AS ti
           FROM generate_series($1::int, $2::int) n),
       d AS (
         SELECT g.*, t.code AS type_code, t.abbr, t.word,
                t.issuers[1 + g.k % cardinality(t.issuers)] AS issuer_code,
                make_date(g.yr, 1, 1) + g.day_of_year AS issued
           FROM g JOIN bench_types t ON t.i = g.ti)
       INSERT INTO legal_documents (id, agency_id, origin, number_notation, type_code, issuer_id, signer_name,
              signer_title, title, issued_date, effective_from, effective_to, scope, sector, field_code,
              gazette_source, gazette_date, summary, full_text, text_source, status_now, updated_at, created_at,
              import_batch_id)
       SELECT gen_random_uuid(), $3::uuid,
              CASE WHEN d.issuer_code LIKE 'bench_%' THEN 'local' ELSE 'central' END,
              d.num || '/' || d.yr || '/' ||
                CASE WHEN d.abbr = 'TT' THEN 'TT-' || coalesce(a.abbr, 'BTC') ELSE d.abbr END,
              d.type_code, i.id,
              (${arr(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Minh Đức', 'Võ Thị Hồng'])})[1 + d.h % 5],
              (${arr(['Chủ tịch', 'KT. Chủ tịch - Phó Chủ tịch', 'Bộ trưởng', 'KT. Bộ trưởng - Thứ trưởng', 'Thủ tướng'])})[1 + d.k % 5],
              d.word || ' ' ||
                (${arr(OPENINGS)})[1 + d.h % ${OPENINGS.length}] || ' ' ||
                (${arr(SUBJECTS)})[1 + d.k % ${SUBJECTS.length}] ||
                CASE WHEN d.issuer_code LIKE 'bench_%' THEN ' trên địa bàn tỉnh Vĩnh Long' ELSE '' END,
              d.issued, d.issued + (10 + d.h % 36), 
              CASE WHEN d.k % 20 = 0 THEN d.issued + 400 + d.h % 1500 END,
              (${arr(SCOPES)})[CASE WHEN d.issuer_code LIKE 'bench_%' THEN 2 ELSE 1 END],
              (${arr(SECTORS)})[1 + d.h % ${SECTORS.length}], 1 + d.k % 27,
              CASE WHEN d.issuer_code NOT LIKE 'bench_%' THEN 'Công báo số ' || (1 + d.h % 1200) || ', năm ' || d.yr END,
              CASE WHEN d.issuer_code NOT LIKE 'bench_%' THEN d.issued + 7 END,
              'Văn bản quy định về ' || (${arr(SUBJECTS)})[1 + d.k % ${SUBJECTS.length}] ||
                '; áp dụng đối với cơ quan, tổ chức, cá nhân có liên quan.',
              'Điều 1. Phạm vi điều chỉnh. Văn bản này quy định về ' || (${arr(SUBJECTS)})[1 + d.k % ${SUBJECTS.length}] ||
                '. Điều 2. Đối tượng áp dụng: các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố và tổ chức, cá nhân có liên quan. ' ||
                'Điều 3. Hiệu lực thi hành. Chánh Văn phòng, Giám đốc các sở và Thủ trưởng các cơ quan chịu trách nhiệm thi hành.',
              'entered', 'in_force', now(), now(), $5::uuid
         FROM d JOIN legal_issuers i ON i.code = d.issuer_code
         LEFT JOIN bench_issuer_abbr a ON a.code = d.issuer_code`,
      [from, to, agency.id, Math.ceil(o.docs / 26), BENCH_BATCH],
    );
    log(`  ${to.toLocaleString('en')} / ${o.docs.toLocaleString('en')} legal documents`);
  }
  // A generated number the records demo already uses for the same body (e.g. 28/2018/QĐ-TTg): the
  // demo's row stays, the generated one goes (the unique index is rebuilt at the end).
  await q(
    `DELETE FROM legal_documents d
      WHERE d.import_batch_id = $1::uuid AND EXISTS (
        SELECT 1 FROM legal_documents e
         WHERE e.import_batch_id IS DISTINCT FROM $1::uuid AND e.number_norm = d.number_norm AND e.issuer_id = d.issuer_id)`,
    [BENCH_BATCH],
  );
  // Documents in the order of their issue date: a relation goes from a later one to an earlier one.
  await q(
    `CREATE TEMP TABLE bench_order AS
       SELECT row_number() OVER (ORDER BY issued_date, id)::int AS r, id, effective_from FROM legal_documents`,
  );
  await q(`ALTER TABLE bench_order ADD PRIMARY KEY (r)`);
  const [{ n: docs } = { n: 0 }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM bench_order`);
  const kindCase = pick('x.hk', KINDS);
  const perBatch = 200_000;
  // A few percent more than asked: duplicates (same source, kind, target) are skipped.
  const want = Math.ceil(o.relations * 1.01);
  for (let from = 1; from <= want; from += perBatch) {
    const to = Math.min(want, from + perBatch - 1);
    await q(
      `WITH x AS (
         SELECT m, 2 + abs(hashtext(m::text || ':s')) % ($3::int - 1) AS sr,
                abs(hashtext(m::text || ':d')) AS hd, abs(hashtext(m::text || ':k')) AS hk
           FROM generate_series($1::int, $2::int) m),
       y AS (
         SELECT x.*, ${kindCase} AS kind,
                -- Most links point to a document of the last few years before the source.
                greatest(1, x.sr - 1 - x.hd % least(x.sr - 1, CASE WHEN x.hd % 10 = 0 THEN 200000 ELSE 20000 END)) AS tr
           FROM x)
       INSERT INTO legal_relations (id, source_id, target_id, kind, articles, effective_date, ends_on, created_at)
       SELECT gen_random_uuid(), s.id, t.id, y.kind,
              CASE WHEN y.kind IN ('amends', 'partly_repeals', 'partly_suspends') THEN 'Điều ' || (1 + y.hd % 30) END,
              NULL,
              CASE WHEN y.kind IN ('suspends', 'partly_suspends', 'halts') AND y.hk % 2 = 0
                   THEN s.effective_from + 180 + y.hd % 400 END,
              now()
         FROM y JOIN bench_order s ON s.r = y.sr JOIN bench_order t ON t.r = y.tr
        WHERE s.id <> t.id
       ON CONFLICT DO NOTHING`,
      [from, to, docs],
    );
    log(`  ${to.toLocaleString('en')} / ${want.toLocaleString('en')} relations generated`);
  }
  await q(`SET session_replication_role = origin`);
  // Trim to exactly the number asked (if more went in).
  await q(
    `DELETE FROM legal_relations WHERE id IN (
       SELECT id FROM legal_relations ORDER BY id OFFSET $1)`,
    [o.relations],
  );
  await q(`SET maintenance_work_mem = '512MB'`);
  for (const ix of indexes) await q(ix.indexdef);
  log(`  rebuilt ${indexes.length} indexes`);
  await q(`VACUUM (ANALYZE) legal_documents`);
  await q(`VACUUM (ANALYZE) legal_relations`);
  await q(`CHECKPOINT`);
  const [counts] = await q<{ d: number; r: number; i: number }>(
    `SELECT (SELECT count(*) FROM legal_documents)::int AS d, (SELECT count(*) FROM legal_relations)::int AS r,
            (SELECT count(*) FROM legal_issuers)::int AS i`,
  );
  const sample = await q<{ id: string; number_notation: string }>(
    `SELECT id, number_notation FROM legal_documents TABLESAMPLE SYSTEM (10) REPEATABLE (7) LIMIT 20000`,
  );
  return {
    documents: counts!.d,
    relations: counts!.r,
    issuers: counts!.i,
    sampleIds: sample.map((s) => s.id),
    sampleNumbers: sample.slice(0, 100).map((s) => s.number_notation),
    asOf: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    seconds: (performance.now() - t0) / 1000,
  };
}
