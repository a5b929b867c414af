import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATION_KINDS, type RelationKind, SUSPENDING_KINDS } from '../../../../shared/legal/relations.ts';
import { errorMessage } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatDate } from '../../../lib/format.ts';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { addRelation, type LegalDocument, legalKeys, searchLegal } from './api.ts';
import { K } from './common.tsx';

interface Values {
  kind?: RelationKind;
  targetId?: string;
  articles?: string;
  effectiveDate?: string;
  endsOn?: string;
}

/**
 * "Thêm quan hệ": this document is the source ("14/2019/QĐ-UBND thay thế …"); the other one is found
 * by number or words as the person types (the same search as the list).
 */
export function RelationDialog({
  doc,
  open,
  onClose,
}: {
  doc: LegalDocument;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [text, setText] = useState('');
  const kind = Form.useWatch('kind', form);
  const found = useQuery({
    queryKey: ['legal', 'pick', text],
    queryFn: ({ signal }) => searchLegal({ q: text || undefined }, undefined, signal, 20),
    enabled: open,
    staleTime: 30_000,
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      addRelation(doc.id, {
        kind: v.kind!,
        targetId: v.targetId!,
        articles: v.articles?.trim() || null,
        effectiveDate: v.effectiveDate || null,
        endsOn: v.endsOn || null,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: legalKeys.all });
      message.success(t(`${K}.relationDialog.saved`));
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    },
  });
  const label = RELATION_KINDS.find((k) => k.code === kind)?.verb ?? '…';
  const options = (found.data?.items ?? [])
    .filter((d) => d.id !== doc.id)
    .map((d) => ({
      value: d.id,
      label: `${d.numberNotation} — ${d.title}`,
      title: `${d.numberNotation} (${formatDate(d.issuedDate)})`,
    }));
  return (
    <Modal
      open={open}
      title={t(`${K}.relationDialog.title`)}
      okText={t(`${K}.relationDialog.save`)}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t(`${K}.relationDialog.intro`, { number: doc.numberNotation })}</p>
      <ErrorAlert error={save.error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="kind"
          label={t(`${K}.relationDialog.kind`)}
          extra={
            kind
              ? t(`${K}.relationDialog.kindHelp`, {
                  number: doc.numberNotation,
                  label: label.replace(/^Văn bản /, '').toLowerCase(),
                })
              : undefined
          }
          rules={[{ required: true, message: t(`${K}.relationDialog.chooseKind`) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={RELATION_KINDS.map((k) => ({ value: k.code, label: k.verb }))}
          />
        </Form.Item>
        <Form.Item
          name="targetId"
          label={t(`${K}.relationDialog.target`)}
          rules={[{ required: true, message: t(`${K}.relationDialog.chooseTarget`) }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setText }}
            placeholder={t(`${K}.relationDialog.targetPlaceholder`)}
            loading={found.isFetching}
            options={options}
            notFoundContent={found.isFetching ? t('shell.loading') : t(`${K}.emptyFiltered`)}
          />
        </Form.Item>
        <Form.Item name="articles" label={t(`${K}.relationDialog.articles`)}>
          <Input maxLength={1000} placeholder="Điều 5; khoản 2 Điều 7" />
        </Form.Item>
        <Form.Item
          name="effectiveDate"
          label={t(`${K}.relationDialog.effectiveDate`)}
          extra={t(`${K}.relationDialog.effectiveHelp`)}
        >
          <Input type="date" />
        </Form.Item>
        {kind && SUSPENDING_KINDS.includes(kind) ? (
          <Form.Item name="endsOn" label={t(`${K}.relationDialog.endsOn`)}>
            <Input type="date" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
