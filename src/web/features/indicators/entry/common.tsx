import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormState } from '../../../../shared/indicators/schedule.ts';

const STATE_COLORS: Record<FormState, string> = {
  not_open: 'default',
  open: 'blue',
  due_soon: 'gold',
  overdue: 'red',
  locked: 'default',
  reopened: 'orange',
};

const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  approved: 'green',
  returned: 'orange',
  missing: 'red',
};

const TIMELINESS_COLORS: Record<string, string> = {
  on_time: 'green',
  late: 'orange',
  missing: 'red',
  pending: 'default',
};

/** Chưa mở, đang mở, sắp hạn, quá hạn, đã khóa, mở lại. */
export function FormStateTag({ state }: { state: FormState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]}>{t(`indEntry.states.${state}`)}</Tag>;
}

/** Nháp, đã gửi, đã duyệt, bị trả lại (and "chưa nhập" for the completeness table). */
export function ReportStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'}>
      {t(`indEntry.statuses.${status as 'draft'}`, { defaultValue: status })}
    </Tag>
  );
}

export function TimelinessTag({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={TIMELINESS_COLORS[value] ?? 'default'}>
      {t(`indEntry.timeliness.${value as 'late'}`, { defaultValue: value })}
    </Tag>
  );
}

/** "2026-02-10" → "10/02/2026". */
export function viDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = iso.slice(0, 10).split('-');
  return d.length === 3 ? `${d[2]}/${d[1]}/${d[0]}` : iso;
}

/** "2026-02-10T03:04:05Z" → "10/02/2026 10:04" (Vietnam time). */
export function viDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}
