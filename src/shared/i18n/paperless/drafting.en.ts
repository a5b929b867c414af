import type { PaperlessTexts } from './index.ts';

export const draftingEn: PaperlessTexts['drafting'] = {};
