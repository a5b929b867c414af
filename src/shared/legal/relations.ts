/**
 * The kinds of link between two legal documents, as the "lược đồ" of vbpl.vn and TVPL group them
 * (../shared/domain/legal-docs.md §1a–1b). A relation is stored once, read from its source: "the
 * source <kind> the target" (14/2019/QĐ-UBND replaces 30/2013/QĐ-UBND). Each kind has a label for
 * either side, so the target's page names its inverse ("Văn bản bị thay thế" on the old decision).
 *
 * `effect` is what the relation does to the TARGET's effect status from the relation's date (its own
 * date, else the source's effective date): see effect.ts. Kinds without an effect only link.
 */
export const RELATION_KINDS = [
  { code: 'based_on', source: 'Văn bản căn cứ', target: 'Văn bản được căn cứ', effect: null },
  { code: 'cites', source: 'Văn bản dẫn chiếu', target: 'Văn bản được dẫn chiếu', effect: null },
  {
    code: 'guides',
    source: 'Văn bản hướng dẫn, quy định chi tiết',
    target: 'Văn bản được hướng dẫn, quy định chi tiết',
    effect: null,
  },
  { code: 'amends', source: 'Văn bản sửa đổi', target: 'Văn bản được sửa đổi', effect: 'expired_partly' },
  { code: 'supplements', source: 'Văn bản bổ sung', target: 'Văn bản được bổ sung', effect: null },
  { code: 'replaces', source: 'Văn bản thay thế', target: 'Văn bản bị thay thế', effect: 'expired' },
  { code: 'repeals', source: 'Văn bản bãi bỏ', target: 'Văn bản bị bãi bỏ', effect: 'expired' },
  {
    code: 'partly_repeals',
    source: 'Văn bản quy định hết hiệu lực một phần',
    target: 'Văn bản bị hết hiệu lực một phần',
    effect: 'expired_partly',
  },
  { code: 'suspends', source: 'Văn bản đình chỉ', target: 'Văn bản bị đình chỉ', effect: 'suspended' },
  {
    code: 'partly_suspends',
    source: 'Văn bản đình chỉ một phần',
    target: 'Văn bản bị đình chỉ một phần',
    effect: 'suspended_partly',
  },
  {
    code: 'halts',
    source: 'Văn bản ngưng hiệu lực',
    target: 'Văn bản bị ngưng hiệu lực',
    effect: 'suspended',
  },
  { code: 'consolidates', source: 'Văn bản hợp nhất', target: 'Văn bản được hợp nhất', effect: null },
  { code: 'corrects', source: 'Văn bản đính chính', target: 'Văn bản được đính chính', effect: null },
  { code: 'related', source: 'Văn bản liên quan khác', target: 'Văn bản liên quan khác', effect: null },
] as const;

export type RelationKind = (typeof RELATION_KINDS)[number]['code'];
export const RELATION_CODES = RELATION_KINDS.map((k) => k.code) as [RelationKind, ...RelationKind[]];

export function relationKind(code: string) {
  return RELATION_KINDS.find((k) => k.code === code);
}

/** Kinds that end or pause the target's effect for a time (an `endsOn` date may close them). */
export const SUSPENDING_KINDS: readonly RelationKind[] = ['suspends', 'partly_suspends', 'halts'];
/** Kinds whose cycles are refused: a document cannot (indirectly) replace or repeal itself. */
export const ENDING_KINDS: readonly RelationKind[] = ['replaces', 'repeals'];
