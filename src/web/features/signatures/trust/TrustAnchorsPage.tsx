import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Popconfirm, Space, Table, Tag } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrustAnchorView } from '../../../../shared/schemas/signatures-verify.ts';
import { del, errorMessage, get, post } from '../../../api/client.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { TableRegion } from '../../../components/TableRegion.tsx';
import { formatDate } from '../../../lib/format.ts';

const PATH = '/signatures/trust-anchors';
const KEY = ['signatures', 'trust-anchors'];

/** A certificate or CRL file as the API takes it: PEM as text, DER as base64. */
async function fileText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  if (head.includes('-----BEGIN')) return new TextDecoder('latin1').decode(bytes);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Chứng thư tin cậy: the CA certificates (and CRLs) signatures on arriving PDFs are checked against. */
export default function TrustAnchorsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const certId = useId();
  const crlId = useId();
  const [certFile, setCertFile] = useState<File | null>(null);
  const [crlFile, setCrlFile] = useState<File | null>(null);
  const certInput = useRef<HTMLInputElement>(null);
  const crlInput = useRef<HTMLInputElement>(null);
  const rowCrlInput = useRef<HTMLInputElement>(null);
  const [crlFor, setCrlFor] = useState<string | null>(null);
  const list = useQuery({ queryKey: KEY, queryFn: () => get<{ items: TrustAnchorView[] }>(PATH) });
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });

  const add = useMutation({
    mutationFn: async () =>
      post<{ items: TrustAnchorView[] }>(PATH, {
        certificates: certFile ? await fileText(certFile) : '',
        crl: crlFile ? await fileText(crlFile) : null,
      }),
    onSuccess: async (r) => {
      message.success(t('paperless.verify.trust.added', { count: r.items.length }));
      setCertFile(null);
      setCrlFile(null);
      if (certInput.current) certInput.current.value = '';
      if (crlInput.current) crlInput.current.value = '';
      await refresh();
    },
  });
  const setCrl = useMutation({
    mutationFn: async ({ id, file }: { id: string; file: File }) =>
      post<TrustAnchorView>(`${PATH}/${id}/crl`, { crl: await fileText(file) }),
    onSuccess: async () => {
      message.success(t('paperless.verify.trust.crlSaved'));
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`${PATH}/${id}`),
    onSuccess: async () => {
      message.success(t('paperless.verify.trust.removed'));
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  return (
    <>
      <PageHeader title={t('paperless.verify.trust.title')} intro={t('paperless.verify.trust.intro')} />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" onFinish={() => add.mutate()}>
          <Form.Item
            label={<label htmlFor={certId}>{t('paperless.verify.trust.certificates')}</label>}
            required
          >
            <input
              id={certId}
              ref={certInput}
              type="file"
              accept=".cer,.crt,.pem,.der,application/x-x509-ca-cert,application/pkix-cert"
              onChange={(e) => setCertFile(e.target.files?.[0] ?? null)}
              style={{ maxWidth: '100%' }}
            />
          </Form.Item>
          <Form.Item label={<label htmlFor={crlId}>{t('paperless.verify.trust.crl')}</label>}>
            <input
              id={crlId}
              ref={crlInput}
              type="file"
              accept=".crl,.pem,application/pkix-crl"
              onChange={(e) => setCrlFile(e.target.files?.[0] ?? null)}
              style={{ maxWidth: '100%' }}
            />
          </Form.Item>
          {add.error ? (
            <Alert
              type="error"
              showIcon
              message={errorMessage(add.error)}
              style={{ marginBottom: 16 }}
              role="alert"
            />
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            icon={<SafetyCertificateOutlined aria-hidden />}
            loading={add.isPending}
            disabled={!certFile}
          >
            {t('paperless.verify.trust.upload')}
          </Button>
        </Form>
      </Card>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <input
        ref={rowCrlInput}
        type="file"
        accept=".crl,.pem,application/pkix-crl"
        hidden
        aria-hidden
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file && crlFor) setCrl.mutate({ id: crlFor, file });
          e.target.value = '';
        }}
      />
      <Card>
        <TableRegion label={t('paperless.verify.trust.list')}>
          <Table<TrustAnchorView>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyText>{t('paperless.verify.trust.empty')}</EmptyText> }}
            columns={[
              { title: t('paperless.verify.trust.subject'), dataIndex: 'subject' },
              {
                title: t('paperless.verify.trust.notAfter'),
                dataIndex: 'notAfter',
                render: (v: string) => formatDate(v),
              },
              {
                title: t('paperless.verify.trust.crlColumn'),
                key: 'crl',
                render: (_v, a) =>
                  a.hasCrl ? (
                    <Tag color="green">
                      {a.crlNextUpdate
                        ? t('paperless.verify.trust.crlNext', { date: formatDate(a.crlNextUpdate) })
                        : 'CRL'}
                    </Tag>
                  ) : (
                    t('paperless.verify.trust.noCrl')
                  ),
              },
              {
                title: t('paperless.verify.trust.fingerprint'),
                dataIndex: 'fingerprint',
                render: (v: string) => (
                  <code
                    style={{ display: 'inline-block', maxWidth: 300, whiteSpace: 'normal', fontSize: 12 }}
                  >
                    {v.match(/.{1,16}/g)?.join(' ')}
                  </code>
                ),
              },
              {
                title: t('paperless.verify.trust.actions'),
                key: 'actions',
                render: (_v, a) => (
                  <Space wrap>
                    <Button
                      size="small"
                      onClick={() => {
                        setCrlFor(a.id);
                        rowCrlInput.current?.click();
                      }}
                    >
                      {t('paperless.verify.trust.setCrl')}
                    </Button>
                    <Popconfirm
                      title={t('paperless.verify.trust.removeConfirm', { name: a.subject })}
                      okText={t('paperless.verify.trust.remove')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutate(a.id)}
                    >
                      <Button size="small" danger>
                        {t('paperless.verify.trust.remove')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </TableRegion>
      </Card>
    </>
  );
}
