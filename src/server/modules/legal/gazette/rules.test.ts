import { describe, expect, it } from 'vitest';
import { gazetteIssueLabel } from '../../../../shared/legal/gazette-api.ts';
import { deadlines } from './rules.ts';

const base = {
  state: 'accepted' as const,
  issuedDate: '2026-11-20',
  submittedOn: '2026-11-23',
  receivedOn: '2026-11-24',
  publishedOn: null,
  today: '2026-12-01',
};

describe('gazette deadlines', () => {
  it('allows 3 days from signing to submission', () => {
    expect(deadlines(base).lateSubmission).toBe(false);
    expect(deadlines({ ...base, submittedOn: '2026-11-24' }).lateSubmission).toBe(true);
  });
  it('allows 7 days from receipt to publication', () => {
    expect(deadlines(base)).toMatchObject({ publishBy: '2026-12-01', latePublication: false });
    expect(deadlines({ ...base, today: '2026-12-02' }).latePublication).toBe(true);
    expect(
      deadlines({ ...base, state: 'published', publishedOn: '2026-12-01', today: '2026-12-20' })
        .latePublication,
    ).toBe(false);
    expect(
      deadlines({ ...base, state: 'published', publishedOn: '2026-12-03', today: '2026-12-20' })
        .latePublication,
    ).toBe(true);
  });
  it('has no publication clock before receipt or after a return', () => {
    expect(deadlines({ ...base, state: 'submitted', receivedOn: null, today: '2027-01-01' })).toMatchObject({
      publishBy: null,
      latePublication: false,
    });
    expect(deadlines({ ...base, state: 'returned', today: '2027-01-01' }).latePublication).toBe(false);
  });
  it('prints single, combined and ranged issue numbers', () => {
    expect(gazetteIssueLabel(12, 12)).toBe('Số 12');
    expect(gazetteIssueLabel(1271, 1272)).toBe('Số 1271 + 1272');
    expect(gazetteIssueLabel(1271, 1276)).toBe('Số 1271 đến 1276');
  });
});
