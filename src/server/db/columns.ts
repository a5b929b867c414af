import { sql } from 'drizzle-orm';
import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUID v7 primary key: index-friendly and not guessable across agencies. */
export const idColumn = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => uuidv7());

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Generated column holding lt_norm(source): diacritics-free, lower-case text for search indexes. */
export const normalized = (name: string, source: string) =>
  customType<{ data: string }>({ dataType: () => 'text' })(name).generatedAlwaysAs(
    sql.raw(`lt_norm(${source})`),
  );

export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Bytes (bytea): a Buffer on both engines (PGlite gives a Uint8Array). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
