/**
 * QCVN 102 agency identifier (mã định danh), format NNN.NN.NN.Xnn: the last group names the level-1
 * unit (G = central agencies, H = provinces), the ones before it levels 2, 3 and 4.
 * Source: ../shared/domain/standards.md §1.4 (observed format; the QCVN text itself was not at hand).
 */
export const AGENCY_CODE_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export function isAgencyCode(s: string): boolean {
  return AGENCY_CODE_RE.test(s);
}
