import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { gazetteKeys, getDocumentGazette, submitDocument } from './api.ts';
import { ItemTags } from './ItemTags.tsx';

/**
 * "Gửi đăng Công báo" for a legal document's page: shown to the issuing agency's clerks and leaders
 * when the signed local document (with its PDF) may be sent; where it stands once sent.
 */
export function SubmitToGazetteButton({ legalDocumentId }: { legalDocumentId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: gazetteKeys.document(legalDocumentId),
    queryFn: () => getDocumentGazette(legalDocumentId),
  });
  const send = useMutation({
    mutationFn: () => submitDocument(legalDocumentId),
    onSuccess: () => {
      message.success(t('legal.gazette.submit.sent'));
      return qc.invalidateQueries({ queryKey: gazetteKeys.all });
    },
    onError: (e) => message.error(e.message),
  });
  const data = q.data;
  if (!data) return null;
  const item = data.item;
  return (
    <Space wrap>
      {item && item.state !== 'returned' ? (
        <Link to={item.issueId && item.state === 'published' ? `/cong-bao/so/${item.issueId}` : '/cong-bao'}>
          {t('legal.gazette.submit.status', {
            state:
              item.issueLabel && item.state === 'published'
                ? item.issueLabel
                : t(`legal.gazette.state.${item.state}`),
          })}
        </Link>
      ) : null}
      {item?.state === 'returned' ? <ItemTags item={item} /> : null}
      {item?.state === 'returned' && item.returnReason ? <Tag>{item.returnReason}</Tag> : null}
      {data.canSubmit ? (
        <Popconfirm
          title={t('legal.gazette.submit.confirm')}
          onConfirm={() => send.mutate()}
          okText={t('legal.gazette.submit.button')}
          cancelText={t('legal.gazette.cancel')}
        >
          <Button icon={<SendOutlined aria-hidden />} loading={send.isPending}>
            {t('legal.gazette.submit.button')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}

export default SubmitToGazetteButton;
