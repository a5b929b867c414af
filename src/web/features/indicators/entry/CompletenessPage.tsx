import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { periodLabel, periodOf, previousPeriod } from '../../../../shared/indicators/periods.ts';
import { formCalendar } from '../../../../shared/indicators/schedule.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FilterBar, FilterField } from '../../../components/FilterBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import {
  type CompletenessView,
  completeness,
  completenessXlsxUrl,
  entryKeys,
  listReportForms,
} from './api.ts';
import { ReportStatusTag, TimelinessTag, viDate, viDateTime } from './common.tsx';
import { vietnamToday } from './EntryListPage.tsx';

type Line = CompletenessView['rows'][number];

/** Tình hình báo cáo: per reporting agency, for a form and period — on time, late, missing… */
export default function CompletenessPage() {
  const { t } = useTranslation();
  const forms = useQuery({ queryKey: entryKeys.forms, queryFn: listReportForms });
  const [formId, setFormId] = useState<string>('');
  const [period, setPeriod] = useState<string>('');
  const today = vietnamToday();
  const form = (forms.data ?? []).find((f) => f.id === formId) ?? forms.data?.[0];
  const periods = useMemo(() => {
    if (!form) return [];
    let p = periodOf(form.periodicity, today);
    if (formCalendar(p, form).opensOn > today) p = previousPeriod(p);
    const out = [];
    for (let i = 0; i < 12; i++) {
      out.push(p);
      p = previousPeriod(p);
    }
    return out;
  }, [form, today]);
  const chosenPeriod = period && periods.some((p) => p.code === period) ? period : (periods[0]?.code ?? '');
  const view = useQuery({
    queryKey: entryKeys.completeness(form?.id ?? '', chosenPeriod),
    queryFn: () => completeness(form!.id, chosenPeriod),
    enabled: !!form && !!chosenPeriod,
  });
  const s = view.data?.summary;
  return (
    <>
      <PageHeader
        title={t('indEntry.completeness.title')}
        intro={t('indEntry.completeness.intro')}
        extra={
          form && chosenPeriod ? (
            <Button
              icon={<DownloadOutlined aria-hidden />}
              href={completenessXlsxUrl(form.id, chosenPeriod)}
              download
            >
              {t('indEntry.completeness.export')}
            </Button>
          ) : null
        }
      />
      <FilterBar active={0}>
        <FilterField label={t('indEntry.list.form')} htmlFor="ind-c-form" wide>
          <Select
            id="ind-c-form"
            loading={forms.isPending}
            value={form?.id}
            onChange={(v) => setFormId(v)}
            options={(forms.data ?? []).map((f) => ({ value: f.id, label: `${f.code} · ${f.name}` }))}
          />
        </FilterField>
        <FilterField label={t('indEntry.list.period')} htmlFor="ind-c-period">
          <Select
            id="ind-c-period"
            value={chosenPeriod || undefined}
            onChange={(v) => setPeriod(v)}
            options={periods.map((p) => ({ value: p.code, label: periodLabel(p) }))}
          />
        </FilterField>
      </FilterBar>
      <ErrorAlert error={forms.error ?? view.error} />
      {s && view.data ? (
        <section className="lt-block" aria-label={t('indEntry.completeness.summary')}>
          <p>
            {t('indEntry.completeness.due', { date: viDate(view.data.dueOn) })} ·{' '}
            {t('indEntry.completeness.pct', { pct: s.completePct.toLocaleString('vi-VN') })}
          </p>
          <Space wrap size={4}>
            <Tag>{t('indEntry.completeness.total', { count: s.total })}</Tag>
            <Tag color="green">{t('indEntry.completeness.onTime', { count: s.onTime })}</Tag>
            <Tag color="orange">{t('indEntry.completeness.late', { count: s.late })}</Tag>
            <Tag color="red">{t('indEntry.completeness.overdue', { count: s.overdue })}</Tag>
            <Tag>{t('indEntry.completeness.pending', { count: s.pending })}</Tag>
            <Tag color="green">{t('indEntry.completeness.approved', { count: s.approved })}</Tag>
            <Tag color="blue">{t('indEntry.completeness.submitted', { count: s.submitted })}</Tag>
            <Tag color="orange">{t('indEntry.completeness.returned', { count: s.returned })}</Tag>
            <Tag>{t('indEntry.completeness.draft', { count: s.draft })}</Tag>
            <Tag color="red">{t('indEntry.completeness.missing', { count: s.missing })}</Tag>
          </Space>
        </section>
      ) : null}
      <ResponsiveList<Line>
        label={t('indEntry.completeness.title')}
        items={view.data?.rows ?? []}
        rowKey={(r) => r.agency.id}
        loading={view.isPending && view.fetchStatus !== 'idle'}
        empty={<EmptyText>{t('indEntry.completeness.empty')}</EmptyText>}
        card={(r) => (
          <ListCard
            title={r.agency.name}
            overline={r.agency.code ?? undefined}
            fields={[
              { label: t('indEntry.completeness.submittedAt'), value: viDateTime(r.submittedAt) || '—' },
              { label: t('indEntry.completeness.values'), value: r.valueCount },
            ]}
            tags={
              <Space wrap size={4}>
                <ReportStatusTag status={r.status} />
                <TimelinessTag value={r.timeliness} />
              </Space>
            }
          />
        )}
        table={{
          columns: [
            { title: t('indEntry.inbox.agency'), key: 'agency', render: (_, r) => r.agency.name },
            {
              title: t('indEntry.list.status'),
              key: 'status',
              render: (_, r) => <ReportStatusTag status={r.status} />,
            },
            {
              title: t('indEntry.completeness.timeliness'),
              key: 'timeliness',
              render: (_, r) => <TimelinessTag value={r.timeliness} />,
            },
            {
              title: t('indEntry.completeness.submittedAt'),
              key: 'submittedAt',
              render: (_, r) => viDateTime(r.submittedAt) || '—',
            },
            {
              title: t('indEntry.completeness.approvedAt'),
              key: 'approvedAt',
              render: (_, r) => viDateTime(r.approvedAt) || '—',
            },
            { title: t('indEntry.completeness.values'), dataIndex: 'valueCount', align: 'right' },
          ],
        }}
      />
    </>
  );
}
