import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { MEASURES } from '../../../../shared/reports/measures.ts';
import {
  REPORT_CYCLES,
  type ReportCycle,
  type Template,
  type TemplateInput,
  templateInputSchema,
} from '../../../../shared/reports/periodic.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { applyFieldErrors, zodRule } from '../../../lib/forms.ts';
import { createTemplate, getTemplate, paths, periodicKeys, updateTemplate } from './api.ts';
import { useScreenId } from './screens.ts';

/** The form's rows and sections: every field a string the person types, keys possibly empty. */
type RowFields = { key?: string; label?: string; unit?: string; measure?: string };
type SectionFields = {
  kind: 'text' | 'table';
  key?: string;
  title?: string;
  hint?: string;
  rows?: RowFields[];
};
type TemplateFields = {
  code?: string;
  name?: string;
  title?: string;
  cycle?: ReportCycle;
  dueDays?: number;
  active?: boolean;
  sections: SectionFields[];
};

/** "Kết quả ứng dụng CNTT" → "ket_qua_ung_dung_cntt": a key from a title, when the person left it empty. */
export function keyFrom(text: string, taken: Set<string>): string {
  let base = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  if (!/^[a-z]/.test(base)) base = `m_${base}`.replace(/_+$/, '');
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  taken.add(key);
  return key;
}

const blankRow = (): RowFields => ({ label: '' });
const blankSection = (kind: 'text' | 'table'): SectionFields =>
  kind === 'text' ? { kind, title: '' } : { kind, title: '', rows: [blankRow()] };

function toFields(x: Template): TemplateFields {
  return {
    code: x.code,
    name: x.name,
    title: x.title,
    cycle: x.cycle,
    dueDays: x.dueDays,
    active: x.active,
    sections: x.sections.map((s) =>
      s.kind === 'text'
        ? { kind: 'text', key: s.key, title: s.title, hint: s.hint }
        : {
            kind: 'table',
            key: s.key,
            title: s.title,
            rows: s.rows.map((r) => ({ key: r.key, label: r.label, unit: r.unit, measure: r.measure })),
          },
    ),
  };
}

const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** What the API takes: keys made from titles where left empty, empty optional texts left out. */
function toInput(f: TemplateFields): TemplateInput {
  const sectionKeys = new Set(f.sections.map((s) => s.key?.trim()).filter((k): k is string => !!k));
  return {
    code: (f.code ?? '').trim(),
    name: (f.name ?? '').trim(),
    title: (f.title ?? '').trim(),
    cycle: f.cycle as ReportCycle,
    dueDays: Number(f.dueDays),
    sections: f.sections.map((s) => {
      const key = opt(s.key) ?? keyFrom(s.title ?? '', sectionKeys);
      if (s.kind === 'text') return { kind: 'text', key, title: (s.title ?? '').trim(), hint: opt(s.hint) };
      const rowKeys = new Set((s.rows ?? []).map((r) => r.key?.trim()).filter((k): k is string => !!k));
      return {
        kind: 'table',
        key,
        title: (s.title ?? '').trim(),
        rows: (s.rows ?? []).map((r) => ({
          key: opt(r.key) ?? keyFrom(r.label ?? '', rowKeys),
          label: (r.label ?? '').trim(),
          unit: opt(r.unit),
          measure: opt(r.measure),
        })),
      };
    }),
  };
}

const shape = templateInputSchema.shape;

/**
 * Tạo / sửa mẫu báo cáo định kỳ: the report's heading, its period and due days, and its sections —
 * free text (with a hint for the agency) or a table whose rows are typed or filled from a measured
 * figure. The server's refusals (a figure that does not exist, a duplicate key…) show at the field.
 */
export default function TemplatePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const id = useScreenId();
  const editing = !!id && id !== 'moi';
  const [form] = Form.useForm<TemplateFields>();
  const q = useQuery({
    queryKey: periodicKeys.template(id ?? ''),
    queryFn: () => getTemplate(id!),
    enabled: editing,
  });
  const used = !!q.data?.used;
  const save = useMutation({
    mutationFn: (f: TemplateFields) =>
      editing ? updateTemplate(id!, { ...toInput(f), active: !!f.active }) : createTemplate(toInput(f)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: periodicKeys.all });
      message.success(t('reports.periodic.templateForm.saved'));
      navigate(paths.templates);
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const required = { required: true, whitespace: true, message: t('reports.periodic.templateForm.required') };
  const measureOptions = MEASURES.map((m) => ({
    value: m.key,
    label: i18n.language === 'en' ? m.nameEn : m.name,
  }));

  if (editing && !q.data)
    return (
      <>
        <PageHeader
          title={t('reports.periodic.templates.title')}
          extra={<Link to={paths.templates}>{t('reports.periodic.templateForm.back')}</Link>}
        />
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        {q.isPending ? <Loading /> : null}
      </>
    );

  return (
    <>
      <PageHeader
        title={
          editing
            ? t('reports.periodic.templateForm.editTitle', { code: q.data!.code })
            : t('reports.periodic.templateForm.newTitle')
        }
        extra={<Link to={paths.templates}>{t('reports.periodic.templateForm.back')}</Link>}
      />
      {used ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('reports.periodic.templateForm.usedInfo')}
        />
      ) : null}
      <Form<TemplateFields>
        form={form}
        layout="vertical"
        initialValues={
          editing ? toFields(q.data!) : { cycle: 'half', dueDays: 10, sections: [blankSection('text')] }
        }
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 960 }}
      >
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 280px), 1fr))',
            columnGap: 16,
          }}
        >
          <Form.Item
            name="code"
            label={t('reports.periodic.templateForm.code')}
            extra={t('reports.periodic.templateForm.codeHelp')}
            rules={[zodRule(shape.code, 'required')]}
          >
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('reports.periodic.templateForm.name')}
            rules={[zodRule(shape.name, 'required')]}
          >
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="cycle" label={t('reports.periodic.templateForm.cycle')} rules={[required]}>
            <Select
              disabled={used}
              options={REPORT_CYCLES.map((c) => ({ value: c, label: t(`reports.periodic.cycleKinds.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="dueDays"
            label={t('reports.periodic.templateForm.dueDays')}
            rules={[zodRule(shape.dueDays, 'required')]}
          >
            <InputNumber min={0} max={60} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item
          name="title"
          label={t('reports.periodic.templateForm.title')}
          extra={t('reports.periodic.templateForm.titleHelp')}
          rules={[zodRule(shape.title, 'required')]}
        >
          <Input maxLength={300} />
        </Form.Item>
        {editing ? (
          <Form.Item name="active" valuePropName="checked">
            <Checkbox>{t('reports.periodic.templateForm.active')}</Checkbox>
          </Form.Item>
        ) : null}

        <h2 className="lt-section-title ant-typography">{t('reports.periodic.templateForm.sections')}</h2>
        <Form.List name="sections">
          {(sections, { add, remove, move }, { errors }) => (
            <>
              {sections.map((sec, i) => (
                <fieldset
                  key={sec.key}
                  disabled={used}
                  style={{
                    border: '1px solid #d9d9d9',
                    borderRadius: 8,
                    padding: '8px 16px 0',
                    marginBottom: 16,
                  }}
                >
                  <legend
                    style={{ width: 'auto', padding: '0 8px', marginBottom: 0, fontSize: 16, border: 0 }}
                  >
                    {t('reports.periodic.templateForm.section', { n: i + 1 })}
                  </legend>
                  <Space wrap size={4} style={{ marginBottom: 8 }}>
                    <Button
                      size="small"
                      icon={<ArrowUpOutlined aria-hidden />}
                      disabled={i === 0}
                      aria-label={t('reports.periodic.templateForm.moveUp', { n: i + 1 })}
                      onClick={() => move(i, i - 1)}
                    />
                    <Button
                      size="small"
                      icon={<ArrowDownOutlined aria-hidden />}
                      disabled={i === sections.length - 1}
                      aria-label={t('reports.periodic.templateForm.moveDown', { n: i + 1 })}
                      onClick={() => move(i, i + 1)}
                    />
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      disabled={sections.length === 1}
                      onClick={() => remove(i)}
                    >
                      {t('reports.periodic.templateForm.removeSection', { n: i + 1 })}
                    </Button>
                  </Space>
                  <Form.Item name={[sec.name, 'kind']} label={t('reports.periodic.templateForm.sectionKind')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'text', label: t('reports.periodic.templateForm.kindText') },
                        { value: 'table', label: t('reports.periodic.templateForm.kindTable') },
                      ]}
                      onChange={(e) => {
                        if (
                          e.target.value === 'table' &&
                          !form.getFieldValue(['sections', sec.name, 'rows'])?.length
                        )
                          form.setFieldValue(['sections', sec.name, 'rows'], [blankRow()]);
                      }}
                    />
                  </Form.Item>
                  <div
                    style={{
                      display: 'grid',
                      gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 260px), 1fr))',
                      columnGap: 16,
                    }}
                  >
                    <Form.Item
                      name={[sec.name, 'title']}
                      label={t('reports.periodic.templateForm.sectionTitle')}
                      rules={[zodRule(shape.title, 'required')]}
                    >
                      <Input maxLength={300} />
                    </Form.Item>
                    <Form.Item
                      name={[sec.name, 'key']}
                      label={t('reports.periodic.templateForm.key')}
                      extra={t('reports.periodic.templateForm.keyHelp')}
                    >
                      <Input maxLength={40} autoComplete="off" />
                    </Form.Item>
                  </div>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['sections', sec.name, 'kind']) === 'table' ? (
                        <Form.List name={[sec.name, 'rows']}>
                          {(rows, rowOps) => (
                            <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
                              <legend className="lt-field-label" style={{ fontSize: 14, border: 0 }}>
                                {t('reports.periodic.templateForm.rows')}
                              </legend>
                              {rows.map((row, j) => (
                                <div
                                  key={row.key}
                                  style={{
                                    display: 'grid',
                                    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 200px), 1fr))',
                                    columnGap: 12,
                                    alignItems: 'end',
                                    borderTop: '1px dashed #d9d9d9',
                                    paddingTop: 8,
                                  }}
                                >
                                  <Form.Item
                                    name={[row.name, 'label']}
                                    label={`${t('reports.periodic.templateForm.rowN', { n: j + 1 })}: ${t('reports.periodic.templateForm.rowLabel')}`}
                                    rules={[required]}
                                  >
                                    <Input maxLength={300} />
                                  </Form.Item>
                                  <Form.Item
                                    name={[row.name, 'unit']}
                                    label={t('reports.periodic.templateForm.rowUnit')}
                                  >
                                    <Input maxLength={40} />
                                  </Form.Item>
                                  <Form.Item
                                    name={[row.name, 'measure']}
                                    label={t('reports.periodic.templateForm.measure')}
                                  >
                                    <Select
                                      allowClear
                                      placeholder={t('reports.periodic.templateForm.measureNone')}
                                      options={measureOptions}
                                      popupMatchSelectWidth={false}
                                    />
                                  </Form.Item>
                                  <Form.Item
                                    name={[row.name, 'key']}
                                    label={t('reports.periodic.templateForm.key')}
                                  >
                                    <Input maxLength={40} autoComplete="off" />
                                  </Form.Item>
                                  <Form.Item>
                                    <Button
                                      danger
                                      icon={<DeleteOutlined aria-hidden />}
                                      disabled={rows.length === 1}
                                      onClick={() => rowOps.remove(j)}
                                    >
                                      {t('reports.periodic.templateForm.removeRow', { n: j + 1 })}
                                    </Button>
                                  </Form.Item>
                                </div>
                              ))}
                              <Form.Item>
                                <Button
                                  icon={<PlusOutlined aria-hidden />}
                                  onClick={() => rowOps.add(blankRow())}
                                >
                                  {t('reports.periodic.templateForm.addRow')}
                                </Button>
                              </Form.Item>
                            </fieldset>
                          )}
                        </Form.List>
                      ) : (
                        <Form.Item name={[sec.name, 'hint']} label={t('reports.periodic.templateForm.hint')}>
                          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                </fieldset>
              ))}
              <Form.ErrorList errors={errors} />
              <Space wrap style={{ marginBottom: 24 }}>
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  disabled={used}
                  onClick={() => add(blankSection('text'))}
                >
                  {`${t('reports.periodic.templateForm.addSection')}: ${t('reports.periodic.templateForm.kindText')}`}
                </Button>
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  disabled={used}
                  onClick={() => add(blankSection('table'))}
                >
                  {`${t('reports.periodic.templateForm.addSection')}: ${t('reports.periodic.templateForm.kindTable')}`}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
        <ErrorAlert error={save.error} />
        <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={save.isPending}>
          {t('reports.periodic.templateForm.save')}
        </Button>
      </Form>
    </>
  );
}
