import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../api/people.ts';

/** Account state in words (never colour alone). */
export function StatusTags({ person }: { person: PersonView }) {
  const { t } = useTranslation();
  return (
    <span className="lt-tags">
      {person.disabled ? (
        <Tag color="red">{t('people.status.disabled')}</Tag>
      ) : (
        <Tag color="green">{t('people.status.active')}</Tag>
      )}
      {person.locked ? <Tag color="orange">{t('people.status.locked')}</Tag> : null}
      {person.mustChangePassword ? <Tag color="gold">{t('people.status.mustChangePassword')}</Tag> : null}
      {person.totpEnabled ? <Tag color="blue">{t('people.status.totp')}</Tag> : null}
    </span>
  );
}
