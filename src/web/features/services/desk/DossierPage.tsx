import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { DeskStep } from '../../../../shared/services/desk.ts';
import type { FormSchema } from '../../../../shared/services/form.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { deskKeys, formUrl, getDeskDossier, paperUrl, receiptUrl } from './api.ts';
import { DossierActions } from './DossierActions.tsx';
import { FormValues } from './FormValues.tsx';
import { DossierStatusTag } from './StatusTag.tsx';

const LETTER_FORM = { supplement: '02', refusal: '03', apology: '04', stop: '05' } as const;
const TIMELINESS_COLOR = { early: 'green', on_time: 'blue', late: 'red' } as const;

/** One dossier for the desk and its officers: what to do now, the applicant, the form, papers, steps, timeline and forms to print. */
export default function DossierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: deskKeys.dossier(id), queryFn: () => getDeskDossier(id) });
  if (q.isPending) return <Loading />;
  if (q.error || !q.data)
    return (
      <>
        <PageHeader title={t('services.desk.dossierTitle')} />
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const d = q.data;
  const letters = [...new Set(d.letters.map((l) => l.form))];
  return (
    <>
      <PageHeader
        title={`${t('services.desk.dossierTitle')} ${d.code}`}
        intro={d.procedure.name}
        extra={
          <Link to="/mot-cua">
            <ArrowLeftOutlined aria-hidden /> {t('services.desk.back')}
          </Link>
        }
      />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <div>
          <DossierStatusTag status={d.status} late={d.late} dueSoon={d.dueSoon} />
          {d.dueAt ? (
            <Typography.Text>
              {' '}
              {t('services.desk.dueAt')}: <strong>{formatDate(d.dueAt)}</strong>
            </Typography.Text>
          ) : null}
        </div>
        {d.dueSoon && d.actions.apology ? (
          <Alert type="warning" showIcon message={t('services.desk.apologyPrompt')} />
        ) : null}
        {d.openSupplement ? (
          <Alert
            type="info"
            showIcon
            message={t('services.desk.waitingSupplement', { date: formatDate(d.openSupplement.requestedAt) })}
            description={
              <ul className="lt-plain-list">
                {d.openSupplement.items.map((x) => (
                  <li key={x.name}>{x.name}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        <DossierActions d={d} />

        <section aria-labelledby="nguoi-nop">
          <Typography.Title level={2} id="nguoi-nop">
            {t('services.desk.sections.applicant')}
          </Typography.Title>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('services.desk.applicant')}>{d.applicant.name}</Descriptions.Item>
            <Descriptions.Item label={t('services.desk.idNumber')}>
              {d.applicant.idNumber ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.desk.phone')}>{d.applicant.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('services.desk.email')}>{d.applicant.email ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('services.desk.address')}>
              {d.applicant.address ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.desk.channel')}>
              {t(`services.desk.channels.${d.channel as 'online' | 'counter' | 'post'}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.desk.submittedAt')}>
              {formatDateTime(d.submittedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.desk.acceptedAt')}>
              {formatDateTime(d.acceptedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.desk.legalDue')}>
              {formatDate(d.originalDueAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.desk.fee')}>
              {d.fee.paidAt
                ? t('services.desk.feePaid', {
                    amount: (d.fee.amount ?? 0).toLocaleString('vi-VN'),
                    receipt: d.fee.receipt,
                  })
                : t('services.desk.feeNone')}
            </Descriptions.Item>
          </Descriptions>
        </section>

        <section aria-labelledby="to-khai">
          <Typography.Title level={2} id="to-khai">
            {t('services.desk.sections.form')}
          </Typography.Title>
          <FormValues schema={d.formSchema as FormSchema} values={d.form} />
        </section>

        <section aria-labelledby="giay-to">
          <Typography.Title level={2} id="giay-to">
            {t('services.desk.sections.papers')}
          </Typography.Title>
          {d.papers.length === 0 ? (
            <Typography.Paragraph>{t('services.desk.noPapers')}</Typography.Paragraph>
          ) : (
            <ul className="lt-plain-list">
              {d.papers.map((p) => (
                <li key={p.id}>
                  {p.paperName}: <a href={paperUrl(d.id, p.id)}>{p.fileName}</a> ({Math.ceil(p.size / 1024)}{' '}
                  KB)
                  {p.supplement ? (
                    <Tag style={{ marginLeft: 8 }}>{t('services.desk.supplemented')}</Tag>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="cac-buoc">
          <Typography.Title level={2} id="cac-buoc">
            {t('services.desk.sections.steps')}
          </Typography.Title>
          {d.steps.length === 0 ? (
            <Typography.Paragraph>{t('services.desk.noSteps')}</Typography.Paragraph>
          ) : (
            <TableRegion label={t('services.desk.sections.steps')}>
              <Table<DeskStep>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.steps}
                scroll={{ x: 860 }}
                columns={[
                  { title: t('services.desk.step'), dataIndex: 'name' },
                  {
                    title: t('services.desk.assignee'),
                    key: 'assignee',
                    render: (_v, s) => [s.assigneeName, s.divisionName].filter(Boolean).join(', ') || '—',
                  },
                  {
                    title: t('services.desk.handedAt'),
                    key: 'handed',
                    render: (_v, s) => formatDateTime(s.handedAt),
                  },
                  { title: t('services.desk.stepDue'), key: 'due', render: (_v, s) => formatDate(s.dueAt) },
                  {
                    title: t('services.desk.doneAt'),
                    key: 'done',
                    render: (_v, s) => formatDateTime(s.doneAt),
                  },
                  {
                    title: t('services.desk.stepResult'),
                    dataIndex: 'result',
                    render: (v: string | null) => v ?? '—',
                  },
                  {
                    title: t('services.desk.timeliness'),
                    key: 'timeliness',
                    render: (_v, s) =>
                      s.timeliness ? (
                        <Tag color={TIMELINESS_COLOR[s.timeliness]}>
                          {t(`services.desk.timelinessLabels.${s.timeliness}`)}
                        </Tag>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            </TableRegion>
          )}
        </section>

        <section aria-labelledby="in-phieu">
          <Typography.Title level={2} id="in-phieu">
            {t('services.desk.sections.print')}
          </Typography.Title>
          <Space wrap>
            <Button href={receiptUrl(d.id)} icon={<PrinterOutlined aria-hidden />}>
              {t('services.desk.forms.01')}
            </Button>
            {letters.map((f) => (
              <Button key={f} href={formUrl(d.id, LETTER_FORM[f])} icon={<PrinterOutlined aria-hidden />}>
                {t(`services.desk.forms.${LETTER_FORM[f]}`)}
              </Button>
            ))}
            {d.steps.length > 0 ? (
              <Button href={formUrl(d.id, '06')} icon={<PrinterOutlined aria-hidden />}>
                {t('services.desk.forms.06')}
              </Button>
            ) : null}
          </Space>
        </section>

        <section aria-labelledby="qua-trinh">
          <Typography.Title level={2} id="qua-trinh">
            {t('services.desk.sections.timeline')}
          </Typography.Title>
          <Timeline
            items={d.events.map((e) => ({
              key: `${e.at}-${e.kind}`,
              children: (
                <>
                  <Typography.Text strong>{formatDateTime(e.at)}</Typography.Text>
                  {e.statusLabel ? <> — {e.statusLabel}</> : null}
                  <br />
                  {e.publicNote ?? e.kind}
                  {e.internalNote ? <div className="lt-muted">{e.internalNote}</div> : null}
                  <div className="lt-muted">
                    {e.byApplicant ? t('services.desk.byApplicant') : (e.actorName ?? '')}
                  </div>
                </>
              ),
            }))}
          />
        </section>
      </Space>
    </>
  );
}
