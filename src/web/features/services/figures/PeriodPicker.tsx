import { Button, Select } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodChoice } from './api.ts';

/** Month, quarter or year of the figures; shown only when "Xem" is pressed, so one request per choice. */
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
  return (
    <form
      style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft);
      }}
    >
      <div>
        <label htmlFor={`${id}-period`} className="lt-field-label">
          {t('services.figures.period')}
        </label>
        <Select
          id={`${id}-period`}
          style={{ width: 120 }}
          value={draft.period}
          onChange={(period) => setDraft({ ...draft, period })}
          options={(['month', 'quarter', 'year'] as const).map((p) => ({
            value: p,
            label: t(`services.figures.periods.${p}`),
          }))}
        />
      </div>
      {draft.period === 'month' ? (
        <div>
          <label htmlFor={`${id}-month`} className="lt-field-label">
            {t('services.figures.month')}
          </label>
          <Select
            id={`${id}-month`}
            style={{ width: 120 }}
            value={draft.month}
            onChange={(month) => setDraft({ ...draft, month })}
            options={Array.from({ length: 12 }, (_, i) => ({
              value: i + 1,
              label: t('services.figures.monthN', { n: i + 1 }),
            }))}
          />
        </div>
      ) : null}
      {draft.period === 'quarter' ? (
        <div>
          <label htmlFor={`${id}-quarter`} className="lt-field-label">
            {t('services.figures.quarter')}
          </label>
          <Select
            id={`${id}-quarter`}
            style={{ width: 120 }}
            value={draft.quarter}
            onChange={(quarter) => setDraft({ ...draft, quarter })}
            options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('services.figures.quarterN', { n }) }))}
          />
        </div>
      ) : null}
      <div>
        <label htmlFor={`${id}-year`} className="lt-field-label">
          {t('services.figures.year')}
        </label>
        <Select
          id={`${id}-year`}
          style={{ width: 110 }}
          value={draft.year}
          onChange={(year) => setDraft({ ...draft, year })}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
      </div>
      <Button htmlType="submit" type="primary">
        {t('services.figures.show')}
      </Button>
    </form>
  );
}
