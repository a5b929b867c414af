import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PlanView, weightedProgress } from '../../../../shared/reports/plans.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatMoney, reportProgress } from './api.ts';
import { usePlanDone } from './PlanReview.tsx';
import { PlanProgress } from './parts.tsx';

/**
 * The agency reports its tasks' progress during the plan's year: a percent and a note per task; the
 * overall progress (weighted by budget) is shown as it will be once saved.
 */
export function ProgressCard({ plan }: { plan: PlanView }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const done = usePlanDone();
  const [values, setValues] = useState(() =>
    Object.fromEntries(plan.tasks.map((x) => [x.id, { progress: x.progress, note: x.progressNote ?? '' }])),
  );
  const save = useMutation({
    mutationFn: () =>
      reportProgress(plan.id, {
        items: plan.tasks.map((x) => ({
          taskId: x.id,
          progress: values[x.id]!.progress,
          note: values[x.id]!.note.trim() || undefined,
        })),
      }),
    onSuccess: (p) => {
      done(p);
      message.success(t('reports.plans.progress.saved'));
    },
  });
  const preview = weightedProgress(
    plan.tasks.map((x) => ({ progress: values[x.id]!.progress, budgetAmount: x.budgetAmount })),
  );
  const set = (id: string, v: Partial<{ progress: number; note: string }>) =>
    setValues((all) => ({ ...all, [id]: { ...all[id]!, ...v } }));
  return (
    <Card title={t('reports.plans.progress.title', { year: plan.startYear })} style={{ marginTop: 16 }}>
      <p className="lt-muted">{t('reports.plans.progress.intro')}</p>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {plan.tasks.map((x) => (
          <li key={x.id} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
            <div>
              <strong>
                {x.ordinal}. {x.name}
              </strong>
              <span className="lt-muted"> · {formatMoney(x.budgetAmount, i18n.language)}</span>
            </div>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginTop: 8 }}>
              <div>
                <label htmlFor={`p-${x.id}`} className="lt-field-label">
                  {t('reports.plans.progress.percentOf', { name: x.name })}
                </label>
                <InputNumber
                  id={`p-${x.id}`}
                  min={0}
                  max={100}
                  precision={0}
                  suffix="%"
                  value={values[x.id]!.progress}
                  onChange={(v) => set(x.id, { progress: Math.max(0, Math.min(100, Number(v ?? 0))) })}
                  style={{ width: 120 }}
                />
              </div>
              <div style={{ flex: '1 1 220px' }}>
                <label htmlFor={`n-${x.id}`} className="lt-field-label">
                  {t('reports.plans.progress.noteOf', { name: x.name })}
                </label>
                <Input
                  id={`n-${x.id}`}
                  value={values[x.id]!.note}
                  maxLength={2000}
                  onChange={(e) => set(x.id, { note: e.target.value })}
                />
              </div>
            </div>
          </li>
        ))}
      </ol>
      <div style={{ marginTop: 16, maxWidth: 420 }}>
        <div className="lt-field-label">{t('reports.plans.progress.overall')}</div>
        <PlanProgress value={preview} label={t('reports.plans.progress.overall')} />
      </div>
      <ErrorAlert error={save.error} />
      <Button type="primary" style={{ marginTop: 12 }} loading={save.isPending} onClick={() => save.mutate()}>
        {t('reports.plans.progress.save')}
      </Button>
    </Card>
  );
}
