import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { getReportSettings, putReportSettings, reportKeys } from './api.ts';

/**
 * The province's IT department (Sở TT&TT, since 2025 Sở KH&CN): its people see every agency's
 * figures, appraise IT plans and consolidate the periodic reports. Shown to everyone with the figures,
 * changed only by the system administrator (`editable`).
 */
export function ItDepartmentSetting({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = useId();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: reportKeys.settings(), queryFn: getReportSettings });
  const [choice, setChoice] = useState<string | null | undefined>(undefined);
  const save = useMutation({
    mutationFn: (itAgencyId: string | null) => putReportSettings(itAgencyId),
    onSuccess: (r) => {
      qc.setQueryData(reportKeys.settings(), r);
      void qc.invalidateQueries({ queryKey: reportKeys.all });
      setChoice(undefined);
      message.success(t('reports.measures.itSaved', { name: r.itAgencyName ?? '—' }));
    },
  });
  const current = q.data?.itAgencyId ?? null;
  const value = choice === undefined ? current : choice;
  return (
    <Card size="small" title={t('reports.measures.itTitle')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={q.error ?? save.error} />
      <Typography.Paragraph style={{ marginBottom: editable ? 8 : 0 }}>
        {q.data?.itAgencyName
          ? t('reports.measures.itCurrent', { name: q.data.itAgencyName })
          : t('reports.measures.itNone')}
      </Typography.Paragraph>
      {editable ? (
        <Space wrap align="end" style={{ width: '100%' }}>
          <div style={{ minWidth: 260, maxWidth: 480, flex: 1 }}>
            <label htmlFor={`${id}-it`} className="lt-field-label">
              {t('reports.measures.itChoose')}
            </label>
            <AgencyPicker
              id={`${id}-it`}
              agenciesOnly
              allowClear
              value={value}
              initial={
                q.data?.itAgencyId
                  ? { id: q.data.itAgencyId, name: q.data.itAgencyName ?? '', agencyCode: null }
                  : null
              }
              onChange={(v) => setChoice(v)}
              style={{ width: '100%' }}
            />
          </div>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={value === current}
            onClick={() => save.mutate(value ?? null)}
          >
            {t('reports.measures.itSave')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}
