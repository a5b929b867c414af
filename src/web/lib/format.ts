import { viDateOfInstant, viDateTime } from '../../shared/calendar/vn-time.ts';

function toDate(v: string | Date | null | undefined): Date | null {
  if (!v) return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * "23/11/2026": dates are shown dd/MM/yyyy in the province's time zone (DESIGN.md §5), whatever the
 * browser's zone; a calendar date (yyyy-mm-dd) reads as midnight UTC, the same day in Vietnam.
 */
export function formatDate(v: string | Date | null | undefined): string {
  const d = toDate(v);
  return d ? viDateOfInstant(d) : '—';
}

/** "23/11/2026 14:05" */
export function formatDateTime(v: string | Date | null | undefined): string {
  const d = toDate(v);
  return d ? viDateTime(d) : '—';
}

/** Vietnamese number grouping (1.234) or English (1,234). */
export function formatNumber(n: number, lang: 'vi' | 'en'): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US').format(n);
}

/** A user agent string as a short "Chrome trên Linux"-like description. */
export function describeUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (!browser && !os) return ua.slice(0, 80);
  return [browser, os].filter(Boolean).join(' · ');
}
