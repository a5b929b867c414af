import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { vnDate } from '../../../../shared/calendar/index.ts';
import { dossierCode } from '../../../../shared/services/dossier-code.ts';
import { type DossierStatus, STATUS } from '../../../../shared/services/statuses.ts';
import type { Db } from '../../../db/client.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { findAgency } from '../../agencies/index.ts';
import { serviceDossierCounters, serviceDossierPapers, serviceDossiers } from '../schema.ts';
import { dueAfter, servicesCalendar } from './clock.ts';
import { secretHash, trackingSecret } from './secret.ts';
import { type DossierRow, recordEvent } from './transition.ts';

export interface NewPaper {
  paperKey: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
}

export interface NewDossier {
  agencyId: string;
  procedure: { id: string; version: number; onlineLevel: string; processingDays: number };
  channel: 'online' | 'counter' | 'post';
  /** 1 for an online submission; the desk entering a walk-in's dossier may accept it at once (2). */
  status?: DossierStatus;
  applicantId: string | null;
  applicant: {
    kind: 'citizen' | 'organisation';
    name: string;
    idNumber?: string | null;
    email?: string | null;
    phone?: string | null;
    address?: string | null;
  };
  /** Already checked with checkForm against the procedure version's form. */
  formData: Record<string, unknown>;
  papers: NewPaper[];
  idempotencyKey?: string | null;
  /** SHA-256 of the canonical request, to tell a retry from another request under the same key. */
  requestHash?: string | null;
  receivedBy?: string | null;
  now: Date;
  /** trackingKey(config) */
  secretKey: Buffer;
}

export interface CreatedDossier {
  dossier: DossierRow;
  /** The tracking secret, derived again on a retry (never stored). */
  secret: string;
  /** false when the idempotency key had already made this dossier (a retry or a double click). */
  created: boolean;
}

/**
 * Makes a dossier: its code from the agency's counter of the day, the promised return date in working
 * days, its papers and its first timeline row. Idempotent by key: submissions under the same key are
 * serialised by an advisory lock, so concurrent retries neither make two dossiers nor burn a number;
 * a retry answers the first dossier, another body under a used key is refused (409).
 */
export async function createDossier(tx: Db, n: NewDossier): Promise<CreatedDossier> {
  if (n.idempotencyKey) {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(${`services:${n.idempotencyKey}`}, 0))`,
    );
    const [had] = await tx
      .select()
      .from(serviceDossiers)
      .where(eq(serviceDossiers.idempotencyKey, n.idempotencyKey));
    if (had) {
      if (had.requestHash !== (n.requestHash ?? null))
        throw new AppError(
          'conflict',
          'Mã chống gửi trùng này đã được dùng cho một hồ sơ khác. Vui lòng tải lại trang và nộp lại.',
        );
      return { dossier: had, secret: trackingSecret(n.secretKey, had.id), created: false };
    }
  }
  const agency = await findAgency(tx, n.agencyId);
  if (!agency?.agencyCode) throw notFound('Cơ quan tiếp nhận');
  const day = vnDate(n.now);
  const [counter] = await tx
    .insert(serviceDossierCounters)
    .values({ agencyId: n.agencyId, day, last: 1 })
    .onConflictDoUpdate({
      target: [serviceDossierCounters.agencyId, serviceDossierCounters.day],
      set: { last: sql`${serviceDossierCounters.last} + 1` },
    })
    .returning({ last: serviceDossierCounters.last });
  if (!counter || counter.last > 9999)
    throw new AppError('conflict', 'Cơ quan đã tiếp nhận quá 9.999 hồ sơ trong ngày.');
  const code = dossierCode(agency.agencyCode, day, counter.last);
  const status = n.status ?? STATUS.new;
  const due = dueAfter(servicesCalendar(), n.now, n.procedure.processingDays);
  const id = uuidv7();
  const secret = trackingSecret(n.secretKey, id);
  const [dossier] = await tx
    .insert(serviceDossiers)
    .values({
      id,
      code,
      agencyId: n.agencyId,
      procedureId: n.procedure.id,
      procedureVersion: n.procedure.version,
      channel: n.channel,
      onlineLevel: n.procedure.onlineLevel,
      status,
      applicantId: n.applicantId,
      secretHash: secretHash(secret),
      applicantKind: n.applicant.kind,
      applicantName: n.applicant.name,
      applicantIdNumber: n.applicant.idNumber ?? null,
      applicantEmail: n.applicant.email?.toLowerCase() ?? null,
      applicantPhone: n.applicant.phone ?? null,
      applicantAddress: n.applicant.address ?? null,
      formData: n.formData,
      idempotencyKey: n.idempotencyKey ?? null,
      requestHash: n.requestHash ?? null,
      submittedAt: n.now,
      acceptedAt: status === STATUS.accepted ? n.now : null,
      dueAt: due,
      originalDueAt: due,
      receivedBy: n.receivedBy ?? null,
    })
    .returning();
  if (!dossier) throw new Error('dossier not written');
  if (n.papers.length > 0)
    await tx
      .insert(serviceDossierPapers)
      .values(n.papers.map(({ sha256, ...p }) => ({ dossierId: id, blobSha256: sha256, ...p })));
  await recordEvent(
    tx,
    dossier,
    {
      kind: 'submitted',
      at: n.now,
      actorId: n.receivedBy ?? null,
      byApplicant: n.channel === 'online',
      publicNote: n.channel === 'online' ? 'Nộp hồ sơ trực tuyến.' : 'Tiếp nhận hồ sơ tại bộ phận một cửa.',
      detail: { channel: n.channel },
    },
    status,
  );
  return { dossier, secret, created: true };
}
