import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSystemTexts } from '../../../i18n.ts';
import { mySigningKey, signingKeyKeys } from './api.ts';

/** In the sign dialog: whether a digital signature will be applied, with whose certificate. */
export function SignNotice() {
  const { t } = useTranslation();
  const ready = useSystemTexts('paperless');
  const mine = useQuery({ queryKey: signingKeyKeys.mine, queryFn: mySigningKey, staleTime: 60_000 });
  if (!ready || !mine.data) return null;
  const key = mine.data.key;
  const cn = key ? (/CN=([^,]+)/.exec(key.subject)?.[1] ?? key.subject) : '';
  return key ? (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('paperless.signatures.sign.digital', {
        subject: cn,
        until: new Date(key.notAfter).toLocaleDateString('vi-VN'),
      })}
      description={t('paperless.signatures.sign.needPdf')}
    />
  ) : (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('paperless.signatures.sign.noKey')}
    />
  );
}
