import type { gazetteVi } from './gazette.ts';

/** Texts of the legal module's gazette screens (English). */
export const gazetteEn: typeof gazetteVi = {
  title: '',
};
