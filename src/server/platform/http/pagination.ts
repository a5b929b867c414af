import { AppError } from './errors.ts';

/** Opaque keyset cursor: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === arity) return v;
  } catch {
    /* fall through */
  }
  throw new AppError('bad_request', 'Tham số phân trang (cursor) không hợp lệ.');
}

// The API shapes of a page live with the other API shapes, where the web reads them too.
export { pageOf, pageQuery } from '../../../shared/schemas/common.ts';

/** Takes limit+1 rows, returns the page and the cursor of its last row when there is more. */
export function paginate<T>(rowsIn: T[], limit: number, keyOf: (row: T) => unknown[]) {
  const more = rowsIn.length > limit;
  const items = rowsIn.slice(0, limit);
  return { items, nextCursor: more && items.length ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A keyset cursor of (sort key, id): the key a string (an instant when `instant`), the id a uuid. An
 * edited cursor is a Vietnamese 400, never a database error on a cast.
 */
export function decodeKeyset(
  cursor: string | undefined,
  opts: { instant?: boolean } = {},
): [string, string] | null {
  const v = decodeCursor(cursor, 2);
  if (!v) return null;
  const [key, id] = v;
  const ok =
    typeof key === 'string' &&
    typeof id === 'string' &&
    UUID_RE.test(id) &&
    (!opts.instant || !Number.isNaN(Date.parse(key)));
  if (!ok) throw new AppError('bad_request', 'Tham số phân trang (cursor) không hợp lệ.');
  return [key, id];
}
