import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Modal, Row, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_KINDS, type AgencyKind } from '../../../shared/roles.ts';
import { agencyInput } from '../../../shared/schemas/agencies.ts';
import { type AgencyView, createAgency, mergeAgency, moveAgency, updateAgency } from '../../api/agencies.ts';
import { can, useSession } from '../../api/session.ts';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors, emptyToNull, zodRule } from '../../lib/forms.ts';
import { kindLabel } from '../../lib/labels.ts';

interface AgencyFormValues {
  parentId: string | null;
  kind: AgencyKind;
  name: string;
  shortName: string;
  agencyCode?: string;
  email?: string;
  address?: string;
}

/** A sensible kind for a new unit under `parent` (communes under districts, departments under the province). */
function defaultKind(parent: AgencyView | null, systemAdmin: boolean): AgencyKind {
  if (!systemAdmin) return 'division';
  if (!parent) return 'province';
  if (parent.kind === 'province') return 'department';
  if (parent.kind === 'district') return 'commune';
  return 'division';
}

const FIELDS = [['parentId'], ['kind'], ['name'], ['shortName'], ['agencyCode'], ['email'], ['address']];

/** Create (with a parent) or edit a unit. Agency administrators may only add divisions. */
export function AgencyFormModal({
  open,
  mode,
  agency,
  parent,
  onClose,
  onSaved,
}: {
  open: boolean;
  mode: 'create' | 'edit';
  agency?: AgencyView | null;
  parent?: AgencyView | null;
  onClose: () => void;
  onSaved: (a: AgencyView) => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<AgencyFormValues>();
  const systemAdmin = can(me, 'system.manage');
  const kinds = systemAdmin ? AGENCY_KINDS : (['division'] as const);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (mode === 'edit' && agency) {
      form.setFieldsValue({
        kind: agency.kind as AgencyKind,
        name: agency.name,
        shortName: agency.shortName,
        agencyCode: agency.agencyCode ?? '',
        email: agency.email ?? '',
        address: agency.address ?? '',
      });
    } else {
      form.setFieldsValue({ parentId: parent?.id ?? null, kind: defaultKind(parent ?? null, systemAdmin) });
    }
  }, [open, mode, agency, parent, form, systemAdmin]);

  const save = useMutation({
    mutationFn: async (v: AgencyFormValues) => {
      const body = {
        kind: v.kind,
        name: v.name.trim(),
        shortName: v.shortName.trim(),
        agencyCode: emptyToNull(v.agencyCode),
        email: emptyToNull(v.email),
        address: emptyToNull(v.address),
      };
      return mode === 'edit' && agency
        ? updateAgency(agency.id, body)
        : createAgency({ ...body, parentId: v.parentId ?? null });
    },
    onSuccess: (a) => {
      message.success(mode === 'edit' ? t('agencies.updated') : t('agencies.created', { name: a.name }));
      onSaved(a);
    },
    onError: (e) => applyFieldErrors(form, e, { known: FIELDS }),
  });

  const shape = agencyInput.shape;
  return (
    <Modal
      open={open}
      title={
        mode === 'edit'
          ? `${t('agencies.edit')}: ${agency?.name ?? ''}`
          : parent
            ? `${t('agencies.addChild')}: ${parent.name}`
            : t('agencies.add')
      }
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" name="agency" onFinish={(v) => save.mutate(v)}>
        {mode === 'create' ? (
          <Form.Item name="parentId" label={t('agencies.fields.parent')}>
            <AgencyPicker
              initial={parent ?? null}
              allowClear={systemAdmin}
              placeholder={t('agencies.fields.parentNone')}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="kind"
          label={t('agencies.fields.kind')}
          rules={[{ required: true, message: t('validation.kind') }]}
        >
          <Select options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('agencies.fields.name')}
          rules={[{ required: true, message: t('validation.agencyName') }, zodRule(shape.name, 'agencyName')]}
          validateFirst
        >
          <Input maxLength={300} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="shortName"
              label={t('agencies.fields.shortName')}
              rules={[
                { required: true, message: t('validation.shortName') },
                zodRule(shape.shortName, 'shortName'),
              ]}
              validateFirst
            >
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="agencyCode"
              label={t('agencies.fields.agencyCode')}
              extra={t('agencies.fields.agencyCodeHelp')}
              rules={[zodRule(shape.agencyCode.unwrap(), 'agencyCode', { optional: true })]}
            >
              <Input placeholder="000.00.14.H62" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="email"
          label={`${t('agencies.fields.email')} ${t('common.optional')}`}
          rules={[zodRule(shape.email.unwrap().unwrap(), 'email', { optional: true })]}
        >
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="address"
          label={`${t('agencies.fields.address')} ${t('common.optional')}`}
          rules={[{ max: 500, message: t('validation.address') }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MoveAgencyModal({
  agency,
  onClose,
  onDone,
}: {
  agency: AgencyView | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: string }>();
  const move = useMutation({
    mutationFn: (v: { parentId: string }) => moveAgency(agency!.id, v.parentId),
    onSuccess: () => {
      message.success(t('agencies.moved'));
      onDone();
    },
  });
  return (
    <Modal
      open={!!agency}
      title={t('agencies.moveTitle', { name: agency?.name ?? '' })}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={move.error} />
      <Form form={form} layout="vertical" name="move" onFinish={(v) => move.mutate(v)}>
        <Form.Item
          name="parentId"
          label={t('agencies.moveNewParent')}
          rules={[{ required: true, message: t('validation.target') }]}
        >
          <AgencyPicker exclude={agency ? [agency.id] : []} agenciesOnly={agency?.kind !== 'division'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Merging needs an explicit confirmation that says what happens, and that history is kept. */
export function MergeAgencyModal({
  agency,
  onClose,
  onDone,
}: {
  agency: AgencyView | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ targetId: string }>();
  const merge = useMutation({
    mutationFn: (v: { targetId: string }) => mergeAgency(agency!.id, v.targetId),
    onSuccess: (r) => {
      message.success(
        t('agencies.merged', { source: r.source.name, target: r.target.name, children: r.movedChildren }),
      );
      onDone();
    },
  });
  return (
    <Modal
      open={!!agency}
      title={t('agencies.mergeTitle', { name: agency?.name ?? '' })}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button danger type="primary" loading={merge.isPending} onClick={() => form.submit()}>
            {t('agencies.mergeConfirm')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title={t('agencies.mergeExplain', { name: agency?.name ?? '' })}
        style={{ marginBottom: 16 }}
      />
      <ErrorAlert error={merge.error} />
      <Form form={form} layout="vertical" name="merge" onFinish={(v) => merge.mutate(v)}>
        <Form.Item
          name="targetId"
          label={t('agencies.mergeTarget')}
          rules={[{ required: true, message: t('validation.target') }]}
        >
          <AgencyPicker
            exclude={agency ? [agency.id] : []}
            parentId={agency?.kind === 'division' ? agency.parentId : undefined}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
