/** Texts of the portal's tasks screens (Vietnamese first; English has the same keys). */
export const tasksVi = {
  title: 'TODO',
};

export const tasksEn: typeof tasksVi = {
  title: 'TODO',
};
