/** Roles a position can carry (DESIGN.md §4). Shared with the web app for labels and navigation. */
export const ROLES = [
  'clerk',
  'officer',
  'division_head',
  'agency_leader',
  'agency_admin',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS_VI: Record<Role, string> = {
  clerk: 'Văn thư',
  officer: 'Chuyên viên',
  division_head: 'Lãnh đạo phòng',
  agency_leader: 'Lãnh đạo cơ quan',
  agency_admin: 'Quản trị cơ quan',
  system_admin: 'Quản trị hệ thống',
};

/** Kinds of unit in the agency tree. */
export const AGENCY_KINDS = ['province', 'department', 'district', 'commune', 'division', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AGENCY_KIND_LABELS_VI: Record<AgencyKind, string> = {
  province: 'UBND tỉnh',
  department: 'Sở, ban, ngành',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
  division: 'Phòng, ban',
  other: 'Đơn vị khác',
};
