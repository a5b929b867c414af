/** Texts of the portal's invitations screens (Vietnamese first; English has the same keys). */
export const invitationsVi = {
  title: 'TODO',
};

export const invitationsEn: typeof invitationsVi = {
  title: 'TODO',
};
