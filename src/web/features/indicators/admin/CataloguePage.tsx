import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../api/client.ts';
import { AgencyPicker } from '../../../components/AgencyPicker.tsx';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FilterBar, FilterField } from '../../../components/FilterBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList, usePhone } from '../../../components/ResponsiveList.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { indKeys, uploadFile } from '../analysis/api.ts';
import {
  AGGREGATIONS,
  adminKeys,
  CATALOGUE_XLSX,
  createIndicator,
  getIndicator,
  type ImportProblem,
  type IndicatorDetail,
  type IndicatorFormValues,
  LEVELS,
  listCatalogue,
  listDisaggregations,
  listGroups,
  PERIODICITY_CODES,
  updateIndicator,
  VALUE_TYPES,
} from './api.ts';

const FIELDS: (keyof IndicatorFormValues)[] = [
  'code',
  'groupCode',
  'name',
  'unit',
  'periodicity',
  'valueType',
  'decimals',
  'aggregation',
  'weightCode',
  'formula',
  'disaggregationCode',
  'level',
  'responsibleAgencyId',
  'official',
  'open',
  'active',
];

/**
 * Which field a server error belongs to when it came without a field path: the formula's and the
 * weight's messages name them ("Công thức…", "Mã chỉ tiêu không tồn tại", "vòng lặp").
 */
function fieldOfDetail(detail: string): keyof IndicatorFormValues | null {
  if (/trọng số|weight/i.test(detail)) return 'weightCode';
  if (/công thức|không tồn tại|vòng lặp|formula/i.test(detail)) return 'formula';
  if (/^mã chỉ tiêu .*đã có|đã tồn tại/i.test(detail)) return 'code';
  return null;
}

/** The drawer that creates an indicator or edits one (a new version; the old one is kept). */
function IndicatorDrawer({
  code,
  open,
  onClose,
}: {
  code: string | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const phone = usePhone();
  const [form] = Form.useForm<IndicatorFormValues>();
  const groups = useQuery({ queryKey: adminKeys.groups, queryFn: listGroups, staleTime: 5 * 60_000 });
  const dis = useQuery({
    queryKey: adminKeys.disaggregations,
    queryFn: listDisaggregations,
    staleTime: 5 * 60_000,
  });
  const one = useQuery({
    queryKey: adminKeys.one(code ?? ''),
    queryFn: () => getIndicator(code!),
    enabled: open && !!code,
  });
  const aggregation = Form.useWatch('aggregation', form);
  const [formError, setFormError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    setFormError(null);
    form.resetFields();
    if (one.data && code) form.setFieldsValue(one.data);
  }, [open, one.data, code, form]);
  const save = useMutation({
    mutationFn: (v: IndicatorFormValues) => {
      const body: IndicatorFormValues = {
        ...v,
        code: v.code.trim().toUpperCase(),
        weightCode: v.aggregation === 'weighted_avg' ? v.weightCode?.trim().toUpperCase() || null : null,
        formula: v.aggregation === 'formula' ? v.formula?.trim() || null : null,
        disaggregationCode: v.disaggregationCode ?? null,
        responsibleAgencyId: v.responsibleAgencyId ?? null,
      };
      return code ? updateIndicator(code, body) : createIndicator(body);
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: indKeys.all });
      message.success(
        code
          ? t('indAdmin.cat.updated', { code: r.code ?? code, version: r.version ?? '' })
          : t('indAdmin.cat.created', { code: r.code ?? '' }),
      );
      onClose();
    },
    onError: (e) => {
      setFormError(null);
      if (applyFieldErrors(form, e, { known: FIELDS.map((f) => [f]) })) return;
      const field = e instanceof ApiError ? fieldOfDetail(e.detail) : null;
      if (field && e instanceof ApiError) form.setFields([{ name: field, errors: [errorMessage(e)] }]);
      else setFormError(e);
    },
  });
  const required = (label: string) => ({ required: true, message: t('indAdmin.required', { field: label }) });
  const versions = one.data?.versions ?? [];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={phone ? '100%' : 720}
      title={code ? t('indAdmin.cat.editTitle', { code }) : t('indAdmin.cat.newTitle')}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t('indAdmin.save')}
        </Button>
      }
    >
      <ErrorAlert error={one.error ?? formError} />
      <Form<IndicatorFormValues>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{
          periodicity: 'month',
          valueType: 'number',
          decimals: 0,
          aggregation: 'sum',
          level: 'district',
          official: false,
          open: true,
          active: true,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t('indAdmin.cat.code')}
              rules={[required(t('indAdmin.cat.code'))]}
              extra={t('indAdmin.cat.codeHint')}
            >
              <Input disabled={!!code} maxLength={12} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="groupCode"
              label={t('indAdmin.cat.group')}
              rules={[required(t('indAdmin.cat.group'))]}
            >
              <Select
                loading={groups.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                options={(groups.data ?? []).map((g) => ({ value: g.code, label: `${g.code} · ${g.name}` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t('indAdmin.cat.name')} rules={[required(t('indAdmin.cat.name'))]}>
          <Input maxLength={500} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item name="unit" label={t('indAdmin.cat.unit')} rules={[required(t('indAdmin.cat.unit'))]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="periodicity" label={t('indAdmin.cat.periodicity')}>
              <Select
                options={PERIODICITY_CODES.map((p) => ({
                  value: p,
                  label: t(`indAdmin.periodicities.${p}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="valueType" label={t('indAdmin.cat.valueType')}>
              <Select
                options={VALUE_TYPES.map((p) => ({ value: p, label: t(`indAdmin.valueTypes.${p}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="decimals" label={t('indAdmin.cat.decimals')}>
              <InputNumber min={0} max={6} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="aggregation"
              label={t('indAdmin.cat.aggregation')}
              extra={t(`indAdmin.aggregationHints.${aggregation ?? 'sum'}`)}
            >
              <Select
                options={AGGREGATIONS.map((p) => ({ value: p, label: t(`indAdmin.aggregations.${p}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="level" label={t('indAdmin.cat.level')}>
              <Select options={LEVELS.map((p) => ({ value: p, label: t(`indAdmin.levels.${p}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        {aggregation === 'weighted_avg' ? (
          <Form.Item
            name="weightCode"
            label={t('indAdmin.cat.weightCode')}
            rules={[required(t('indAdmin.cat.weightCode'))]}
            extra={t('indAdmin.cat.weightHint')}
          >
            <Input maxLength={12} autoComplete="off" />
          </Form.Item>
        ) : null}
        {aggregation === 'formula' ? (
          <Form.Item
            name="formula"
            label={t('indAdmin.cat.formula')}
            rules={[required(t('indAdmin.cat.formula'))]}
            extra={t('indAdmin.cat.formulaHint')}
          >
            <Input maxLength={1000} autoComplete="off" spellCheck={false} />
          </Form.Item>
        ) : null}
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="disaggregationCode" label={t('indAdmin.cat.disaggregation')}>
              <Select
                allowClear
                placeholder={t('indAdmin.cat.noDisaggregation')}
                options={(dis.data ?? []).map((d) => ({
                  value: d.code,
                  label: `${d.name} (${d.options.map((o) => o.name).join(', ')})`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="responsibleAgencyId" label={t('indAdmin.cat.responsible')}>
              <AgencyPicker agenciesOnly allowClear />
            </Form.Item>
          </Col>
        </Row>
        <Space wrap>
          <Form.Item name="official" valuePropName="checked" noStyle>
            <Checkbox>{t('indAdmin.cat.official')}</Checkbox>
          </Form.Item>
          <Form.Item name="open" valuePropName="checked" noStyle>
            <Checkbox>{t('indAdmin.cat.open')}</Checkbox>
          </Form.Item>
          <Form.Item name="active" valuePropName="checked" noStyle>
            <Checkbox>{t('indAdmin.cat.active')}</Checkbox>
          </Form.Item>
        </Space>
      </Form>
      {code ? (
        <section className="lt-gap-top" aria-labelledby="ind-versions">
          <Typography.Title level={3} id="ind-versions" className="lt-card-title">
            {t('indAdmin.cat.versions')}
          </Typography.Title>
          {versions.length ? (
            <ul className="lt-link-list">
              {[...versions]
                .sort((a, b) => b.version - a.version)
                .map((v) => (
                  <li key={v.version}>
                    {t('indAdmin.cat.versionLine', {
                      version: v.version,
                      at: formatDateTime(v.changedAt ?? null),
                      name: String(v.definition.name ?? ''),
                    })}
                    {v.definition.formula ? ` · ${String(v.definition.formula)}` : ''}
                  </li>
                ))}
            </ul>
          ) : (
            <Typography.Paragraph type="secondary">{t('indAdmin.cat.noVersions')}</Typography.Paragraph>
          )}
        </section>
      ) : null}
    </Drawer>
  );
}

/** Import an xlsx of the catalogue: either everything is taken in, or the bad rows are listed. */
function ImportCard({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const run = useMutation({
    mutationFn: (f: File) =>
      uploadFile<{ created?: number; updated?: number; errors?: ImportProblem[] }>(
        '/indicators/catalogue/import',
        f,
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: indKeys.all }),
  });
  const problems: ImportProblem[] =
    (run.error instanceof ApiError && Array.isArray(run.error.body.errors)
      ? (run.error.body.errors as ImportProblem[])
      : null) ??
    run.data?.errors ??
    [];
  return (
    <Card
      className="lt-gap-top"
      title={<h2 className="lt-card-title">{t('indAdmin.cat.importTitle')}</h2>}
      extra={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <Typography.Paragraph>{t('indAdmin.cat.importHint')}</Typography.Paragraph>
      <label htmlFor={id} className="lt-field-label">
        {t('indAdmin.cat.importFile')}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) run.mutate(f);
        }}
      />
      {run.isPending ? (
        <Typography.Paragraph role="status">{t('indAdmin.cat.importing')}</Typography.Paragraph>
      ) : null}
      {run.data && !problems.length ? (
        <Alert
          className="lt-gap-top"
          type="success"
          showIcon
          role="status"
          title={t('indAdmin.cat.imported', {
            created: run.data.created ?? 0,
            updated: run.data.updated ?? 0,
          })}
        />
      ) : null}
      {run.error && !problems.length ? <ErrorAlert error={run.error} /> : null}
      {problems.length ? (
        <>
          <Alert
            className="lt-gap-top"
            type="error"
            showIcon
            title={t('indAdmin.cat.importProblems', { count: problems.length })}
          />
          <TableRegion label={t('indAdmin.cat.importProblemsLabel')}>
            <Table<ImportProblem>
              size="small"
              rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
              pagination={false}
              dataSource={problems}
              columns={[
                { title: t('indAdmin.cat.row'), dataIndex: 'row', key: 'row', width: 70 },
                {
                  title: t('indAdmin.cat.column'),
                  dataIndex: 'column',
                  key: 'column',
                  width: 110,
                  render: (c: string | null) => c ?? '—',
                },
                { title: t('indAdmin.cat.problem'), dataIndex: 'message', key: 'message' },
              ]}
            />
          </TableRegion>
        </>
      ) : null}
    </Card>
  );
}

/** Danh mục chỉ tiêu: the catalogue, filtered by group, periodicity and a search; create, edit, import, export. */
export default function CataloguePage() {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<{ group?: string; periodicity?: string; q?: string }>({});
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const groups = useQuery({ queryKey: adminKeys.groups, queryFn: listGroups, staleTime: 5 * 60_000 });
  const list = useInfiniteQuery({
    queryKey: adminKeys.catalogue(filters),
    queryFn: ({ pageParam }) => listCatalogue(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  // The server filters by group and text; the periodicity is filtered here, on the pages read.
  const items = (list.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (i) => !filters.periodicity || i.periodicity === filters.periodicity,
  );
  const filtered = Object.values(filters).filter(Boolean).length > 0;
  const groupName = (i: IndicatorDetail) =>
    groups.data?.find((g) => g.code === i.groupCode)?.name ?? i.groupCode;
  return (
    <>
      <PageHeader
        title={t('indAdmin.cat.title')}
        intro={t('indAdmin.cat.intro')}
        extra={
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
              {t('indAdmin.cat.new')}
            </Button>
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              {t('indAdmin.cat.import')}
            </Button>
            <Button icon={<DownloadOutlined aria-hidden />} href={CATALOGUE_XLSX} download>
              {t('indAdmin.cat.export')}
            </Button>
          </Space>
        }
      />
      {importing ? <ImportCard onClose={() => setImporting(false)} /> : null}
      <Card className="lt-gap-top">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setFilters((f) => ({ ...f, q: q.trim() || undefined }));
          }}
        >
          <FilterBar
            active={[filters.group, filters.periodicity].filter(Boolean).length}
            search={
              <FilterField label={t('indAdmin.cat.search')} htmlFor={`${id}-q`} wide>
                <Input.Search
                  id={`${id}-q`}
                  value={q}
                  allowClear
                  onChange={(e) => setQ(e.target.value)}
                  onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
                  enterButton={t('common.search')}
                />
              </FilterField>
            }
          >
            <FilterField label={t('indAdmin.cat.group')} htmlFor={`${id}-g`}>
              <Select
                id={`${id}-g`}
                allowClear
                style={{ width: '100%' }}
                value={filters.group}
                placeholder={t('indAdmin.all')}
                onChange={(group?: string) => setFilters((f) => ({ ...f, group }))}
                options={(groups.data ?? []).map((g) => ({ value: g.code, label: `${g.code} · ${g.name}` }))}
              />
            </FilterField>
            <FilterField label={t('indAdmin.cat.periodicity')} htmlFor={`${id}-p`}>
              <Select
                id={`${id}-p`}
                allowClear
                style={{ width: '100%' }}
                value={filters.periodicity}
                placeholder={t('indAdmin.all')}
                onChange={(periodicity?: string) => setFilters((f) => ({ ...f, periodicity }))}
                options={PERIODICITY_CODES.map((p) => ({
                  value: p,
                  label: t(`indAdmin.periodicities.${p}`),
                }))}
              />
            </FilterField>
          </FilterBar>
        </form>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        <ResponsiveList<IndicatorDetail>
          label={t('indAdmin.cat.listLabel')}
          items={items}
          rowKey={(i) => i.code}
          loading={list.isPending}
          empty={
            <EmptyText>{filtered ? t('indAdmin.cat.emptyFiltered') : t('indAdmin.cat.empty')}</EmptyText>
          }
          pager={list}
          table={{
            size: 'small',
            scroll: { x: 'max-content' },
            columns: [
              { title: t('indAdmin.cat.code'), dataIndex: 'code', key: 'code' },
              { title: t('indAdmin.cat.name'), dataIndex: 'name', key: 'name' },
              { title: t('indAdmin.cat.unit'), dataIndex: 'unit', key: 'unit' },
              {
                title: t('indAdmin.cat.periodicity'),
                key: 'p',
                render: (_v, i) => t(`indAdmin.periodicities.${i.periodicity}`),
              },
              {
                title: t('indAdmin.cat.aggregation'),
                key: 'a',
                render: (_v, i) => t(`indAdmin.aggregations.${i.aggregation}`),
              },
              { title: t('indAdmin.cat.group'), key: 'g', render: (_v, i) => groupName(i) },
              { title: t('indAdmin.cat.version'), dataIndex: 'version', key: 'v', align: 'right' },
              {
                title: t('indAdmin.actions'),
                key: 'x',
                render: (_v, i) => (
                  <Button
                    size="small"
                    icon={<EditOutlined aria-hidden />}
                    aria-label={t('indAdmin.cat.editNamed', { code: i.code })}
                    onClick={() => setEditing(i.code)}
                  >
                    {t('indAdmin.edit')}
                  </Button>
                ),
              },
            ],
          }}
          card={(i) => (
            <ListCard
              title={`${i.code} · ${i.name}`}
              onOpen={() => setEditing(i.code)}
              fields={[
                { label: t('indAdmin.cat.unit'), value: i.unit },
                { label: t('indAdmin.cat.periodicity'), value: t(`indAdmin.periodicities.${i.periodicity}`) },
                { label: t('indAdmin.cat.aggregation'), value: t(`indAdmin.aggregations.${i.aggregation}`) },
              ]}
              tags={i.active ? null : <Tag>{t('indAdmin.inactive')}</Tag>}
            />
          )}
        />
      </Card>
      <IndicatorDrawer
        code={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
