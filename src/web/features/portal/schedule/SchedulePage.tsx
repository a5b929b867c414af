import {
  CopyOutlined,
  DeleteOutlined,
  EditOutlined,
  FilePdfOutlined,
  HistoryOutlined,
  LeftOutlined,
  PlusOutlined,
  PrinterOutlined,
  RightOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Input, List, Modal, Popconfirm, Select, Space, Tabs, Tag } from 'antd';
import { Fragment, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Session } from '../../../../shared/portal/sessions.ts';
import { addDays, viTimeDate, weekdayName } from '../../../../shared/schemas/portal-schedule.ts';
import { ApiError } from '../../../api/client.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePhone } from '../../../components/ResponsiveList.tsx';
import {
  cancelEntry,
  copyPrevious,
  createEntry,
  createOwnSchedule,
  deleteEntry,
  type EntryInput,
  type EntryView,
  getVersion,
  getWeek,
  listSchedules,
  listVersions,
  type MyEntryView,
  myWeek,
  pdfUrl,
  publishWeek,
  scheduleKeys,
  updateEntry,
  type WeekView,
} from './api.ts';
import { EntryDrawer, type EntryTarget } from './EntryDrawer.tsx';
import './schedule.css';

const dm = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

function useT() {
  const { t } = useTranslation();
  return (key: string, o?: Record<string, unknown>) =>
    t(`portal.schedule.${key}` as never, o as never) as unknown as string;
}

/** ‹ Tuần trước · Tuần này · Tuần sau › */
function WeekNav({
  prev,
  current,
  next,
  isCurrent,
  onGo,
}: {
  prev: string;
  current: string;
  next: string;
  isCurrent: boolean;
  onGo: (key: string) => void;
}) {
  const s = useT();
  return (
    <nav aria-label={s('nav.label')} className="lt-sched-nav lt-no-print">
      <Space wrap size={4}>
        <Button icon={<LeftOutlined aria-hidden />} onClick={() => onGo(prev)}>
          {s('nav.previous')}
        </Button>
        <Button
          onClick={() => onGo(current)}
          disabled={isCurrent}
          aria-current={isCurrent ? 'date' : undefined}
        >
          {s('nav.current')}
        </Button>
        <Button onClick={() => onGo(next)}>
          {s('nav.next')} <RightOutlined aria-hidden />
        </Button>
      </Space>
    </nav>
  );
}

function timeText(e: EntryView, s: ReturnType<typeof useT>) {
  return `${s(`sessions.${e.session}`)} ${e.start}${e.end ? `–${e.end}` : ''}`;
}
function participantsOf(e: EntryView) {
  return e.participantsText || [...e.participants, ...e.participantAgencies].map((x) => x.name).join('; ');
}
function chairOf(e: EntryView) {
  return e.chairText || e.chair?.name || '';
}
function preparingOf(e: EntryView) {
  return e.preparingText || e.preparingAgency?.name || '';
}

function Content({ e }: { e: EntryView }) {
  const s = useT();
  const cancelled = e.status === 'cancelled';
  return (
    <>
      {cancelled ? <s className="lt-sched-struck">{e.content}</s> : e.content}
      {cancelled ? (
        <>
          {' '}
          <Tag color="red">{s('cancelled')}</Tag>
        </>
      ) : null}
      {!e.isPublic ? (
        <>
          {' '}
          <Tag>{s('notPublic')}</Tag>
        </>
      ) : null}
    </>
  );
}

function Notes({ e }: { e: EntryView }) {
  const s = useT();
  const following = e.followingText || e.following.map((p) => p.name).join(', ');
  return (
    <>
      {e.notes}
      {e.notes && following ? <br /> : null}
      {following ? s('following', { who: following }) : null}
    </>
  );
}

interface RowActions {
  edit?: (e: EntryView) => void;
  cancel?: (e: EntryView) => void;
  remove?: (e: EntryView) => void;
}

function Actions({ e, a }: { e: EntryView; a: RowActions }) {
  const s = useT();
  if (e.status === 'cancelled') return null;
  return (
    <Space size={4} wrap className="lt-no-print">
      {a.edit ? (
        <Button
          size="small"
          icon={<EditOutlined aria-hidden />}
          onClick={() => a.edit!(e)}
          title={s('actions.editNamed', { content: e.content })}
        >
          {s('actions.edit')}
        </Button>
      ) : null}
      {a.cancel ? (
        <Button
          size="small"
          danger
          icon={<StopOutlined aria-hidden />}
          onClick={() => a.cancel!(e)}
          title={s('actions.cancelNamed', { content: e.content })}
        >
          {s('actions.cancel')}
        </Button>
      ) : null}
      {a.remove ? (
        <Popconfirm
          title={s('actions.removeConfirm', { content: e.content })}
          okText={s('actions.remove')}
          onConfirm={() => a.remove!(e)}
        >
          <Button
            size="small"
            danger
            icon={<DeleteOutlined aria-hidden />}
            title={s('actions.removeNamed', { content: e.content })}
          >
            {s('actions.remove')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}

/** A table that may scroll sideways: a named region keyboard users can reach and scroll (WCAG 2.1.1). */
function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.tabIndex = 0;
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', label);
  }, [label]);
  return (
    <div ref={ref} className="lt-sched-table-wrap">
      {children}
    </div>
  );
}

/** The week as the paper schedule lays it out: a row per line, the day cell spanning its lines. */
function WeekTable({
  entries,
  caption,
  actions,
}: {
  entries: EntryView[];
  caption: string;
  actions?: RowActions;
}) {
  const s = useT();
  const days = groupByDay(entries);
  const withActions = !!actions && Object.keys(actions).length > 0;
  return (
    <ScrollRegion label={caption}>
      <table className="lt-sched-table">
        <caption className="lt-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{s('columns.day')}</th>
            <th scope="col">{s('columns.time')}</th>
            <th scope="col">{s('columns.content')}</th>
            <th scope="col">{s('columns.chair')}</th>
            <th scope="col">{s('columns.participants')}</th>
            <th scope="col">{s('columns.place')}</th>
            <th scope="col">{s('columns.preparing')}</th>
            <th scope="col">{s('columns.notes')}</th>
            {withActions ? (
              <th scope="col" className="lt-no-print">
                {s('columns.actions')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {days.map(([day, list]) =>
            list.map((e, i) => (
              <tr key={e.id} className={e.status === 'cancelled' ? 'lt-sched-cancelled' : undefined}>
                {i === 0 ? (
                  <th scope="rowgroup" rowSpan={list.length} className="lt-sched-day">
                    {weekdayName(day)}
                    <br />
                    {dm(day)}
                  </th>
                ) : null}
                <td className="lt-sched-time">{timeText(e, s)}</td>
                <td>
                  <Content e={e} />
                </td>
                <td>{chairOf(e)}</td>
                <td>{participantsOf(e)}</td>
                <td>{e.place}</td>
                <td>{preparingOf(e)}</td>
                <td>
                  <Notes e={e} />
                </td>
                {withActions ? (
                  <td className="lt-no-print">
                    <Actions e={e} a={actions!} />
                  </td>
                ) : null}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function groupByDay<T extends EntryView>(entries: T[]): [string, T[]][] {
  const days = new Map<string, T[]>();
  for (const e of entries) days.set(e.day, [...(days.get(e.day) ?? []), e]);
  return [...days];
}

/** The same week on a phone: a heading per day, a card per line. */
function WeekCards({
  entries,
  actions,
  extra,
}: {
  entries: EntryView[];
  actions?: RowActions;
  extra?: (e: EntryView) => ReactNode;
}) {
  const s = useT();
  return (
    <div className="lt-sched-cards">
      {groupByDay(entries).map(([day, list]) => (
        <section key={day} aria-labelledby={`d-${day}`}>
          <h3 id={`d-${day}`} className="lt-sched-card-day">
            {weekdayName(day)} {dm(day)}
          </h3>
          <ul className="lt-card-list">
            {list.map((e) => (
              <li
                key={e.id}
                className={`lt-card-item${e.status === 'cancelled' ? ' lt-sched-cancelled' : ''}`}
              >
                <div className="lt-item-overline">{timeText(e, s)}</div>
                <div className="lt-item-title">
                  <Content e={e} />
                </div>
                <dl className="lt-item-fields">
                  {(
                    [
                      ['chair', chairOf(e)],
                      ['participants', participantsOf(e)],
                      ['place', e.place],
                      ['preparing', preparingOf(e)],
                      ['notes', e.notes],
                    ] as const
                  )
                    .filter(([, v]) => v)
                    .map(([k, v]) => (
                      <div key={k} className="lt-item-field">
                        <dt>{s(`columns.${k}`)}</dt>
                        <dd>{v}</dd>
                      </div>
                    ))}
                </dl>
                {extra?.(e)}
                {actions ? (
                  <div className="lt-item-actions">
                    <Actions e={e} a={actions} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function HistoryDrawer({ week, open, onClose }: { week: WeekView; open: boolean; onClose: () => void }) {
  const s = useT();
  const phone = usePhone();
  const [revision, setRevision] = useState<number | null>(null);
  const list = useQuery({
    queryKey: scheduleKeys.versions(week.id ?? ''),
    queryFn: () => listVersions(week.id!),
    enabled: open && !!week.id,
  });
  const version = useQuery({
    queryKey: scheduleKeys.version(week.id ?? '', revision ?? -1),
    queryFn: () => getVersion(week.id!, revision!),
    enabled: open && revision !== null,
  });
  useEffect(() => {
    if (!open) setRevision(null);
  }, [open]);
  const name = (n: number) => (n === 0 ? s('history.first') : s('history.adjustment', { n }));
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={phone ? '100%' : 960}
      title={s('history.title')}
      destroyOnHidden
    >
      <ErrorAlert error={list.error ?? version.error} />
      {revision === null ? (
        <List
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          renderItem={(v) => (
            <List.Item
              actions={[
                <Button
                  key="v"
                  size="small"
                  onClick={() => setRevision(v.revision)}
                  title={s('history.viewNamed', { name: name(v.revision) })}
                >
                  {s('history.view')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={name(v.revision)}
                description={
                  <>
                    {s('history.by', { at: viTimeDate(v.publishedAt), who: v.publishedBy ?? '' })}
                    <br />
                    {v.changeNote ?? s('history.noNote')}
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <>
          <Button
            onClick={() => setRevision(null)}
            icon={<LeftOutlined aria-hidden />}
            style={{ marginBottom: 12 }}
          >
            {s('history.back')}
          </Button>
          <h3>
            {name(revision)} · {version.data ? viTimeDate(version.data.publishedAt) : ''}
          </h3>
          {version.data ? (
            phone ? (
              <WeekCards entries={version.data.entries} />
            ) : (
              <WeekTable entries={version.data.entries} caption={`${week.title} · ${name(revision)}`} />
            )
          ) : (
            <Loading />
          )}
        </>
      )}
    </Drawer>
  );
}

function CancelDialog({
  entry,
  onClose,
  onConfirm,
  busy,
}: {
  entry: EntryView | null;
  onClose: () => void;
  onConfirm: (note: string) => void;
  busy: boolean;
}) {
  const s = useT();
  const [note, setNote] = useState('');
  const entryId = entry?.id;
  useEffect(() => {
    if (entryId) setNote('');
  }, [entryId]);
  return (
    <Modal
      open={!!entry}
      title={s('cancelDialog.title')}
      onCancel={onClose}
      onOk={() => onConfirm(note)}
      okText={s('cancelDialog.ok')}
      okButtonProps={{ danger: true, loading: busy }}
      destroyOnHidden
    >
      <p>{s('cancelDialog.intro', { content: entry?.content ?? '' })}</p>
      <label htmlFor="lt-cancel-note">{s('form.changeNote')}</label>
      <Input.TextArea
        id="lt-cancel-note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 2 }}
      />
    </Modal>
  );
}

/** One schedule's week: read for everyone, drafted, published and adjusted by its office. */
function AgencyWeek({
  scheduleId,
  weekKey,
  onGo,
}: {
  scheduleId: string;
  weekKey: string;
  onGo: (k: string) => void;
}) {
  const s = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const phone = usePhone();
  const week = useQuery({
    queryKey: scheduleKeys.week(scheduleId, weekKey),
    queryFn: () => getWeek(scheduleId, weekKey),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  const [target, setTarget] = useState<EntryTarget | null>(null);
  const [cancelling, setCancelling] = useState<EntryView | null>(null);
  const [history, setHistory] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: scheduleKeys.all });
  const w = week.data;
  const key = w?.key ?? weekKey;
  const conflictsNote = (list: { content: string; startsAt: string }[]) => {
    if (list.length)
      message.warning(
        s('messages.conflicts', {
          list: list.map((c) => `${viTimeDate(c.startsAt)} ${c.content}`).join('; '),
        }),
      );
  };
  const save = useMutation({
    mutationFn: (body: EntryInput) =>
      target && 'entry' in target ? updateEntry(target.entry.id, body) : createEntry(scheduleId, key, body),
    onMutate: () => setSaveError(null),
    onSuccess: (r) => {
      message.success(
        r.revision > 0 ? s('messages.adjusted', { revision: r.revision }) : s('messages.saved'),
      );
      conflictsNote(r.conflicts);
      setTarget(null);
      void refresh();
    },
    onError: (e) => setSaveError(e instanceof ApiError && e.fields.length ? null : e),
  });
  const copy = useMutation({
    mutationFn: () => copyPrevious(scheduleId, key),
    onSuccess: (r) => {
      message.success(s('messages.copied', { count: r.copied }));
      void refresh();
    },
  });
  const publish = useMutation({
    mutationFn: () => publishWeek(scheduleId, key),
    onSuccess: () => {
      message.success(s('messages.published'));
      void refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) =>
      cancelEntry(id, { changeNote: note.trim() || null }),
    onSuccess: () => {
      message.success(s('messages.cancelled'));
      setCancelling(null);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteEntry(id),
    onSuccess: () => {
      message.success(s('messages.removed'));
      void refresh();
    },
  });

  if (week.isPending) return <Loading />;
  if (week.error) {
    const notPublished = week.error instanceof ApiError && week.error.status === 404;
    return (
      <>
        <WeekNav
          prev={addKey(weekKey, -1)}
          current="current"
          next={addKey(weekKey, 1)}
          isCurrent={false}
          onGo={onGo}
        />
        {notPublished ? (
          <Alert
            type="info"
            showIcon
            title={s('empty.notPublished')}
            description={(week.error as ApiError).detail}
          />
        ) : (
          <ErrorAlert error={week.error} onRetry={() => void week.refetch()} />
        )}
      </>
    );
  }
  const wk = w!;
  const edit = wk.schedule.canEdit;
  const published = wk.status === 'published';
  const actions: RowActions | undefined = edit
    ? {
        edit: (e) => {
          setSaveError(null);
          setTarget({ entry: e });
        },
        ...(published
          ? { cancel: (e: EntryView) => setCancelling(e) }
          : { remove: (e: EntryView) => remove.mutate(e.id) }),
      }
    : undefined;
  const defaultDay = (() => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    return today >= wk.weekStart && today <= wk.weekEnd ? today : wk.weekStart;
  })();
  const add = (day = defaultDay, session: Session = 'morning') => {
    setSaveError(null);
    setTarget({ day, session });
  };
  const mutationError = copy.error ?? publish.error ?? cancel.error ?? remove.error;

  return (
    <div className="lt-sched-week">
      <WeekNav
        prev={wk.previousKey}
        current={wk.currentKey}
        next={wk.nextKey}
        isCurrent={wk.key === wk.currentKey}
        onGo={onGo}
      />
      <header className="lt-sched-head">
        <p className="lt-sched-print-only lt-sched-owner">{wk.schedule.officeName}</p>
        <h2 className="lt-sched-title">
          <span className="lt-sched-print-only">LỊCH CÔNG TÁC TUẦN · </span>
          {wk.schedule.title}
        </h2>
        <p className="lt-sched-week-title">{wk.title}</p>
        <Space wrap size={[8, 4]}>
          <Tag color={published ? 'green' : 'gold'}>{s(`status.${wk.status}`)}</Tag>
          {wk.adjustmentLine ? (
            <Tag color="blue" className="lt-sched-adjusted">
              {wk.adjustmentLine}
            </Tag>
          ) : null}
          {published && wk.publishedAt && !wk.adjustmentLine ? (
            <span className="lt-muted">{s('publishedAt', { at: viTimeDate(wk.publishedAt) })}</span>
          ) : null}
        </Space>
      </header>
      <div className="lt-sched-actions lt-no-print">
        <Space wrap>
          {edit ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => add()}>
              {s('actions.add')}
            </Button>
          ) : null}
          {edit && !published && wk.entries.length === 0 ? (
            <Button
              icon={<CopyOutlined aria-hidden />}
              loading={copy.isPending}
              onClick={() => copy.mutate()}
            >
              {s('actions.copy')}
            </Button>
          ) : null}
          {edit && !published && wk.entries.length > 0 ? (
            <Popconfirm
              title={s('actions.publishConfirm')}
              okText={s('actions.publish')}
              onConfirm={() => publish.mutate()}
            >
              <Button type="primary" ghost icon={<SendOutlined aria-hidden />} loading={publish.isPending}>
                {s('actions.publish')}
              </Button>
            </Popconfirm>
          ) : null}
          {published ? (
            <Button icon={<HistoryOutlined aria-hidden />} onClick={() => setHistory(true)}>
              {s('actions.history')}
            </Button>
          ) : null}
          <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            {s('actions.print')}
          </Button>
          <Button icon={<FilePdfOutlined aria-hidden />} href={pdfUrl(scheduleId, wk.key)}>
            {s('actions.pdf')}
          </Button>
        </Space>
      </div>
      <ErrorAlert error={mutationError} />
      {wk.entries.length === 0 ? (
        <EmptyText>{edit ? s('empty.office') : s('empty.reader')}</EmptyText>
      ) : phone ? (
        <WeekCards entries={wk.entries} actions={actions} />
      ) : (
        <WeekTable entries={wk.entries} caption={`${wk.schedule.title} · ${wk.title}`} actions={actions} />
      )}
      {edit ? (
        <EntryDrawer
          open={!!target}
          target={target}
          scheduleId={scheduleId}
          weekStart={wk.weekStart}
          published={published}
          onClose={() => setTarget(null)}
          onSave={(body) => save.mutateAsync(body)}
          saving={save.isPending}
          error={saveError}
        />
      ) : null}
      <CancelDialog
        entry={cancelling}
        busy={cancel.isPending}
        onClose={() => setCancelling(null)}
        onConfirm={(note) => cancelling && cancel.mutate({ id: cancelling.id, note })}
      />
      {published ? <HistoryDrawer week={wk} open={history} onClose={() => setHistory(false)} /> : null}
    </div>
  );
}

/** A week key n weeks away, computed from the key ("2026-W49") without the server. */
function addKey(key: string, n: number): string {
  const m = /^(\d{4})-W(\d{1,2})$/.exec(key);
  if (!m) return 'current';
  const jan4 = `${m[1]}-01-04`;
  const d = new Date(`${jan4}T00:00:00Z`);
  const monday = addDays(jan4, -((d.getUTCDay() + 6) % 7));
  const start = addDays(monday, (Number(m[2]) - 1 + n) * 7);
  return start;
}

/** "Lịch của tôi": every line the person chairs, attends or follows this week, with overlaps. */
function MyWeek({ weekKey, onGo }: { weekKey: string; onGo: (k: string) => void }) {
  const s = useT();
  const phone = usePhone();
  const q = useQuery({ queryKey: scheduleKeys.mine(weekKey), queryFn: () => myWeek(weekKey) });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const w = q.data;
  const extra = (e: EntryView) => {
    const m = e as MyEntryView;
    return (
      <div className="lt-sched-mine-extra">
        <span className="lt-muted">{m.scheduleTitle}</span>{' '}
        {m.roles.map((r) => (
          <Tag key={r}>{s(`mine.roles.${r}`)}</Tag>
        ))}
        {m.conflicts.map((c) => (
          <Tag key={c.entryId} color="orange">
            {s('mine.conflict', { what: `${viTimeDate(c.startsAt)} ${c.content}` })}
          </Tag>
        ))}
      </div>
    );
  };
  return (
    <div>
      <WeekNav
        prev={w.previousKey}
        current={w.currentKey}
        next={w.nextKey}
        isCurrent={w.key === w.currentKey}
        onGo={onGo}
      />
      <h2 className="lt-sched-week-title">{w.title}</h2>
      {w.entries.length === 0 ? (
        <EmptyText>{s('empty.mine')}</EmptyText>
      ) : phone ? (
        <WeekCards entries={w.entries} extra={extra} />
      ) : (
        <ScrollRegion label={w.title}>
          <table className="lt-sched-table">
            <caption className="lt-visually-hidden">{w.title}</caption>
            <thead>
              <tr>
                <th scope="col">{s('columns.day')}</th>
                <th scope="col">{s('columns.time')}</th>
                <th scope="col">{s('columns.content')}</th>
                <th scope="col">{s('columns.place')}</th>
                <th scope="col">{s('columns.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {groupByDay(w.entries).map(([day, list]) => (
                <Fragment key={day}>
                  {list.map((e, i) => (
                    <tr key={e.id} className={e.status === 'cancelled' ? 'lt-sched-cancelled' : undefined}>
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={list.length} className="lt-sched-day">
                          {weekdayName(day)}
                          <br />
                          {dm(day)}
                        </th>
                      ) : null}
                      <td className="lt-sched-time">{timeText(e, s)}</td>
                      <td>
                        <Content e={e} />
                      </td>
                      <td>{e.place}</td>
                      <td>{extra(e)}</td>
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}

/** Lịch công tác tuần: the schedules a person sees, week by week, and their own week. */
export default function SchedulePage() {
  const s = useT();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const list = useQuery({ queryKey: scheduleKeys.list, queryFn: listSchedules });
  const tab = params.get('xem') === 'cua-toi' ? 'mine' : 'agency';
  const weekKey = params.get('tuan') || 'current';
  const items = list.data?.items ?? [];
  const scheduleId = items.some((x) => x.id === params.get('lich')) ? params.get('lich')! : items[0]?.id;
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: false });
  };
  const go = (key: string) => set({ tuan: key });
  const createOwn = useMutation({
    mutationFn: createOwnSchedule,
    onSuccess: (sch) => {
      void qc.invalidateQueries({ queryKey: scheduleKeys.list });
      set({ lich: sch.id });
    },
  });

  const agencyTab = list.isPending ? (
    <Loading />
  ) : list.error ? (
    <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
  ) : (
    <>
      <div className="lt-sched-toolbar lt-no-print">
        {items.length ? (
          <div className="lt-sched-picker">
            <label htmlFor="lt-sched-picker">{s('picker')}</label>
            <Select
              id="lt-sched-picker"
              value={scheduleId}
              onChange={(v) => set({ lich: v })}
              options={items.map((x) => ({ value: x.id, label: x.title }))}
              style={{ minWidth: 260, maxWidth: '100%' }}
            />
          </div>
        ) : null}
        {list.data?.canCreateOwn ? (
          <Button onClick={() => createOwn.mutate()} loading={createOwn.isPending}>
            {s('actions.createOwn')}
          </Button>
        ) : null}
      </div>
      <ErrorAlert error={createOwn.error} />
      {scheduleId ? (
        <AgencyWeek key={scheduleId} scheduleId={scheduleId} weekKey={weekKey} onGo={go} />
      ) : (
        <EmptyText>{list.data?.canCreateOwn ? s('empty.noScheduleManage') : s('empty.noSchedule')}</EmptyText>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={s('title')} intro={s('intro')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ xem: k === 'mine' ? 'cua-toi' : null })}
        className="lt-sched-tabs"
        items={[
          { key: 'agency', label: s('tabs.agency'), children: agencyTab },
          { key: 'mine', label: s('tabs.mine'), children: <MyWeek weekKey={weekKey} onGo={go} /> },
        ]}
      />
    </>
  );
}
