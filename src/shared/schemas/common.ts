import { z } from 'zod';

/** The query of every keyset-paginated list: how many, and from where (the previous page's `nextCursor`). */
export const pageQuery = (max = 100, dflt = 50) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(max).default(dflt),
    cursor: z.string().max(500).optional(),
  });

/** One page of a keyset-paginated list; `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = z.infer<ReturnType<typeof pageOf<z.ZodType<T>>>>;

/** A whole (short) list. */
export const itemsOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item) });
export type Items<T> = z.infer<ReturnType<typeof itemsOf<z.ZodType<T>>>>;

/** The answer of a write that has nothing else to say. */
export const okView = z.object({ ok: z.literal(true) });
export type OkView = z.infer<typeof okView>;

/** What a creation answers: the new record's id. */
export const createdView = z.object({ id: z.uuid() });
export type CreatedView = z.infer<typeof createdView>;
