import type pg from 'pg';

/**
 * The portal benchmark's data, written with set-based SQL on top of the demo province: a schedule per
 * agency (150 agencies), a year of published weeks (26 back, 26 ahead) with `entriesPerWeek` entries
 * each (the People's Committee leaders' public schedule has 12 a week), their chairs and participants,
 * tasks of the People's Committee to the agencies and announcements with read receipts.
 */
export interface PortalDataset {
  agencies: number;
  weeks: number;
  entries: number;
  tasks: number;
  announcements: number;
  /** The People's Committee (owner of the public schedule) and one of its leaders. */
  ubndId: string;
  chairmanId: string;
  /** Usernames of 50 leaders (agencies' first, then divisions' heads) for the signed-in part. */
  leaders: string[];
  /** ISO weeks of the public schedule (2026-W49 …), for the public pages. */
  isoWeeks: string[];
}

export async function loadPortal(
  db: pg.Client,
  o: { agencies: number; entriesPerWeek: number; tasks: number; announcements: number },
): Promise<PortalDataset> {
  const one = async <T>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows[0] as T;
  const ubnd = await one<{ id: string }>(
    `SELECT id FROM agencies WHERE kind = 'province' ORDER BY created_at LIMIT 1`,
  );
  const office = await one<{ id: string }>(
    `SELECT id FROM agencies WHERE parent_id = $1 AND name LIKE 'Văn phòng Ủy ban%' LIMIT 1`,
    [ubnd.id],
  );
  const chairman = await one<{ id: string }>(`SELECT id FROM people WHERE username = 'lanhdao.ubnd'`);
  await db.query('BEGIN');
  // The agencies with a schedule: the province first, then departments, districts, communes.
  await db.query(
    `CREATE TEMP TABLE bench_agencies AS
       SELECT id, row_number() OVER (ORDER BY (kind = 'province') DESC, sort_order, id) AS n
         FROM agencies WHERE status = 'active' AND kind <> 'division'
        ORDER BY (kind = 'province') DESC, sort_order, id LIMIT $1`,
    [o.agencies],
  );
  await db.query(
    `INSERT INTO schedules (id, agency_id, office_agency_id, title, is_public)
     SELECT gen_random_uuid(), a.id, CASE WHEN a.id = $1 THEN $2::uuid ELSE a.id END,
            CASE WHEN a.id = $1 THEN 'Lịch công tác của Thường trực UBND tỉnh' ELSE 'Lịch công tác' END,
            a.id = $1
       FROM bench_agencies a
     ON CONFLICT (agency_id) DO NOTHING`,
    [ubnd.id, office?.id ?? ubnd.id],
  );
  // A year of weeks around today (Asia/Ho_Chi_Minh): 26 back, this one, 25 ahead; all published,
  // some adjusted. Weeks the demo already made are kept.
  await db.query(
    `INSERT INTO schedule_weeks (id, schedule_id, week_start, iso_year, iso_week, status, revision, published_at, updated_at)
     SELECT gen_random_uuid(), s.id, w.d, extract(isoyear FROM w.d)::int, extract(week FROM w.d)::int,
            'published', (abs(hashtext(s.id::text || w.d::text)) % 3), w.d - 3, w.d - 2
       FROM schedules s JOIN bench_agencies a ON a.id = s.agency_id
       CROSS JOIN LATERAL (
         SELECT (date_trunc('week', (now() AT TIME ZONE 'Asia/Ho_Chi_Minh'))::date + 7 * k)::date AS d
           FROM generate_series(-26, 25) k) w
     ON CONFLICT (schedule_id, week_start) DO NOTHING`,
  );
  // Entries: the People's Committee's 12 a week, every other agency `entriesPerWeek`; morning and
  // afternoon sessions over the five working days.
  await db.query(
    `INSERT INTO schedule_entries (id, agency_id, week_id, day, session, starts_at, ends_at, content, place,
                                   chair_text, participants_text, preparing_text, following_text, notes,
                                   is_public, status, sequence, source)
     SELECT gen_random_uuid(), s.agency_id, w.id, d.day,
            CASE WHEN d.k % 2 = 0 THEN 'morning' ELSE 'afternoon' END,
            (d.day + CASE WHEN d.k % 2 = 0 THEN time '08:00' ELSE time '14:00' END) AT TIME ZONE 'Asia/Ho_Chi_Minh',
            (d.day + CASE WHEN d.k % 2 = 0 THEN time '11:00' ELSE time '16:30' END) AT TIME ZONE 'Asia/Ho_Chi_Minh',
            'Họp bàn công tác số ' || d.k || ' tuần ' || w.iso_week || ': kế hoạch phát triển kinh tế - xã hội, '
              || 'tiến độ giải ngân vốn đầu tư công và cải cách hành chính',
            'Phòng họp số ' || (1 + d.k % 3), 'Lãnh đạo đơn vị chủ trì',
            'Lãnh đạo các phòng chuyên môn; đại diện các sở, ngành liên quan', 'Văn phòng chuẩn bị nội dung',
            'Lãnh đạo Văn phòng theo dõi', 'Ghi chú nội bộ số ' || d.k,
            (d.k % 5 <> 4), CASE WHEN d.k % 17 = 16 THEN 'cancelled' ELSE 'active' END, (d.k % 3), 'schedule'
       FROM schedules s
       JOIN bench_agencies a ON a.id = s.agency_id
       JOIN schedule_weeks w ON w.schedule_id = s.id
       CROSS JOIN LATERAL (
         SELECT k, w.week_start + (k / 2) % 5 AS day
           FROM generate_series(0, CASE WHEN s.agency_id = $1 THEN 11 ELSE $2 - 1 END) k) d
      WHERE NOT EXISTS (SELECT 1 FROM schedule_entries x WHERE x.week_id = w.id)`,
    [ubnd.id, o.entriesPerWeek],
  );
  // Chairs: the agency's first leader (the chairman for the People's Committee).
  await db.query(
    `INSERT INTO schedule_entry_people (entry_id, person_id, role)
     SELECT e.id, l.person_id, 'chair'
       FROM schedule_entries e
       JOIN bench_agencies a ON a.id = e.agency_id
       JOIN LATERAL (
         SELECT CASE WHEN e.agency_id = $1 THEN $2::uuid ELSE
                  (SELECT p.person_id FROM positions p WHERE p.agency_id = e.agency_id AND p.role = 'agency_leader'
                    ORDER BY p.person_id LIMIT 1) END AS person_id) l ON l.person_id IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [ubnd.id, chairman.id],
  );
  await db.query(
    `INSERT INTO schedule_entry_agencies (entry_id, agency_id, role)
     SELECT e.id, b.id, 'participant'
       FROM schedule_entries e JOIN bench_agencies a ON a.id = e.agency_id
       JOIN bench_agencies b ON b.n = 1 + (abs(hashtext(e.id::text)) % $1)
     ON CONFLICT DO NOTHING`,
    [o.agencies],
  );
  // Tasks of the People's Committee to the agencies over the year, in every state.
  await db.query(
    `INSERT INTO tasks (id, assigner_agency_id, lead_agency_id, content, source_kind, source_text, assigned_on,
                        due_on, status, progress, reported_on, done_on)
     SELECT gen_random_uuid(), $1, b.id, 'Nhiệm vụ số ' || k || ' theo Thông báo kết luận của Chủ tịch UBND tỉnh',
            'conclusion', 'Thông báo số ' || (k % 300 + 1) || '/TB-UBND', t.assigned, t.assigned + 10 + k % 40,
            CASE WHEN k % 3 = 0 THEN 'done' WHEN k % 7 = 0 THEN 'reported' ELSE 'in_progress' END,
            (k * 13) % 100,
            CASE WHEN k % 3 = 0 OR k % 7 = 0 THEN t.assigned + 5 + k % 50 END,
            CASE WHEN k % 3 = 0 THEN t.assigned + 6 + k % 50 END
       FROM generate_series(1, $2) k
       JOIN bench_agencies b ON b.n = 2 + (k % ($3 - 1))
       CROSS JOIN LATERAL (SELECT (now()::date - 360 + (k * 7) % 380)::date AS assigned) t`,
    [ubnd.id, o.tasks, o.agencies],
  );
  await db.query(
    `INSERT INTO task_agencies (task_id, agency_id, role)
     SELECT id, lead_agency_id, 'lead' FROM tasks ON CONFLICT DO NOTHING`,
  );
  // Announcements: most to the whole province, some to a few agencies, some pinned or expired.
  await db.query(
    `INSERT INTO announcements (id, agency_id, title, body, audience, pinned, is_public, published_at, expires_at)
     SELECT gen_random_uuid(), b.id, 'Thông báo số ' || k || ' về việc triển khai nhiệm vụ trọng tâm',
            repeat('Nội dung thông báo. ', 20), CASE WHEN k % 4 = 0 THEN 'agencies' ELSE 'all' END,
            k % 50 = 0, k % 4 <> 0 AND k % 3 = 0, now() - make_interval(hours => k * 5),
            CASE WHEN k % 10 = 0 THEN now() - make_interval(days => 1) END
       FROM generate_series(1, $1) k JOIN bench_agencies b ON b.n = 1 + (k % $2)`,
    [o.announcements, o.agencies],
  );
  await db.query(
    `INSERT INTO announcement_agencies (announcement_id, agency_id)
     SELECT a.id, b.id FROM announcements a JOIN bench_agencies b ON b.n = 1 + (abs(hashtext(a.id::text)) % $1)
      WHERE a.audience = 'agencies' ON CONFLICT DO NOTHING`,
    [o.agencies],
  );
  await db.query('COMMIT');
  await db.query('ANALYZE');

  const count = async (t: string) => Number((await one<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).n);
  const leaders = (
    await db.query(
      `SELECT DISTINCT ON (p.username) p.username, o.role = 'agency_leader' AS leader
         FROM people p JOIN positions o ON o.person_id = p.id
        WHERE o.role IN ('agency_leader', 'division_head') AND o.ended_at IS NULL
        ORDER BY p.username`,
    )
  ).rows
    .sort((a, b) => Number(b.leader) - Number(a.leader))
    .slice(0, 50)
    .map((r) => r.username as string);
  const isoWeeks = (
    await db.query(
      `SELECT w.iso_year || '-W' || lpad(w.iso_week::text, 2, '0') AS w
         FROM schedule_weeks w JOIN schedules s ON s.id = w.schedule_id
        WHERE s.agency_id = $1 AND w.status = 'published' ORDER BY w.week_start`,
      [ubnd.id],
    )
  ).rows.map((r) => r.w as string);
  return {
    agencies: Number((await one<{ n: string }>('SELECT count(*) AS n FROM bench_agencies')).n),
    weeks: await count('schedule_weeks'),
    entries: await count('schedule_entries'),
    tasks: await count('tasks'),
    announcements: await count('announcements'),
    ubndId: ubnd.id,
    chairmanId: chairman.id,
    leaders,
    isoWeeks,
  };
}
