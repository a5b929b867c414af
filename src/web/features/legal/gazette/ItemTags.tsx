import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GazetteItemView } from './api.ts';

const STATE_COLOR: Record<GazetteItemView['state'], string> = {
  submitted: 'blue',
  accepted: 'default',
  placed: 'default',
  published: 'green',
  returned: 'red',
};

/** The item's state and its late flags, as tags. */
export function ItemTags({ item }: { item: GazetteItemView }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={STATE_COLOR[item.state]}>{t(`legal.gazette.state.${item.state}`)}</Tag>
      {item.lateSubmission ? <Tag color="orange">{t('legal.gazette.lateSubmission')}</Tag> : null}
      {item.latePublication ? <Tag color="red">{t('legal.gazette.latePublication')}</Tag> : null}
    </>
  );
}
