import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Rate, Space, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../../api/client.ts';
import { Loading } from '../../../components/Loading.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { answerSupplement, citizenKeys, download, getDossier, rateDossier } from './api.ts';
import { type PaperFiles, PaperUploads } from './PaperUploads.tsx';

/** The key of a paper the desk asked for in its own words (services/applicants/dossiers.ts). */
const OTHER_PAPER_KEY = 'bo-sung';

/**
 * One dossier as its applicant sees it (signed in, or a guest with the secret): the status and the
 * public timeline, the papers asked for (uploaded here), the receipt and result, and the rating.
 */
export default function DossierPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: citizenKeys.dossier(code), queryFn: () => getDossier(code), retry: false });
  const [files, setFiles] = useState<PaperFiles>({});
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  useEffect(() => {
    document.title = `${t('services.applicants.dossier.title')} ${code}`;
  }, [code, t]);
  const refresh = (d: unknown) => {
    qc.setQueryData(citizenKeys.dossier(code), d);
    void qc.invalidateQueries({ queryKey: citizenKeys.dossiers });
  };
  const supply = useMutation({
    mutationFn: () =>
      answerSupplement(code, {
        papers: Object.entries(files).flatMap(([k, f]) =>
          f ? [{ paperKey: k.split('#')[0] ?? k, sha256: f.sha256, fileName: f.fileName }] : [],
        ),
      }),
    onSuccess: (d) => {
      setFiles({});
      refresh(d);
    },
  });
  const rate = useMutation({
    mutationFn: () => rateDossier(code, { rating, comment: comment.trim() || undefined }),
    onSuccess: refresh,
  });

  if (q.isPending) return <Loading />;
  if (q.error || !q.data)
    return (
      <>
        <Typography.Title level={1}>{t('services.applicants.dossier.title')}</Typography.Title>
        <Alert
          type="error"
          showIcon
          message={
            q.error instanceof ApiError && q.error.status === 404
              ? t('services.applicants.dossier.notFound')
              : errorMessage(q.error)
          }
        />
        <p>
          <Link to={`/dich-vu-cong/tra-cuu?ma=${encodeURIComponent(code)}`}>
            {t('services.applicants.dossier.tryAgain')}
          </Link>
        </p>
      </>
    );
  const d = q.data;
  // One slot per item asked for: the procedure's paper by its key, another paper under "bo-sung".
  const slots = (d.openSupplement?.items ?? []).map((x, i) => ({
    key: `${x.paperKey ?? OTHER_PAPER_KEY}#${i}`,
    name: x.name,
    required: true,
  }));
  const ready = slots.length > 0 && slots.every((s) => files[s.key]);
  return (
    <>
      <Typography.Title level={1}>
        {t('services.applicants.dossier.title')} {d.code}
      </Typography.Title>
      <Typography.Paragraph>{d.procedure.name}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('services.applicants.dossier.status')}>
          <strong>{d.statusLabel}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('services.applicants.dossier.agency')}>{d.agency.name}</Descriptions.Item>
        <Descriptions.Item label={t('services.applicants.dossier.submittedAt')}>
          {formatDateTime(d.submittedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('services.applicants.dossier.dueAt')}>
          {formatDate(d.dueAt)}
        </Descriptions.Item>
        {d.returnedAt ? (
          <Descriptions.Item label={t('services.applicants.dossier.returnedAt')}>
            {formatDate(d.returnedAt)}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button onClick={() => void download(d.code, 'receipt.pdf', `GiayTiepNhan-${d.code}.pdf`)}>
          {t('services.applicants.dossier.receipt')}
        </Button>
        {d.resultAvailable ? (
          <Button type="primary" onClick={() => void download(d.code, 'result', `KetQua-${d.code}.pdf`)}>
            {t('services.applicants.dossier.result')}
          </Button>
        ) : null}
      </Space>

      {d.openSupplement ? (
        <Card
          title={t('services.applicants.dossier.supplementTitle')}
          size="small"
          style={{ marginBottom: 16 }}
        >
          <Alert type="warning" showIcon message={d.openSupplement.reason} style={{ marginBottom: 12 }} />
          <Typography.Paragraph>{t('services.applicants.dossier.supplementIntro')}</Typography.Paragraph>
          <PaperUploads slots={slots} files={files} onChange={setFiles} problems={new Map()} />
          {supply.error ? (
            <Alert type="error" showIcon message={errorMessage(supply.error)} style={{ marginTop: 12 }} />
          ) : null}
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            disabled={!ready}
            loading={supply.isPending}
            onClick={() => supply.mutate()}
          >
            {t('services.applicants.dossier.supplementSend')}
          </Button>
        </Card>
      ) : null}

      {d.canRate ? (
        <Card title={t('services.applicants.dossier.rateTitle')} size="small" style={{ marginBottom: 16 }}>
          <Form layout="vertical" onFinish={() => rate.mutate()}>
            <Form.Item label={t('services.applicants.dossier.rateLabel')} required>
              <Rate
                value={rating}
                onChange={setRating}
                aria-label={t('services.applicants.dossier.rateLabel')}
              />
            </Form.Item>
            <Form.Item label={t('services.applicants.dossier.comment')} htmlFor="nhan-xet">
              <Input.TextArea
                id="nhan-xet"
                rows={2}
                maxLength={1000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </Form.Item>
            {rate.error ? (
              <Alert type="error" showIcon message={errorMessage(rate.error)} style={{ marginBottom: 12 }} />
            ) : null}
            <Button type="primary" htmlType="submit" disabled={rating === 0} loading={rate.isPending}>
              {t('services.applicants.dossier.rateSend')}
            </Button>
          </Form>
        </Card>
      ) : d.rating ? (
        <Alert
          type="success"
          showIcon
          message={t('services.applicants.dossier.rated', { rating: d.rating })}
          style={{ marginBottom: 16 }}
        />
      ) : null}

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('services.applicants.dossier.timeline')}
      </Typography.Title>
      <Timeline
        items={d.timeline.map((e, i) => ({
          key: `${e.at}-${i}`,
          children: (
            <>
              <Typography.Text strong>{formatDateTime(e.at)}</Typography.Text>
              {e.statusLabel ? <> — {e.statusLabel}</> : null}
              {e.note ? <div style={{ whiteSpace: 'pre-line' }}>{e.note}</div> : null}
            </>
          ),
        }))}
      />
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('services.applicants.dossier.papers')}
      </Typography.Title>
      <ul>
        {d.papers.map((p) => (
          <li key={p.id}>
            {p.fileName} ({Math.ceil(p.size / 1024)} KB)
          </li>
        ))}
      </ul>
    </>
  );
}
