import { copiesVi } from './copies.ts';
import { gazetteVi } from './gazette.ts';
import { importingVi } from './importing.ts';
import { recordsVi } from './records.ts';

/**
 * Texts of the legal documents base, the gazette and copies (`t('legal.<area>.…')`), loaded with
 * their screens (`loadSystemTexts('legal')` in src/web/i18n.ts); vi.ts only carries their type.
 */
export const legalVi = {
  records: recordsVi,
  importing: importingVi,
  gazette: gazetteVi,
  copies: copiesVi,
};

export type LegalTexts = typeof legalVi;
