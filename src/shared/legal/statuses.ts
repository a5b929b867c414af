/**
 * Effect statuses (tình trạng hiệu lực), the six of vbpl.vn that the law defines
 * (../shared/domain/legal-docs.md §1a; "Không còn phù hợp" and "Chưa xác định" are not statuses
 * a database computes). The order is the display order of the filter.
 */
export const EFFECT_STATUSES = [
  { code: 'not_yet', label: 'Chưa có hiệu lực', labelEn: 'Not yet in effect' },
  { code: 'in_force', label: 'Còn hiệu lực', labelEn: 'In force' },
  { code: 'expired_partly', label: 'Hết hiệu lực một phần', labelEn: 'Partly expired' },
  { code: 'expired', label: 'Hết hiệu lực toàn bộ', labelEn: 'Expired' },
  { code: 'suspended', label: 'Ngưng hiệu lực', labelEn: 'Suspended' },
  { code: 'suspended_partly', label: 'Ngưng hiệu lực một phần', labelEn: 'Partly suspended' },
] as const;

export type EffectStatus = (typeof EFFECT_STATUSES)[number]['code'];
export const EFFECT_CODES = EFFECT_STATUSES.map((s) => s.code) as [EffectStatus, ...EffectStatus[]];

export function effectLabel(code: string): string {
  return EFFECT_STATUSES.find((s) => s.code === code)?.label ?? code;
}

/**
 * The Law on Promulgation of Legal Normative Documents 2025 (64/2025/QH15) applies to changes made
 * by documents adopted from this day; the 2015 law (80/2015/QH13) before it.
 */
export const LAW_2025_FROM = '2025-07-01';
