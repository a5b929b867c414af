import type { Ctx } from '../../platform/context.ts';
import { activeAgenciesByCode } from '../agencies/index.ts';
import { loadVisible } from './common.ts';

/**
 * Where a recipient with a QCVN 102 agency code is delivered when its document is released. The
 * rule is the documents module's (a release decides a recipient's delivery: a copy here, a package
 * through the exchange, or a question to the clerk); the exchange only says which peer serves a code.
 */
export type CodeRoute<Local, Peer> =
  | { kind: 'local'; agency: Local }
  | { kind: 'peer'; peer: Peer }
  | { kind: 'unknown' };

/**
 * An active agency of this installation first (never a division: it receives through its agency),
 * else the peer installation serving the code, else unknown (the clerk decides before release).
 * `locals` are the active units holding the codes (agencies' activeAgenciesByCode), `peers` the
 * peers serving them.
 */
export function routeCode<Local extends { kind: string }, Peer>(
  code: string,
  locals: Map<string, Local>,
  peers: Map<string, Peer>,
): CodeRoute<Local, Peer> {
  const agency = locals.get(code);
  if (agency && agency.kind !== 'division') return { kind: 'local', agency };
  const peer = peers.get(code);
  return peer === undefined ? { kind: 'unknown' } : { kind: 'peer', peer };
}

export interface RecipientRoute {
  name: string;
  agencyCode: string | null;
  route: 'internal' | 'peer' | 'unknown' | 'paper';
  via: string | null;
}

/**
 * How each recipient of a document the actor may see will be reached on release: an agency here
 * (internal), a peer, on paper (no agency code), or not known yet. Two queries whatever the number
 * of recipients: the agencies holding the codes, the peers serving them.
 */
export async function recipientRoutes(ctx: Ctx, documentId: string): Promise<RecipientRoute[]> {
  const doc = await loadVisible(ctx, documentId);
  const recipients = doc.recipients as { kind: string; name: string; agencyCode?: string }[];
  const codes = recipients.flatMap((r) => (r.kind !== 'agency' && r.agencyCode ? [r.agencyCode] : []));
  const locals = await activeAgenciesByCode(ctx.db, codes);
  const unserved = codes.filter((c) => routeCode(c, locals, new Map()).kind !== 'local');
  const exchange = ctx.hooks.outsideExchange;
  const peers =
    exchange && unserved.length
      ? await exchange.peersFor(ctx.db, unserved)
      : new Map<string, { id: string; name: string }>();
  return recipients.map((r): RecipientRoute => {
    if (r.kind === 'agency') return { name: r.name, agencyCode: null, route: 'internal', via: null };
    if (!r.agencyCode) return { name: r.name, agencyCode: null, route: 'paper', via: null };
    const route = routeCode(r.agencyCode, locals, peers);
    return {
      name: r.name,
      agencyCode: r.agencyCode,
      route: route.kind === 'local' ? 'internal' : route.kind,
      via: route.kind === 'peer' ? route.peer.name : route.kind === 'local' ? route.agency.name : null,
    };
  });
}
