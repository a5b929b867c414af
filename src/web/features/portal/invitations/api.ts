import type { z } from 'zod';
import type { OkView, Page } from '../../../../shared/schemas/common.ts';
import type {
  ConfirmView,
  ConflictView,
  conflictsInput,
  InvitationStatus,
  InvitationView,
  MeetingInput,
  MeetingSaveView,
  MeetingsView,
  MeetingView,
} from '../../../../shared/schemas/portal-invitations.ts';
import { api, get, patch, post } from '../../../api/client.ts';

/** The invitations API (src/server/modules/portal/routes-invitations.ts) as the screens use it. */
export type {
  ConfirmView,
  ConflictView,
  InvitationStatus,
  InvitationView,
  MeetingInput,
  MeetingsView,
  MeetingView,
};

const P = '/portal';

export const invitationKeys = {
  all: ['portal', 'invitations'] as const,
  list: (status: InvitationStatus) => ['portal', 'invitations', 'list', status] as const,
  mine: (week: string) => ['portal', 'invitations', 'mine', week] as const,
  conflicts: (q: unknown) => ['portal', 'invitations', 'conflicts', q] as const,
};

export const listInvitations = (status: InvitationStatus, cursor?: string) =>
  get<Page<InvitationView>>(`${P}/invitations`, { status, cursor, limit: 20 });
export const getInvitation = (documentId: string) => get<InvitationView>(`${P}/invitations/${documentId}`);
export const confirmInvitation = (documentId: string, input: MeetingInput) =>
  post<ConfirmView>(`${P}/invitations/${documentId}/confirm`, input);
export const dismissInvitation = (documentId: string, reason: string) =>
  post<OkView>(`${P}/invitations/${documentId}/dismiss`, { reason });
export const checkConflicts = (q: z.input<typeof conflictsInput>) =>
  post<{ items: ConflictView[] }>(`${P}/invitations/conflicts`, q);
export const updateMeeting = (id: string, input: MeetingInput) =>
  patch<MeetingSaveView>(`${P}/meetings/${id}`, input);
export const cancelMeeting = (id: string, reason: string) =>
  post<MeetingView>(`${P}/meetings/${id}/cancel`, { reason });
export const myMeetings = (week: string) => get<MeetingsView>(`${P}/meetings`, { week });
export const attachInvitation = (entryId: string, documentId: string | null) =>
  api<{ entryId: string; invitationDocumentId: string | null }>(`${P}/entries/${entryId}/invitation`, {
    method: 'PUT',
    body: { documentId },
  });
