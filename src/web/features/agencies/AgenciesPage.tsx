import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgencyView, agencyKeys, EXPORT_CSV_URL } from '../../api/agencies.ts';
import { can, useSession } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AgencyDetail } from './AgencyDetail.tsx';
import { AgencyFormModal, MergeAgencyModal, MoveAgencyModal } from './AgencyForms.tsx';
import { AgencyTreePanel, useAgencyTree } from './AgencyTree.tsx';
import { CsvImportModal } from './CsvImport.tsx';

type FormState = { mode: 'create'; parent: AgencyView | null } | { mode: 'edit'; agency: AgencyView } | null;

/** Đơn vị: the agency tree (lazy), search, detail with history; create, edit, move, merge, CSV in and out. */
export default function AgenciesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const qc = useQueryClient();
  const tree = useAgencyTree();
  const [selected, setSelected] = useState<AgencyView | null>(null);
  const [form, setForm] = useState<FormState>(null);
  const [moving, setMoving] = useState<AgencyView | null>(null);
  const [merging, setMerging] = useState<AgencyView | null>(null);
  const [importing, setImporting] = useState(false);
  const systemAdmin = can(me, 'system.manage');

  const select = (a: AgencyView) => {
    setSelected(a);
    // On phones the detail is below the tree: bring it into view and give it focus.
    requestAnimationFrame(() => {
      const h = document.getElementById('agency-detail-title');
      if (h && window.matchMedia('(max-width: 991px)').matches) {
        h.focus();
        h.scrollIntoView({ block: 'start' });
      }
    });
  };

  const afterChange = async (a?: AgencyView) => {
    await Promise.all([qc.invalidateQueries({ queryKey: agencyKeys.all }), tree.refresh()]);
    if (a?.parentId && !tree.expanded.includes(a.parentId)) tree.setExpanded([...tree.expanded, a.parentId]);
  };

  return (
    <>
      <PageHeader
        title={t('agencies.title')}
        intro={t('agencies.intro')}
        extra={
          <Space wrap>
            {systemAdmin ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => setForm({ mode: 'create', parent: null })}
              >
                {t('agencies.add')}
              </Button>
            ) : null}
            {systemAdmin ? (
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
                {t('agencies.import')}
              </Button>
            ) : null}
            <Button icon={<DownloadOutlined aria-hidden />} href={EXPORT_CSV_URL} download="don-vi.csv">
              {t('agencies.export')}
            </Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xxl={9}>
          <Card className="lt-tree-card">
            <AgencyTreePanel tree={tree} selectedId={selected?.id} onSelect={select} />
          </Card>
        </Col>
        <Col xs={24} lg={14} xxl={15}>
          {selected ? (
            <AgencyDetail
              id={selected.id}
              actions={{
                onEdit: (a) => setForm({ mode: 'edit', agency: a }),
                onAddChild: (a) => setForm({ mode: 'create', parent: a }),
                onMove: setMoving,
                onMerge: setMerging,
              }}
            />
          ) : (
            <Card className="lt-detail-card lt-detail-empty">
              <Typography.Paragraph type="secondary">{t('agencies.selectHint')}</Typography.Paragraph>
            </Card>
          )}
        </Col>
      </Row>
      <AgencyFormModal
        open={!!form}
        mode={form?.mode ?? 'create'}
        agency={form?.mode === 'edit' ? form.agency : null}
        parent={form?.mode === 'create' ? form.parent : null}
        onClose={() => setForm(null)}
        onSaved={(a) => {
          setForm(null);
          setSelected(a);
          void afterChange(a);
        }}
      />
      <MoveAgencyModal
        agency={moving}
        onClose={() => setMoving(null)}
        onDone={() => {
          setMoving(null);
          void afterChange();
        }}
      />
      <MergeAgencyModal
        agency={merging}
        onClose={() => setMerging(null)}
        onDone={() => {
          setMerging(null);
          void afterChange();
        }}
      />
      <CsvImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => {
          setImporting(false);
          void afterChange();
        }}
      />
    </>
  );
}
