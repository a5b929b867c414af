import {
  APPLICANT_CSRF_HEADER,
  type ApplicantDossier,
  type ApplicantDossierList,
  type ApplicantMe,
  DOSSIER_SECRET_HEADER,
  type ProcedurePublic,
  type SubmitInput,
  type SubmitReply,
  type UploadedPaper,
} from '../../../../shared/services/api.ts';
import { ApiError, apiUrl } from '../../../api/client.ts';

/*
 * The citizens' calls: the applicant's cookie (lt_applicant) with its CSRF token in its own header,
 * or, for a guest, the dossier's tracking secret in a header (never in an address), kept only in this
 * tab's sessionStorage.
 */

let csrf = '';
export function setApplicantCsrf(token: string): void {
  csrf = token;
}

const SECRET_KEY = (code: string) => `lt-dossier-secret:${code}`;
export function rememberSecret(code: string, secret: string): void {
  sessionStorage.setItem(SECRET_KEY(code), secret.trim().toUpperCase());
}
export function secretOf(code: string): string | null {
  return sessionStorage.getItem(SECRET_KEY(code));
}

async function call<T>(
  path: string,
  init: { method?: string; body?: unknown; code?: string; raw?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (init.body !== undefined && !(init.body instanceof FormData))
    headers['content-type'] = 'application/json';
  if (init.method && init.method !== 'GET' && csrf) headers[APPLICANT_CSRF_HEADER] = csrf;
  const secret = init.code ? secretOf(init.code) : null;
  if (secret) headers[DOSSIER_SECRET_HEADER] = secret;
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method: init.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body:
        init.body === undefined
          ? undefined
          : init.body instanceof FormData
            ? init.body
            : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (init.raw && res.ok) return (await res.blob()) as T;
  const text = await res.text();
  const data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    const fields = Array.isArray(data.fields)
      ? (data.fields as { path?: unknown; message?: unknown }[]).map((f) => ({
          path: String(f.path ?? ''),
          message: String(f.message ?? ''),
        }))
      : [];
    throw new ApiError(
      res.status,
      typeof data.code === 'string' ? data.code : 'http_error',
      typeof data.detail === 'string' ? data.detail : '',
      fields,
      data,
    );
  }
  return data as T;
}

export const citizenKeys = {
  me: ['citizen', 'me'] as const,
  procedure: (code: string) => ['citizen', 'procedure', code] as const,
  dossiers: ['citizen', 'dossiers'] as const,
  dossier: (code: string) => ['citizen', 'dossier', code] as const,
};

/** The signed-in applicant, or null (a guest). */
export async function getMe(): Promise<ApplicantMe | null> {
  try {
    const me = await call<ApplicantMe>('/applicants/me');
    setApplicantCsrf(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export const requestCode = (email: string) =>
  call<{ detail: string }>('/applicants/sign-in/code', { method: 'POST', body: { email } });
export async function signIn(email: string, code: string): Promise<ApplicantMe> {
  const me = await call<ApplicantMe>('/applicants/sign-in', { method: 'POST', body: { email, code } });
  setApplicantCsrf(me.csrfToken);
  return me;
}
export const signOut = () => call<void>('/applicants/sign-out', { method: 'POST' });

export const getProcedure = (code: string) =>
  call<ProcedurePublic>(`/open/thu-tuc/${encodeURIComponent(code)}`);

export async function uploadPaper(file: File): Promise<UploadedPaper> {
  const body = new FormData();
  body.append('file', file, file.name);
  return call<UploadedPaper>('/applicants/papers', { method: 'POST', body });
}

export const submitDossier = (input: SubmitInput) =>
  call<SubmitReply>('/applicants/dossiers', { method: 'POST', body: input });
export const myDossiers = (cursor?: string) =>
  call<ApplicantDossierList>(`/applicants/dossiers${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
export const getDossier = (code: string) =>
  call<ApplicantDossier>(`/applicants/dossiers/${encodeURIComponent(code)}`, { code });
export const answerSupplement = (
  code: string,
  body: { papers: { paperKey: string; sha256: string; fileName: string }[]; note?: string },
) =>
  call<ApplicantDossier>(`/applicants/dossiers/${encodeURIComponent(code)}/supplement`, {
    method: 'POST',
    body,
    code,
  });
export const rateDossier = (code: string, body: { rating: number; comment?: string }) =>
  call<ApplicantDossier>(`/applicants/dossiers/${encodeURIComponent(code)}/rating`, {
    method: 'POST',
    body,
    code,
  });

/** Downloads a file the dossier's secret or the applicant's cookie opens (receipt, result). */
export async function download(
  code: string,
  what: 'receipt.pdf' | 'result',
  fileName: string,
): Promise<void> {
  const blob = await call<Blob>(`/applicants/dossiers/${encodeURIComponent(code)}/${what}`, {
    code,
    raw: true,
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
