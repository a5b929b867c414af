import { FileWordOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSystemTexts } from '../../i18n.ts';

/**
 * "Soạn theo mẫu" on documents' pages. With `onClick` (the new draft page): creates the draft first;
 * with `documentId` (a draft's detail page): a link to the drafting page. Renders nothing until the
 * paperless texts are loaded.
 */
export function FromTemplateButton(
  props: { onClick: () => void; loading?: boolean } | { documentId: string },
) {
  const ready = useSystemTexts('paperless');
  const { t } = useTranslation();
  if (!ready) return null;
  const label = t('paperless.drafting.fromTemplate');
  if ('documentId' in props)
    return (
      <Link to={`/van-ban/${props.documentId}/soan-theo-mau`} className="ant-btn ant-btn-default">
        <FileWordOutlined aria-hidden /> {label}
      </Link>
    );
  return (
    <Tooltip title={t('paperless.drafting.fromTemplateHint')}>
      <Button
        size="large"
        icon={<FileWordOutlined aria-hidden />}
        loading={props.loading}
        onClick={props.onClick}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
