import { inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { FileSignatureView, VerificationResult } from '../../../../shared/schemas/signatures-verify.ts';
import { type Db, rows } from '../../../db/client.ts';
import type { BlobStore } from '../../../platform/blobs/index.ts';
import { defineJob, enqueueMany, type JobEnv } from '../../../platform/jobs/index.ts';
import { pdfVerifications, trustAnchors } from '../schema.ts';
import { type PreparedAnchors, prepareAnchors, verifyPdf } from './verifier.ts';

/*
 * Stored verifications, keyed by the PDF's SHA-256 and the version of the trust anchors they were made
 * with. The version is a number that only grows: anchors are never deleted, only marked removed, so
 * count(rows) + count(removed) changes with every addition and every removal (a new CRL is a new row).
 */

/** A PDF larger than this is not read into memory for verification (the result says so). */
const MAX_VERIFY_BYTES = 200 * 1024 * 1024;
/** How many missing or stale verifications one read (a document's page) may do before answering. */
export const VERIFY_ON_READ = 8;

export interface AnchorsState {
  version: number;
  anchors: PreparedAnchors;
}

const prepared = new Map<string, PreparedAnchors>();

/** The current trust anchors, parsed (kept in memory per set of anchors) and their version. */
export async function currentAnchors(db: Db): Promise<AnchorsState> {
  const [v] = await rows<{ version: number; ids: string | null }>(
    db,
    sql`SELECT (count(*) + count(removed_at))::int AS version,
               string_agg(CASE WHEN removed_at IS NULL THEN id::text END, ',' ORDER BY id) AS ids
          FROM trust_anchors`,
  );
  const version = v?.version ?? 0;
  const key = v?.ids ?? '';
  let anchors = prepared.get(key);
  if (!anchors) {
    const list = key
      ? await db
          .select({ certificatePem: trustAnchors.certificatePem, crlPem: trustAnchors.crlPem })
          .from(trustAnchors)
          .where(isNull(trustAnchors.removedAt))
      : [];
    anchors = prepareAnchors(list);
    if (prepared.size > 16) prepared.clear();
    prepared.set(key, anchors);
  }
  return { version, anchors };
}

/** Reads, verifies and stores the given PDFs (by hash) against the current anchors. */
export async function verifyAndStore(
  env: { db: Db; blobs: BlobStore },
  sha256s: readonly string[],
  state?: AnchorsState,
): Promise<Map<string, VerificationResult>> {
  const out = new Map<string, VerificationResult>();
  if (sha256s.length === 0) return out;
  const { version, anchors } = state ?? (await currentAnchors(env.db));
  for (const sha of new Set(sha256s)) {
    let result: VerificationResult;
    try {
      const bytes = await env.blobs.read(sha);
      result =
        bytes.length > MAX_VERIFY_BYTES
          ? {
              status: 'warning',
              summary: 'Tệp quá lớn để kiểm tra chữ ký.',
              encrypted: false,
              signatures: [],
            }
          : verifyPdf(bytes, anchors);
    } catch {
      continue; // a blob not (yet) in the store: verified later
    }
    out.set(sha, result);
  }
  if (out.size) {
    await env.db
      .insert(pdfVerifications)
      .values(
        [...out].map(([sha256, r]) => ({ sha256, status: r.status, result: r, anchorsVersion: version })),
      )
      .onConflictDoUpdate({
        target: pdfVerifications.sha256,
        set: {
          status: sql`excluded.status`,
          result: sql`excluded.result`,
          anchorsVersion: sql`excluded.anchors_version`,
          checkedAt: sql`now()`,
        },
      });
  }
  return out;
}

/**
 * The verifications of these PDFs (by hash): the stored ones made with the current anchors; missing
 * or stale ones verified now, at most `verifyNow` of them (the rest stay absent: a job or the next
 * read does them).
 */
export async function verificationsOf(
  env: { db: Db; blobs: BlobStore },
  sha256s: readonly string[],
  opts: { verifyNow?: number } = {},
): Promise<Map<string, VerificationResult>> {
  const out = new Map<string, VerificationResult>();
  const wanted = [...new Set(sha256s)];
  if (wanted.length === 0) return out;
  const state = await currentAnchors(env.db);
  const stored = await env.db.select().from(pdfVerifications).where(inArray(pdfVerifications.sha256, wanted));
  const stale: string[] = [];
  for (const sha of wanted) {
    const row = stored.find((r) => r.sha256 === sha);
    if (row && row.anchorsVersion === state.version) out.set(sha, row.result as VerificationResult);
    else stale.push(sha);
  }
  const now = stale.slice(0, opts.verifyNow ?? VERIFY_ON_READ);
  if (now.length) for (const [sha, r] of await verifyAndStore(env, now, state)) out.set(sha, r);
  // What stays unverified keeps its older result until it is redone (better than nothing shown).
  for (const sha of stale.slice(now.length)) {
    const row = stored.find((r) => r.sha256 === sha);
    if (row) out.set(sha, row.result as VerificationResult);
  }
  return out;
}

const verifyPayload = z.object({
  sha256s: z
    .array(z.string().regex(/^[0-9a-f]{64}$/))
    .min(1)
    .max(200),
});

/** The job: verifies arriving PDFs (slow lane: a big PDF takes a while to hash). */
export const verifyPdfJob = defineJob('signatures.verify_pdf', verifyPayload, (env: JobEnv) => ({
  transactional: false,
  slow: true,
  batch: {
    max: 20,
    run: async ({ db, jobs }) => {
      await verifyAndStore(
        { db, blobs: env.blobs },
        jobs.flatMap((j) => j.payload.sha256s),
      );
      return undefined;
    },
  },
}));

/** Queues the verification of these PDFs (call in the caller's transaction: the job exists iff the arrival does). */
export async function enqueuePdfVerification(
  db: Db,
  files: readonly { sha256: string; mediaType?: string }[],
) {
  // Without a media type (a clerk's file references) every file is queued; the verifier tells a PDF by its bytes.
  const sha256s = [
    ...new Set(files.filter((f) => !f.mediaType || f.mediaType === 'application/pdf').map((f) => f.sha256)),
  ];
  if (sha256s.length === 0) return;
  const chunks: string[][] = [];
  for (let i = 0; i < sha256s.length; i += 200) chunks.push(sha256s.slice(i, i + 200));
  await enqueueMany(
    db,
    verifyPdfJob,
    chunks.map((c) => ({ payload: { sha256s: c }, opts: { maxAttempts: 3 } })),
  );
}

/** A verification as a document's file shows it (allow-listed fields only). */
export function presentSignature(r: VerificationResult | undefined): FileSignatureView | null {
  if (!r) return null;
  return {
    status: r.status,
    summary: r.summary,
    signers: r.signatures.map((s) => ({
      name: s.name,
      organisation: s.organisation,
      issuer: s.issuer,
      signedAt: s.signedAt,
      valid: s.status === 'valid',
      status: s.status,
      coverage: s.coverage,
      chain: s.chain,
      chainNames: s.chainNames,
      problems: s.problems,
      notes: s.notes,
    })),
  };
}
