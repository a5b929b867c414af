import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '../../../../shared/reports/plans.ts';

// Contrast-checked tag colours (styles.css): the states of a plan.
const STATUS_COLOR: Record<PlanStatus, string | undefined> = {
  draft: undefined,
  submitted: 'blue',
  returned: 'orange',
  appraised: 'gold',
  approved: 'green',
};

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`reports.plans.status.${status}`)}</Tag>;
}

/** "2026" or "2026–2030". */
export const yearsOf = (p: { startYear: number; endYear: number }) =>
  p.startYear === p.endYear ? String(p.startYear) : `${p.startYear}–${p.endYear}`;

/** A plan's overall progress as a bar named for screen readers, or "—". */
export function PlanProgress({ value, label }: { value: number | null; label: string }) {
  if (value === null) return <span className="lt-muted">—</span>;
  return <Progress percent={value} size="small" aria-label={`${label}: ${value}%`} />;
}
