/**
 * Texts of the reports (`t('reports.<area>.…')`), loaded with their screens
 * (`loadSystemTexts('reports')`). The figures' own names and methods are in
 * src/shared/reports/measures.ts, written once for the server and the screen.
 */

import { periodicVi } from './periodic.ts';
import { plansVi } from './plans.ts';

export const reportsVi = {
  /** IT plans (./plans.ts). */
  plans: plansVi,
  measures: {
    title: 'Số liệu đo từ hệ thống',
    intro:
      'Số liệu ứng dụng công nghệ thông tin của từng đơn vị, do hệ thống tự đếm từ văn bản, hồ sơ công việc, dịch vụ công và phản ánh — không ai phải nhập tay. Bấm vào một số của cơ quan mình để xem các văn bản được tính.',
    period: 'Kỳ',
    periods: { month: 'Tháng', quarter: 'Quý', half: '6 tháng', year: 'Năm' },
    month: 'Tháng',
    monthN: 'Tháng {{n}}',
    quarter: 'Quý',
    quarterN: 'Quý {{n}}',
    half: 'Kỳ 6 tháng',
    halves: { '1': '6 tháng đầu năm', '2': '6 tháng cuối năm' },
    year: 'Năm',
    show: 'Xem',
    scope: '{{name}} — {{label}}',
    itTitle: 'Cơ quan chuyên trách công nghệ thông tin của tỉnh',
    itCurrent:
      'Hiện là: {{name}}. Cán bộ của cơ quan này xem số liệu của mọi đơn vị, thẩm định kế hoạch ứng dụng CNTT và tổng hợp báo cáo định kỳ.',
    itNone:
      'Chưa chọn cơ quan chuyên trách công nghệ thông tin (Sở Thông tin và Truyền thông hoặc Sở Khoa học và Công nghệ).',
    itChoose: 'Chọn cơ quan',
    itSave: 'Lưu',
    itSaved: 'Đã đặt cơ quan chuyên trách CNTT: {{name}}.',
    rankBy: 'Xếp hạng theo',
    export: 'Tải bảng Excel',
    chartLowest: '{{count}} đơn vị có {{measure}} thấp nhất, {{label}}',
    chartHighest: '{{count}} đơn vị có {{measure}} cao nhất, {{label}}',
    chartTrend: '{{measure}} theo tháng, năm {{year}}, {{name}}',
    tableLabel: 'Bảng số liệu theo đơn vị',
    rank: 'Hạng',
    agency: 'Đơn vị',
    total: 'Tổng cộng',
    none: '—',
    empty: 'Chưa có văn bản, hồ sơ hay đơn thư nào trong kỳ này. Chọn kỳ khác để xem.',
    methods: 'Cách tính',
    ofCount: '{{n}} trên {{d}}',
    listOf: 'Xem {{count}} văn bản được tính',
  },
  records: {
    title: 'Văn bản được tính vào số liệu',
    back: 'Về bảng số liệu',
    numerator: 'Các văn bản đạt',
    denominator: 'Tất cả văn bản được xét',
    heading: '{{measure}} — {{agency}}, {{label}}',
    reference: 'Số, ký hiệu',
    summary: 'Trích yếu',
    date: 'Ngày',
    detail: 'Ghi nhận của hệ thống',
    empty: 'Không có văn bản nào.',
    more: 'Xem thêm',
    listLabel: 'Danh sách văn bản',
  },
  // Periodic reports (h-web): their screens' texts live in ./periodic.ts.
  periodic: periodicVi,
};

export type ReportsTexts = typeof reportsVi;
