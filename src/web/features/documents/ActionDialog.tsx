import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Select, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentAction } from '../../../shared/documents/workflow.ts';
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
import { SignNotice } from '../signatures/keys/SignNotice.tsx';
import {
  actionLabel,
  DueDateField,
  FileDrop,
  fromIso,
  leaderOptions,
  toIso,
  useColleagues,
} from './common.tsx';

/**
 * How each action of the workflow (src/shared/documents/workflow.ts) appears on the detail page: through
 * its dialog here, the release button (its confirmations are the page's), or the handling slip's link.
 * A Record over the union: a new action without its place on the screen does not compile.
 */
export const ACTION_BUTTONS: Record<
  DocumentAction,
  { kind: 'dialog' | 'release' | 'print'; primary?: boolean; danger?: boolean }
> = {
  register: { kind: 'dialog', primary: true },
  refuse: { kind: 'dialog', danger: true },
  override: { kind: 'dialog' },
  submit: { kind: 'dialog', primary: true },
  direct: { kind: 'dialog', primary: true },
  reassign: { kind: 'dialog', primary: true },
  progress: { kind: 'dialog', primary: true },
  close: { kind: 'dialog' },
  edit: { kind: 'dialog' },
  submit_review: { kind: 'dialog', primary: true },
  approve: { kind: 'dialog', primary: true },
  return: { kind: 'dialog', danger: true },
  sign: { kind: 'dialog', primary: true },
  release: { kind: 'release', primary: true },
  recall: { kind: 'dialog', danger: true },
  update: { kind: 'dialog' },
  print: { kind: 'print' },
};

/** The actions done through a dialog (every one but release and print). */
export type DialogAction = Exclude<DocumentAction, 'release' | 'print'>;
export const isDialogAction = (a: DocumentAction): a is DialogAction => ACTION_BUTTONS[a].kind === 'dialog';

/** One action's dialog: its first values, its fields, and what it sends (the success text, if its own). */
interface Dialog {
  initial?: Values;
  body: React.ReactNode;
  send(v: Values): Promise<string | undefined>;
}

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
  action: DialogAction;
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
    mutationFn: async (v: Values): Promise<string> =>
      (await dialogs[action].send(v)) ?? t('documents.done.generic', { action: actionLabel(action) }),
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

  const id = doc.id;
  const reasonOnly = (path: 'refuse' | 'override' | 'recall'): Dialog => ({
    body: reason,
    send: async (v) => {
      await documentAction(id, path, { reason: v.reason ?? '' });
      return undefined;
    },
  });
  const review = (a: 'approve' | 'return' | 'sign', body: React.ReactNode): Dialog => ({
    body,
    send: async (v) => {
      await documentAction(id, 'review', { action: a, note: v.note?.trim() || undefined });
      return undefined;
    },
  });
  const dialogs: Record<DialogAction, Dialog> = {
    register: {
      initial: { submitToId: leaders[0]?.value ?? null, dueDate: null },
      body: (
        <>
          <Form.Item name="submitToId" label={t('documents.fields.submitTo')}>
            <Select allowClear options={leaders} placeholder={t('documents.fields.submitToNone')} />
          </Form.Item>
          {due}
        </>
      ),
      send: async (v) => {
        const r = await documentAction<{ arrivalNumber: number }>(id, 'register', {
          submitToId: v.submitToId || null,
          dueDate: toIso(v.dueDate),
          allowDuplicate,
        });
        return t('documents.done.register', { number: r.arrivalNumber });
      },
    },
    refuse: reasonOnly('refuse'),
    override: reasonOnly('override'),
    submit: {
      initial: { leaderId: leaders[0]?.value },
      body: (
        <Form.Item
          name="leaderId"
          label={t('documents.fields.submitTo')}
          rules={[{ required: true, message: t('validation.leader') }]}
        >
          <Select options={leaders} />
        </Form.Item>
      ),
      send: async (v) => {
        await documentAction(id, 'submit', { leaderId: v.leaderId });
        return undefined;
      },
    },
    direct: {
      initial: { leadKind: 'division', dueDate: fromIso(doc.dueDate) },
      body: (
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
      ),
      send: async (v) => {
        await documentAction(id, 'direct', {
          direction: v.direction ?? '',
          lead: v.lead ? handler(`${leadKind === 'division' ? 'd' : 'p'}:${v.lead}`) : undefined,
          coHandlers: (v.coHandlers ?? []).map(handler),
          forInfo: (v.forInfo ?? []).map(handler),
          dueDate: toIso(v.dueDate),
        });
        return undefined;
      },
    },
    reassign: {
      initial: { personId: officers[0]?.value },
      body: (
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
      ),
      send: async (v) => {
        await documentAction(id, 'reassign', {
          personId: v.personId,
          dueDate: toIso(v.dueDate) ?? undefined,
          note: v.note || undefined,
        });
        return undefined;
      },
    },
    progress: {
      body: (
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
      ),
      send: async (v) => {
        await documentAction(id, 'progress', {
          note: v.note ?? '',
          files: files(v, 'result'),
          done: !!v.done,
        });
        return undefined;
      },
    },
    close: {
      body: note(t('documents.fields.comment')),
      send: async (v) => {
        await documentAction(id, 'close', { note: v.note ?? '' });
        return undefined;
      },
    },
    edit: {
      initial: { summary: doc.summary },
      body: (
        <>
          <Form.Item name="summary" label={t('documents.fields.summary')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="files" label={t('documents.fields.newFile')}>
            <FileDrop hint={t('documents.fields.draftFileHint')} />
          </Form.Item>
        </>
      ),
      send: async (v) => {
        await editDraft(id, {
          summary: v.summary?.trim() || undefined,
          ...(v.files?.length ? { files: files(v, 'main') } : {}),
        });
        return undefined;
      },
    },
    submit_review: {
      body: (
        <Form.Item name="toId" label={t('documents.fields.reviewer')}>
          <Select allowClear options={reviewers} placeholder={t('documents.fields.reviewerDefault')} />
        </Form.Item>
      ),
      send: async (v) => {
        await documentAction(id, 'submit-review', v.toId ? { toId: v.toId } : {});
        return undefined;
      },
    },
    approve: review('approve', note(t('documents.fields.comment'))),
    return: review(
      'return',
      <Form.Item name="note" label={t('documents.fields.comment')} rules={[required]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
      </Form.Item>,
    ),
    sign: review(
      'sign',
      <>
        <SignNotice />
        {note(t('documents.fields.comment'))}
      </>,
    ),
    recall: reasonOnly('recall'),
    update: {
      initial: { summary: doc.summary },
      body: (
        <>
          {reason}
          <Form.Item name="summary" label={t('documents.fields.summary')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="files" label={t('documents.fields.newFile')}>
            <FileDrop hint={t('documents.fields.draftFileHint')} />
          </Form.Item>
        </>
      ),
      send: async (v) => {
        await documentAction(id, 'update', {
          reason: v.reason ?? '',
          summary: v.summary?.trim() || undefined,
          files: files(v, 'main'),
        });
        return undefined;
      },
    },
  };
  const { initial = {}, body } = dialogs[action];
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
          danger={ACTION_BUTTONS[action].danger}
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
