import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Dropdown, Empty, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { NotificationPage, NotificationView } from '../../shared/schemas/notifications.ts';
import { get, post } from '../api/client.ts';
import { formatDateTime } from '../lib/format.ts';

const KEY = ['notifications'] as const;

/** The bell: unread count (polled every minute), the latest notices, click → read and open. */
export function NotificationSlot() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: KEY,
    queryFn: () => get<NotificationPage>('/notifications', { limit: 20 }),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
  const read = useMutation({
    mutationFn: (id: string) => post(`/notifications/${id}/read`),
    onSettled: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
  const unread = q.data?.unread ?? 0;
  const items = q.data?.items ?? [];
  const openItem = (n: NotificationView) => {
    setOpen(false);
    if (!n.read) read.mutate(n.id);
    if (n.link?.startsWith('/')) navigate(n.link);
  };
  const panel = (
    <div className="lt-bell-panel" role="dialog" aria-label={t('notifications.title')}>
      <div className="lt-bell-head">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        {unread > 0 ? (
          <Button type="link" size="small" onClick={() => read.mutate('all')}>
            {t('notifications.markAllRead')}
          </Button>
        ) : null}
      </div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <ul className="lt-bell-list">
          {items.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className={`lt-bell-item${n.read ? '' : ' lt-bell-unread'}`}
                onClick={() => openItem(n)}
              >
                <span className="lt-bell-title">
                  {n.read ? null : <span className="lt-visually-hidden">{t('notifications.unread')}: </span>}
                  {n.title}
                </span>
                {n.body ? <span className="lt-bell-body">{n.body}</span> : null}
                <span className="lt-bell-time">{formatDateTime(n.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <Dropdown
      open={open}
      onOpenChange={setOpen}
      trigger={['click']}
      popupRender={() => panel}
      placement="bottomRight"
    >
      <Button
        type="text"
        className="lt-bell"
        aria-label={unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
        aria-haspopup="dialog"
        aria-expanded={open}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined aria-hidden className="lt-bell-icon" />
          </Badge>
        }
      />
    </Dropdown>
  );
}
