/** Texts of the portal's schedule screens (Vietnamese first; English has the same keys). */
export const scheduleVi = {
  title: 'TODO',
};

export const scheduleEn: typeof scheduleVi = {
  title: 'TODO',
};
