import { sql } from 'drizzle-orm';
import {
  type EffectInput,
  type Expiry,
  expiryOf,
  type GuidedDoc,
  type IncomingLink,
} from '../../../../shared/legal/effect.ts';
import type { RelationKind } from '../../../../shared/legal/relations.ts';
import type { EffectStatus } from '../../../../shared/legal/statuses.ts';
import { type Db, rows } from '../../../db/client.ts';

/*
 * The inputs of the pure effect rules (shared/legal/effect.ts) for a few documents read from the
 * database: each document, its incoming links with the sources' dates, and the documents it guides
 * with their own expiries (read level by level down the guiding chain). Used for a document's page
 * (status as of any date, history); the lists use the cached status (status.ts).
 */

const MAX_DEPTH = 12;

interface DocRow {
  id: string;
  number_notation: string;
  title: string;
  issued_date: string;
  effective_from: string;
  effective_to: string | null;
  declared_status: EffectStatus | null;
  declared_from: string | null;
  by_id: string | null;
  by_number: string | null;
  by_title: string | null;
  by_issued: string | null;
}

interface LinkRow {
  target_id: string;
  kind: RelationKind;
  effective_date: string | null;
  ends_on: string | null;
  articles: string | null;
  s_id: string;
  s_number: string;
  s_title: string;
  s_issued: string;
  s_from: string;
}

/** Effect inputs of `ids` (and, to get their expiries, of everything they guide), by id. */
export async function loadEffectInputs(db: Db, ids: readonly string[]): Promise<Map<string, EffectInput>> {
  const docs = new Map<string, DocRow>();
  const incoming = new Map<string, IncomingLink[]>();
  const guides = new Map<string, string[]>();
  let frontier = [...new Set(ids)];
  for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth++) {
    const list = `{${frontier.join(',')}}`;
    const docRows = await rows<DocRow>(
      db,
      sql`SELECT x.id, x.number_notation, x.title, x.issued_date::text, x.effective_from::text,
                 x.effective_to::text, x.declared_status, x.declared_from::text,
                 b.id AS by_id, b.number_notation AS by_number, b.title AS by_title, b.issued_date::text AS by_issued
            FROM legal_documents x LEFT JOIN legal_documents b ON b.id = x.declared_by_id
           WHERE x.id = ANY(${list}::uuid[])`,
    );
    for (const d of docRows) docs.set(d.id, d);
    const links = await rows<LinkRow>(
      db,
      sql`SELECT r.target_id, r.kind, r.effective_date::text, r.ends_on::text, r.articles,
                 s.id AS s_id, s.number_notation AS s_number, s.title AS s_title,
                 s.issued_date::text AS s_issued, s.effective_from::text AS s_from
            FROM legal_relations r JOIN legal_documents s ON s.id = r.source_id
           WHERE r.target_id = ANY(${list}::uuid[])
           ORDER BY r.created_at, r.id`,
    );
    for (const l of links) {
      const list = incoming.get(l.target_id) ?? [];
      list.push({
        kind: l.kind,
        effectiveDate: l.effective_date,
        endsOn: l.ends_on,
        articles: l.articles,
        source: {
          id: l.s_id,
          numberNotation: l.s_number,
          title: l.s_title,
          issuedDate: l.s_issued,
          effectiveFrom: l.s_from,
        },
      });
      incoming.set(l.target_id, list);
    }
    const guided = await rows<{ source_id: string; target_id: string }>(
      db,
      sql`SELECT source_id, target_id FROM legal_relations
           WHERE kind = 'guides' AND source_id = ANY(${list}::uuid[])`,
    );
    for (const g of guided) guides.set(g.source_id, [...(guides.get(g.source_id) ?? []), g.target_id]);
    frontier = [...new Set(guided.map((g) => g.target_id))].filter((id) => !docs.has(id));
  }

  const expiries = new Map<string, Expiry | null>();
  const inputs = new Map<string, EffectInput>();
  const visiting = new Set<string>();
  const inputOf = (id: string): EffectInput | undefined => {
    const d = docs.get(id);
    if (!d) return undefined;
    const known = inputs.get(id);
    if (known) return known;
    visiting.add(id);
    const guided: GuidedDoc[] = [];
    for (const gid of guides.get(id) ?? []) {
      const g = docs.get(gid);
      if (!g) continue;
      // A guiding cycle (nonsense data) contributes nothing rather than looping.
      guided.push({ doc: refOf(g), expiry: visiting.has(gid) ? null : expiryFor(gid) });
    }
    visiting.delete(id);
    const input: EffectInput = {
      doc: {
        ...refOf(d),
        issuedDate: d.issued_date,
        effectiveFrom: d.effective_from,
        effectiveTo: d.effective_to,
        declaredStatus: d.declared_status,
        declaredFrom: d.declared_from,
        declaredBy:
          d.by_id && d.by_number && d.by_issued
            ? { id: d.by_id, numberNotation: d.by_number, title: d.by_title ?? '', issuedDate: d.by_issued }
            : null,
      },
      incoming: incoming.get(id) ?? [],
      guided,
    };
    inputs.set(id, input);
    return input;
  };
  const expiryFor = (id: string): Expiry | null => {
    if (expiries.has(id)) return expiries.get(id) ?? null;
    const input = inputOf(id);
    const e = input ? expiryOf(input) : null;
    expiries.set(id, e);
    return e;
  };
  const out = new Map<string, EffectInput>();
  for (const id of ids) {
    const input = inputOf(id);
    if (input) out.set(id, input);
  }
  return out;
}

function refOf(d: DocRow) {
  return { id: d.id, numberNotation: d.number_notation, title: d.title };
}
