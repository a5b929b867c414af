import ICAL from 'ical.js';
import { foldLines as libraryFold } from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { buildCalendar, type FeedEntry, foldLines } from './feeds-ical.ts';

const entry = (i: number, over: Partial<FeedEntry> = {}): FeedEntry => ({
  id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  session: 'morning',
  startsAt: new Date(Date.UTC(2026, 10, 30, 1 + (i % 8))),
  endsAt: null,
  content: `Họp bàn phương án phòng, chống thiên tai mùa mưa bão năm 2026 — phiên ${i} 🌧️`,
  place: 'Phòng họp số 1, Ủy ban nhân dân tỉnh',
  chairText: 'PCT Trương Văn Sáu',
  participantsText:
    'Lãnh đạo Sở Nông nghiệp và Môi trường; Bộ Chỉ huy Quân sự tỉnh; UBND các xã, phường ven sông',
  preparingText: 'Sở Nông nghiệp và Môi trường chuẩn bị nội dung',
  notes: 'Ghi chú: mang theo báo cáo',
  roles: ['chair'],
  status: i % 3 === 0 ? 'cancelled' : 'active',
  sequence: i % 4,
  createdAt: new Date('2026-11-20T01:00:00Z'),
  updatedAt: new Date('2026-11-27T01:00:00Z'),
  source: i % 2 ? 'Lịch công tác của Thường trực UBND tỉnh' : 'Lịch công tác của Sở Tài chính',
  ...over,
});

describe('iCalendar text', () => {
  it('folds lines exactly as ical-generator does (75 octets, never inside a character), in linear time', () => {
    const samples = [
      '',
      'SUMMARY:ngắn',
      `DESCRIPTION:${'a'.repeat(73)}`,
      `DESCRIPTION:${'a'.repeat(62)}`,
      `DESCRIPTION:${'a'.repeat(63)}`,
      `SUMMARY:${'Ủy ban nhân dân tỉnh Vĩnh Long '.repeat(9)}`,
      `LOCATION:${'😀ệ'.repeat(40)}`,
      `X:${'ầ'.repeat(36)}a`,
      ['BEGIN:VEVENT', `SUMMARY:${'đường '.repeat(30)}`, 'END:VEVENT', ''].join('\r\n'),
    ];
    for (const s of samples) expect(foldLines(s), s.slice(0, 30)).toBe(libraryFold(s));
    const whole = buildCalendar({
      name: 'Lịch công tác',
      description: 'Thử',
      internal: true,
      entries: [1, 2, 3].map((i) => entry(i)),
    });
    for (const line of whole.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('is read back by ical.js with UIDs, SEQUENCE, STATUS and UTC times; public feeds carry no internal field', () => {
    const entries = Array.from({ length: 50 }, (_, i) => entry(i));
    const internal = buildCalendar({ name: 'Lịch của tôi', description: 'd', internal: true, entries });
    const pub = buildCalendar({ name: 'Lịch công khai', description: 'd', internal: false, entries });
    for (const [text, isInternal] of [
      [internal, true],
      [pub, false],
    ] as const) {
      const cal = new ICAL.Component(ICAL.parse(text));
      expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Ho_Chi_Minh');
      expect(cal.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
      const events = cal.getAllSubcomponents('vevent');
      expect(events).toHaveLength(50);
      const e7 = new ICAL.Event(events[7]!);
      expect(e7.uid).toBe(`${entry(7).id}@lienthong`);
      expect(e7.sequence).toBe(3);
      expect(e7.summary).toBe(entry(7).content);
      expect(e7.startDate.toJSDate().toISOString()).toBe(entry(7).startsAt.toISOString());
      expect(e7.endDate.toJSDate().getTime() - e7.startDate.toJSDate().getTime()).toBe(3_600_000);
      expect(events[6]!.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(e7.description).toContain('Lịch: Lịch công tác của Thường trực UBND tỉnh');
      expect(e7.description.includes('Sở Nông nghiệp và Môi trường chuẩn bị')).toBe(isInternal);
      expect(e7.description.includes('mang theo báo cáo')).toBe(isInternal);
      expect(e7.description.includes('Vai trò của bạn')).toBe(isInternal);
    }
  });

  it('builds a feed of 8,000 events quickly enough to rebuild it every minute', () => {
    const entries = Array.from({ length: 8000 }, (_, i) => entry(i));
    const started = performance.now();
    const text = buildCalendar({ name: 'Tất cả', description: 'd', internal: false, entries });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(text.split('BEGIN:VEVENT').length - 1).toBe(8000);
  });
});
