import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgencyView, agencyKeys, listAgencies } from '../api/agencies.ts';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function agencyLabel(a: Pick<AgencyView, 'name' | 'agencyCode'>): string {
  return a.agencyCode ? `${a.name} (${a.agencyCode})` : a.name;
}

export interface AgencyPickerProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null, agency: AgencyView | null) => void;
  /** Shown for the current value before any search (e.g. the unit being edited). */
  initial?: AgencyView | null;
  /** Leave out divisions (people hold positions in agencies, then pick a division inside). */
  agenciesOnly?: boolean;
  /** Ids that may not be chosen (the unit itself when moving or merging). */
  exclude?: string[];
  placeholder?: string;
  allowClear?: boolean;
  'aria-label'?: string;
  style?: React.CSSProperties;
}

/** Searches the agency tree as the person types (diacritics-insensitive on the server). */
export function AgencyPicker({ id, value, onChange, initial, agenciesOnly, exclude, placeholder, allowClear, style, ...rest }: AgencyPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<AgencyView | null>(initial ?? null);
  const dq = useDebounced(q.trim(), 250);
  const query = useQuery({
    queryKey: agencyKeys.list({ q: dq, limit: 30 }),
    queryFn: ({ signal }) => listAgencies({ q: dq || undefined, limit: 30 }, signal),
    staleTime: 60_000,
  });
  const options = useMemo(() => {
    const items = (query.data?.items ?? []).filter((a) => (!agenciesOnly || a.kind !== 'division') && !exclude?.includes(a.id));
    if (chosen && chosen.id === value && !items.some((a) => a.id === chosen.id)) items.unshift(chosen);
    return items.map((a) => ({ value: a.id, label: agencyLabel(a), agency: a }));
  }, [query.data, agenciesOnly, exclude, chosen, value]);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      aria-label={rest['aria-label']}
      style={{ width: '100%', ...style }}
      placeholder={placeholder ?? t('agencies.pickerPlaceholder')}
      allowClear={allowClear}
      loading={query.isFetching}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      notFoundContent={query.isFetching ? t('shell.loading') : t('agencies.noResults')}
      onChange={(v: string | undefined, opt) => {
        const a = (Array.isArray(opt) ? undefined : (opt as { agency?: AgencyView } | undefined))?.agency ?? null;
        setChosen(a);
        onChange?.(v ?? null, a);
      }}
    />
  );
}

/** The divisions (phòng, ban) of one agency. */
export function DivisionPicker({ id, agencyId, value, onChange, placeholder }: { id?: string; agencyId?: string | null; value?: string | null; onChange?: (v: string | null) => void; placeholder?: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: agencyKeys.list({ parentId: agencyId ?? '', kind: 'division', limit: 500 }),
    queryFn: ({ signal }) => listAgencies({ parentId: agencyId!, kind: 'division', limit: 500 }, signal),
    enabled: !!agencyId,
    staleTime: 60_000,
  });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      style={{ width: '100%' }}
      disabled={!agencyId}
      allowClear
      placeholder={placeholder ?? t('people.fields.divisionNone')}
      loading={query.isFetching}
      options={(query.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
    />
  );
}
