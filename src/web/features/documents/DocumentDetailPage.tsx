import { EditOutlined, FileOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { DocumentStatus, IncomingStatus } from '../../../shared/documents/workflow.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import {
  type DocumentView,
  docKeys,
  documentAction,
  fileUrl,
  getDocument,
  slipUrl,
} from '../../api/documents.ts';
import { useSession } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { AddToDossierButton } from '../dossiers/AddToDossier.tsx';
import { FromTemplateButton } from '../drafting/FromTemplateButton.tsx';
import { EdxmlExportButton, ReleaseRoutes } from '../exchange/DocumentExchange.tsx';
import { CopyDialog } from '../legal/copies/CopyDialog.tsx';
import { DocumentCopies } from '../legal/copies/CopyRecipients.tsx';
import { MailReplies } from '../mail/MailReplies.tsx';
import { OcrDownload } from '../ocr/OcrDownload.tsx';
import { InvitationPanel } from '../portal/invitations/InvitationPanel.tsx';
import { NotDigitallySigned } from '../signatures/NotDigitallySigned.tsx';
import { SignatureBadge } from '../signatures/SignatureBadge.tsx';
import { ACTION_BUTTONS, ActionDialog, type DialogAction, isDialogAction } from './ActionDialog.tsx';
import {
  actionLabel,
  assignmentRoleLabel,
  assignmentStatusLabel,
  channelLabel,
  eventLabel,
  LinkButton,
  Stamps,
  StatusTag,
  secrecyLabel,
  ToneTag,
  typeLabel,
  urgencyLabel,
} from './common.tsx';

const REPLY_STATUSES: readonly DocumentStatus[] = [
  'assigned',
  'registered',
  'submitted',
  'done',
] satisfies IncomingStatus[];

function sizeText(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** An original the office may copy (sao y, sao lục, trích sao): never a secret one (the server says so too). */
function copyable(doc: DocumentView): boolean {
  if (doc.secrecy !== 'normal') return false;
  return doc.direction === 'outgoing'
    ? doc.status === 'released'
    : !['pending', 'refused', 'cancelled'].includes(doc.status);
}

function Actions({ doc }: { doc: DocumentView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const me = useSession();
  const [open, setOpen] = useState<DialogAction | null>(null);
  const release = useMutation({
    mutationFn: (o: boolean | { paperForSecret: boolean; paperForUnknown: boolean }) =>
      documentAction<{ numberNotation: string }>(
        doc.id,
        'release',
        typeof o === 'boolean' ? { paperForSecret: o } : o,
      ),
    onSuccess: (r) => {
      message.success(t('documents.done.released', { number: r.numberNotation }));
      void qc.invalidateQueries({ queryKey: docKeys.all });
    },
    onError: (e, o) => {
      // Recipients whose agency code no system serves: the clerk decides (paper), nothing is dropped.
      if (e instanceof ApiError && Array.isArray(e.body.unknownCodes))
        modal.confirm({
          title: t('exchange.unknownTitle'),
          content: t('exchange.unknownBody', { detail: e.detail }),
          okText: t('exchange.paperConfirm'),
          cancelText: t('common.cancel'),
          onOk: () => release.mutate({ paperForSecret: o === true, paperForUnknown: true }),
        });
      else message.error(errorMessage(e));
    },
  });
  // Drafting a reply is not a step of this document's workflow (it starts a new draft): offered on the
  // incoming documents being or having been handled, to whoever may draft but the clerk.
  const canReply =
    doc.direction === 'incoming' && REPLY_STATUSES.includes(doc.status) && me.position?.role !== 'clerk';
  const buttons = doc.actions.filter((a) => ACTION_BUTTONS[a].kind !== 'print');
  return (
    <Card
      title={<h2 className="lt-card-title">{t('documents.detail.actionsTitle')}</h2>}
      className="lt-doc-actions"
    >
      <Space wrap>
        {buttons.map((a) =>
          ACTION_BUTTONS[a].kind === 'release' ? (
            <Button
              key={a}
              type="primary"
              loading={release.isPending}
              onClick={() => {
                if (doc.secrecy !== 'normal')
                  modal.confirm({
                    title: t('documents.releaseSecretTitle'),
                    content: t('documents.releaseSecretBody'),
                    okText: t('documents.paperConfirm'),
                    cancelText: t('common.cancel'),
                    onOk: () => release.mutate(true),
                  });
                else release.mutate(false);
              }}
            >
              {actionLabel(a)}
            </Button>
          ) : isDialogAction(a) ? (
            <Button
              key={a}
              type={ACTION_BUTTONS[a].primary ? 'primary' : 'default'}
              danger={ACTION_BUTTONS[a].danger}
              icon={a === 'edit' ? <EditOutlined aria-hidden /> : undefined}
              onClick={() => setOpen(a)}
            >
              {actionLabel(a)}
            </Button>
          ) : null,
        )}
        {canReply ? (
          <LinkButton type="default" to={`/van-ban/di/soan?traLoi=${doc.id}`}>
            {t('documents.replyDraft')}
          </LinkButton>
        ) : null}
        <EdxmlExportButton doc={doc} />
        {doc.actions.includes('print') ? (
          <Button href={slipUrl(doc.id)} target="_blank" icon={<PrinterOutlined aria-hidden />}>
            {actionLabel('print')}
          </Button>
        ) : null}
        {me.permissions.includes('dossiers') ? <AddToDossierButton documentId={doc.id} /> : null}
        {copyable(doc) ? <CopyDialog documentId={doc.id} /> : null}
      </Space>
      {buttons.length === 0 && !canReply ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('documents.detail.noActions')}
        </Typography.Paragraph>
      ) : null}
      {open ? <ActionDialog doc={doc} action={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

/** One document: its Decree 30 particulars, files, history, assignments, recipients and what to do next. */
export default function DocumentDetailPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: docKeys.one(id), queryFn: () => getDocument(id) });
  if (q.isPending) return <Loading />;
  if (q.error || !q.data)
    return (
      <>
        <PageHeader title={t('documents.detail.metadata')} />
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const d = q.data;
  const incoming = d.direction === 'incoming';
  const title = `${typeLabel(d.typeCode)}${d.numberNotation ? ` ${d.numberNotation}` : ''}`;
  const meta = [
    incoming && d.arrivalNumber
      ? {
          key: 'arrival',
          label: t('documents.columns.arrival'),
          children: <strong data-testid="doc-arrival">{d.arrivalNumber}</strong>,
        }
      : null,
    { key: 'number', label: t('documents.fields.numberNotation'), children: d.numberNotation ?? '—' },
    { key: 'type', label: t('documents.fields.type'), children: typeLabel(d.typeCode) },
    { key: 'date', label: t('documents.fields.issuedDate'), children: formatDate(d.issuedDate) },
    { key: 'issuer', label: t('documents.fields.issuer'), children: d.issuerName ?? '—' },
    { key: 'summary', label: t('documents.fields.summary'), children: d.summary, span: 2 },
    {
      key: 'signer',
      label: t('documents.fields.signerName'),
      children: [d.signerName, d.signerTitle].filter(Boolean).join(' — ') || '—',
    },
    { key: 'secrecy', label: t('documents.fields.secrecy'), children: secrecyLabel(d.secrecy) },
    { key: 'urgency', label: t('documents.fields.urgency'), children: urgencyLabel(d.urgency) },
    { key: 'pages', label: t('documents.fields.pageCount'), children: d.pageCount ?? '—' },
    { key: 'due', label: t('documents.fields.dueDate'), children: formatDate(d.dueDate) },
    { key: 'status', label: t('documents.columns.status'), children: <StatusTag status={d.status} /> },
    { key: 'holder', label: t('documents.columns.holder'), children: d.holder?.name ?? '—' },
    d.directionNote
      ? { key: 'direction', label: t('documents.detail.directionNote'), children: d.directionNote, span: 2 }
      : null,
    d.refusalReason
      ? { key: 'refusal', label: t('documents.detail.refusalReason'), children: d.refusalReason, span: 2 }
      : null,
    d.replyToId
      ? {
          key: 'reply',
          label: t('documents.fields.replyTo'),
          children: <Link to={`/van-ban/${d.replyToId}`}>{t('documents.openDocument')}</Link>,
        }
      : null,
  ].filter((x): x is NonNullable<typeof x> => !!x);

  return (
    <>
      <PageHeader
        title={title}
        intro={
          <>
            <Tag>{t(`documents.directions.${d.direction === 'incoming' ? 'incoming' : 'outgoing'}`)}</Tag>
            <StatusTag status={d.status} />
            <NotDigitallySigned doc={d} />
            <Stamps secrecy={d.secrecy} urgency={d.urgency} /> {d.summary}
          </>
        }
        extra={
          <>
            {d.actions.includes('edit') && (d.status === 'draft' || d.status === 'returned') ? (
              <FromTemplateButton documentId={d.id} />
            ) : null}{' '}
            <Link to={incoming ? '/van-ban/den' : '/van-ban/di'}>{t('documents.back')}</Link>
          </>
        }
      />
      <Actions doc={d} />
      <InvitationPanel documentId={d.id} typeCode={d.typeCode} direction={d.direction} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card
            title={<h2 className="lt-card-title">{t('documents.detail.metadata')}</h2>}
            className="lt-doc-card"
          >
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered items={meta} />
          </Card>
          <Card
            title={<h2 className="lt-card-title">{t('documents.detail.files')}</h2>}
            className="lt-doc-card"
          >
            {d.files.length ? (
              <List
                dataSource={d.files}
                renderItem={(f) => (
                  <List.Item>
                    <a
                      href={fileUrl(d.id, f.id)}
                      className="lt-file-link"
                      aria-label={t('documents.detail.download', { name: f.fileName })}
                    >
                      <FileOutlined aria-hidden /> {f.fileName}
                    </a>
                    <span className="lt-muted">
                      {' '}
                      · {sizeText(f.size)} · {t('documents.detail.version', { version: f.version })}
                      {f.current ? '' : ` · ${t('documents.detail.oldVersion')}`}
                      {f.role === 'result' ? ` · ${t('documents.fields.resultFiles')}` : ''}
                    </span>{' '}
                    <SignatureBadge signature={f.signature} fileName={f.fileName} />
                    {/* A scan (an image, or a PDF no one signed) may have a searchable copy made by OCR. */}
                    {f.mediaType.startsWith('image/') ||
                    (f.mediaType === 'application/pdf' && (!f.signature || f.signature.status === 'none')) ? (
                      <OcrDownload sha256={f.sha256} />
                    ) : null}
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.detail.noFiles')} />
            )}
          </Card>
          {incoming ? (
            <Card
              title={<h2 className="lt-card-title">{t('documents.detail.assignments')}</h2>}
              className="lt-doc-card"
            >
              {d.assignments.length ? (
                <List
                  dataSource={d.assignments}
                  renderItem={(a) => (
                    <List.Item>
                      <Space wrap>
                        <ToneTag tone={a.role === 'lead' ? 'blue' : 'grey'}>
                          {assignmentRoleLabel(a.role)}
                        </ToneTag>
                        <span>{[a.divisionName, a.personName].filter(Boolean).join(' — ')}</span>
                        <Tag>{assignmentStatusLabel(a.status)}</Tag>
                        {a.dueDate ? (
                          <span className="lt-muted">
                            {t('documents.fields.dueDate')}: {formatDate(a.dueDate)}
                          </span>
                        ) : null}
                      </Space>
                    </List.Item>
                  )}
                />
              ) : (
                <Typography.Text type="secondary">{t('documents.detail.noAssignments')}</Typography.Text>
              )}
            </Card>
          ) : (
            <>
              <Card
                title={<h2 className="lt-card-title">{t('documents.detail.recipients')}</h2>}
                className="lt-doc-card"
              >
                {d.recipients.length ? (
                  <ul className="lt-doc-recipients">
                    {d.recipients.map((r, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: recipients have no id; the list is fixed
                      <li key={i}>
                        {r.name}
                        {r.agencyCode ? <span className="lt-muted"> [{r.agencyCode}]</span> : null}
                        {r.kind === 'outside' ? (
                          <span className="lt-muted"> ({t('documents.recipientOutside')})</span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                )}
              </Card>
              <ReleaseRoutes doc={d} />
              {d.deliveries.length ? (
                <Card
                  title={<h2 className="lt-card-title">{t('documents.detail.deliveries')}</h2>}
                  className="lt-doc-card"
                >
                  <TableRegion label={t('documents.detail.deliveries')}>
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={false}
                      scroll={{ x: 520 }}
                      dataSource={d.deliveries}
                      columns={[
                        { key: 'name', title: t('documents.detail.recipients'), dataIndex: 'recipientName' },
                        {
                          key: 'channel',
                          title: t('documents.detail.source'),
                          render: (_, x) => channelLabel(x.channel),
                        },
                        {
                          key: 'status',
                          title: t('documents.columns.status'),
                          render: (_, x) => (
                            <>
                              <StatusTag status={x.status} kind="delivery" />
                              {x.note ? <div className="lt-muted">{x.note}</div> : null}
                            </>
                          ),
                        },
                        { key: 'at', title: '', render: (_, x) => formatDateTime(x.statusAt) },
                      ]}
                    />
                  </TableRegion>
                </Card>
              ) : null}
              {d.deliveries.some((x) => x.channel === 'email') && me.permissions.includes('mail.receive') ? (
                <MailReplies documentId={d.id} />
              ) : null}
            </>
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Card
            title={<h2 className="lt-card-title">{t('documents.detail.timeline')}</h2>}
            className="lt-doc-card"
          >
            <Timeline
              items={d.events.map((e) => ({
                key: e.id,
                content: (
                  <div>
                    <strong>{eventLabel(e.kind)}</strong>
                    <div className="lt-muted">
                      {formatDateTime(e.at)}
                      {e.actorName ? ` · ${e.actorName}` : ''}
                    </div>
                    {e.note ? <div>{e.note}</div> : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <DocumentCopies documentId={d.id} />
    </>
  );
}
