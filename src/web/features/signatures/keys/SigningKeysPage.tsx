import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  List,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { signaturesVi } from '../../../../shared/i18n/paperless/signatures.ts';
import { listPeople } from '../../../api/people.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { fileBase64, listSigningKeys, revokeSigningKey, signingKeyKeys, uploadSigningKey } from './api.ts';

interface Values {
  ownerKind: 'person' | 'agency';
  personId?: string;
  password: string;
}

const day = (iso: string) => new Date(iso).toLocaleDateString('vi-VN');

/** The administrator's signing keys: upload a PKCS#12 for a signer or the agency, list, revoke. */
export default function SigningKeysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [p12, setP12] = useState<File | null>(null);
  const [image, setImage] = useState<File | null>(null);
  const ownerKind = Form.useWatch('ownerKind', form) ?? 'person';
  const keys = useQuery({ queryKey: signingKeyKeys.all, queryFn: listSigningKeys });
  const people = useQuery({
    queryKey: ['signing-keys', 'people'],
    queryFn: () => listPeople({ limit: 200 }),
  });
  const upload = useMutation({
    mutationFn: async (v: Values) =>
      uploadSigningKey({
        ownerKind: v.ownerKind,
        ...(v.ownerKind === 'person' && v.personId ? { personId: v.personId } : {}),
        p12Base64: p12 ? await fileBase64(p12) : '',
        password: v.password ?? '',
        ...(image ? { imageBase64: await fileBase64(image) } : {}),
      }),
    onSuccess: () => {
      message.success(t('paperless.signatures.keys.uploaded'));
      form.resetFields(['password', 'personId']);
      setP12(null);
      setImage(null);
      void qc.invalidateQueries({ queryKey: signingKeyKeys.all });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeSigningKey,
    onSuccess: () => {
      message.success(t('paperless.signatures.keys.revoked'));
      void qc.invalidateQueries({ queryKey: signingKeyKeys.all });
    },
  });
  const k = (s: keyof typeof signaturesVi.keys): string => t(`paperless.signatures.keys.${s}`);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {k('title')}
      </Typography.Title>
      <Typography.Paragraph>{k('intro')}</Typography.Paragraph>
      <Card title={k('upload')}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ ownerKind: 'person' }}
          onFinish={(v) => upload.mutate(v)}
          style={{ maxWidth: 560 }}
        >
          <Form.Item name="ownerKind" label={k('owner')}>
            <Radio.Group
              options={[
                { value: 'person', label: k('ownerPerson') },
                { value: 'agency', label: k('ownerAgency') },
              ]}
            />
          </Form.Item>
          {ownerKind === 'person' ? (
            <Form.Item
              name="personId"
              label={k('person')}
              rules={[{ required: true, message: k('required') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={people.isPending}
                options={(people.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: p.positions[0]?.title ? `${p.fullName} — ${p.positions[0].title}` : p.fullName,
                }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item label={k('file')} required htmlFor="signing-key-file">
            <input
              id="signing-key-file"
              type="file"
              accept=".p12,.pfx,application/x-pkcs12"
              aria-label={k('file')}
              onChange={(e) => setP12(e.target.files?.[0] ?? null)}
            />
          </Form.Item>
          <Form.Item name="password" label={k('password')}>
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Form.Item label={k('image')} htmlFor="signing-key-image">
            <input
              id="signing-key-image"
              type="file"
              accept="image/png"
              aria-label={k('image')}
              onChange={(e) => setImage(e.target.files?.[0] ?? null)}
            />
          </Form.Item>
          {upload.error ? <ErrorAlert error={upload.error} /> : null}
          <Button type="primary" htmlType="submit" loading={upload.isPending} disabled={!p12}>
            {k('upload')}
          </Button>
        </Form>
      </Card>
      <Card title={k('list')}>
        {keys.error ? <ErrorAlert error={keys.error} /> : null}
        {keys.data && keys.data.length === 0 ? (
          <Typography.Paragraph>{k('empty')}</Typography.Paragraph>
        ) : null}
        <List
          style={keys.data && keys.data.length === 0 ? { display: 'none' } : undefined}
          loading={keys.isPending}
          dataSource={keys.data ?? []}
          locale={{ emptyText: k('empty') }}
          renderItem={(key) => (
            <List.Item
              actions={[
                <Popconfirm key="revoke" title={k('revokeConfirm')} onConfirm={() => revoke.mutate(key.id)}>
                  <Button danger size="small">
                    {k('revoke')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>
                      {key.ownerKind === 'agency' ? k('ownerAgency') : (key.personName ?? k('ownerPerson'))}
                    </span>
                    {key.hasImage ? <Tag color="blue">{k('hasImage')}</Tag> : null}
                  </Space>
                }
                description={
                  <div style={{ wordBreak: 'break-word' }}>
                    <div>
                      {k('subject')}: {key.subject}
                    </div>
                    <div>
                      {k('issuer')}: {key.issuer}
                    </div>
                    <div>
                      {k('validity')}: {day(key.notBefore)} – {day(key.notAfter)}
                    </div>
                  </div>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
