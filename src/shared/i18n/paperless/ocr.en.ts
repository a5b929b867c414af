import type { PaperlessTexts } from './index.ts';

export const ocrEn: PaperlessTexts['ocr'] = {};
