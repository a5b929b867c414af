import { CopyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COPY_FORM_INFO,
  COPY_FORMS,
  COPY_GROUPS,
  type CopyForm,
  type CopyGroup,
} from '../../../../shared/legal/copies.ts';
import { agencyKeys, listAgencies } from '../../../api/agencies.ts';
import { can, useSession } from '../../../api/session.ts';
import { useDebounced } from '../../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useSystemTexts } from '../../../i18n.ts';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { type CopyView, copyKeys, makeCopy } from './api.ts';

const K = 'legal.copies.dialog';

interface Values {
  form: CopyForm;
  excerpt?: string;
  groups: CopyGroup[];
  agencyIds: string[];
}

/** Searches agencies (no divisions) as the clerk types, several at once. */
function AgenciesSelect({
  value,
  onChange,
  id,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 250);
  const [names, setNames] = useState<Record<string, string>>({});
  const query = useQuery({
    queryKey: agencyKeys.list({ q: dq, limit: 30 }),
    queryFn: ({ signal }) => listAgencies({ q: dq || undefined, limit: 30 }, signal),
    staleTime: 60_000,
  });
  const listed = (query.data?.items ?? []).filter((a) => a.kind !== 'division' && a.status === 'active');
  const options = [
    ...listed.map((a) => ({ value: a.id, label: a.name })),
    ...(value ?? [])
      .filter((v) => !listed.some((a) => a.id === v))
      .map((v) => ({ value: v, label: names[v] ?? v })),
  ];
  return (
    <Select
      id={id}
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={value}
      loading={query.isFetching}
      placeholder={t(`${K}.agenciesPlaceholder`)}
      options={options}
      onChange={(v: string[]) => {
        setNames((n) => ({ ...n, ...Object.fromEntries(listed.map((a) => [a.id, a.name])) }));
        onChange?.(v);
      }}
    />
  );
}

/**
 * "Sao văn bản": the office (legal.copy) makes a sao y, sao lục or trích sao of a legal document or of
 * a document of the system, chooses agencies and groups, and sends it; the result says the copy's
 * number, and says plainly when it went without the agency's digital signature. Nothing for
 * people without legal.copy. Mounted on the legal document page and on documents' detail page.
 */
export function CopyDialog(props: CopyDialogProps) {
  const me = useSession();
  const ready = useSystemTexts('legal');
  if (!can(me, 'legal.copy') || !ready) return null;
  return <CopyButton {...props} />;
}

export interface CopyDialogProps {
  legalDocumentId?: string;
  documentId?: string;
  /** Open at once (a link that asks for a copy of a given document). */
  defaultOpen?: boolean;
}

function CopyButton({ legalDocumentId, documentId, defaultOpen }: CopyDialogProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(!!defaultOpen);
  const [done, setDone] = useState<CopyView | null>(null);
  const [form] = Form.useForm<Values>();
  const chosenForm = Form.useWatch('form', form);
  const send = useMutation({
    mutationFn: (v: Values) =>
      makeCopy({
        legalDocumentId,
        documentId,
        form: v.form,
        excerpt: v.form === 'trich_sao' ? v.excerpt : undefined,
        groups: v.groups ?? [],
        agencyIds: v.agencyIds ?? [],
      }),
    onSuccess: (c) => {
      setDone(c);
      void qc.invalidateQueries({ queryKey: copyKeys.all });
    },
    onError: (e) => applyFieldErrors(form, e, { known: [['excerpt'], ['agencyIds'], ['form']] }),
  });
  const close = () => {
    setOpen(false);
    setDone(null);
    send.reset();
    form.resetFields();
  };
  return (
    <>
      <Button icon={<CopyOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t(`${K}.open`)}
      </Button>
      <Modal
        open={open}
        title={t(`${K}.title`)}
        onCancel={close}
        destroyOnHidden
        footer={
          done
            ? [
                <Button key="close" type="primary" onClick={close}>
                  {t(`${K}.close`)}
                </Button>,
              ]
            : [
                <Button key="cancel" onClick={close}>
                  {t(`${K}.cancel`)}
                </Button>,
                <Button key="send" type="primary" loading={send.isPending} onClick={() => form.submit()}>
                  {t(`${K}.send`)}
                </Button>,
              ]
        }
      >
        {done ? (
          <div data-testid="copy-result">
            <Typography.Paragraph>
              {t(`${K}.sent`, { number: done.numberNotation, n: done.total })}
            </Typography.Paragraph>
            <Alert
              showIcon
              type={done.signed ? 'success' : 'warning'}
              message={
                done.signed
                  ? t(`${K}.signedNotice`, { number: done.numberNotation })
                  : t(`${K}.unsignedNotice`, {
                      number: done.numberNotation,
                      form: COPY_FORM_INFO[done.form].stamp,
                    })
              }
            />
          </div>
        ) : (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ form: 'sao_y', groups: [], agencyIds: [] }}
            onFinish={(v) => send.mutate(v)}
          >
            {send.error ? <ErrorAlert error={send.error} /> : null}
            <Form.Item name="form" label={t(`${K}.form`)} extra={t(`${K}.formHelp`)}>
              <Radio.Group>
                {COPY_FORMS.map((f) => (
                  <Radio key={f} value={f}>
                    {t(`${K}.forms.${f}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            {chosenForm === 'trich_sao' ? (
              <Form.Item
                name="excerpt"
                label={t(`${K}.excerpt`)}
                extra={t(`${K}.excerptHelp`)}
                rules={[{ required: true, whitespace: true, message: t(`${K}.excerptRequired`) }]}
              >
                <Input.TextArea rows={5} maxLength={20000} />
              </Form.Item>
            ) : null}
            <Form.Item name="groups" label={t(`${K}.groups`)}>
              <Checkbox.Group options={COPY_GROUPS.map((g) => ({ value: g, label: t(`${K}.group.${g}`) }))} />
            </Form.Item>
            <Form.Item
              name="agencyIds"
              label={t(`${K}.agencies`)}
              dependencies={['groups']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: string[] | undefined) =>
                    (v?.length ?? 0) > 0 || (getFieldValue('groups') ?? []).length > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t(`${K}.recipientsRequired`))),
                }),
              ]}
            >
              <AgenciesSelect />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
