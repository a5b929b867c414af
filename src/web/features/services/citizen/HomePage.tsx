import { Card, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApplicant } from './CitizenApp.tsx';

/** The citizens' start: find a procedure, track a dossier, one's own dossiers. */
export default function HomePage() {
  const { t } = useTranslation();
  const me = useApplicant();
  useEffect(() => {
    document.title = t('services.applicants.portal');
  }, [t]);
  return (
    <>
      <Typography.Title level={1}>{t('services.applicants.home.title')}</Typography.Title>
      <Typography.Paragraph>{t('services.applicants.home.intro')}</Typography.Paragraph>
      <Card style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          <a href="/cong-khai/thu-tuc">{t('services.applicants.home.find')}</a>
        </Typography.Title>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('services.applicants.home.findText')}
        </Typography.Paragraph>
      </Card>
      <Card style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          <Link to="/dich-vu-cong/tra-cuu">{t('services.applicants.home.lookup')}</Link>
        </Typography.Title>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('services.applicants.home.lookupText')}
        </Typography.Paragraph>
      </Card>
      <Card>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          <Link to={me.data ? '/dich-vu-cong/ho-so' : '/dich-vu-cong/dang-nhap'}>
            {t('services.applicants.home.mine')}
          </Link>
        </Typography.Title>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('services.applicants.home.mineText')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
