import { describe, expect, it } from 'vitest';
import { AGENCY_KINDS, ROLES } from '../roles.ts';
import { en } from './en.ts';
import { paperlessEn } from './paperless/index.en.ts';
import { paperlessVi } from './paperless/index.ts';
import { portalEn } from './portal/index.en.ts';
import { portalVi } from './portal/index.ts';
import { vi } from './vi.ts';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a message tree as [dotted key, text]. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('i18n resources', () => {
  const viLeaves = new Map(leaves(vi));
  const enLeaves = new Map(leaves(en));

  it('English has exactly the keys of Vietnamese', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...viLeaves.keys()].sort());
  });

  it('no text is empty and both languages use the same {{placeholders}}', () => {
    for (const [key, text] of viLeaves) {
      expect(text.trim(), key).not.toBe('');
      expect(enLeaves.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(enLeaves.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('labels every role and agency kind', () => {
    for (const r of ROLES) expect(vi.roles[r]).toBeTruthy();
    for (const k of AGENCY_KINDS) expect(vi.agencyKinds[k]).toBeTruthy();
  });

  it('uses no plural suffixes, which would differ between the two languages', () => {
    expect([...viLeaves.keys()].filter((k) => /_(one|other|zero|few|many)$/.test(k))).toEqual([]);
  });

  it.each([
    ['portal', portalVi, portalEn, 100],
    ['paperless', paperlessVi, paperlessEn, 0],
  ] as const)(
    'the %s texts, loaded with their screens, have the same keys and placeholders in both languages',
    (system, vis, ens, atLeast) => {
      const v = new Map(leaves(vis as Tree));
      const e = new Map(leaves(ens as Tree));
      expect(v.size).toBeGreaterThanOrEqual(atLeast);
      expect([...e.keys()].sort()).toEqual([...v.keys()].sort());
      for (const [key, text] of v) {
        expect(text.trim(), key).not.toBe('');
        expect(e.get(key)?.trim(), key).not.toBe('');
        expect(placeholders(e.get(key) ?? ''), key).toEqual(placeholders(text));
      }
      // Only their type is in the bundled messages.
      expect(vi[system]).toEqual({});
      expect(en[system]).toEqual({});
    },
  );
});
