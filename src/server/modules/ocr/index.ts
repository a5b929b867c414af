// What other modules may use from ocr.

export { ocrModule } from './module.ts';
