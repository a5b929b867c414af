import { PaperClipOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { listReplies, mailKeys } from './api.ts';
import { CandidateStatusTag } from './MailCandidatesPage.tsx';

/**
 * Replies by e-mail to one of our outgoing documents (tied by In-Reply-To/References), on the
 * document's page for the agency's clerks: who answered, when, what, and where the reply went next.
 */
export function MailReplies({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const q = useInfiniteQuery({
    queryKey: mailKeys.replies(documentId),
    queryFn: ({ pageParam }) => listReplies(documentId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={<h2 className="lt-card-title">{t('mail.replies.title')}</h2>} className="lt-doc-card">
      {q.error ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      <List
        loading={q.isPending}
        dataSource={items}
        locale={{ emptyText: t('mail.replies.empty') }}
        renderItem={(c) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <div>
                <strong>{c.fromName ?? c.fromAddress}</strong>{' '}
                <span className="lt-muted">· {formatDateTime(c.sentAt ?? c.receivedAt)}</span>{' '}
                <CandidateStatusTag status={c.status} />
              </div>
              <div>{c.subject || t('mail.candidates.noSubject')}</div>
              {c.bodyText ? (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
                  {c.bodyText}
                </Typography.Paragraph>
              ) : null}
              {c.files.length ? (
                <div className="lt-muted">
                  <PaperClipOutlined aria-hidden /> {t('mail.replies.files', { count: c.files.length })}
                </div>
              ) : null}
              {c.documentId ? (
                <Link to={`/van-ban/${c.documentId}`}>{t('mail.replies.openDocument')}</Link>
              ) : c.status === 'new' || c.status === 'broken' ? (
                <Link to="/van-ban/den/thu-dien-tu">{t('mail.replies.openMail')}</Link>
              ) : null}
            </div>
          </List.Item>
        )}
      />
      {q.hasNextPage ? (
        <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Card>
  );
}
