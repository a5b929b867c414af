/** Texts of the services module's desk screens (Vietnamese). */
export const deskVi = {
  title: '',
};
