import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, useSession } from '../../../api/session.ts';
import { usePortalTexts } from '../../../i18n.ts';
import { getInvitation, invitationKeys } from './api.ts';
import { whenText } from './format.ts';
import { MeetingDrawer } from './MeetingDrawer.tsx';

/**
 * On an incoming giấy mời's page: "Đưa vào lịch" while it waits, or the meeting it became. Shown to
 * those who may schedule (schedule.manage) and see the invitation; nothing otherwise.
 */
/** The panel, once the portal's texts are there (this shows on a document's page, outside the portal). */
export function InvitationPanel(props: Parameters<typeof InvitationPanelWithTexts>[0]) {
  return usePortalTexts() ? <InvitationPanelWithTexts {...props} /> : null;
}

function InvitationPanelWithTexts({
  documentId,
  typeCode,
  direction,
}: {
  documentId: string;
  typeCode: string;
  direction: string;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const [open, setOpen] = useState(false);
  const wanted = typeCode === 'giay_moi' && direction === 'incoming' && can(me, 'schedule.manage');
  const q = useQuery({
    queryKey: [...invitationKeys.all, 'one', documentId],
    queryFn: () => getInvitation(documentId),
    enabled: wanted,
    retry: false,
  });
  if (!wanted || !q.data) return null;
  const i = q.data;
  const m = i.meeting;
  return (
    <>
      <Alert
        type={m ? 'success' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={
          m
            ? `${t('portal.invitations.list.meeting')}: ${whenText(m)}${m.place ? `, ${m.place}` : ''}`
            : i.status === 'dismissed'
              ? `${t('portal.invitations.tabs.dismissed')}${i.dismissReason ? `: ${i.dismissReason}` : ''}`
              : t('portal.invitations.addToCalendarHint')
        }
        action={
          i.status === 'proposed' ? (
            <Button type="primary" onClick={() => setOpen(true)}>
              {t('portal.invitations.addToCalendar')}
            </Button>
          ) : (
            <Link to={`/giay-moi?tab=${i.status === 'confirmed' ? 'da-xep' : 'bo-qua'}`}>
              {t('portal.invitations.title')}
            </Link>
          )
        }
      />
      <MeetingDrawer
        item={open ? i : null}
        onClose={() => {
          setOpen(false);
          void q.refetch();
        }}
      />
    </>
  );
}
