/** Texts of the signatures screens (Vietnamese). */
export const signaturesVi = {};
