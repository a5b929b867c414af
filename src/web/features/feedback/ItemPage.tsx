import { ArrowLeftOutlined, DownloadOutlined, LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, List, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { FeedbackKind } from '../../../shared/feedback/rules.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { feedbackKeys, fileUrl, getIdentity, getItem, verifierCopyUrl } from './api.ts';
import { ItemActions } from './ItemActions.tsx';
import { FeedbackStatusTag } from './StatusTag.tsx';

/** One item: what to do now, its content, the sender (sealed for a denunciation), files, people and history. */
export default function ItemPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: feedbackKeys.item(id), queryFn: () => getItem(id) });
  const who = useMutation({ mutationFn: () => getIdentity(id) });
  if (q.isPending) return <Loading />;
  if (q.error || !q.data)
    return (
      <>
        <PageHeader title={t('services.feedback.item.title')} />
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const it = q.data;
  const kind = (it.kind === 'unclassified' ? it.declaredKind : it.kind) as FeedbackKind;
  const due = it.status === 'received' ? it.classifyDueAt : it.status === 'accepted' ? it.settleDueAt : null;
  const overdue = !!due && new Date(due) < new Date();
  return (
    <>
      <PageHeader
        title={`${t('services.feedback.item.title')} ${it.code}`}
        intro={it.subject}
        extra={
          <Link to="/phan-anh">
            <ArrowLeftOutlined aria-hidden /> {t('services.feedback.item.back')}
          </Link>
        }
      />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <div>
          <FeedbackStatusTag status={it.status} overdue={overdue} />
          <Tag>{t(`services.feedback.kinds.${kind}`)}</Tag>
          {due ? (
            <Typography.Text>
              {t('services.feedback.dueAt')}: <strong>{formatDate(due)}</strong>
            </Typography.Text>
          ) : null}
        </div>
        <ItemActions item={it} />

        <section aria-labelledby="noi-dung-don">
          <Typography.Title level={2} id="noi-dung-don">
            {t('services.feedback.item.sections.content')}
          </Typography.Title>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('services.feedback.kind')}>
              {t(`services.feedback.kinds.${kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.feedback.item.declared')}>
              {t(`services.feedback.kinds.${it.declaredKind as FeedbackKind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.feedback.item.received')}>
              {formatDateTime(it.receivedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.feedback.channel')}>
              {t(`services.feedback.channels.${it.channel as 'online' | 'desk' | 'post'}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.feedback.item.receivedBy')}>
              {it.receivedAgencyName}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.feedback.holder')}>{it.holderName}</Descriptions.Item>
            <Descriptions.Item label={t('services.feedback.item.classifyDue')}>
              {formatDate(it.classifyDueAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('services.feedback.item.settleDue')}>
              {formatDate(it.settleDueAt)}
              {it.extensions > 0
                ? ` (${t('services.feedback.item.extensions', { n: it.extensions, max: it.maxExtensions })})`
                : ''}
            </Descriptions.Item>
            {it.kind === 'complaint' ? (
              <Descriptions.Item label={t('services.feedback.kind')}>
                {t('services.feedback.item.instance', { n: it.instance })}
                {it.remote ? ` · ${t('services.feedback.item.remote')}` : ''}
              </Descriptions.Item>
            ) : null}
            {it.field ? (
              <Descriptions.Item label={t('services.feedback.form.field')}>{it.field}</Descriptions.Item>
            ) : null}
            {it.duplicateOfCode ? (
              <Descriptions.Item label={t('services.feedback.item.duplicateOf')}>
                {it.duplicateOfCode}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Typography.Paragraph className="lt-prewrap" style={{ marginTop: 12 }}>
            {it.content}
          </Typography.Paragraph>
          {it.result ? (
            <Alert
              type={it.status === 'settled' ? 'success' : 'info'}
              showIcon
              message={t('services.feedback.item.result')}
              description={it.result}
            />
          ) : null}
        </section>

        <section aria-labelledby="nguoi-gui">
          <Typography.Title level={2} id="nguoi-gui">
            {t('services.feedback.item.sections.sender')}
          </Typography.Title>
          {it.identitySealed ? (
            <Alert
              type="warning"
              showIcon
              icon={<LockOutlined aria-hidden />}
              message={t('services.feedback.item.sealedNote')}
            />
          ) : who.data ? (
            <>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
                <Descriptions.Item label={t('services.feedback.form.name')}>
                  {who.data.name}
                </Descriptions.Item>
                <Descriptions.Item label={t('services.feedback.form.address')}>
                  {who.data.address ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('services.feedback.form.phone')}>
                  {who.data.phone ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('services.feedback.form.email')}>
                  {who.data.email ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('services.feedback.form.idNumber')}>
                  {who.data.idNumber ?? '—'}
                </Descriptions.Item>
              </Descriptions>
              {who.data.originalContent && who.data.originalContent !== it.content ? (
                <>
                  <Typography.Title level={3}>{t('services.feedback.item.originalContent')}</Typography.Title>
                  <Typography.Paragraph className="lt-prewrap">
                    {who.data.originalContent}
                  </Typography.Paragraph>
                </>
              ) : null}
            </>
          ) : (
            <Space direction="vertical">
              <Button onClick={() => who.mutate()} loading={who.isPending}>
                {t('services.feedback.item.showSender')}
              </Button>
              <Typography.Text type="secondary">{t('services.feedback.item.senderAudited')}</Typography.Text>
              <ErrorAlert error={who.error} />
            </Space>
          )}
        </section>

        <section aria-labelledby="tai-lieu">
          <Typography.Title level={2} id="tai-lieu">
            {t('services.feedback.item.sections.files')}
          </Typography.Title>
          {it.files.length === 0 ? (
            <p className="lt-muted">{t('services.feedback.item.noFiles')}</p>
          ) : (
            <List
              size="small"
              bordered
              dataSource={it.files}
              renderItem={(f) => (
                <List.Item>
                  {f.available ? (
                    <a href={fileUrl(it.id, f.id)}>
                      <DownloadOutlined aria-hidden /> {f.fileName}
                    </a>
                  ) : (
                    <span>
                      <LockOutlined aria-hidden /> {f.fileName}
                    </span>
                  )}
                </List.Item>
              )}
            />
          )}
          <p>
            <Button href={verifierCopyUrl(it.id)} icon={<DownloadOutlined aria-hidden />}>
              {t('services.feedback.item.verifierCopy')}
            </Button>
          </p>
        </section>

        <section aria-labelledby="nguoi-duoc-giao">
          <Typography.Title level={2} id="nguoi-duoc-giao">
            {t('services.feedback.item.sections.members')}
          </Typography.Title>
          {it.members.length === 0 ? (
            <Typography.Text type="secondary">{t('services.feedback.item.noMembers')}</Typography.Text>
          ) : (
            <ul className="lt-plain-list">
              {it.members.map((m) => (
                <li key={m.personId}>
                  {m.name} — {t(`services.feedback.item.${m.role}`)}
                </li>
              ))}
            </ul>
          )}
        </section>

        {it.kind === 'regulation' || it.kind === 'proposal' ? (
          <section aria-labelledby="cong-khai">
            <Typography.Title level={2} id="cong-khai">
              {t('services.feedback.item.sections.public')}
            </Typography.Title>
            <p>
              {!it.publishConsent
                ? t('services.feedback.item.consentNo')
                : it.publishedAt
                  ? t('services.feedback.item.published', { date: formatDate(it.publishedAt) })
                  : t('services.feedback.item.notPublished')}
              {it.satisfaction ? ` ${t('services.feedback.item.rating', { n: it.satisfaction })}` : ''}
            </p>
          </section>
        ) : null}

        <section aria-labelledby="qua-trinh">
          <Typography.Title level={2} id="qua-trinh">
            {t('services.feedback.item.sections.history')}
          </Typography.Title>
          <Timeline
            items={it.events.map((e) => ({
              children: (
                <>
                  <div>
                    <strong>{formatDateTime(e.at)}</strong>
                    {e.actorName ? ` — ${e.actorName}` : ''}
                  </div>
                  {e.publicNote ? <div>{e.publicNote}</div> : null}
                  {e.note && e.note !== e.publicNote ? <div className="lt-muted">{e.note}</div> : null}
                </>
              ),
            }))}
          />
        </section>
      </Space>
    </>
  );
}
