import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Radio,
  Switch,
  Upload,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { vnDayEnd } from '../../../../shared/calendar/vn-time.ts';
import { ROLES } from '../../../../shared/roles.ts';
import type { AnnouncementAudience } from '../../../../shared/schemas/portal-announcements.ts';
import { errorMessage } from '../../../api/client.ts';
import { uploadFile } from '../../../api/documents.ts';
import { useSession } from '../../../api/session.ts';
import { AgenciesPicker } from '../../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import '../../../lib/dayjs-locale.ts';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { announcementKeys, createAnnouncement } from './api.ts';

const K = 'portal.announcements';

interface Values {
  title: string;
  body: string;
  audience: AnnouncementAudience;
  agencyIds: string[];
  roles: string[];
  pinned: boolean;
  isPublic: boolean;
  expires: Dayjs | null;
}

/** Soạn thông báo: title, text, audience, pin, expiry, public switch, attachments; sent in the name of the person's agency. */
export default function ComposePage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const audience = Form.useWatch('audience', form) ?? 'all';
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [err, setErr] = useState<unknown>(null);
  useEffect(() => {
    if (audience !== 'all') form.setFieldValue('isPublic', false);
  }, [audience, form]);
  const send = useMutation({
    mutationFn: async (v: Values) => {
      const uploaded = [];
      for (const f of files) {
        if (!f.originFileObj) continue;
        const up = await uploadFile(f.originFileObj);
        uploaded.push({ sha256: up.sha256, fileName: up.fileName || f.name });
      }
      return createAnnouncement({
        title: v.title,
        body: v.body,
        audience: v.audience,
        agencyIds: v.audience === 'all' ? [] : (v.agencyIds ?? []),
        roles: v.audience === 'roles' ? ((v.roles ?? []) as never) : [],
        pinned: !!v.pinned,
        isPublic: v.audience === 'all' && !!v.isPublic,
        expiresAt: v.expires ? vnDayEnd(v.expires.format('YYYY-MM-DD')) : null,
        files: uploaded,
      });
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: announcementKeys.all });
      message.success(t(`${K}.form.sent`));
      navigate(`/thong-bao/${r.id}`);
    },
    onError: (e) => {
      setErr(null);
      if (!applyFieldErrors(form, e)) setErr(e);
      else message.error(errorMessage(e));
    },
  });
  const required = (field: string) => [
    { required: true, whitespace: true, message: t(`${K}.form.required`, { field: field.toLowerCase() }) },
  ];
  return (
    <>
      <Link to="/thong-bao" style={{ display: 'inline-block', marginBottom: 8 }}>
        ← {t(`${K}.back`)}
      </Link>
      <PageHeader
        title={t(`${K}.form.title`)}
        intro={t(`${K}.form.intro`, { agency: me.agency?.name ?? '' })}
      />
      <ErrorAlert error={err} />
      <Card style={{ maxWidth: 860 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            audience: 'all',
            agencyIds: [],
            roles: [],
            pinned: false,
            isPublic: false,
            expires: null,
          }}
          onFinish={(v) => send.mutate(v)}
        >
          <Form.Item
            name="title"
            label={t(`${K}.form.titleField`)}
            rules={required(t(`${K}.form.titleField`))}
          >
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item
            name="body"
            label={t(`${K}.form.body`)}
            extra={t(`${K}.form.bodyHelp`)}
            rules={required(t(`${K}.form.body`))}
          >
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} maxLength={20000} />
          </Form.Item>
          <Form.Item name="audience" label={t(`${K}.form.audience`)}>
            <Radio.Group
              optionType="button"
              options={(['all', 'agencies', 'roles'] as const).map((a) => ({
                value: a,
                label: t(`${K}.audiences.${a}`),
              }))}
            />
          </Form.Item>
          {audience === 'roles' ? (
            <Form.Item
              name="roles"
              label={t(`${K}.form.roles`)}
              extra={t(`${K}.form.rolesHelp`)}
              rules={[{ required: true, type: 'array', min: 1, message: t(`${K}.form.chooseRoles`) }]}
            >
              <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            </Form.Item>
          ) : null}
          {audience !== 'all' ? (
            <Form.Item
              name="agencyIds"
              label={audience === 'agencies' ? t(`${K}.form.agencies`) : t(`${K}.form.rolesAgencies`)}
              extra={t(`${K}.form.agenciesHelp`)}
              rules={
                audience === 'agencies'
                  ? [{ required: true, type: 'array', min: 1, message: t(`${K}.form.chooseAgencies`) }]
                  : []
              }
            >
              <AgenciesPicker placeholder={t(`${K}.form.agenciesPlaceholder`)} />
            </Form.Item>
          ) : null}
          <Form.Item name="expires" label={t(`${K}.form.expiresAt`)} extra={t(`${K}.form.expiresHelp`)}>
            <DatePicker
              format="DD/MM/YYYY"
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              style={{ width: '100%', maxWidth: 260 }}
            />
          </Form.Item>
          <Form.Item name="pinned" valuePropName="checked">
            <Checkbox>{t(`${K}.form.pinned`)}</Checkbox>
          </Form.Item>
          <Form.Item
            name="isPublic"
            valuePropName="checked"
            label={t(`${K}.form.isPublic`)}
            extra={audience === 'all' ? t(`${K}.form.publicHelp`) : t(`${K}.form.publicOnlyAll`)}
          >
            <Switch disabled={audience !== 'all'} />
          </Form.Item>
          <Form.Item label={t(`${K}.form.files`)}>
            <Upload
              multiple
              fileList={files}
              beforeUpload={(f) => {
                setFiles((list) => [...list, { uid: f.uid, name: f.name, originFileObj: f, status: 'done' }]);
                return false;
              }}
              onRemove={(f) => setFiles((list) => list.filter((x) => x.uid !== f.uid))}
            >
              <Button icon={<UploadOutlined aria-hidden />}>{t(`${K}.form.chooseFiles`)}</Button>
            </Upload>
          </Form.Item>
          <Alert type="info" showIcon title={t(`${K}.form.notify`)} style={{ marginBottom: 16 }} />
          <Button type="primary" htmlType="submit" loading={send.isPending}>
            {send.isPending && files.length ? t(`${K}.form.uploading`) : t(`${K}.form.send`)}
          </Button>
        </Form>
      </Card>
    </>
  );
}
