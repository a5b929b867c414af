/** Texts of the services module's applicants screens (Vietnamese). */
export const applicantsVi = {
  title: '',
};
