import { and, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { agencyRowsSql } from '../../agencies/index.ts';
import { holdersJsonSql } from '../../people/index.ts';
import { shapeOf, visibleToShape } from '../access.ts';
import { auditDoc, type DocumentRow } from '../common.ts';
import type { OutsideExchange } from '../delivery.ts';
import { documents } from '../schema.ts';

/** An agency of this installation a recipient names (by id, or by code), with its clerks. */
export interface LocalAgency {
  id: string;
  name: string;
  code: string | null;
  kind: string;
  status: string;
  clerks: string[];
}

/** A registered peer installation serving an agency code. */
export interface PeerRoute {
  code: string;
  peerId: string;
  peerName: string;
}

/** What the release decides from (see releaseRead). */
export interface ReleaseRead {
  doc: DocumentRow;
  /** The issuing agency. */
  agency: { id: string; name: string; shortName: string; agencyCode: string | null };
  /** The drafting division's short name, for the notation. */
  division: string | null;
  /** The document's current files (copied to recipients here by hash). */
  files: { sha256: string; fileName: string; mediaType: string; size: number; role: string }[] | null;
  /** The agencies the recipients name, by id or by code. */
  locals: LocalAgency[] | null;
  /** The peers serving the recipients' other codes. */
  peers: PeerRoute[];
}

const d = alias(documents, 'd');

/**
 * The document to release with everything the release decides from, in one statement: the
 * issuing agency and drafting division (the notation), the current files (copied to recipients
 * here), the agencies the recipients name and their clerks, and the peers serving the other codes.
 */
function loadStatement(db: Db, shape: ReturnType<typeof shapeOf>, exchange: OutsideExchange | undefined) {
  const codes = sql`ARRAY(SELECT r->>'agencyCode' FROM jsonb_array_elements(d.recipients) r WHERE r->>'kind' = 'outside' AND r->>'agencyCode' IS NOT NULL)`;
  return db
    .select({
      doc: d,
      agency: sql<ReleaseRead['agency']>`(
        SELECT json_build_object('id', a.id, 'name', a.name, 'shortName', a.short_name, 'agencyCode', a.agency_code)
          FROM ${agencyRowsSql} a WHERE a.id = d.agency_id)`,
      division: sql<
        string | null
      >`(SELECT a.short_name FROM ${agencyRowsSql} a WHERE a.id = d.drafting_division_id)`,
      files: sql<ReleaseRead['files']>`(
        SELECT json_agg(json_build_object('sha256', f.sha256, 'fileName', f.file_name, 'mediaType', f.media_type,
                                          'size', f.size, 'role', f.role) ORDER BY f.created_at)
          FROM document_files f WHERE f.document_id = d.id AND f.current)`,
      locals: sql<LocalAgency[] | null>`(
        SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'code', a.agency_code, 'kind', a.kind,
                 'status', a.status, 'clerks', ${holdersJsonSql(sql`a.id`, 'clerk')}))
          FROM ${agencyRowsSql} a
         WHERE a.id IN (SELECT (r->>'agencyId')::uuid FROM jsonb_array_elements(d.recipients) r WHERE r->>'kind' = 'agency')
            OR (a.agency_code = ANY(${codes}) AND a.status = 'active' AND a.kind <> 'division'))`,
      peers: exchange ? sql<PeerRoute[]>`${exchange.peersSql(codes)}` : sql<PeerRoute[]>`'[]'::json`,
    })
    .from(d)
    .where(
      and(
        sql`d.id = ${sql.placeholder('id')}`,
        visibleToShape(shape, {
          agencyId: sql.placeholder('agencyId'),
          personId: sql.placeholder('personId'),
          divisionId: sql.placeholder('divisionId'),
        }),
      ),
    )
    .prepare(
      `release_load_${shape.broad ? 'b' : 'n'}${shape.division ? 'd' : 'n'}${exchange ? '' : '_local'}`,
    );
}

// The load is built once per database, shape of the visibility rule and presence of the exchange, and
// prepared: building it with Drizzle took about 0.14 ms of the release's CPU.
const statements = new WeakMap<Db, Map<string, ReturnType<typeof loadStatement>>>();

/**
 * The first of the release's two statements: the document, if the actor may see it, with its routes.
 * A secret document's read is audited, as every read of one (common.ts, loadVisible).
 */
export async function releaseRead(c: Ctx, id: string): Promise<ReleaseRead> {
  const shape = shapeOf(c.actor);
  const exchange = c.hooks.outsideExchange;
  const key = `${JSON.stringify(shape)}${exchange ? '' : ' local'}`;
  const mine = statements.get(c.db) ?? new Map<string, ReturnType<typeof loadStatement>>();
  statements.set(c.db, mine);
  const statement = mine.get(key) ?? loadStatement(c.db, shape, exchange);
  mine.set(key, statement);
  const [row] = shape.agency
    ? await statement.execute({
        id,
        agencyId: c.actor.agencyId,
        personId: c.actor.personId,
        divisionId: c.actor.divisionId,
      })
    : [];
  if (!row) throw notFound('Văn bản');
  if (row.doc.secrecy !== 'normal') await auditDoc(c, row.doc, 'read_secret');
  return row;
}
