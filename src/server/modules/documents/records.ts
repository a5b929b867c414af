import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DocumentRow } from './common.ts';
import type { DeliveryRow } from './delivery.ts';
import { deliveries, documents } from './schema.ts';

/**
 * Documents and deliveries by id, for the system's own work (the exchange building a package or
 * answering a status, jobs): no visibility rule applies, so never for what a person asked to see
 * (that is `loadVisible`). One query for all of them.
 */
export async function findDocuments(db: Db, ids: string[]): Promise<Map<string, DocumentRow>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const found = await db.select().from(documents).where(inArray(documents.id, wanted));
  return new Map(found.map((d) => [d.id, d]));
}

/** Delivery rows by id (a recipient's name and status on the sender's side), in one query. */
export async function findDeliveries(db: Db, ids: string[]): Promise<Map<string, DeliveryRow>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const found = await db.select().from(deliveries).where(inArray(deliveries.id, wanted));
  return new Map(found.map((d) => [d.id, d]));
}
