/** Texts of the portal's announcements screens (Vietnamese first; English has the same keys). */
export const announcementsVi = {
  title: 'TODO',
};

export const announcementsEn: typeof announcementsVi = {
  title: 'TODO',
};
