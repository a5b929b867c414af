import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Content-addressed files: one row per distinct content (SHA-256), the bytes live in the blob store. */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  /** Media type verified by content sniffing, e.g. application/pdf. */
  mediaType: text('media_type').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
