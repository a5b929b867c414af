import type { deskVi } from './desk.ts';

/** Texts of the services module's desk screens (English). */
export const deskEn: typeof deskVi = {
  title: '',
};
