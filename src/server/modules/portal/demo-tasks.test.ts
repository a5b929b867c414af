import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { vnDate } from '../../../shared/calendar/index.ts';
import { seedDemo } from '../../demo/seed.ts';
import { classifyTask, dueSoonLimit, isDueSoon, tasksCalendar } from './tasks-rules.ts';

// The demo's tasks: ten of one conclusion notice of the UBND's chairman, in every state.
describe.each(ENGINES)('the demo tasks on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.cleanup());

  it('seeds done on time, one done late, one overdue, one due soon, some in progress', async () => {
    await seedDemo(t.database.db, 'Demo-password-2026');
    const tasks = await t.database.query<{
      status: 'in_progress' | 'reported' | 'done';
      due_on: string;
      reported_on: string | null;
      assigner: string;
      leads: number;
      events: number;
    }>(
      `SELECT t.status, t.due_on::text AS due_on, t.reported_on::text AS reported_on, a.name AS assigner,
              (SELECT count(*)::int FROM task_agencies ta WHERE ta.task_id = t.id AND ta.role = 'lead') AS leads,
              (SELECT count(*)::int FROM task_events e WHERE e.task_id = t.id) AS events
         FROM tasks t JOIN agencies a ON a.id = t.assigner_agency_id`,
      [],
    );
    expect(tasks).toHaveLength(10);
    expect(new Set(tasks.map((x) => x.assigner))).toEqual(new Set(['Ủy ban nhân dân tỉnh Vĩnh Long']));
    expect(tasks.every((x) => x.leads === 1 && x.events >= 1)).toBe(true);
    const today = vnDate(new Date());
    const limit = dueSoonLimit(tasksCalendar(), today);
    const facts = tasks.map((x) => ({ status: x.status, dueOn: x.due_on, reportedOn: x.reported_on }));
    const count = (s: string) => facts.filter((f) => classifyTask(f, today) === s).length;
    expect(count('done_on_time')).toBe(3);
    expect(count('done_late')).toBe(1);
    expect(count('overdue')).toBe(1);
    expect(count('in_progress')).toBe(5);
    expect(facts.filter((f) => isDueSoon(f, today, limit))).toHaveLength(1);
  });
});
