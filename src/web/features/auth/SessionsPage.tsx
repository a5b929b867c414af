import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../shared/schemas/auth.ts';
import type { Items } from '../../../shared/schemas/common.ts';
import { del, errorMessage, get } from '../../api/client.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeUserAgent, formatDateTime } from '../../lib/format.ts';

/** Phiên đăng nhập của tôi: where the person is signed in, and ending a session elsewhere. */
export default function SessionsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const sessions = useQuery({
    queryKey: ['sessions'],
    queryFn: () => get<Items<SessionView>>('/auth/sessions'),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del(`/auth/sessions/${id}`),
    onSuccess: async () => {
      message.success(t('auth.sessions.revoked'));
      await qc.invalidateQueries({ queryKey: ['sessions'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      <PageHeader title={t('auth.sessions.title')} intro={t('auth.sessions.intro')} />
      <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      <Card>
        <TableRegion label={t('auth.sessions.title')}>
          <Table<SessionView>
            rowKey="id"
            loading={sessions.isPending}
            dataSource={[...(sessions.data?.items ?? [])].sort(
              (a, b) => Number(b.current) - Number(a.current),
            )}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyText>{t('auth.sessions.empty')}</EmptyText> }}
            columns={[
              {
                title: t('auth.sessions.device'),
                key: 'device',
                render: (_v, s) => (
                  <span>
                    {describeUserAgent(s.userAgent) ?? t('auth.sessions.unknownDevice')}{' '}
                    {s.current ? <Tag color="blue">{t('auth.sessions.current')}</Tag> : null}
                  </span>
                ),
              },
              {
                title: t('auth.sessions.ip'),
                dataIndex: 'ip',
                render: (v: string | null) => v ?? t('common.none'),
              },
              {
                title: t('auth.sessions.createdAt'),
                dataIndex: 'createdAt',
                render: (v: string) => formatDateTime(v),
              },
              {
                title: t('auth.sessions.lastSeenAt'),
                dataIndex: 'lastSeenAt',
                render: (v: string) => formatDateTime(v),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_v, s) =>
                  s.current ? (
                    <Typography.Text type="secondary">{t('auth.sessions.currentHint')}</Typography.Text>
                  ) : (
                    <Popconfirm
                      title={t('auth.sessions.revokeConfirm')}
                      okText={t('auth.sessions.revoke')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => revoke.mutateAsync(s.id)}
                    >
                      <Button danger size="small">
                        {t('auth.sessions.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        </TableRegion>
        <Typography.Paragraph type="secondary" className="lt-gap">
          {t('auth.sessions.currentHint')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
