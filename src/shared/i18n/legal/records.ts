/** Texts of the legal module's records screens (Vietnamese). */
export const recordsVi = {
  title: '',
};
