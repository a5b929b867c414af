import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormField, FormSchema } from '../../../../shared/services/form.ts';
import { formatDate } from '../../../lib/format.ts';

function shown(field: FormField, value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  switch (field.type) {
    case 'date':
      return formatDate(String(value));
    case 'choice': {
      const values = Array.isArray(value) ? value : [value];
      return values.map((v) => field.options.find((o) => o.value === v)?.label ?? String(v)).join(', ');
    }
    case 'address': {
      const a = value as Record<string, string | undefined>;
      return [a.street, a.commune, a.district, a.province].filter(Boolean).join(', ');
    }
    case 'group':
      return '';
    default:
      return String(value);
  }
}

/** The applicant's form as the procedure declared it: each value under its label, groups row by row. */
export function FormValues({ schema, values }: { schema: FormSchema; values: Record<string, unknown> }) {
  const { t } = useTranslation();
  const empty = t('services.desk.notGiven');
  return (
    <Descriptions size="small" column={1} bordered>
      {schema.fields.map((f) =>
        f.type === 'group' ? (
          <Descriptions.Item key={f.key} label={f.label}>
            {((values[f.key] as Record<string, unknown>[] | undefined) ?? []).length === 0 ? (
              empty
            ) : (
              <ol className="lt-plain-list">
                {((values[f.key] as Record<string, unknown>[]) ?? []).map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; their order is their identity
                  <li key={i}>
                    {f.fields.map((sub) => `${sub.label}: ${shown(sub, row[sub.key], empty)}`).join('; ')}
                  </li>
                ))}
              </ol>
            )}
          </Descriptions.Item>
        ) : (
          <Descriptions.Item key={f.key} label={f.label}>
            {shown(f, values[f.key], empty)}
          </Descriptions.Item>
        ),
      )}
    </Descriptions>
  );
}
