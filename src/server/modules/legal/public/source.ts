import type { Db } from '../../../db/client.ts';
import { searchLegal } from '../records/search.ts';
import { loadLegalView } from '../records/view.ts';
import type { SourceSummary, SourceView } from './presenter.ts';
import type { PublicSearchFilters } from './query.ts';

/*
 * The one place the public pages read the records' data (records/: the computed status, history,
 * relations and diagram, and the search every reader shares). The presenter then keeps only the
 * public fields.
 */

export async function searchPublic(
  db: Db,
  f: Omit<PublicSearchFilters, 'issuerCode'> & { issuerId?: string },
  limit: number,
): Promise<{ items: SourceSummary[]; nextCursor: string | null }> {
  const page = await searchLegal(db, {
    q: f.q,
    typeCode: f.typeCode,
    issuerId: f.issuerId,
    fieldCode: f.fieldCode,
    year: f.year,
    status: f.status,
    after: f.cursor,
    limit,
  });
  return { items: page.items, nextCursor: page.nextCursor ?? null };
}

export async function viewPublic(db: Db, id: string, asOf: string): Promise<SourceView | undefined> {
  return loadLegalView(db, id, asOf);
}
