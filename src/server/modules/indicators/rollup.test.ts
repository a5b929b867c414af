import { describe, expect, it } from 'vitest';
import { period } from '../../../shared/indicators/periods.ts';
import { growthPct, round, sharePct, subPeriods } from './rollup.ts';

describe('subPeriods', () => {
  it('lists the finer periods a period holds', () => {
    expect(subPeriods(period('2026Q2'), 'month')).toEqual(['2026M04', '2026M05', '2026M06']);
    expect(subPeriods(period('2026N9'), 'quarter')).toEqual(['2026Q1', '2026Q2', '2026Q3']);
    expect(subPeriods(period('2026S2'), 'quarter')).toEqual(['2026Q3', '2026Q4']);
    expect(subPeriods(period('2026'), 'half')).toEqual(['2026S1', '2026S2']);
    expect(subPeriods(period('2026'), 'nine_months')).toEqual(['2026N9']);
    expect(subPeriods(period('2026'), 'month')).toHaveLength(12);
    expect(subPeriods(period('2026M05'), 'month')).toEqual(['2026M05']);
  });

  it('has none for a period finer than the indicator', () => {
    expect(subPeriods(period('2026M05'), 'quarter')).toEqual([]);
    expect(subPeriods(period('2026Q1'), 'year')).toEqual([]);
    expect(subPeriods(period('2026S1'), 'nine_months')).toEqual([]);
  });
});

describe('growth, share and rounding', () => {
  it('computes growth against last year, null without a base', () => {
    expect(growthPct(110, 100)).toBe(10);
    expect(growthPct(90, 100)).toBe(-10);
    expect(growthPct(-50, -100)).toBe(50);
    expect(growthPct(5, 0)).toBeNull();
    expect(growthPct(null, 3)).toBeNull();
    expect(growthPct(3, null)).toBeNull();
  });

  it('computes the share of the plan', () => {
    expect(sharePct(371, 1600)).toBe(23.19);
    expect(sharePct(1, 0)).toBeNull();
    expect(sharePct(null, 10)).toBeNull();
  });

  it('rounds to the indicator decimals', () => {
    expect(round(52.456, 2)).toBe(52.46);
    expect(round(17.25, 0)).toBe(17);
    expect(round(null, 2)).toBeNull();
  });
});
