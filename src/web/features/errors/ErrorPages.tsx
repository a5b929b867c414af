import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

function ErrorPage({ status, title, text }: { status: '403' | '404'; title: string; text: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <Result
      status={status}
      title={<h1 className="lt-result-title">{title}</h1>}
      subTitle={text}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('pages.goHome')}
        </Button>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <ErrorPage status="404" title={t('pages.notFound.title')} text={t('pages.notFound.text')} />;
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <ErrorPage status="403" title={t('pages.forbidden.title')} text={t('pages.forbidden.text')} />;
}
