import type { PaperlessTexts } from './index.ts';

export const signaturesEn: PaperlessTexts['signatures'] = {};
