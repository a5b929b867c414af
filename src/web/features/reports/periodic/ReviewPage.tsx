import { CheckOutlined, DownloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { returnSchema } from '../../../../shared/reports/periodic.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { applyFieldErrors, zodRule } from '../../../lib/forms.ts';
import {
  acceptSubmission,
  getSubmission,
  paths,
  periodicKeys,
  returnSubmission,
  submissionFileUrl,
} from './api.ts';
import { LateTag, StatusTag } from './common.tsx';
import { ReturnsNotice, SubmissionRead } from './SubmissionParts.tsx';
import { useScreenId } from './screens.ts';

/**
 * The IT department reads one agency's report of a period, and returns it with a comment (the
 * agency corrects and resubmits) or accepts it (it counts in the consolidated report).
 */
export default function ReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = useScreenId();
  const key = periodicKeys.submission(id);
  const q = useQuery({ queryKey: key, queryFn: () => getSubmission(id) });
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const s = q.data;

  const done = (text: string) => (v: Awaited<ReturnType<typeof getSubmission>>) => {
    qc.setQueryData(key, v);
    void qc.invalidateQueries({ queryKey: periodicKeys.all });
    message.success(text);
  };
  const accept = useMutation({
    mutationFn: () => acceptSubmission(id),
    onSuccess: done(t('reports.periodic.review.accepted')),
  });
  const giveBack = useMutation({
    mutationFn: (comment: string) => returnSubmission(id, comment),
    onSuccess: (v) => {
      setReturning(false);
      form.resetFields();
      done(t('reports.periodic.review.returned'))(v);
    },
    onError: (e) => applyFieldErrors(form, e, { known: [['comment']] }),
  });

  return (
    <>
      <PageHeader
        title={s ? `${s.agencyName} — ${s.cycle.label}` : t('reports.periodic.fill.titleFallback')}
        intro={
          s ? (
            <Space size={[8, 4]} wrap>
              <span>
                {s.cycle.templateName} · {t('reports.periodic.dueDate')} {formatDate(s.cycle.dueDate)}
                {s.submittedAt
                  ? ` · ${t('reports.periodic.submittedAt')} ${formatDateTime(s.submittedAt)}`
                  : ''}
              </span>
              <StatusTag status={s.status} />
              <LateTag late={s.late} />
            </Space>
          ) : null
        }
        extra={s ? <Link to={paths.cycle(s.cycle.id)}>{t('reports.periodic.review.back')}</Link> : null}
      />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {q.isPending ? <Loading /> : null}
      {s ? (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            {s.can.review ? (
              <>
                <Button
                  type="primary"
                  icon={<CheckOutlined aria-hidden />}
                  loading={accept.isPending}
                  onClick={() => accept.mutate()}
                >
                  {t('reports.periodic.review.accept')}
                </Button>
                <Button
                  danger
                  icon={<RollbackOutlined aria-hidden />}
                  onClick={() => {
                    giveBack.reset();
                    setReturning(true);
                  }}
                >
                  {t('reports.periodic.review.return')}
                </Button>
              </>
            ) : null}
            <Button icon={<DownloadOutlined aria-hidden />} href={submissionFileUrl(s.id, 'docx')} download>
              {t('reports.periodic.downloadDocx')}
            </Button>
            <Button icon={<DownloadOutlined aria-hidden />} href={submissionFileUrl(s.id, 'pdf')} download>
              {t('reports.periodic.downloadPdf')}
            </Button>
          </Space>
          <ErrorAlert error={accept.error} />
          {s.status === 'draft' || s.status === 'returned' ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('reports.periodic.review.waiting')}
            />
          ) : null}
          {s.status === 'accepted' ? (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('reports.periodic.fill.acceptedInfo', { at: formatDateTime(s.acceptedAt) })}
            />
          ) : null}
          <ReturnsNotice submission={s} asHistory />
          <SubmissionRead submission={s} />
          <Modal
            open={returning}
            title={t('reports.periodic.review.returnTitle')}
            okText={t('reports.periodic.review.return')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, loading: giveBack.isPending }}
            onCancel={() => setReturning(false)}
            onOk={() => form.submit()}
          >
            <p>{t('reports.periodic.review.returnExplain')}</p>
            <ErrorAlert error={giveBack.error} />
            <Form form={form} layout="vertical" onFinish={(v) => giveBack.mutate(v.comment.trim())}>
              <Form.Item
                name="comment"
                label={t('reports.periodic.review.comment')}
                rules={[zodRule(returnSchema.shape.comment, 'required')]}
              >
                <Input.TextArea rows={4} maxLength={4000} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      ) : null}
    </>
  );
}
