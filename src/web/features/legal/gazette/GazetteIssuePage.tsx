import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DownloadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Select, Space, Tag } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDate } from '../../../lib/format.ts';
import {
  deleteIssue,
  type GazetteIssueView,
  gazetteKeys,
  getIssue,
  getOverview,
  issuePdfUrl,
  placeItem,
  publishIssue,
  reorderItems,
  unplaceItem,
} from './api.ts';
import { ItemCard } from './GazettePage.tsx';

/** Choose an accepted document and place it at the end of the draft. */
function PlaceForm({
  issue,
  onChange,
}: {
  issue: GazetteIssueView;
  onChange: (v: GazetteIssueView) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [itemId, setItemId] = useState<string | undefined>();
  const overview = useQuery({ queryKey: gazetteKeys.overview(), queryFn: () => getOverview() });
  const place = useMutation({
    mutationFn: () => placeItem(issue.id, itemId!),
    onSuccess: (v) => {
      setItemId(undefined);
      onChange(v);
    },
  });
  const options = (overview.data?.accepted ?? []).map((i) => ({
    value: i.id,
    label: `${i.numberNotation} — ${i.title}`,
  }));
  return (
    <Card title={t('legal.gazette.issue.place')}>
      <ErrorAlert error={place.error} />
      {options.length === 0 && !overview.isLoading ? (
        <EmptyText>{t('legal.gazette.issue.nothingToPlace')}</EmptyText>
      ) : (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <label htmlFor={id} className="lt-visually-hidden">
            {t('legal.gazette.issue.pick')}
          </label>
          <Select
            id={id}
            style={{ flex: '1 1 240px', minWidth: 0 }}
            placeholder={t('legal.gazette.issue.pickPlaceholder')}
            options={options}
            value={itemId}
            onChange={setItemId}
            loading={overview.isLoading}
          />
          <Button type="primary" disabled={!itemId} loading={place.isPending} onClick={() => place.mutate()}>
            {t('legal.gazette.issue.add')}
          </Button>
        </div>
      )}
    </Card>
  );
}

/** /cong-bao/so/:id: the issue's contents in order; the office edits a draft and publishes it. */
export default function GazetteIssuePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: gazetteKeys.issue(id), queryFn: () => getIssue(id) });
  const set = (v: GazetteIssueView) => {
    qc.setQueryData(gazetteKeys.issue(id), v);
    return qc.invalidateQueries({ queryKey: gazetteKeys.overview() });
  };
  const order = useMutation({ mutationFn: (ids: string[]) => reorderItems(id, ids), onSuccess: set });
  const remove = useMutation({ mutationFn: (itemId: string) => unplaceItem(id, itemId), onSuccess: set });
  const publish = useMutation({
    mutationFn: () => publishIssue(id),
    onSuccess: (v) => {
      message.success(t('legal.gazette.issue.published', { label: v.label }));
      return set(v);
    },
  });
  const drop = useMutation({
    mutationFn: () => deleteIssue(id),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: gazetteKeys.all });
      navigate('/cong-bao');
    },
  });
  const issue = q.data;
  const move = (from: number, to: number) => {
    if (!issue) return;
    const ids = issue.items.map((i) => i.id);
    const [x] = ids.splice(from, 1);
    ids.splice(to, 0, x!);
    order.mutate(ids);
  };
  return (
    <>
      <p>
        <Link to="/cong-bao">
          <ArrowLeftOutlined aria-hidden /> {t('legal.gazette.issue.back')}
        </Link>
      </p>
      <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      {q.isLoading ? <Loading /> : null}
      {issue ? (
        <>
          <PageHeader
            title={`${t('legal.gazette.title')} ${issue.label} (${issue.year})`}
            extra={
              issue.state === 'published' ? (
                <Button
                  type="primary"
                  icon={<DownloadOutlined aria-hidden />}
                  href={issuePdfUrl(issue.id)}
                  download
                >
                  {t('legal.gazette.issue.download')}
                </Button>
              ) : issue.canEdit ? (
                <Space wrap>
                  <Popconfirm
                    title={t('legal.gazette.issue.publishConfirm')}
                    onConfirm={() => publish.mutate()}
                    okText={t('legal.gazette.issue.publish')}
                    cancelText={t('legal.gazette.cancel')}
                  >
                    <Button type="primary" loading={publish.isPending} disabled={issue.items.length === 0}>
                      {t('legal.gazette.issue.publish')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={t('legal.gazette.issue.deleteConfirm')}
                    onConfirm={() => drop.mutate()}
                    okText={t('legal.gazette.issue.delete')}
                    cancelText={t('legal.gazette.cancel')}
                  >
                    <Button danger icon={<DeleteOutlined aria-hidden />} loading={drop.isPending}>
                      {t('legal.gazette.issue.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null
            }
          />
          <ErrorAlert error={publish.error ?? order.error ?? remove.error ?? drop.error} />
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 3 }}
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'date',
                label: t('legal.gazette.field.issueDate'),
                children: formatDate(issue.issueDate),
              },
              { key: 'n', label: t('legal.gazette.field.items'), children: String(issue.items.length) },
              {
                key: 'state',
                label: t('legal.gazette.field.issue'),
                children: (
                  <Tag color={issue.state === 'published' ? 'green' : 'default'}>
                    {t(`legal.gazette.issueState.${issue.state}`)}
                  </Tag>
                ),
              },
            ]}
          />
          {issue.state === 'published' ? (
            <Alert
              type="info"
              showIcon
              title={t('legal.gazette.issue.immutable')}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <div style={{ display: 'grid', gap: 16 }}>
            <Card title={t('legal.gazette.issue.contents')}>
              {issue.items.length === 0 ? (
                <EmptyText>{t('legal.gazette.issue.contentsEmpty')}</EmptyText>
              ) : (
                <ol className="lt-card-list" aria-label={t('legal.gazette.issue.contents')}>
                  {issue.items.map((item, i) => (
                    <ItemCard
                      key={item.id}
                      item={item}
                      actions={
                        issue.canEdit ? (
                          <Space wrap>
                            <Button
                              size="small"
                              icon={<ArrowUpOutlined aria-hidden />}
                              aria-label={t('legal.gazette.issue.up', { number: item.numberNotation })}
                              disabled={i === 0 || order.isPending}
                              onClick={() => move(i, i - 1)}
                            />
                            <Button
                              size="small"
                              icon={<ArrowDownOutlined aria-hidden />}
                              aria-label={t('legal.gazette.issue.down', { number: item.numberNotation })}
                              disabled={i === issue.items.length - 1 || order.isPending}
                              onClick={() => move(i, i + 1)}
                            />
                            <Button
                              size="small"
                              danger
                              aria-label={t('legal.gazette.issue.remove', { number: item.numberNotation })}
                              loading={remove.isPending && remove.variables === item.id}
                              onClick={() => remove.mutate(item.id)}
                            >
                              <DeleteOutlined aria-hidden />
                            </Button>
                          </Space>
                        ) : null
                      }
                    />
                  ))}
                </ol>
              )}
            </Card>
            {issue.canEdit ? <PlaceForm issue={issue} onChange={set} /> : null}
          </div>
        </>
      ) : null}
    </>
  );
}
