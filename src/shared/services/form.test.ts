import { describe, expect, it } from 'vitest';
import { checkForm, type FormSchema, formSchemaSchema } from './form.ts';

const form: FormSchema = formSchemaSchema.parse({
  fields: [
    { key: 'name', label: 'Họ và tên', type: 'text', required: true, maxLength: 50 },
    {
      key: 'cccd',
      label: 'Số CCCD',
      type: 'text',
      required: true,
      pattern: '\\d{12}',
      patternMessage: 'Số CCCD gồm 12 chữ số.',
      personal: true,
    },
    { key: 'rooms', label: 'Số phòng', type: 'number', integer: true, min: 1, max: 10 },
    { key: 'from', label: 'Từ ngày', type: 'date', min: 'today' },
    { key: 'kind', label: 'Loại', type: 'choice', options: [{ value: 'a', label: 'A' }] },
    { key: 'addr', label: 'Địa chỉ', type: 'address', required: true },
    {
      key: 'rows',
      label: 'Phòng',
      type: 'group',
      minItems: 1,
      fields: [{ key: 'area', label: 'Diện tích', type: 'number', required: true, min: 20 }],
    },
  ],
});
const TODAY = '2026-12-05';

describe('checkForm', () => {
  it('accepts good values and cleans them', () => {
    const r = checkForm(
      form,
      {
        name: ' Nguyễn Văn A ',
        cccd: '079123456789',
        rooms: '3',
        from: '2026-12-07',
        kind: 'a',
        addr: { province: 'Tỉnh Vĩnh Long', commune: 'Phường 1', street: '12 Trưng Nữ Vương' },
        rows: [{ area: 25 }],
        extra: 'dropped',
      },
      TODAY,
    );
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({
      name: 'Nguyễn Văn A',
      cccd: '079123456789',
      rooms: 3,
      from: '2026-12-07',
      kind: 'a',
      addr: { province: 'Tỉnh Vĩnh Long', commune: 'Phường 1', street: '12 Trưng Nữ Vương' },
      rows: [{ area: 25 }],
    });
  });

  it('lists every problem by path, in Vietnamese', () => {
    const r = checkForm(
      form,
      {
        name: '<b>x</b>',
        cccd: '123',
        rooms: 2.5,
        from: '2026-12-01',
        kind: 'z',
        addr: { province: 'Tỉnh Không Có', commune: '' },
        rows: [{ area: 10 }],
      },
      TODAY,
    );
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.path)).toEqual([
      'name',
      'cccd',
      'rooms',
      'from',
      'kind',
      'addr',
      'addr',
      'rows.1.area',
    ]);
    expect(r.problems.find((p) => p.path === 'cccd')?.message).toBe('Số CCCD gồm 12 chữ số.');
    expect(r.problems.find((p) => p.path === 'from')?.message).toBe(
      '"Từ ngày" không được trước ngày 05/12/2026.',
    );
  });

  it('asks for required values and at least one row', () => {
    const r = checkForm(form, {}, TODAY);
    expect(r.problems.map((p) => p.path)).toEqual(['name', 'cccd', 'addr', 'rows']);
  });

  it('refuses a schema with two fields of the same key', () => {
    expect(() =>
      formSchemaSchema.parse({
        fields: [
          { key: 'a', label: 'A', type: 'text' },
          { key: 'a', label: 'B', type: 'text' },
        ],
      }),
    ).toThrow();
  });
});
