import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { formatDate } from '../../../lib/format.ts';
import { type CopyView, copyKeys, listCopies } from './api.ts';
import { CopyDialog } from './CopyDialog.tsx';
import { CopyRecipients, DocumentCopies } from './CopyRecipients.tsx';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const K = 'legal.copies';

/** Sổ đăng ký bản sao (/sao-van-ban): the agency's copies of a year, newest number first. */
export default function CopiesPage() {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  // "/sao-van-ban?qppl=<id>": a link from a legal document (or a notice) asking for a copy of it.
  const [params] = useSearchParams();
  const asked = params.get('qppl');
  const legalId = asked && UUID_RE.test(asked) ? asked : null;
  const q = useInfiniteQuery({
    queryKey: copyKeys.list(year),
    queryFn: ({ pageParam, signal }) => listCopies({ year, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const sourceLink = (c: CopyView) =>
    c.source.kind === 'legal' ? `/van-ban-phap-luat/${c.source.id}` : `/van-ban/${c.source.id}`;
  return (
    <>
      <PageHeader
        title={t(`${K}.title`)}
        intro={t(`${K}.intro`)}
        extra={
          <Space>
            <label htmlFor="copies-year">{t(`${K}.year`)}</label>
            <Select
              id="copies-year"
              value={year}
              onChange={setYear}
              style={{ width: 100 }}
              options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({
                value: y,
                label: String(y),
              }))}
            />
          </Space>
        }
      />
      {legalId ? (
        <Card
          title={<h2 className="lt-card-title">{t(`${K}.fromLegal`)}</h2>}
          extra={<CopyDialog legalDocumentId={legalId} defaultOpen />}
          style={{ marginBottom: 16 }}
        >
          <Link to={`/van-ban-phap-luat/${legalId}`}>{t(`${K}.openLegal`)}</Link>
          <DocumentCopies legalDocumentId={legalId} />
        </Card>
      ) : null}
      {q.error ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      <TableRegion label={t(`${K}.title`)}>
        <Table<CopyView>
          rowKey="id"
          loading={q.isPending}
          dataSource={items}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <EmptyText>{t(`${K}.empty`)}</EmptyText> }}
          expandable={{ expandedRowRender: (c) => <CopyRecipients copy={c} /> }}
          columns={[
            {
              key: 'number',
              title: t(`${K}.columns.number`),
              render: (_v, c) => <strong data-testid="copy-number">{c.numberNotation}</strong>,
            },
            { key: 'date', title: t(`${K}.columns.date`), render: (_v, c) => formatDate(c.createdAt) },
            { key: 'form', title: t(`${K}.columns.form`), dataIndex: 'formName' },
            {
              key: 'source',
              title: t(`${K}.columns.source`),
              render: (_v, c) => (
                <Link to={sourceLink(c)}>
                  {c.source.numberNotation ? `${c.source.numberNotation}: ` : ''}
                  {c.source.title}
                </Link>
              ),
            },
            {
              key: 'recipients',
              title: t(`${K}.columns.recipients`),
              render: (_v, c) =>
                [
                  ...c.groups.map((g) => t(`${K}.dialog.group.${g}`)),
                  ...(c.groups.length ? [] : c.recipients.slice(0, 3).map((r) => r.name)),
                ].join('; ') + (c.groups.length === 0 && c.recipients.length > 3 ? '…' : ''),
            },
            {
              key: 'registered',
              title: t(`${K}.columns.registered`),
              render: (_v, c) => (
                <span data-testid="copy-registered">
                  {t(`${K}.registeredOf`, { n: c.registered, m: c.total })}
                </span>
              ),
            },
            {
              key: 'signature',
              title: t(`${K}.columns.signature`),
              render: (_v, c) => (
                <Tag color={c.signed ? 'blue' : 'orange'}>
                  {c.signed ? t(`${K}.signed`) : t(`${K}.unsigned`)}
                </Tag>
              ),
            },
          ]}
        />
      </TableRegion>
      {q.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          loading={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          {t(`${K}.more`)}
        </Button>
      ) : null}
    </>
  );
}
