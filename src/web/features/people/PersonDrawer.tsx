import { KeyOutlined, LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Drawer, Form, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import {
  addPosition,
  endPosition,
  getPerson,
  type PersonView,
  type PersonWithPassword,
  peopleKeys,
  resetPassword,
  setDisabled,
} from '../../api/people.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { roleLabel } from '../../lib/labels.ts';
import { PHONE_QUERY, useMediaQuery } from '../../lib/media.ts';
import { PositionFields, type PositionValues } from './PositionFields.tsx';
import { StatusTags } from './StatusTags.tsx';

function AddPositionForm({ person, onDone }: { person: PersonView; onDone: (p: PersonView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ position: PositionValues }>();
  const add = useMutation({
    mutationFn: (v: { position: PositionValues }) =>
      addPosition(person.id, {
        agencyId: v.position.agencyId,
        divisionId: v.position.divisionId ?? null,
        role: v.position.role,
        title: v.position.title?.trim() ?? '',
      }),
    onSuccess: (p) => {
      message.success(t('people.positionAdded'));
      form.resetFields();
      onDone(p);
    },
    // The server names body.agencyId etc.; in this form the position sits under "position".
    onError: (e) => applyFieldErrors(form, e, { prefix: ['position'] }),
  });
  return (
    <Form form={form} layout="vertical" name="add-position" onFinish={(v) => add.mutate(v)}>
      <ErrorAlert error={add.error} />
      <PositionFields form={form} name={['position']} />
      <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={add.isPending}>
        {t('people.addPosition')}
      </Button>
    </Form>
  );
}

/** One person: status, positions (end one, add a concurrent one), password reset, disable/enable. */
export function PersonDrawer({
  personId,
  onClose,
  onPassword,
}: {
  personId: string | null;
  onClose: () => void;
  onPassword: (r: PersonWithPassword) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const phone = useMediaQuery(PHONE_QUERY);
  const person = useQuery({
    queryKey: peopleKeys.one(personId ?? ''),
    queryFn: () => getPerson(personId!),
    enabled: !!personId,
  });
  const p = person.data;

  const updated = async (next: PersonView) => {
    qc.setQueryData(peopleKeys.one(next.id), next);
    await qc.invalidateQueries({ queryKey: peopleKeys.all });
  };
  const toggle = useMutation({
    mutationFn: (disable: boolean) => setDisabled(p!.id, disable),
    onSuccess: async (next) => {
      message.success(next.disabled ? t('people.disabled') : t('people.enabled'));
      await updated(next);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const reset = useMutation({
    mutationFn: () => resetPassword(p!.id),
    onSuccess: async (r) => {
      await updated(r.person);
      onPassword(r);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const end = useMutation({
    mutationFn: (positionId: string) => endPosition(p!.id, positionId),
    onSuccess: async (next) => {
      message.success(t('people.positionEnded'));
      await updated(next);
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  return (
    <Drawer
      open={!!personId}
      onClose={() => {
        setAdding(false);
        onClose();
      }}
      title={p ? p.fullName : t('people.detail')}
      size={phone ? '100%' : 560}
      destroyOnHidden
      className="lt-person-drawer"
    >
      <ErrorAlert error={person.error} onRetry={() => void person.refetch()} />
      {p ? (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'username', label: t('people.fields.username'), children: <code>{p.username}</code> },
              { key: 'email', label: t('people.fields.email'), children: p.email ?? t('common.none') },
              { key: 'phone', label: t('people.fields.phone'), children: p.phone ?? t('common.none') },
              { key: 'status', label: t('people.columns.status'), children: <StatusTags person={p} /> },
            ]}
          />
          <Space wrap className="lt-detail-actions lt-gap">
            <Popconfirm
              title={t('people.resetConfirm')}
              okText={t('people.resetPassword')}
              cancelText={t('common.cancel')}
              onConfirm={() => reset.mutateAsync()}
            >
              <Button icon={<KeyOutlined aria-hidden />} loading={reset.isPending}>
                {t('people.resetPassword')}
              </Button>
            </Popconfirm>
            {p.disabled ? (
              <Button
                icon={<UnlockOutlined aria-hidden />}
                loading={toggle.isPending}
                onClick={() => toggle.mutate(false)}
              >
                {t('people.enable')}
              </Button>
            ) : (
              <Popconfirm
                title={t('people.disableConfirm')}
                okText={t('people.disable')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => toggle.mutateAsync(true)}
              >
                <Button danger icon={<LockOutlined aria-hidden />} loading={toggle.isPending}>
                  {t('people.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
          <Typography.Title level={3} className="lt-subtitle">
            {t('people.positions')}
          </Typography.Title>
          <ul className="lt-position-list">
            {p.positions.map((pos) => (
              <li key={pos.id}>
                <Card size="small">
                  <div className="lt-position-row">
                    <div>
                      <div className="lt-position-title">
                        {pos.title || roleLabel(pos.role)}{' '}
                        {pos.isPrimary ? <Tag color="blue">{t('people.primary')}</Tag> : null}
                      </div>
                      <div>
                        {pos.divisionName ? `${pos.divisionName}, ` : ''}
                        {pos.agencyName}
                      </div>
                      <Tag>{roleLabel(pos.role)}</Tag>
                    </div>
                    <Popconfirm
                      title={t('people.endPositionConfirm')}
                      okText={t('people.endPosition')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => end.mutateAsync(pos.id)}
                    >
                      <Button size="small" danger>
                        {t('people.endPosition')}
                      </Button>
                    </Popconfirm>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
          {adding ? (
            <Card size="small" title={t('people.addPosition')}>
              <AddPositionForm
                person={p}
                onDone={(next) => {
                  setAdding(false);
                  void updated(next);
                }}
              />
            </Card>
          ) : (
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
              {t('people.addPosition')}
            </Button>
          )}
        </>
      ) : null}
    </Drawer>
  );
}
