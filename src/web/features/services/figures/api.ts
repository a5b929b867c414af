import type { z } from 'zod';
import type {
  FigureKey,
  FiguresReply,
  figureDossiersReplySchema,
} from '../../../../shared/services/figures.ts';
import { apiUrl, get } from '../../../api/client.ts';

export type FigureDossiers = z.infer<typeof figureDossiersReplySchema>;

/** The period of the figures as it sits in the page's address (so a figure's link can be shared). */
export interface PeriodChoice {
  period: 'month' | 'quarter' | 'year';
  year: number;
  month?: number;
  quarter?: number;
}

export function periodQuery(p: PeriodChoice): Record<string, string> {
  const q: Record<string, string> = { period: p.period, year: String(p.year) };
  if (p.period === 'month') q.month = String(p.month ?? 1);
  if (p.period === 'quarter') q.quarter = String(p.quarter ?? 1);
  return q;
}

/** The period read back from the address; the current month (Vietnamese time) when absent or wrong. */
export function periodFrom(params: URLSearchParams, now = new Date()): PeriodChoice {
  const vn = new Date(now.getTime() + 7 * 3600_000);
  const year = Number(params.get('year')) || vn.getUTCFullYear();
  const period = (['month', 'quarter', 'year'] as const).find((p) => p === params.get('period')) ?? 'month';
  const month = Math.min(12, Math.max(1, Number(params.get('month')) || vn.getUTCMonth() + 1));
  const quarter = Math.min(
    4,
    Math.max(1, Number(params.get('quarter')) || Math.floor(vn.getUTCMonth() / 3) + 1),
  );
  return { period, year, month, quarter };
}

export const figureKeys = {
  all: ['services', 'figures'] as const,
  figures: (p: PeriodChoice) => [...figureKeys.all, periodQuery(p)] as const,
  dossiers: (p: PeriodChoice, key: string, part: string) =>
    [...figureKeys.all, 'dossiers', periodQuery(p), key, part] as const,
};

export const getFigures = (p: PeriodChoice) => get<FiguresReply>('/services/figures', periodQuery(p));
export const figuresXlsxUrl = (p: PeriodChoice) => apiUrl('/services/figures.xlsx', periodQuery(p));
export const getFigureDossiers = (p: PeriodChoice, key: FigureKey, part: string, cursor?: string) =>
  get<FigureDossiers>('/services/figures/dossiers', { ...periodQuery(p), key, part, cursor });
