import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { TASK_SOURCES, type TaskSource } from '../../../../shared/schemas/portal-tasks.ts';
import { docKeys, listDocuments } from '../../../api/documents.ts';
import { can, useSession } from '../../../api/session.ts';
import { AgenciesPicker, AgencyPicker, useDebounced } from '../../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDate } from '../../../lib/format.ts';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { createTasks, dueDate, getScope, taskKeys, vnToday } from './api.ts';

/** A document of the agency (outgoing or incoming) found by number or summary. */
function DocumentPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 300);
  const search = (box: 'outgoing' | 'incoming') => ({
    queryKey: docKeys.list(box, { q: dq }),
    queryFn: ({ signal }: { signal: AbortSignal }) => listDocuments(box, { q: dq }, undefined, 10, signal),
    enabled: dq.length >= 2,
    staleTime: 30_000,
  });
  const out = useQuery(search('outgoing'));
  const inc = useQuery(search('incoming'));
  const [labels, setLabels] = useState<Record<string, string>>({});
  const options = [...(out.data?.items ?? []), ...(inc.data?.items ?? [])].map((d) => ({
    value: d.id,
    label: `${d.numberNotation ?? '—'} (${formatDate(d.issuedDate)}) ${d.summary}`.slice(0, 160),
  }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: labels[value] ?? value });
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      style={{ width: '100%' }}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      notFoundContent={
        out.isFetching || inc.isFetching ? t('shell.loading') : t('portal.tasks.form.noDocument')
      }
      onChange={(v: string | undefined, opt) => {
        const o = Array.isArray(opt) ? undefined : (opt as { label?: string } | undefined);
        if (v && o?.label) setLabels((l) => ({ ...l, [v]: o.label! }));
        onChange?.(v ?? null);
      }}
    />
  );
}

interface RowValues {
  content?: string;
  leadAgencyId?: string | null;
  cooperatingAgencyIds?: string[];
  mode: 'date' | 'days';
  dueOn?: string;
  dueWorkingDays?: number | null;
}
interface FormValues {
  sourceKind: TaskSource;
  sourceDocumentId?: string | null;
  sourceText?: string;
  assignedOn: string;
  tasks: RowValues[];
}

/** The deadline computed on the server (the installation's working calendar) for N working days. */
function ComputedDue({ assignedOn, days }: { assignedOn: string; days: number | null | undefined }) {
  const { t } = useTranslation();
  const ok = !!assignedOn && !!days && days >= 1 && days <= 365;
  const q = useQuery({
    queryKey: taskKeys.dueDate(assignedOn, days ?? 0),
    queryFn: () => dueDate(assignedOn, days!),
    enabled: ok,
  });
  if (!ok || !q.data) return null;
  return (
    <Typography.Text role="status" className="lt-muted">
      {t('portal.tasks.form.computed', { date: formatDate(q.data.dueOn) })}
    </Typography.Text>
  );
}

/** Giao nhiệm vụ: the office records the tasks of one source (several rows) in one go. */
export default function AssignTasksPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const scope = useQuery({ queryKey: taskKeys.scope, queryFn: getScope, staleTime: 60_000 });
  const rows = Form.useWatch('tasks', form) ?? [];
  const assignedOn = Form.useWatch('assignedOn', form) ?? '';
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      createTasks({
        sourceKind: v.sourceKind,
        sourceDocumentId: v.sourceDocumentId || null,
        sourceText: v.sourceText?.trim() ?? '',
        assignedOn: v.assignedOn || null,
        tasks: v.tasks.map((r) => ({
          content: r.content ?? '',
          leadAgencyId: r.leadAgencyId ?? '',
          cooperatingAgencyIds: r.cooperatingAgencyIds ?? [],
          dueOn: r.mode === 'date' ? r.dueOn || null : null,
          dueWorkingDays: r.mode === 'days' ? (r.dueWorkingDays ?? null) : null,
        })),
      }),
    onSuccess: async (r) => {
      message.success(t('portal.tasks.form.saved', { count: r.ids.length }));
      await qc.invalidateQueries({ queryKey: taskKeys.all });
      navigate('/nhiem-vu?tab=assigned');
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const required = { required: true, message: t('portal.tasks.form.required') };
  return (
    <>
      <PageHeader
        title={t('portal.tasks.form.title')}
        intro={
          <>
            {t('portal.tasks.form.intro')}
            {scope.data?.assignerAgency ? (
              <>
                {' '}
                <strong>{t('portal.tasks.form.assigner', { name: scope.data.assignerAgency.name })}</strong>
              </>
            ) : null}
          </>
        }
      />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          sourceKind: 'conclusion',
          assignedOn: vnToday(),
          tasks: [{ mode: 'date', cooperatingAgencyIds: [] }],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Card title={<h2 className="lt-card-title">{t('portal.tasks.form.sourceSection')}</h2>}>
          <Space wrap size="middle" style={{ width: '100%' }} align="start">
            <Form.Item name="sourceKind" label={t('portal.tasks.form.sourceKind')} rules={[required]}>
              <Select
                style={{ minWidth: 200 }}
                options={TASK_SOURCES.map((s) => ({ value: s, label: t(`portal.tasks.source.${s}`) }))}
              />
            </Form.Item>
            <Form.Item name="assignedOn" label={t('portal.tasks.form.assignedOn')} rules={[required]}>
              <Input type="date" max={vnToday()} />
            </Form.Item>
          </Space>
          {can(me, 'documents') ? (
            <Form.Item
              name="sourceDocumentId"
              label={t('portal.tasks.form.document')}
              extra={t('portal.tasks.form.documentHelp')}
            >
              <DocumentPicker />
            </Form.Item>
          ) : null}
          <Form.Item
            name="sourceText"
            label={t('portal.tasks.form.sourceText')}
            extra={t('portal.tasks.form.sourceTextHelp')}
          >
            <Input maxLength={1000} />
          </Form.Item>
        </Card>
        <Card
          className="lt-gap-top"
          title={<h2 className="lt-card-title">{t('portal.tasks.form.tasksSection')}</h2>}
        >
          <Form.List name="tasks">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => {
                  const row = rows[i];
                  return (
                    <fieldset
                      key={f.key}
                      style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: 12, marginBottom: 12 }}
                    >
                      <legend
                        style={{
                          width: 'auto',
                          fontSize: 15,
                          fontWeight: 600,
                          padding: '0 4px',
                          margin: 0,
                          border: 0,
                        }}
                      >
                        {t('portal.tasks.form.row', { n: i + 1 })}
                      </legend>
                      <Form.Item
                        name={[f.name, 'content']}
                        label={t('portal.tasks.form.content')}
                        rules={[required]}
                      >
                        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'leadAgencyId']}
                        label={t('portal.tasks.form.lead')}
                        rules={[required]}
                      >
                        <AgencyPicker agenciesOnly />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'cooperatingAgencyIds']}
                        label={t('portal.tasks.form.cooperating')}
                      >
                        <AgenciesPicker agenciesOnly />
                      </Form.Item>
                      <Form.Item name={[f.name, 'mode']} label={t('portal.tasks.form.dueMode')}>
                        <Radio.Group
                          options={[
                            { value: 'date', label: t('portal.tasks.form.dueByDate') },
                            { value: 'days', label: t('portal.tasks.form.dueByDays') },
                          ]}
                        />
                      </Form.Item>
                      {row?.mode === 'days' ? (
                        <Form.Item
                          name={[f.name, 'dueWorkingDays']}
                          label={t('portal.tasks.form.dueDays')}
                          rules={[required]}
                          extra={<ComputedDue assignedOn={assignedOn} days={row?.dueWorkingDays} />}
                        >
                          <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
                        </Form.Item>
                      ) : (
                        <Form.Item
                          name={[f.name, 'dueOn']}
                          label={t('portal.tasks.form.dueOn')}
                          rules={[required]}
                        >
                          <Input type="date" style={{ maxWidth: 200 }} />
                        </Form.Item>
                      )}
                      {fields.length > 1 ? (
                        <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.name)}>
                          {t('portal.tasks.form.removeRow', { n: i + 1 })}
                        </Button>
                      ) : null}
                    </fieldset>
                  );
                })}
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ mode: 'date', cooperatingAgencyIds: [] })}
                >
                  {t('portal.tasks.form.addRow')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <div className="lt-gap-top">
          <ErrorAlert error={save.error} />
        </div>
        <Space className="lt-gap-top" wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('portal.tasks.form.submit', { count: rows.length || 1 })}
          </Button>
          <Button onClick={() => navigate('/nhiem-vu')}>{t('portal.tasks.form.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}
