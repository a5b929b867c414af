import { describe, expect, it } from 'vitest';
import { loginInput } from '../../../shared/schemas/auth.ts';
import { type SignInField, signInValueOk } from './signInLimits.ts';

describe('sign-in form checks', () => {
  it('accept and refuse exactly what the shared loginInput schema does', () => {
    const samples = [
      '',
      ' ',
      '  a  ',
      'a',
      'x'.repeat(64),
      'x'.repeat(65),
      ` ${'x'.repeat(64)} `,
      'x'.repeat(200),
      'x'.repeat(201),
    ];
    for (const field of ['username', 'password'] as SignInField[]) {
      for (const s of samples) {
        expect(signInValueOk(field, s), `${field} ${JSON.stringify(s.slice(0, 10))}…(${s.length})`).toBe(
          loginInput.shape[field].safeParse(s).success,
        );
      }
    }
  });
});
