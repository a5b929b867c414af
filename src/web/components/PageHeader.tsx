import { Typography } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigationType } from 'react-router-dom';

/**
 * The page's one h1, its introduction and its main actions. Sets the document title, and after an
 * in-app navigation moves focus to the heading so keyboard and screen-reader users land on the new page.
 */
export function PageHeader({ title, intro, extra }: { title: string; intro?: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const navType = useNavigationType();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (navType !== 'POP') ref.current?.focus({ preventScroll: false });
  }, [navType]);
  return (
    <div className="lt-page-header">
      <div className="lt-page-header-text">
        <Typography.Title level={1} ref={ref} tabIndex={-1} className="lt-page-title">
          {title}
        </Typography.Title>
        {intro ? <Typography.Paragraph className="lt-page-intro">{intro}</Typography.Paragraph> : null}
      </div>
      {extra ? <div className="lt-page-actions">{extra}</div> : null}
    </div>
  );
}
