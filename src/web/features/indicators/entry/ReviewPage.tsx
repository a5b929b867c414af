import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { approveReport, entryKeys, getReport, getSheet, returnReport } from './api.ts';
import { ReportStatusTag, viDateTime } from './common.tsx';
import { SheetPanel } from './SheetPanel.tsx';

/** One report opened from the inbox: the grid read-only, Duyệt / Trả lại (with a reason). */
export default function ReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { formId = '', period = '', agencyId = '' } = useParams();
  const key = entryKeys.sheet(formId, period, agencyId);
  const sheet = useQuery({ queryKey: key, queryFn: () => getSheet(formId, period, agencyId) });
  const report = useQuery({
    queryKey: entryKeys.report(formId, period, agencyId),
    queryFn: () => getReport(formId, period, agencyId),
  });
  const [returnOpen, setReturnOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const done = (msg: string) => {
    message.success(msg);
    void qc.invalidateQueries({ queryKey: ['indicators'] });
    navigate('/chi-tieu/duyet');
  };
  const approve = useMutation({
    mutationFn: () => approveReport(formId, period, agencyId),
    onSuccess: () => done(t('indEntry.review.approved')),
  });
  const giveBack = useMutation({
    mutationFn: (reason: string) => returnReport(formId, period, agencyId, reason),
    onSuccess: () => {
      setReturnOpen(false);
      done(t('indEntry.review.returned'));
    },
  });
  const r = report.data;
  const awaiting = r?.status === 'submitted';
  return (
    <>
      <PageHeader
        title={r ? `${r.formCode} · ${r.formName}` : t('indEntry.review.title')}
        intro={
          r ? (
            <Space wrap size={4}>
              <span>
                {r.periodLabel} · {r.agency.name}
              </span>
              <ReportStatusTag status={r.status} />
            </Space>
          ) : null
        }
        extra={<Link to="/chi-tieu/duyet">{t('indEntry.review.back')}</Link>}
      />
      <ErrorAlert error={sheet.error ?? report.error ?? approve.error} />
      {sheet.isPending ? <Loading /> : null}
      {awaiting ? (
        <Space wrap className="lt-ind-actions">
          <Button
            type="primary"
            icon={<CheckOutlined aria-hidden />}
            loading={approve.isPending}
            onClick={() => approve.mutate()}
          >
            {t('indEntry.review.approve')}
          </Button>
          <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => setReturnOpen(true)}>
            {t('indEntry.review.return')}
          </Button>
        </Space>
      ) : null}
      {sheet.data ? (
        <SheetPanel
          sheet={sheet.data}
          queryKey={key}
          readOnly
          onReload={() => void qc.invalidateQueries({ queryKey: key })}
        />
      ) : null}
      {r && r.steps.length > 0 ? (
        <section aria-labelledby="ind-steps">
          <h2 id="ind-steps" className="lt-section-title">
            {t('indEntry.review.steps')}
          </h2>
          <Timeline
            items={r.steps.map((s) => ({
              children: `${viDateTime(s.at)} · ${t(`indEntry.actions.${s.action as 'submit'}`, { defaultValue: s.action })}${s.byName ? ` · ${s.byName}` : ''}${s.byAgencyName ? ` (${s.byAgencyName})` : ''}${s.note ? ` · ${s.note}` : ''}`,
            }))}
          />
        </section>
      ) : null}
      <Modal
        open={returnOpen}
        title={t('indEntry.review.returnTitle')}
        okText={t('indEntry.review.return')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: giveBack.isPending }}
        onCancel={() => setReturnOpen(false)}
        onOk={() => form.submit()}
      >
        <ErrorAlert error={giveBack.error} />
        <Form form={form} layout="vertical" onFinish={(v) => giveBack.mutate(v.reason.trim())}>
          <Form.Item
            name="reason"
            label={t('indEntry.review.reason')}
            rules={[{ required: true, whitespace: true, message: t('indEntry.review.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
