import { matchPath, useLocation } from 'react-router-dom';

/**
 * The addresses of the periodic reports' screens. The navigation routes `/bao-cao/dinh-ky/:id` and
 * the whole of `/bao-cao/tong-hop/*` to PeriodicScreens (a few entries keep the sign-in route small),
 * which picks the screen here; a screen reads its record's id with `useScreenId`.
 */
export const SCREEN_PATHS = {
  own: '/bao-cao/dinh-ky',
  fill: '/bao-cao/dinh-ky/:id',
  cycles: '/bao-cao/tong-hop',
  cycle: '/bao-cao/tong-hop/ky/:id',
  consolidated: '/bao-cao/tong-hop/ky/:id/ban-tong-hop',
  review: '/bao-cao/tong-hop/bao-cao/:id',
  late: '/bao-cao/tong-hop/tre-han',
  templates: '/bao-cao/tong-hop/mau',
  template: '/bao-cao/tong-hop/mau/:id',
} as const;
export type ScreenName = keyof typeof SCREEN_PATHS;

/** The screen the address names, and its id if it has one. */
export function screenAt(pathname: string): { name: ScreenName; id?: string } | null {
  for (const [name, pattern] of Object.entries(SCREEN_PATHS) as [ScreenName, string][]) {
    const m = matchPath(pattern, pathname);
    if (m) return { name, id: m.params.id };
  }
  return null;
}

/** The id of the record the current screen shows ('' when none). */
export function useScreenId(): string {
  return screenAt(useLocation().pathname)?.id ?? '';
}
