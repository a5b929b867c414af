import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { addLimit, classifyLimit, extensionRule, limitText, settleLimit } from './rules.ts';

const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);
const endOf = (day: string) => vn(`${day}T23:59:59.999`).toISOString();

describe('feedback time limits', () => {
  const cal = new WorkingCalendar();

  it('counts 5 working days to forward a feedback over a weekend, 10 calendar days to accept a complaint', () => {
    // Friday 4 December 2026: Mon 7 … Fri 11 are the five working days.
    const fri = vn('2026-12-04T16:00:00');
    expect(addLimit(cal, fri, classifyLimit('regulation')).toISOString()).toBe(endOf('2026-12-11'));
    expect(addLimit(cal, fri, classifyLimit('complaint')).toISOString()).toBe(endOf('2026-12-14'));
    expect(addLimit(cal, fri, classifyLimit('denunciation')).toISOString()).toBe(endOf('2026-12-15'));
  });

  it('skips the Tết holidays in working days but not in the law’s calendar days', () => {
    // Tết 2027 (Đinh Mùi): the holidays fall around 6 February 2027.
    const before = vn('2027-02-03T10:00:00');
    const working = addLimit(cal, before, { days: 5, unit: 'working' });
    const calendar = addLimit(cal, before, { days: 5, unit: 'calendar' });
    expect(calendar.toISOString()).toBe(endOf('2027-02-08'));
    expect(working.getTime()).toBeGreaterThan(calendar.getTime());
  });

  it('gives each regime its settlement limit and extensions', () => {
    expect(settleLimit({ kind: 'complaint', instance: 1, remote: false })).toEqual({
      days: 30,
      unit: 'calendar',
    });
    expect(settleLimit({ kind: 'complaint', instance: 1, remote: true })).toEqual({
      days: 45,
      unit: 'calendar',
    });
    expect(settleLimit({ kind: 'complaint', instance: 2, remote: false })).toEqual({
      days: 45,
      unit: 'calendar',
    });
    expect(settleLimit({ kind: 'complaint', instance: 2, remote: true })).toEqual({
      days: 60,
      unit: 'calendar',
    });
    expect(settleLimit({ kind: 'denunciation', instance: 1, remote: false })).toEqual({
      days: 30,
      unit: 'calendar',
    });
    expect(settleLimit({ kind: 'regulation', instance: 1, remote: false })).toEqual({
      days: 15,
      unit: 'working',
    });
    // Complex complaints: 30 → 45, remote 45 → 60; second instance 45 → 60, remote 60 → 70.
    expect(extensionRule({ kind: 'complaint', instance: 1, remote: true }).adds.days).toBe(15);
    expect(extensionRule({ kind: 'complaint', instance: 2, remote: true }).adds.days).toBe(10);
    expect(extensionRule({ kind: 'denunciation', instance: 1, remote: false }).max).toBe(2);
    expect(extensionRule({ kind: 'regulation', instance: 1, remote: false }).max).toBe(1);
    expect(limitText({ days: 7, unit: 'working' })).toBe('7 ngày làm việc');
  });
});
