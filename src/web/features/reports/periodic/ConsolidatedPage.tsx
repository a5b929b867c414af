import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConsolidatedView } from '../../../../shared/reports/periodic.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { consolidatedFileUrl, getConsolidated, paths, periodicKeys } from './api.ts';
import { CycleStatusTag, formatFigure, StatusTag } from './common.tsx';
import { measureName } from './SubmissionParts.tsx';
import { useScreenId } from './screens.ts';

type Section = ConsolidatedView['sections'][number];
type SummedRow = Extract<Section, { kind: 'table' }>['rows'][number];

/** A table section: each row summed across the included agencies (a share from the summed n and d). */
function SummedTable({ section }: { section: Extract<Section, { kind: 'table' }> }) {
  const { t, i18n } = useTranslation();
  return (
    <TableRegion label={t('reports.periodic.consolidated.tableLabel', { title: section.title })}>
      <Table<SummedRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={section.rows}
        columns={[
          {
            title: t('reports.periodic.consolidated.row'),
            key: 'label',
            render: (_, r) => (
              <>
                {r.label}
                {r.measure ? (
                  <div className="lt-muted">
                    {t('reports.periodic.fill.measured')}: {measureName(r.measure, i18n.language)}
                  </div>
                ) : null}
              </>
            ),
          },
          { title: t('reports.periodic.consolidated.unit'), dataIndex: 'unit', key: 'unit', width: 120 },
          {
            title: t('reports.periodic.consolidated.total'),
            key: 'value',
            align: 'right',
            width: 160,
            render: (_, r) => (
              <>
                <strong>{formatFigure(r.value, i18n.language)}</strong>
                {r.d ? (
                  <div className="lt-muted">
                    {t('reports.periodic.fill.ofCount', { n: r.n ?? 0, d: r.d })}
                  </div>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </TableRegion>
  );
}

/**
 * The province's consolidated report of a period: tables summed across the accepted reports, each
 * agency's text under its name, and the agencies whose report is not accepted listed as a warning
 * (never silently left out); DOCX and PDF in the Decree 30 layout.
 */
export default function ConsolidatedPage() {
  const { t } = useTranslation();
  const id = useScreenId();
  const q = useQuery({ queryKey: periodicKeys.consolidated(id), queryFn: () => getConsolidated(id) });
  const v = q.data;
  return (
    <>
      <PageHeader
        title={
          v
            ? `${t('reports.periodic.consolidated.title')} — ${v.cycle.label}`
            : t('reports.periodic.consolidated.title')
        }
        intro={
          v ? (
            <Space size={[8, 4]} wrap>
              <span>
                {t('reports.periodic.consolidated.intro', {
                  template: v.cycle.templateName,
                  label: v.cycle.label,
                })}
              </span>
              <CycleStatusTag status={v.cycle.status} />
            </Space>
          ) : null
        }
        extra={<Link to={paths.cycle(id)}>{t('reports.periodic.consolidated.back')}</Link>}
      />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending ? <Loading /> : null}
      {v ? (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            <Button
              type="primary"
              icon={<DownloadOutlined aria-hidden />}
              href={consolidatedFileUrl(id, 'docx')}
              download
            >
              {t('reports.periodic.downloadDocx')}
            </Button>
            <Button icon={<DownloadOutlined aria-hidden />} href={consolidatedFileUrl(id, 'pdf')} download>
              {t('reports.periodic.downloadPdf')}
            </Button>
          </Space>
          <Typography.Paragraph>
            {v.included.length
              ? t('reports.periodic.consolidated.included', { count: v.included.length })
              : t('reports.periodic.consolidated.noneIncluded')}
          </Typography.Paragraph>
          {v.missing.length ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 24 }}
              title={
                <strong>
                  {t('reports.periodic.consolidated.missingTitle', { count: v.missing.length })}
                </strong>
              }
              description={
                <ul
                  aria-label={t('reports.periodic.consolidated.missingTitle', { count: v.missing.length })}
                  style={{ margin: '8px 0 0', paddingLeft: 20, maxHeight: 320, overflowY: 'auto' }}
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: a long list scrolls; keyboard users reach it (WCAG 2.1.1)
                  tabIndex={0}
                >
                  {v.missing.map((m) => (
                    <li key={m.agencyId}>
                      <span>{m.agencyName}</span> <StatusTag status={m.status} />
                    </li>
                  ))}
                </ul>
              }
            />
          ) : (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 24 }}
              title={t('reports.periodic.consolidated.missingNone')}
            />
          )}
          {v.sections.map((s, i) => (
            <section key={s.key} aria-labelledby={`cons-${s.key}`} style={{ marginBottom: 24 }}>
              <Typography.Title level={2} id={`cons-${s.key}`} className="lt-section-title">
                {`${i + 1}. ${s.title}`}
              </Typography.Title>
              {s.kind === 'table' ? (
                <SummedTable section={s} />
              ) : s.parts.length === 0 ? (
                <Typography.Paragraph className="lt-muted">
                  {t('reports.periodic.consolidated.noText')}
                </Typography.Paragraph>
              ) : (
                s.parts.map((p) => (
                  <div key={p.agencyName} style={{ marginBottom: 12 }}>
                    <Typography.Title level={3} style={{ fontSize: 16, margin: '8px 0 4px' }}>
                      {p.agencyName}
                    </Typography.Title>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                      {p.text}
                    </Typography.Paragraph>
                  </div>
                ))
              )}
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}
