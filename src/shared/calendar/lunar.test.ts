import { describe, expect, it } from 'vitest';
import { lunarToSolar, solarToLunar } from './lunar.ts';

describe('lunarToSolar', () => {
  it('gives known Tết (1/1 lunar) dates', () => {
    expect(lunarToSolar(2024, 1, 1)).toEqual({ year: 2024, month: 2, day: 10 });
    expect(lunarToSolar(2025, 1, 1)).toEqual({ year: 2025, month: 1, day: 29 });
    expect(lunarToSolar(2026, 1, 1)).toEqual({ year: 2026, month: 2, day: 17 });
    expect(lunarToSolar(2027, 1, 1)).toEqual({ year: 2027, month: 2, day: 6 });
  });

  it('uses UTC+7: Tết 1985 is 21 January in Vietnam (20 February in China)', () => {
    expect(lunarToSolar(1985, 1, 1)).toEqual({ year: 1985, month: 1, day: 21 });
  });

  it('gives Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
    expect(lunarToSolar(2025, 3, 10)).toEqual({ year: 2025, month: 4, day: 7 });
    expect(lunarToSolar(2026, 3, 10)).toEqual({ year: 2026, month: 4, day: 26 });
    expect(lunarToSolar(2023, 3, 10)).toEqual({ year: 2023, month: 4, day: 29 });
  });

  it('handles leap months (2/2023 nhuận, 4/2020 nhuận)', () => {
    expect(lunarToSolar(2023, 2, 1, true)).toEqual({ year: 2023, month: 3, day: 22 });
    expect(lunarToSolar(2023, 3, 1)).toEqual({ year: 2023, month: 4, day: 20 });
    expect(lunarToSolar(2020, 4, 1, true)).toEqual({ year: 2020, month: 5, day: 23 });
  });

  it('rejects a leap month the year does not have', () => {
    expect(() => lunarToSolar(2023, 3, 1, true)).toThrow(RangeError);
    expect(() => lunarToSolar(2025, 1, 1, true)).toThrow(RangeError);
  });

  it('rejects day 30 of a 29-day month and other invalid lunar dates', () => {
    // Tháng Chạp of Giáp Thìn (2024) has 29 days: Tết 2025 follows 29 tháng Chạp.
    expect(lunarToSolar(2024, 12, 29)).toEqual({ year: 2025, month: 1, day: 28 });
    expect(() => lunarToSolar(2024, 12, 30)).toThrow(RangeError);
    expect(() => lunarToSolar(2025, 13, 1)).toThrow(RangeError);
    expect(() => lunarToSolar(2025, 1, 0)).toThrow(RangeError);
    expect(() => lunarToSolar(2025, 1, 31)).toThrow(RangeError);
    expect(() => lunarToSolar(1899, 1, 1)).toThrow(RangeError);
  });
});

describe('solarToLunar', () => {
  it('converts Tết and the last day of the old year', () => {
    expect(solarToLunar(2025, 1, 29)).toEqual({ year: 2025, month: 1, day: 1, leap: false });
    expect(solarToLunar(2025, 1, 28)).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(solarToLunar(1985, 1, 21)).toEqual({ year: 1985, month: 1, day: 1, leap: false });
  });

  it('marks days of a leap month', () => {
    expect(solarToLunar(2023, 3, 22)).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(solarToLunar(2020, 5, 23)).toEqual({ year: 2020, month: 4, day: 1, leap: true });
  });

  it('round-trips with lunarToSolar for every day of 2019–2031', () => {
    const start = Date.UTC(2019, 0, 1);
    const end = Date.UTC(2031, 11, 31);
    for (let t = start; t <= end; t += 86_400_000) {
      const d = new Date(t);
      const solar = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      const lunar = solarToLunar(solar.year, solar.month, solar.day);
      expect(lunarToSolar(lunar.year, lunar.month, lunar.day, lunar.leap)).toEqual(solar);
    }
  });

  it('rejects invalid solar dates', () => {
    expect(() => solarToLunar(2025, 2, 29)).toThrow(RangeError);
    expect(() => solarToLunar(2025, 0, 1)).toThrow(RangeError);
    expect(() => solarToLunar(2200, 1, 1)).toThrow(RangeError);
  });
});
