import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Modal, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { personCreate } from '../../../shared/schemas/people.ts';
import { createPerson, type PersonView, type PersonWithPassword } from '../../api/people.ts';
import { useSession } from '../../api/session.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors, emptyToNull, zodRule } from '../../lib/forms.ts';
import { PositionFields, type PositionValues } from './PositionFields.tsx';

/** The new account as the form holds it: the request's input, the password left to the server. */
type CreateValues = Omit<z.input<typeof personCreate>, 'password'>;

/** Thêm người dùng: account and first position; the server makes a temporary password. */
export function PersonCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (r: PersonWithPassword) => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const myAgency = me.agency
    ? { id: me.agency.id, name: me.agency.name, agencyCode: me.agency.agencyCode }
    : null;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        positions: [{ agencyId: myAgency?.id, role: 'officer', title: '' } as PositionValues],
      });
    }
  }, [open, form, myAgency?.id]);

  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      createPerson({
        username: v.username.trim().toLowerCase(),
        fullName: v.fullName.trim(),
        email: emptyToNull(v.email),
        phone: emptyToNull(v.phone),
        positions: v.positions.map((p) => ({
          agencyId: p.agencyId,
          divisionId: p.divisionId ?? null,
          role: p.role,
          title: p.title?.trim() ?? '',
        })),
      }),
    onSuccess: (r) => {
      message.success(t('people.created', { username: r.person.username }));
      onCreated(r);
    },
    onError: (e) => applyFieldErrors(form, e),
  });

  const shape = personCreate.shape;
  return (
    <Modal
      open={open}
      title={t('people.add')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={720}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} />
      <Form form={form} layout="vertical" name="person" onFinish={(v) => create.mutate(v)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="fullName"
              label={t('people.fields.fullName')}
              rules={[
                { required: true, message: t('validation.fullName') },
                zodRule(shape.fullName, 'fullName'),
              ]}
              validateFirst
            >
              <Input autoComplete="off" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label={t('people.fields.username')}
              rules={[
                { required: true, message: t('validation.username') },
                zodRule(shape.username, 'username'),
              ]}
              validateFirst
            >
              <Input autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="email"
              label={`${t('people.fields.email')} ${t('common.optional')}`}
              rules={[zodRule(shape.email.unwrap().unwrap(), 'email', { optional: true })]}
            >
              <Input type="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label={`${t('people.fields.phone')} ${t('common.optional')}`}
              rules={[zodRule(shape.phone.unwrap().unwrap(), 'phone', { optional: true })]}
            >
              <Input type="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={3} className="lt-subtitle">
          {t('people.firstPosition')}
        </Typography.Title>
        <PositionFields form={form} name={['positions', 0]} initialAgency={myAgency} />
      </Form>
    </Modal>
  );
}

/** Shows a temporary password once, with a copy button; closing it forgets the password. */
export function TemporaryPasswordModal({
  result,
  onClose,
}: {
  result: { person: PersonView; temporaryPassword: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!result}
      title={t('people.tempPassword.title')}
      onCancel={onClose}
      closable={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('people.tempPassword.done')}
        </Button>
      }
      destroyOnHidden
    >
      {result ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('people.tempPassword.intro', {
              name: result.person.fullName,
              username: result.person.username,
            })}
          />
          <div className="lt-secret-block">
            <Typography.Text strong id="temp-password-label">
              {t('people.tempPassword.label')}
            </Typography.Text>
            <div className="lt-secret-row">
              <code id="temporary-password" className="lt-secret" data-testid="temporary-password">
                {result.temporaryPassword}
              </code>
              <CopyButton text={result.temporaryPassword} targetId="temporary-password" />
            </div>
          </div>
        </>
      ) : null}
    </Modal>
  );
}
