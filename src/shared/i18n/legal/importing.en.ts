import type { importingVi } from './importing.ts';

/** Texts of the legal module's importing screens (English). */
export const importingEn: typeof importingVi = {
  title: '',
};
