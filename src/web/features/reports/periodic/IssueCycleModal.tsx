import { CloseOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Modal, Radio, Select } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CycleInput } from '../../../../shared/reports/periodic.ts';
import { AgencyPicker, type AgencyRef, agencyLabel } from '../../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { createCycle, listTemplates, paths, periodicKeys } from './api.ts';

type IssueForm = { templateId?: string; year: number; period?: number; scope: 'all' | 'some' };

/** Today's month, half and year in Vietnam: the period the form starts on. */
function today(now = new Date()) {
  const vn = new Date(now.getTime() + 7 * 3600_000);
  const month = vn.getUTCMonth() + 1;
  return { year: vn.getUTCFullYear(), month, half: month <= 6 ? 1 : 2 };
}

function defaults(): IssueForm {
  const d = today();
  return { year: d.year, period: d.half, scope: 'all' };
}

/**
 * Phát hành kỳ báo cáo: a template, a year and its period (month or half), and the agencies asked
 * (every active agency, or a chosen few). The server computes the due date and refuses a period
 * issued twice or a template that does not fit, at the field.
 */
export function IssueCycleModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const id = useId();
  const [form] = Form.useForm<IssueForm>();
  const [chosen, setChosen] = useState<AgencyRef[]>([]);
  const [agencyError, setAgencyError] = useState<string | null>(null);
  const templates = useQuery({
    queryKey: periodicKeys.templates(true),
    queryFn: () => listTemplates(undefined, true),
    enabled: open,
  });
  const templateId = Form.useWatch('templateId', form);
  const scope = Form.useWatch('scope', form);
  const template = templates.data?.items.find((x) => x.id === templateId);

  const issue = useMutation({
    mutationFn: (input: CycleInput) => createCycle(input),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: periodicKeys.all });
      message.success(t('reports.periodic.issue.done', { label: c.label }));
      onClose();
      navigate(paths.cycle(c.id));
    },
    onError: (e) => applyFieldErrors(form, e, { known: [['templateId'], ['year'], ['period']] }),
  });

  const finish = (v: IssueForm) => {
    if (v.scope === 'some' && chosen.length === 0) {
      setAgencyError(t('reports.periodic.issue.agenciesRequired'));
      return;
    }
    issue.mutate({
      templateId: v.templateId!,
      year: v.year,
      ...(template && template.cycle !== 'year' ? { period: v.period } : {}),
      ...(v.scope === 'some' ? { agencyIds: chosen.map((a) => a.id) } : {}),
    });
  };

  const periodOptions =
    template?.cycle === 'month'
      ? Array.from({ length: 12 }, (_, i) => ({
          value: i + 1,
          label: t('reports.periodic.issue.monthN', { n: i + 1 }),
        }))
      : [1, 2].map((h) => ({ value: h, label: t(`reports.periodic.issue.halves.${h as 1 | 2}`) }));

  return (
    <Modal
      open={open}
      title={t('reports.periodic.issue.title')}
      okText={t('reports.periodic.issue.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: issue.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      afterOpenChange={(o) => {
        if (!o) {
          form.resetFields();
          setChosen([]);
          setAgencyError(null);
          issue.reset();
        }
      }}
    >
      <ErrorAlert error={issue.error} />
      <ErrorAlert error={templates.error} />
      {templates.data && templates.data.items.length === 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('reports.periodic.issue.noTemplates')}
          action={<Link to={paths.newTemplate}>{t('reports.periodic.templates.create')}</Link>}
        />
      ) : null}
      <Form<IssueForm> form={form} layout="vertical" initialValues={defaults()} onFinish={finish}>
        <Form.Item
          name="templateId"
          label={t('reports.periodic.issue.template')}
          rules={[{ required: true, message: t('reports.periodic.issue.templateRequired') }]}
          extra={template ? t('reports.periodic.issue.dueHint', { days: template.dueDays }) : undefined}
        >
          <Select
            onChange={(v: string) => {
              // The current month or half of the chosen template's kind.
              const kind = templates.data?.items.find((x) => x.id === v)?.cycle;
              form.setFieldValue('period', kind === 'month' ? today().month : today().half);
            }}
            placeholder={t('reports.periodic.issue.templatePlaceholder')}
            loading={templates.isPending}
            options={(templates.data?.items ?? []).map((x) => ({
              value: x.id,
              label: `${x.code} · ${x.name} (${t(`reports.periodic.cycleKinds.${x.cycle}`)})`,
            }))}
          />
        </Form.Item>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
          <Form.Item
            name="year"
            label={t('reports.periodic.issue.year')}
            rules={[{ required: true, message: t('reports.periodic.issue.yearRequired') }]}
            style={{ flex: '1 1 120px' }}
          >
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          {template && template.cycle !== 'year' ? (
            <Form.Item
              name="period"
              label={t(
                template.cycle === 'month' ? 'reports.periodic.issue.month' : 'reports.periodic.issue.half',
              )}
              rules={[{ required: true, message: t('reports.periodic.issue.periodRequired') }]}
              style={{ flex: '2 1 180px' }}
            >
              <Select options={periodOptions} />
            </Form.Item>
          ) : null}
        </div>
        <Form.Item name="scope" label={t('reports.periodic.issue.agencies')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('reports.periodic.issue.allAgencies') },
              { value: 'some', label: t('reports.periodic.issue.someAgencies') },
            ]}
          />
        </Form.Item>
        {scope === 'some' ? (
          <div style={{ marginBottom: 16 }}>
            <label htmlFor={`${id}-agency`} className="lt-field-label">
              {t('reports.periodic.issue.agencyPick')}
            </label>
            <AgencyPicker
              id={`${id}-agency`}
              agenciesOnly
              value={null}
              exclude={chosen.map((a) => a.id)}
              onChange={(_v, a) => {
                if (a) {
                  setChosen((c) => [...c, a]);
                  setAgencyError(null);
                }
              }}
            />
            {agencyError ? (
              <div className="lt-error-text" role="alert">
                {agencyError}
              </div>
            ) : null}
            {chosen.length ? (
              <ul className="lt-plain-list" style={{ marginTop: 8 }}>
                {chosen.map((a) => (
                  <li key={a.id} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
                    <span style={{ flex: 1 }}>{agencyLabel(a)}</span>
                    <Button
                      type="text"
                      size="small"
                      icon={<CloseOutlined aria-hidden />}
                      aria-label={t('reports.periodic.issue.remove', { name: a.name })}
                      onClick={() => setChosen((c) => c.filter((x) => x.id !== a.id))}
                    />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
