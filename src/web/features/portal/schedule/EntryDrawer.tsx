import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Col, Drawer, Form, Input, Row, Select } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSIONS, type Session, sessionOf, sessionTimeError } from '../../../../shared/portal/sessions.ts';
import { addDays, weekdayName } from '../../../../shared/schemas/portal-schedule.ts';
import { AgenciesPicker, AgencyPicker } from '../../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { usePhone } from '../../../components/ResponsiveList.tsx';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { type EntryInput, type EntryView, type PersonOption, scheduleKeys, schedulePeople } from './api.ts';

/** What the drawer opens with: an entry to edit, or a new one's day and session. */
export type EntryTarget = { entry: EntryView } | { day: string; session: Session };

interface Values {
  day: string;
  session: Session;
  start: string;
  end?: string;
  content: string;
  place?: string;
  chairId?: string | null;
  chairText?: string;
  participantIds: string[];
  participantAgencyIds: string[];
  participantsText?: string;
  preparingAgencyId?: string | null;
  preparingText?: string;
  followingIds: string[];
  followingText?: string;
  notes?: string;
  isPublic: boolean;
  changeNote?: string;
}

const DEFAULT_START: Record<Session, string> = { morning: '08:00', afternoon: '14:00', evening: '19:30' };
const dm = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

/** The office's form for one line of the schedule: prefilled day, session and time. */
export function EntryDrawer({
  open,
  target,
  scheduleId,
  weekStart,
  published,
  onClose,
  onSave,
  saving,
  error,
}: {
  open: boolean;
  target: EntryTarget | null;
  scheduleId: string;
  weekStart: string;
  published: boolean;
  onClose: () => void;
  onSave: (body: EntryInput) => Promise<unknown>;
  saving: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [form] = Form.useForm<Values>();
  const editing = target && 'entry' in target ? target.entry : null;
  const chosenAgencies = Form.useWatch('participantAgencyIds', form) ?? [];
  const people = useQuery({
    queryKey: scheduleKeys.people(scheduleId),
    queryFn: () => schedulePeople(scheduleId),
    enabled: open,
    staleTime: 300_000,
  });
  const agencyPeople = useQueries({
    queries: chosenAgencies.slice(0, 10).map((a) => ({
      queryKey: scheduleKeys.people(scheduleId, a),
      queryFn: () => schedulePeople(scheduleId, a),
      staleTime: 300_000,
    })),
  });
  const personOptions = useMemo(() => {
    const all = new Map<string, PersonOption>();
    for (const p of people.data?.items ?? []) all.set(p.id, p);
    for (const q of agencyPeople) for (const p of q.data?.items ?? []) all.set(p.id, p);
    for (const p of [
      ...(editing?.chair ? [editing.chair] : []),
      ...(editing?.participants ?? []),
      ...(editing?.following ?? []),
    ])
      if (!all.has(p.id)) all.set(p.id, { ...p, title: '', agencyName: '' });
    return [...all.values()].map((p) => ({
      value: p.id,
      label: [p.name, p.title, p.agencyName].filter(Boolean).join(' · '),
      name: p.name,
    }));
  }, [people.data, agencyPeople, editing]);

  useEffect(() => {
    if (!open || !target) return;
    form.resetFields();
    if ('entry' in target) {
      const e = target.entry;
      form.setFieldsValue({
        day: e.day,
        session: e.session,
        start: e.start,
        end: e.end ?? '',
        content: e.content,
        place: e.place,
        chairId: e.chair?.id ?? null,
        chairText: e.chairText,
        participantIds: e.participants.map((p) => p.id),
        participantAgencyIds: e.participantAgencies.map((a) => a.id),
        participantsText: e.participantsText,
        preparingAgencyId: e.preparingAgency?.id ?? null,
        preparingText: e.preparingText,
        followingIds: e.following.map((p) => p.id),
        followingText: e.followingText,
        notes: e.notes,
        isPublic: e.isPublic,
      });
    } else {
      form.setFieldsValue({
        day: target.day,
        session: target.session,
        start: DEFAULT_START[target.session],
        participantIds: [],
        participantAgencyIds: [],
        followingIds: [],
        isPublic: true,
      });
    }
  }, [open, target, form]);

  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i)).map((d) => ({
    value: d,
    label: `${weekdayName(d)} ${dm(d)}`,
  }));
  const timeRule = (which: 'start' | 'end') => ({
    validator: async () => {
      const v = form.getFieldsValue(['session', 'start', 'end']);
      const problem = sessionTimeError(v.session, (v.start ?? '').trim(), (v.end ?? '').trim() || null);
      if (!problem) return;
      const forEnd = problem.startsWith('Giờ kết thúc');
      if ((which === 'end') === forEnd) throw new Error(problem);
    },
  });

  async function submit(v: Values) {
    const body: EntryInput = {
      day: v.day,
      session: v.session,
      start: v.start.trim(),
      end: v.end?.trim() || null,
      content: v.content,
      place: v.place ?? '',
      chairId: v.chairId ?? null,
      chairText: v.chairText ?? '',
      participantIds: v.participantIds ?? [],
      participantAgencyIds: v.participantAgencyIds ?? [],
      participantsText: v.participantsText ?? '',
      preparingAgencyId: v.preparingAgencyId ?? null,
      preparingText: v.preparingText ?? '',
      followingIds: v.followingIds ?? [],
      followingText: v.followingText ?? '',
      notes: v.notes ?? '',
      isPublic: v.isPublic,
      changeNote: published ? v.changeNote?.trim() || null : null,
    };
    try {
      await onSave(body);
    } catch (e) {
      // Field problems go next to their fields; the rest is shown above the form (`error`).
      applyFieldErrors(form, e);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={phone ? '100%' : 720}
      destroyOnHidden
      title={editing ? t('portal.schedule.form.editTitle') : t('portal.schedule.form.newTitle')}
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()}>
          {t('portal.schedule.form.save')}
        </Button>
      }
    >
      <ErrorAlert error={error} />
      {published ? (
        <Alert
          type="info"
          showIcon
          title={t('portal.schedule.form.changeNoteHint')}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="day" label={t('portal.schedule.form.day')} rules={[{ required: true }]}>
              <Select options={days} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="session" label={t('portal.schedule.form.session')}>
              <Select
                options={SESSIONS.map((s) => ({ value: s, label: t(`portal.schedule.sessions.${s}`) }))}
                onChange={() => void form.validateFields(['start', 'end']).catch(() => undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item
              name="start"
              label={t('portal.schedule.form.start')}
              rules={[timeRule('start')]}
              dependencies={['session']}
            >
              <Input
                inputMode="numeric"
                placeholder="08:00"
                maxLength={5}
                autoComplete="off"
                onBlur={(e) => {
                  const s = sessionOf(e.target.value.trim());
                  if (
                    s &&
                    s !== form.getFieldValue('session') &&
                    !(s === 'afternoon' && form.getFieldValue('session') === 'evening')
                  )
                    form.setFieldValue('session', s);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item
              name="end"
              label={t('portal.schedule.form.end')}
              rules={[timeRule('end')]}
              dependencies={['session', 'start']}
            >
              <Input inputMode="numeric" placeholder="10:00" maxLength={5} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <p className="lt-muted" style={{ marginTop: -8 }}>
          {t('portal.schedule.form.timeHint')}
        </p>
        <Form.Item
          name="content"
          label={t('portal.schedule.form.content')}
          rules={[{ required: true, whitespace: true, message: t('portal.schedule.form.contentRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="place" label={t('portal.schedule.form.place')}>
          <Input maxLength={500} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="chairId" label={t('portal.schedule.form.chairId')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('portal.schedule.form.searchPeople')}
                loading={people.isFetching}
                options={personOptions}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="chairText"
              label={t('portal.schedule.form.chairText')}
              extra={t('portal.schedule.form.chairTextHint')}
            >
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="participantIds" label={t('portal.schedule.form.participantIds')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('portal.schedule.form.searchPeople')}
            options={personOptions}
          />
        </Form.Item>
        <Form.Item name="participantAgencyIds" label={t('portal.schedule.form.participantAgencyIds')}>
          <AgenciesPicker
            agenciesOnly
            known={editing?.participantAgencies ?? []}
            placeholder={t('portal.schedule.form.searchAgencies')}
          />
        </Form.Item>
        <Form.Item name="participantsText" label={t('portal.schedule.form.participantsText')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="preparingAgencyId" label={t('portal.schedule.form.preparingAgencyId')}>
              <AgencyPicker
                agenciesOnly
                allowClear
                initial={editing?.preparingAgency ? { ...editing.preparingAgency, agencyCode: null } : null}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="preparingText" label={t('portal.schedule.form.preparingText')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="followingIds" label={t('portal.schedule.form.followingIds')}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('portal.schedule.form.searchPeople')}
                options={personOptions}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="followingText" label={t('portal.schedule.form.followingText')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('portal.schedule.form.notes')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="isPublic" valuePropName="checked">
          <Checkbox>{t('portal.schedule.form.isPublic')}</Checkbox>
        </Form.Item>
        {published ? (
          <Form.Item name="changeNote" label={t('portal.schedule.form.changeNote')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
