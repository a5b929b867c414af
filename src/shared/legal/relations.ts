/**
 * The kinds of link between two legal documents, as the "lược đồ" of vbpl.vn and TVPL group them
 * (../shared/domain/legal-docs.md §1a–1b). A relation is stored once, read from its source: "the
 * source <kind> the target" (14/2019/QĐ-UBND replaces 30/2013/QĐ-UBND). `source` and `target` name
 * each side's role, and a page lists a related document under ITS role, as vbpl's blocks do: the old
 * decision's page lists the new one under "Văn bản thay thế", the new one's lists the old under "Văn
 * bản bị thay thế" (see `roleOfOther`). `verb` is the action as the relation form offers it.
 *
 * `effect` is what the relation does to the TARGET's effect status from the relation's date (its own
 * date, else the source's effective date): see effect.ts. Kinds without an effect only link.
 */
export const RELATION_KINDS = [
  {
    code: 'based_on',
    verb: 'căn cứ vào',
    source: 'Văn bản ban hành căn cứ văn bản này',
    target: 'Văn bản căn cứ',
    effect: null,
  },
  {
    code: 'cites',
    verb: 'dẫn chiếu đến',
    source: 'Văn bản dẫn chiếu văn bản này',
    target: 'Văn bản được dẫn chiếu',
    effect: null,
  },
  {
    code: 'guides',
    verb: 'hướng dẫn, quy định chi tiết',
    source: 'Văn bản hướng dẫn, quy định chi tiết',
    target: 'Văn bản được hướng dẫn, quy định chi tiết',
    effect: null,
  },
  {
    code: 'amends',
    verb: 'sửa đổi',
    source: 'Văn bản sửa đổi',
    target: 'Văn bản được sửa đổi',
    effect: 'expired_partly',
  },
  {
    code: 'supplements',
    verb: 'bổ sung',
    source: 'Văn bản bổ sung',
    target: 'Văn bản được bổ sung',
    effect: null,
  },
  {
    code: 'replaces',
    verb: 'thay thế',
    source: 'Văn bản thay thế',
    target: 'Văn bản bị thay thế',
    effect: 'expired',
  },
  {
    code: 'repeals',
    verb: 'bãi bỏ',
    source: 'Văn bản bãi bỏ',
    target: 'Văn bản bị bãi bỏ',
    effect: 'expired',
  },
  {
    code: 'partly_repeals',
    verb: 'quy định hết hiệu lực một phần',
    source: 'Văn bản quy định hết hiệu lực một phần',
    target: 'Văn bản bị hết hiệu lực một phần',
    effect: 'expired_partly',
  },
  {
    code: 'suspends',
    verb: 'đình chỉ',
    source: 'Văn bản đình chỉ',
    target: 'Văn bản bị đình chỉ',
    effect: 'suspended',
  },
  {
    code: 'partly_suspends',
    verb: 'đình chỉ một phần',
    source: 'Văn bản đình chỉ một phần',
    target: 'Văn bản bị đình chỉ một phần',
    effect: 'suspended_partly',
  },
  {
    code: 'halts',
    verb: 'ngưng hiệu lực',
    source: 'Văn bản ngưng hiệu lực',
    target: 'Văn bản bị ngưng hiệu lực',
    effect: 'suspended',
  },
  {
    code: 'consolidates',
    verb: 'hợp nhất',
    source: 'Văn bản hợp nhất',
    target: 'Văn bản được hợp nhất',
    effect: null,
  },
  {
    code: 'corrects',
    verb: 'đính chính',
    source: 'Văn bản đính chính',
    target: 'Văn bản được đính chính',
    effect: null,
  },
  {
    code: 'related',
    verb: 'liên quan đến',
    source: 'Văn bản liên quan khác',
    target: 'Văn bản liên quan khác',
    effect: null,
  },
] as const;

export type RelationKind = (typeof RELATION_KINDS)[number]['code'];
export const RELATION_CODES = RELATION_KINDS.map((k) => k.code) as [RelationKind, ...RelationKind[]];

export function relationKind(code: string) {
  return RELATION_KINDS.find((k) => k.code === code);
}

/**
 * The label of the group a related document is listed under on a page: its own role. An outgoing
 * link (the page's document is the source) lists its target; an incoming one its source.
 */
export function roleOfOther(kind: { source: string; target: string }, direction: 'outgoing' | 'incoming') {
  return direction === 'outgoing' ? kind.target : kind.source;
}

/** Kinds that end or pause the target's effect for a time (an `endsOn` date may close them). */
export const SUSPENDING_KINDS: readonly RelationKind[] = ['suspends', 'partly_suspends', 'halts'];
/** Kinds whose cycles are refused: a document cannot (indirectly) replace or repeal itself. */
export const ENDING_KINDS: readonly RelationKind[] = ['replaces', 'repeals'];
