import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BUDGET_SOURCES,
  hasBudgetLine,
  type PlanSaveInput,
  type PlanTaskInput,
  type PlanView,
} from '../../../../shared/reports/plans.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { formatDate } from '../../../lib/format.ts';
import { formatMoney, planKeys, savePlan, submitPlan } from './api.ts';

/** A task as the editor holds it: the request's fields plus a key for new rows. */
type Draft = PlanTaskInput & { key: string };

let seq = 0;
const newKey = () => `new-${++seq}`;

function fromPlan(plan: PlanView): Draft[] {
  return plan.tasks.map((x) => ({
    key: x.id,
    id: x.id,
    name: x.name,
    parentTaskId: x.parentTaskId,
    budgetSource: x.budgetSource as Draft['budgetSource'],
    budgetAmount: x.budgetAmount,
    startDate: x.startDate,
    endDate: x.endDate,
    expectedResult: x.expectedResult,
  }));
}

const toInput = ({ key: _key, ...t }: Draft): PlanTaskInput => t;

/** Adding or editing one task: name, the five-year task it carries out, budget line, dates, result. */
function TaskDialog({
  plan,
  task,
  onSave,
  onClose,
}: {
  plan: PlanView;
  task: Draft | null;
  onSave: (t: Draft) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Draft>();
  const annual = plan.kind === 'annual';
  const min = `${plan.startYear}-01-01`;
  const max = `${plan.endYear}-12-31`;
  return (
    <Modal
      open={!!task}
      title={task?.id || task?.name ? t('reports.plans.task.editTitle') : t('reports.plans.task.addTitle')}
      okText={t('reports.plans.task.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {task ? (
        <Form
          form={form}
          name="plan-task"
          layout="vertical"
          initialValues={task}
          onFinish={(v) =>
            onSave({
              ...task,
              ...v,
              name: v.name.trim(),
              parentTaskId: v.parentTaskId ?? null,
              budgetSource: v.budgetSource ?? null,
              budgetAmount: v.budgetAmount ?? null,
              startDate: v.startDate || null,
              endDate: v.endDate || null,
              expectedResult: v.expectedResult?.trim() ?? '',
            })
          }
        >
          <Form.Item
            name="name"
            label={t('reports.plans.task.name')}
            rules={[{ required: true, whitespace: true, message: t('reports.plans.task.nameRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
          </Form.Item>
          {annual && plan.parentTasks.length ? (
            <Form.Item
              name="parentTaskId"
              label={t('reports.plans.task.parent')}
              extra={t('reports.plans.task.parentHint')}
            >
              <Select
                allowClear
                placeholder={t('reports.plans.task.noParent')}
                options={plan.parentTasks.map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
          ) : null}
          <Space wrap size="middle" style={{ display: 'flex' }}>
            <Form.Item
              name="budgetSource"
              label={t('reports.plans.task.source')}
              rules={annual ? [{ required: true, message: t('reports.plans.task.sourceRequired') }] : []}
              style={{ minWidth: 240 }}
            >
              <Select
                allowClear
                placeholder={annual ? undefined : t('reports.plans.task.noEstimate')}
                options={BUDGET_SOURCES.map((s) => ({ value: s, label: s }))}
              />
            </Form.Item>
            <Form.Item
              name="budgetAmount"
              label={t('reports.plans.task.amount')}
              extra={annual ? undefined : t('reports.plans.task.estimateHint')}
              rules={
                annual
                  ? [
                      { required: true, message: t('reports.plans.task.amountRequired') },
                      { type: 'number', min: 1, message: t('reports.plans.task.amountRequired') },
                    ]
                  : []
              }
            >
              <InputNumber<number>
                min={0}
                max={1e15}
                precision={0}
                step={1_000_000}
                style={{ width: 220 }}
                formatter={(v) =>
                  v === undefined || v === null ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
                }
                parser={(v) => Number((v ?? '').replace(/\D/g, '')) || 0}
              />
            </Form.Item>
          </Space>
          <Space wrap size="middle">
            <Form.Item name="startDate" label={t('reports.plans.task.start')}>
              <Input type="date" min={min} max={max} />
            </Form.Item>
            <Form.Item
              name="endDate"
              label={t('reports.plans.task.end')}
              dependencies={['startDate']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: string | null) =>
                    !v || !getFieldValue('startDate') || v >= getFieldValue('startDate')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('reports.plans.task.endBeforeStart'))),
                }),
              ]}
            >
              <Input type="date" min={min} max={max} />
            </Form.Item>
          </Space>
          <Form.Item name="expectedResult" label={t('reports.plans.task.result')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}

/** Budget totals: all tasks, then per source. */
export function BudgetTotals({
  tasks,
}: {
  tasks: { budgetSource?: string | null; budgetAmount?: number | null }[];
}) {
  const { t, i18n } = useTranslation();
  const bySource = new Map<string, number>();
  let total = 0;
  for (const x of tasks)
    if (x.budgetAmount && x.budgetAmount > 0) {
      total += x.budgetAmount;
      const k = x.budgetSource ?? t('reports.plans.task.unknownSource');
      bySource.set(k, (bySource.get(k) ?? 0) + x.budgetAmount);
    }
  return (
    <dl className="lt-item-fields" aria-label={t('reports.plans.totals')}>
      <div className="lt-item-field">
        <dt>{t('reports.plans.totalBudget')}</dt>
        <dd>
          <strong>{formatMoney(total, i18n.language)}</strong>
        </dd>
      </div>
      {[...bySource].map(([s, n]) => (
        <div className="lt-item-field" key={s}>
          <dt>{s}</dt>
          <dd>{formatMoney(n, i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The editor of a draft or returned plan: its text, the tasks table (add, edit, remove, link to the
 * five-year plan's tasks), the budget totals; save, and submit for those who may.
 */
export function PlanEditor({ plan }: { plan: PlanView }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const id = useId();
  const [form] = Form.useForm<{ title: string; objectives: string; expectedResults: string }>();
  const [tasks, setTasks] = useState<Draft[]>(() => fromPlan(plan));
  const [editing, setEditing] = useState<Draft | null>(null);
  const [text, setText] = useState({
    title: plan.title,
    objectives: plan.objectives,
    expectedResults: plan.expectedResults,
  });
  const saved = useMemo(
    () =>
      JSON.stringify({
        t: plan.title,
        o: plan.objectives,
        e: plan.expectedResults,
        k: fromPlan(plan).map(toInput),
      }),
    [plan],
  );
  const dirty =
    JSON.stringify({ t: text.title, o: text.objectives, e: text.expectedResults, k: tasks.map(toInput) }) !==
    saved;
  const body = (): PlanSaveInput => ({ ...text, tasks: tasks.map(toInput) });
  const done = (p: PlanView) => {
    qc.setQueryData(planKeys.one(p.id), p);
    void qc.invalidateQueries({ queryKey: ['plans', 'own'] });
  };
  const save = useMutation({
    mutationFn: () => savePlan(plan.id, body()),
    onSuccess: (p) => {
      done(p);
      setTasks(fromPlan(p));
      message.success(t('reports.plans.saved'));
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      if (dirty) await savePlan(plan.id, body());
      return submitPlan(plan.id);
    },
    onSuccess: (p) => {
      done(p);
      message.success(t('reports.plans.submitted'));
    },
  });
  const missing =
    plan.kind === 'annual'
      ? tasks.filter(
          (x) =>
            !hasBudgetLine({ budgetSource: x.budgetSource ?? null, budgetAmount: x.budgetAmount ?? null }),
        )
      : [];
  const commentCount = (taskId?: string) =>
    plan.comments.filter((c) => c.taskId && c.taskId === taskId && !c.resolvedAt).length;
  const parentName = new Map(plan.parentTasks.map((p) => [p.id, p.name]));
  const columns: TableColumnsType<Draft> = [
    { title: t('reports.plans.task.no'), key: 'no', width: 48, render: (_v, _x, i) => i + 1 },
    {
      title: t('reports.plans.task.name'),
      key: 'name',
      render: (_v, x) => (
        <div>
          <strong>{x.name}</strong>
          {x.parentTaskId ? (
            <div className="lt-muted">
              {t('reports.plans.task.carriesOut')}: {parentName.get(x.parentTaskId) ?? '—'}
            </div>
          ) : null}
          {x.expectedResult ? <div className="lt-muted">{x.expectedResult}</div> : null}
          {commentCount(x.id) ? (
            <div className="lt-muted">{t('reports.plans.openComments', { count: commentCount(x.id) })}</div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('reports.plans.task.budget'),
      key: 'budget',
      width: 210,
      render: (_v, x) =>
        x.budgetAmount ? (
          <div>
            {formatMoney(x.budgetAmount, i18n.language)}
            <div className="lt-muted">{x.budgetSource ?? t('reports.plans.task.unknownSource')}</div>
          </div>
        ) : plan.kind === 'annual' ? (
          <Tag color="red">{t('reports.plans.task.noBudget')}</Tag>
        ) : (
          <span className="lt-muted">{t('reports.plans.task.noEstimate')}</span>
        ),
    },
    {
      title: t('reports.plans.task.time'),
      key: 'time',
      width: 200,
      render: (_v, x) =>
        x.startDate || x.endDate ? `${formatDate(x.startDate)} – ${formatDate(x.endDate)}` : '—',
    },
    {
      title: t('reports.plans.task.actions'),
      key: 'actions',
      width: 110,
      render: (_v, x, i) => (
        <Space size={0}>
          <Button
            type="text"
            icon={<EditOutlined aria-hidden />}
            aria-label={`${t('reports.plans.task.edit')} ${x.name}`}
            onClick={() => setEditing(x)}
          />
          <Popconfirm
            title={t('reports.plans.task.removeConfirm')}
            okText={t('reports.plans.task.remove')}
            cancelText={t('common.cancel')}
            onConfirm={() => setTasks((all) => all.filter((_y, j) => j !== i))}
          >
            <Button
              type="text"
              danger
              icon={<DeleteOutlined aria-hidden />}
              aria-label={`${t('reports.plans.task.remove')} ${x.name}`}
            />
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Card title={t('reports.plans.editor.title')} style={{ marginTop: 16 }}>
      <Form
        form={form}
        name="plan-editor"
        layout="vertical"
        initialValues={text}
        onValuesChange={(_c, all) => setText({ ...text, ...all })}
      >
        <Form.Item
          name="title"
          label={t('reports.plans.editor.name')}
          rules={[{ required: true, whitespace: true, message: t('reports.plans.create.nameRequired') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="objectives" label={t('reports.plans.editor.objectives')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={8000} />
        </Form.Item>
        <Form.Item name="expectedResults" label={t('reports.plans.editor.expectedResults')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={8000} />
        </Form.Item>
      </Form>
      <Typography.Title level={2} className="lt-section-title" id={`${id}-tasks`}>
        {t('reports.plans.tasksTitle', { count: tasks.length })}
      </Typography.Title>
      {plan.kind === 'annual' ? <p className="lt-muted">{t('reports.plans.editor.budgetRule')}</p> : null}
      <TableRegion label={t('reports.plans.tasksLabel')}>
        <Table<Draft>
          columns={columns}
          dataSource={tasks}
          rowKey={(x) => x.key}
          pagination={false}
          size="small"
          scroll={{ x: 720 }}
          locale={{ emptyText: t('reports.plans.editor.noTasks') }}
        />
      </TableRegion>
      <Button
        icon={<PlusOutlined aria-hidden />}
        style={{ marginTop: 12 }}
        onClick={() =>
          setEditing({
            key: newKey(),
            name: '',
            parentTaskId: null,
            budgetSource: null,
            budgetAmount: null,
            startDate: null,
            endDate: null,
            expectedResult: '',
          })
        }
      >
        {t('reports.plans.task.add')}
      </Button>
      <div style={{ marginTop: 16 }}>
        <BudgetTotals tasks={tasks} />
      </div>
      {missing.length ? (
        <p className="lt-muted" role="status">
          {t('reports.plans.editor.missingBudget', { names: missing.map((x) => `«${x.name}»`).join(', ') })}
        </p>
      ) : null}
      <ErrorAlert error={save.error ?? submit.error} />
      <Space wrap style={{ marginTop: 16 }}>
        <Button
          type={plan.actions.submit ? 'default' : 'primary'}
          loading={save.isPending}
          onClick={() => form.validateFields().then(() => save.mutate())}
        >
          {t('reports.plans.save')}
        </Button>
        {plan.actions.submit ? (
          <Popconfirm
            title={t('reports.plans.submitConfirm')}
            description={t('reports.plans.submitHint')}
            okText={t('reports.plans.submit')}
            cancelText={t('common.cancel')}
            onConfirm={() => form.validateFields().then(() => submit.mutate())}
          >
            <Button type="primary" loading={submit.isPending}>
              {t('reports.plans.submit')}
            </Button>
          </Popconfirm>
        ) : (
          <span className="lt-muted">{t('reports.plans.editor.submitByLeader')}</span>
        )}
        {dirty ? (
          <span className="lt-muted" role="status">
            {t('reports.plans.editor.unsaved')}
          </span>
        ) : null}
      </Space>
      <TaskDialog
        plan={plan}
        task={editing}
        onClose={() => setEditing(null)}
        onSave={(x) => {
          setTasks((all) =>
            all.some((y) => y.key === x.key) ? all.map((y) => (y.key === x.key ? x : y)) : [...all, x],
          );
          setEditing(null);
        }}
      />
    </Card>
  );
}
