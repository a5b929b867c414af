import type { PaperlessTexts } from './index.ts';

export const ocrEn: PaperlessTexts['ocr'] = {
  starting: 'The file is a scan without a text layer: preparing text recognition (OCR)…',
  progress: 'Recognising text (OCR): page {{done}}/{{total}}',
  progressLabel: 'Text recognition progress',
  typeMeanwhile: 'You can type the fields while you wait; what you type is kept.',
  cancel: 'Cancel text recognition',
  cancelled: 'Text recognition cancelled; please type the fields.',
  done: 'Text recognised (OCR) and the fields it could read filled in; please compare them with the scan.',
  failed: 'Text could not be recognised: {{reason}} Please type the fields.',
  download: 'Download the searchable copy (OCR)',
};
