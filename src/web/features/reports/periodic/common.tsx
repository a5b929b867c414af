import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import type { CycleView, SubmissionStatus } from '../../../../shared/reports/periodic.ts';
import { paths } from './api.ts';

const STATUS_COLOR: Record<SubmissionStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  accepted: 'green',
};

/** The submission's status as a tag: Đang soạn, Đã gửi, Bị trả lại, Đã tiếp nhận. */
export function StatusTag({ status }: { status: SubmissionStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`reports.periodic.status.${status}`)}</Tag>;
}

/** "Trễ hạn" (with the days when known), red: a report past due and not submitted. */
export function LateTag({ late, days }: { late: boolean; days?: number }) {
  const { t } = useTranslation();
  if (!late) return null;
  return (
    <Tag color="red">
      {days !== undefined && days > 0
        ? t('reports.periodic.daysLate', { count: days })
        : t('reports.periodic.late')}
    </Tag>
  );
}

export function CycleStatusTag({ status }: { status: CycleView['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'open' ? 'blue' : 'default'}>{t(`reports.periodic.cycleStatus.${status}`)}</Tag>
  );
}

/** Submitted (waiting or accepted), not submitted (drafting or returned), late. */
export function cycleTallies(c: CycleView['counts']) {
  const sent = c.submitted + c.accepted;
  return { sent, missing: c.assigned - sent, late: c.late, assigned: c.assigned, accepted: c.accepted };
}

/**
 * The IT department's screens side by side: the periods, the late reports, the templates (links
 * in a named navigation, the current one marked for screen readers).
 */
export function ConsolidateTabs() {
  const { t } = useTranslation();
  const links = [
    { to: paths.cycles, label: t('reports.periodic.cycles.tabCycles'), end: true },
    { to: paths.late, label: t('reports.periodic.cycles.tabLate'), end: true },
    { to: paths.templates, label: t('reports.periodic.cycles.tabTemplates'), end: false },
  ];
  return (
    <nav aria-label={t('reports.periodic.cycles.tabsLabel')} style={{ marginBottom: 16 }}>
      <ul
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 8,
          listStyle: 'none',
          margin: 0,
          padding: 0,
          borderBottom: '1px solid #d9d9d9',
        }}
      >
        {links.map((l) => (
          <li key={l.to}>
            <NavLink
              to={l.to}
              end={l.end}
              style={({ isActive }) => ({
                display: 'inline-block',
                padding: '8px 12px',
                fontWeight: isActive ? 600 : 400,
                color: isActive ? '#003eb3' : '#1f1f1f',
                borderBottom: isActive ? '3px solid #0958d9' : '3px solid transparent',
              })}
            >
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A figure in Vietnamese (1.234,5) or English; null as "—". */
export function formatFigure(v: number | null | undefined, lang: string): string {
  if (v === null || v === undefined) return '—';
  return v.toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 });
}
