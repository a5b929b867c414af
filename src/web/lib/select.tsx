import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * antd's Select shows a value it has no option for as the value itself. For pickers whose options
 * come from the server (agencies, people, divisions, dossiers) that value is an id, and a form can
 * receive it before the options arrive (a prefill, a default leader, a filter in the URL). This
 * `labelRender` shows "Đang tải…" while the options load, and "(không có trong danh sách)" if they
 * came without it: a clerk never sees an id.
 */
export function useIdSafeLabel(pending: boolean): (props: { label?: ReactNode }) => ReactNode {
  const { t } = useTranslation();
  return ({ label }) =>
    label ?? (
      <span className="lt-select-pending">{pending ? t('shell.loading') : t('common.notInList')}</span>
    );
}
