import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches, kept up to date as the window changes. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = window.matchMedia(query);
      mq.addEventListener('change', cb);
      return () => mq.removeEventListener('change', cb);
    },
    () => window.matchMedia(query).matches,
  );
}

/** The shell shows a sidebar from 992 px; below, a drawer. */
export const DESKTOP_QUERY = '(min-width: 992px)';
/** Below 768 px, wide tables become lists of cards. */
export const PHONE_QUERY = '(max-width: 767px)';
