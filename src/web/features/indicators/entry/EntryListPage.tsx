import { useQueries, useQuery } from '@tanstack/react-query';
import { Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type Period, periodLabel, periodOf, previousPeriod } from '../../../../shared/indicators/periods.ts';
import { type FormState, formCalendar, formState } from '../../../../shared/indicators/schedule.ts';
import { useSession } from '../../../api/session.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FilterBar, FilterField } from '../../../components/FilterBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { entryKeys, formSchedule, getReport, listReportForms, type ReportForm } from './api.ts';
import { FormStateTag, ReportStatusTag, viDate } from './common.tsx';

/** Today in Vietnam, YYYY-MM-DD. */
export function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

interface Line {
  key: string;
  form: ReportForm;
  period: Period;
  state: FormState;
  dueOn: string;
}

/** The periods shown per form: the latest that has opened, and the two before it. */
function recentPeriods(form: ReportForm, today: string, count = 3): Period[] {
  let p = periodOf(form.periodicity, today);
  // The current period opens on its last day; before that the previous one is the latest open.
  if (formCalendar(p, form).opensOn > today) p = previousPeriod(p);
  const out: Period[] = [];
  for (let i = 0; i < count; i++) {
    out.push(p);
    p = previousPeriod(p);
  }
  return out;
}

/** Nhập số liệu: the forms my agency reports × the periods open now and recent ones. */
export default function EntryListPage() {
  const { t } = useTranslation();
  const me = useSession();
  const myAgency = me.agency?.id ?? '';
  const [stateFilter, setStateFilter] = useState<string>('');
  const forms = useQuery({ queryKey: entryKeys.forms, queryFn: listReportForms });
  const today = vietnamToday();

  const lines = useMemo<Line[]>(() => {
    const mine = (forms.data ?? []).filter((f) => {
      if (f.active === false) return false;
      return f.agencies.some((a) => a.id === myAgency);
    });
    return mine.flatMap((form) =>
      recentPeriods(form, today).map((period) => {
        const cal = formCalendar(period, form);
        return {
          key: `${form.id}|${period.code}`,
          form,
          period,
          state: formState(cal, today),
          dueOn: cal.dueOn,
        };
      }),
    );
  }, [forms.data, myAgency, today]);

  // The server's calendar for my agency: the state with reopenings, and the report's status.
  const schedules = useQueries({
    queries: lines.map((l) => ({
      queryKey: entryKeys.schedule(l.form.id, l.period.code),
      queryFn: () => formSchedule(l.form.id, l.period.code),
      retry: false,
    })),
  });
  const mineOf = (i: number) => schedules[i]?.data?.agencies.find((a) => a.agencyId === myAgency);
  // The reason of a return, for the reports returned to me.
  const reports = useQueries({
    queries: lines.map((l, i) => ({
      queryKey: entryKeys.report(l.form.id, l.period.code, myAgency),
      queryFn: () => getReport(l.form.id, l.period.code, myAgency),
      enabled: mineOf(i)?.reportStatus === 'returned',
      retry: false,
    })),
  });
  const statusOf = (i: number) => {
    const status = mineOf(i)?.reportStatus ?? reports[i]?.data?.status ?? null;
    return status ? { status, returnReason: reports[i]?.data?.returnReason ?? null } : undefined;
  };
  const stateOf = (l: Line & { i: number }) => mineOf(l.i)?.state ?? l.state;

  const shown = lines
    .map((l, i) => ({ ...l, i }))
    .map((l) => ({ ...l, state: stateOf(l) }))
    .filter((l) => !stateFilter || l.state === stateFilter || statusOf(l.i)?.status === stateFilter);

  const link = (l: Line) => `/chi-tieu/nhap/${l.form.id}/${l.period.code}`;
  const statusCell = (i: number) => {
    const r = statusOf(i);
    if (!r) return <ReportStatusTag status="draft" />;
    return (
      <Space direction="vertical" size={0}>
        <ReportStatusTag status={r.status} />
        {r.status === 'returned' && r.returnReason ? (
          <span className="lt-muted">
            {t('indEntry.list.reason')}: {r.returnReason}
          </span>
        ) : null}
      </Space>
    );
  };

  const filterId = 'ind-entry-state';
  return (
    <>
      <PageHeader title={t('indEntry.list.title')} intro={t('indEntry.list.intro')} />
      <FilterBar active={stateFilter ? 1 : 0}>
        <FilterField label={t('indEntry.list.filter')} htmlFor={filterId}>
          <Select
            id={filterId}
            value={stateFilter}
            onChange={setStateFilter}
            options={[
              { value: '', label: t('indEntry.list.all') },
              ...(['open', 'due_soon', 'overdue', 'locked'] as const).map((s) => ({
                value: s,
                label: t(`indEntry.states.${s}`),
              })),
              ...(['draft', 'submitted', 'approved', 'returned'] as const).map((s) => ({
                value: s,
                label: t(`indEntry.statuses.${s}`),
              })),
            ]}
          />
        </FilterField>
      </FilterBar>
      <ErrorAlert error={forms.error} />
      <ResponsiveList
        label={t('indEntry.list.title')}
        items={shown}
        rowKey={(l) => l.key}
        loading={forms.isPending}
        empty={<EmptyText>{t('indEntry.list.empty')}</EmptyText>}
        card={(l) => (
          <ListCard
            to={link(l)}
            overline={l.form.code}
            title={`${l.form.name} · ${periodLabel(l.period)}`}
            fields={[{ label: t('indEntry.list.due'), value: viDate(l.dueOn) }]}
            tags={
              <Space wrap size={4}>
                <FormStateTag state={l.state} />
                {statusCell(l.i)}
              </Space>
            }
          />
        )}
        table={{
          columns: [
            {
              title: t('indEntry.list.form'),
              key: 'form',
              render: (_, l) => (
                <Link to={link(l)}>
                  {l.form.code} · {l.form.name}
                </Link>
              ),
            },
            { title: t('indEntry.list.period'), key: 'period', render: (_, l) => periodLabel(l.period) },
            { title: t('indEntry.list.due'), key: 'due', render: (_, l) => viDate(l.dueOn) },
            {
              title: t('indEntry.list.state'),
              key: 'state',
              render: (_, l) => <FormStateTag state={l.state} />,
            },
            { title: t('indEntry.list.status'), key: 'status', render: (_, l) => statusCell(l.i) },
          ],
        }}
      />
    </>
  );
}
