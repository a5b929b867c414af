import { describe, expect, it } from 'vitest';
import { formatLsn, parseLsn } from './replica.ts';

describe('WAL positions', () => {
  it('reads and writes PostgreSQL LSNs as byte positions', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848');
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
  });
  it('ignores what is not an LSN (a forged or stale cookie)', () => {
    for (const bad of [undefined, null, '', 'x/y', '1/2/3', '1', ' 1/ 2']) expect(parseLsn(bad)).toBeNull();
  });
});
