import { draftingVi } from './drafting.ts';
import { ocrVi } from './ocr.ts';
import { signaturesVi } from './signatures.ts';
import { verifyVi } from './verify.ts';

/**
 * Texts of drafting, digital signatures and OCR (`t('paperless.<area>.…')`), loaded with their
 * screens as the portal's are (`loadSystemTexts('paperless')` in src/web/i18n.ts); vi.ts only
 * carries their type.
 */
export const paperlessVi = {
  drafting: draftingVi,
  signatures: signaturesVi,
  ocr: ocrVi,
  verify: verifyVi,
};

export type PaperlessTexts = typeof paperlessVi;
