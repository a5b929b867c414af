import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { can, useSession } from '../../../api/session.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDate } from '../../../lib/format.ts';
import { CopyDialog } from '../copies/CopyDialog.tsx';
import { DocumentCopies } from '../copies/CopyRecipients.tsx';
import { SubmitToGazetteButton } from '../gazette/SubmitToGazetteButton.tsx';
import { getLegal, getRelations, legalKeys } from './api.ts';
import { K, StatusTag } from './common.tsx';
import { DiagramTab, HistoryTab, RelatedTab } from './DocumentTabs.tsx';
import { PropertiesTab } from './PropertiesTab.tsx';
import { RelationDialog } from './RelationDialog.tsx';
import './legal.css';

const TABS = ['thuoc-tinh', 'toan-van', 'lich-su', 'lien-quan', 'luoc-do'] as const;
type Tab = (typeof TABS)[number];

/**
 * One legal document as vbpl.vn shows it: Thuộc tính, Toàn văn, Lịch sử, Văn bản liên quan, Lược đồ
 * (the tab in the URL, `?tab=lich-su`, so a link can open it). The office links it to others here.
 */
export default function LegalDocumentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const me = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'thuoc-tinh';
  const doc = useQuery({ queryKey: legalKeys.one(id), queryFn: () => getLegal(id) });
  const relations = useQuery({ queryKey: legalKeys.relations(id), queryFn: () => getRelations(id) });
  if (doc.isPending) return <Loading />;
  if (!doc.data)
    return (
      <>
        <Link to="/van-ban-phap-luat">← {t(`${K}.detail.back`)}</Link>
        <ErrorAlert error={doc.error} onRetry={() => void doc.refetch()} />
      </>
    );
  const d = doc.data;
  const manage = can(me, 'legal.manage');
  const rels = relations.data?.items ?? [];
  const guides = rels.some((r) => r.kind === 'guides' && r.direction === 'outgoing');
  return (
    <>
      <Link to="/van-ban-phap-luat">← {t(`${K}.detail.back`)}</Link>
      <PageHeader
        title={`${d.typeName} ${d.numberNotation}`}
        intro={
          <>
            {d.title}
            <br />
            <StatusTag status={d.statusNow} label={d.statusLabel} />{' '}
            <span>
              {d.issuerName} · {t(`${K}.fields.issuedDate`)} {formatDate(d.issuedDate)}
            </span>
          </>
        }
        extra={
          <Space wrap>
            {manage && d.canEdit ? (
              <Button onClick={() => navigate(`/van-ban-phap-luat/${d.id}/sua`)}>
                {t(`${K}.detail.edit`)}
              </Button>
            ) : null}
            {manage ? (
              <Button type="primary" onClick={() => setAdding(true)}>
                {t(`${K}.related.add`)}
              </Button>
            ) : null}
            {/* Each shows itself only to those who may: the issuing agency's clerk, the copying office. */}
            {can(me, 'gazette.submit') ? <SubmitToGazetteButton legalDocumentId={d.id} /> : null}
            <CopyDialog legalDocumentId={d.id} />
          </Space>
        }
      />
      <ErrorAlert error={relations.error} />
      <Tabs
        className="lt-legal-tabs"
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(params);
          if (k === 'thuoc-tinh') next.delete('tab');
          else next.set('tab', k);
          setParams(next, { replace: true });
        }}
        items={[
          {
            key: 'thuoc-tinh',
            label: t(`${K}.tabs.properties`),
            children: <PropertiesTab doc={d} guides={guides} canManage={manage && d.canEdit} />,
          },
          {
            key: 'toan-van',
            label: t(`${K}.tabs.fullText`),
            children: d.fullText ? (
              <>
                {d.textSource ? (
                  <p className="lt-muted">{t(`${K}.detail.textFrom.${d.textSource as 'file'}`)}</p>
                ) : null}
                <div className="lt-legal-fulltext">{d.fullText}</div>
              </>
            ) : (
              <Alert type="info" showIcon title={t(`${K}.detail.noText`)} />
            ),
          },
          { key: 'lich-su', label: t(`${K}.tabs.history`), children: <HistoryTab doc={d} /> },
          {
            key: 'lien-quan',
            label: `${t(`${K}.tabs.related`)} (${rels.length})`,
            children: <RelatedTab doc={d} relations={rels} canManage={manage} />,
          },
          { key: 'luoc-do', label: t(`${K}.tabs.diagram`), children: <DiagramTab doc={d} /> },
        ]}
      />
      {can(me, 'legal.copy') ? <DocumentCopies legalDocumentId={d.id} /> : null}
      {manage ? <RelationDialog doc={d} open={adding} onClose={() => setAdding(false)} /> : null}
    </>
  );
}
