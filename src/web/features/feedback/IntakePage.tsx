import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { UploadFile } from 'antd';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Radio,
  Result,
  Select,
  Space,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { IntakeInput } from '../../../shared/feedback/api.ts';
import { DECLARED_KINDS } from '../../../shared/feedback/rules.ts';
import { ApiError, errorMessage, postFile } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { createItem } from './api.ts';

interface Values {
  channel: 'desk' | 'post';
  declaredKind: IntakeInput['declaredKind'];
  senderKind: 'citizen' | 'business' | 'organisation';
  name: string;
  address?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
  subject: string;
  content: string;
  field?: string;
  remote?: boolean;
  publishConsent?: boolean;
  receivedOn?: { format: (f: string) => string };
  files?: UploadFile[];
  identifying?: string[];
}

/** Vào sổ đơn thư: a letter handed in at the reception desk or received by post, with its scan. */
export default function IntakePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<{ id: string; code: string; secret: string } | null>(null);
  const files = Form.useWatch('files', form) ?? [];
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const stored = [];
      for (const f of v.files ?? []) {
        if (!f.originFileObj) continue;
        const s = await postFile<{ sha256: string; fileName: string }>('/files', f.originFileObj);
        stored.push({
          sha256: s.sha256,
          fileName: f.name,
          identifying: (v.identifying ?? []).includes(f.uid),
        });
      }
      return createItem({
        channel: v.channel,
        declaredKind: v.declaredKind,
        senderKind: v.senderKind,
        sender: { name: v.name, address: v.address, phone: v.phone, email: v.email, idNumber: v.idNumber },
        subject: v.subject,
        content: v.content,
        field: v.field,
        remote: !!v.remote,
        publishConsent: !!v.publishConsent,
        receivedOn: v.receivedOn ? v.receivedOn.format('YYYY-MM-DD') : undefined,
        files: stored,
      });
    },
    onSuccess: (r) => {
      message.success(t('services.feedback.form.saved', { code: r.code }));
      setDone(r);
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        const map: Record<string, string> = {
          'sender.name': 'name',
          'sender.address': 'address',
          'sender.phone': 'phone',
          'sender.email': 'email',
          'sender.idNumber': 'idNumber',
        };
        const fields = e.fields
          .map((f) => {
            const path = f.path.replace(/^body\./, '');
            return { name: map[path] ?? path.split('.')[0] ?? '', errors: [f.message] };
          })
          .filter((f) => f.name);
        if (fields.length) form.setFields(fields as never);
      }
      message.error(errorMessage(e));
    },
  });
  const required = [{ required: true, whitespace: true, message: t('services.feedback.form.required') }];
  if (done)
    return (
      <>
        <PageHeader title={t('services.feedback.form.done')} />
        <Result
          status="success"
          title={t('services.feedback.form.saved', { code: done.code })}
          subTitle={t('services.feedback.form.secretNote', { secret: done.secret })}
          extra={[
            <Link key="open" to={`/phan-anh/${done.id}`}>
              <Button type="primary">{t('services.feedback.form.open')}</Button>
            </Link>,
            <Button
              key="again"
              onClick={() => {
                form.resetFields();
                setDone(null);
              }}
            >
              {t('services.feedback.form.another')}
            </Button>,
          ]}
        />
      </>
    );
  return (
    <>
      <PageHeader
        title={t('services.feedback.form.title')}
        intro={t('services.feedback.form.intro')}
        extra={
          <Link to="/phan-anh">
            <ArrowLeftOutlined aria-hidden /> {t('services.feedback.item.back')}
          </Link>
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 760 }}
        initialValues={{
          channel: 'desk',
          senderKind: 'citizen',
          declaredKind: 'regulation',
          files: [],
          identifying: [],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="channel" label={t('services.feedback.form.channel')}>
          <Radio.Group
            options={(['desk', 'post'] as const).map((c) => ({
              value: c,
              label: t(`services.feedback.channels.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="declaredKind" label={t('services.feedback.form.declaredKind')} rules={required}>
          <Select
            options={DECLARED_KINDS.map((k) => ({ value: k, label: t(`services.feedback.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('services.feedback.form.receivedOn')}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <fieldset className="lt-fieldset">
          <legend>{t('services.feedback.sender')}</legend>
          <Form.Item name="senderKind" label={t('services.feedback.form.senderKind')}>
            <Radio.Group
              options={(['citizen', 'business', 'organisation'] as const).map((k) => ({
                value: k,
                label: t(`services.feedback.senderKinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="name" label={t('services.feedback.form.name')} rules={required}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item name="address" label={t('services.feedback.form.address')}>
            <Input maxLength={300} autoComplete="off" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="phone" label={t('services.feedback.form.phone')}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
            <Form.Item name="email" label={t('services.feedback.form.email')}>
              <Input maxLength={200} type="email" autoComplete="off" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('services.feedback.form.idNumber')}>
              <Input maxLength={12} inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </Space>
          <Form.Item name="remote" valuePropName="checked">
            <Checkbox>{t('services.feedback.form.remote')}</Checkbox>
          </Form.Item>
        </fieldset>
        <Form.Item name="subject" label={t('services.feedback.form.subject')} rules={required}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="content" label={t('services.feedback.form.content')} rules={required}>
          <Input.TextArea rows={8} maxLength={20000} />
        </Form.Item>
        <Form.Item name="field" label={t('services.feedback.form.field')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="files"
          label={t('services.feedback.form.files')}
          extra={t('services.feedback.form.filesHelp')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
        >
          <Upload beforeUpload={() => false} multiple accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx">
            <Button icon={<UploadOutlined aria-hidden />}>{t('services.feedback.form.upload')}</Button>
          </Upload>
        </Form.Item>
        {files.length > 0 ? (
          <Form.Item name="identifying" label={t('services.feedback.form.identifying')}>
            <Checkbox.Group
              className="lt-stack"
              options={files.map((f) => ({ value: f.uid, label: f.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="publishConsent" valuePropName="checked">
          <Checkbox>{t('services.feedback.form.consent')}</Checkbox>
        </Form.Item>
        {save.error ? (
          <Alert type="error" showIcon message={errorMessage(save.error)} style={{ marginBottom: 16 }} />
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('services.feedback.form.save')}
        </Button>
      </Form>
    </>
  );
}
