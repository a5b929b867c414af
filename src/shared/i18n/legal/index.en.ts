import { copiesEn } from './copies.en.ts';
import { gazetteEn } from './gazette.en.ts';
import { importingEn } from './importing.en.ts';
import type { LegalTexts } from './index.ts';
import { recordsEn } from './records.en.ts';

/** English texts of the legal documents base, the gazette and copies (see index.ts). */
export const legalEn: LegalTexts = {
  records: recordsEn,
  importing: importingEn,
  gazette: gazetteEn,
  copies: copiesEn,
};
