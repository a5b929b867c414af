import { draftingEn } from './drafting.en.ts';
import type { PaperlessTexts } from './index.ts';
import { ocrEn } from './ocr.en.ts';
import { signaturesEn } from './signatures.en.ts';
import { verifyEn } from './verify.en.ts';

/** English texts of drafting, digital signatures and OCR, loaded with their screens (see index.ts). */
export const paperlessEn: PaperlessTexts = {
  drafting: draftingEn,
  signatures: signaturesEn,
  ocr: ocrEn,
  verify: verifyEn,
};
