import { Form, Input, Modal, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { RETENTION_CHOICES } from '../../../shared/schemas/dossiers.ts';

const TONE: Record<string, string> = {
  open: 'blue',
  closed: 'green',
  transferred: 'purple',
  disposed: 'default',
};

export function DossierStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={TONE[status]}>{t(`dossiers.status.${status as 'open'}`)}</Tag>;
}

export function useRetentionLabel() {
  const { t } = useTranslation();
  return (years: number | null | undefined) =>
    years == null ? t('dossiers.permanent') : t('dossiers.years', { count: years });
}

/** The retention choices; the value -1 stands for "permanent" (null) inside the Select. */
export function RetentionSelect(props: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
  'aria-label'?: string;
}) {
  const label = useRetentionLabel();
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      value={props.value === undefined ? undefined : (props.value ?? -1)}
      onChange={(v: number) => props.onChange?.(v === -1 ? null : v)}
      options={RETENTION_CHOICES.map((y) => ({ value: y ?? -1, label: label(y) }))}
      style={{ minWidth: 120 }}
    />
  );
}

export interface AdHocValues {
  title: string;
  notation: string;
  retentionYears: number | null;
}

/** Opens a dossier outside the plan (Decree 30/2020, Art. 29.2.c): title, notation, retention. */
export function OpenDossierModal({
  open,
  onCancel,
  onSubmit,
  loading,
}: {
  open: boolean;
  onCancel: () => void;
  onSubmit: (v: AdHocValues) => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AdHocValues>();
  return (
    <Modal
      open={open}
      title={t('dossiers.openTitle')}
      okText={t('dossiers.openAction')}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      confirmLoading={loading}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onSubmit} initialValues={{ retentionYears: 10 }}>
        <Form.Item
          name="title"
          label={t('dossiers.fields.title')}
          rules={[{ required: true, message: t('dossiers.required') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="notation"
          label={t('dossiers.fields.notation')}
          extra={t('dossiers.notationHint')}
          rules={[{ required: true, message: t('dossiers.required') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="retentionYears" label={t('dossiers.fields.retention')}>
          <RetentionSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
