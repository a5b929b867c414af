import { Alert, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MEASURE_BY_KEY, type MeasureKey } from '../../../../shared/reports/measures.ts';
import type {
  RowValue,
  SubmissionView,
  TableRow,
  TemplateSection,
} from '../../../../shared/reports/periodic.ts';
import { useSession } from '../../../api/session.ts';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { measureRecordsHref, measuresHref } from './api.ts';
import { formatFigure } from './common.tsx';

type TableSection = Extract<TemplateSection, { kind: 'table' }>;

/** The row's label with its unit: "Số văn bản đi (văn bản)". */
export function rowLabel(row: Pick<TableRow, 'label' | 'unit'>): string {
  return row.unit && !row.label.includes(row.unit) ? `${row.label} (${row.unit})` : row.label;
}

/** The measured figure's name, in the screen's language. */
export function measureName(key: string | undefined, lang: string): string | undefined {
  const m = key ? MEASURE_BY_KEY[key as MeasureKey] : undefined;
  if (!m) return undefined;
  return lang === 'en' ? m.nameEn : m.name;
}

/**
 * A row filled from a measured figure: the number (a share with its "n of d"), marked "Tự điền từ
 * hệ thống", linked to where it comes from: the documents counted (for the agency's own document
 * handlers) or the measured figures' table of the period (for those who read it).
 */
export function MeasuredFigure({
  row,
  value,
  submission,
}: {
  row: TableRow;
  value: RowValue | undefined;
  submission: Pick<SubmissionView, 'cycle' | 'agencyId'>;
}) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const measure = row.measure as MeasureKey | undefined;
  const def = measure ? MEASURE_BY_KEY[measure] : undefined;
  const figure = value?.value === null || value?.value === undefined ? null : value.value;
  const text = figure === null ? t('reports.periodic.fill.noFigure') : formatFigure(figure, i18n.language);
  const unit = figure !== null && row.unit ? ` ${row.unit}` : '';
  const ownAgency = me.agency?.id === submission.agencyId;
  const href =
    def && def.source === 'documents' && ownAgency && me.permissions.includes('documents') && figure !== null
      ? measureRecordsHref(submission.cycle, submission.agencyId, def.key)
      : def && me.permissions.includes('reports.measures')
        ? measuresHref(submission.cycle, def.key)
        : null;
  const name = measureName(measure, i18n.language) ?? row.label;
  return (
    <Space size={[8, 4]} wrap align="center">
      {href ? (
        <Link to={href} aria-label={`${text}${unit}. ${t('reports.periodic.fill.seeFigure', { name })}`}>
          <strong>
            {text}
            {unit}
          </strong>
        </Link>
      ) : (
        <strong>
          {text}
          {unit}
        </strong>
      )}
      {value?.d ? (
        <span className="lt-muted">
          {t('reports.periodic.fill.ofCount', { n: value.n ?? 0, d: value.d })}
        </span>
      ) : null}
      <Tag color="gold">{t('reports.periodic.fill.measured')}</Tag>
    </Space>
  );
}

/** The IT department's comments on a returned report, newest first and prominent. */
export function ReturnsNotice({
  submission,
  asHistory,
}: {
  submission: Pick<SubmissionView, 'returns' | 'status'>;
  asHistory?: boolean;
}) {
  const { t } = useTranslation();
  const returns = [...submission.returns].sort((a, b) => b.at.localeCompare(a.at));
  if (returns.length === 0) return null;
  const who = (r: (typeof returns)[number]) =>
    r.by
      ? t('reports.periodic.fill.returnedBy', { by: r.by, at: formatDateTime(r.at) })
      : t('reports.periodic.fill.returnedAt', { at: formatDateTime(r.at) });
  if (submission.status === 'returned' && !asHistory) {
    const [last, ...earlier] = returns;
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={<strong>{t('reports.periodic.fill.returned')}</strong>}
        description={
          <>
            <blockquote style={{ margin: '8px 0', fontSize: 16, whiteSpace: 'pre-wrap' }}>
              {last!.comment}
            </blockquote>
            <div className="lt-muted">{who(last!)}</div>
            {earlier.length ? (
              <details style={{ marginTop: 8 }}>
                <summary>{t('reports.periodic.fill.earlierReturns')}</summary>
                <ul>
                  {earlier.map((r) => (
                    <li key={r.at}>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{r.comment}</span>{' '}
                      <span className="lt-muted">— {who(r)}</span>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        }
      />
    );
  }
  return (
    <section aria-labelledby="periodic-returns" style={{ marginBottom: 16 }}>
      <Typography.Title level={2} id="periodic-returns" className="lt-section-title">
        {t('reports.periodic.review.history')}
      </Typography.Title>
      <ul>
        {returns.map((r) => (
          <li key={r.at}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{r.comment}</span>{' '}
            <span className="lt-muted">— {who(r)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One table section read (not filled): every row with its figure, measured rows marked. */
function TableRead({ section, submission }: { section: TableSection; submission: SubmissionView }) {
  const { t, i18n } = useTranslation();
  const values = submission.values[section.key];
  const rows = typeof values === 'object' && values !== null ? values : {};
  return (
    <TableRegion label={section.title}>
      <Table<TableRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={section.rows}
        columns={[
          { title: t('reports.periodic.fill.row'), dataIndex: 'label', key: 'label' },
          { title: t('reports.periodic.fill.unit'), dataIndex: 'unit', key: 'unit', width: 120 },
          {
            title: t('reports.periodic.fill.value'),
            key: 'value',
            align: 'right',
            render: (_, row): ReactNode =>
              row.measure ? (
                <MeasuredFigure
                  row={{ ...row, unit: undefined }}
                  value={rows[row.key]}
                  submission={submission}
                />
              ) : (
                formatFigure(rows[row.key]?.value, i18n.language)
              ),
          },
        ]}
      />
    </TableRegion>
  );
}

/** A submission as it stands, read only: text sections as paragraphs, tables as tables. */
export function SubmissionRead({ submission }: { submission: SubmissionView }) {
  const { t } = useTranslation();
  return (
    <div>
      {submission.sections.map((s, i) => (
        <section key={s.key} aria-labelledby={`periodic-sec-${s.key}`} style={{ marginBottom: 24 }}>
          <Typography.Title level={2} id={`periodic-sec-${s.key}`} className="lt-section-title">
            {`${i + 1}. ${s.title}`}
          </Typography.Title>
          {s.kind === 'text' ? (
            typeof submission.values[s.key] === 'string' && (submission.values[s.key] as string).trim() ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {submission.values[s.key] as string}
              </Typography.Paragraph>
            ) : (
              <Typography.Paragraph className="lt-muted">
                {t('reports.periodic.fill.empty')}
              </Typography.Paragraph>
            )
          ) : (
            <TableRead section={s} submission={submission} />
          )}
        </section>
      ))}
    </div>
  );
}
