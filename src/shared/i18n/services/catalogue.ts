/** Texts of the services module's catalogue screens (Vietnamese). */
export const catalogueVi = {
  title: '',
};
