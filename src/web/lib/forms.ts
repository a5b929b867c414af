import type { FormInstance, FormRule as Rule } from 'antd';
import type { z } from 'zod';
import type { Messages } from '../../shared/i18n/vi.ts';
import { ApiError } from '../api/client.ts';
import { currentLang, i18n } from '../i18n.ts';

export type ValidationKey = keyof Messages['validation'];

/**
 * Checks a value with the zod schema the server uses; null when it passes. In Vietnamese the
 * schema's own message is shown (the server would say the same); in English the i18n text of `key`.
 * `optional`: an empty value passes (the field is left out of the request).
 */
export function zodMessage(
  schema: z.ZodType,
  value: unknown,
  key: ValidationKey,
  opts: { optional?: boolean } = {},
): string | null {
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (empty && opts.optional) return null;
  const r = schema.safeParse(value ?? '');
  if (r.success) return null;
  return currentLang() === 'vi'
    ? (r.error.issues[0]?.message ?? i18n.t(`validation.${key}`))
    : i18n.t(`validation.${key}`);
}

/** zodMessage as an antd form rule. */
export function zodRule(schema: z.ZodType, key: ValidationKey, opts: { optional?: boolean } = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const message = zodMessage(schema, value, key, opts);
      if (message) throw new Error(message);
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
 * `known` limits them to fields the form shows; `prefix` is where the request body sits in the form.
 * Returns true when at least one field got its message.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  opts: { known?: (string | number)[][]; prefix?: (string | number)[] } = {},
): boolean {
  if (!(err instanceof ApiError) || err.fields.length === 0) return false;
  const names = opts.known?.map((n) => JSON.stringify(n));
  const fields = err.fields
    .map((f) => ({ name: [...(opts.prefix ?? []), ...fieldName(f.path)], errors: [f.message] }))
    .filter((f) => f.name.length > 0 && (!names || names.includes(JSON.stringify(f.name))));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}

/** Trims strings and turns empty optional strings into null, as the API expects. */
export function emptyToNull(v: string | null | undefined): string | null {
  const s = v?.trim();
  return s ? s : null;
}
