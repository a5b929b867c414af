import {
  DownloadOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  SaveOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Steps,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { DraftFields } from '../../../shared/drafting/fields.ts';
import { COMPETENCES, KINH_GUI_TYPES } from '../../../shared/drafting/rules.ts';
import { docKeys, fileUrl, getDocument } from '../../api/documents.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { applyFieldErrors } from '../../lib/forms.ts';
import { typeLabel } from '../documents/common.tsx';
import { draftingKeys, getDraft, makeDocx, makePdf, saveDraft, uploadDocx } from './api.ts';
import { LayoutPreview } from './LayoutPreview.tsx';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Values = Omit<DraftFields, 'number' | 'date'> & { body: string };

/** "Soạn theo mẫu": the Decree 30 fields and the body → DOCX from the template → PDF (the final version). */
export default function DraftFromTemplatePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [notice, setNotice] = useState<string | null>(null);
  const watched = Form.useWatch([], form) as Partial<Values> | undefined;
  const doc = useQuery({ queryKey: docKeys.one(id), queryFn: () => getDocument(id) });
  const draft = useQuery({ queryKey: draftingKeys.draft(id), queryFn: () => getDraft(id) });

  useEffect(() => {
    if (draft.data) form.setFieldsValue({ ...draft.data.fields, body: draft.data.body });
  }, [draft.data, form]);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: docKeys.all });
    void qc.invalidateQueries({ queryKey: draftingKeys.draft(id) });
  };
  const toSave = (v: Values) => {
    const { body, ...fields } = v;
    return { fields: { ...fields, number: null, date: null, year: Number(fields.year) }, body: body ?? '' };
  };
  const save = useMutation({
    mutationFn: async () => saveDraft(id, toSave(await form.validateFields())),
    onSuccess: () => {
      setNotice(t('paperless.drafting.saved'));
      refresh();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const make = useMutation({
    mutationFn: async () => {
      await saveDraft(id, toSave(await form.validateFields()));
      return makeDocx(id);
    },
    onSuccess: (f) => {
      setNotice(t('paperless.drafting.madeDocx', { version: f.version }));
      refresh();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const pdf = useMutation({
    mutationFn: () => makePdf(id),
    onSuccess: (f) => {
      setNotice(t('paperless.drafting.madePdf', { version: f.version }));
      refresh();
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadDocx(id, file),
    onSuccess: (f) => {
      setNotice(t('paperless.drafting.uploaded', { version: f.version }));
      refresh();
    },
  });

  if (doc.isLoading || draft.isLoading) return <Loading />;
  if (doc.error || draft.error || !doc.data || !draft.data)
    return <ErrorAlert error={doc.error ?? draft.error} />;
  const d = doc.data;
  const editable = d.actions.includes('edit') && (d.status === 'draft' || d.status === 'returned');
  const main = d.files.find((f) => f.current && f.role === 'main');
  const isPdf = main?.mediaType === 'application/pdf';
  const isDocx = main?.mediaType === DOCX;
  const step = isPdf ? 2 : main ? 1 : 0;
  const kinhGui = KINH_GUI_TYPES.has(d.typeCode);
  const busy = save.isPending || make.isPending || pdf.isPending || upload.isPending;
  const error = save.error ?? make.error ?? pdf.error ?? upload.error;
  const required = { required: true, message: t('validation.required') };
  const f = (k: keyof DraftFields) =>
    t(`paperless.drafting.fields.${k}` as 'paperless.drafting.fields.place');

  return (
    <>
      <PageHeader
        title={`${t('paperless.drafting.title')}: ${typeLabel(d.typeCode)}`}
        intro={d.summary}
        extra={<Link to={`/van-ban/${id}`}>{t('paperless.drafting.back')}</Link>}
      />
      <Steps
        size="small"
        current={step}
        responsive
        style={{ marginBottom: 16 }}
        items={[
          { title: t('paperless.drafting.steps.fields') },
          { title: t('paperless.drafting.steps.docx') },
          { title: t('paperless.drafting.steps.pdf') },
        ]}
      />
      {!editable ? (
        <Alert
          type="warning"
          showIcon
          title={t('paperless.drafting.readOnly')}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" disabled={!editable || busy} scrollToFirstError>
        <Card
          title={t('paperless.drafting.sections.header')}
          className="lt-doc-card"
          style={{ marginBottom: 16 }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="parentName" label={f('parentName')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="issuerName" label={f('issuerName')} rules={[required]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="notation"
                label={f('notation')}
                rules={[required]}
                extra={t('paperless.drafting.fields.numberHint')}
              >
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={14} md={8}>
              <Form.Item name="place" label={f('place')} rules={[required]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={10} md={8}>
              <Form.Item name="year" label={f('year')} rules={[required]}>
                <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="summary" label={f('summary')} rules={[required]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card
          title={t('paperless.drafting.sections.body')}
          className="lt-doc-card"
          style={{ marginBottom: 16 }}
        >
          <Form.Item name="body" label={t('paperless.drafting.fields.body')}>
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 30 }} maxLength={100_000} />
          </Form.Item>
        </Card>
        <Card
          title={t('paperless.drafting.sections.recipients')}
          className="lt-doc-card"
          style={{ marginBottom: 16 }}
        >
          <Row gutter={16}>
            {kinhGui ? (
              <Col xs={24} md={12}>
                <Form.Item
                  name="kinhGui"
                  label={f('kinhGui')}
                  extra={t('paperless.drafting.fields.listHint')}
                >
                  <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[';']} />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} md={12}>
              <Form.Item name="noiNhan" label={f('noiNhan')} extra={t('paperless.drafting.fields.listHint')}>
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[';']} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="archive" label={f('archive')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card
          title={t('paperless.drafting.sections.signature')}
          className="lt-doc-card"
          style={{ marginBottom: 16 }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="competence" label={f('competence')}>
                <Select
                  options={COMPETENCES.map((c) => ({
                    value: c,
                    label: c || t('paperless.drafting.fields.competenceNone'),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="authority" label={f('authority')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="position" label={f('position')} rules={[required]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="signerName" label={f('signerName')} rules={[required]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Form>
      <Card title={t('paperless.drafting.preview')} className="lt-doc-card" style={{ marginBottom: 16 }}>
        <LayoutPreview
          typeCode={d.typeCode}
          fields={watched ?? {}}
          body={watched?.body ?? ''}
          label={t('paperless.drafting.preview')}
        />
      </Card>
      <Card title={t('paperless.drafting.currentFile')} className="lt-doc-card" style={{ marginBottom: 16 }}>
        <div role="status" aria-live="polite">
          {busy ? <Typography.Paragraph>{t('paperless.drafting.working')}</Typography.Paragraph> : null}
          {notice && !busy ? (
            <Alert type="success" showIcon title={notice} style={{ marginBottom: 12 }} />
          ) : null}
        </div>
        <ErrorAlert error={error} />
        {main ? (
          <Typography.Paragraph>
            {isPdf ? <FilePdfOutlined aria-hidden /> : <FileWordOutlined aria-hidden />}{' '}
            <a href={fileUrl(id, main.id)} data-testid="current-file">
              {main.fileName}
            </a>{' '}
            (v{main.version})
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph>{t('paperless.drafting.noFile')}</Typography.Paragraph>
        )}
        {isPdf ? (
          <Alert type="info" showIcon title={t('paperless.drafting.isFinal')} style={{ marginBottom: 12 }} />
        ) : null}
        <Space wrap>
          <Button
            icon={<SaveOutlined aria-hidden />}
            disabled={!editable}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {t('paperless.drafting.save')}
          </Button>
          <Button
            type={step === 0 ? 'primary' : 'default'}
            icon={<FileWordOutlined aria-hidden />}
            disabled={!editable}
            loading={make.isPending}
            onClick={() => make.mutate()}
          >
            {t('paperless.drafting.makeDocx')}
          </Button>
          {isDocx && main ? (
            <Button icon={<DownloadOutlined aria-hidden />} href={fileUrl(id, main.id)}>
              {t('paperless.drafting.downloadDocx')}
            </Button>
          ) : null}
          <Upload
            accept=".docx"
            showUploadList={false}
            disabled={!editable}
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} disabled={!editable} loading={upload.isPending}>
              {t('paperless.drafting.uploadDocx')}
            </Button>
          </Upload>
          <Button
            type={step === 1 ? 'primary' : 'default'}
            icon={<FilePdfOutlined aria-hidden />}
            disabled={!editable || !isDocx}
            loading={pdf.isPending}
            onClick={() => pdf.mutate()}
          >
            {t('paperless.drafting.makePdf')}
          </Button>
        </Space>
      </Card>
    </>
  );
}
