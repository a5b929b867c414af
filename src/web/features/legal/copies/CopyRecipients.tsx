import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CopyRecipientView } from '../../../../shared/legal/copies.ts';
import { can, useSession } from '../../../api/session.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { useSystemTexts } from '../../../i18n.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { type CopyView, copiesOfDocument, copiesOfLegal, copyKeys } from './api.ts';

const K = 'legal.copies';

/** Where one copy went and who registered it: agency, status, arrival number, time, clerk. */
export function CopyRecipients({ copy }: { copy: CopyView }) {
  const { t } = useTranslation();
  return (
    <TableRegion label={t(`${K}.columns.recipients`)}>
      <Table<CopyRecipientView>
        size="small"
        rowKey={(r) => r.agencyId ?? r.name}
        pagination={false}
        dataSource={copy.recipients}
        scroll={{ x: 640 }}
        columns={[
          { key: 'agency', title: t(`${K}.columns.agency`), dataIndex: 'name' },
          {
            key: 'status',
            title: t(`${K}.columns.status`),
            render: (_v, r) => (
              <Tag color={r.arrivalNumber != null ? 'green' : 'default'}>
                {t(`${K}.status.${r.status}`, { defaultValue: r.status })}
              </Tag>
            ),
          },
          { key: 'arrival', title: t(`${K}.columns.arrival`), render: (_v, r) => r.arrivalNumber ?? '—' },
          {
            key: 'at',
            title: t(`${K}.columns.registeredAt`),
            render: (_v, r) => (r.registeredAt ? formatDateTime(r.registeredAt) : '—'),
          },
          { key: 'clerk', title: t(`${K}.columns.clerk`), render: (_v, r) => r.registeredBy ?? '—' },
        ]}
      />
    </TableRegion>
  );
}

/**
 * The copies made of a legal document (`legalDocumentId`) or of a document of the system
 * (`documentId`): each copy's number, form, date, and where it went and who registered it.
 */
export function DocumentCopies({
  legalDocumentId,
  documentId,
}: {
  legalDocumentId?: string;
  documentId?: string;
}) {
  const ready = useSystemTexts('legal');
  const me = useSession();
  // A document's copies are the copying office's business; a legal record's are shown to everyone.
  if (!ready || (documentId && !can(me, 'legal.copy'))) return null;
  return <CopiesCard legalDocumentId={legalDocumentId} documentId={documentId} />;
}

function CopiesCard({ legalDocumentId, documentId }: { legalDocumentId?: string; documentId?: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: legalDocumentId ? copyKeys.ofLegal(legalDocumentId) : copyKeys.ofDocument(documentId!),
    queryFn: () => (legalDocumentId ? copiesOfLegal(legalDocumentId) : copiesOfDocument(documentId!)),
  });
  const items = q.data?.items ?? [];
  if (documentId && items.length === 0 && !q.error) return null;
  return (
    <Card title={<h2 className="lt-card-title">{t(`${K}.list.title`)}</h2>} data-testid="document-copies">
      {q.error ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {items.length === 0 && !q.isPending ? (
        <Typography.Paragraph type="secondary">{t(`${K}.list.empty`)}</Typography.Paragraph>
      ) : null}
      {items.map((c) => (
        <section key={c.id} style={{ marginBottom: 16 }}>
          <h3 className="lt-card-title" style={{ fontSize: 15 }}>
            {t(`${K}.list.of`, {
              form: c.formName,
              number: c.numberNotation,
              date: formatDate(c.createdAt),
              agency: c.agencyName,
            })}{' '}
            <Tag color={c.signed ? 'blue' : 'orange'}>{c.signed ? t(`${K}.signed`) : t(`${K}.unsigned`)}</Tag>
            <Tag>{t(`${K}.registeredOf`, { n: c.registered, m: c.total })}</Tag>
          </h3>
          <CopyRecipients copy={c} />
        </section>
      ))}
    </Card>
  );
}
