import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeTestApp, signIn, type TestApp } from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeAgencyWithStaff, makePerson } from '../../../../test/helpers/factories.ts';
import {
  type ActionRule,
  type AssignmentRole,
  type AssignmentStatus,
  allowedActions,
  DOCUMENT_ACTIONS,
  type DocumentAction,
  type DocumentStatus,
  INCOMING_STATUSES,
  OUTGOING_STATUSES,
  refusal,
  refusalOf,
  type Situation,
  WORKFLOW,
} from '../../../shared/documents/workflow.ts';
import { ROLES, type Role } from '../../../shared/roles.ts';
import { roleAllows } from '../../platform/access/permissions.ts';
import { notFound } from '../../platform/http/errors.ts';
import { addReaders } from './common.ts';
import { assignments, documentFiles, documents } from './schema.ts';

/**
 * The workflow's promise: what the detail offers is exactly what the services accept. For every role,
 * every status of both directions and the holder and assignment variants that decide, a document is
 * put in that state, its detail read, and every action attempted through the API. A refusal must be
 * the one the definition names (same code, same words, same order of checks); anything else counts as
 * accepted and must be an action the detail offered.
 */

/** Who an assignment goes to: the division of the officer and the head, or a person by role. */
type To = 'division' | Role;
interface State {
  name: string;
  status: DocumentStatus;
  holder?: Role;
  /** People named on the document (document_readers), as the services name them on the way. */
  readers: Role[];
  assignments?: { role: AssignmentRole; status: AssignmentStatus; to: To }[];
}

const incoming = (name: string, s: Omit<State, 'name'>): State => ({ name, ...s });

/** Each status once at least, with the holder and assignment variants the checks look at. */
const STATES: State[] = [
  incoming('pending', { status: 'pending', readers: [] }),
  incoming('refused', { status: 'refused', readers: [] }),
  incoming('registered', { status: 'registered', readers: ['clerk'] }),
  incoming('submitted to the leader', {
    status: 'submitted',
    holder: 'agency_leader',
    readers: ['clerk', 'agency_leader'],
  }),
  incoming('submitted to the head', {
    status: 'submitted',
    holder: 'division_head',
    readers: ['clerk', 'division_head'],
  }),
  incoming('assigned to the division', {
    status: 'assigned',
    readers: ['clerk', 'agency_leader'],
    assignments: [{ role: 'lead', status: 'open', to: 'division' }],
  }),
  incoming('assigned to the officer (the head was named before)', {
    status: 'assigned',
    readers: ['clerk', 'agency_leader', 'officer', 'division_head'],
    assignments: [{ role: 'lead', status: 'open', to: 'officer' }],
  }),
  incoming('assigned to the division, handed to the officer', {
    status: 'assigned',
    readers: ['clerk', 'agency_leader', 'officer'],
    assignments: [
      { role: 'lead', status: 'open', to: 'division' },
      { role: 'lead', status: 'open', to: 'officer' },
    ],
  }),
  incoming('assigned to the division, the officer for information', {
    status: 'assigned',
    readers: ['clerk', 'agency_leader', 'officer'],
    assignments: [
      { role: 'lead', status: 'open', to: 'division' },
      { role: 'info', status: 'open', to: 'officer' },
    ],
  }),
  incoming('led by the officer who is done, the division co-handling', {
    status: 'assigned',
    readers: ['clerk', 'agency_leader', 'officer'],
    assignments: [
      { role: 'lead', status: 'done', to: 'officer' },
      { role: 'co', status: 'open', to: 'division' },
    ],
  }),
  incoming('done', {
    status: 'done',
    readers: ['clerk', 'agency_leader', 'officer'],
    assignments: [{ role: 'lead', status: 'done', to: 'officer' }],
  }),
  incoming('cancelled by its sender while assigned', {
    status: 'cancelled',
    readers: ['clerk', 'agency_leader'],
    assignments: [{ role: 'lead', status: 'open', to: 'division' }],
  }),
  { name: 'draft', status: 'draft', holder: 'officer', readers: ['officer'] },
  { name: 'returned', status: 'returned', holder: 'officer', readers: ['officer', 'division_head'] },
  {
    name: 'in review by the head',
    status: 'in_review',
    holder: 'division_head',
    readers: ['officer', 'division_head'],
  },
  {
    name: 'in review by the leader',
    status: 'in_review',
    holder: 'agency_leader',
    readers: ['officer', 'division_head', 'agency_leader'],
  },
  { name: 'signed', status: 'signed', readers: ['officer', 'agency_leader', 'clerk'] },
  { name: 'released', status: 'released', readers: ['officer', 'agency_leader', 'clerk'] },
  { name: 'recalled', status: 'recalled', readers: ['officer', 'agency_leader', 'clerk'] },
];

/** One cell of the matrix: a state, a role, what the detail offered and what the services accepted. */
interface Cell {
  state: string;
  role: Role;
  situation: Situation;
  readable: boolean;
  /** What the detail offered (nothing when the person may not read it). */
  offered: DocumentAction[];
  accepted: Set<DocumentAction>;
}

/** Where an offer (the detail's, or a definition's) and the services' answers disagree, one line each. */
function mismatches(cells: Cell[], offer: (c: Cell) => DocumentAction[]): string[] {
  const out: string[] = [];
  for (const c of cells) {
    const offered = offer(c);
    for (const a of DOCUMENT_ACTIONS)
      if (offered.includes(a) !== c.accepted.has(a))
        out.push(
          `${a} — ${c.state}, ${c.role}: offered ${offered.includes(a)}, accepted ${c.accepted.has(a)}`,
        );
  }
  return out;
}

const withChecks = (action: DocumentAction, checks: ActionRule['checks']) => ({
  ...WORKFLOW,
  [action]: { ...WORKFLOW[action], checks },
});

/**
 * The detail as it was before the workflow was written once (detail.ts, actionsFor): the test must
 * tell it from the services, and it does, at the disagreements the definition settled.
 */
function legacyOffer(s: Situation): DocumentAction[] {
  const a = s.actor;
  const d = s.document!;
  const asg = s.assignments ?? [];
  const out: DocumentAction[] = [];
  const holder = d.holderId === a.personId;
  const mine = asg.filter(
    (x) =>
      x.status === 'open' &&
      x.role !== 'info' &&
      (x.personId === a.personId || (x.divisionId === a.divisionId && a.role === 'division_head')),
  );
  if ((INCOMING_STATUSES as readonly string[]).includes(d.status)) {
    if (d.status === 'pending' && a.role === 'clerk') out.push('register', 'refuse');
    if (d.status === 'pending' && a.role === 'agency_leader') out.push('refuse');
    if (d.status === 'refused' && a.role === 'agency_leader') out.push('override');
    if (d.status === 'registered' && a.role === 'clerk') out.push('submit');
    if (['registered', 'submitted', 'assigned'].includes(d.status) && a.role === 'agency_leader')
      out.push('direct');
    if (d.status === 'assigned') {
      if (a.role === 'division_head' && asg.some((x) => x.status === 'open' && x.divisionId === a.divisionId))
        out.push('reassign');
      if (mine.length) out.push('progress');
      if (mine.some((x) => x.role === 'lead') || a.role === 'agency_leader') out.push('close');
    }
  } else {
    if (['draft', 'returned'].includes(d.status) && holder) out.push('edit', 'submit_review');
    if (d.status === 'in_review' && holder) {
      out.push('edit', 'approve', 'return');
      if (a.role === 'agency_leader') out.push('sign');
    }
    if (d.status === 'signed' && a.role === 'clerk') out.push('release');
    if (d.status === 'released' && (a.role === 'clerk' || a.role === 'agency_leader'))
      out.push('recall', 'update');
  }
  if (a.role === 'clerk' || a.role === 'agency_leader' || holder) out.push('print');
  return out;
}

describe.each(ENGINES)('the workflow on %s: the detail offers exactly what the services accept', (engine) => {
  let t: TestApp;
  let office: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  const people = {} as Record<Role, { id: string; divisionId: string | null; client: Client }>;
  const cells: Cell[] = [];

  beforeAll(async () => {
    t = await makeTestApp(engine);
    const db = t.database.db;
    office = await makeAgencyWithStaff(db);
    const { agency, division } = office;
    const byRole: Record<Role, { id: string; username: string; divisionId: string | null }> = {
      clerk: { ...office.clerk, divisionId: null },
      archivist: { ...(await makePerson(db, { agencyId: agency.id, role: 'archivist' })), divisionId: null },
      officer: { ...office.officer, divisionId: division.id },
      division_head: { ...office.head, divisionId: division.id },
      agency_leader: { ...office.leader, divisionId: null },
      agency_admin: { ...office.admin, divisionId: null },
      system_admin: {
        ...(await makePerson(db, { agencyId: agency.id, role: 'system_admin' })),
        divisionId: null,
      },
    };
    for (const r of ROLES)
      people[r] = {
        id: byRole[r].id,
        divisionId: byRole[r].divisionId,
        client: await signIn(t.app, byRole[r].username),
      };
  });
  afterAll(() => t.close());

  /** Puts a new document in the state, with the rows the services would have written to get there. */
  async function make(s: State): Promise<string> {
    const db = t.database.db;
    const out = (OUTGOING_STATUSES as readonly string[]).includes(s.status);
    const [doc] = await db
      .insert(documents)
      .values({
        agencyId: office.agency.id,
        direction: out ? 'outgoing' : 'incoming',
        status: s.status,
        typeCode: 'cong_van',
        summary: `Văn bản ở trạng thái ${s.name}`,
        numberNotation: out ? null : '12/UBND-VP',
        issuerName: out ? null : 'Ủy ban nhân dân huyện',
        source: ['pending', 'refused'].includes(s.status) ? 'electronic' : 'paper',
        refusalReason: s.status === 'refused' ? 'Tệp không mở được' : null,
        holderId: s.holder ? people[s.holder].id : null,
        drafterId: out ? people.officer.id : null,
        draftingDivisionId: out ? office.division.id : null,
        createdById: out ? people.officer.id : people.clerk.id,
      })
      .returning({ id: documents.id });
    const id = doc!.id;
    if (out)
      await db.insert(documentFiles).values({
        documentId: id,
        sha256: 'a'.repeat(64),
        fileName: 'du-thao.pdf',
        mediaType: 'application/pdf',
        size: 100,
      });
    for (const a of s.assignments ?? [])
      await db.insert(assignments).values({
        documentId: id,
        role: a.role,
        status: a.status,
        divisionId: a.to === 'division' ? office.division.id : null,
        personId: a.to === 'division' ? null : people[a.to].id,
        assignedById: people.agency_leader.id,
      });
    await addReaders(
      db,
      id,
      s.readers.map((r) => people[r].id),
    );
    return id;
  }

  /** The situation the definition reads, as the test knows it (the detail must agree with it). */
  function situation(s: State, role: Role): Situation {
    return {
      actor: { personId: people[role].id, role, divisionId: people[role].divisionId },
      document: { status: s.status, holderId: s.holder ? people[s.holder].id : null },
      assignments: (s.assignments ?? []).map((a) => ({
        role: a.role,
        status: a.status,
        divisionId: a.to === 'division' ? office.division.id : null,
        personId: a.to === 'division' ? null : people[a.to].id,
      })),
    };
  }

  /** Each action through the API, with a body the service takes when the workflow lets it through. */
  const ATTEMPTS: Record<
    DocumentAction,
    (c: Client, url: string, me: Role) => Promise<LightMyRequestResponse>
  > = {
    register: (c, u) => c.post(`${u}/register`, { allowDuplicate: true }),
    refuse: (c, u) => c.post(`${u}/refuse`, { reason: 'Tệp đính kèm không mở được' }),
    override: (c, u) => c.post(`${u}/override`, { reason: 'Xử lý khẩn' }),
    submit: (c, u) => c.post(`${u}/submit`, { leaderId: people.agency_leader.id }),
    direct: (c, u) => c.post(`${u}/direct`, { lead: { personId: people.officer.id } }),
    reassign: (c, u) => c.post(`${u}/reassign`, { personId: people.officer.id }),
    progress: (c, u) => c.post(`${u}/progress`, { note: 'Đã xử lý một phần' }),
    close: (c, u) => c.post(`${u}/close`, { note: 'Hoàn thành' }),
    edit: (c, u) => c.patch(u, { summary: 'Trích yếu đã sửa' }),
    submit_review: (c, u) => c.post(`${u}/submit-review`, { toId: people.agency_leader.id }),
    approve: (c, u, me) =>
      c.post(`${u}/review`, {
        action: 'approve',
        nextId: me === 'agency_leader' ? people.division_head.id : people.agency_leader.id,
      }),
    return: (c, u) => c.post(`${u}/review`, { action: 'return', note: 'Sửa lại đoạn 2' }),
    sign: (c, u) => c.post(`${u}/review`, { action: 'sign' }),
    release: (c, u) => c.post(`${u}/release`, {}),
    recall: (c, u) => c.post(`${u}/recall`, { reason: 'Ban hành nhầm' }),
    update: (c, u) => c.post(`${u}/update`, { reason: 'Sửa lỗi chính tả', files: [] }),
    print: (c, u) => c.get(`${u}/slip.pdf`),
  };

  const NOT_FOUND = notFound('Văn bản').detail;
  const NO_PERMISSION = 'Bạn không có quyền thực hiện thao tác này.';
  /** Every refusal the workflow, the visibility rule or the route guard gives. */
  const REFUSALS = new Set([
    NOT_FOUND,
    NO_PERMISSION,
    ...Object.values(WORKFLOW).flatMap((r) => r.checks.map((c) => refusalOf(c).detail)),
  ]);
  const STATUS = { forbidden: 403, conflict: 409, not_found: 404 } as const;
  const problem = (res: LightMyRequestResponse) =>
    String(res.headers['content-type']).includes('application/problem+json')
      ? (res.json() as { detail: string })
      : null;
  const isRefusal = (res: LightMyRequestResponse) =>
    [403, 404, 409].includes(res.statusCode) && REFUSALS.has(problem(res)?.detail ?? '');

  /** The refusal the API must give: the guard's, the role's (before the document is looked up), 404, the rest. */
  function expectedRefusal(role: Role, action: DocumentAction, s: Situation, readable: boolean) {
    if (!roleAllows(role, 'documents')) return { status: 403, detail: NO_PERMISSION };
    const early = refusal(action, { actor: s.actor });
    if (early) return { status: STATUS[early.code], detail: early.detail };
    if (!readable) return { status: 404, detail: NOT_FOUND };
    const r = refusal(action, s);
    return r ? { status: STATUS[r.code], detail: r.detail } : null;
  }

  it('for every role, status and variant', { timeout: 240_000 }, async () => {
    const wrong: string[] = [];
    for (const state of STATES) {
      for (const role of ROLES) {
        const me = people[role];
        const s = situation(state, role);
        let id = await make(state);
        const detail = await me.client.get(`/api/v1/documents/${id}`);
        const readable = detail.statusCode === 200;
        if (!readable && detail.statusCode !== (roleAllows(role, 'documents') ? 404 : 403))
          wrong.push(`detail — ${state.name}, ${role}: ${detail.statusCode} ${detail.body}`);
        const offered: DocumentAction[] = readable ? detail.json().actions : [];
        // The detail derives its offer from the definition and the document as the test made it.
        const derived = readable ? allowedActions(s) : [];
        if (offered.join() !== derived.join())
          wrong.push(`detail — ${state.name}, ${role}: offers ${offered}, the definition ${derived}`);
        const accepted = new Set<DocumentAction>();
        for (const action of DOCUMENT_ACTIONS) {
          const res = await ATTEMPTS[action](me.client, `/api/v1/documents/${id}`, role);
          const expected = expectedRefusal(role, action, s, readable);
          const got = `${res.statusCode} ${problem(res)?.detail ?? ''}`;
          if (isRefusal(res)) {
            if (!expected || got !== `${expected.status} ${expected.detail}`)
              wrong.push(
                `${action} — ${state.name}, ${role}: refused with ${got}, expected ${expected?.detail}`,
              );
            continue;
          }
          accepted.add(action);
          if (expected)
            wrong.push(`${action} — ${state.name}, ${role}: accepted (${got}), expected ${expected.detail}`);
          else if (res.statusCode >= 300)
            wrong.push(
              `${action} — ${state.name}, ${role}: let through but failed: ${res.statusCode} ${res.body}`,
            );
          // The document moved on: the next attempt starts from the state again.
          if (action !== 'print') id = await make(state);
        }
        cells.push({ state: state.name, role, situation: s, readable, offered, accepted });
      }
    }
    expect(wrong).toEqual([]);
    expect(mismatches(cells, (c) => c.offered)).toEqual([]);
  });

  it('is what the database accepts: a status or kind the workflow does not know is refused', async () => {
    const q = (sql: string, params: unknown[]) => t.database.query(sql, params);
    const insert = (direction: string, status: string) =>
      q(
        `INSERT INTO documents (id, agency_id, direction, status, type_code, summary)
         VALUES (gen_random_uuid(), $1, $2, $3, 'cong_van', 'x')`,
        [office.agency.id, direction, status],
      );
    await expect(insert('incoming', 'registered')).resolves.toBeDefined();
    await expect(insert('incoming', 'registred')).rejects.toThrow(/documents_status_ck/);
    // An outgoing status on an incoming document is refused too.
    await expect(insert('incoming', 'draft')).rejects.toThrow(/documents_status_ck/);
    await expect(insert('sideways', 'draft')).rejects.toThrow(/documents_(direction|status)_ck/);
    const id = await make(STATES[0]!);
    await expect(
      q(`INSERT INTO document_assignments (id, document_id, role) VALUES (gen_random_uuid(), $1, 'boss')`, [
        id,
      ]),
    ).rejects.toThrow(/document_assignments_role_ck/);
    await expect(
      q(
        `INSERT INTO document_assignments (id, document_id, role, status)
         VALUES (gen_random_uuid(), $1, 'lead', 'closed')`,
        [id],
      ),
    ).rejects.toThrow(/document_assignments_status_ck/);
  });

  it('would catch a definition that differs from the services in any of its checks', () => {
    expect(cells).toHaveLength(STATES.length * ROLES.length);
    // Every action is accepted somewhere, in every status it allows, so dropping one is noticed.
    for (const action of DOCUMENT_ACTIONS) {
      const checks = WORKFLOW[action].checks;
      checks.forEach((check, i) => {
        const others = checks.filter((_, j) => j !== i);
        const mutants: [string, ActionRule['checks']][] =
          check.kind === 'status'
            ? check.statuses.map((st) => [
                `${action} without ${st}`,
                checks.map((c, j) =>
                  j === i ? { ...check, statuses: check.statuses.filter((x) => x !== st) } : c,
                ),
              ])
            : check.kind === 'role'
              ? [
                  [`${action} without its role`, others],
                  [
                    `${action} for the other roles`,
                    checks.map((c, j) =>
                      j === i ? { ...check, roles: ROLES.filter((r) => !check.roles.includes(r)) } : c,
                    ),
                  ],
                ]
              : [[`${action} without ${check.condition}`, others]];
        for (const [name, mutant] of mutants) {
          // Refusing the role check to nobody else changes nothing where no one else sees the document.
          if (name === 'refuse without its role') continue;
          const w = withChecks(action, mutant);
          const offer = (c: Cell) => (c.readable ? allowedActions(c.situation, w) : []);
          expect(mismatches(cells, offer), name).not.toEqual([]);
        }
      });
    }
    // The detail as it was: it disagreed with the services exactly where the definition settled it.
    const legacy = (c: Cell) => (c.readable ? legacyOffer(c.situation) : []);
    const before = new Set(mismatches(cells, legacy).map((m) => m.split(' — ')[0]));
    expect([...before].sort()).toEqual(['close', 'override', 'print', 'progress', 'submit']);
  });
});
