import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemAction } from '../../../shared/feedback/api.ts';
import { CLASSIFIED_KINDS } from '../../../shared/feedback/rules.ts';
import { ApiError, errorMessage, get } from '../../api/client.ts';
import { feedbackKeys, getStaff, type ItemView, itemAction } from './api.ts';

const PRIMARY: ItemAction[] = ['classify', 'accept', 'settle', 'publish'];
const DANGER: ItemAction[] = ['refuse'];

/** The buttons of what the reader may do now (the server's `actions`), each a short form in a dialog. */
export function ItemActions({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ItemAction | null>(null);
  if (item.actions.length === 0) return null;
  return (
    <>
      <Space wrap>
        {item.actions.map((a) => (
          <Button
            key={a}
            type={PRIMARY.includes(a) ? 'primary' : 'default'}
            danger={DANGER.includes(a)}
            onClick={() => setOpen(a)}
          >
            {t(`services.feedback.actions.${a}`)}
          </Button>
        ))}
      </Space>
      {open ? <ActionModal action={open} item={item} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function ActionModal({ action, item, onClose }: { action: ItemAction; item: ItemView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const staff = useQuery({
    queryKey: feedbackKeys.staff(),
    queryFn: getStaff,
    enabled: action === 'assign' || action === 'forward',
  });
  const run = useMutation({
    mutationFn: (v: Record<string, unknown>) => itemAction(item.id, action, v),
    onSuccess: async () => {
      message.success(t('services.feedback.dialog.saved'));
      await qc.invalidateQueries({ queryKey: feedbackKeys.all });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        const fields = e.fields
          .map((f) => ({ name: f.path.replace(/^body\./, '').split('.')[0] ?? '', errors: [f.message] }))
          .filter((f) => f.name);
        if (fields.length) form.setFields(fields);
      }
      message.error(errorMessage(e));
    },
  });
  const required = [{ required: true, whitespace: true, message: t('services.feedback.dialog.required') }];
  const people = (staff.data?.people ?? []).map((p) => ({ value: p.id, label: `${p.name} — ${p.title}` }));
  const initial: Record<string, unknown> = {
    kind: item.kind === 'unclassified' ? item.declaredKind : item.kind,
    field: item.field ?? undefined,
    remote: item.remote,
    settlers: item.members.filter((m) => m.role === 'settler').map((m) => m.personId),
    verifiers: item.members.filter((m) => m.role === 'verifier').map((m) => m.personId),
    question: item.content,
    answer: item.result ?? '',
  };
  return (
    <Modal
      open
      title={t(`services.feedback.actions.${action}`)}
      okText={t(`services.feedback.actions.${action}`)}
      cancelText={t('services.feedback.dialog.cancel')}
      onCancel={onClose}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => run.mutate(v)}>
        {action === 'classify' ? (
          <>
            <Form.Item name="kind" label={t('services.feedback.dialog.kind')} rules={required}>
              <Select
                options={CLASSIFIED_KINDS.map((k) => ({
                  value: k,
                  label: t(`services.feedback.kinds.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="field" label={t('services.feedback.dialog.field')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="remote" valuePropName="checked">
              <Checkbox>{t('services.feedback.dialog.remote')}</Checkbox>
            </Form.Item>
          </>
        ) : null}
        {action === 'forward' ? (
          <>
            <Form.Item name="agencyId" label={t('services.feedback.dialog.agency')} rules={required}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={staff.isPending}
                options={(staff.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('services.feedback.dialog.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <p className="lt-muted">{t('services.feedback.dialog.forwardNote')}</p>
          </>
        ) : null}
        {action === 'refuse' ? (
          <Form.Item name="reason" label={t('services.feedback.dialog.refuseReason')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : null}
        {action === 'duplicate' ? (
          <Form.Item name="ofCode" label={t('services.feedback.dialog.ofCode')} rules={required}>
            <Input maxLength={60} />
          </Form.Item>
        ) : null}
        {action === 'assign' ? (
          <>
            <Form.Item
              name="settlers"
              label={t('services.feedback.dialog.settlers')}
              rules={[{ required: true, message: t('services.feedback.dialog.required') }]}
            >
              <Select mode="multiple" optionFilterProp="label" loading={staff.isPending} options={people} />
            </Form.Item>
            <Form.Item name="verifiers" label={t('services.feedback.dialog.verifiers')}>
              <Select mode="multiple" optionFilterProp="label" loading={staff.isPending} options={people} />
            </Form.Item>
          </>
        ) : null}
        {action === 'accept' ? (
          <>
            <p>{t('services.feedback.dialog.acceptText', { code: item.code })}</p>
            <OutgoingDocumentField label={t('services.feedback.dialog.acceptDocument')} />
          </>
        ) : null}
        {action === 'extend' ? (
          <Form.Item name="reason" label={t('services.feedback.dialog.extendReason')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : null}
        {action === 'settle' ? (
          <>
            <Form.Item name="result" label={t('services.feedback.dialog.result')} rules={required}>
              <Input.TextArea rows={6} maxLength={20000} />
            </Form.Item>
            <OutgoingDocumentField label={t('services.feedback.dialog.decisionDocument')} />
          </>
        ) : null}
        {action === 'publish' ? (
          <>
            <Form.Item name="question" label={t('services.feedback.dialog.question')} rules={required}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
            <Form.Item name="answer" label={t('services.feedback.dialog.answer')} rules={required}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
            <p className="lt-muted">{t('services.feedback.dialog.publishNote')}</p>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/**
 * An outgoing document of the agency made through the documents module (the notice of acceptance, the
 * decision), found by its number or summary; optional.
 */
function OutgoingDocumentField({ label }: { label: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['feedback', 'outgoing', q],
    queryFn: () =>
      get<{ items: { id: string; numberNotation: string | null; summary: string }[] }>('/documents', {
        box: 'sent',
        q: q || undefined,
        limit: 20,
      }),
  });
  return (
    <Form.Item name="documentId" label={label}>
      <Select
        showSearch
        allowClear
        filterOption={false}
        onSearch={setQ}
        loading={found.isFetching}
        placeholder={t('services.feedback.dialog.documentSearch')}
        options={(found.data?.items ?? []).map((x) => ({
          value: x.id,
          label: `${x.numberNotation ?? ''} ${x.summary}`.trim(),
        }))}
      />
    </Form.Item>
  );
}
