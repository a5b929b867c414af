/** Texts of the drafting screens (Vietnamese). */
export const draftingVi = {};
