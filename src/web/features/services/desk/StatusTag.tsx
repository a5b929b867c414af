import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusLabel } from '../../../../shared/services/statuses.ts';

const COLORS: Record<number, string> = {
  1: 'blue',
  2: 'cyan',
  3: 'default',
  4: 'geekblue',
  5: 'orange',
  6: 'orange',
  7: 'default',
  8: 'red',
  9: 'green',
  10: 'green',
};

/** A dossier's status (the DVCQG code 1–10), with "late" or "due soon" beside it when it is. */
export function DossierStatusTag({
  status,
  late,
  dueSoon,
}: {
  status: number;
  late?: boolean;
  dueSoon?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Tag color={COLORS[status]}>{statusLabel(status, i18n.language === 'en' ? 'en' : 'vi')}</Tag>
      {late ? <Tag color="red">{t('services.desk.late')}</Tag> : null}
      {dueSoon ? <Tag color="gold">{t('services.desk.dueSoon')}</Tag> : null}
    </>
  );
}
