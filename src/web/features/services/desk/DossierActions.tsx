import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskDossier } from '../../../../shared/services/desk.ts';
import { ApiError, errorMessage, get, postFile } from '../../../api/client.ts';
import { deskAction, deskKeys, finishStep, getDeskStaff, handStep } from './api.ts';

type Kind =
  | 'accept'
  | 'refuse'
  | 'supplement'
  | 'hand'
  | 'done'
  | 'result'
  | 'return'
  | 'fee'
  | 'apology'
  | 'stop';

/** Puts the server's field problems ("body.reason") on the form's fields. */
function showProblems(form: ReturnType<typeof Form.useForm>[0], e: unknown) {
  if (!(e instanceof ApiError)) return;
  const fields = e.fields
    .map((f) => ({ name: f.path.replace(/^body\./, '').split('.')[0] ?? '', errors: [f.message] }))
    .filter((f) => f.name);
  if (fields.length) form.setFields(fields);
}

/**
 * The buttons of what the reader may do now (the server's `actions`), each opening a short form in a
 * dialog with the decree's words; the dossier reloads after each.
 */
export function DossierActions({ d }: { d: DeskDossier }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Kind | null>(null);
  const a = d.actions;
  const next = d.steps.find((s) => !s.doneAt && s.kind !== 'return') ?? null;
  const buttons: { kind: Kind; label: string; primary?: boolean; danger?: boolean; show: boolean }[] = [
    { kind: 'accept', label: t('services.desk.actions.accept'), primary: true, show: a.accept },
    { kind: 'done', label: t('services.desk.actions.done'), primary: true, show: !!a.doneStepId },
    { kind: 'hand', label: t('services.desk.actions.hand'), primary: !a.doneStepId, show: a.hand },
    { kind: 'result', label: t('services.desk.actions.result'), primary: true, show: a.result },
    { kind: 'return', label: t('services.desk.actions.return'), primary: true, show: a.return },
    { kind: 'supplement', label: t('services.desk.actions.supplement'), show: a.supplement },
    { kind: 'apology', label: t('services.desk.actions.apology'), show: a.apology },
    { kind: 'fee', label: t('services.desk.actions.fee'), show: a.fee },
    { kind: 'refuse', label: t('services.desk.actions.refuse'), danger: true, show: a.refuse },
    { kind: 'stop', label: t('services.desk.actions.stop'), danger: true, show: a.stop },
  ];
  const shown = buttons.filter((b) => b.show);
  if (shown.length === 0) return null;
  return (
    <>
      <Space wrap>
        {shown.map((b) => (
          <Button
            key={b.kind}
            type={b.primary ? 'primary' : 'default'}
            danger={b.danger}
            onClick={() => setOpen(b.kind)}
          >
            {b.label}
          </Button>
        ))}
      </Space>
      {open ? (
        <ActionModal
          kind={open}
          d={d}
          stepId={open === 'done' ? a.doneStepId : (next?.id ?? null)}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}

function ActionModal({
  kind,
  d,
  stepId,
  onClose,
}: {
  kind: Kind;
  d: DeskDossier;
  stepId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const step = d.steps.find((s) => s.id === stepId) ?? null;
  const resultKind = Form.useWatch('resultKind', form);
  const staff = useQuery({ queryKey: deskKeys.staff(), queryFn: getDeskStaff, enabled: kind === 'hand' });
  const run = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      switch (kind) {
        case 'hand':
          return handStep(d.id, stepId ?? '', {
            assigneeId: String(v.assigneeId ?? ''),
            note: (v.note as string) || undefined,
          });
        case 'done':
          return finishStep(d.id, stepId ?? '', {
            result: String(v.result ?? ''),
            note: (v.note as string) || undefined,
          });
        case 'supplement': {
          const chosen = (v.papers as string[] | undefined) ?? [];
          const items = [
            ...d.requiredPapers
              .filter((p) => chosen.includes(p.key))
              .map((p) => ({ paperKey: p.key, name: p.name, originals: p.originals, copies: p.copies })),
            ...(v.other ? [{ name: String(v.other), originals: 1, copies: 0 }] : []),
          ];
          return deskAction(d.id, 'supplement', { reason: v.reason, items });
        }
        case 'result': {
          if (v.resultKind === 'paper') return deskAction(d.id, 'result', { paper: true });
          if (v.resultKind === 'document') return deskAction(d.id, 'result', { documentId: v.documentId });
          const file = (v.file as { originFileObj?: File }[] | undefined)?.[0]?.originFileObj;
          if (!file)
            throw new ApiError(400, 'validation_failed', t('services.desk.form.fileMissing'), [
              { path: 'body.file', message: t('services.desk.form.fileMissing') },
            ]);
          const stored = await postFile<{ sha256: string; fileName: string }>('/applicants/papers', file);
          return deskAction(d.id, 'result', { file: { sha256: stored.sha256, fileName: file.name } });
        }
        case 'fee':
          return deskAction(d.id, 'fee', { amount: Number(v.amount ?? 0), receipt: v.receipt });
        default:
          return deskAction(d.id, kind, v);
      }
    },
    onSuccess: async () => {
      message.success(t('services.desk.saved'));
      await qc.invalidateQueries({ queryKey: deskKeys.all });
      await qc.invalidateQueries({ queryKey: deskKeys.work() });
      onClose();
    },
    onError: (e) => {
      showProblems(form, e);
      message.error(errorMessage(e));
    },
  });
  const people = (staff.data?.people ?? []).filter(
    (p) => step?.kind !== 'approve' || p.role === 'agency_leader' || p.role === 'division_head',
  );
  const divisionName = (id: string | null) => staff.data?.divisions.find((x) => x.id === id)?.name;
  const title =
    t(`services.desk.actions.${kind}`) +
    (step && (kind === 'hand' || kind === 'done') ? `: ${step.name}` : '');
  const reason = (label: string) => (
    <Form.Item
      name="reason"
      label={label}
      rules={[{ required: true, min: 5, message: t('services.desk.form.reasonRequired') }]}
    >
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={title}
      okText={t(`services.desk.ok.${kind}`)}
      cancelText={t('services.desk.cancel')}
      onCancel={onClose}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => run.mutate(v)}
        initialValues={{
          method: d.channel === 'online' ? 'online' : 'counter',
          amount: d.fee.amount ?? undefined,
        }}
      >
        {kind === 'accept' ? <p>{t('services.desk.form.acceptText', { code: d.code })}</p> : null}
        {kind === 'refuse' ? reason(t('services.desk.form.refuseReason')) : null}
        {kind === 'stop' ? reason(t('services.desk.form.stopReason')) : null}
        {kind === 'supplement' ? (
          <>
            <Form.Item name="papers" label={t('services.desk.form.missingPapers')}>
              <Checkbox.Group
                className="lt-stack"
                options={d.requiredPapers.map((p) => ({ value: p.key, label: p.name }))}
              />
            </Form.Item>
            <Form.Item name="other" label={t('services.desk.form.otherPaper')}>
              <Input maxLength={500} />
            </Form.Item>
            {reason(t('services.desk.form.supplementReason'))}
            <p className="lt-muted">{t('services.desk.form.supplementNote')}</p>
          </>
        ) : null}
        {kind === 'hand' ? (
          <>
            <Form.Item
              name="assigneeId"
              label={t('services.desk.form.assignee')}
              rules={[{ required: true, message: t('services.desk.form.assigneeRequired') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                loading={staff.isPending}
                options={people.map((p) => ({
                  value: p.id,
                  label: `${p.name} — ${p.title}${p.divisionId ? `, ${divisionName(p.divisionId) ?? ''}` : ''}`,
                }))}
              />
            </Form.Item>
            <p className="lt-muted">{t('services.desk.form.budget', { days: step?.budgetDays ?? '' })}</p>
            <Form.Item name="note" label={t('services.desk.form.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
        {kind === 'done' ? (
          <>
            <Form.Item
              name="result"
              label={t('services.desk.form.stepResult')}
              rules={[{ required: true, message: t('services.desk.form.stepResultRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="note" label={t('services.desk.form.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
        {kind === 'result' ? (
          <Form.Item name="resultKind" label={t('services.desk.form.resultKind')}>
            <Radio.Group
              className="lt-stack"
              options={[
                { value: 'file', label: t('services.desk.form.resultKinds.file') },
                { value: 'document', label: t('services.desk.form.resultKinds.document') },
                { value: 'paper', label: t('services.desk.form.resultKinds.paper') },
              ]}
            />
          </Form.Item>
        ) : null}
        {kind === 'result' && resultKind === 'document' ? <OutgoingDocumentField /> : null}
        {kind === 'result' && resultKind === 'file' ? (
          <Form.Item
            name="file"
            label={t('services.desk.form.resultFile')}
            valuePropName="fileList"
            getValueFromEvent={(e) => (Array.isArray(e) ? e : e?.fileList)}
            rules={[{ required: true, message: t('services.desk.form.fileMissing') }]}
          >
            <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.jpg,.jpeg,.png">
              <Button>{t('services.desk.form.chooseFile')}</Button>
            </Upload>
          </Form.Item>
        ) : null}
        {kind === 'return' ? (
          <Form.Item name="method" label={t('services.desk.form.returnMethod')}>
            <Radio.Group
              className="lt-stack"
              options={(['online', 'counter', 'post'] as const).map((m) => ({
                value: m,
                label: t(`services.desk.returnMethods.${m}`),
                disabled: m === 'online' && !d.result?.fileName,
              }))}
            />
          </Form.Item>
        ) : null}
        {kind === 'fee' ? (
          <>
            <Form.Item
              name="amount"
              label={t('services.desk.form.feeAmount')}
              rules={[{ required: true, message: t('services.desk.form.feeAmountRequired') }]}
            >
              <InputNumber min={0} step={1000} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="receipt"
              label={t('services.desk.form.feeReceipt')}
              rules={[{ required: true, message: t('services.desk.form.feeReceiptRequired') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </>
        ) : null}
        {kind === 'apology' ? (
          <>
            <p>
              {t('services.desk.form.apologyText', {
                due: d.dueAt
                  ? new Date(d.dueAt).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })
                  : '',
              })}
            </p>
            {reason(t('services.desk.form.apologyReason'))}
            <Form.Item
              name="newDueDate"
              label={t('services.desk.form.newDueDate')}
              rules={[{ required: true, message: t('services.desk.form.newDueDateRequired') }]}
            >
              <Input type="date" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/** An outgoing document already released by the agency, found by its number or summary. */
function OutgoingDocumentField() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['services', 'desk', 'outgoing', q],
    queryFn: () =>
      get<{ items: { id: string; numberNotation: string | null; summary: string }[] }>('/documents', {
        box: 'sent',
        q: q || undefined,
        limit: 20,
      }),
  });
  return (
    <Form.Item
      name="documentId"
      label={t('services.desk.form.resultDocument')}
      rules={[{ required: true, message: t('services.desk.form.resultDocumentRequired') }]}
    >
      <Select
        showSearch
        filterOption={false}
        onSearch={setQ}
        loading={found.isFetching}
        placeholder={t('services.desk.form.resultDocumentSearch')}
        options={(found.data?.items ?? []).map((x) => ({
          value: x.id,
          label: `${x.numberNotation ?? ''} ${x.summary}`.trim(),
        }))}
      />
    </Form.Item>
  );
}
