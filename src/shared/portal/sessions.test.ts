import { describe, expect, it } from 'vitest';
import { sessionOf, sessionTimeError } from './sessions.ts';

describe('schedule sessions', () => {
  it('places a start time in its session', () => {
    expect(sessionOf('07:30')).toBe('morning');
    expect(sessionOf('14:00')).toBe('afternoon');
    expect(sessionOf('19:30')).toBe('evening');
    expect(sessionOf('23:30')).toBeNull();
    expect(sessionOf('7h30')).toBeNull();
  });

  it('refuses a time its session cannot hold and an end before the start', () => {
    expect(sessionTimeError('morning', '08:00', '11:00')).toBeNull();
    expect(sessionTimeError('evening', '17:30')).toBeNull();
    expect(sessionTimeError('morning', '14:00')).toContain('không thuộc buổi sáng');
    expect(sessionTimeError('afternoon', '15:00', '14:00')).toContain('phải sau giờ bắt đầu');
    expect(sessionTimeError('afternoon', '15:00', '15:00')).toContain('phải sau giờ bắt đầu');
    expect(sessionTimeError('morning', '8:00')).toContain('không đúng dạng');
  });
});
