/** Texts of the services module's figures screens (Vietnamese). */
export const figuresVi = {
  title: '',
};
