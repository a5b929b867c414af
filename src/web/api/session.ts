import { MutationCache, QueryCache, QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginReply, MeView } from '../../shared/schemas/auth.ts';
import { ApiError, get, post, setCsrfToken } from './client.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when there is no session. */
export async function fetchMe(): Promise<MeView | null> {
  try {
    const me = await get<MeView>('/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

let sessionEnded = false;

/** True once after a request found the session gone, so the sign-in page can say why it is shown. */
export function consumeSessionEnded(): boolean {
  const v = sessionEnded;
  sessionEnded = false;
  return v;
}

export function createQueryClient(): QueryClient {
  // A session that ended (expired, revoked elsewhere, account disabled) sends the person back to
  // sign-in; one that still needs a step (new password, TOTP) is re-read so sign-in shows that step.
  const onError = (err: unknown) => {
    if (!(err instanceof ApiError)) return;
    if (err.status === 401 && err.code === 'unauthenticated') {
      if (client.getQueryData(ME_KEY)) sessionEnded = true;
      client.setQueryData(ME_KEY, null);
    } else if (err.code === 'password_change_required' || err.code === 'totp_required') {
      void client.invalidateQueries({ queryKey: ME_KEY });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) =>
          err instanceof ApiError && (err.code === 'network' || err.status >= 500) && count < 1,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in person inside the app shell, where a session is guaranteed. */
export function useSession(): MeView {
  const { data } = useMe();
  if (!data) throw new Error('useSession outside a signed-in area');
  return data;
}

export function can(me: MeView | null | undefined, permission: string | undefined): boolean {
  if (!permission) return true;
  return !!me?.permissions.includes(permission);
}

export async function login(username: string, password: string): Promise<LoginReply> {
  const r = await post<LoginReply>('/auth/login', { username, password });
  setCsrfToken(r.csrfToken);
  return r;
}

/** Ends the session on the server, then forgets every cached answer. */
export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    try {
      await post('/auth/logout');
    } catch {
      /* the session may already be gone; signing out locally is what matters */
    }
    qc.clear();
    qc.setQueryData(ME_KEY, null);
  };
}
