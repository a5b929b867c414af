/** Texts of the legal module's gazette screens (Vietnamese). */
export const gazetteVi = {
  title: '',
};
