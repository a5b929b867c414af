import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionStage, StageReply } from '../../../shared/schemas/auth.ts';
import { changePasswordInput } from '../../../shared/schemas/auth.ts';
import { post } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors, zodRule } from '../../lib/forms.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * New password twice, and the current one unless it is already known (the forced change right
 * after signing in with a temporary password). Used by the sign-in step and the "Đổi mật khẩu" page.
 */
export function PasswordChangeForm({
  knownCurrent,
  onDone,
  submitLabel,
}: {
  knownCurrent?: string;
  onDone: (stage: SessionStage) => void | Promise<void>;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      post<StageReply>('/auth/password', {
        currentPassword: knownCurrent ?? v.currentPassword,
        newPassword: v.newPassword,
      }),
    onSuccess: async (r) => {
      form.resetFields();
      await onDone(r.stage);
    },
    onError: (e) => applyFieldErrors(form, e, { known: [['currentPassword'], ['newPassword']] }),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark
      onFinish={(v) => mutation.mutate(v)}
      disabled={mutation.isPending}
      name="change-password"
    >
      <ErrorAlert error={mutation.error} />
      {knownCurrent === undefined ? (
        <Form.Item
          name="currentPassword"
          label={t('auth.changePassword.current')}
          rules={[{ required: true, message: t('validation.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="newPassword"
        label={t('auth.changePassword.next')}
        rules={[
          { required: true, message: t('validation.newPassword') },
          zodRule(changePasswordInput.shape.newPassword, 'newPassword'),
        ]}
        validateFirst
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth.changePassword.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('auth.changePassword.mismatch') },
          ({ getFieldValue }) => ({
            validator: async (_r, v: string) => {
              if (v && v !== getFieldValue('newPassword')) throw new Error(t('auth.changePassword.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={mutation.isPending} block>
        {submitLabel ?? t('auth.changePassword.submit')}
      </Button>
    </Form>
  );
}
