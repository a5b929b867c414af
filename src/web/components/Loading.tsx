import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A centred spinner with a spoken label, for pages and screens being loaded. */
export function Loading({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={fullPage ? 'lt-loading lt-loading-full' : 'lt-loading'} role="status" aria-live="polite">
      <Spin />
      <span className="lt-visually-hidden">{t('shell.loading')}</span>
    </div>
  );
}
