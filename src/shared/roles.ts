/** Roles a position can carry (DESIGN.md §4). Shared with the web app for labels and navigation. */
export const ROLES = [
  'clerk',
  /** Người làm lưu trữ: keeps the agency archive (Decree 30/2020, ch. IV "Lưu trữ cơ quan"). */
  'archivist',
  'officer',
  'division_head',
  'agency_leader',
  'agency_admin',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of unit in the agency tree. */
export const AGENCY_KINDS = ['province', 'department', 'district', 'commune', 'division', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
