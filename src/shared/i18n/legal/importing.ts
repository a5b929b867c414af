/** Texts of the legal module's importing screens (Vietnamese). */
export const importingVi = {
  title: '',
};
