/** Texts of the portal's home screens (Vietnamese first; English has the same keys). */
export const homeVi = {
  title: 'TODO',
};

export const homeEn: typeof homeVi = {
  title: 'TODO',
};
