import type { ReportsTexts } from './index.ts';
import { periodicEn } from './periodic.en.ts';
import { plansEn } from './plans.en.ts';

/** English texts of the reports (see index.ts). */
export const reportsEn: ReportsTexts = {
  plans: plansEn,
  measures: {
    title: 'Measured figures',
    intro:
      "Each agency's IT figures, counted by the system from documents, work dossiers, public services and feedback — nobody types them. Click a number of your own agency to see the documents behind it.",
    period: 'Period',
    periods: { month: 'Month', quarter: 'Quarter', half: 'Half-year', year: 'Year' },
    month: 'Month',
    monthN: 'Month {{n}}',
    quarter: 'Quarter',
    quarterN: 'Q{{n}}',
    half: 'Half-year',
    halves: { '1': 'First half', '2': 'Second half' },
    year: 'Year',
    show: 'Show',
    scope: '{{name}} — {{label}}',
    itTitle: "The province's IT department",
    itCurrent:
      "Now: {{name}}. Its people see every agency's figures, appraise IT plans and consolidate the periodic reports.",
    itNone:
      'No IT department is chosen yet (Department of Information and Communications, or of Science and Technology).',
    itChoose: 'Choose the agency',
    itSave: 'Save',
    itSaved: 'IT department set: {{name}}.',
    rankBy: 'Rank by',
    export: 'Download Excel table',
    chartLowest: 'The {{count}} agencies lowest in {{measure}}, {{label}}',
    chartHighest: 'The {{count}} agencies highest in {{measure}}, {{label}}',
    chartTrend: '{{measure}} by month, {{year}}, {{name}}',
    tableLabel: 'Figures by agency',
    rank: 'Rank',
    agency: 'Agency',
    total: 'Total',
    none: '—',
    empty: 'No documents, dossiers or feedback in this period. Choose another period.',
    methods: 'How each figure is computed',
    ofCount: '{{n}} of {{d}}',
    listOf: 'See the {{count}} documents counted',
  },
  records: {
    title: 'Documents behind a figure',
    back: 'Back to the figures',
    numerator: 'Documents that meet it',
    denominator: 'All documents considered',
    heading: '{{measure}} — {{agency}}, {{label}}',
    reference: 'Number',
    summary: 'Summary',
    date: 'Date',
    detail: 'What the system recorded',
    empty: 'No documents.',
    more: 'Show more',
    listLabel: 'Documents',
  },
  // Periodic reports (h-web): see ./periodic.en.ts.
  periodic: periodicEn,
};
