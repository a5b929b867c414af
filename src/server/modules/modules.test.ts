import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob, defineSchedule } from '../platform/jobs/index.ts';
import { composeHooks, jobsOf, type ModuleDescriptor, schedulesOf } from '../platform/modules.ts';
import { MODULES } from './index.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

describe('the composition of the modules', () => {
  it('lists every module folder once, each with its descriptor exported by its index.ts', async () => {
    const folders = fs
      .readdirSync(HERE, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(MODULES.map((m) => m.name).sort()).toEqual(folders);
    for (const m of MODULES) {
      const index = await import(`./${m.name}/index.ts`);
      expect(Object.values(index), m.name).toContain(m);
    }
  });

  it('defines each job kind once, schedules only its own jobs, and fills every hook slot', () => {
    const kinds = jobsOf(MODULES).map((j) => j.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    // The kinds stored in the jobs table never change (queued rows must keep working).
    expect(kinds.sort()).toEqual([
      'documents.deadline_reminders',
      'documents.extract_text',
      'dossiers.build_package',
      'exchange.flush',
      'feedback.remind_due',
      'indicators.reminders',
      'legal.extract_text',
      'legal.gazette_deadlines',
      'legal.recompute_status',
      'mail.digest',
      'mail.document',
      'mail.notice',
      'mail.poll',
      'mail.poll_all',
      'mail.send',
      'ocr.run',
      'portal.task_reminders',
      'reports.reminders',
      'services.due_soon',
      'sessions.purge',
      'signatures.verify_pdf',
    ]);
    expect(schedulesOf(MODULES).map((s) => [s.name, s.cron, s.kind])).toEqual([
      ['sessions.purge', '17 3 * * *', 'sessions.purge'],
      ['documents.deadline_reminders', '30 7 * * 1-6', 'documents.deadline_reminders'],
      ['mail.poll_all', '*/5 * * * *', 'mail.poll_all'],
      ['mail.digest', '30 16 * * 1-6', 'mail.digest'],
      ['indicators.reminders', '0 7 * * *', 'indicators.reminders'],
      ['portal.task_reminders', '15 7 * * *', 'portal.task_reminders'],
      ['legal.recompute_status', '5 0 * * *', 'legal.recompute_status'],
      ['legal.gazette_deadlines', '20 7 * * *', 'legal.gazette_deadlines'],
      ['services.due_soon', '30 7,13 * * 1-5', 'services.due_soon'],
      ['feedback.remind_due', '25 7 * * 1-5', 'feedback.remind_due'],
      ['reports.reminders', '10 7 * * *', 'reports.reminders'],
    ]);
    const hooks = composeHooks(MODULES);
    expect(hooks.outsideExchange).toBeDefined();
    expect(hooks.agencyMerged).toHaveLength(1);
    expect(hooks.ocrFileAccess).toBeDefined();
    expect(hooks.ocrFinished).toHaveLength(2);
  });

  it('collects array slots from every provider, and refuses a second provider of any other slot', () => {
    const listener = async () => {};
    const other = async () => {};
    const a: ModuleDescriptor = { name: 'a', provides: { agencyMerged: [listener] } };
    const b: ModuleDescriptor = { name: 'b', provides: { agencyMerged: [other] } };
    expect(composeHooks([a, b]).agencyMerged).toEqual([listener, other]);
    const exchange = MODULES.find((m) => m.name === 'exchange')!;
    expect(() => composeHooks([exchange, { ...exchange, name: 'exchange2' }])).toThrow(
      'hook outsideExchange is provided by both exchange and exchange2',
    );
    // Without the exchange, documents does without it.
    expect(composeHooks(MODULES.filter((m) => m !== exchange)).outsideExchange).toBeUndefined();
  });

  it("refuses a schedule of another module's job", () => {
    const job = defineJob('x.tick', z.object({}), { run: async () => {} });
    const stray: ModuleDescriptor = {
      name: 'y',
      schedules: [defineSchedule('x.tick', '* * * * *', job, {})],
    };
    expect(() => schedulesOf([stray])).toThrow('schedule x.tick of module y runs x.tick');
  });
});
