import type { figuresVi } from './figures.ts';

/** Texts of the services module's figures screens (English). */
export const figuresEn: typeof figuresVi = {
  title: '',
};
