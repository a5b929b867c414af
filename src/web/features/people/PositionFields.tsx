import { Col, Form, type FormInstance, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ROLES } from '../../../shared/roles.ts';
import { positionInput } from '../../../shared/schemas/people.ts';
import { can, useSession } from '../../api/session.ts';
import { AgencyPicker, type AgencyRef, DivisionPicker } from '../../components/AgencyPicker.tsx';
import { zodRule } from '../../lib/forms.ts';
import { roleLabel } from '../../lib/labels.ts';

/** One position as the form holds it: the request's own input (the server fills the defaults). */
export type PositionValues = z.input<typeof positionInput>;

/**
 * Agency, division inside it, role and job title of one position. `name` is the path of the
 * position in the form (e.g. ["positions", 0]) so the server's field errors land on these fields.
 */
export function PositionFields({
  form,
  name,
  initialAgency,
}: {
  form: FormInstance;
  name: (string | number)[];
  initialAgency?: AgencyRef | null;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const agencyId = Form.useWatch([...name, 'agencyId'], form) as string | undefined;
  const roles = ROLES.filter((r) => r !== 'system_admin' || can(me, 'system.manage'));
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...name, 'agencyId']}
          label={t('people.fields.agency')}
          rules={[{ required: true, message: t('validation.agency') }]}
        >
          <AgencyPicker
            agenciesOnly
            initial={initialAgency}
            onChange={() => form.setFieldValue([...name, 'divisionId'], null)}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...name, 'divisionId']}
          label={`${t('people.fields.division')} ${t('common.optional')}`}
        >
          <DivisionPicker agencyId={agencyId} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...name, 'role']}
          label={t('people.fields.role')}
          rules={[{ required: true, message: t('validation.role') }]}
        >
          <Select options={roles.map((r) => ({ value: r, label: roleLabel(r) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[...name, 'title']}
          label={t('people.fields.title')}
          rules={[zodRule(positionInput.shape.title, 'title', { optional: true })]}
        >
          <Input placeholder={t('people.fields.titlePlaceholder')} maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}
