import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import type { Messages } from '../../shared/i18n/vi.ts';
import { ApiError } from '../api/client.ts';
import { currentLang, i18n } from '../i18n.ts';

export type ValidationKey = keyof Messages['validation'];

/**
 * A form rule that checks a value with the zod schema the server uses. In Vietnamese the schema's
 * own message is shown (the server would say the same); in English the matching i18n text.
 * `optional`: an empty value passes (the field is left out of the request).
 */
export function zodRule(schema: z.ZodType, key: ValidationKey, opts: { optional?: boolean } = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
      if (empty && opts.optional) return;
      const r = schema.safeParse(value ?? '');
      if (r.success) return;
      const message = currentLang() === 'vi' ? (r.error.issues[0]?.message ?? i18n.t(`validation.${key}`)) : i18n.t(`validation.${key}`);
      throw new Error(message);
    },
  };
}

/** "body.positions.0.agencyId" → ["positions", 0, "agencyId"] */
function fieldName(path: string): (string | number)[] {
  return path
    .split('.')
    .filter((p, i) => !(i === 0 && (p === 'body' || p === 'querystring' || p === 'params')))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field errors next to the fields the form has (what the person typed stays).
 * Returns true when at least one field got its message.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, known?: (string | number)[][]): boolean {
  if (!(err instanceof ApiError) || err.fields.length === 0) return false;
  const names = known?.map((n) => JSON.stringify(n));
  const fields = err.fields
    .map((f) => ({ name: fieldName(f.path), errors: [f.message] }))
    .filter((f) => f.name.length > 0 && (!names || names.includes(JSON.stringify(f.name))));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}

/** Trims strings and turns empty optional strings into null, as the API expects. */
export function emptyToNull(v: string | null | undefined): string | null {
  const s = v?.trim();
  return s ? s : null;
}
