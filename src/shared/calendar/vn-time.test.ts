import { describe, expect, it } from 'vitest';
import {
  VN_TIME_ZONE,
  viDate,
  viDateOfInstant,
  viDateTime,
  vnDate,
  vnDayEnd,
  vnDayStart,
  vnTimeOfDay,
  vnWallClock,
  vnYear,
} from './vn-time.ts';

describe('Vietnam time', () => {
  it('reads an instant on the Vietnamese wall clock (UTC+7), whatever the form of the instant', () => {
    // 16:59:59 UTC is 23:59:59 in Vietnam; one second later it is the next day there.
    expect(vnDate(new Date('2026-11-23T16:59:59Z'))).toBe('2026-11-23');
    expect(vnDate('2026-11-23T17:00:00Z')).toBe('2026-11-24');
    expect(vnDate(Date.parse('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
    expect(vnTimeOfDay('2026-11-23T07:05:00Z')).toBe('14:05');
    expect(vnWallClock('2026-11-23T07:05:00Z').toISOString()).toBe('2026-11-23T14:05:00.000Z');
  });

  it('starts the new year at midnight in Vietnam, seven hours before UTC', () => {
    expect(vnYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(vnYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });

  it('agrees with the time zone database on every day of a year', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: VN_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    for (let h = 0; h < 366 * 24; h += 13) {
      const at = new Date(Date.UTC(2026, 0, 1) + h * 3_600_000);
      expect(vnDate(at)).toBe(fmt.format(at));
    }
  });

  it('bounds a Vietnamese day as instants with the +07:00 offset', () => {
    expect(vnDayStart('2026-11-23')).toBe('2026-11-23T00:00:00+07:00');
    expect(vnDayEnd('2026-11-23')).toBe('2026-11-23T23:59:59.999+07:00');
    expect(Date.parse(vnDayStart('2026-11-23'))).toBe(Date.parse('2026-11-22T17:00:00Z'));
    expect(vnDate(vnDayStart('2026-11-23'))).toBe('2026-11-23');
    expect(vnDate(vnDayEnd('2026-11-23'))).toBe('2026-11-23');
  });
});

describe('Vietnamese dates as shown', () => {
  it('writes dd/MM/yyyy, empty for no date', () => {
    expect(viDate('2026-03-05')).toBe('05/03/2026');
    expect(viDate(null)).toBe('');
    expect(viDate(undefined)).toBe('');
    expect(() => viDate('2026-02-30')).toThrow(RangeError);
  });

  it('writes an instant as its Vietnamese date, and with the time of day', () => {
    expect(viDateOfInstant('2026-11-22T17:30:00Z')).toBe('23/11/2026');
    expect(viDateOfInstant(new Date('2026-11-22T16:30:00Z'))).toBe('22/11/2026');
    expect(viDateOfInstant(null)).toBe('');
    expect(viDateTime('2026-11-23T07:05:00Z')).toBe('23/11/2026 14:05');
  });
});
