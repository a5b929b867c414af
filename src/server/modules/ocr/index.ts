// What other modules may use from ocr.

export type { OcrFileAccess, OcrFinished } from './hooks.ts';
export { ocrModule } from './module.ts';
export { OCR_MEDIA_TYPES, OCR_MESSAGES } from './runner.ts';
export { ocrRunOf, ocrTexts, requestOcrFor } from './service.ts';
