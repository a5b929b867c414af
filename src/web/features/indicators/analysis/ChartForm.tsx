import { useQuery } from '@tanstack/react-query';
import { Col, Row, Segmented, Select, Switch } from 'antd';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Periodicity,
  parsePeriod,
  periodCode,
  periodLabel,
  periodOf,
  periodsBetween,
  previousPeriod,
} from '../../../../shared/indicators/periods.ts';
import { AgencyPicker } from '../../../components/AgencyPicker.tsx';
import { currentLang } from '../../../i18n.ts';
import { allIndicators, CHART_KINDS, type ChartConfig, fold, type IndicatorBrief, indKeys } from './api.ts';

/** Today in Vietnam as YYYY-MM-DD. */
export function todayVn(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

const DEFAULT_SPAN: Record<Periodicity, number> = { month: 12, quarter: 8, half: 6, nine_months: 4, year: 5 };

/** The last finished periods of a periodicity: the default range of a new chart. */
export function defaultRange(periodicity: Periodicity): { from: string; to: string } {
  const to = previousPeriod(periodOf(periodicity, todayVn()));
  let from = to;
  for (let i = 1; i < DEFAULT_SPAN[periodicity]; i++) from = previousPeriod(from);
  return { from: from.code, to: to.code };
}

/** The periods one can pick: five years back to the current period. */
function periodOptions(periodicity: Periodicity) {
  const now = periodOf(periodicity, todayVn());
  const start = parsePeriod(periodCode(periodicity, now.year - 5, 1)) ?? now;
  return periodsBetween(start, now)
    .reverse()
    .map((p) => ({ value: p.code, label: periodLabel(p, currentLang()) }));
}

export function useIndicatorList() {
  return useQuery({ queryKey: indKeys.pickList, queryFn: allIndicators, staleTime: 5 * 60_000 });
}

/** A searchable list of indicators: by code or name, with or without diacritics. */
export function IndicatorSelect({
  id,
  value,
  onChange,
  multiple,
  items,
  loading,
}: {
  id?: string;
  value: string[];
  onChange: (codes: string[], picked: IndicatorBrief[]) => void;
  multiple?: boolean;
  items: IndicatorBrief[];
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const options = items.map((i) => ({
    value: i.code,
    label: `${i.code} · ${i.name} (${i.unit})`,
    search: fold(`${i.code} ${i.name}`),
  }));
  const pick = (codes: string[]) =>
    onChange(
      codes,
      codes.map((c) => items.find((i) => i.code === c)).filter((i): i is IndicatorBrief => !!i),
    );
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      maxCount={multiple ? 5 : undefined}
      value={multiple ? value : value[0]}
      loading={loading}
      style={{ width: '100%' }}
      placeholder={t('indAnalysis.indicatorPlaceholder')}
      showSearch={{
        filterOption: (input, opt) =>
          !!opt && (opt as { search: string }).search.includes(fold(input.trim())),
      }}
      options={options}
      notFoundContent={t('indAnalysis.noIndicator')}
      onChange={(v: string | string[] | undefined) => pick(v === undefined ? [] : Array.isArray(v) ? v : [v])}
    />
  );
}

/** The settings of one chart: indicators, the node of the agencies tree, the periods, the kind. */
export function ChartForm({
  value,
  onChange,
  defaultAgency,
}: {
  value: ChartConfig;
  onChange: (v: ChartConfig) => void;
  defaultAgency?: { id: string; name: string; agencyCode: string | null } | null;
}) {
  const { t } = useTranslation();
  const base = useId();
  const list = useIndicatorList();
  const items = list.data ?? [];
  const first = items.find((i) => i.code === value.indicators[0]);
  const periodicity: Periodicity = first?.periodicity ?? 'month';
  const periods = useMemo(() => periodOptions(periodicity), [periodicity]);
  // Several indicators on one chart share the first one's periodicity.
  const sameKind = items.filter(
    (i) => !first || i.periodicity === first.periodicity || value.indicators.includes(i.code),
  );
  return (
    <Row gutter={[12, 12]} className="lt-chart-form">
      <Col xs={24} lg={12}>
        <label htmlFor={`${base}-ind`} className="lt-field-label">
          {t('indAnalysis.indicators')}
        </label>
        <IndicatorSelect
          id={`${base}-ind`}
          multiple
          value={value.indicators}
          items={sameKind}
          loading={list.isPending}
          onChange={(codes, picked) => {
            const p0 = picked[0];
            const next = { ...value, indicators: codes };
            if (p0 && (!first || p0.periodicity !== first.periodicity))
              Object.assign(next, defaultRange(p0.periodicity));
            if (!value.title || value.title === first?.name) next.title = p0?.name ?? '';
            onChange(next);
          }}
        />
      </Col>
      <Col xs={24} lg={12}>
        <label htmlFor={`${base}-agency`} className="lt-field-label">
          {t('indAnalysis.agency')}
        </label>
        <AgencyPicker
          id={`${base}-agency`}
          agenciesOnly
          value={value.agencyId}
          initial={defaultAgency ?? null}
          allowClear
          placeholder={t('indAnalysis.agencyProvince')}
          onChange={(id) => onChange({ ...value, agencyId: id })}
        />
      </Col>
      <Col xs={12} md={6}>
        <label htmlFor={`${base}-from`} className="lt-field-label">
          {t('indAnalysis.from')}
        </label>
        <Select
          id={`${base}-from`}
          value={value.from || undefined}
          style={{ width: '100%' }}
          options={periods}
          onChange={(from: string) =>
            onChange({ ...value, from, to: value.to && value.to < from ? from : value.to })
          }
        />
      </Col>
      <Col xs={12} md={6}>
        <label htmlFor={`${base}-to`} className="lt-field-label">
          {t('indAnalysis.to')}
        </label>
        <Select
          id={`${base}-to`}
          value={value.to || undefined}
          style={{ width: '100%' }}
          options={periods.filter((p) => !value.from || p.value >= value.from)}
          onChange={(to: string) => onChange({ ...value, to })}
        />
      </Col>
      <Col xs={24} md={8}>
        <span className="lt-field-label" id={`${base}-kind`}>
          {t('indAnalysis.chartKind')}
        </span>
        <Segmented<ChartConfig['chart']>
          aria-labelledby={`${base}-kind`}
          value={value.chart}
          options={CHART_KINDS.map((k) => ({ value: k, label: t(`indAnalysis.kinds.${k}`) }))}
          onChange={(chart) => onChange({ ...value, chart })}
        />
      </Col>
      <Col xs={24} md={4}>
        <label htmlFor={`${base}-cmp`} className="lt-field-label">
          {t('indAnalysis.compare')}
        </label>
        <Switch
          id={`${base}-cmp`}
          checked={!!value.compare}
          onChange={(compare) => onChange({ ...value, compare })}
        />
      </Col>
    </Row>
  );
}
