import { EditOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Periodicity,
  parsePeriod,
  periodCode,
  periodLabel,
  periodOf,
  periodsBetween,
} from '../../../../shared/indicators/periods.ts';
import { AGENCY_KINDS } from '../../../../shared/roles.ts';
import { listAgencies } from '../../../api/agencies.ts';
import { errorMessage } from '../../../api/client.ts';
import { AgencyPicker } from '../../../components/AgencyPicker.tsx';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList, usePhone } from '../../../components/ResponsiveList.tsx';
import { currentLang } from '../../../i18n.ts';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { fold, indKeys } from '../analysis/api.ts';
import { todayVn, useIndicatorList } from '../analysis/ChartForm.tsx';
import {
  adminKeys,
  createForm,
  formAgencyIds,
  formCodes,
  getForm,
  listForms,
  PERIODICITY_CODES,
  type ReportFormDef,
  type ReportFormValues,
  reopenPeriod,
  updateForm,
} from './api.ts';

/** Every agency (no divisions), read once: the reporting agencies are picked from it, by name or by level. */
function useAllAgencies() {
  return useQuery({
    queryKey: ['agencies', 'all-for-forms'],
    queryFn: async () => (await listAgencies({ limit: 500 })).items.filter((a) => a.kind !== 'division'),
    staleTime: 5 * 60_000,
  });
}

/** Reporting agencies: a searchable multiple choice, and "add every agency of a level". */
function AgencyMulti({
  id,
  value = [],
  onChange,
}: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  const { t } = useTranslation();
  const all = useAllAgencies();
  const options = (all.data ?? []).map((a) => ({
    value: a.id,
    label: a.name,
    search: fold(`${a.name} ${a.agencyCode ?? ''}`),
  }));
  const levels = AGENCY_KINDS.filter((k) => k !== 'division' && k !== 'other');
  return (
    <>
      <Select
        id={id}
        mode="multiple"
        value={value}
        loading={all.isPending}
        style={{ width: '100%' }}
        options={options}
        placeholder={t('indAdmin.forms.agenciesPlaceholder')}
        showSearch={{
          filterOption: (input, opt) =>
            !!opt && (opt as { search: string }).search.includes(fold(input.trim())),
        }}
        onChange={(v: string[]) => onChange?.(v)}
      />
      <Space wrap size={4} className="lt-gap-top">
        {levels.map((k) => (
          <Button
            key={k}
            size="small"
            onClick={() =>
              onChange?.([
                ...new Set([...value, ...(all.data ?? []).filter((a) => a.kind === k).map((a) => a.id)]),
              ])
            }
          >
            {t('indAdmin.forms.addLevel', { level: t(`agencyKinds.${k}`) })}
          </Button>
        ))}
        {value.length ? (
          <Button size="small" type="link" onClick={() => onChange?.([])}>
            {t('indAdmin.forms.clearAgencies')}
          </Button>
        ) : null}
      </Space>
    </>
  );
}

function periodChoices(periodicity: Periodicity) {
  const now = periodOf(periodicity, todayVn());
  const start = parsePeriod(periodCode(periodicity, now.year - 2, 1)) ?? now;
  return periodsBetween(start, now)
    .reverse()
    .map((p) => ({ value: p.code, label: periodLabel(p, currentLang()) }));
}

/** Reopen a locked period of the form for one agency, until a date, with a reason. */
function Reopen({ form: f }: { form: ReportFormDef }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ agencyId: string; period: string; until: Dayjs; reason: string }>();
  const run = useMutation({
    mutationFn: (v: { agencyId: string; period: string; until: Dayjs; reason: string }) =>
      reopenPeriod(f.id, {
        agencyId: v.agencyId,
        period: v.period,
        until: v.until.format('YYYY-MM-DD'),
        reason: v.reason.trim(),
      }),
    onSuccess: () => {
      message.success(t('indAdmin.forms.reopened'));
      form.resetFields();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    },
  });
  const req = (field: string) => [{ required: true, message: t('indAdmin.required', { field }) }];
  return (
    <section className="lt-gap-top" aria-labelledby="reopen-title">
      <Typography.Title level={3} id="reopen-title" className="lt-card-title">
        {t('indAdmin.forms.reopenTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('indAdmin.forms.reopenHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="agencyId"
              label={t('indAdmin.forms.reopenAgency')}
              rules={req(t('indAdmin.forms.reopenAgency'))}
            >
              <AgencyPicker agenciesOnly />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="period"
              label={t('indAdmin.forms.reopenPeriod')}
              rules={req(t('indAdmin.forms.reopenPeriod'))}
            >
              <Select options={periodChoices(f.periodicity)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="until"
              label={t('indAdmin.forms.reopenUntil')}
              rules={req(t('indAdmin.forms.reopenUntil'))}
            >
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="reason"
          label={t('indAdmin.forms.reopenReason')}
          rules={req(t('indAdmin.forms.reopenReason'))}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button htmlType="submit" icon={<UnlockOutlined aria-hidden />} loading={run.isPending}>
          {t('indAdmin.forms.reopen')}
        </Button>
      </Form>
    </section>
  );
}

function FormDrawer({ id, open, onClose }: { id: string | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const phone = usePhone();
  const [form] = Form.useForm<ReportFormValues>();
  const one = useQuery({
    queryKey: adminKeys.form(id ?? ''),
    queryFn: () => getForm(id!),
    enabled: open && !!id,
  });
  const inds = useIndicatorList();
  const periodicity = Form.useWatch('periodicity', form) as Periodicity | undefined;
  const [err, setErr] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    setErr(null);
    form.resetFields();
    if (one.data && id)
      form.setFieldsValue({
        ...one.data,
        items: formCodes(one.data),
        agencyIds: formAgencyIds(one.data),
      });
  }, [open, one.data, id, form]);
  const options = useMemo(
    () =>
      (inds.data ?? [])
        .filter((i) => !periodicity || i.periodicity === periodicity)
        .map((i) => ({ value: i.code, label: `${i.code} · ${i.name}`, search: fold(`${i.code} ${i.name}`) })),
    [inds.data, periodicity],
  );
  const save = useMutation({
    mutationFn: (v: ReportFormValues) =>
      id ? updateForm(id, v) : createForm({ ...v, code: v.code.trim().toUpperCase() }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.forms });
      void qc.invalidateQueries({ queryKey: indKeys.all });
      message.success(t('indAdmin.forms.saved'));
      onClose();
    },
    onError: (e) => {
      setErr(null);
      if (!applyFieldErrors(form, e)) setErr(e);
    },
  });
  const req = (field: string) => [{ required: true, message: t('indAdmin.required', { field }) }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={phone ? '100%' : 760}
      destroyOnHidden
      title={
        id ? t('indAdmin.forms.editTitle', { code: one.data?.code ?? '' }) : t('indAdmin.forms.newTitle')
      }
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t('indAdmin.save')}
        </Button>
      }
    >
      <ErrorAlert error={one.error ?? err} />
      <Form<ReportFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          periodicity: 'month',
          dueDays: 5,
          lockDays: 15,
          approvalLevels: 1,
          active: true,
          items: [],
          agencyIds: [],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('indAdmin.forms.code')} rules={req(t('indAdmin.forms.code'))}>
              <Input disabled={!!id} maxLength={30} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('indAdmin.forms.name')} rules={req(t('indAdmin.forms.name'))}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name="periodicity" label={t('indAdmin.cat.periodicity')}>
              <Select
                disabled={!!id}
                options={PERIODICITY_CODES.map((p) => ({
                  value: p,
                  label: t(`indAdmin.periodicities.${p}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="dueDays" label={t('indAdmin.forms.dueDays')} extra={t('indAdmin.forms.dueHint')}>
              <InputNumber min={0} max={90} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="lockDays"
              label={t('indAdmin.forms.lockDays')}
              extra={t('indAdmin.forms.lockHint')}
            >
              <InputNumber min={0} max={365} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="approvalLevels"
              label={t('indAdmin.forms.approvalLevels')}
              extra={t('indAdmin.forms.approvalHint')}
            >
              <InputNumber min={0} max={3} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="items"
          label={t('indAdmin.forms.indicators')}
          extra={t('indAdmin.forms.indicatorsHint')}
        >
          <Select
            mode="multiple"
            loading={inds.isPending}
            options={options}
            showSearch={{
              filterOption: (input, opt) =>
                !!opt && (opt as { search: string }).search.includes(fold(input.trim())),
            }}
          />
        </Form.Item>
        <Form.Item name="agencyIds" label={t('indAdmin.forms.agencies')}>
          <AgencyMulti />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t('indAdmin.forms.active')}</Checkbox>
        </Form.Item>
      </Form>
      {id && one.data ? <Reopen form={one.data} /> : null}
    </Drawer>
  );
}

/** Biểu mẫu báo cáo: the forms (indicators of a periodicity, the agencies that report them, dates, approval). */
export default function FormsPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: adminKeys.forms, queryFn: listForms });
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const count = (f: ReportFormDef) => formCodes(f).length;
  const agencies = (f: ReportFormDef) => formAgencyIds(f).length;
  return (
    <>
      <PageHeader
        title={t('indAdmin.forms.title')}
        intro={t('indAdmin.forms.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
            {t('indAdmin.forms.new')}
          </Button>
        }
      />
      <Card>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        <ResponsiveList<ReportFormDef>
          label={t('indAdmin.forms.listLabel')}
          items={list.data ?? []}
          rowKey={(f) => f.id}
          loading={list.isPending}
          empty={<EmptyText>{t('indAdmin.forms.empty')}</EmptyText>}
          table={{
            size: 'small',
            scroll: { x: 'max-content' },
            columns: [
              { title: t('indAdmin.forms.code'), dataIndex: 'code', key: 'code' },
              { title: t('indAdmin.forms.name'), dataIndex: 'name', key: 'name' },
              {
                title: t('indAdmin.cat.periodicity'),
                key: 'p',
                render: (_v, f) => t(`indAdmin.periodicities.${f.periodicity}`),
              },
              {
                title: t('indAdmin.forms.indicators'),
                key: 'n',
                align: 'right',
                render: (_v, f) => count(f),
              },
              {
                title: t('indAdmin.forms.agencies'),
                key: 'a',
                align: 'right',
                render: (_v, f) => agencies(f),
              },
              { title: t('indAdmin.forms.dueDays'), dataIndex: 'dueDays', key: 'd', align: 'right' },
              { title: t('indAdmin.forms.lockDays'), dataIndex: 'lockDays', key: 'l', align: 'right' },
              {
                title: t('indAdmin.forms.approvalLevels'),
                dataIndex: 'approvalLevels',
                key: 'al',
                align: 'right',
              },
              {
                title: t('indAdmin.actions'),
                key: 'x',
                render: (_v, f) => (
                  <Button
                    size="small"
                    icon={<EditOutlined aria-hidden />}
                    aria-label={t('indAdmin.forms.editNamed', { code: f.code })}
                    onClick={() => setEditing(f.id)}
                  >
                    {t('indAdmin.edit')}
                  </Button>
                ),
              },
            ],
          }}
          card={(f) => (
            <ListCard
              title={`${f.code} · ${f.name}`}
              onOpen={() => setEditing(f.id)}
              fields={[
                { label: t('indAdmin.cat.periodicity'), value: t(`indAdmin.periodicities.${f.periodicity}`) },
                { label: t('indAdmin.forms.indicators'), value: count(f) },
                { label: t('indAdmin.forms.agencies'), value: agencies(f) },
              ]}
              tags={f.active ? null : <Tag>{t('indAdmin.inactive')}</Tag>}
            />
          )}
        />
      </Card>
      <FormDrawer id={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)} />
    </>
  );
}
