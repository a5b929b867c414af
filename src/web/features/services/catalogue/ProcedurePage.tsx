import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { procedureContentSchema } from '../../../../shared/services/procedure.ts';
import { ONLINE_LEVELS, PROCEDURE_LEVELS } from '../../../../shared/services/statuses.ts';
import { errorMessage } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { catalogueKeys, getProcedureAdmin, saveVersion, setActive } from './api.ts';

/** One procedure for the catalogue's administrators: its current content, versions, retire/restore, a new version. */
export default function ProcedurePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: catalogueKeys.one(code), queryFn: () => getProcedureAdmin(code) });
  const toggle = useMutation({
    mutationFn: (active: boolean) => setActive(code, active),
    onSuccess: async (p) => {
      qc.setQueryData(catalogueKeys.one(code), p);
      await qc.invalidateQueries({ queryKey: catalogueKeys.all });
      message.success(p.active ? t('services.catalogue.restored') : t('services.catalogue.retired'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (q.isPending) return <Loading />;
  if (q.error || !q.data)
    return (
      <>
        <PageHeader title={t('services.catalogue.title')} />
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const p = q.data;
  const c = p.content;
  return (
    <>
      <PageHeader
        title={p.name}
        intro={`${p.code} · ${t('services.catalogue.versionN', { n: p.version })}`}
        extra={
          <Link to="/thu-tuc-hanh-chinh">
            <ArrowLeftOutlined aria-hidden /> {t('services.catalogue.back')}
          </Link>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        {p.active ? (
          <Tag color="green">{t('services.catalogue.active')}</Tag>
        ) : (
          <Tag color="red">{t('services.catalogue.inactive')}</Tag>
        )}
        <Button type="primary" onClick={() => setEditing(true)}>
          {t('services.catalogue.newVersion')}
        </Button>
        {p.active ? (
          <Button
            danger
            loading={toggle.isPending}
            onClick={() =>
              modal.confirm({
                title: t('services.catalogue.retireConfirm'),
                content: t('services.catalogue.retireText'),
                okText: t('services.catalogue.retire'),
                cancelText: t('services.catalogue.close'),
                onOk: () => toggle.mutateAsync(false),
              })
            }
          >
            {t('services.catalogue.retire')}
          </Button>
        ) : (
          <Button loading={toggle.isPending} onClick={() => toggle.mutate(true)}>
            {t('services.catalogue.restore')}
          </Button>
        )}
        <a href={`/cong-khai/thu-tuc/${encodeURIComponent(p.code)}`}>{t('services.catalogue.publicPage')}</a>
      </Space>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('services.catalogue.field')}>{c.field}</Descriptions.Item>
        <Descriptions.Item label={t('services.catalogue.level')}>
          {PROCEDURE_LEVELS.find((l) => l.code === c.level)?.label}
        </Descriptions.Item>
        <Descriptions.Item label={t('services.catalogue.online')}>
          {ONLINE_LEVELS.find((l) => l.code === c.onlineLevel)?.label}
        </Descriptions.Item>
        <Descriptions.Item label={t('services.catalogue.days')}>{c.processingDays}</Descriptions.Item>
        <Descriptions.Item label={t('services.catalogue.agencies')}>
          {p.agencies.map((a) => a.name).join('; ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('services.catalogue.steps')}>
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            {c.steps.map((s) => (
              <li key={s.name}>
                {s.name} — {s.budgetDays}
              </li>
            ))}
          </ol>
        </Descriptions.Item>
        <Descriptions.Item label={t('services.catalogue.papers')}>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {c.papers.map((x) => (
              <li key={x.key}>
                {x.name} ({x.key})
              </li>
            ))}
          </ul>
        </Descriptions.Item>
        <Descriptions.Item label={t('services.catalogue.formFields')}>
          {c.form.fields.map((f) => f.label).join('; ') || '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2}>{t('services.catalogue.versions')}</Typography.Title>
      <List
        bordered
        dataSource={p.versions}
        renderItem={(v) => (
          <List.Item>
            <div>
              <strong>{t('services.catalogue.versionN', { n: v.version })}</strong> ·{' '}
              {formatDateTime(v.createdAt)}
              {v.createdBy ? ` · ${v.createdBy}` : ''}
              {v.note ? <div className="lt-muted">{v.note}</div> : null}
            </div>
          </List.Item>
        )}
      />
      {editing ? <VersionDialog initial={c} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

/** A new version as the open data's JSON (the same shape the import takes), with what changed. */
function VersionDialog({ initial, onClose }: { initial: unknown; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [text, setText] = useState(() => JSON.stringify(initial, null, 2));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const save = useMutation({
    mutationFn: () => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(t('services.catalogue.jsonInvalid'));
      }
      const parsed = procedureContentSchema.safeParse(json);
      if (!parsed.success)
        throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return saveVersion(parsed.data, note.trim() || undefined);
    },
    onSuccess: async (p) => {
      qc.setQueryData(catalogueKeys.one(p.code), p);
      await qc.invalidateQueries({ queryKey: catalogueKeys.all });
      message.success(t('services.catalogue.saved', { n: p.version }));
      onClose();
    },
    onError: (e) => setProblem(e instanceof Error && !('status' in e) ? e.message : errorMessage(e)),
  });
  return (
    <Modal
      open
      width={820}
      title={t('services.catalogue.newVersion')}
      okText={t('services.catalogue.save')}
      cancelText={t('services.catalogue.close')}
      onOk={() => save.mutate()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t('services.catalogue.note')} htmlFor="ghi-chu-phien-ban" required>
          <Input
            id="ghi-chu-phien-ban"
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('services.catalogue.content')} htmlFor="noi-dung-json">
          <Input.TextArea
            id="noi-dung-json"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={18}
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon message={problem} /> : null}
    </Modal>
  );
}
