import { timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { APPLICANT_CSRF_HEADER, type ApplicantMe } from '../../../../shared/services/api.ts';
import type { Db } from '../../../db/client.ts';
import { randomToken, tokenHash } from '../../../platform/auth/tokens.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { serviceApplicantSessions, serviceApplicants, serviceDossiers } from '../schema.ts';

/*
 * Applicants' sessions: the cookie `lt_applicant` (only its SHA-256 kept), a CSRF token sent back in
 * the header x-applicant-csrf on every write, 30 days. Apart from staff sessions (lt_session).
 */

export const APPLICANT_COOKIE = 'lt_applicant';
export const SESSION_DAYS = 30;

export type ApplicantRow = typeof serviceApplicants.$inferSelect;
export interface ApplicantSession {
  applicant: ApplicantRow;
  sessionId: string;
  csrfToken: string;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The applicant signed in on this request, or null (no cookie, expired, revoked). */
export async function applicantOf(db: Db, req: FastifyRequest, now: Date): Promise<ApplicantSession | null> {
  const token = req.cookies?.[APPLICANT_COOKIE];
  if (!token) return null;
  const [row] = await db
    .select({
      applicant: serviceApplicants,
      sessionId: serviceApplicantSessions.id,
      csrf: serviceApplicantSessions.csrfToken,
    })
    .from(serviceApplicantSessions)
    .innerJoin(serviceApplicants, eq(serviceApplicants.id, serviceApplicantSessions.applicantId))
    .where(
      and(
        eq(serviceApplicantSessions.tokenHash, tokenHash(token)),
        isNull(serviceApplicantSessions.revokedAt),
        gt(serviceApplicantSessions.expiresAt, now),
      ),
    );
  if (!row) return null;
  if (!SAFE.has(req.method)) {
    const sent = req.headers[APPLICANT_CSRF_HEADER];
    if (typeof sent !== 'string' || !sameToken(sent, row.csrf))
      throw new AppError(
        'csrf_failed',
        'Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ. Vui lòng tải lại trang.',
      );
  }
  return { applicant: row.applicant, sessionId: row.sessionId, csrfToken: row.csrf };
}

export async function requireApplicant(db: Db, req: FastifyRequest, now: Date): Promise<ApplicantSession> {
  const s = await applicantOf(db, req, now);
  if (!s) throw new AppError('unauthenticated', 'Ông/Bà chưa đăng nhập hoặc phiên đăng nhập đã hết hạn.');
  return s;
}

export async function openSession(db: Db, applicantId: string, now: Date) {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db
    .insert(serviceApplicantSessions)
    .values({ applicantId, tokenHash: tokenHash(token), csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}

export async function closeSession(db: Db, sessionId: string) {
  await db
    .update(serviceApplicantSessions)
    .set({ revokedAt: sql`now()` })
    .where(eq(serviceApplicantSessions.id, sessionId));
}

/** The guest dossiers sent with this (now verified) address become the account's. */
export async function claimDossiers(db: Db, applicant: ApplicantRow) {
  await db
    .update(serviceDossiers)
    .set({ applicantId: applicant.id })
    .where(and(isNull(serviceDossiers.applicantId), eq(serviceDossiers.applicantEmail, applicant.email)));
}

export function meOf(a: ApplicantRow, csrfToken: string): ApplicantMe {
  return {
    id: a.id,
    email: a.email,
    fullName: a.fullName,
    kind: a.kind as ApplicantMe['kind'],
    idNumber: a.idNumber,
    phone: a.phone,
    address: a.address,
    csrfToken,
  };
}
