import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgencyView, agencyKeys, getAgency, listAgencies } from '../api/agencies.ts';
import { useIdSafeLabel } from '../lib/select.tsx';

/** The value once it has stopped changing for `ms` (a search box's text before it is sent). */
export function useDebounced<T>(value: T, ms: number): T {
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

/** Enough of a unit to show it in a picker (me.agency, a position, a full AgencyView). */
export type AgencyRef = Pick<AgencyView, 'id' | 'name' | 'agencyCode'> & Partial<AgencyView>;

export interface AgencyPickerProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null, agency: AgencyRef | null) => void;
  /** Shown for the current value before any search (e.g. the unit being edited). */
  initial?: AgencyRef | null;
  /** Leave out divisions (people hold positions in agencies, then pick a division inside). */
  agenciesOnly?: boolean;
  /** Only the children of this unit (e.g. a division merges into a sibling division). */
  parentId?: string | null;
  /** Ids that may not be chosen (the unit itself when moving or merging). */
  exclude?: string[];
  placeholder?: string;
  allowClear?: boolean;
  'aria-label'?: string;
  style?: React.CSSProperties;
}

/** Searches the agency tree as the person types (diacritics-insensitive on the server). */
export function AgencyPicker({
  id,
  value,
  onChange,
  initial,
  agenciesOnly,
  parentId,
  exclude,
  placeholder,
  allowClear,
  style,
  ...rest
}: AgencyPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<AgencyRef | null>(initial ?? null);
  const dq = useDebounced(q.trim(), 250);
  const query = useQuery({
    queryKey: agencyKeys.list({ q: dq, limit: 30, parentId: parentId ?? undefined }),
    queryFn: ({ signal }) =>
      listAgencies({ q: dq || undefined, limit: 30, parentId: parentId ?? undefined }, signal),
    staleTime: 60_000,
  });
  const listed = (query.data?.items ?? []).some((a) => a.id === value);
  // The unit behind a value the form received from elsewhere (a prefill, an edited record): the
  // last choice, the caller's `initial`, or else read by id, so the field shows a name, not an id.
  const known = [chosen, initial].find((a) => a && a.id === value) ?? null;
  const byId = useQuery({
    queryKey: agencyKeys.one(value ?? ''),
    queryFn: () => getAgency(value!),
    enabled: !!value && !known && !listed && !query.isFetching,
    staleTime: 60_000,
  });
  const current = known ?? (byId.data?.id === value ? byId.data : null);
  const options = useMemo(() => {
    const items: AgencyRef[] = (query.data?.items ?? []).filter(
      (a) => (!agenciesOnly || a.kind !== 'division') && !exclude?.includes(a.id),
    );
    if (current && !items.some((a) => a.id === current.id)) items.unshift(current);
    return items.map((a) => ({ value: a.id, label: agencyLabel(a), agency: a }));
  }, [query.data, agenciesOnly, exclude, current]);
  const labelRender = useIdSafeLabel(query.isPending || byId.isFetching);
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
      labelRender={labelRender}
      notFoundContent={query.isFetching ? t('shell.loading') : t('agencies.noResults')}
      onChange={(v: string | undefined, opt) => {
        const a =
          (Array.isArray(opt) ? undefined : (opt as { agency?: AgencyRef } | undefined))?.agency ?? null;
        setChosen(a);
        onChange?.(v ?? null, a);
      }}
    />
  );
}

/** The divisions (phòng, ban) of one agency. */
export function DivisionPicker({
  id,
  agencyId,
  value,
  onChange,
  placeholder,
}: {
  id?: string;
  agencyId?: string | null;
  value?: string | null;
  onChange?: (v: string | null) => void;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: agencyKeys.list({ parentId: agencyId ?? '', kind: 'division', limit: 500 }),
    queryFn: ({ signal }) => listAgencies({ parentId: agencyId!, kind: 'division', limit: 500 }, signal),
    enabled: !!agencyId,
    staleTime: 60_000,
  });
  const labelRender = useIdSafeLabel(query.isFetching);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      labelRender={labelRender}
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

/**
 * Several units, searched by name as the person types (diacritics-insensitive on the server); the
 * names of units chosen earlier, or given in `known` (a record being edited), stay shown.
 */
export function AgenciesPicker({
  id,
  value,
  onChange,
  known,
  agenciesOnly,
  placeholder,
  ...rest
}: {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  known?: readonly { id: string; name: string }[];
  /** Leave out divisions. */
  agenciesOnly?: boolean;
  placeholder?: string;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 250);
  const [names, setNames] = useState<Map<string, string>>(() => new Map(known?.map((a) => [a.id, a.name])));
  const query = useQuery({
    queryKey: agencyKeys.list({ q: dq, limit: 30 }),
    queryFn: ({ signal }) => listAgencies({ q: dq || undefined, limit: 30 }, signal),
    staleTime: 60_000,
  });
  const options = useMemo(() => {
    const found = (query.data?.items ?? []).filter((a) => !agenciesOnly || a.kind !== 'division');
    const listed = new Set(found.map((a) => a.id));
    return [
      ...(value ?? [])
        .filter((v) => !listed.has(v))
        .map((v) => ({ value: v, label: names.get(v) ?? known?.find((k) => k.id === v)?.name ?? v })),
      ...found.map((a) => ({ value: a.id, label: agencyLabel(a) })),
    ];
  }, [query.data, value, names, known, agenciesOnly]);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      aria-label={rest['aria-label']}
      style={{ width: '100%' }}
      placeholder={placeholder ?? t('agencies.pickerPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={query.isFetching}
      options={options}
      notFoundContent={query.isFetching ? t('shell.loading') : t('agencies.noResults')}
      onChange={(v: string[]) => {
        const next = new Map(names);
        for (const o of options) if (v.includes(o.value)) next.set(o.value, o.label);
        setNames(next);
        onChange?.(v);
      }}
    />
  );
}
