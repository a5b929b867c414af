import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type AddressValue,
  type FormField,
  type FormSchema,
  type FormValues,
  PROVINCES,
  type ScalarField,
} from '../../../../shared/services/form.ts';

/*
 * A procedure's declared form (shared/services/form.ts), rendered for the applicant online and for the
 * desk at the counter. The values are plain state; the one validator `checkForm` (the same the server
 * runs) gives the problems, shown under each field by its path ('field', 'group.2.field').
 */

export type Problems = ReadonlyMap<string, string>;

interface ScalarProps {
  field: ScalarField;
  path: string;
  value: unknown;
  onChange: (v: unknown) => void;
  problems: Problems;
}

function ScalarInput({ field: f, path, value, onChange, problems }: ScalarProps) {
  const { t } = useTranslation();
  const id = `truong-${path.replace(/\./g, '-')}`;
  const error = problems.get(path);
  const item = (control: React.ReactNode) => (
    <Form.Item
      label={f.label}
      htmlFor={f.type === 'address' ? undefined : id}
      required={f.required}
      validateStatus={error ? 'error' : undefined}
      help={error ?? f.help}
    >
      {control}
    </Form.Item>
  );
  switch (f.type) {
    case 'text':
      return item(
        f.multiline ? (
          <Input.TextArea
            id={id}
            rows={3}
            maxLength={f.maxLength}
            value={(value as string) ?? ''}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <Input
            id={id}
            maxLength={f.maxLength}
            value={(value as string) ?? ''}
            onChange={(e) => onChange(e.target.value)}
          />
        ),
      );
    case 'number':
      return item(
        <InputNumber
          id={id}
          style={{ width: '100%' }}
          min={f.min}
          max={f.max}
          precision={f.integer ? 0 : undefined}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? null)}
        />,
      );
    case 'date':
      return item(
        <Input
          id={id}
          type="date"
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.target.value)}
        />,
      );
    case 'choice':
      return item(
        <Select
          id={id}
          mode={f.multiple ? 'multiple' : undefined}
          allowClear
          placeholder={t('services.applicants.form.choose')}
          value={(value as string | string[] | undefined) ?? undefined}
          onChange={(v) => onChange(v ?? null)}
          options={f.options.map((o) => ({ value: o.value, label: o.label }))}
        />,
      );
    case 'address': {
      const a = (value as Partial<AddressValue> | undefined) ?? {};
      const set = (k: keyof AddressValue, v: string) => onChange({ ...a, [k]: v });
      return (
        <fieldset className="lt-fieldset">
          <legend>
            {f.label}
            {f.required ? (
              <span className="lt-required" aria-hidden>
                {' '}
                *
              </span>
            ) : null}
          </legend>
          <Form.Item
            label={t('services.applicants.form.province')}
            htmlFor={`${id}-tinh`}
            validateStatus={error ? 'error' : undefined}
            help={error}
          >
            <Select
              id={`${id}-tinh`}
              showSearch
              placeholder={t('services.applicants.form.choose')}
              value={a.province || undefined}
              onChange={(v) => set('province', v)}
              options={PROVINCES.map((p) => ({ value: p, label: p }))}
            />
          </Form.Item>
          <Form.Item label={t('services.applicants.form.commune')} htmlFor={`${id}-xa`}>
            <Input
              id={`${id}-xa`}
              maxLength={100}
              value={a.commune ?? ''}
              onChange={(e) => set('commune', e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('services.applicants.form.street')} htmlFor={`${id}-duong`}>
            <Input
              id={`${id}-duong`}
              maxLength={200}
              value={a.street ?? ''}
              onChange={(e) => set('street', e.target.value)}
            />
          </Form.Item>
        </fieldset>
      );
    }
  }
}

function GroupInput({
  field: f,
  value,
  onChange,
  problems,
}: {
  field: Extract<FormField, { type: 'group' }>;
  value: unknown;
  onChange: (v: unknown) => void;
  problems: Problems;
}) {
  const { t } = useTranslation();
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const error = problems.get(f.key);
  return (
    <fieldset className="lt-fieldset">
      <legend>
        {f.label}
        {f.required ? (
          <span className="lt-required" aria-hidden>
            {' '}
            *
          </span>
        ) : null}
      </legend>
      {error ? (
        <div className="ant-form-item-explain-error" role="alert">
          {error}
        </div>
      ) : null}
      {rows.map((row, i) => (
        <Card
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional (their path is their index)
          key={i}
          size="small"
          title={t('services.applicants.form.row', { n: i + 1 })}
          extra={
            <Button
              type="text"
              icon={<DeleteOutlined aria-hidden />}
              aria-label={t('services.applicants.form.removeRow', { n: i + 1 })}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            />
          }
          style={{ marginBottom: 8 }}
        >
          {f.fields.map((sub) => (
            <ScalarInput
              key={sub.key}
              field={sub}
              path={`${f.key}.${i + 1}.${sub.key}`}
              value={row[sub.key]}
              problems={problems}
              onChange={(v) => onChange(rows.map((r, j) => (j === i ? { ...r, [sub.key]: v } : r)))}
            />
          ))}
        </Card>
      ))}
      {rows.length < f.maxItems ? (
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => onChange([...rows, {}])}>
          {t('services.applicants.form.addRow', { label: f.label })}
        </Button>
      ) : null}
    </fieldset>
  );
}

export function FormFields({
  schema,
  values,
  onChange,
  problems,
}: {
  schema: FormSchema;
  values: FormValues;
  onChange: (v: FormValues) => void;
  problems: Problems;
}) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={0}>
      {schema.fields.map((f) =>
        f.type === 'group' ? (
          <GroupInput
            key={f.key}
            field={f}
            value={values[f.key]}
            problems={problems}
            onChange={(v) => onChange({ ...values, [f.key]: v })}
          />
        ) : (
          <ScalarInput
            key={f.key}
            field={f}
            path={f.key}
            value={values[f.key]}
            problems={problems}
            onChange={(v) => onChange({ ...values, [f.key]: v })}
          />
        ),
      )}
    </Space>
  );
}

/** The problems of a check (or of the server's answer, paths "body.form.x") by field path. */
export function problemsOf(
  list: readonly { path: string; message: string }[],
  prefix = '',
): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of list) {
    const path = prefix && p.path.startsWith(prefix) ? p.path.slice(prefix.length) : p.path;
    if (!out.has(path)) out.set(path, p.message);
  }
  return out;
}
