import type { ImportResult } from '../../../../shared/legal/import.ts';
import { ApiError, csrfToken } from '../../../api/client.ts';

/** The fields a column can fill (shared with the server's import). */
export { IMPORT_FIELD_CODES as IMPORT_FIELDS, type ImportField } from '../../../../shared/legal/import.ts';

/**
 * Sends the file (and the mapping, when the person changed it) for a check or the real import.
 * A real run refused for bad rows answers 422 with the same report in `result`: it is returned as a
 * result, since the screen shows it the same way.
 */
export async function sendImport(
  file: File,
  opts: { dryRun: boolean; mapping?: Record<string, string> },
): Promise<ImportResult> {
  const body = new FormData();
  if (opts.mapping) body.append('mapping', JSON.stringify(opts.mapping));
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/v1/legal/imports?dryRun=${opts.dryRun}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json', 'x-csrf-token': csrfToken() },
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 422 && data.result) return data.result as ImportResult;
  if (!res.ok)
    throw new ApiError(
      res.status,
      typeof data.code === 'string' ? data.code : 'http_error',
      typeof data.detail === 'string' ? data.detail : '',
      Array.isArray(data.fields) ? (data.fields as { path: string; message: string }[]) : [],
      data,
    );
  return data as unknown as ImportResult;
}
