/**
 * The document workflow of Decree 30/2020/NĐ-CP, written once: the statuses an incoming or outgoing
 * document goes through, the actions people take on it, and for each action the checks it must pass,
 * in the order the services make them. The server asserts an action against it before doing it, the
 * detail offers exactly the actions it allows, and the web finds each action's dialog and label by it.
 *
 * Each check is a role, a set of statuses or a named condition over a small "situation" (who acts,
 * the document as it is, its assignments), with the refusal (error code and Vietnamese detail) it
 * gives. Pure data and functions: shared by the server and the web app.
 */
import type { Role } from '../roles.ts';

export const DIRECTIONS = ['incoming', 'outgoing'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * An incoming document (văn bản đến): arrived electronically and waiting for the clerk (pending), or
 * refused back to its sender (Art. 21); registered (Art. 22); submitted to a leader; assigned to its
 * handlers with the leader's direction (Art. 23); done (Art. 24); cancelled when its sender recalls it.
 */
export const INCOMING_STATUSES = [
  'pending',
  'registered',
  'submitted',
  'assigned',
  'done',
  'refused',
  'cancelled',
] as const;
export type IncomingStatus = (typeof INCOMING_STATUSES)[number];

/**
 * An outgoing document (văn bản đi): a draft, under review or returned to its drafter (Art. 10–11),
 * signed (Art. 13), numbered and released (Art. 15–18), recalled after release (Art. 18.4).
 */
export const OUTGOING_STATUSES = [
  'draft',
  'in_review',
  'returned',
  'signed',
  'released',
  'recalled',
] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];

/** Every status; the two directions share none, so a status also tells the direction. */
export const DOCUMENT_STATUSES = [...INCOMING_STATUSES, ...OUTGOING_STATUSES] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const STATUSES_OF: Record<Direction, readonly DocumentStatus[]> = {
  incoming: INCOMING_STATUSES,
  outgoing: OUTGOING_STATUSES,
};

/** Who handles an incoming document: the lead (chủ trì), a co-handler (phối hợp), for information (để biết). */
export const ASSIGNMENT_ROLES = ['lead', 'co', 'info'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export const ASSIGNMENT_STATUSES = ['open', 'done'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** What people do with a document, in the order the screen lists them. */
export const DOCUMENT_ACTIONS = [
  'register',
  'refuse',
  'override',
  'submit',
  'direct',
  'reassign',
  'progress',
  'close',
  'edit',
  'submit_review',
  'approve',
  'return',
  'sign',
  'release',
  'recall',
  'update',
  'print',
] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

/** The facts the checks look at. The server builds it from its rows, the tests by hand. */
export interface Situation {
  actor: { personId: string; role: Role | null; divisionId: string | null };
  /** Absent before the document is loaded: then only the checks on the actor are made. */
  document?: { status: DocumentStatus; holderId: string | null };
  /** Every assignment of the document, open or done (conditions on handlers need them). */
  assignments?: readonly AssignmentFacts[];
}

export interface AssignmentFacts {
  role: AssignmentRole;
  status: AssignmentStatus;
  personId: string | null;
  divisionId: string | null;
}

/** A refusal as the API answers it: an AppError code and its Vietnamese detail. */
export interface Refusal {
  code: 'forbidden' | 'conflict' | 'not_found';
  detail: string;
}

type Actor = Situation['actor'];

/** An assignment given to the actor: personally, or to their division when they are its head. */
function isMine(actor: Actor, a: AssignmentFacts): boolean {
  return (
    a.personId === actor.personId ||
    (actor.divisionId !== null && a.divisionId === actor.divisionId && actor.role === 'division_head')
  );
}

/** The open assignments the actor handles (any role, "for information" too: they report it read). */
export function handlingAssignments<A extends AssignmentFacts>(actor: Actor, all: readonly A[]): A[] {
  return all.filter((a) => a.status === 'open' && isMine(actor, a));
}

/** The open assignments of the actor's division, which its head may hand to one of its people. */
export function divisionAssignments<A extends AssignmentFacts>(actor: Actor, all: readonly A[]): A[] {
  return all.filter(
    (a) => a.status === 'open' && actor.divisionId !== null && a.divisionId === actor.divisionId,
  );
}

/** Lead assignments of the actor, open or done (a lead who marked their part done may still close). */
function leadAssignments(actor: Actor, all: readonly AssignmentFacts[]): AssignmentFacts[] {
  return all.filter((a) => a.role === 'lead' && isMine(actor, a));
}

/** The named conditions; `assignments` says a condition needs them in the situation. */
export const CONDITIONS = {
  /** The actor holds the document (a draft's drafter, its current reviewer). */
  holder: { needs: 'document', test: (s: Situation) => s.document!.holderId === s.actor.personId },
  /** The actor's division has an open assignment (lead, co-handling or for information). */
  divisionAssigned: {
    needs: 'assignments',
    test: (s: Situation) => divisionAssignments(s.actor, s.assignments!).length > 0,
  },
  /** The actor has an open assignment, personally or as head of an assigned division. */
  handles: {
    needs: 'assignments',
    test: (s: Situation) => handlingAssignments(s.actor, s.assignments!).length > 0,
  },
  /** The actor leads the handling (personally or as head of the lead division), or leads the agency. */
  leadsOrLeader: {
    needs: 'assignments',
    test: (s: Situation) =>
      leadAssignments(s.actor, s.assignments!).length > 0 || s.actor.role === 'agency_leader',
  },
} as const satisfies Record<string, { needs: 'document' | 'assignments'; test: (s: Situation) => boolean }>;
export type Condition = keyof typeof CONDITIONS;

export type Check =
  /** Refused with `forbidden`, "Chỉ {who} được thực hiện thao tác này." */
  | { kind: 'role'; roles: readonly Role[]; who: string }
  | { kind: 'status'; statuses: readonly DocumentStatus[]; refusal: Refusal }
  | { kind: 'condition'; condition: Condition; refusal: Refusal };

export interface ActionRule {
  direction: Direction;
  /** In the order they are made: the first that fails gives the refusal. */
  checks: readonly Check[];
}

const role = (roles: readonly Role[], who: string): Check => ({ kind: 'role', roles, who });
const status = (
  statuses: readonly DocumentStatus[],
  detail: string,
  code: Refusal['code'] = 'conflict',
): Check => ({ kind: 'status', statuses, refusal: { code, detail } });
const condition = (c: Condition, detail: string, code: Refusal['code'] = 'forbidden'): Check => ({
  kind: 'condition',
  condition: c,
  refusal: { code, detail },
});

const CLERK = role(['clerk'], 'văn thư');
const LEADER = role(['agency_leader'], 'lãnh đạo cơ quan');
const CLERK_OR_LEADER = role(['clerk', 'agency_leader'], 'văn thư hoặc lãnh đạo');
const IN_REVIEW = status(['in_review'], 'Văn bản không ở trạng thái chờ duyệt.');
const REVIEWER = condition('holder', 'Văn bản không chờ bạn duyệt.');
const HANDLING = 'Văn bản chưa được phân công hoặc đã kết thúc xử lý.';

/** The workflow. Where a role check comes first, it is made before the document is even looked up. */
export const WORKFLOW: Record<DocumentAction, ActionRule> = {
  // Art. 22: the clerk registers an incoming document (a paper one with the same role check).
  register: {
    direction: 'incoming',
    checks: [CLERK, status(['pending'], 'Văn bản này không ở trạng thái chờ tiếp nhận.')],
  },
  // Art. 21.2: an electronic document failing its checks goes back to its sender, with a reason.
  refuse: {
    direction: 'incoming',
    checks: [CLERK_OR_LEADER, status(['pending'], 'Chỉ từ chối được văn bản điện tử đang chờ tiếp nhận.')],
  },
  // A leader takes in a refused (or still pending) document for urgent handling.
  override: {
    direction: 'incoming',
    checks: [LEADER, status(['refused', 'pending'], 'Văn bản không ở trạng thái bị từ chối.')],
  },
  // Art. 23.1: the clerk submits a registered document to a leader (again, to another one, while unassigned).
  submit: {
    direction: 'incoming',
    checks: [
      CLERK,
      status(['registered', 'submitted'], 'Chỉ trình được văn bản đã đăng ký, chưa phân công.'),
    ],
  },
  // Art. 23.1: the leader's direction names the handlers; a new direction replaces the open one.
  direct: {
    direction: 'incoming',
    checks: [
      LEADER,
      status(['registered', 'submitted', 'assigned'], 'Văn bản không ở trạng thái chờ phân công.'),
    ],
  },
  // Art. 24: the head of an assigned division hands the work to one of its people.
  reassign: {
    direction: 'incoming',
    checks: [
      role(['division_head'], 'lãnh đạo phòng'),
      condition('divisionAssigned', 'Phòng của bạn không được giao xử lý văn bản này.', 'conflict'),
      status(['assigned'], HANDLING),
    ],
  },
  // Art. 24: handlers record progress and results.
  progress: {
    direction: 'incoming',
    checks: [status(['assigned'], HANDLING), condition('handles', 'Bạn không được giao xử lý văn bản này.')],
  },
  // Art. 24: the lead (or the agency's leader) closes the handling.
  close: {
    direction: 'incoming',
    checks: [
      status(['assigned'], 'Văn bản không ở trạng thái đang xử lý.'),
      condition('leadsOrLeader', 'Chỉ đơn vị, người chủ trì hoặc lãnh đạo được kết thúc xử lý.'),
    ],
  },
  // Art. 10–11: whoever holds a draft (drafter or reviewer) may change it until it is signed.
  edit: {
    direction: 'outgoing',
    checks: [
      status(['draft', 'returned', 'in_review'], 'Văn bản đã ký ban hành, không sửa được nữa.'),
      condition('holder', 'Chỉ người đang giữ dự thảo được sửa.'),
    ],
  },
  submit_review: {
    direction: 'outgoing',
    checks: [
      status(['draft', 'returned'], 'Chỉ trình được dự thảo hoặc văn bản bị trả lại.'),
      condition('holder', 'Chỉ người soạn thảo được trình dự thảo.'),
    ],
  },
  // Art. 11: the reviewer holding the draft passes it on or returns it.
  approve: { direction: 'outgoing', checks: [IN_REVIEW, REVIEWER] },
  return: { direction: 'outgoing', checks: [IN_REVIEW, REVIEWER] },
  // Art. 13: the agency's leader signs.
  sign: { direction: 'outgoing', checks: [IN_REVIEW, REVIEWER, LEADER] },
  // Art. 15–18: the clerk numbers and releases a signed document.
  release: {
    direction: 'outgoing',
    checks: [CLERK, status(['signed'], 'Chỉ phát hành được văn bản đã ký.')],
  },
  // Art. 18.4: recall or update after release, with a reason.
  recall: {
    direction: 'outgoing',
    checks: [CLERK_OR_LEADER, status(['released'], 'Chỉ thu hồi được văn bản đã phát hành.')],
  },
  update: {
    direction: 'outgoing',
    checks: [CLERK_OR_LEADER, status(['released'], 'Chỉ cập nhật được văn bản đã phát hành.')],
  },
  // The handling slip (Appendix IV) of an incoming document, for whoever may see it.
  print: {
    direction: 'incoming',
    checks: [
      status(
        INCOMING_STATUSES,
        'Phiếu giải quyết văn bản đến không tồn tại hoặc bạn không có quyền xem.',
        'not_found',
      ),
    ],
  },
};

/** A check's refusal, as the API words it. */
export function refusalOf(check: Check): Refusal {
  return check.kind === 'role'
    ? { code: 'forbidden', detail: `Chỉ ${check.who} được thực hiện thao tác này.` }
    : check.refusal;
}

/** Whether a check can be made with what the situation holds (a document, assignments). */
function canCheck(check: Check, s: Situation): boolean {
  if (check.kind === 'role') return true;
  if (!s.document) return false;
  if (check.kind === 'condition' && CONDITIONS[check.condition].needs === 'assignments' && !s.assignments)
    throw new Error(`workflow: the condition "${check.condition}" needs the document's assignments`);
  return true;
}

function passes(check: Check, s: Situation): boolean {
  switch (check.kind) {
    case 'role':
      return !!s.actor.role && check.roles.includes(s.actor.role);
    case 'status':
      return check.statuses.includes(s.document!.status);
    case 'condition':
      return CONDITIONS[check.condition].test(s);
  }
}

/**
 * Why the action is refused in this situation, or null when it is allowed. Checks run in order; without
 * a document they stop at the first one that needs it (so a service checks the role, looks the document
 * up, then checks the rest).
 */
export function refusal(
  action: DocumentAction,
  s: Situation,
  workflow: Record<DocumentAction, ActionRule> = WORKFLOW,
): Refusal | null {
  for (const check of workflow[action].checks) {
    if (!canCheck(check, s)) return null;
    if (!passes(check, s)) return refusalOf(check);
  }
  return null;
}

/** The actions allowed on a document in this situation (the document must be given), in screen order. */
export function allowedActions(
  s: Situation,
  workflow: Record<DocumentAction, ActionRule> = WORKFLOW,
): DocumentAction[] {
  if (!s.document) throw new Error('workflow: allowed actions need the document');
  return DOCUMENT_ACTIONS.filter((a) => refusal(a, s, workflow) === null);
}

/** The roles an action needs (null: whoever the other checks let through). */
export function rolesOf(action: DocumentAction): readonly Role[] | null {
  const checks = WORKFLOW[action].checks.filter((c) => c.kind === 'role');
  return checks.length ? checks.flatMap((c) => c.roles) : null;
}

/** The statuses an action needs (every status of its direction when it names none). */
export function statusesOf(action: DocumentAction): readonly DocumentStatus[] {
  const checks = WORKFLOW[action].checks.filter((c) => c.kind === 'status');
  return checks.length ? checks.flatMap((c) => c.statuses) : STATUSES_OF[WORKFLOW[action].direction];
}
