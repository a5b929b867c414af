import { describe, expect, it } from 'vitest';
import { type DemoAgency, type DemoPerson, demoProvince } from './demo-province.ts';

const data = demoProvince();
const { agencies, people } = data;
const byKey = new Map(agencies.map((a) => [a.key, a]));
const ofKind = (kind: DemoAgency['kind']) => agencies.filter((a) => a.kind === kind);

const CODE_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
const VI_DIACRITIC_RE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
const ROLES: DemoPerson['role'][] = [
  'clerk',
  'archivist',
  'officer',
  'division_head',
  'agency_leader',
  'agency_admin',
  'system_admin',
];

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const v of values) {
    if (seen.has(v)) dups.push(v);
    seen.add(v);
  }
  return dups;
}

describe('demoProvince: agencies', () => {
  it('is Vĩnh Long with the expected counts', () => {
    expect(data.provinceName).toBe('Vĩnh Long');
    const provinces = ofKind('province');
    expect(provinces).toHaveLength(1);
    expect(provinces[0]).toMatchObject({
      key: 'ubnd',
      parentKey: null,
      name: 'Ủy ban nhân dân tỉnh Vĩnh Long',
      shortName: 'UBND',
      agencyCode: '000.00.00.H62',
    });
    expect(ofKind('department').length).toBeGreaterThanOrEqual(30);
    expect(ofKind('district')).toHaveLength(7);
    expect(ofKind('commune')).toHaveLength(107);
  });

  it('has the Office and the named departments under the province', () => {
    const office = byKey.get('vp-ubnd');
    expect(office).toMatchObject({
      kind: 'department',
      parentKey: 'ubnd',
      shortName: 'VP',
      name: 'Văn phòng Ủy ban nhân dân tỉnh',
    });
    const shortNames = new Set(ofKind('department').map((a) => a.shortName));
    for (const s of ['SNV', 'STC', 'SKHDT', 'STTTT', 'STP', 'SYT', 'SGDDT']) expect(shortNames).toContain(s);
    for (const d of ofKind('department')) expect(d.parentKey).toBe('ubnd');
    expect(byKey.get('snv-tccb')).toMatchObject({ kind: 'division', parentKey: 'snv', shortName: 'TCCB' });
  });

  it('gives every department 3–5 divisions and every district its divisions', () => {
    for (const parent of [...ofKind('department'), ...ofKind('district')]) {
      const divs = agencies.filter((a) => a.parentKey === parent.key && a.kind === 'division');
      expect(divs.length, parent.name).toBeGreaterThanOrEqual(3);
      expect(divs.length, parent.name).toBeLessThanOrEqual(5);
      expect(duplicates(divs.map((d) => d.shortName)), parent.name).toEqual([]);
    }
    for (const d of ofKind('district')) {
      const divs = agencies.filter((a) => a.parentKey === d.key).map((a) => a.shortName);
      expect(divs).toEqual(expect.arrayContaining(['VP', 'NV', 'TCKH', 'TP']));
    }
  });

  it('uses well-formed, unique agency codes', () => {
    const codes: string[] = [];
    for (const a of agencies) {
      if (a.kind === 'division') {
        expect(a.agencyCode, a.key).toBeNull();
        continue;
      }
      expect(a.agencyCode, a.key).toMatch(CODE_RE);
      expect(a.agencyCode!.endsWith('.H62')).toBe(true);
      codes.push(a.agencyCode!);
    }
    expect(duplicates(codes)).toEqual([]);
    // Level-2 units: 000.00.NN.H62 with distinct NN ≥ 01; the Office is 01.
    for (const a of [...ofKind('department'), ...ofKind('district')])
      expect(a.agencyCode).toMatch(/^000\.00\.(?!00)\d{2}\./);
    expect(byKey.get('vp-ubnd')?.agencyCode).toBe('000.00.01.H62');
  });

  it('numbers communes 01.. within their district group', () => {
    for (const d of ofKind('district')) {
      const nn = d.agencyCode!.split('.')[2];
      const communes = agencies.filter((a) => a.parentKey === d.key && a.kind === 'commune');
      expect(communes.length).toBeGreaterThan(0);
      communes.forEach((c, i) => {
        expect(c.agencyCode).toBe(`000.${String(i + 1).padStart(2, '0')}.${nn}.H62`);
        expect(c.shortName).toBe('UBND');
        expect(c.name).toMatch(/^UBND (xã|phường|thị trấn) \S/);
      });
    }
    for (const c of ofKind('commune')) expect(byKey.get(c.parentKey!)?.kind).toBe('district');
    expect(agencies.some((a) => a.parentKey !== null && byKey.get(a.parentKey)?.kind === 'commune')).toBe(
      false,
    );
  });

  it('has unique keys, names per parent and emails', () => {
    expect(duplicates(agencies.map((a) => a.key))).toEqual([]);
    expect(duplicates(ofKind('commune').map((a) => a.name))).toEqual([]);
    expect(duplicates([...ofKind('department'), ...ofKind('district')].map((a) => a.name))).toEqual([]);
    const emails = agencies.map((a) => a.email).filter((e): e is string => e !== null);
    expect(duplicates(emails)).toEqual([]);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9.]+@vinhlong\.gov\.vn$/);
    for (const a of agencies) {
      if (a.kind === 'division') expect(a.email).toBeNull();
      else expect(a.email, a.key).not.toBeNull();
    }
  });

  it('orders parents before children, and every parent exists', () => {
    const seen = new Set<string>();
    for (const a of agencies) {
      if (a.kind === 'province') expect(a.parentKey).toBeNull();
      else {
        expect(a.parentKey, a.key).not.toBeNull();
        expect(seen.has(a.parentKey!), `${a.key} before its parent ${a.parentKey}`).toBe(true);
      }
      seen.add(a.key);
    }
  });

  it('puts divisions under non-division agencies, with no code', () => {
    for (const d of ofKind('division')) {
      const parent = byKey.get(d.parentKey!);
      expect(parent, d.key).toBeDefined();
      expect(parent!.kind).not.toBe('division');
      expect(parent!.kind).not.toBe('commune');
      expect(d.agencyCode).toBeNull();
    }
  });

  it('uses ASCII short names and Vietnamese names with diacritics', () => {
    for (const a of agencies) {
      expect(a.shortName, a.key).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(a.name, a.key).toMatch(VI_DIACRITIC_RE);
      expect(a.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe('demoProvince: people', () => {
  it('has unique, lowercase ASCII usernames', () => {
    expect(duplicates(people.map((p) => p.username))).toEqual([]);
    for (const p of people) expect(p.username).toMatch(/^[a-z0-9]+(\.[a-z0-9]+)*$/);
  });

  it('has the system administrator quantri', () => {
    const admin = people.find((p) => p.username === 'quantri');
    expect(admin).toMatchObject({
      agencyKey: 'ubnd',
      divisionKey: null,
      role: 'system_admin',
      title: 'Quản trị hệ thống',
    });
  });

  it('places every person in a non-division agency and an own division', () => {
    for (const p of people) {
      const agency = byKey.get(p.agencyKey);
      expect(agency, p.username).toBeDefined();
      expect(agency!.kind).not.toBe('division');
      if (p.divisionKey !== null) {
        const div = byKey.get(p.divisionKey);
        expect(div?.kind, p.username).toBe('division');
        expect(div?.parentKey, p.username).toBe(p.agencyKey);
      }
    }
  });

  it('uses every role, with full role sets in at least 4 agencies', () => {
    const roles = new Set(people.map((p) => p.role));
    for (const r of ROLES) expect(roles).toContain(r);

    const full = [...new Set(people.map((p) => p.agencyKey))].filter((key) => {
      const staff = people.filter((p) => p.agencyKey === key);
      const head = staff.find((p) => p.role === 'division_head' && p.divisionKey !== null);
      const officer = staff.find((p) => p.role === 'officer' && p.divisionKey === head?.divisionKey);
      return (
        head !== undefined &&
        officer !== undefined &&
        ['clerk', 'agency_leader', 'agency_admin'].every((r) => staff.some((p) => p.role === r))
      );
    });
    expect(full.length).toBeGreaterThanOrEqual(4);
    expect(full).toEqual(expect.arrayContaining(['vp-ubnd', 'snv', 'stttt', 'h-longho']));

    // The featured commune has a clerk, an officer, a leader and an administrator.
    const communeStaff = people.filter((p) => byKey.get(p.agencyKey)?.kind === 'commune');
    for (const r of ['clerk', 'officer', 'agency_leader', 'agency_admin'] as const) {
      expect(communeStaff.some((p) => p.role === r)).toBe(true);
    }
  });

  it('has the conventional demo usernames', () => {
    const usernames = new Set(people.map((p) => p.username));
    for (const u of [
      'vanthu.snv',
      'chuyenvien.snv',
      'truongphong.snv',
      'lanhdao.snv',
      'quantri.snv',
      'vanthu.ubnd',
      'lanhdao.ubnd',
      'vanthu.stttt',
      'lanhdao.longho',
    ]) {
      expect(usernames).toContain(u);
    }
    expect(people.find((p) => p.username === 'truongphong.snv')).toMatchObject({
      divisionKey: 'snv-tccb',
      title: 'Trưởng phòng Tổ chức cán bộ',
    });
  });

  it('has archivists in the office, a department and a district; the others leave the archive to their clerks', () => {
    const archivists = people.filter((p) => p.role === 'archivist');
    expect(archivists.map((p) => [p.username, p.agencyKey])).toEqual([
      ['luutru.vp', 'vp-ubnd'],
      ['luutru.stttt', 'stttt'],
      ['luutru.longho', 'h-longho'],
    ]);
    for (const p of archivists)
      expect(byKey.get(p.divisionKey ?? '')?.parentKey, p.username).toBe(p.agencyKey);
    // Sở Nội vụ and the featured commune keep the archive with their clerk.
    for (const key of ['snv', 'ubnd', 'x-longho-phuochau'])
      expect(people.some((p) => p.agencyKey === key && p.role === 'archivist')).toBe(false);
  });

  it('gives people plausible Vietnamese names and titles', () => {
    for (const p of people) {
      expect(p.fullName, p.username).toMatch(/^\S+( \S+){1,4}$/);
      expect(p.fullName, p.username).toMatch(VI_DIACRITIC_RE);
      expect(p.title.length, p.username).toBeGreaterThan(0);
    }
    const distinct = new Set(people.map((p) => p.fullName));
    expect(distinct.size).toBe(people.length);
  });
});

describe('demoProvince: determinism', () => {
  it('returns equal, independent data on every call', () => {
    const a = demoProvince();
    const b = demoProvince();
    expect(a).toEqual(b);
    expect(a).toEqual(data);
    a.agencies[0]!.name = 'changed';
    a.people.pop();
    expect(demoProvince()).toEqual(b);
  });
});
