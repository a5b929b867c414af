import type { copiesVi } from './copies.ts';

/** Texts of the legal module's copies screens (English). */
export const copiesEn: typeof copiesVi = {
  title: '',
};
