import type { recordsVi } from './records.ts';

/** Texts of the legal module's records screens (English). */
export const recordsEn: typeof recordsVi = {
  title: '',
};
