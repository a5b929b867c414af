/**
 * Test data for the documents benchmark, written straight into the database with SQL (both
 * PostgreSQL and PGlite): staff for every agency of the demo province, registers, then documents in
 * batches of `INSERT … SELECT generate_series`, with their assignments, readers and register
 * counters kept consistent with what the application itself would have written:
 * - arrival numbers (incoming) and numbers (outgoing) run 1, 2, 3 … per register and calendar year
 *   (Vietnam time), in the order the documents were created, and register_counters holds the last one,
 *   so registrations through the API afterwards continue the series without a clash;
 * - the registering clerk, the leader the document went to and every person it was assigned to are
 *   named in document_readers (incoming.ts: registerIncoming, submit, direct, reassign);
 * - a division assignment handed down to a person is a child row (parent_id), as reassign() writes.
 * Generated columns (search_vector, number_norm) are left to the database.
 */

/** Raw SQL with positional parameters: `Database.query` of src/server/db/client.ts, or a pg client. */
export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface BenchPerson {
  id: string;
  username: string;
}

export interface BenchOfficer extends BenchPerson {
  divisionId: string | null;
}

export interface BenchAgency {
  /** 1-based position in the arrays handed to SQL. */
  idx: number;
  id: string;
  kind: string;
  name: string;
  shortName: string;
  agencyCode: string | null;
  /** Relative share of the documents (the province office receives most). */
  weight: number;
  clerk: BenchPerson;
  leader: BenchPerson;
  /** The first officer gets the most work (picks are skewed towards the start of the list). */
  officers: BenchOfficer[];
  inRegister: string;
  outRegister: string;
  outSecretRegister: string;
}

const WEIGHT: Record<string, number> = { province: 8, department: 3, district: 3, commune: 1 };

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Trương', 'Đặng', 'Bùi', 'Lữ', 'Đỗ'];
const MIDDLES = ['Văn', 'Thị', 'Minh', 'Quốc', 'Ngọc', 'Thanh', 'Hoàng', 'Đức', 'Kim', 'Hữu'];
const GIVENS = ['An', 'Bình', 'Châu', 'Dũng', 'Đạt', 'Hạnh', 'Khoa', 'Lan', 'Minh', 'Ngời', 'Phúc', 'Quyên'];

/** Trích yếu = action + subject (+ scope). */
export const ACTIONS = [
  'Về việc triển khai thực hiện',
  'Về việc ban hành kế hoạch',
  'Về việc tăng cường công tác',
  'Về việc báo cáo kết quả thực hiện',
  'Về việc phê duyệt đề án',
  'Hướng dẫn thực hiện',
  'Về việc đề nghị góp ý dự thảo quyết định về',
  'Về việc tổ chức hội nghị sơ kết',
  'Về việc kiểm tra',
  'Quy định về',
  'Về việc giao chỉ tiêu',
  'Về việc điều chỉnh kế hoạch',
  'Về việc bổ sung kinh phí thực hiện',
  'Về việc cử cán bộ tham dự tập huấn',
  'Về việc thành lập Ban Chỉ đạo',
  'Về việc kiện toàn Tổ công tác',
  'Ban hành Quy chế',
  'Về việc chấn chỉnh',
  'Về việc khen thưởng thành tích',
  'Về việc đôn đốc thực hiện',
  'Mời họp bàn về',
  'Về việc sửa đổi, bổ sung quyết định về',
];

export const SUBJECTS = [
  'công tác cải cách hành chính',
  'chuyển đổi số',
  'xây dựng nông thôn mới',
  'phòng, chống dịch COVID-19',
  'quản lý đất đai',
  'bảo đảm trật tự an toàn giao thông',
  'phòng cháy, chữa cháy',
  'công tác thi đua, khen thưởng',
  'tuyển dụng viên chức',
  'dự toán ngân sách nhà nước',
  'giải quyết khiếu nại, tố cáo',
  'phòng, chống tham nhũng',
  'bảo vệ môi trường',
  'giao đất, cho thuê đất',
  'kế hoạch đầu tư công trung hạn',
  'Chương trình mục tiêu quốc gia giảm nghèo bền vững',
  'cung cấp dịch vụ công trực tuyến',
  'quản lý văn bản và điều hành',
  'phòng, chống thiên tai và tìm kiếm cứu nạn',
  'bảo hiểm xã hội, bảo hiểm y tế',
  'bảo đảm an toàn thông tin mạng',
  'giáo dục và đào tạo',
  'chăm sóc sức khỏe nhân dân',
  'xây dựng chính quyền điện tử',
  'tinh giản biên chế',
  'quy hoạch sử dụng đất',
  'sắp xếp đơn vị hành chính cấp xã',
  'phổ biến, giáo dục pháp luật',
  'vệ sinh an toàn thực phẩm',
  'hỗ trợ doanh nghiệp nhỏ và vừa',
  'giảm văn bản, giấy tờ hành chính',
  'thực hành tiết kiệm, chống lãng phí',
];

export const SCOPES = [
  'trên địa bàn tỉnh Vĩnh Long',
  'tại các cơ quan, đơn vị',
  'giai đoạn 2021 - 2025',
  'năm 2024',
  '6 tháng đầu năm',
  'quý III',
  'theo Chỉ thị số 10/2006/CT-TTg của Thủ tướng Chính phủ',
  'theo Quyết định số 749/QĐ-TTg của Thủ tướng Chính phủ',
  'của Ủy ban nhân dân tỉnh',
  'trên địa bàn huyện Long Hồ',
  'trong tình hình mới',
  'đợt 2',
  'tại xã Phước Hậu',
  'theo Nghị định số 30/2020/NĐ-CP',
  'năm học 2023 - 2024',
  'theo Kế hoạch số 125/KH-UBND',
];

export const ISSUERS: [name: string, code: string][] = [
  ['Thủ tướng Chính phủ', 'TTg'],
  ['Văn phòng Chính phủ', 'VPCP'],
  ['Bộ Nội vụ', 'BNV'],
  ['Bộ Tài chính', 'BTC'],
  ['Bộ Thông tin và Truyền thông', 'BTTTT'],
  ['Bộ Kế hoạch và Đầu tư', 'BKHĐT'],
  ['Tỉnh ủy Vĩnh Long', 'TU'],
  ['Hội đồng nhân dân tỉnh Vĩnh Long', 'HĐND'],
  ['Ủy ban nhân dân tỉnh Vĩnh Long', 'UBND'],
  ['Ủy ban nhân dân tỉnh Vĩnh Long', 'UBND'],
  ['Ủy ban nhân dân tỉnh Vĩnh Long', 'UBND'],
  ['Sở Nội vụ', 'SNV'],
  ['Sở Tài chính', 'STC'],
  ['Sở Kế hoạch và Đầu tư', 'SKHĐT'],
  ['Sở Thông tin và Truyền thông', 'STTTT'],
  ['Sở Tài nguyên và Môi trường', 'STNMT'],
  ['Ủy ban nhân dân huyện Long Hồ', 'UBND'],
  ['Ủy ban nhân dân thành phố Vĩnh Long', 'UBND'],
  ['Bảo hiểm xã hội tỉnh Vĩnh Long', 'BHXH'],
  ['Công an tỉnh Vĩnh Long', 'CAT'],
  ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'MTTQ'],
  ['Sở Y tế', 'SYT'],
];

/** Document types with their share in percent and Decree 30 abbreviation (null: công văn style notation). */
export const TYPES: [code: string, share: number, abbr: string | null][] = [
  ['cong_van', 40, null],
  ['quyet_dinh', 14, 'QĐ'],
  ['ke_hoach', 9, 'KH'],
  ['thong_bao', 9, 'TB'],
  ['bao_cao', 8, 'BC'],
  ['giay_moi', 7, 'GM'],
  ['to_trinh', 3, 'TTr'],
  ['huong_dan', 3, 'HD'],
  ['chi_thi', 2, 'CT'],
  ['nghi_quyet', 2, 'NQ'],
  ['chuong_trinh', 1, 'CTr'],
  ['quy_che', 1, 'QC'],
  ['cong_dien', 1, 'CĐ'],
];

/** A PostgreSQL array literal (text form) for a parameter cast with `$n::text[]` / `::uuid[]` / `::int[]`. */
export function pgArray(values: readonly (string | number | null)[]): string {
  return `{${values
    .map((v) =>
      v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/[\\"]/g, '\\$&')}"`,
    )
    .join(',')}}`;
}

/** SQL with `{name}` placeholders → positional text and values (only the names it uses). */
function named(text: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const out = text.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {${name}}`);
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return [out, order.map((n) => values[n])];
}

/** A time-ordered UUID (v7 layout: 48-bit Unix milliseconds, then random bits), like the app's ids. */
function uuid7(ts: string): string {
  return `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from ${ts}) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;
}

/**
 * Gives every non-division agency of the demo province a clerk, a leader (the demo ones where they
 * exist) and officers spread over its divisions, plus its three registers. All bench accounts share
 * the demo password (the hash of `quantri` is copied).
 */
export async function prepareStaff(q: Query, opts: { officersPerAgency: number }): Promise<BenchAgency[]> {
  const ags = await q<{
    id: string;
    kind: string;
    name: string;
    short_name: string;
    agency_code: string | null;
  }>(
    `SELECT id, kind, name, short_name, agency_code FROM agencies
      WHERE kind <> 'division' AND status = 'active' ORDER BY sort_order, id`,
  );
  const divs = await q<{ id: string; parent_id: string }>(
    `SELECT id, parent_id FROM agencies WHERE kind = 'division' AND status = 'active' ORDER BY sort_order, id`,
  );
  const [{ password_hash: hash } = { password_hash: '' }] = await q<{ password_hash: string }>(
    `SELECT password_hash FROM people WHERE username = 'quantri'`,
  );
  if (!hash) throw new Error('the demo province is not loaded (no quantri account): run seed-demo first');
  // Existing single-position clerks and leaders of the demo (their primary position).
  const existing = await q<{ agency_id: string; role: string; person_id: string; username: string }>(
    `SELECT DISTINCT ON (po.agency_id, po.role) po.agency_id, po.role, po.person_id, p.username
       FROM positions po JOIN people p ON p.id = po.person_id
      WHERE po.ended_at IS NULL AND po.is_primary AND po.role IN ('clerk', 'agency_leader')
      ORDER BY po.agency_id, po.role, po.created_at`,
  );
  const found = new Map(
    existing.map((e) => [`${e.agency_id}:${e.role}`, { id: e.person_id, username: e.username }]),
  );
  const newPeople: {
    username: string;
    name: string;
    agencyId: string;
    divisionId: string | null;
    role: string;
    title: string;
  }[] = [];
  let n = 0;
  const fullName = () => {
    n++;
    return `${SURNAMES[n % SURNAMES.length]} ${MIDDLES[(n * 7) % MIDDLES.length]} ${GIVENS[(n * 5) % GIVENS.length]}`;
  };
  ags.forEach((a, i) => {
    const idx = i + 1;
    if (!found.has(`${a.id}:clerk`))
      newPeople.push({
        username: `bench.vt.${idx}`,
        name: fullName(),
        agencyId: a.id,
        divisionId: null,
        role: 'clerk',
        title: 'Văn thư',
      });
    if (!found.has(`${a.id}:agency_leader`))
      newPeople.push({
        username: `bench.ld.${idx}`,
        name: fullName(),
        agencyId: a.id,
        divisionId: null,
        role: 'agency_leader',
        title: 'Lãnh đạo',
      });
    const own = divs.filter((d) => d.parent_id === a.id);
    const count =
      a.kind === 'commune' ? Math.max(2, Math.ceil(opts.officersPerAgency / 3)) : opts.officersPerAgency;
    for (let j = 0; j < count; j++)
      newPeople.push({
        username: `bench.cv.${idx}.${j + 1}`,
        name: fullName(),
        agencyId: a.id,
        divisionId: own.length ? own[j % own.length]!.id : null,
        role: 'officer',
        title: 'Chuyên viên',
      });
  });
  await q(
    `WITH p AS (
       INSERT INTO people (id, username, full_name, password_hash, must_change_password, email)
       SELECT gen_random_uuid(), u, f, $6, false, u || '@bench.lienthong.local'
         FROM unnest($1::text[], $2::text[]) AS x(u, f)
       -- Idempotent: a kept database (bench/scale.ts) reuses the staff of its first load.
       ON CONFLICT (username) DO NOTHING
       RETURNING id, username)
     INSERT INTO positions (id, person_id, agency_id, division_id, role, title, is_primary)
     SELECT gen_random_uuid(), p.id, x.a, x.d, x.r, x.t, true
       FROM unnest($1::text[], $3::uuid[], $4::uuid[], $5::text[], $7::text[]) AS x(u, a, d, r, t)
       JOIN p ON p.username = x.u`,
    [
      pgArray(newPeople.map((p) => p.username)),
      pgArray(newPeople.map((p) => p.name)),
      pgArray(newPeople.map((p) => p.agencyId)),
      pgArray(newPeople.map((p) => p.divisionId)),
      pgArray(newPeople.map((p) => p.role)),
      hash,
      pgArray(newPeople.map((p) => p.title)),
    ],
  );
  const staff = await q<{
    id: string;
    username: string;
    agency_id: string;
    division_id: string | null;
    role: string;
  }>(
    `SELECT p.id, p.username, po.agency_id, po.division_id, po.role FROM people p JOIN positions po ON po.person_id = p.id
      WHERE p.username LIKE 'bench.%' ORDER BY p.username`,
  );
  for (const s of staff)
    if (s.role !== 'officer') found.set(`${s.agency_id}:${s.role}`, { id: s.id, username: s.username });
  // Registers as registerFor() creates them (one per agency, direction and secrecy).
  await q(
    `INSERT INTO registers (id, agency_id, direction, secret, name)
     SELECT gen_random_uuid(), a, k.direction, k.secret, k.name
       FROM unnest($1::uuid[]) AS a
      CROSS JOIN (VALUES ('incoming', false, 'Sổ đăng ký văn bản đến'), ('outgoing', false, 'Sổ đăng ký văn bản đi'),
                         ('outgoing', true, 'Sổ đăng ký văn bản đi (mật)')) AS k(direction, secret, name)
     ON CONFLICT DO NOTHING`,
    [pgArray(ags.map((a) => a.id))],
  );
  const regs = await q<{ id: string; agency_id: string; direction: string; secret: boolean }>(
    `SELECT id, agency_id, direction, secret FROM registers`,
  );
  const reg = (agencyId: string, direction: string, secret: boolean) =>
    regs.find((r) => r.agency_id === agencyId && r.direction === direction && r.secret === secret)!.id;
  return ags.map((a, i) => {
    // Natural sort: bench.cv.3.10 after bench.cv.3.9.
    const officers = staff
      .filter((s) => s.role === 'officer' && s.agency_id === a.id)
      .sort((x, y) => Number(x.username.split('.').pop()) - Number(y.username.split('.').pop()))
      .map((s) => ({ id: s.id, username: s.username, divisionId: s.division_id }));
    return {
      idx: i + 1,
      id: a.id,
      kind: a.kind,
      name: a.name,
      shortName: a.short_name,
      agencyCode: a.agency_code,
      weight: WEIGHT[a.kind] ?? 1,
      clerk: found.get(`${a.id}:clerk`)!,
      leader: found.get(`${a.id}:agency_leader`)!,
      officers,
      inRegister: reg(a.id, 'incoming', false),
      outRegister: reg(a.id, 'outgoing', false),
      outSecretRegister: reg(a.id, 'outgoing', true),
    };
  });
}

/** The secondary indexes of the loaded tables, as the migrations created them (pg_indexes.indexdef). */
export async function secondaryIndexes(q: Query): Promise<{ name: string; def: string }[]> {
  const r = await q<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename IN ('documents', 'document_assignments', 'document_readers')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
      ORDER BY i.indexname`,
  );
  return r.map((x) => ({ name: x.indexname, def: x.indexdef }));
}

export interface LoadOptions {
  docs: number;
  batch: number;
  /** Documents are spread evenly (in time) over this many years up to now. */
  years: number;
  now: Date;
  /** Memory for index builds (PGlite has far less than a server). */
  maintenanceWorkMem: string;
  log?: (line: string) => void;
}

/**
 * Loads `docs` documents (80 % incoming, 20 % outgoing) with assignments, readers and register
 * counters, on one or more connections (`qs`: batches run in parallel, one per connection). Every
 * attribute of document g is a hash of (g, attribute), so the numbers each register hands out in a
 * batch are known before any batch runs (a cheap counting pass), and batches need not run in order.
 * Drops the secondary indexes of the three tables first and recreates them from their exact
 * definitions afterwards, then VACUUM ANALYZE and a CHECKPOINT, so measurements start from a steady
 * state. Foreign-key triggers are skipped during the load (session_replication_role = replica): every
 * reference is built from existing rows.
 */
export async function loadDocuments(qs: Query[], agencies: BenchAgency[], o: LoadOptions) {
  const q = qs[0]!;
  const log = o.log ?? (() => undefined);
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (now - t) / 1000;
    t = now;
    log(`  ${name}: ${timings[name]!.toFixed(1)} s`);
  };
  const total = agencies.reduce((s, a) => s + a.weight, 0);
  const slots: number[] = [];
  for (const a of agencies) for (let k = 0; k < Math.round((a.weight / total) * 1000); k++) slots.push(a.idx);
  while (slots.length < 1000) slots.push(agencies[0]!.idx);
  slots.length = 1000;
  const offIds: string[] = [];
  const offDivs: (string | null)[] = [];
  const offStart: number[] = [];
  const offCount: number[] = [];
  for (const a of agencies) {
    offStart.push(offIds.length + 1);
    offCount.push(a.officers.length);
    for (const of of a.officers) {
      offIds.push(of.id);
      offDivs.push(of.divisionId);
    }
  }
  const types: string[] = [];
  const abbrs: (string | null)[] = [];
  for (const [code, share, abbr] of TYPES)
    for (let k = 0; k < share; k++) {
      types.push(code);
      abbrs.push(abbr);
    }
  const t0 = o.now.getTime() / 1000 - o.years * 365.25 * 86400;
  const dt = (o.now.getTime() / 1000 - 3600 - t0) / o.docs;
  const params: Record<string, unknown> = {
    from: 0,
    to: 0,
    t0,
    dt,
    slots: pgArray(slots),
    now: o.now.toISOString(),
    ag_id: pgArray(agencies.map((a) => a.id)),
    ag_short: pgArray(agencies.map((a) => a.shortName)),
    ag_name: pgArray(agencies.map((a) => a.name)),
    ag_code: pgArray(agencies.map((a) => a.agencyCode)),
    clerk: pgArray(agencies.map((a) => a.clerk.id)),
    leader: pgArray(agencies.map((a) => a.leader.id)),
    inreg: pgArray(agencies.map((a) => a.inRegister)),
    outreg: pgArray(agencies.map((a) => a.outRegister)),
    outreg_secret: pgArray(agencies.map((a) => a.outSecretRegister)),
    off_start: pgArray(offStart),
    off_n: pgArray(offCount),
    off_id: pgArray(offIds),
    off_div: pgArray(offDivs),
    actions: pgArray(ACTIONS),
    subjects: pgArray(SUBJECTS),
    scopes: pgArray(SCOPES),
    issuers: pgArray(ISSUERS.map((x) => x[0])),
    issuer_codes: pgArray(ISSUERS.map((x) => x[1])),
    types: pgArray(types),
    abbrs: pgArray(abbrs),
    signers: pgArray(SURNAMES.flatMap((s) => GIVENS.map((g) => `${s} Văn ${g}`))),
    batch: o.batch,
    // The last number each register had given before a batch (set per batch).
    base_reg: '{}',
    base_yr: '{}',
    base_n: '{}',
  };
  const pick = (arr: string, r: string) =>
    `(${arr})[1 + floor(${r} * coalesce(array_length(${arr}, 1), 1))::int]`;
  const vnDay = (ts: string) => `((${ts} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
  const rand = [
    'r_ag',
    'r_time',
    'r_dir',
    'r_status',
    'r_old',
    'r_type',
    'r_sec',
    'r_urg',
    'r_act',
    'r_sub',
    'r_scope',
    'r_iss',
    'r_num',
    'r_form',
    'r_off',
    'r_off2',
    'r_lead',
    'r_co',
    'r_days',
    'r_due',
    'r_src',
  ];
  // Pure functions of g (immutable hashes): the chain can be inlined and pruned by the counting pass.
  const chain = `
s AS (
  SELECT g, ${rand.map((r, k) => `(hashint8extended(g::int8, ${2006 + k}) & 2147483647)::float8 / 2147483648.0 AS ${r}`).join(', ')}
    FROM generate_series({from}::int, {to}::int) AS g
), s2 AS (
  SELECT s.*, ({slots}::int[])[1 + floor(r_ag * 1000)::int] AS ai,
         to_timestamp({t0}::float8 + (g + r_time * 0.9) * {dt}::float8) AS created_at
    FROM s
), d1 AS (
  SELECT s2.*,
         CASE WHEN r_dir < 0.8 THEN 'incoming' ELSE 'outgoing' END AS direction,
         extract(year FROM (created_at AT TIME ZONE 'UTC') + interval '7 hours')::int AS yr,
         ${vnDay('created_at')} AS day,
         created_at < {now}::timestamptz - interval '365 days' AND r_old < 0.8 AS settled,
         1 + floor(r_type * 100)::int AS ti,
         ({off_start}::int[])[ai] + floor(r_off * r_off * ({off_n}::int[])[ai])::int AS oi,
         ({off_start}::int[])[ai] + floor(r_off2 * ({off_n}::int[])[ai])::int AS oi2,
         CASE WHEN r_sec < 0.08 THEN 'mat' WHEN r_sec < 0.095 THEN 'toi_mat' WHEN r_sec < 0.1 THEN 'tuyet_mat' ELSE 'normal' END AS secrecy
    FROM s2
), d AS (
  SELECT d1.*,
         CASE WHEN direction = 'incoming' THEN
           CASE WHEN r_status < 0.015 THEN 'pending' WHEN r_status < 0.02 THEN 'refused'
                WHEN settled THEN 'done'
                WHEN r_status < 0.06 THEN 'registered' WHEN r_status < 0.09 THEN 'submitted'
                WHEN r_status < 0.19 THEN 'assigned' ELSE 'done' END
         ELSE
           CASE WHEN r_status < 0.02 THEN 'recalled' WHEN settled THEN 'released'
                WHEN r_status < 0.06 THEN 'draft' WHEN r_status < 0.09 THEN 'in_review'
                WHEN r_status < 0.10 THEN 'returned' WHEN r_status < 0.12 THEN 'signed' ELSE 'released' END
         END AS status,
         ({types}::text[])[ti] AS type_code, ({abbrs}::text[])[ti] AS abbr,
         ({off_id}::uuid[])[oi] AS officer, ({off_div}::uuid[])[oi] AS officer_div, ({off_id}::uuid[])[oi2] AS officer2
    FROM d1
), e AS (
  SELECT d.*,
         CASE WHEN direction = 'incoming' AND status NOT IN ('pending', 'refused') THEN ({inreg}::uuid[])[ai]
              WHEN direction = 'outgoing' AND status IN ('released', 'recalled') THEN
                CASE WHEN secrecy = 'normal' THEN ({outreg}::uuid[])[ai] ELSE ({outreg_secret}::uuid[])[ai] END
         END AS register_id,
         direction = 'incoming' AND status IN ('assigned', 'done') AS handled,
         direction = 'incoming' AND status IN ('assigned', 'done') AND r_lead >= 0.7 AND officer_div IS NOT NULL AS via_division
    FROM d
)`;
  const countSql = `WITH ${chain}
SELECT ((g - 1) / {batch}::int)::int AS b, register_id, yr, count(*)::int AS n FROM e
 WHERE register_id IS NOT NULL GROUP BY 1, 2, 3`;
  const batchSql = `WITH ${chain}, n AS MATERIALIZED (
  SELECT e.*, ${uuid7('e.created_at')} AS id, ${uuid7("e.created_at + interval '1 hour'")} AS div_asg_id,
         CASE WHEN e.register_id IS NOT NULL THEN
           coalesce(c.base, 0) + row_number() OVER (PARTITION BY e.register_id, e.yr ORDER BY e.g) END AS num
    FROM e LEFT JOIN unnest({base_reg}::uuid[], {base_yr}::int[], {base_n}::int[]) AS c(register_id, yr, base)
      ON c.register_id = e.register_id AND c.yr = e.yr
), docs AS (
  INSERT INTO documents (id, agency_id, direction, status, type_code, summary, number_notation, number, notation,
                         issued_date, issuer_agency_id, issuer_name, issuer_code, signer_name, signer_title, secrecy,
                         urgency, page_count, due_date, source, register_id, register_year, arrival_number, arrived_at,
                         drafter_id, drafting_division_id, holder_id, signed_by_id, signed_at, released_at,
                         refusal_reason, created_by_id, created_at, updated_at)
  SELECT id, ({ag_id}::uuid[])[ai], direction, status, type_code,
         ${pick('{actions}::text[]', 'r_act')} || ' ' || ${pick('{subjects}::text[]', 'r_sub')}
           || CASE WHEN r_scope < 0.75 THEN ' ' || ${pick('{scopes}::text[]', 'r_scope')} ELSE '' END,
         CASE WHEN direction = 'incoming' THEN
                (1 + floor(r_num * r_num * 3000)::int)::text || '/'
                || CASE WHEN abbr IS NULL THEN ${pick('{issuer_codes}::text[]', 'r_iss')} || '-VP'
                        WHEN r_form < 0.2 THEN extract(year FROM day)::text || '/' || abbr || '-' || ${pick('{issuer_codes}::text[]', 'r_iss')}
                        ELSE abbr || '-' || ${pick('{issuer_codes}::text[]', 'r_iss')} END
              WHEN num IS NOT NULL THEN
                lpad(num::text, 2, '0') || '/' || coalesce(abbr || '-' || ({ag_short}::text[])[ai], ({ag_short}::text[])[ai] || '-VP')
         END,
         CASE WHEN direction = 'outgoing' THEN num END,
         CASE WHEN direction = 'outgoing' AND num IS NOT NULL THEN coalesce(abbr || '-' || ({ag_short}::text[])[ai], ({ag_short}::text[])[ai] || '-VP') END,
         CASE WHEN direction = 'incoming' THEN day - floor(r_days * 10)::int
              WHEN num IS NOT NULL THEN day + 2 END,
         CASE WHEN direction = 'outgoing' AND num IS NOT NULL THEN ({ag_id}::uuid[])[ai] END,
         CASE WHEN direction = 'incoming' THEN ${pick('{issuers}::text[]', 'r_iss')}
              WHEN num IS NOT NULL THEN ({ag_name}::text[])[ai] END,
         CASE WHEN direction = 'incoming' THEN ${pick('{issuer_codes}::text[]', 'r_iss')}
              WHEN num IS NOT NULL THEN ({ag_code}::text[])[ai] END,
         ${pick('{signers}::text[]', 'r_days')},
         CASE WHEN r_form < 0.5 THEN 'Chủ tịch' ELSE 'Phó Chủ tịch' END,
         secrecy,
         CASE WHEN r_urg < 0.8 THEN 'normal' WHEN r_urg < 0.92 THEN 'khan' WHEN r_urg < 0.98 THEN 'thuong_khan' ELSE 'hoa_toc' END,
         1 + floor(r_days * 12)::int,
         CASE WHEN direction = 'incoming' AND status IN ('submitted', 'assigned', 'done') AND r_due < 0.6
              THEN day + 5 + floor(r_due * 40)::int END,
         CASE WHEN direction = 'outgoing' THEN 'paper' WHEN status IN ('pending', 'refused') OR r_src < 0.3 THEN 'electronic' ELSE 'paper' END,
         register_id,
         CASE WHEN register_id IS NOT NULL THEN yr END,
         CASE WHEN direction = 'incoming' THEN num END,
         CASE WHEN direction = 'incoming' AND num IS NOT NULL THEN created_at END,
         CASE WHEN direction = 'outgoing' THEN officer END,
         CASE WHEN direction = 'outgoing' THEN officer_div END,
         CASE WHEN status IN ('submitted', 'in_review') THEN ({leader}::uuid[])[ai] END,
         CASE WHEN status IN ('signed', 'released', 'recalled') THEN ({leader}::uuid[])[ai] END,
         CASE WHEN status IN ('signed', 'released', 'recalled') THEN created_at + interval '2 days' END,
         CASE WHEN status IN ('released', 'recalled') THEN created_at + interval '2 days' END,
         CASE WHEN status = 'refused' THEN 'Văn bản điện tử không kèm tệp, đề nghị gửi lại.' END,
         CASE WHEN direction = 'outgoing' THEN officer WHEN status NOT IN ('pending', 'refused') THEN ({clerk}::uuid[])[ai] END,
         created_at, created_at
    FROM n
  RETURNING 1
), asg AS (
  INSERT INTO document_assignments (id, document_id, role, division_id, person_id, due_date, status, assigned_by_id,
                                    parent_id, created_at, done_at)
  SELECT CASE WHEN x.kind = 'division' THEN n.div_asg_id ELSE ${uuid7("n.created_at + interval '1 hour'")} END,
         n.id, x.role, CASE WHEN x.kind = 'division' THEN n.officer_div END,
         CASE WHEN x.kind = 'division' THEN NULL WHEN x.role = 'co' THEN n.officer2 ELSE n.officer END,
         CASE WHEN n.r_due < 0.6 THEN n.day + 5 + floor(n.r_due * 40)::int END,
         CASE WHEN n.status = 'assigned' THEN 'open' ELSE 'done' END,
         ({leader}::uuid[])[n.ai],
         CASE WHEN x.kind = 'handed' THEN n.div_asg_id END,
         n.created_at + interval '1 hour',
         CASE WHEN n.status = 'done' THEN n.created_at + (1 + floor(n.r_days * 20)::int) * interval '1 day' END
    FROM n
    JOIN (VALUES ('person', 'lead'), ('division', 'lead'), ('handed', 'lead'), ('co', 'co')) AS x(kind, role)
      ON CASE x.kind WHEN 'person' THEN NOT n.via_division
                     WHEN 'co' THEN n.r_co < 0.3 AND n.officer2 <> n.officer
                     ELSE n.via_division END
   WHERE n.handled
  RETURNING 1
), rd AS (
  INSERT INTO document_readers (document_id, person_id)
  SELECT id, ({clerk}::uuid[])[ai] FROM n WHERE direction = 'incoming' AND status NOT IN ('pending', 'refused')
  UNION SELECT id, officer FROM n WHERE direction = 'outgoing'
  UNION SELECT id, ({leader}::uuid[])[ai] FROM n
         WHERE status IN ('submitted', 'assigned', 'done', 'in_review', 'returned', 'signed', 'released', 'recalled')
  UNION SELECT id, officer FROM n WHERE handled
  UNION SELECT id, officer2 FROM n WHERE handled AND r_co < 0.3
  RETURNING 1
)
SELECT (SELECT count(*) FROM docs)::int AS docs, (SELECT count(*) FROM asg)::int AS assignments,
       (SELECT count(*) FROM rd)::int AS readers`;

  for (const c of qs) {
    await c(`SET maintenance_work_mem = '${o.maintenanceWorkMem}'`);
    await c(`SET work_mem = '64MB'`);
  }
  // Counting pass: how many numbers each register gives in each batch, hence each batch's starting points.
  const counts = await q<{ b: number; register_id: string; yr: number; n: number }>(
    ...named(countSql, { ...params, from: 1, to: o.docs }),
  );
  const batches = Math.ceil(o.docs / o.batch);
  const perBatch = Array.from({ length: batches }, () => new Map<string, number>());
  for (const c of counts) perBatch[c.b]!.set(`${c.register_id}|${c.yr}`, c.n);
  const running = new Map<string, number>();
  const bases = perBatch.map((m) => {
    const base = new Map<string, number>();
    for (const [k, n] of m) {
      base.set(k, running.get(k) ?? 0);
      running.set(k, (running.get(k) ?? 0) + n);
    }
    return base;
  });
  lap(`count numbers per register (${counts.length} batch × register × year)`);
  const indexes = await secondaryIndexes(q);
  for (const ix of indexes) await q(`DROP INDEX ${ix.name}`);
  lap(`drop ${indexes.length} secondary indexes`);
  let loaded = { docs: 0, assignments: 0, readers: 0 };
  let next = 0;
  await Promise.all(
    qs.map(async (c) => {
      await c(`SET session_replication_role = replica`);
      for (let b = next++; b < batches; b = next++) {
        const keys = [...bases[b]!.keys()];
        const [r] = await c<{ docs: number; assignments: number; readers: number }>(
          ...named(batchSql, {
            ...params,
            from: b * o.batch + 1,
            to: Math.min(o.docs, (b + 1) * o.batch),
            base_reg: pgArray(keys.map((k) => k.split('|')[0]!)),
            base_yr: pgArray(keys.map((k) => Number(k.split('|')[1]))),
            base_n: pgArray(keys.map((k) => bases[b]!.get(k)!)),
          }),
        );
        loaded = {
          docs: loaded.docs + r!.docs,
          assignments: loaded.assignments + r!.assignments,
          readers: loaded.readers + r!.readers,
        };
        log(`  ${loaded.docs.toLocaleString('en')} / ${o.docs.toLocaleString('en')} documents`);
      }
      await c(`SET session_replication_role = origin`);
    }),
  );
  const last = [...running.entries()];
  await q(
    `INSERT INTO register_counters (register_id, year, last_number)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[])
     ON CONFLICT (register_id, year) DO UPDATE SET last_number = EXCLUDED.last_number`,
    [
      pgArray(last.map(([k]) => k.split('|')[0]!)),
      pgArray(last.map(([k]) => Number(k.split('|')[1]))),
      pgArray(last.map(([, n]) => n)),
    ],
  );
  lap(`insert (${qs.length} connection${qs.length > 1 ? 's' : ''})`);
  // The GIN indexes take longest: start them first, spread over the connections.
  const queue = [...indexes].sort(
    (a, b) => Number(/USING gin/.test(b.def)) - Number(/USING gin/.test(a.def)),
  );
  await Promise.all(
    qs.map(async (c) => {
      for (let ix = queue.shift(); ix; ix = queue.shift()) {
        const started = performance.now();
        await c(ix.def);
        log(`  create ${ix.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }),
  );
  lap('create indexes');
  const tables = [
    'documents',
    'document_assignments',
    'document_readers',
    'register_counters',
    'people',
    'positions',
  ];
  await Promise.all(
    qs.map(async (c) => {
      for (let tb = tables.shift(); tb; tb = tables.shift()) await c(`VACUUM (ANALYZE) ${tb}`);
    }),
  );
  lap('vacuum analyze');
  await q('CHECKPOINT');
  lap('checkpoint');
  return { ...loaded, timings, indexes };
}

/** A few facts about the loaded data, for the report. */
export interface DataFacts {
  documents: number;
  secret: number;
  assignments: number;
  open_assignments: number;
  readers: number;
  agencies: number;
  documents_mb: number;
  toHandleMax: number;
  toHandleMedian: number;
}

export async function dataFacts(q: Query, agencies: BenchAgency[]): Promise<DataFacts> {
  const [f] = await q<Omit<DataFacts, 'toHandleMax' | 'toHandleMedian'>>(
    `SELECT (SELECT count(*) FROM documents)::int AS documents,
            (SELECT count(*) FROM documents WHERE secrecy <> 'normal')::int AS secret,
            (SELECT count(*) FROM document_assignments)::int AS assignments,
            (SELECT count(*) FROM document_assignments WHERE status = 'open')::int AS open_assignments,
            (SELECT count(*) FROM document_readers)::int AS readers,
            (SELECT count(DISTINCT agency_id) FROM documents)::int AS agencies,
            (SELECT pg_total_relation_size('documents') / 1048576)::int AS documents_mb`,
  );
  // The busiest officers' "to handle" lists (personal open assignments plus their division's).
  const top = await q<{ username: string; n: number }>(
    `SELECT p.username, count(DISTINCT d.id)::int AS n
       FROM people p JOIN positions po ON po.person_id = p.id AND po.is_primary
       JOIN document_assignments s ON s.status = 'open'
            AND (s.person_id = p.id OR (s.division_id = po.division_id AND s.role <> 'info'))
       JOIN documents d ON d.id = s.document_id AND d.status = 'assigned'
      WHERE p.username = ANY($1::text[])
      GROUP BY p.username ORDER BY n DESC`,
    [pgArray(agencies.flatMap((a) => a.officers.map((o) => o.username)))],
  );
  return { ...f!, toHandleMax: top[0]?.n ?? 0, toHandleMedian: top[Math.floor(top.length / 2)]?.n ?? 0 };
}
