import { Button, Select } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodChoice } from './api.ts';

/**
 * Month, quarter, half-year or year of the figures (the directives' monthly, six-monthly and yearly
 * reports); applied when "Xem" is pressed, so one request per choice.
 */
export function PeriodPicker({
  value,
  onChange,
}: {
  value: PeriodChoice;
  onChange: (p: PeriodChoice) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const field = (key: string, label: string, control: React.ReactNode) => (
    <div key={key}>
      <label htmlFor={`${id}-${key}`} className="lt-field-label">
        {label}
      </label>
      {control}
    </div>
  );
  return (
    <form
      style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft);
      }}
    >
      {field(
        'period',
        t('reports.measures.period'),
        <Select
          id={`${id}-period`}
          style={{ width: 120 }}
          value={draft.period}
          onChange={(period) => setDraft({ ...draft, period })}
          options={(['month', 'quarter', 'half', 'year'] as const).map((p) => ({
            value: p,
            label: t(`reports.measures.periods.${p}`),
          }))}
        />,
      )}
      {draft.period === 'month'
        ? field(
            'month',
            t('reports.measures.month'),
            <Select
              id={`${id}-month`}
              style={{ width: 120 }}
              value={draft.month}
              onChange={(month) => setDraft({ ...draft, month })}
              options={Array.from({ length: 12 }, (_, i) => ({
                value: i + 1,
                label: t('reports.measures.monthN', { n: i + 1 }),
              }))}
            />,
          )
        : null}
      {draft.period === 'quarter'
        ? field(
            'quarter',
            t('reports.measures.quarter'),
            <Select
              id={`${id}-quarter`}
              style={{ width: 120 }}
              value={draft.quarter}
              onChange={(quarter) => setDraft({ ...draft, quarter })}
              options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('reports.measures.quarterN', { n }) }))}
            />,
          )
        : null}
      {draft.period === 'half'
        ? field(
            'half',
            t('reports.measures.half'),
            <Select
              id={`${id}-half`}
              style={{ width: 170 }}
              value={draft.half}
              onChange={(half) => setDraft({ ...draft, half })}
              options={([1, 2] as const).map((n) => ({ value: n, label: t(`reports.measures.halves.${n}`) }))}
            />,
          )
        : null}
      {field(
        'year',
        t('reports.measures.year'),
        <Select
          id={`${id}-year`}
          style={{ width: 110 }}
          value={draft.year}
          onChange={(year) => setDraft({ ...draft, year })}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />,
      )}
      <Button htmlType="submit" type="primary">
        {t('reports.measures.show')}
      </Button>
    </form>
  );
}
