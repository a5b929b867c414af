import { DeleteOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, InputNumber, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { EmptyText } from '../../components/EmptyText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../components/ResponsiveList.tsx';
import {
  copyPlan,
  dossierKeys,
  getPlan,
  openDossier,
  type PlanEntryInput,
  type PlanView,
  planPrintUrl,
  savePlan,
} from './api.ts';
import { RetentionSelect, useRetentionLabel } from './common.tsx';

type Line = PlanEntryInput & { key: string; dossierId?: string | null };
let seq = 0;
const toLines = (p: PlanView): Line[] =>
  p.entries.map((e) => ({
    key: e.id,
    id: e.id,
    kind: e.kind,
    title: e.title,
    notation: e.notation,
    retentionYears: e.retentionYears,
    responsible: e.responsible,
    note: e.note,
    dossierId: e.dossierId,
  }));

/** A line of the plan on a phone: the same fields as a table row, each with a visible label. */
function PlanLineCard({
  line: l,
  set,
  remove,
  onOpen,
}: {
  line: Line;
  set: (key: string, patch: Partial<Line>) => void;
  remove: (key: string) => void;
  onOpen: (entryId: string) => void;
}) {
  const { t } = useTranslation();
  const id = (f: string) => `plan-${l.key}-${f}`;
  const dossier = l.kind === 'dossier';
  return (
    <li className="lt-card-item lt-plan-card">
      <div className="lt-plan-card-row">
        <div>
          <label htmlFor={id('kind')} className="lt-field-label">
            {t('dossiers.fields.kind')}
          </label>
          <Select
            id={id('kind')}
            value={l.kind}
            style={{ width: '100%' }}
            onChange={(kind) => set(l.key, { kind })}
            options={(['heading', 'subheading', 'dossier'] as const).map((k) => ({
              value: k,
              label: t(`dossiers.kind.${k}`),
            }))}
          />
        </div>
        <div>
          <label htmlFor={id('notation')} className="lt-field-label">
            {t('dossiers.fields.notation')}
          </label>
          <Input
            id={id('notation')}
            value={l.notation ?? ''}
            maxLength={20}
            onChange={(e) => set(l.key, { notation: e.target.value })}
          />
        </div>
      </div>
      <label htmlFor={id('title')} className="lt-field-label">
        {t('dossiers.fields.title')}
      </label>
      <Input.TextArea
        id={id('title')}
        value={l.title}
        autoSize={{ minRows: 1, maxRows: 4 }}
        onChange={(e) => set(l.key, { title: e.target.value })}
      />
      {dossier ? (
        <div className="lt-plan-card-row">
          <div>
            <label htmlFor={id('retention')} className="lt-field-label">
              {t('dossiers.fields.retention')}
            </label>
            <RetentionSelect
              id={id('retention')}
              value={l.retentionYears ?? null}
              onChange={(retentionYears) => set(l.key, { retentionYears })}
            />
          </div>
          <div>
            <label htmlFor={id('responsible')} className="lt-field-label">
              {t('dossiers.fields.responsible')}
            </label>
            <Input
              id={id('responsible')}
              value={l.responsible ?? ''}
              onChange={(e) => set(l.key, { responsible: e.target.value })}
            />
          </div>
        </div>
      ) : null}
      <Space wrap className="lt-gap">
        {dossier && l.id && !l.dossierId ? (
          <Button size="small" onClick={() => onOpen(l.id!)}>
            {t('dossiers.openFromPlan')}
          </Button>
        ) : null}
        {l.dossierId ? <Link to={`/ho-so/${l.dossierId}`}>{t('dossiers.view')}</Link> : null}
        <Button size="small" danger icon={<DeleteOutlined aria-hidden />} onClick={() => remove(l.key)}>
          {t('dossiers.removeLine')}
        </Button>
      </Space>
    </li>
  );
}

/**
 * The dossier plan (danh mục hồ sơ) of a year: edit, copy from last year, print (Appendix V).
 * The archivist reads it (transfers are checked against it) without editing or opening dossiers.
 */
export default function PlanPage() {
  const { t } = useTranslation();
  const readOnly = useSession().position?.role === 'archivist';
  const retention = useRetentionLabel();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [year, setYear] = useState(new Date().getFullYear());
  const [lines, setLines] = useState<Line[]>([]);
  const [decision, setDecision] = useState('');
  const q = useQuery({ queryKey: dossierKeys.plan(year), queryFn: () => getPlan(year) });
  useEffect(() => {
    if (q.data) {
      setLines(toLines(q.data));
      setDecision(q.data.decision ?? '');
    }
  }, [q.data]);
  const onError = (e: unknown) => message.error(errorMessage(e));
  const done = (p: PlanView) => {
    qc.setQueryData(dossierKeys.plan(year), p);
    message.success(t('dossiers.planSaved'));
  };
  const save = useMutation({
    mutationFn: () =>
      savePlan(year, {
        decision: decision || null,
        entries: lines.map(({ key: _k, dossierId: _d, ...e }) => e),
      }),
    onSuccess: done,
    onError,
  });
  const copy = useMutation({ mutationFn: () => copyPlan(year), onSuccess: done, onError });
  const open = useMutation({
    mutationFn: (entryId: string) => openDossier({ planEntryId: entryId }),
    onSuccess: (r) => navigate(`/ho-so/${r.id}`),
    onError,
  });
  const set = (key: string, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const remove = (key: string) => setLines((ls) => ls.filter((l) => l.key !== key));
  const addLine = (kind: Line['kind']) =>
    setLines((ls) => [
      ...ls,
      {
        key: `new-${++seq}`,
        kind,
        title: '',
        notation: null,
        retentionYears: kind === 'dossier' ? 10 : undefined,
        responsible: null,
        note: null,
      },
    ]);
  return (
    <>
      <PageHeader
        title={t('dossiers.planTitle', { year })}
        intro={t('dossiers.planIntro')}
        extra={
          <Space wrap>
            <label htmlFor="lt-plan-year">{t('dossiers.year')}</label>
            <InputNumber
              id="lt-plan-year"
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => v && setYear(v)}
            />
            <Button href={planPrintUrl(year)} target="_blank" icon={<PrinterOutlined aria-hidden />}>
              {t('dossiers.print')}
            </Button>
            {readOnly ? null : (
              <Button onClick={() => copy.mutate()} loading={copy.isPending} disabled={lines.length > 0}>
                {t('dossiers.copyPrevious')}
              </Button>
            )}
          </Space>
        }
      />
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      <Space direction="vertical" style={{ width: '100%' }}>
        {readOnly ? (
          decision ? (
            <p>{decision}</p>
          ) : null
        ) : (
          <Input
            aria-label={t('dossiers.decision')}
            placeholder={t('dossiers.decision')}
            value={decision}
            onChange={(e) => setDecision(e.target.value)}
          />
        )}
        {readOnly ? (
          <ResponsiveList<Line>
            label={t('dossiers.planTitle', { year })}
            items={lines}
            rowKey={(l) => l.key}
            loading={q.isPending}
            empty={<EmptyText>{t('dossiers.nothing')}</EmptyText>}
            card={(l) => (
              <ListCard
                overline={l.notation ? <span>{l.notation}</span> : t(`dossiers.kind.${l.kind}`)}
                title={l.title}
                fields={
                  l.kind === 'dossier'
                    ? [
                        { label: t('dossiers.fields.retention'), value: retention(l.retentionYears ?? null) },
                        { label: t('dossiers.fields.responsible'), value: l.responsible || '—' },
                      ]
                    : []
                }
              />
            )}
            table={{
              columns: [
                {
                  title: t('dossiers.fields.kind'),
                  dataIndex: 'kind',
                  width: 150,
                  render: (v: Line['kind']) => t(`dossiers.kind.${v}`),
                },
                { title: t('dossiers.fields.notation'), dataIndex: 'notation', width: 130 },
                { title: t('dossiers.fields.title'), dataIndex: 'title' },
                {
                  title: t('dossiers.fields.retention'),
                  dataIndex: 'retentionYears',
                  width: 140,
                  render: (v: number | null | undefined, r) =>
                    r.kind === 'dossier' ? retention(v ?? null) : null,
                },
                {
                  title: t('dossiers.fields.responsible'),
                  dataIndex: 'responsible',
                  width: 170,
                  render: (v: string | null, r) => (r.kind === 'dossier' ? v : null),
                },
              ],
            }}
          />
        ) : (
          <ResponsiveList<Line>
            label={t('dossiers.planTitle', { year })}
            items={lines}
            rowKey={(l) => l.key}
            loading={q.isPending}
            empty={<EmptyText>{t('dossiers.nothing')}</EmptyText>}
            card={(l) => <PlanLineCard line={l} set={set} remove={remove} onOpen={(id) => open.mutate(id)} />}
            table={{
              scroll: { x: 1000 },
              columns: [
                {
                  title: t('dossiers.fields.kind'),
                  dataIndex: 'kind',
                  width: 150,
                  render: (v: Line['kind'], r) => (
                    <Select
                      aria-label={t('dossiers.fields.kind')}
                      value={v}
                      onChange={(kind) => set(r.key, { kind })}
                      options={(['heading', 'subheading', 'dossier'] as const).map((k) => ({
                        value: k,
                        label: t(`dossiers.kind.${k}`),
                      }))}
                    />
                  ),
                },
                {
                  title: t('dossiers.fields.notation'),
                  dataIndex: 'notation',
                  width: 130,
                  render: (v: string | null, r) => (
                    <Input
                      aria-label={t('dossiers.fields.notation')}
                      value={v ?? ''}
                      maxLength={20}
                      onChange={(e) => set(r.key, { notation: e.target.value })}
                    />
                  ),
                },
                {
                  title: t('dossiers.fields.title'),
                  dataIndex: 'title',
                  render: (v: string, r) => (
                    <Input
                      aria-label={t('dossiers.fields.title')}
                      value={v}
                      onChange={(e) => set(r.key, { title: e.target.value })}
                    />
                  ),
                },
                {
                  title: t('dossiers.fields.retention'),
                  dataIndex: 'retentionYears',
                  width: 140,
                  render: (v: number | null | undefined, r) =>
                    r.kind === 'dossier' ? (
                      <RetentionSelect
                        aria-label={t('dossiers.fields.retention')}
                        value={v ?? null}
                        onChange={(retentionYears) => set(r.key, { retentionYears })}
                      />
                    ) : null,
                },
                {
                  title: t('dossiers.fields.responsible'),
                  dataIndex: 'responsible',
                  width: 170,
                  render: (v: string | null, r) =>
                    r.kind === 'dossier' ? (
                      <Input
                        aria-label={t('dossiers.fields.responsible')}
                        value={v ?? ''}
                        onChange={(e) => set(r.key, { responsible: e.target.value })}
                      />
                    ) : null,
                },
                {
                  title: t('common.actions'),
                  key: 'act',
                  width: 150,
                  render: (_: unknown, r) => (
                    <Space>
                      {r.kind === 'dossier' && r.id && !r.dossierId ? (
                        <Button size="small" onClick={() => open.mutate(r.id!)}>
                          {t('dossiers.openFromPlan')}
                        </Button>
                      ) : null}
                      {r.dossierId ? <Link to={`/ho-so/${r.dossierId}`}>{t('dossiers.view')}</Link> : null}
                      <Button
                        size="small"
                        danger
                        aria-label={t('dossiers.removeLine')}
                        icon={<DeleteOutlined aria-hidden />}
                        onClick={() => remove(r.key)}
                      />
                    </Space>
                  ),
                },
              ],
            }}
          />
        )}
        {readOnly ? null : (
          <Space wrap>
            <Button onClick={() => addLine('heading')}>{t('dossiers.addHeading')}</Button>
            <Button onClick={() => addLine('subheading')}>{t('dossiers.addSubheading')}</Button>
            <Button onClick={() => addLine('dossier')}>{t('dossiers.addDossierLine')}</Button>
            <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Space>
        )}
      </Space>
    </>
  );
}
