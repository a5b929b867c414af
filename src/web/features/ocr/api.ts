import type { OcrRunView } from '../../../shared/schemas/ocr.ts';
import { get, post } from '../../api/client.ts';

export type { OcrRunView };

export const requestOcr = (sha256: string) => post<OcrRunView>('/ocr', { sha256 });
export const ocrRun = (sha256: string) => get<OcrRunView>(`/ocr/${sha256}`);
export const cancelOcr = (sha256: string) => post<OcrRunView>(`/ocr/${sha256}/cancel`);
export const ocrPdfUrl = (sha256: string) => `/api/v1/ocr/${sha256}/pdf`;
