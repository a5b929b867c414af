import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RULE_IMPORTANCES, RULE_OPERATORS } from '../../../../shared/schemas/indicators-approval.ts';
import { ApiError, errorMessage } from '../../../api/client.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList, usePhone } from '../../../components/ResponsiveList.tsx';
import { applyFieldErrors } from '../../../lib/forms.ts';
import {
  adminKeys,
  createRule,
  deleteRule,
  listForms,
  listRules,
  type RuleInput,
  type RuleView,
  updateRule,
} from './api.ts';

const ALL_FORMS = '__all__';

function RuleDrawer({ rule, open, onClose }: { rule: RuleView | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const phone = usePhone();
  const [form] = Form.useForm<RuleInput & { formId: string }>();
  const forms = useQuery({ queryKey: adminKeys.forms, queryFn: listForms });
  const [err, setErr] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    setErr(null);
    form.resetFields();
    if (rule) form.setFieldsValue({ ...rule, formId: rule.formId ?? ALL_FORMS });
  }, [open, rule, form]);
  const save = useMutation({
    mutationFn: (v: RuleInput & { formId: string }) => {
      const body: RuleInput = { ...v, formId: v.formId === ALL_FORMS ? null : v.formId };
      return rule ? updateRule(rule.id, body) : createRule(body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.rules });
      message.success(t('indAdmin.rules.saved'));
      onClose();
    },
    onError: (e) => {
      setErr(null);
      if (applyFieldErrors(form, e)) return;
      // An expression the server cannot read names its side: "Vế trái: Mã chỉ tiêu không tồn tại: …".
      if (e instanceof ApiError && /vế trái|left/i.test(e.detail))
        form.setFields([{ name: 'left', errors: [errorMessage(e)] }]);
      else if (e instanceof ApiError && /vế phải|right/i.test(e.detail))
        form.setFields([{ name: 'right', errors: [errorMessage(e)] }]);
      else setErr(e);
    },
  });
  const req = (field: string) => [{ required: true, message: t('indAdmin.required', { field }) }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={phone ? '100%' : 640}
      destroyOnHidden
      title={rule ? t('indAdmin.rules.editTitle') : t('indAdmin.rules.newTitle')}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t('indAdmin.save')}
        </Button>
      }
    >
      <ErrorAlert error={err} />
      <Form<RuleInput & { formId: string }>
        form={form}
        layout="vertical"
        initialValues={{ operator: '<=', importance: 'warning', formId: ALL_FORMS, active: true }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('indAdmin.rules.name')} rules={req(t('indAdmin.rules.name'))}>
          <Input maxLength={300} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="left" label={t('indAdmin.rules.left')} rules={req(t('indAdmin.rules.left'))}>
              <Input maxLength={1000} spellCheck={false} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="operator" label={t('indAdmin.rules.operator')}>
              <Select options={RULE_OPERATORS.map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="right" label={t('indAdmin.rules.right')} rules={req(t('indAdmin.rules.right'))}>
              <Input maxLength={1000} spellCheck={false} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <p className="lt-muted">{t('indAdmin.rules.exprHint')}</p>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="importance" label={t('indAdmin.rules.importance')}>
              <Select
                options={RULE_IMPORTANCES.map((o) => ({
                  value: o,
                  label: t(`indAdmin.rules.importances.${o}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="formId" label={t('indAdmin.rules.form')}>
              <Select
                loading={forms.isPending}
                options={[
                  { value: ALL_FORMS, label: t('indAdmin.rules.allForms') },
                  ...(forms.data ?? []).map((f) => ({ value: f.id, label: `${f.code} · ${f.name}` })),
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t('indAdmin.rules.active')}</Checkbox>
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** Quy tắc kiểm tra: the validation rules checked before a report is submitted. */
export default function RulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: adminKeys.rules, queryFn: listRules });
  const [editing, setEditing] = useState<RuleView | null | undefined>(undefined);
  const remove = useMutation({
    mutationFn: (id: string) => deleteRule(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.rules });
      message.success(t('indAdmin.rules.deleted'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const importance = (r: RuleView) => (
    <Tag color={r.importance === 'blocking' ? 'red' : 'gold'}>
      {t(`indAdmin.rules.importances.${r.importance}`)}
    </Tag>
  );
  const actions = (r: RuleView) => (
    <Space size={4} wrap>
      <Button
        size="small"
        icon={<EditOutlined aria-hidden />}
        aria-label={t('indAdmin.rules.editNamed', { name: r.name })}
        onClick={() => setEditing(r)}
      >
        {t('indAdmin.edit')}
      </Button>
      <Popconfirm
        title={t('indAdmin.rules.deleteConfirm', { name: r.name })}
        okText={t('indAdmin.delete')}
        cancelText={t('common.cancel')}
        onConfirm={() => remove.mutate(r.id)}
      >
        <Button
          size="small"
          danger
          icon={<DeleteOutlined aria-hidden />}
          aria-label={t('indAdmin.rules.deleteNamed', { name: r.name })}
        >
          {t('indAdmin.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
  return (
    <>
      <PageHeader
        title={t('indAdmin.rules.title')}
        intro={t('indAdmin.rules.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
            {t('indAdmin.rules.new')}
          </Button>
        }
      />
      <Card>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        <ResponsiveList<RuleView>
          label={t('indAdmin.rules.listLabel')}
          items={list.data ?? []}
          rowKey={(r) => r.id}
          loading={list.isPending}
          empty={<EmptyText>{t('indAdmin.rules.empty')}</EmptyText>}
          table={{
            size: 'small',
            scroll: { x: 'max-content' },
            columns: [
              { title: t('indAdmin.rules.name'), dataIndex: 'name', key: 'name' },
              {
                title: t('indAdmin.rules.expression'),
                key: 'e',
                render: (_v, r) => <code>{`${r.left} ${r.operator} ${r.right}`}</code>,
              },
              { title: t('indAdmin.rules.importance'), key: 'i', render: (_v, r) => importance(r) },
              {
                title: t('indAdmin.rules.form'),
                key: 'f',
                render: (_v, r) => r.formCode ?? t('indAdmin.rules.allForms'),
              },
              {
                title: t('indAdmin.rules.state'),
                key: 's',
                render: (_v, r) => (r.active ? t('indAdmin.active') : t('indAdmin.inactive')),
              },
              { title: t('indAdmin.actions'), key: 'x', render: (_v, r) => actions(r) },
            ],
          }}
          card={(r) => (
            <ListCard
              title={r.name}
              fields={[
                {
                  label: t('indAdmin.rules.expression'),
                  value: <code>{`${r.left} ${r.operator} ${r.right}`}</code>,
                },
                { label: t('indAdmin.rules.form'), value: r.formCode ?? t('indAdmin.rules.allForms') },
              ]}
              tags={
                <>
                  {importance(r)}
                  {r.active ? null : <Tag>{t('indAdmin.inactive')}</Tag>}
                </>
              }
              actions={actions(r)}
            />
          )}
        />
      </Card>
      <RuleDrawer rule={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)} />
    </>
  );
}
