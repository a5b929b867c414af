import { AppError } from '../../../platform/http/errors.ts';
import { decodeCursor } from '../../../platform/http/pagination.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A keyset cursor of (sort key, id) as this module writes them: the key a string (an instant when
 * `instant`), the id a uuid. An edited cursor is a Vietnamese 400, never a database error on a cast.
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
