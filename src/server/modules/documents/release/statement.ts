import { type SQL, sql } from 'drizzle-orm';
import { insertRowsSql } from '../../../db/bulk.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { appendAuditSql } from '../../../platform/audit/index.ts';
import { enqueueSql } from '../../../platform/jobs/index.ts';
import { documentJob } from '../../mail/index.ts';
import { noticesSql } from '../../notifications/index.ts';
import type { OutsideExchange } from '../delivery.ts';
import { numberSql, numberTextSql } from '../registers.ts';
import { deliveries, documentEvents, documentFiles, documents } from '../schema.ts';
import type { ReleasePlan } from './plan.ts';

/**
 * The second of the release's two statements, from its plan: it locks the document if it is still
 * signed, takes the number and writes the document, its deliveries, each recipient agency's copy here
 * (with its files, event and the clerks' notices), the packages queued for peers, e-mail jobs and the
 * audit row; no number (the document was released meanwhile, or the register does not exist yet),
 * nothing written. It returns one row: `found` (the document was still signed), `number` and `nn`
 * (the number/notation as printed).
 */
export function releaseStatement(
  plan: ReleasePlan,
  actor: Actor,
  exchange: OutsideExchange | undefined,
): SQL {
  const { id, released, now } = plan;
  const nt = sql`nt`;
  const items = [
    // Still signed? Locked until the statement commits: a second release of it finds nothing here.
    sql`chk AS (SELECT id FROM documents WHERE id = ${id} AND status = 'signed' FOR UPDATE)`,
    sql`num AS (${numberSql(plan.agencyId, 'outgoing', plan.year, plan.secret, sql`EXISTS (SELECT 1 FROM chk)`)})`,
    sql`nt AS (SELECT register_id, last_number, ${numberTextSql(sql`last_number`)} AS txt,
                      ${numberTextSql(sql`last_number`)} || ${`/${plan.notation}`} AS nn FROM num)`,
    sql`upd AS (UPDATE documents d SET status = 'released', register_id = nt.register_id, register_year = ${plan.year},
          number = nt.last_number, notation = ${plan.notation}, number_notation = nt.nn,
          issued_date = ${released.issuedDate}::date, issuer_agency_id = ${released.issuerAgencyId}, issuer_name = ${released.issuerName},
          issuer_code = ${released.issuerCode}, released_at = ${now.toISOString()}::timestamptz, holder_id = NULL,
          updated_at = ${now.toISOString()}::timestamptz
        FROM nt WHERE d.id = ${id})`,
    plan.deliveries.length ? sql`dl AS (${insertRowsSql(deliveries, plan.deliveries, { from: nt })})` : null,
    plan.copies.length
      ? sql`cp AS (${insertRowsSql(documents, plan.copies, { from: nt, computed: { numberNotation: sql`nt.nn` } })})`
      : null,
    plan.copyFiles.length ? sql`cf AS (${insertRowsSql(documentFiles, plan.copyFiles, { from: nt })})` : null,
    sql`ev AS (${insertRowsSql(documentEvents, plan.events, {
      from: nt,
      computed: {
        data: sql`CASE WHEN r.kind = 'released' THEN r.data || jsonb_build_object('numberNotation', nt.nn) ELSE r.data END`,
      },
    })})`,
    noticesSql(plan.notices, { from: nt }),
    plan.toPeers.length && exchange
      ? exchange.queueSql(released, plan.toPeers, actor.fullName, { from: nt, numberText: sql`nt.txt` })
      : null,
    plan.mails.length
      ? enqueueSql(
          'mail_jobs',
          documentJob,
          plan.mails.map((deliveryId) => ({
            payload: { deliveryId },
            opts: { maxAttempts: 20 },
          })),
          { from: nt },
        )
      : null,
    appendAuditSql(actor, plan.audit, nt),
  ].filter((x) => x !== null);
  return sql`WITH ${sql.join(items, sql`, `)}
          SELECT (SELECT count(*) FROM chk)::int AS found, (SELECT last_number FROM nt) AS number,
                 (SELECT nn FROM nt) AS nn`;
}
