import { describe, expect, it } from 'vitest';
import { vi } from '../i18n/vi.ts';
import { ROLES } from '../roles.ts';
import {
  allowedActions,
  DIRECTIONS,
  DOCUMENT_ACTIONS,
  DOCUMENT_STATUSES,
  type DocumentAction,
  type DocumentStatus,
  INCOMING_STATUSES,
  OUTGOING_STATUSES,
  refusal,
  refusalOf,
  rolesOf,
  type Situation,
  STATUSES_OF,
  statusesOf,
  WORKFLOW,
} from './workflow.ts';

const F = 'forbidden';
const C = 'conflict';
/**
 * The refusals each service gave before the workflow was written once (requireRole, requireStatus and
 * the checks beside them), in the order it made them: the definition must word them the same.
 */
const BEFORE: Record<DocumentAction, [string, string][]> = {
  register: [
    [F, 'Chỉ văn thư được thực hiện thao tác này.'],
    [C, 'Văn bản này không ở trạng thái chờ tiếp nhận.'],
  ],
  refuse: [
    [F, 'Chỉ văn thư hoặc lãnh đạo được thực hiện thao tác này.'],
    [C, 'Chỉ từ chối được văn bản điện tử đang chờ tiếp nhận.'],
  ],
  override: [
    [F, 'Chỉ lãnh đạo cơ quan được thực hiện thao tác này.'],
    [C, 'Văn bản không ở trạng thái bị từ chối.'],
  ],
  submit: [
    [F, 'Chỉ văn thư được thực hiện thao tác này.'],
    [C, 'Chỉ trình được văn bản đã đăng ký, chưa phân công.'],
  ],
  direct: [
    [F, 'Chỉ lãnh đạo cơ quan được thực hiện thao tác này.'],
    [C, 'Văn bản không ở trạng thái chờ phân công.'],
  ],
  reassign: [
    [F, 'Chỉ lãnh đạo phòng được thực hiện thao tác này.'],
    [C, 'Phòng của bạn không được giao xử lý văn bản này.'],
    // New: reassigning a document that is no longer being handled (recalled by its sender) is refused.
    [C, 'Văn bản chưa được phân công hoặc đã kết thúc xử lý.'],
  ],
  progress: [
    [C, 'Văn bản chưa được phân công hoặc đã kết thúc xử lý.'],
    [F, 'Bạn không được giao xử lý văn bản này.'],
  ],
  close: [
    [C, 'Văn bản không ở trạng thái đang xử lý.'],
    [F, 'Chỉ đơn vị, người chủ trì hoặc lãnh đạo được kết thúc xử lý.'],
  ],
  edit: [
    [C, 'Văn bản đã ký ban hành, không sửa được nữa.'],
    [F, 'Chỉ người đang giữ dự thảo được sửa.'],
  ],
  submit_review: [
    [C, 'Chỉ trình được dự thảo hoặc văn bản bị trả lại.'],
    [F, 'Chỉ người soạn thảo được trình dự thảo.'],
  ],
  approve: [
    [C, 'Văn bản không ở trạng thái chờ duyệt.'],
    [F, 'Văn bản không chờ bạn duyệt.'],
  ],
  return: [
    [C, 'Văn bản không ở trạng thái chờ duyệt.'],
    [F, 'Văn bản không chờ bạn duyệt.'],
  ],
  sign: [
    [C, 'Văn bản không ở trạng thái chờ duyệt.'],
    [F, 'Văn bản không chờ bạn duyệt.'],
    [F, 'Chỉ lãnh đạo cơ quan được thực hiện thao tác này.'],
  ],
  release: [
    [F, 'Chỉ văn thư được thực hiện thao tác này.'],
    [C, 'Chỉ phát hành được văn bản đã ký.'],
  ],
  recall: [
    [F, 'Chỉ văn thư hoặc lãnh đạo được thực hiện thao tác này.'],
    [C, 'Chỉ thu hồi được văn bản đã phát hành.'],
  ],
  update: [
    [F, 'Chỉ văn thư hoặc lãnh đạo được thực hiện thao tác này.'],
    [C, 'Chỉ cập nhật được văn bản đã phát hành.'],
  ],
  print: [['not_found', 'Phiếu giải quyết văn bản đến không tồn tại hoặc bạn không có quyền xem.']],
};

const me = { personId: 'me', role: 'officer' as const, divisionId: 'div' };
const at = (status: DocumentStatus, over: Partial<Situation> = {}): Situation => ({
  actor: me,
  document: { status, holderId: null },
  assignments: [],
  ...over,
});

describe('the document workflow', () => {
  it('keeps the two directions apart, and every action within its own', () => {
    expect(DOCUMENT_STATUSES).toHaveLength(new Set(DOCUMENT_STATUSES).size);
    expect(INCOMING_STATUSES.filter((s) => (OUTGOING_STATUSES as readonly string[]).includes(s))).toEqual([]);
    for (const a of DOCUMENT_ACTIONS) {
      const rule = WORKFLOW[a];
      expect(DIRECTIONS).toContain(rule.direction);
      // A status check on each action, so an action never runs on a document of the other direction.
      expect(rule.checks.filter((c) => c.kind === 'status').length, a).toBe(1);
      expect(rule.checks.filter((c) => c.kind === 'role').length, a).toBeLessThanOrEqual(1);
      for (const s of statusesOf(a)) expect(STATUSES_OF[rule.direction], a).toContain(s);
    }
  });

  it('refuses with the words, codes and order the services always used', () => {
    for (const a of DOCUMENT_ACTIONS)
      expect(
        WORKFLOW[a].checks.map((c) => {
          const r = refusalOf(c);
          return [r.code, r.detail];
        }),
        a,
      ).toEqual(BEFORE[a]);
  });

  it('checks the role alone until the document is loaded, then the rest in order', () => {
    const officer = { actor: me };
    expect(refusal('register', officer)).toEqual({
      code: 'forbidden',
      detail: 'Chỉ văn thư được thực hiện thao tác này.',
    });
    // The first check of signing needs the document: nothing to say before it is loaded.
    expect(refusal('sign', officer)).toBeNull();
    const holding = at('in_review', { document: { status: 'in_review', holderId: 'me' } });
    expect(refusal('sign', holding)?.detail).toBe('Chỉ lãnh đạo cơ quan được thực hiện thao tác này.');
    expect(refusal('sign', at('signed'))?.detail).toBe('Văn bản không ở trạng thái chờ duyệt.');
    expect(() =>
      refusal('progress', { actor: me, document: { status: 'assigned', holderId: null } }),
    ).toThrow(/assignments/);
  });

  it('settles what the detail and the services disagreed on the services’ way', () => {
    const leader = { ...me, role: 'agency_leader' as const, divisionId: null };
    const clerk = { ...me, role: 'clerk' as const, divisionId: null };
    // A leader may take in a pending document too; a clerk may submit again while it waits.
    expect(allowedActions(at('pending', { actor: leader }))).toEqual(['refuse', 'override', 'print']);
    expect(allowedActions(at('submitted', { actor: clerk }))).toEqual(['submit', 'print']);
    // For information: the person reports having read it.
    const info = { role: 'info' as const, status: 'open' as const, personId: 'me', divisionId: null };
    expect(allowedActions(at('assigned', { assignments: [info] }))).toEqual(['progress', 'print']);
    // A lead who marked their part done may still close.
    const doneLead = { ...info, role: 'lead' as const, status: 'done' as const };
    expect(allowedActions(at('assigned', { assignments: [doneLead] }))).toEqual(['close', 'print']);
    // The handling slip is of incoming documents only.
    expect(allowedActions(at('draft', { document: { status: 'draft', holderId: 'me' } }))).toEqual([
      'edit',
      'submit_review',
    ]);
    // A recalled copy is no longer handed down.
    const head = { ...me, role: 'division_head' as const };
    const division = { role: 'lead' as const, status: 'open' as const, personId: null, divisionId: 'div' };
    expect(allowedActions(at('assigned', { actor: head, assignments: [division] }))).toContain('reassign');
    expect(allowedActions(at('cancelled', { actor: head, assignments: [division] }))).toEqual(['print']);
  });

  it('names its roles and statuses, and every action and status has its words on screen', () => {
    expect(rolesOf('release')).toEqual(['clerk']);
    expect(rolesOf('edit')).toBeNull();
    for (const a of DOCUMENT_ACTIONS) {
      for (const r of rolesOf(a) ?? []) expect(ROLES).toContain(r);
      expect(vi.documents.actions[a], a).toBeTruthy();
    }
    for (const s of DOCUMENT_STATUSES) expect(vi.documents.status[s], s).toBeTruthy();
  });
});
