import { CloudDownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../api/documents.ts';
import { edxmlUrl, exchangeKeys, releaseRoutes } from './api.ts';

/** The .edxml download of a released outgoing document (not for secret documents). */
export function EdxmlExportButton({ doc }: { doc: DocumentView }) {
  const { t } = useTranslation();
  if (
    doc.direction !== 'outgoing' ||
    !['released', 'recalled'].includes(doc.status) ||
    doc.secrecy !== 'normal'
  )
    return null;
  return (
    <Button href={edxmlUrl(doc.id)} icon={<CloudDownloadOutlined aria-hidden />}>
      {t('exchange.exportEdxml')}
    </Button>
  );
}

const COLOR = { internal: 'blue', peer: 'green', unknown: 'red', paper: 'default' } as const;

/** Before release: how each recipient will be reached (in this system, via a peer, unknown, paper). */
export function ReleaseRoutes({ doc }: { doc: DocumentView }) {
  const { t } = useTranslation();
  const show =
    doc.direction === 'outgoing' && doc.status === 'signed' && doc.recipients.some((r) => r.agencyCode);
  const routes = useQuery({
    queryKey: exchangeKeys.routes(doc.id),
    queryFn: () => releaseRoutes(doc.id),
    enabled: show,
  });
  if (!show || !routes.data) return null;
  return (
    <Card title={<h2 className="lt-card-title">{t('exchange.routes.title')}</h2>} className="lt-doc-card">
      <ul className="lt-doc-recipients">
        {routes.data.items.map((r) => (
          <li key={`${r.name}-${r.agencyCode ?? ''}`}>
            {r.name}
            {r.agencyCode ? <span className="lt-muted"> [{r.agencyCode}]</span> : null}{' '}
            <Tag color={COLOR[r.route]}>
              {r.route === 'peer'
                ? t('exchange.routes.peer', { via: r.via ?? '' })
                : t(`exchange.routes.${r.route}`)}
            </Tag>
          </li>
        ))}
      </ul>
    </Card>
  );
}
