import { z } from 'zod';
import { SESSIONS } from '../portal/sessions.ts';
import { pageQuery } from './common.ts';

/** The API shapes of meetings from invitations (giấy mời): the clerk's list, confirm, dismiss, meetings. */

const isoDate = z.iso.date('Ngày không hợp lệ (yyyy-mm-dd)');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ không đúng dạng HH:mm');

export const INVITATION_STATUSES = ['proposed', 'confirmed', 'dismissed'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const invitationListQuery = pageQuery(50, 20).extend({
  status: z.enum(INVITATION_STATUSES).default('proposed'),
});

export const documentParams = z.object({ documentId: z.uuid('Mã văn bản không hợp lệ.') });
export const entryParams = z.object({ id: z.uuid('Mã lịch không hợp lệ.') });

/** What was read from the invitation's text (empty where nothing was found). */
export const proposalView = z.object({
  day: z.string().nullable(),
  time: z.string().nullable(),
  endTime: z.string().nullable(),
  session: z.enum(SESSIONS).nullable(),
  place: z.string(),
  content: z.string(),
  chairText: z.string(),
  /** Read from the files' text too (false: from the summary alone — the text was not there yet). */
  fromText: z.boolean(),
});
export type ProposalView = z.infer<typeof proposalView>;

export const personRef = z.object({ id: z.uuid(), name: z.string() });
export type PersonRef = z.infer<typeof personRef>;

export const meetingView = z.object({
  id: z.uuid(),
  day: z.string(),
  session: z.enum(SESSIONS),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  /** HH:mm (Vietnam) of startsAt / endsAt. */
  time: z.string(),
  endTime: z.string().nullable(),
  content: z.string(),
  place: z.string(),
  chairText: z.string(),
  notes: z.string(),
  status: z.enum(['active', 'cancelled']),
  sequence: z.number().int(),
  invitationDocumentId: z.uuid().nullable(),
  chair: personRef.nullable(),
  people: z.array(personRef),
});
export type MeetingView = z.infer<typeof meetingView>;

export const invitationView = z.object({
  documentId: z.uuid(),
  status: z.enum(INVITATION_STATUSES),
  document: z.object({
    id: z.uuid(),
    numberNotation: z.string().nullable(),
    summary: z.string(),
    issuerName: z.string().nullable(),
    issuedDate: z.string().nullable(),
    arrivalNumber: z.number().int().nullable(),
    arrivedAt: z.string().nullable(),
  }),
  proposal: proposalView,
  /** The people the document is assigned to (lead, co-handlers; a division's head until handed down). */
  assignees: z.array(personRef),
  meeting: meetingView.nullable(),
  dismissReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export type InvitationView = z.infer<typeof invitationView>;

/** A meeting as the clerk confirms or corrects it. */
export const meetingInput = z.object({
  day: isoDate,
  /** Omitted: the session of the start time (17:00–17:59 is afternoon; choose evening explicitly). */
  session: z.enum(SESSIONS).optional(),
  time: hhmm,
  endTime: hhmm.nullable().optional(),
  place: z.string().trim().max(500).default(''),
  content: z.string().trim().min(3, 'Nhập nội dung cuộc họp').max(2000),
  chairText: z.string().trim().max(300).default(''),
  /** The person who chairs, when one of ours. */
  chairId: z.uuid().nullable().optional(),
  /** Who attends (shown in their own week, notified). Omitted or empty: the document's assignees. */
  personIds: z.array(z.uuid()).max(100).default([]),
  notes: z.string().trim().max(2000).default(''),
});
export type MeetingInput = z.input<typeof meetingInput>;

export const conflictView = z.object({
  personId: z.uuid(),
  personName: z.string(),
  entryId: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  content: z.string(),
  place: z.string(),
});
export type ConflictView = z.infer<typeof conflictView>;

export const confirmView = z.object({
  entryId: z.uuid(),
  /** False when the invitation had already been confirmed (nothing new written). */
  created: z.boolean(),
  conflicts: z.array(conflictView),
});
export type ConfirmView = z.infer<typeof confirmView>;

export const meetingSaveView = z.object({ meeting: meetingView, conflicts: z.array(conflictView) });
export type MeetingSaveView = z.infer<typeof meetingSaveView>;

export const conflictsInput = z.object({
  day: isoDate,
  time: hhmm,
  endTime: hhmm.nullable().optional(),
  personIds: z.array(z.uuid()).max(100),
  excludeEntryId: z.uuid().nullable().optional(),
});

export const reasonInput = z.object({ reason: z.string().trim().min(3, 'Nêu lý do').max(2000) });

export const meetingsQuery = z.object({
  /** Any day of the week wanted (its Monday–Sunday); default this week. */
  week: isoDate.optional(),
  /** Whose meetings; default the signed-in person. */
  personId: z.uuid().optional(),
});

export const meetingsView = z.object({
  weekStart: z.string(),
  weekEnd: z.string(),
  items: z.array(meetingView),
});
export type MeetingsView = z.infer<typeof meetingsView>;

/** Attaching (or with null, detaching) an invitation document to a schedule entry. */
export const attachInput = z.object({ documentId: z.uuid('Mã văn bản không hợp lệ.').nullable() });
export const attachView = z.object({ entryId: z.uuid(), invitationDocumentId: z.uuid().nullable() });
