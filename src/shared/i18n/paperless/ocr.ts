/** Texts of the ocr screens (Vietnamese). */
export const ocrVi = {};
