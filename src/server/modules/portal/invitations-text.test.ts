import { describe, expect, it } from 'vitest';
import { SAMPLE_INVITATION } from '../documents/extract/testing/make-docs.ts';
import { contentFromSummary, readInvitation } from './invitations-text.ts';

const UBND = `ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 245/GM-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Trị, ngày 10 tháng 12 năm 2026
GIẤY MỜI
Họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2026
Ủy ban nhân dân tỉnh tổ chức cuộc họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2026,
do đồng chí Trương Văn Sáu, Phó Chủ tịch UBND tỉnh chủ trì.
1. Thành phần mời: Lãnh đạo Sở Tài chính; Lãnh đạo Sở Xây dựng.
2. Thời gian: vào lúc 08 giờ 00 phút, ngày 15 tháng 12 năm 2026 (thứ Ba).
3. Địa điểm: Phòng họp số 1, UBND tỉnh.
Đề nghị các đồng chí tham dự đúng thành phần, thời gian.
Nơi nhận: …`;

describe('readInvitation', () => {
  it('reads a province UBND invitation: day from "vào lúc … ngày … tháng … năm", place, chair, not the header date', () => {
    const p = readInvitation({
      summary: 'Mời dự họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2026',
      text: UBND,
      issuedDate: '2026-12-10',
    });
    expect(p).toEqual({
      day: '2026-12-15',
      time: '08:00',
      endTime: null,
      session: 'morning',
      place: 'Phòng họp số 1, UBND tỉnh',
      content: 'Dự họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2026',
      chairText: 'Trương Văn Sáu, Phó Chủ tịch UBND tỉnh',
    });
  });

  it('reads "8h30 ngày 15/12/2026" and a place after "tại"', () => {
    const p = readInvitation({
      summary: 'V/v mời dự Hội nghị triển khai công tác chuyển đổi số năm 2027',
      text: `Sở Thông tin và Truyền thông trân trọng kính mời đại diện lãnh đạo Quý cơ quan tới dự Hội nghị vào 8h30 ngày 15/12/2026 tại Hội trường tầng 3, Sở Thông tin và Truyền thông, số 10 Trần Hưng Đạo.`,
      issuedDate: '2026-12-08',
    });
    expect(p.day).toBe('2026-12-15');
    expect(p.time).toBe('08:30');
    expect(p.session).toBe('morning');
    expect(p.place).toBe('Hội trường tầng 3, Sở Thông tin và Truyền thông, số 10 Trần Hưng Đạo');
    expect(p.content).toBe('Dự Hội nghị triển khai công tác chuyển đổi số năm 2027');
    expect(p.chairText).toBe('');
  });

  it('reads "Thời gian: 14 giờ, thứ Năm, ngày 17/12/2026" as the afternoon', () => {
    const p = readInvitation({
      summary: 'Giấy mời họp Ban Chỉ đạo cải cách hành chính tỉnh',
      text: `Thời gian: 14 giờ, thứ Năm, ngày 17/12/2026.
Địa điểm: Phòng họp tầng 2, Văn phòng UBND tỉnh; Chủ trì: đồng chí Lê Thị Hoa, Chủ tịch UBND tỉnh`,
    });
    expect(p).toMatchObject({
      day: '2026-12-17',
      time: '14:00',
      endTime: null,
      session: 'afternoon',
      place: 'Phòng họp tầng 2, Văn phòng UBND tỉnh',
      chairText: 'Lê Thị Hoa, Chủ tịch UBND tỉnh',
      content: 'Họp Ban Chỉ đạo cải cách hành chính tỉnh',
    });
  });

  it('reads a start and an end time ("từ 14h00 đến 17h00")', () => {
    const p = readInvitation({
      summary: 'Mời dự tập huấn sử dụng hệ thống quản lý văn bản',
      text: 'Thời gian: từ 14h00 đến 17h00 ngày 21/12/2026. Địa điểm: Phòng máy, Trung tâm Công nghệ thông tin.',
    });
    expect(p).toMatchObject({ day: '2026-12-21', time: '14:00', endTime: '17:00', session: 'afternoon' });
    expect(p.place).toBe('Phòng máy, Trung tâm Công nghệ thông tin');
  });

  it('leaves the time empty for "buổi sáng ngày …" but gives the session', () => {
    const p = readInvitation({
      summary: 'V/v mời làm việc với Đoàn kiểm tra của Bộ Nội vụ',
      text: 'Thời gian làm việc: buổi sáng ngày 18/12/2026. Địa điểm: Phòng họp số 2.',
      issuedDate: '2026-12-12',
    });
    expect(p).toMatchObject({ day: '2026-12-18', time: null, session: 'morning', place: 'Phòng họp số 2' });
    expect(p.content).toBe('Làm việc với Đoàn kiểm tra của Bộ Nội vụ');
  });

  it('reads "2 giờ 30 chiều" as 14:30 and a day without a year from the issue year', () => {
    const p = readInvitation({
      summary: 'Mời họp giao ban',
      text: 'Kính mời đồng chí đến dự họp giao ban vào lúc 2 giờ 30 chiều ngày 22/12 tại Phòng họp UBND huyện.',
      issuedDate: '2026-12-15',
    });
    expect(p).toMatchObject({
      day: '2026-12-22',
      time: '14:30',
      session: 'afternoon',
      place: 'Phòng họp UBND huyện',
    });
  });

  it('reads the summary alone when the files have no text (a scan)', () => {
    const p = readInvitation({
      summary: 'Mời dự họp trực tuyến về phòng chống lụt bão lúc 15h00 ngày 16/12/2026',
      text: null,
    });
    expect(p).toMatchObject({ day: '2026-12-16', time: '15:00', session: 'afternoon', place: '' });
  });

  it('finds nothing in a text that names no meeting, and does not take the header date for one', () => {
    const p = readInvitation({
      summary: 'Mời dự',
      text: 'Hà Nội, ngày 01 tháng 12 năm 2026\nNội dung sẽ được thông báo sau.',
      issuedDate: '2026-12-01',
    });
    expect(p.time).toBeNull();
    expect(p.place).toBe('');
    // Only the header date exists: it is offered (the clerk corrects it).
    expect(p.day).toBe('2026-12-01');
  });

  it('ignores numbers that look like times or dates but are not (document numbers, an invalid day)', () => {
    const p = readInvitation({
      summary: 'Mời dự họp triển khai Chỉ thị số 10/2006/CT-TTg',
      text: 'Căn cứ Nghị định 30/2020/NĐ-CP; ngày 31/02/2026 không có. Thời gian: 7h30 ngày 05/01/2027.',
    });
    expect(p).toMatchObject({ day: '2027-01-05', time: '07:30' });
  });

  it('reads text in decomposed Unicode (as some PDFs give it)', () => {
    const p = readInvitation({
      summary: 'Mời họp',
      text: 'Thời gian: 9 giờ 15 phút ngày 19/12/2026. Địa điểm: Hội trường UBND tỉnh.'.normalize('NFD'),
    });
    expect(p).toMatchObject({ day: '2026-12-19', time: '09:15', place: 'Hội trường UBND tỉnh' });
  });

  it('reads the Decree 30 sample invitation (template 1.7), its place ending in "./."', () => {
    const p = readInvitation({
      summary: 'Về việc dự họp giao ban tháng 5 năm 2025',
      text: SAMPLE_INVITATION.body,
      issuedDate: '2025-05-12',
    });
    expect(p).toEqual({
      day: '2025-05-15',
      time: '07:30',
      endTime: null,
      session: 'morning',
      place: 'Phòng họp số 1, Ủy ban nhân dân huyện',
      content: 'Dự họp giao ban tháng 5 năm 2025',
      chairText: 'Chủ tịch Ủy ban nhân dân huyện',
    });
  });

  it('reads an evening session', () => {
    const p = readInvitation({
      summary: 'Mời dự chương trình nghệ thuật chào mừng Ngày Quân đội nhân dân Việt Nam',
      text: 'Thời gian: 19 giờ 30 phút, buổi tối ngày 22 tháng 12 năm 2026. Địa điểm: Quảng trường Trung tâm tỉnh.',
    });
    expect(p).toMatchObject({ day: '2026-12-22', time: '19:30', session: 'evening' });
  });
});

describe('contentFromSummary', () => {
  it('turns the summary into what a schedule prints', () => {
    expect(contentFromSummary('V/v mời dự họp Hội đồng thẩm định giá đất')).toBe(
      'Dự họp Hội đồng thẩm định giá đất',
    );
    expect(contentFromSummary('Về việc dự Lễ khánh thành cầu Hiền Lương mới')).toBe(
      'Dự Lễ khánh thành cầu Hiền Lương mới',
    );
    expect(contentFromSummary('Mời họp thẩm định đề án')).toBe('Họp thẩm định đề án');
    expect(contentFromSummary('  ')).toBe('');
  });
});
