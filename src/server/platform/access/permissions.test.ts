import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../shared/roles.ts';
import { PERMISSIONS, ROLE_PERMISSIONS, roleAllows } from './permissions.ts';

describe('role permissions', () => {
  it('gives every role a list of known permissions', () => {
    for (const r of ROLES) {
      for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS, `${r}: ${p}`).toContain(p);
      expect(roleAllows(r, 'authenticated')).toBe(true);
      expect(roleAllows(r, 'peer.signed')).toBe(false);
    }
  });

  it('lets the archivist read dossiers and keep the archive, and nothing of documents, mail or admin', () => {
    expect(roleAllows('archivist', 'dossiers')).toBe(true);
    expect(roleAllows('archivist', 'dossiers.archive')).toBe(true);
    for (const p of [
      'documents',
      'mail.receive',
      'mail.manage',
      'exchange.import',
      'exchange.manage',
      'audit.read',
      'people.manage',
      'agencies.manage',
      'jobs.manage',
      'system.manage',
    ] as const)
      expect(roleAllows('archivist', p), p).toBe(false);
  });

  it('keeps the archive screens with the clerk and the leader, and away from officers and heads', () => {
    expect(roleAllows('clerk', 'dossiers.archive')).toBe(true);
    expect(roleAllows('agency_leader', 'dossiers.archive')).toBe(true);
    expect(roleAllows('officer', 'dossiers.archive')).toBe(false);
    expect(roleAllows('division_head', 'dossiers.archive')).toBe(false);
    expect(roleAllows('clerk', 'documents')).toBe(true);
  });
});
