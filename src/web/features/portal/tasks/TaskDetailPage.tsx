import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Space,
  Timeline,
} from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { uploadFile } from '../../../api/documents.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import {
  acceptTask,
  getTask,
  reportProgress,
  reportResult,
  returnTask,
  type TaskDetailView,
  taskFileUrl,
  taskKeys,
} from './api.ts';
import { StandingTags } from './TasksPage.tsx';

/** A file input with its label; the chosen files are uploaded when the report is sent. */
function FilesField({ files, onChange }: { files: File[]; onChange: (f: File[]) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div style={{ marginBottom: 16 }}>
      <label htmlFor={id} className="lt-field-label">
        <PaperClipOutlined aria-hidden /> {t('portal.tasks.detail.attach')}
      </label>
      <input id={id} type="file" multiple onChange={(e) => onChange([...(e.target.files ?? [])])} />
      {files.length ? <div className="lt-muted">{files.map((f) => f.name).join(', ')}</div> : null}
    </div>
  );
}

type Mode = 'progress' | 'result' | 'return' | null;

/** Report progress / result (the agencies), or return the result (the office). */
function ActionForm({
  task,
  mode,
  onDone,
}: {
  task: TaskDetailView;
  mode: Exclude<Mode, null>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [form] = Form.useForm<{ text: string; progress?: number | null }>();
  const isLead = task.actions.includes('result');
  const send = useMutation({
    mutationFn: async (v: { text: string; progress?: number | null }) => {
      const uploaded = [];
      for (const f of files) {
        const u = await uploadFile(f);
        uploaded.push({ sha256: u.sha256, fileName: u.fileName });
      }
      if (mode === 'return') return returnTask(task.id, v.text);
      if (mode === 'result') return reportResult(task.id, { text: v.text, files: uploaded });
      return reportProgress(task.id, {
        text: v.text,
        progress: isLead ? (v.progress ?? null) : null,
        files: uploaded,
      });
    },
    onSuccess: (d) => {
      qc.setQueryData(taskKeys.one(task.id), d);
      void qc.invalidateQueries({ queryKey: ['tasks', 'list'] });
      message.success(mode === 'return' ? t('portal.tasks.detail.returned') : t('portal.tasks.detail.sent'));
      onDone();
    },
  });
  const label =
    mode === 'return'
      ? t('portal.tasks.detail.reason')
      : mode === 'result'
        ? t('portal.tasks.detail.resultText')
        : t('portal.tasks.detail.text');
  return (
    <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)} className="lt-gap-top">
      {mode === 'progress' && !isLead ? (
        <p className="lt-muted">{t('portal.tasks.detail.cooperatingNote')}</p>
      ) : null}
      {mode === 'progress' && isLead ? (
        <Form.Item name="progress" label={t('portal.tasks.detail.percent')} initialValue={task.progress}>
          <InputNumber min={0} max={100} precision={0} style={{ width: 140 }} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="text"
        label={label}
        rules={[{ required: true, whitespace: true, message: t('portal.tasks.form.required') }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
      </Form.Item>
      {mode !== 'return' ? <FilesField files={files} onChange={setFiles} /> : null}
      <ErrorAlert error={send.error} />
      <Space wrap className="lt-gap-top">
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {t('portal.tasks.detail.send')}
        </Button>
        <Button onClick={onDone}>{t('portal.tasks.form.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** One task: its facts, its timeline, and what the person may do (report, accept, return). */
export default function TaskDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [mode, setMode] = useState<Mode>(null);
  const q = useQuery({ queryKey: taskKeys.one(id), queryFn: () => getTask(id) });
  const accept = useMutation({
    mutationFn: () => acceptTask(id),
    onSuccess: (d) => {
      qc.setQueryData(taskKeys.one(id), d);
      void qc.invalidateQueries({ queryKey: ['tasks', 'list'] });
      void qc.invalidateQueries({ queryKey: ['tasks', 'figures'] });
      message.success(t('portal.tasks.detail.accepted'));
    },
  });
  const task = q.data;
  const title = task
    ? task.content.length > 140
      ? `${task.content.slice(0, 140)}…`
      : task.content
    : t('portal.tasks.title');
  return (
    <>
      <Link to="/nhiem-vu">
        <ArrowLeftOutlined aria-hidden /> {t('portal.tasks.detail.back')}
      </Link>
      <PageHeader title={title} />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending ? <Loading /> : null}
      {task ? (
        <>
          <Card>
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2 }}
              size="small"
              items={[
                {
                  key: 'content',
                  label: t('portal.tasks.col.content'),
                  children: task.content,
                  span: 'filled',
                },
                { key: 'assigner', label: t('portal.tasks.col.assigner'), children: task.assigner.name },
                { key: 'lead', label: t('portal.tasks.col.lead'), children: task.lead.name },
                ...(task.cooperating.length
                  ? [
                      {
                        key: 'coop',
                        label: t('portal.tasks.col.cooperating'),
                        children: task.cooperating.map((c) => c.name).join(', '),
                      },
                    ]
                  : []),
                {
                  key: 'source',
                  label: t('portal.tasks.col.source'),
                  children: `${t(`portal.tasks.source.${task.sourceKind}`)}: ${task.sourceText}`,
                },
                ...(task.sourceDocument
                  ? [
                      {
                        key: 'doc',
                        label: t('portal.tasks.detail.sourceDocument'),
                        children: (
                          <Link to={`/van-ban/${task.sourceDocument.id}`}>
                            {task.sourceDocument.numberNotation ?? '—'} (
                            {formatDate(task.sourceDocument.issuedDate)}): {task.sourceDocument.summary}
                          </Link>
                        ),
                      },
                    ]
                  : []),
                ...(task.sourceEntry
                  ? [
                      {
                        key: 'meeting',
                        label: t('portal.tasks.detail.meeting'),
                        children: `${formatDate(task.sourceEntry.day)}: ${task.sourceEntry.content}`,
                      },
                    ]
                  : []),
                {
                  key: 'assignedOn',
                  label: t('portal.tasks.col.assignedOn'),
                  children: formatDate(task.assignedOn),
                },
                {
                  key: 'dueOn',
                  label: t('portal.tasks.col.dueOn'),
                  children: `${formatDate(task.dueOn)}${task.dueWorkingDays ? ` (${t('portal.tasks.workingDays', { count: task.dueWorkingDays })})` : ''}`,
                },
                {
                  key: 'status',
                  label: t('portal.tasks.col.status'),
                  children: (
                    <>
                      {t(`portal.tasks.status.${task.status}`)} <StandingTags task={task} />
                    </>
                  ),
                },
                {
                  key: 'progress',
                  label: t('portal.tasks.col.progress'),
                  children: (
                    <Progress
                      percent={task.progress}
                      size="small"
                      aria-label={`${t('portal.tasks.col.progress')} ${task.progress}%`}
                    />
                  ),
                },
                ...(task.reportedOn
                  ? [
                      {
                        key: 'rep',
                        label: t('portal.tasks.col.reportedOn'),
                        children: formatDate(task.reportedOn),
                      },
                    ]
                  : []),
                ...(task.doneOn
                  ? [{ key: 'done', label: t('portal.tasks.col.doneOn'), children: formatDate(task.doneOn) }]
                  : []),
              ]}
            />
            {task.actions.length ? (
              <Space wrap className="lt-gap-top">
                {task.actions.includes('progress') ? (
                  <Button onClick={() => setMode('progress')} aria-pressed={mode === 'progress'}>
                    {t('portal.tasks.detail.reportProgress')}
                  </Button>
                ) : null}
                {task.actions.includes('result') ? (
                  <Button type="primary" onClick={() => setMode('result')} aria-pressed={mode === 'result'}>
                    {t('portal.tasks.detail.reportResult')}
                  </Button>
                ) : null}
                {task.actions.includes('accept') ? (
                  <Popconfirm
                    title={t('portal.tasks.detail.acceptConfirm')}
                    onConfirm={() => accept.mutate()}
                    okText={t('portal.tasks.detail.accept')}
                    cancelText={t('portal.tasks.form.cancel')}
                  >
                    <Button type="primary" loading={accept.isPending}>
                      {t('portal.tasks.detail.accept')}
                    </Button>
                  </Popconfirm>
                ) : null}
                {task.actions.includes('return') ? (
                  <Button danger onClick={() => setMode('return')} aria-pressed={mode === 'return'}>
                    {t('portal.tasks.detail.return')}
                  </Button>
                ) : null}
              </Space>
            ) : null}
            <ErrorAlert error={accept.error} />
            {mode && (mode !== 'return' || task.actions.includes('return')) ? (
              <ActionForm key={mode} task={task} mode={mode} onDone={() => setMode(null)} />
            ) : null}
          </Card>
          <Card
            className="lt-gap-top"
            title={<h2 className="lt-card-title">{t('portal.tasks.detail.timeline')}</h2>}
          >
            {task.events.length ? (
              <Timeline
                items={task.events.map((e) => ({
                  key: e.id,
                  content: (
                    <div>
                      <strong>{t(`portal.tasks.detail.event.${e.kind}`)}</strong>
                      {e.progress !== null && e.kind === 'progress' ? ` — ${e.progress}%` : ''}
                      <div className="lt-muted">
                        {formatDateTime(e.at)}
                        {e.actorName ? ` · ${e.actorName}` : ''}
                        {e.agencyName ? ` · ${e.agencyName}` : ''}
                      </div>
                      {e.text ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.text}</div> : null}
                      {e.files.length ? (
                        <ul
                          aria-label={t('portal.tasks.detail.files')}
                          style={{ margin: 0, paddingLeft: 18 }}
                        >
                          {e.files.map((f) => (
                            <li key={f.sha256}>
                              <a href={taskFileUrl(task.id, f.sha256)} download={f.fileName}>
                                {f.fileName}
                              </a>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            ) : (
              <p className="lt-muted">{t('portal.tasks.detail.noEvents')}</p>
            )}
          </Card>
        </>
      ) : null}
    </>
  );
}
