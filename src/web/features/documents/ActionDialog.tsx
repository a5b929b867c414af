import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Select, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import {
  type DocumentView,
  docKeys,
  documentAction,
  editDraft,
  type UploadedFile,
} from '../../api/documents.ts';
import { useSession } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import {
  actionLabel,
  DueDateField,
  FileDrop,
  fromIso,
  leaderOptions,
  toIso,
  useColleagues,
} from './common.tsx';

/** Actions that need a dialog (the rest run at once, e.g. release of a normal document). */
export const DIALOG_ACTIONS = new Set([
  'register',
  'refuse',
  'override',
  'submit',
  'direct',
  'reassign',
  'progress',
  'close',
  'edit',
  'submit_review',
  'approve',
  'return',
  'sign',
  'recall',
  'update',
]);

interface Values {
  reason?: string;
  note?: string;
  leaderId?: string;
  submitToId?: string | null;
  dueDate?: Dayjs | null;
  direction?: string;
  leadKind?: 'division' | 'person';
  lead?: string;
  coHandlers?: string[];
  forInfo?: string[];
  personId?: string;
  files?: UploadedFile[];
  done?: boolean;
  toId?: string;
  summary?: string;
}

type Handler = { divisionId: string } | { personId: string };
const handler = (v: string): Handler =>
  v.startsWith('d:') ? { divisionId: v.slice(2) } : { personId: v.slice(2) };

/** One dialog per action: exactly the fields the server needs, prefilled with the usual choice. */
export function ActionDialog({
  doc,
  action,
  onClose,
}: {
  doc: DocumentView;
  action: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const colleagues = useColleagues();
  const people = colleagues.data?.people ?? [];
  const divisions = colleagues.data?.divisions ?? [];
  const leaders = leaderOptions(people);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const leadKind = Form.useWatch('leadKind', form) ?? 'division';
  const personLabel = (p: { name: string; title: string }) => (p.title ? `${p.name} — ${p.title}` : p.name);
  const handlerOptions = [
    ...divisions.map((d) => ({ value: `d:${d.id}`, label: d.name })),
    ...people.filter((p) => p.role !== 'clerk').map((p) => ({ value: `p:${p.id}`, label: personLabel(p) })),
  ];
  const myDivision = me.position?.divisionId;
  const officers = people
    .filter((p) => p.divisionId === myDivision && p.id !== me.id && p.role === 'officer')
    .map((p) => ({ value: p.id, label: personLabel(p) }));
  const reviewers = people
    .filter((p) => (p.role === 'division_head' || p.role === 'agency_leader') && p.id !== me.id)
    .map((p) => ({ value: p.id, label: personLabel(p) }));
  const files = (v: Values, role: 'main' | 'result') =>
    (v.files ?? []).map((f) => ({ sha256: f.sha256, fileName: f.fileName, role }));

  const run = useMutation({
    mutationFn: async (v: Values): Promise<string> => {
      const id = doc.id;
      switch (action) {
        case 'register': {
          const r = await documentAction<{ arrivalNumber: number }>(id, 'register', {
            submitToId: v.submitToId || null,
            dueDate: toIso(v.dueDate),
            allowDuplicate,
          });
          return t('documents.done.register', { number: r.arrivalNumber });
        }
        case 'refuse':
        case 'override':
        case 'recall':
          await documentAction(id, action, { reason: v.reason ?? '' });
          break;
        case 'submit':
          await documentAction(id, 'submit', { leaderId: v.leaderId });
          break;
        case 'direct':
          await documentAction(id, 'direct', {
            direction: v.direction ?? '',
            lead: v.lead ? handler(`${leadKind === 'division' ? 'd' : 'p'}:${v.lead}`) : undefined,
            coHandlers: (v.coHandlers ?? []).map(handler),
            forInfo: (v.forInfo ?? []).map(handler),
            dueDate: toIso(v.dueDate),
          });
          break;
        case 'reassign':
          await documentAction(id, 'reassign', {
            personId: v.personId,
            dueDate: toIso(v.dueDate) ?? undefined,
            note: v.note || undefined,
          });
          break;
        case 'progress':
          await documentAction(id, 'progress', {
            note: v.note ?? '',
            files: files(v, 'result'),
            done: !!v.done,
          });
          break;
        case 'close':
          await documentAction(id, 'close', { note: v.note ?? '' });
          break;
        case 'edit':
          await editDraft(id, {
            summary: v.summary?.trim() || undefined,
            ...(v.files?.length ? { files: files(v, 'main') } : {}),
          });
          break;
        case 'submit_review':
          await documentAction(id, 'submit-review', v.toId ? { toId: v.toId } : {});
          break;
        case 'approve':
        case 'return':
        case 'sign':
          await documentAction(id, 'review', { action, note: v.note?.trim() || undefined });
          break;
        case 'update':
          await documentAction(id, 'update', {
            reason: v.reason ?? '',
            summary: v.summary?.trim() || undefined,
            files: files(v, 'main'),
          });
          break;
      }
      return t('documents.done.generic', { action: actionLabel(action) });
    },
    onSuccess: (text) => {
      message.success(text);
      void qc.invalidateQueries({ queryKey: docKeys.all });
      void qc.invalidateQueries({ queryKey: ['notifications'] });
      onClose();
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      if (e instanceof ApiError && e.code === 'duplicate') setAllowDuplicate(true);
    },
  });

  const required = { required: true, message: t('validation.required') };
  const reason = (
    <Form.Item
      name="reason"
      label={t('documents.fields.reason')}
      rules={[{ required: true, min: 3, message: t('validation.reason') }]}
    >
      <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
    </Form.Item>
  );
  const note = (label: string) => (
    <Form.Item name="note" label={label}>
      <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
    </Form.Item>
  );
  const due = (
    <Form.Item name="dueDate" label={t('documents.fields.dueDate')}>
      <DueDateField />
    </Form.Item>
  );

  let body: React.ReactNode = null;
  const initial: Values = {};
  switch (action) {
    case 'register':
      initial.submitToId = leaders[0]?.value ?? null;
      initial.dueDate = null;
      body = (
        <>
          <Form.Item name="submitToId" label={t('documents.fields.submitTo')}>
            <Select allowClear options={leaders} placeholder={t('documents.fields.submitToNone')} />
          </Form.Item>
          {due}
        </>
      );
      break;
    case 'refuse':
    case 'override':
    case 'recall':
      body = reason;
      break;
    case 'submit':
      initial.leaderId = leaders[0]?.value;
      body = (
        <Form.Item
          name="leaderId"
          label={t('documents.fields.submitTo')}
          rules={[{ required: true, message: t('validation.leader') }]}
        >
          <Select options={leaders} />
        </Form.Item>
      );
      break;
    case 'direct':
      initial.leadKind = 'division';
      initial.dueDate = fromIso(doc.dueDate);
      body = (
        <>
          <Form.Item name="direction" label={t('documents.fields.direction')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
          </Form.Item>
          <Form.Item name="leadKind" label={t('documents.fields.leadKind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'division', label: t('documents.leadByDivision') },
                { value: 'person', label: t('documents.leadByPerson') },
              ]}
              onChange={() => form.setFieldValue('lead', undefined)}
            />
          </Form.Item>
          <Form.Item
            name="lead"
            label={
              leadKind === 'division' ? t('documents.fields.leadDivision') : t('documents.fields.leadPerson')
            }
            rules={[{ required: true, message: t('validation.lead') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={colleagues.isPending}
              options={
                leadKind === 'division'
                  ? divisions.map((d) => ({ value: d.id, label: d.name }))
                  : people
                      .filter((p) => p.role !== 'clerk')
                      .map((p) => ({ value: p.id, label: personLabel(p) }))
              }
            />
          </Form.Item>
          <Form.Item name="coHandlers" label={t('documents.fields.coHandlers')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={handlerOptions} />
          </Form.Item>
          <Form.Item name="forInfo" label={t('documents.fields.forInfo')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={handlerOptions} />
          </Form.Item>
          {due}
        </>
      );
      break;
    case 'reassign':
      initial.personId = officers[0]?.value;
      body = (
        <>
          <Form.Item name="personId" label={t('documents.fields.person')} rules={[required]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={officers}
              loading={colleagues.isPending}
            />
          </Form.Item>
          {due}
          {note(t('documents.fields.note'))}
        </>
      );
      break;
    case 'progress':
      body = (
        <>
          <Form.Item name="note" label={t('documents.fields.progressNote')} rules={[required]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
          </Form.Item>
          <Form.Item name="files" label={t('documents.fields.resultFiles')}>
            <FileDrop hint={t('documents.fields.draftFileHint')} multiple />
          </Form.Item>
          <Form.Item name="done" valuePropName="checked">
            <Checkbox>{t('documents.fields.done')}</Checkbox>
          </Form.Item>
        </>
      );
      break;
    case 'close':
    case 'approve':
    case 'sign':
      body = note(t('documents.fields.comment'));
      break;
    case 'return':
      body = (
        <Form.Item name="note" label={t('documents.fields.comment')} rules={[required]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
        </Form.Item>
      );
      break;
    case 'edit':
      initial.summary = doc.summary;
      body = (
        <>
          <Form.Item name="summary" label={t('documents.fields.summary')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="files" label={t('documents.fields.newFile')}>
            <FileDrop hint={t('documents.fields.draftFileHint')} />
          </Form.Item>
        </>
      );
      break;
    case 'submit_review':
      body = (
        <Form.Item name="toId" label={t('documents.fields.reviewer')}>
          <Select allowClear options={reviewers} placeholder={t('documents.fields.reviewerDefault')} />
        </Form.Item>
      );
      break;
    case 'update':
      initial.summary = doc.summary;
      body = (
        <>
          {reason}
          <Form.Item name="summary" label={t('documents.fields.summary')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="files" label={t('documents.fields.newFile')}>
            <FileDrop hint={t('documents.fields.draftFileHint')} />
          </Form.Item>
        </>
      );
      break;
  }
  const dup = run.error instanceof ApiError && run.error.code === 'duplicate';
  return (
    <Modal
      open
      title={actionLabel(action)}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={['refuse', 'recall', 'return'].includes(action)}
          loading={run.isPending}
          onClick={() => form.submit()}
        >
          {dup ? t('documents.registerAnyway') : actionLabel(action)}
        </Button>,
      ]}
    >
      {colleagues.isPending ? (
        <Spin />
      ) : (
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => run.mutate(v)}>
          {body}
        </Form>
      )}
      {dup ? (
        <Alert
          type="warning"
          showIcon
          title={t('documents.duplicateTitle')}
          description={(run.error as ApiError).detail}
        />
      ) : (
        <ErrorAlert error={run.error} />
      )}
    </Modal>
  );
}
