import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Descriptions, Drawer, Form, Input, Modal, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatViDate, vnDate, vnTimeOfDay } from '../../../../shared/calendar/vn-time.ts';
import { SESSIONS, type Session, sessionOf, sessionTimeError } from '../../../../shared/portal/sessions.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { usePhone } from '../../../components/ResponsiveList.tsx';
import { applyFieldErrors } from '../../../lib/forms.ts';
import { useColleagues } from '../../documents/common.tsx';
import {
  type ConflictView,
  cancelMeeting,
  checkConflicts,
  confirmInvitation,
  dismissInvitation,
  type InvitationView,
  invitationKeys,
  updateMeeting,
} from './api.ts';

interface Values {
  day: string;
  time: string;
  endTime: string;
  session: Session;
  place: string;
  content: string;
  chairText: string;
  chairId?: string;
  personIds: string[];
  notes: string;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function initialValues(i: InvitationView): Partial<Values> {
  const m = i.meeting;
  if (m)
    return {
      day: m.day,
      time: m.time,
      endTime: m.endTime ?? '',
      session: m.session,
      place: m.place,
      content: m.content,
      chairText: m.chairText,
      chairId: m.chair?.id,
      personIds: m.people.map((p) => p.id),
      notes: m.notes,
    };
  const p = i.proposal;
  return {
    day: p.day ?? '',
    time: p.time ?? '',
    endTime: p.endTime ?? '',
    session: p.session ?? (p.time ? (sessionOf(p.time) ?? undefined) : undefined),
    place: p.place,
    content: p.content || i.document.summary,
    chairText: p.chairText,
    personIds: i.assignees.map((a) => a.id),
    notes: '',
  };
}

/** "Nguyễn Văn A đã có lịch 14:00 ngày 16/12/2026: Họp …" for each conflict. */
function ConflictAlert({ conflicts }: { conflicts: ConflictView[] }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('portal.invitations.drawer.conflictTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {conflicts.map((c) => (
            <li key={`${c.personId}|${c.entryId}`}>
              {t('portal.invitations.drawer.conflictLine', {
                name: c.personName,
                when: `${vnTimeOfDay(c.startsAt)}${c.endsAt ? `–${vnTimeOfDay(c.endsAt)}` : ''} ngày ${formatViDate(vnDate(c.startsAt))}`,
                content: c.content,
              })}
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** Asks for a reason (dismissing an invitation, cancelling a meeting). */
function ReasonModal({
  open,
  title,
  okText,
  busy,
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  okText: string;
  busy: boolean;
  onOk: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('portal.invitations.drawer.close')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => onOk(v.reason)}>
        <Form.Item
          name="reason"
          label={t('portal.invitations.drawer.reason')}
          rules={[
            {
              required: true,
              min: 3,
              whitespace: true,
              message: t('portal.invitations.drawer.reasonRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The invitation opened: its document, the proposed meeting prefilled and editable, the people
 * (its assignees), conflicts as they are typed; "Đưa vào lịch" / "Bỏ qua", or for a scheduled one
 * "Lưu thay đổi" / "Hủy cuộc họp".
 */
export function MeetingDrawer({ item, onClose }: { item: InvitationView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const phone = usePhone();
  const [form] = Form.useForm<Values>();
  const colleagues = useColleagues();
  const [err, setErr] = useState<unknown>(null);
  const [asking, setAsking] = useState<'dismiss' | 'cancel' | null>(null);
  const meeting = item?.meeting ?? null;
  const editable = !meeting || meeting.status === 'active';

  useEffect(() => {
    if (!item) return;
    setErr(null);
    form.resetFields();
    form.setFieldsValue(initialValues(item));
  }, [item, form]);

  const day = Form.useWatch('day', form);
  const time = Form.useWatch('time', form);
  const endTime = Form.useWatch('endTime', form);
  const personIds = Form.useWatch('personIds', form);
  const chairId = Form.useWatch('chairId', form);
  const who = [...new Set([...(personIds ?? []), ...(chairId ? [chairId] : [])])];
  const q = {
    day: day ?? '',
    time: time ?? '',
    endTime: endTime && TIME.test(endTime) ? endTime : null,
    personIds: who,
    excludeEntryId: meeting?.id ?? null,
  };
  const conflicts = useQuery({
    queryKey: invitationKeys.conflicts(q),
    queryFn: () => checkConflicts(q),
    enabled: !!item && editable && /^\d{4}-\d{2}-\d{2}$/.test(q.day) && TIME.test(q.time) && who.length > 0,
    placeholderData: keepPreviousData,
  });

  const body = (v: Values) => ({
    day: v.day,
    session: v.session,
    time: v.time,
    endTime: v.endTime || null,
    place: v.place ?? '',
    content: v.content,
    chairText: v.chairText ?? '',
    chairId: v.chairId ?? null,
    personIds: v.personIds ?? [],
    notes: v.notes ?? '',
  });
  const done = () => {
    void qc.invalidateQueries({ queryKey: invitationKeys.all });
    onClose();
  };
  const fail = (e: unknown) => {
    setErr(null);
    if (!applyFieldErrors(form, e)) setErr(e);
  };
  const save = useMutation({
    mutationFn: async (v: Values): Promise<{ conflicts: ConflictView[]; created?: boolean }> =>
      meeting ? updateMeeting(meeting.id, body(v)) : confirmInvitation(item!.documentId, body(v)),
    onSuccess: (r) => {
      const n = r.conflicts.length;
      if (meeting) message.success(t('portal.invitations.drawer.saved'));
      else if (r.created === false) message.info(t('portal.invitations.drawer.already'));
      else if (n > 0) message.warning(t('portal.invitations.drawer.confirmedWithConflicts', { count: n }));
      else message.success(t('portal.invitations.drawer.confirmed'));
      done();
    },
    onError: fail,
  });
  const dismiss = useMutation({
    mutationFn: (reason: string) => dismissInvitation(item!.documentId, reason),
    onSuccess: () => {
      setAsking(null);
      message.success(t('portal.invitations.drawer.dismissed'));
      done();
    },
    onError: (e) => {
      setAsking(null);
      setErr(e);
    },
  });
  const cancel = useMutation({
    mutationFn: (reason: string) => cancelMeeting(meeting!.id, reason),
    onSuccess: () => {
      setAsking(null);
      message.success(t('portal.invitations.drawer.cancelledMsg'));
      done();
    },
    onError: (e) => {
      setAsking(null);
      setErr(e);
    },
  });

  const people = colleagues.data?.people ?? [];
  const options = [
    ...people.map((p) => ({ value: p.id, label: p.title ? `${p.name} — ${p.title}` : p.name })),
    // Assignees or attendees not (or no longer) among the colleagues still show by name.
    ...[...(item?.assignees ?? []), ...(meeting?.people ?? [])]
      .filter((a) => !people.some((p) => p.id === a.id))
      .map((a) => ({ value: a.id, label: a.name })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);
  const req = (field: string) => ({
    required: true,
    message: t('portal.invitations.drawer.required', { field }),
  });
  const timeRule = {
    validator: async (_: unknown, v: string) => {
      const s = form.getFieldValue('session') as Session | undefined;
      if (!v || !s) return;
      const e = sessionTimeError(s, v);
      if (e) throw new Error(e);
    },
  };
  const endRule = {
    validator: async (_: unknown, v: string) => {
      const s = form.getFieldValue('session') as Session | undefined;
      const start = form.getFieldValue('time') as string;
      if (!v || !s || !start || !TIME.test(start)) return;
      const e = sessionTimeError(s, start, v);
      if (e?.includes('kết thúc')) throw new Error(e);
    },
  };

  const title = meeting ? t('portal.invitations.drawer.editTitle') : t('portal.invitations.drawer.title');
  return (
    <Drawer
      open={!!item}
      onClose={onClose}
      width={phone ? '100%' : 680}
      destroyOnHidden
      title={title}
      // The actions stay in view below the form, however long it is.
      footer={
        item ? (
          <Space wrap>
            {editable ? (
              <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
                {meeting ? t('portal.invitations.drawer.save') : t('portal.invitations.drawer.confirm')}
              </Button>
            ) : null}
            {!meeting && item.status === 'proposed' ? (
              <Button onClick={() => setAsking('dismiss')}>{t('portal.invitations.drawer.dismiss')}</Button>
            ) : null}
            {meeting && editable ? (
              <Button danger onClick={() => setAsking('cancel')}>
                {t('portal.invitations.drawer.cancelMeeting')}
              </Button>
            ) : null}
            <Button onClick={onClose}>{t('portal.invitations.drawer.close')}</Button>
          </Space>
        ) : null
      }
    >
      {item ? (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'doc',
                label: t('portal.invitations.drawer.document'),
                children: (
                  <Space direction="vertical" size={0}>
                    <span>{item.document.summary}</span>
                    <span className="lt-muted">
                      {[
                        item.document.numberNotation,
                        item.document.issuerName,
                        item.document.arrivalNumber
                          ? t('portal.invitations.list.arrival', { n: item.document.arrivalNumber })
                          : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    <Link to={`/van-ban/${item.document.id}`}>
                      {t('portal.invitations.drawer.openDocument')}
                    </Link>
                  </Space>
                ),
              },
            ]}
          />
          {!meeting && !item.proposal.fromText ? (
            <Alert
              type="info"
              showIcon
              title={t('portal.invitations.drawer.fromSummary')}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <ErrorAlert error={err} />
          {editable ? <ConflictAlert conflicts={conflicts.data?.items ?? []} /> : null}
          <Form<Values>
            form={form}
            layout="vertical"
            disabled={!editable}
            onFinish={(v) => save.mutate(v)}
            onValuesChange={(changed: Partial<Values>) => {
              // The session follows the start time (17:00–17:59 stays afternoon unless evening is chosen).
              if (changed.time && TIME.test(changed.time)) {
                const s = sessionOf(changed.time);
                const cur = form.getFieldValue('session') as Session | undefined;
                if (s && !(cur === 'evening' && changed.time >= '17:00')) form.setFieldValue('session', s);
              }
              if (changed.time !== undefined || changed.session !== undefined)
                void form.validateFields(['time', 'endTime']).catch(() => undefined);
            }}
          >
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="day"
                  label={t('portal.invitations.drawer.day')}
                  rules={[req(t('portal.invitations.drawer.day'))]}
                >
                  <Input type="date" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="session"
                  label={t('portal.invitations.drawer.session')}
                  rules={[req(t('portal.invitations.drawer.session'))]}
                >
                  <Select
                    options={SESSIONS.map((s) => ({
                      value: s,
                      label: t(`portal.invitations.sessions.${s}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item
                  name="time"
                  label={t('portal.invitations.drawer.time')}
                  rules={[req(t('portal.invitations.drawer.time')), timeRule]}
                >
                  <Input type="time" />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item
                  name="endTime"
                  label={t('portal.invitations.drawer.endTime')}
                  rules={[endRule]}
                  dependencies={['time']}
                >
                  <Input type="time" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="place" label={t('portal.invitations.drawer.place')}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item
              name="content"
              label={t('portal.invitations.drawer.content')}
              rules={[
                req(t('portal.invitations.drawer.content')),
                {
                  min: 3,
                  message: t('portal.invitations.drawer.required', {
                    field: t('portal.invitations.drawer.content'),
                  }),
                },
              ]}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item
              name="personIds"
              label={t('portal.invitations.drawer.people')}
              extra={t('portal.invitations.drawer.peopleHelp')}
              rules={[
                {
                  required: true,
                  type: 'array',
                  min: 1,
                  message: t('portal.invitations.drawer.required', {
                    field: t('portal.invitations.drawer.people'),
                  }),
                },
              ]}
            >
              <Select
                mode="multiple"
                options={options}
                optionFilterProp="label"
                loading={colleagues.isPending}
              />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="chairText" label={t('portal.invitations.drawer.chairText')}>
                  <Input maxLength={300} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="chairId" label={t('portal.invitations.drawer.chairId')}>
                  <Select allowClear options={options} optionFilterProp="label" showSearch />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="notes" label={t('portal.invitations.drawer.notes')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Form>
          <ReasonModal
            open={asking !== null}
            title={
              asking === 'cancel'
                ? t('portal.invitations.drawer.cancelTitle')
                : t('portal.invitations.drawer.dismissTitle')
            }
            okText={
              asking === 'cancel'
                ? t('portal.invitations.drawer.cancelMeeting')
                : t('portal.invitations.drawer.dismiss')
            }
            busy={dismiss.isPending || cancel.isPending}
            onOk={(r) => (asking === 'cancel' ? cancel.mutate(r) : dismiss.mutate(r))}
            onCancel={() => setAsking(null)}
          />
        </>
      ) : null}
    </Drawer>
  );
}
