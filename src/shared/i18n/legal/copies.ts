/** Texts of the legal module's copies screens (Vietnamese). */
export const copiesVi = {
  title: '',
};
