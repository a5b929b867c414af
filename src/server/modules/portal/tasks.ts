/**
 * Tasks assigned by leaders (nhiệm vụ được giao): the office of the assigning agency records tasks
 * from a conclusion notice (thông báo kết luận), a directive or a meeting; the lead agency reports
 * progress and its result with files; the office accepts the result (done) or returns it (in progress
 * again). Pure rules (deadlines, on time / late / overdue) are in tasks-rules.ts.
 *
 * Who (one function, `tasksScope`):
 * - The office = people with `tasks.manage` (clerk, agency_leader). They record tasks for other
 *   agencies (any active non-division agency of the installation but their own); the assigner of a
 *   task is the actor's agency.
 * - The office and leaders of the assigning agency see (and accept, return) its tasks. A People's
 *   Committee and its office (Văn phòng UBND, the agency under it whose name starts "Văn phòng Ủy ban
 *   nhân dân" / "Văn phòng UBND") are one assigning side: the leaders and clerk of the UBND and the
 *   office's clerk and leaders see the tasks either of them recorded.
 * - An agency sees the tasks it leads or co-operates in (every signed-in person of it). Reporting
 *   (progress with a percent, the result) needs `tasks.report` and the lead agency; co-operating
 *   agencies add progress notes only (no percent, no result).
 * Every change writes its audit row and notices in the same transaction.
 */
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { formatViDate, vnDate } from '../../../shared/calendar/index.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import {
  type CreateTasksInput,
  createTasksInput,
  type FiguresQuery,
  type FiguresView,
  type ProgressInput,
  progressInput,
  type ResultInput,
  resultInput,
  type TaskAction,
  type TaskCountsView,
  type TaskDetailView,
  type TaskEventView,
  type TaskItemView,
  type TaskListQuery,
  type TaskScopeView,
  type TaskSource,
  type TaskStatus,
} from '../../../shared/schemas/portal-tasks.ts';
import { type Db, rows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { roleAllows } from '../../platform/access/permissions.ts';
import { audit, auditMany } from '../../platform/audit/index.ts';
import { findBlobs } from '../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, type FieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { agencyRowsSql, findAgencies } from '../agencies/index.ts';
import { documentFacts, visibleTo } from '../documents/index.ts';
import { type Notice, notifyMany } from '../notifications/index.ts';
import { holdersByAgency, personNameSql } from '../people/index.ts';
import type { AttachedFile } from './schema.ts';
import { scheduleEntries, taskAgencies, taskEvents, tasks } from './schema.ts';
import {
  classifyTask,
  deadlineError,
  dueDateOf,
  dueSoonLimit,
  isDueSoon,
  tasksCalendar,
} from './tasks-rules.ts';

export const SOURCE_LABELS: Record<TaskSource, string> = {
  conclusion: 'Thông báo kết luận',
  directive: 'Văn bản chỉ đạo',
  meeting: 'Cuộc họp',
  other: 'Nguồn khác',
};

const uuidList = (ids: string[]) => sql`${sql.param([...new Set(ids)])}::uuid[]`;

// ---------------------------------------------------------------------------------------------
// Who

export interface TasksScope {
  /** The actor's agency (acting position), null for a person without one. */
  agencyId: string | null;
  /** May record tasks and accept / return results (the office and leaders). */
  canManage: boolean;
  /** May report progress and results for the own agency. */
  canReport: boolean;
  /** The assigning agencies whose tasks the actor follows as office or leader (empty without tasks.manage). */
  followed: string[];
}

/** An office of a People's Committee: "Văn phòng Ủy ban nhân dân …" / "Văn phòng UBND …" (normalised). */
const officeNameSql = (col: SQL) => sql`lt_norm(${col}) ~ '^van phong (uy ban nhan dan|ubnd)'`;

/**
 * Who the actor is for tasks (see the header). The assigning side of an agency is itself plus, for a
 * People's Committee, its office directly under it, and for such an office, the committee above it.
 */
export async function tasksScope(db: Db, actor: Actor): Promise<TasksScope> {
  const agencyId = actor.agencyId;
  const canManage = !!agencyId && !!actor.role && roleAllows(actor.role, 'tasks.manage');
  const canReport = !!agencyId && !!actor.role && roleAllows(actor.role, 'tasks.report');
  if (!agencyId || !canManage) return { agencyId, canManage, canReport, followed: [] };
  const linked = await rows<{ id: string }>(
    db,
    sql`SELECT a.id FROM ${agencyRowsSql} me JOIN ${agencyRowsSql} a
          ON (a.parent_id = me.id AND me.kind IN ('province','district') AND ${officeNameSql(sql`a.name`)})
          OR (a.id = me.parent_id AND a.kind IN ('province','district') AND ${officeNameSql(sql`me.name`)})
         WHERE me.id = ${agencyId} AND a.status = 'active'`,
  );
  return { agencyId, canManage, canReport, followed: [agencyId, ...linked.map((l) => l.id)] };
}

/** "The task `t` is visible to this scope", as a SQL condition on alias `t`. */
export function taskVisibleSql(scope: TasksScope): SQL {
  if (!scope.agencyId) return sql`false`;
  // The agency's tasks as a set of ids read once from task_agencies' index (not an EXISTS tried on
  // every task: a department leader's home counted 13 ms over 20,000 tasks that way, 2 ms this way);
  // an office's own assignments by the assigner column.
  const mine = sql`t.id IN (SELECT ta.task_id FROM task_agencies ta WHERE ta.agency_id = ${scope.agencyId})`;
  if (scope.followed.length === 0) return mine;
  return sql`(t.assigner_agency_id = ANY(${uuidList(scope.followed)}) OR ${mine})`;
}

/** What the web asks first: may record, may report, the agency recorded as assigner. */
export async function scopeView(ctx: Ctx): Promise<TaskScopeView> {
  const scope = await tasksScope(ctx.db, ctx.actor);
  const a =
    scope.canManage && scope.agencyId
      ? (await findAgencies(ctx.db, [scope.agencyId])).get(scope.agencyId)
      : null;
  const [assigned] = scope.followed.length
    ? await rows<{ n: number }>(
        ctx.db,
        sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM tasks t
              WHERE t.assigner_agency_id = ANY(${uuidList(scope.followed)}) LIMIT 1) x`,
      )
    : [];
  return {
    canManage: scope.canManage,
    canReport: scope.canReport,
    assignerAgency: a ? { id: a.id, name: a.name } : null,
    hasAssigned: (assigned?.n ?? 0) > 0,
  };
}

// ---------------------------------------------------------------------------------------------
// The SQL of where a task stands (the same rule as tasks-rules.ts classifyTask)

const overdueSql = (today: string) =>
  sql`((t.status = 'in_progress' AND t.due_on < ${today}::date) OR (t.status = 'reported' AND t.reported_on > t.due_on))`;
const dueSoonSql = (today: string, limit: string) =>
  sql`(t.status = 'in_progress' AND t.due_on BETWEEN ${today}::date AND ${limit}::date)`;

// ---------------------------------------------------------------------------------------------
// Reading

interface TaskRow {
  id: string;
  content: string;
  assigner_id: string;
  assigner_name: string;
  lead_id: string;
  lead_name: string;
  cooperating: { id: string; name: string }[];
  source_kind: TaskSource;
  source_text: string;
  source_document_id: string | null;
  source_entry_id: string | null;
  assigned_on: string;
  due_on: string;
  due_working_days: number | null;
  status: TaskStatus;
  progress: number;
  reported_on: string | null;
  done_on: string | null;
}

const taskColumns = sql`t.id, t.content, t.assigner_agency_id AS assigner_id, ag.name AS assigner_name,
  t.lead_agency_id AS lead_id, la.name AS lead_name,
  (SELECT coalesce(json_agg(json_build_object('id', ca.id, 'name', ca.name) ORDER BY ca.name), '[]'::json)
     FROM task_agencies tc JOIN ${agencyRowsSql} ca ON ca.id = tc.agency_id
    WHERE tc.task_id = t.id AND tc.role = 'cooperate') AS cooperating,
  t.source_kind, t.source_text, t.source_document_id, t.source_entry_id,
  t.assigned_on::text AS assigned_on, t.due_on::text AS due_on, t.due_working_days, t.status, t.progress,
  t.reported_on::text AS reported_on, t.done_on::text AS done_on`;
const taskFrom = sql`FROM tasks t JOIN ${agencyRowsSql} ag ON ag.id = t.assigner_agency_id
  JOIN ${agencyRowsSql} la ON la.id = t.lead_agency_id`;

function itemOf(r: TaskRow, today: string, limit: string): TaskItemView {
  const facts = { status: r.status, dueOn: r.due_on, reportedOn: r.reported_on };
  return {
    id: r.id,
    content: r.content,
    assigner: { id: r.assigner_id, name: r.assigner_name },
    lead: { id: r.lead_id, name: r.lead_name },
    cooperating: r.cooperating,
    sourceKind: r.source_kind,
    sourceText: r.source_text,
    assignedOn: r.assigned_on,
    dueOn: r.due_on,
    dueWorkingDays: r.due_working_days,
    status: r.status,
    standing: classifyTask(facts, today),
    dueSoon: isDueSoon(facts, today, limit),
    progress: r.progress,
    reportedOn: r.reported_on,
    doneOn: r.done_on,
  };
}

/** The tasks the actor sees, filtered, by deadline (keyset on due date and id). */
export async function listTasks(ctx: Ctx, q: TaskListQuery): Promise<Page<TaskItemView>> {
  const scope = await tasksScope(ctx.db, ctx.actor);
  const today = vnDate(ctx.now());
  const limit = dueSoonLimit(tasksCalendar(), today);
  const where: SQL[] = [taskVisibleSql(scope)];
  if (q.box === 'mine')
    where.push(
      sql`EXISTS (SELECT 1 FROM task_agencies tm WHERE tm.task_id = t.id AND tm.agency_id = ${scope.agencyId})`,
    );
  if (q.box === 'assigned')
    where.push(
      scope.followed.length ? sql`t.assigner_agency_id = ANY(${uuidList(scope.followed)})` : sql`false`,
    );
  if (q.status) where.push(sql`t.status = ${q.status}`);
  if (q.leadAgencyId) where.push(sql`t.lead_agency_id = ${q.leadAgencyId}`);
  if (q.sourceKind) where.push(sql`t.source_kind = ${q.sourceKind}`);
  if (q.dueSoon) where.push(dueSoonSql(today, limit));
  if (q.overdue) where.push(overdueSql(today));
  if (q.q) where.push(sql`lt_norm(t.content || ' ' || t.source_text) LIKE '%' || lt_norm(${q.q}) || '%'`);
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  if (after) where.push(sql`(t.due_on, t.id) > (${after[0]}::date, ${after[1]}::uuid)`);
  const r = await rows<TaskRow>(
    ctx.db,
    sql`SELECT ${taskColumns} ${taskFrom} WHERE ${sql.join(where, sql` AND `)}
         ORDER BY t.due_on, t.id LIMIT ${q.limit + 1}`,
  );
  const more = r.length > q.limit;
  const items = r.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((x) => itemOf(x, today, limit)),
    nextCursor: more && last ? encodeCursor([last.due_on, last.id]) : null,
  };
}

async function loadVisibleTask(db: Db, scope: TasksScope, id: string, lock = false): Promise<TaskRow> {
  const [r] = await rows<TaskRow>(
    db,
    sql`SELECT ${taskColumns} ${taskFrom} WHERE t.id = ${id} AND ${taskVisibleSql(scope)}
        ${lock ? sql`FOR UPDATE OF t` : sql``}`,
  );
  if (!r) throw notFound('Nhiệm vụ');
  return r;
}

function actionsFor(scope: TasksScope, t: TaskRow): TaskAction[] {
  const out: TaskAction[] = [];
  const isLead = scope.agencyId === t.lead_id;
  const isCooperating = t.cooperating.some((c) => c.id === scope.agencyId);
  if (scope.canReport && (isLead || isCooperating) && t.status === 'in_progress') out.push('progress');
  if (scope.canReport && isLead && t.status === 'in_progress') out.push('result');
  if (scope.canManage && scope.followed.includes(t.assigner_id) && t.status === 'reported')
    out.push('accept', 'return');
  return out;
}

/** One task with its source, timeline and what the actor may do; 404 for a task the actor may not see. */
export async function taskDetail(ctx: Ctx, id: string): Promise<TaskDetailView> {
  const scope = await tasksScope(ctx.db, ctx.actor);
  const t = await loadVisibleTask(ctx.db, scope, id);
  const today = vnDate(ctx.now());
  const limit = dueSoonLimit(tasksCalendar(), today);
  const events = await rows<{
    id: string;
    kind: TaskEventView['kind'];
    at: string | Date;
    agency_name: string | null;
    actor_name: string | null;
    text: string;
    progress: number | null;
    files: AttachedFile[];
  }>(
    ctx.db,
    sql`SELECT e.id, e.kind, e.created_at AS at, a.name AS agency_name, ${personNameSql(sql`e.actor_id`)} AS actor_name,
               e.text, e.progress, e.files
          FROM task_events e LEFT JOIN ${agencyRowsSql} a ON a.id = e.agency_id
         WHERE e.task_id = ${id} ORDER BY e.created_at, e.id`,
  );
  // The source document is shown to whoever may see it (the assigning office, in its agency's books).
  let sourceDocument: TaskDetailView['sourceDocument'] = null;
  if (t.source_document_id) {
    const f = (await documentFacts(ctx.db, [t.source_document_id], visibleTo(ctx.actor))).get(
      t.source_document_id,
    );
    if (f)
      sourceDocument = {
        id: f.id,
        numberNotation: f.numberNotation,
        issuedDate: f.issuedDate,
        summary: f.summary,
      };
  }
  let sourceEntry: TaskDetailView['sourceEntry'] = null;
  if (t.source_entry_id) {
    const [e] = await ctx.db
      .select({ id: scheduleEntries.id, day: scheduleEntries.day, content: scheduleEntries.content })
      .from(scheduleEntries)
      .where(sql`${scheduleEntries.id} = ${t.source_entry_id}`);
    if (e) sourceEntry = e;
  }
  return {
    ...itemOf(t, today, limit),
    sourceDocument,
    sourceEntry,
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: new Date(e.at).toISOString(),
      agencyName: e.agency_name,
      actorName: e.actor_name,
      text: e.text,
      progress: e.progress,
      files: e.files ?? [],
    })),
    actions: actionsFor(scope, t),
  };
}

/** A file attached to one of the task's events, if the actor sees the task (404 otherwise). */
export async function taskFile(ctx: Ctx, id: string, sha256: string): Promise<AttachedFile> {
  const scope = await tasksScope(ctx.db, ctx.actor);
  await loadVisibleTask(ctx.db, scope, id);
  const [r] = await rows<{ f: AttachedFile }>(
    ctx.db,
    sql`SELECT f FROM task_events e, jsonb_array_elements(e.files) f
         WHERE e.task_id = ${id} AND f->>'sha256' = ${sha256.toLowerCase()} LIMIT 1`,
  );
  if (!r) throw notFound('Tệp');
  return r.f;
}

// ---------------------------------------------------------------------------------------------
// Recording tasks (the office)

/** The deadline of N working days after `assignedOn` (today when absent), for the form. */
export function dueDateAfter(now: Date, assignedOn: string | undefined, workingDays: number): string {
  return tasksCalendar().addWorkingDays(assignedOn ?? vnDate(now), workingDays);
}

const unprocessable = (fields: FieldError[]) =>
  new AppError(
    'unprocessable',
    fields.length === 1 ? fields[0]!.message : fields.map((f) => f.message).join(' '),
    { fields },
  );

/**
 * Records several tasks from one source in one transaction: all or nothing. Every check is made
 * before anything is written; refusals are 422 with one message per wrong field, e.g. "Hạn xử lý
 * (09/03/2026) không được trước ngày giao (10/03/2026)." (prefixed with the row's number when there
 * are several rows).
 */
export async function createTasks(ctx: Ctx, body: CreateTasksInput): Promise<{ ids: string[] }> {
  const input = createTasksInput.parse(body);
  const scope = await tasksScope(ctx.db, ctx.actor);
  if (!scope.canManage || !scope.agencyId)
    throw forbidden('Chỉ văn phòng (văn thư) và lãnh đạo đơn vị mới được giao nhiệm vụ.');
  const assignerId = scope.agencyId;
  const today = vnDate(ctx.now());
  const assignedOn = input.assignedOn ?? today;
  const fields: FieldError[] = [];
  if (assignedOn > today)
    fields.push({
      path: 'assignedOn',
      message: `Ngày giao (${formatViDate(assignedOn)}) không được sau ngày hôm nay (${formatViDate(today)}).`,
    });
  const cal = tasksCalendar();
  const many = input.tasks.length > 1;
  const rowLabel = (i: number) => (many ? `Nhiệm vụ thứ ${i + 1}: ` : '');
  const allAgencyIds = input.tasks.flatMap((r) => [r.leadAgencyId, ...r.cooperatingAgencyIds]);
  const agencies = await findAgencies(ctx.db, allAgencyIds);
  const usable = (id: string) => {
    const a = agencies.get(id);
    return a && a.status === 'active' && a.kind !== 'division' ? a : null;
  };
  const rowsToWrite = input.tasks.map((r, i) => {
    const dueOn = dueDateOf(cal, assignedOn, r);
    const err = deadlineError(assignedOn, dueOn);
    if (err) fields.push({ path: `tasks.${i}.dueOn`, message: rowLabel(i) + err });
    const lead = usable(r.leadAgencyId);
    if (!lead)
      fields.push({
        path: `tasks.${i}.leadAgencyId`,
        message: `${rowLabel(i)}Đơn vị chủ trì không tồn tại hoặc đã ngừng hoạt động.`,
      });
    else if (lead.id === assignerId)
      fields.push({
        path: `tasks.${i}.leadAgencyId`,
        message: `${rowLabel(i)}Đơn vị chủ trì phải là đơn vị khác, không phải ${lead.name}.`,
      });
    const coop = [...new Set(r.cooperatingAgencyIds)].filter((id) => id !== r.leadAgencyId);
    coop.forEach((id) => {
      if (!usable(id))
        fields.push({
          path: `tasks.${i}.cooperatingAgencyIds`,
          message: `${rowLabel(i)}Đơn vị phối hợp không tồn tại hoặc đã ngừng hoạt động.`,
        });
    });
    return {
      content: r.content,
      leadAgencyId: r.leadAgencyId,
      coop,
      dueOn,
      dueWorkingDays: r.dueWorkingDays ?? null,
    };
  });

  // The source: a document of the actor's agency the actor may see, or a meeting (schedule entry).
  let sourceText = input.sourceText;
  let sourceDocumentId: string | null = null;
  let sourceEntryId: string | null = null;
  if (input.sourceDocumentId) {
    const f = (await documentFacts(ctx.db, [input.sourceDocumentId], visibleTo(ctx.actor))).get(
      input.sourceDocumentId,
    );
    if (!f)
      fields.push({
        path: 'sourceDocumentId',
        message: 'Văn bản nguồn không tồn tại hoặc bạn không có quyền xem.',
      });
    else {
      sourceDocumentId = f.id;
      if (!sourceText)
        sourceText = [
          SOURCE_LABELS[input.sourceKind],
          f.numberNotation ? `số ${f.numberNotation}` : '',
          f.issuedDate ? `ngày ${formatViDate(f.issuedDate)}` : '',
        ]
          .filter(Boolean)
          .join(' ');
    }
  }
  if (input.sourceEntryId) {
    const [e] = await ctx.db
      .select({ id: scheduleEntries.id, day: scheduleEntries.day, content: scheduleEntries.content })
      .from(scheduleEntries)
      .where(sql`${scheduleEntries.id} = ${input.sourceEntryId}`);
    if (!e) fields.push({ path: 'sourceEntryId', message: 'Cuộc họp nguồn không tồn tại.' });
    else {
      sourceEntryId = e.id;
      if (!sourceText) sourceText = `Cuộc họp ngày ${formatViDate(e.day)}: ${e.content}`.slice(0, 1000);
    }
  }
  if (!sourceText) sourceText = SOURCE_LABELS[input.sourceKind];
  if (fields.length) throw unprocessable(fields);

  return inTx(ctx, async (tx) => {
    const inserted = await tx.db
      .insert(tasks)
      .values(
        rowsToWrite.map((r) => ({
          assignerAgencyId: assignerId,
          leadAgencyId: r.leadAgencyId,
          content: r.content,
          sourceKind: input.sourceKind,
          sourceDocumentId,
          sourceEntryId,
          sourceText,
          assignedOn,
          dueOn: r.dueOn,
          dueWorkingDays: r.dueWorkingDays,
          createdById: tx.actor.personId,
        })),
      )
      .returning({ id: tasks.id });
    const ids = inserted.map((x) => x.id);
    await tx.db
      .insert(taskAgencies)
      .values(
        rowsToWrite.flatMap((r, i) => [
          { taskId: ids[i]!, agencyId: r.leadAgencyId, role: 'lead' },
          ...r.coop.map((agencyId) => ({ taskId: ids[i]!, agencyId, role: 'cooperate' })),
        ]),
      );
    await tx.db.insert(taskEvents).values(
      ids.map((taskId, i) => ({
        taskId,
        kind: 'created',
        agencyId: assignerId,
        actorId: tx.actor.personId,
        text: `Giao nhiệm vụ, hạn xử lý ${formatViDate(rowsToWrite[i]!.dueOn)}.`,
      })),
    );
    await auditMany(
      tx.db,
      tx.actor,
      ids.map((id, i) => ({
        action: 'portal.tasks.create',
        entityType: 'task',
        entityId: id,
        detail: {
          leadAgencyId: rowsToWrite[i]!.leadAgencyId,
          cooperatingAgencyIds: rowsToWrite[i]!.coop,
          assignedOn,
          dueOn: rowsToWrite[i]!.dueOn,
          dueWorkingDays: rowsToWrite[i]!.dueWorkingDays,
          sourceKind: input.sourceKind,
          sourceText,
        },
      })),
    );
    // Notices: the lead agency's clerks and leaders; the co-operating agencies' clerks.
    const leadIds = rowsToWrite.map((r) => r.leadAgencyId);
    const coopIds = rowsToWrite.flatMap((r) => r.coop);
    const clerks = await holdersByAgency(tx.db, [...leadIds, ...coopIds], 'clerk');
    const leaders = await holdersByAgency(tx.db, leadIds, 'agency_leader');
    const notices: { personIds: string[]; notice: Notice }[] = [];
    rowsToWrite.forEach((r, i) => {
      const base = {
        body: `${r.content.slice(0, 300)} — ${sourceText}`,
        link: `/nhiem-vu/${ids[i]}`,
      };
      notices.push({
        personIds: [...(clerks.get(r.leadAgencyId) ?? []), ...(leaders.get(r.leadAgencyId) ?? [])],
        notice: {
          kind: 'tasks.assigned',
          title: `Nhiệm vụ được giao chủ trì, hạn ${formatViDate(r.dueOn)}`,
          ...base,
          dedupeKey: `tasks:assigned:${ids[i]}`,
        },
      });
      for (const c of r.coop)
        notices.push({
          personIds: clerks.get(c) ?? [],
          notice: {
            kind: 'tasks.assigned',
            title: `Nhiệm vụ được giao phối hợp, hạn ${formatViDate(r.dueOn)}`,
            ...base,
            dedupeKey: `tasks:assigned:${ids[i]}`,
          },
        });
    });
    await notifyMany(tx.db, notices);
    return { ids };
  });
}

// ---------------------------------------------------------------------------------------------
// Reports, acceptance, return

async function attachFiles(db: Db, files: { sha256: string; fileName: string }[]): Promise<AttachedFile[]> {
  if (files.length === 0) return [];
  const found = new Map(
    (
      await findBlobs(
        db,
        files.map((f) => f.sha256.toLowerCase()),
      )
    ).map((b) => [b.sha256, b]),
  );
  const missing = files.filter((f) => !found.has(f.sha256.toLowerCase()));
  if (missing.length)
    throw new AppError(
      'unprocessable',
      `Tệp ${missing.map((f) => `«${f.fileName}»`).join(', ')} chưa được tải lên hoặc đã bị hỏng; hãy tải lại.`,
      { fields: [{ path: 'files', message: 'Tệp chưa được tải lên.' }] },
    );
  return files.map((f) => {
    const b = found.get(f.sha256.toLowerCase())!;
    return { sha256: b.sha256, fileName: f.fileName, size: b.size, mediaType: b.mediaType };
  });
}

const statusRefusal: Record<TaskStatus, string> = {
  in_progress: 'Nhiệm vụ đang thực hiện, chưa có kết quả báo cáo.',
  reported: 'Kết quả đã được báo cáo và đang chờ văn phòng xem xét.',
  done: 'Nhiệm vụ đã hoàn thành.',
  cancelled: 'Nhiệm vụ đã bị hủy.',
};

async function officeOf(db: Db, assignerId: string): Promise<string[]> {
  return (await holdersByAgency(db, [assignerId], 'clerk')).get(assignerId) ?? [];
}

/** A progress report: the lead agency with a percent; a co-operating agency a note (percent ignored). */
export async function reportProgress(ctx: Ctx, id: string, body: ProgressInput): Promise<TaskDetailView> {
  const input = progressInput.parse(body);
  await inTx(ctx, async (tx) => {
    const scope = await tasksScope(tx.db, tx.actor);
    const t = await loadVisibleTask(tx.db, scope, id, true);
    const isLead = scope.agencyId === t.lead_id;
    if (!scope.canReport || !(isLead || t.cooperating.some((c) => c.id === scope.agencyId)))
      throw forbidden(`Chỉ ${t.lead_name} và các đơn vị phối hợp mới báo cáo tiến độ nhiệm vụ này.`);
    if (t.status !== 'in_progress') throw new AppError('conflict', statusRefusal[t.status]);
    const files = await attachFiles(tx.db, input.files);
    const progress = isLead && input.progress != null ? input.progress : null;
    await tx.db.insert(taskEvents).values({
      taskId: id,
      kind: 'progress',
      agencyId: scope.agencyId,
      actorId: tx.actor.personId,
      text: input.text,
      progress,
      files,
    });
    if (progress !== null)
      await tx.db.execute(sql`UPDATE tasks SET progress = ${progress}, updated_at = now() WHERE id = ${id}`);
    await audit(tx.db, tx.actor, {
      action: 'portal.tasks.progress',
      entityType: 'task',
      entityId: id,
      detail: { progress, files: files.map((f) => f.sha256) },
    });
  });
  return taskDetail(ctx, id);
}

/** The lead agency reports the result (status reported, reported_on = today); the office is told. */
export async function reportResult(ctx: Ctx, id: string, body: ResultInput): Promise<TaskDetailView> {
  const input = resultInput.parse(body);
  await inTx(ctx, async (tx) => {
    const scope = await tasksScope(tx.db, tx.actor);
    const t = await loadVisibleTask(tx.db, scope, id, true);
    if (!scope.canReport || scope.agencyId !== t.lead_id)
      throw forbidden(`Chỉ đơn vị chủ trì (${t.lead_name}) mới báo cáo kết quả nhiệm vụ này.`);
    if (t.status !== 'in_progress') throw new AppError('conflict', statusRefusal[t.status]);
    const files = await attachFiles(tx.db, input.files);
    const today = vnDate(tx.now());
    await tx.db.insert(taskEvents).values({
      taskId: id,
      kind: 'result',
      agencyId: scope.agencyId,
      actorId: tx.actor.personId,
      text: input.text,
      progress: 100,
      files,
    });
    await tx.db.execute(
      sql`UPDATE tasks SET status = 'reported', progress = 100, reported_on = ${today}::date, updated_at = now() WHERE id = ${id}`,
    );
    await audit(tx.db, tx.actor, {
      action: 'portal.tasks.result',
      entityType: 'task',
      entityId: id,
      detail: { reportedOn: today, dueOn: t.due_on, files: files.map((f) => f.sha256) },
    });
    const [creator] = await tx.db
      .select({ id: tasks.createdById })
      .from(tasks)
      .where(sql`${tasks.id} = ${id}`);
    await notifyMany(tx.db, [
      {
        personIds: [...(await officeOf(tx.db, t.assigner_id)), creator?.id ?? null],
        notice: {
          kind: 'tasks.result',
          title: `${t.lead_name} báo cáo kết quả nhiệm vụ${today > t.due_on ? ' (quá hạn)' : ''}`,
          body: t.content.slice(0, 300),
          link: `/nhiem-vu/${id}`,
        },
      },
    ]);
  });
  return taskDetail(ctx, id);
}

async function decide(ctx: Ctx, id: string, accept: boolean, text: string): Promise<TaskDetailView> {
  await inTx(ctx, async (tx) => {
    const scope = await tasksScope(tx.db, tx.actor);
    const t = await loadVisibleTask(tx.db, scope, id, true);
    if (!scope.canManage || !scope.followed.includes(t.assigner_id))
      throw forbidden(`Chỉ văn phòng và lãnh đạo ${t.assigner_name} mới xem xét kết quả nhiệm vụ này.`);
    if (t.status !== 'reported') throw new AppError('conflict', statusRefusal[t.status]);
    const today = vnDate(tx.now());
    await tx.db.insert(taskEvents).values({
      taskId: id,
      kind: accept ? 'accepted' : 'returned',
      agencyId: scope.agencyId,
      actorId: tx.actor.personId,
      text,
    });
    await tx.db.execute(
      accept
        ? sql`UPDATE tasks SET status = 'done', done_on = ${today}::date, updated_at = now() WHERE id = ${id}`
        : sql`UPDATE tasks SET status = 'in_progress', reported_on = NULL, updated_at = now() WHERE id = ${id}`,
    );
    await audit(tx.db, tx.actor, {
      action: accept ? 'portal.tasks.accept' : 'portal.tasks.return',
      entityType: 'task',
      entityId: id,
      detail: accept ? { doneOn: today, reportedOn: t.reported_on, dueOn: t.due_on } : { reason: text },
    });
    const lead = t.lead_id;
    const people = [
      ...((await holdersByAgency(tx.db, [lead], 'clerk')).get(lead) ?? []),
      ...((await holdersByAgency(tx.db, [lead], 'agency_leader')).get(lead) ?? []),
    ];
    await notifyMany(tx.db, [
      {
        personIds: people,
        notice: {
          kind: accept ? 'tasks.accepted' : 'tasks.returned',
          title: accept
            ? 'Kết quả nhiệm vụ đã được công nhận hoàn thành'
            : 'Kết quả nhiệm vụ bị trả lại, đề nghị tiếp tục thực hiện',
          body: accept ? t.content.slice(0, 300) : `Lý do: ${text.slice(0, 300)}`,
          link: `/nhiem-vu/${id}`,
        },
      },
    ]);
  });
  return taskDetail(ctx, id);
}

/** The office accepts the reported result: done, done_on = today. */
export const acceptResult = (ctx: Ctx, id: string, note: string) => decide(ctx, id, true, note);
/** The office returns the result with a reason: in progress again, the report date cleared. */
export const returnResult = (ctx: Ctx, id: string, reason: string) => decide(ctx, id, false, reason);

// ---------------------------------------------------------------------------------------------
// Figures

/** Tasks the figures count for the actor: those its office assigned, and those its agency leads. */
function figuresScopeSql(scope: TasksScope): SQL {
  if (!scope.agencyId) return sql`false`;
  const own = sql`t.lead_agency_id = ${scope.agencyId}`;
  return scope.followed.length
    ? sql`(t.assigner_agency_id = ANY(${uuidList(scope.followed)}) OR ${own})`
    : own;
}

/**
 * Per lead agency, the tasks assigned in [from, to] (assignment date): assigned, done on time, done
 * late, overdue, in progress, as they stand today. One aggregate statement (no task is loaded).
 */
export async function taskFigures(ctx: Ctx, q: FiguresQuery): Promise<FiguresView> {
  if (q.to < q.from)
    throw new AppError(
      'unprocessable',
      `Đến ngày (${formatViDate(q.to)}) không được trước từ ngày (${formatViDate(q.from)}).`,
      { fields: [{ path: 'to', message: 'Đến ngày phải sau từ ngày.' }] },
    );
  const scope = await tasksScope(ctx.db, ctx.actor);
  const today = vnDate(ctx.now());
  const r = await rows<{
    id: string;
    name: string;
    assigned: number;
    on_time: number;
    late: number;
    overdue: number;
    in_progress: number;
  }>(
    ctx.db,
    sql`SELECT t.lead_agency_id AS id, a.name, count(*)::int AS assigned,
               count(*) FILTER (WHERE t.status = 'done' AND t.reported_on <= t.due_on)::int AS on_time,
               count(*) FILTER (WHERE t.status = 'done' AND (t.reported_on IS NULL OR t.reported_on > t.due_on))::int AS late,
               count(*) FILTER (WHERE ${overdueSql(today)})::int AS overdue,
               count(*) FILTER (WHERE t.status IN ('in_progress','reported') AND NOT ${overdueSql(today)})::int AS in_progress
          FROM tasks t JOIN ${agencyRowsSql} a ON a.id = t.lead_agency_id
         WHERE t.status <> 'cancelled' AND t.assigned_on BETWEEN ${q.from}::date AND ${q.to}::date
           AND ${figuresScopeSql(scope)}
         GROUP BY t.lead_agency_id, a.name ORDER BY a.name, t.lead_agency_id`,
  );
  const rowsOut = r.map((x) => ({
    agency: { id: x.id, name: x.name },
    assigned: x.assigned,
    doneOnTime: x.on_time,
    doneLate: x.late,
    overdue: x.overdue,
    inProgress: x.in_progress,
  }));
  const total = { assigned: 0, doneOnTime: 0, doneLate: 0, overdue: 0, inProgress: 0 };
  for (const x of rowsOut) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += x[k];
  return { from: q.from, to: q.to, asOf: today, rows: rowsOut, total };
}

export const FIGURE_HEADERS = [
  'STT',
  'Đơn vị chủ trì',
  'Số nhiệm vụ được giao',
  'Hoàn thành đúng hạn',
  'Hoàn thành quá hạn',
  'Quá hạn chưa hoàn thành',
  'Đang thực hiện (trong hạn)',
] as const;

/** The figures as an xlsx workbook: a title row, the period, the table with Vietnamese headers, the total. */
export async function figuresXlsx(view: FiguresView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Liên Thông';
  const sheet = book.addWorksheet('Tình hình thực hiện');
  sheet.addRow(['TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO']).font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, FIGURE_HEADERS.length);
  sheet.addRow([
    `Nhiệm vụ giao từ ngày ${formatViDate(view.from)} đến ngày ${formatViDate(view.to)}; số liệu tính đến ngày ${formatViDate(view.asOf)}`,
  ]);
  sheet.mergeCells(2, 1, 2, FIGURE_HEADERS.length);
  sheet.addRow([]);
  const header = sheet.addRow([...FIGURE_HEADERS]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  view.rows.forEach((x, i) => {
    sheet.addRow([i + 1, x.agency.name, x.assigned, x.doneOnTime, x.doneLate, x.overdue, x.inProgress]);
  });
  const t = view.total;
  sheet.addRow(['', 'Tổng cộng', t.assigned, t.doneOnTime, t.doneLate, t.overdue, t.inProgress]).font = {
    bold: true,
  };
  sheet.columns = [
    { width: 6 },
    { width: 44 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 16 },
  ];
  return Buffer.from(await book.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// The portal home's figures

/**
 * For the portal home: the actor's visible tasks due soon, overdue and in progress (not overdue, not
 * done) today. One statement.
 */
export async function taskCountsFor(db: Db, actor: Actor, now: Date = new Date()): Promise<TaskCountsView> {
  const scope = await tasksScope(db, actor);
  const today = vnDate(now);
  const limit = dueSoonLimit(tasksCalendar(), today);
  const [r] = await rows<TaskCountsView>(
    db,
    sql`SELECT count(*) FILTER (WHERE ${dueSoonSql(today, limit)})::int AS "dueSoon",
               count(*) FILTER (WHERE ${overdueSql(today)})::int AS overdue,
               count(*) FILTER (WHERE t.status IN ('in_progress','reported') AND NOT ${overdueSql(today)})::int AS "inProgress"
          FROM tasks t WHERE t.status IN ('in_progress','reported') AND ${taskVisibleSql(scope)}`,
  );
  return r ?? { dueSoon: 0, overdue: 0, inProgress: 0 };
}

/** The tasks of the actor's scope that are overdue or due soon, the most pressing first (the portal home). */
export async function pressingTasks(
  db: Db,
  actor: Actor,
  limit: number,
  now: Date = new Date(),
): Promise<{ id: string; content: string; leadAgencyName: string; dueOn: string; overdue: boolean }[]> {
  const scope = await tasksScope(db, actor);
  const today = vnDate(now);
  const soon = dueSoonLimit(tasksCalendar(), today);
  return rows(
    db,
    sql`SELECT t.id, t.content, la.name AS "leadAgencyName", t.due_on::text AS "dueOn",
               ${overdueSql(today)} AS overdue
          FROM tasks t JOIN ${agencyRowsSql} la ON la.id = t.lead_agency_id
         WHERE t.status IN ('in_progress','reported') AND ${taskVisibleSql(scope)}
           AND (${overdueSql(today)} OR ${dueSoonSql(today, soon)})
         ORDER BY t.due_on, t.id
         LIMIT ${limit}`,
  );
}
