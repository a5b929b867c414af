import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLang, setLang } from '../i18n.ts';

/** One button that offers the other language, labelled in that language (lang attribute set). */
export function LanguageSwitch({ variant = 'default' }: { variant?: 'default' | 'header' }) {
  const { t } = useTranslation();
  const other = currentLang() === 'vi' ? 'en' : 'vi';
  return (
    <Button
      type={variant === 'header' ? 'text' : 'default'}
      className={variant === 'header' ? 'lt-header-button' : undefined}
      icon={<GlobalOutlined aria-hidden />}
      lang={other}
      title={t('shell.language')}
      onClick={() => void setLang(other)}
    >
      {t(`language.${other}`)}
    </Button>
  );
}
