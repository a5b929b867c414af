import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Radio, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import {
  getPreferences,
  mailKeys,
  type NoticeKind,
  type NoticeMode,
  type PreferencesView,
  savePreferences,
} from './api.ts';

const MODES: NoticeMode[] = ['immediate', 'digest', 'off'];

/** Each person chooses, per kind of notice, mail at once, in the daily digest, or none. */
export default function MailPreferencesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const prefs = useQuery({ queryKey: mailKeys.preferences, queryFn: getPreferences });
  const [items, setItems] = useState<PreferencesView['items']>([]);
  useEffect(() => {
    if (prefs.data) setItems(prefs.data.items);
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: () => savePreferences(items),
    onSuccess: (r) => {
      qc.setQueryData(mailKeys.preferences, r);
      message.success(t('mail.prefs.saved'));
    },
  });
  const setMode = (kind: NoticeKind, mode: NoticeMode) =>
    setItems((xs) => xs.map((x) => (x.kind === kind ? { ...x, mode } : x)));
  return (
    <>
      <PageHeader title={t('mail.prefs.title')} intro={t('mail.prefs.intro')} />
      <Card>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {prefs.data ? (
            prefs.data.email ? (
              <Alert type="info" showIcon title={t('mail.prefs.sendTo', { email: prefs.data.email })} />
            ) : (
              <Alert type="warning" showIcon title={t('mail.prefs.noEmail')} />
            )
          ) : null}
          <ErrorAlert error={prefs.error ?? save.error} />
          <TableRegion label={t('mail.prefs.title')}>
            <Table
              rowKey="kind"
              loading={prefs.isPending}
              dataSource={items}
              pagination={false}
              columns={[
                {
                  title: t('mail.prefs.kind'),
                  key: 'kind',
                  render: (_, x) => <span id={`pref-${x.kind}`}>{t(`mail.prefs.kinds.${x.kind}`)}</span>,
                },
                {
                  title: t('mail.prefs.mode'),
                  key: 'mode',
                  render: (_, x) => (
                    <Radio.Group
                      aria-labelledby={`pref-${x.kind}`}
                      value={x.mode}
                      onChange={(e) => setMode(x.kind, e.target.value as NoticeMode)}
                      options={MODES.map((m) => ({ value: m, label: t(`mail.prefs.modes.${m}`) }))}
                    />
                  ),
                },
              ]}
            />
          </TableRegion>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Space>
      </Card>
    </>
  );
}
