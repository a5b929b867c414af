import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../shared/schemas/documents.ts';
import { useSystemTexts } from '../../i18n.ts';

/**
 * "Đã ký (chưa có chữ ký số)" on a signed or released outgoing document whose current main file
 * carries no digital signature (signed before keys were loaded, or by a leader without one), so no
 * one takes the state for a signature a recipient could verify.
 */
export function NotDigitallySigned({ doc }: { doc: DocumentView }) {
  const { t } = useTranslation();
  const ready = useSystemTexts('paperless');
  if (!ready || doc.direction !== 'outgoing' || (doc.status !== 'signed' && doc.status !== 'released'))
    return null;
  const main = doc.files.find((f) => f.current && f.role === 'main');
  if (main?.signature && main.signature.status !== 'none') return null;
  return <Tag>{t('paperless.signatures.sign.notDigital')}</Tag>;
}
