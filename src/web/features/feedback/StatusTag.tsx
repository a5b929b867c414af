import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FeedbackStatus } from '../../../shared/feedback/rules.ts';

const COLOR: Record<FeedbackStatus, string> = {
  received: 'gold',
  accepted: 'blue',
  forwarded: 'purple',
  refused: 'default',
  duplicate: 'default',
  settled: 'green',
};

/** An item's state in words (with "Quá hạn" when it is past its limit). */
export function FeedbackStatusTag({ status, overdue }: { status: FeedbackStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={COLOR[status]}>{t(`services.feedback.statuses.${status}`)}</Tag>
      {overdue ? <Tag color="red">{t('services.feedback.overdue')}</Tag> : null}
    </>
  );
}
