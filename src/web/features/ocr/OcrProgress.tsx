import { Alert, Button, Progress, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSystemTexts } from '../../i18n.ts';
import type { OcrState } from './useOcr.ts';

/**
 * Where the OCR of the uploaded scan is: "Đang nhận dạng chữ (OCR): trang 3/10" with a bar and a
 * cancel button, then done, failed or cancelled. Rendered inside the form's live region.
 */
export function OcrProgress({ state, onCancel }: { state: OcrState; onCancel(): void }) {
  const { t } = useTranslation();
  const ready = useSystemTexts('paperless');
  if (!ready) return null;
  if (state.status === 'done')
    return <Alert type="info" showIcon title={t('paperless.ocr.done')} data-testid="ocr-done" />;
  if (state.status === 'cancelled')
    return <Alert type="warning" showIcon title={t('paperless.ocr.cancelled')} />;
  if (state.status === 'failed' || state.status === 'not_needed')
    return <Alert type="warning" showIcon title={t('paperless.ocr.failed', { reason: state.error ?? '' })} />;
  const total = state.pagesTotal;
  const text =
    total && state.status === 'running'
      ? t('paperless.ocr.progress', { done: Math.min(state.pagesDone + 1, total), total })
      : t('paperless.ocr.starting');
  const percent = total ? Math.round((state.pagesDone / total) * 100) : 0;
  return (
    <div className="lt-ocr-progress" data-testid="ocr-progress">
      <Space wrap>
        <span>{text}</span>
        <Button size="small" onClick={onCancel}>
          {t('paperless.ocr.cancel')}
        </Button>
      </Space>
      <Progress percent={percent} size="small" aria-label={t('paperless.ocr.progressLabel')} />
      <div className="lt-muted">{t('paperless.ocr.typeMeanwhile')}</div>
    </div>
  );
}
