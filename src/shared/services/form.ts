import { z } from 'zod';

/*
 * An application form declared per procedure (its `form`), and the one validator both the browser
 * and the server use (`checkForm`): the same declared rules, the same Vietnamese messages, the same
 * paths. Field kinds: text, number, date, choice, address (province / district / commune / street)
 * and repeatable groups of those.
 */

const key = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'Mã trường bắt đầu bằng chữ cái, gồm chữ, số và "_" (tối đa 40).');
const label = z.string().trim().min(1).max(300);

const base = { key, label, required: z.boolean().default(false), help: z.string().max(500).optional() };

export const textFieldSchema = z.object({
  ...base,
  type: z.literal('text'),
  maxLength: z.number().int().min(1).max(5000).default(500),
  multiline: z.boolean().default(false),
  /** A regular expression the whole value must match (e.g. 12 digits of a CCCD). */
  pattern: z.string().max(200).optional(),
  patternMessage: z.string().max(200).optional(),
  /** Personal data (ID numbers, phone): never shown on public pages, in logs or figures. */
  personal: z.boolean().default(false),
});
export const numberFieldSchema = z.object({
  ...base,
  type: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
});
export const dateFieldSchema = z.object({
  ...base,
  type: z.literal('date'),
  /** yyyy-MM-dd, or 'today' */
  min: z.string().max(10).optional(),
  max: z.string().max(10).optional(),
});
export const choiceFieldSchema = z.object({
  ...base,
  type: z.literal('choice'),
  options: z
    .array(z.object({ value: z.string().min(1).max(100), label: label }))
    .min(1)
    .max(200),
  multiple: z.boolean().default(false),
});
export const addressFieldSchema = z.object({
  ...base,
  type: z.literal('address'),
  personal: z.boolean().default(true),
});

export const scalarFieldSchema = z.discriminatedUnion('type', [
  textFieldSchema,
  numberFieldSchema,
  dateFieldSchema,
  choiceFieldSchema,
  addressFieldSchema,
]);
export const groupFieldSchema = z.object({
  ...base,
  type: z.literal('group'),
  fields: z.array(scalarFieldSchema).min(1).max(30),
  minItems: z.number().int().min(0).max(100).default(0),
  maxItems: z.number().int().min(1).max(100).default(20),
});
export const formFieldSchema = z.discriminatedUnion('type', [
  textFieldSchema,
  numberFieldSchema,
  dateFieldSchema,
  choiceFieldSchema,
  addressFieldSchema,
  groupFieldSchema,
]);
export const formSchemaSchema = z
  .object({ fields: z.array(formFieldSchema).max(100) })
  .refine((f) => new Set(f.fields.map((x) => x.key)).size === f.fields.length, {
    message: 'Hai trường của biểu mẫu trùng mã.',
  });

export type FormField = z.infer<typeof formFieldSchema>;
export type ScalarField = z.infer<typeof scalarFieldSchema>;
export type FormSchema = z.infer<typeof formSchemaSchema>;

/** An address (địa chỉ): province from PROVINCES, the district (optional since 2025), commune, street. */
export interface AddressValue {
  province: string;
  district?: string;
  commune: string;
  street?: string;
}

export type FormValue = string | number | string[] | AddressValue | Record<string, unknown>[] | null;
export type FormValues = Record<string, unknown>;

/** One problem with one value: `path` as 'field' or 'group.2.field' (row counted from 1). */
export interface FormProblem {
  path: string;
  message: string;
}

/** The 34 provinces and cities since 1 July 2025 (Nghị quyết 202/2025/QH15). */
export const PROVINCES = [
  'Thành phố Hà Nội',
  'Thành phố Huế',
  'Tỉnh Lai Châu',
  'Tỉnh Điện Biên',
  'Tỉnh Sơn La',
  'Tỉnh Lạng Sơn',
  'Tỉnh Quảng Ninh',
  'Tỉnh Thanh Hóa',
  'Tỉnh Nghệ An',
  'Tỉnh Hà Tĩnh',
  'Tỉnh Cao Bằng',
  'Tỉnh Tuyên Quang',
  'Tỉnh Lào Cai',
  'Tỉnh Thái Nguyên',
  'Tỉnh Phú Thọ',
  'Tỉnh Bắc Ninh',
  'Tỉnh Hưng Yên',
  'Thành phố Hải Phòng',
  'Tỉnh Ninh Bình',
  'Tỉnh Quảng Trị',
  'Thành phố Đà Nẵng',
  'Tỉnh Quảng Ngãi',
  'Tỉnh Gia Lai',
  'Tỉnh Khánh Hòa',
  'Tỉnh Lâm Đồng',
  'Tỉnh Đắk Lắk',
  'Thành phố Hồ Chí Minh',
  'Tỉnh Đồng Nai',
  'Tỉnh Tây Ninh',
  'Thành phố Cần Thơ',
  'Tỉnh Vĩnh Long',
  'Tỉnh Đồng Tháp',
  'Tỉnh Cà Mau',
  'Tỉnh An Giang',
] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function empty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Letters, digits and common punctuation only: no markup reaches a printed form. */
const MARKUP = /[<>]/;

function checkScalar(f: ScalarField, v: unknown, path: string, today: string, out: FormProblem[]): unknown {
  const need = (message: string): null => {
    out.push({ path, message });
    return null;
  };
  if (empty(v)) {
    if (f.required) need(`Vui lòng nhập "${f.label}".`);
    return null;
  }
  switch (f.type) {
    case 'text': {
      if (typeof v !== 'string') return need(`"${f.label}" phải là chữ.`);
      const s = v.trim();
      if (s.length > f.maxLength) need(`"${f.label}" dài quá ${f.maxLength} ký tự.`);
      else if (MARKUP.test(s)) need(`"${f.label}" không được chứa ký tự < hoặc >.`);
      else if (f.pattern && !new RegExp(`^(?:${f.pattern})$`).test(s))
        need(f.patternMessage ?? `"${f.label}" không đúng định dạng.`);
      if (s === '' && f.required) need(`Vui lòng nhập "${f.label}".`);
      return s;
    }
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(',', '.')) : Number.NaN;
      if (!Number.isFinite(n)) return need(`"${f.label}" phải là một số.`);
      if (f.integer && !Number.isInteger(n)) need(`"${f.label}" phải là số nguyên.`);
      if (f.min !== undefined && n < f.min) need(`"${f.label}" không được nhỏ hơn ${f.min}.`);
      if (f.max !== undefined && n > f.max) need(`"${f.label}" không được lớn hơn ${f.max}.`);
      return n;
    }
    case 'date': {
      if (typeof v !== 'string' || !isRealDate(v))
        return need(`"${f.label}" phải là một ngày hợp lệ (ngày/tháng/năm).`);
      const min = f.min === 'today' ? today : f.min;
      const max = f.max === 'today' ? today : f.max;
      if (min && v < min) need(`"${f.label}" không được trước ngày ${min.split('-').reverse().join('/')}.`);
      if (max && v > max) need(`"${f.label}" không được sau ngày ${max.split('-').reverse().join('/')}.`);
      return v;
    }
    case 'choice': {
      const values = f.multiple ? (Array.isArray(v) ? v : [v]) : [v];
      if (!f.multiple && Array.isArray(v)) return need(`"${f.label}" chỉ chọn một giá trị.`);
      const allowed = new Set(f.options.map((o) => o.value));
      if (values.some((x) => typeof x !== 'string' || !allowed.has(x)))
        return need(`"${f.label}": giá trị đã chọn không có trong danh sách.`);
      return f.multiple ? values : values[0];
    }
    case 'address': {
      if (typeof v !== 'object' || Array.isArray(v)) return need(`"${f.label}" phải là một địa chỉ.`);
      const a = v as Partial<AddressValue>;
      const province = typeof a.province === 'string' ? a.province.trim() : '';
      const district = typeof a.district === 'string' ? a.district.trim() : '';
      const commune = typeof a.commune === 'string' ? a.commune.trim() : '';
      const street = typeof a.street === 'string' ? a.street.trim() : '';
      if (!(PROVINCES as readonly string[]).includes(province))
        need(`"${f.label}": vui lòng chọn tỉnh, thành phố trong danh sách.`);
      // Since 1 July 2025 local government has two levels (province, commune): a district is only
      // written where an older address still names one.
      if (district.length > 100) need(`"${f.label}": quận, huyện dài quá 100 ký tự.`);
      if (!commune || commune.length > 100)
        need(`"${f.label}": vui lòng nhập phường, xã (tối đa 100 ký tự).`);
      if (street.length > 200) need(`"${f.label}": số nhà, đường dài quá 200 ký tự.`);
      if ([district, commune, street].some((s) => MARKUP.test(s)))
        need(`"${f.label}" không được chứa ký tự < hoặc >.`);
      return { province, ...(district ? { district } : {}), commune, ...(street ? { street } : {}) };
    }
  }
}

/**
 * Checks `values` against `form`: every problem (not only the first), and the cleaned values (trimmed,
 * numbers as numbers, unknown keys dropped). `today` is the Vietnamese date for 'today' bounds.
 */
export function checkForm(
  form: FormSchema,
  values: FormValues,
  today: string,
): { ok: boolean; problems: FormProblem[]; values: FormValues } {
  const problems: FormProblem[] = [];
  const clean: FormValues = {};
  for (const f of form.fields) {
    const v = values?.[f.key];
    if (f.type === 'group') {
      const rows = Array.isArray(v) ? v : empty(v) ? [] : null;
      if (rows === null) {
        problems.push({ path: f.key, message: `"${f.label}" phải là một danh sách.` });
        continue;
      }
      if (rows.length < Math.max(f.minItems, f.required ? 1 : 0))
        problems.push({ path: f.key, message: `"${f.label}" cần ít nhất ${Math.max(f.minItems, 1)} dòng.` });
      if (rows.length > f.maxItems)
        problems.push({ path: f.key, message: `"${f.label}" có nhiều nhất ${f.maxItems} dòng.` });
      clean[f.key] = rows.slice(0, f.maxItems).map((row, i) => {
        const out: Record<string, unknown> = {};
        const r = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
        for (const sub of f.fields)
          out[sub.key] = checkScalar(sub, r[sub.key], `${f.key}.${i + 1}.${sub.key}`, today, problems);
        return out;
      });
    } else {
      clean[f.key] = checkScalar(f, v, f.key, today, problems);
    }
  }
  return { ok: problems.length === 0, problems, values: clean };
}

/** The keys of personal fields (never on public pages, in logs or figures). */
export function personalKeys(form: FormSchema): string[] {
  return form.fields
    .filter((f) => (f.type === 'text' || f.type === 'address') && f.personal)
    .map((f) => f.key);
}
