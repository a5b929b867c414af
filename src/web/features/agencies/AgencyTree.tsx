import { useQuery } from '@tanstack/react-query';
import type { TreeDataNode as DataNode } from 'antd';
import { Input, Tag, Tree, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgencyView, agencyKeys, listAgencies, listChildren } from '../../api/agencies.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { kindLabel } from '../../lib/labels.ts';

const ROOT = 'root';

/**
 * The agency tree, loaded lazily: the top level first, a unit's children when it is expanded.
 * `refresh` re-reads every level already loaded (after a create, edit, move, merge or import).
 */
export function useAgencyTree() {
  const [children, setChildren] = useState<Record<string, AgencyView[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [expanded, setExpanded] = useState<string[]>([]);

  const load = useCallback(async (parent: string) => {
    try {
      const items = await listChildren(parent);
      setChildren((c) => ({ ...c, [parent]: items }));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    void load(ROOT);
  }, [load]);

  const refresh = useCallback(async () => {
    const parents = Object.keys(children);
    const fresh = await Promise.allSettled(parents.map(async (p) => [p, await listChildren(p)] as const));
    const next: Record<string, AgencyView[]> = {};
    for (const r of fresh) if (r.status === 'fulfilled') next[r.value[0]] = [...r.value[1]];
    setChildren(next);
  }, [children]);

  return { children, error, expanded, setExpanded, load, refresh, rootLoaded: ROOT in children };
}

export type AgencyTreeState = ReturnType<typeof useAgencyTree>;

function NodeTitle({ a }: { a: AgencyView }) {
  const { t } = useTranslation();
  return (
    <span className="lt-tree-node">
      <span>{a.name}</span>
      {a.agencyCode ? <span className="lt-tree-code">{a.agencyCode}</span> : null}
      {a.kind === 'division' ? (
        <span className="lt-visually-hidden"> ({t('agencyKinds.division')})</span>
      ) : null}
    </span>
  );
}

export function AgencyTreePanel({
  tree,
  selectedId,
  onSelect,
}: {
  tree: AgencyTreeState;
  selectedId?: string;
  onSelect: (a: AgencyView) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const activeKey = useRef<string | null>(null);
  const results = useQuery({
    queryKey: agencyKeys.list({ q: search, limit: 50 }),
    queryFn: ({ signal }) => listAgencies({ q: search, limit: 50 }, signal),
    enabled: search.length > 0,
  });

  const byId = useMemo(() => {
    const m = new Map<string, AgencyView>();
    for (const list of Object.values(tree.children)) for (const a of list) m.set(a.id, a);
    return m;
  }, [tree.children]);

  const treeData = useMemo(() => {
    const build = (parent: string): DataNode[] =>
      (tree.children[parent] ?? []).map((a) => ({
        key: a.id,
        title: <NodeTitle a={a} />,
        // A unit is a leaf once its children are loaded and there are none. childCount is not
        // trusted for this: GET /api/v1/agencies currently answers 0 for every unit (server bug,
        // see the correlated subquery in agencies/store.ts list()), and a wrong "leaf" would hide
        // a whole branch, while a wrong "may have children" costs one click.
        isLeaf: a.childCount ? false : tree.children[a.id] ? tree.children[a.id]!.length === 0 : false,
        children: tree.children[a.id] ? build(a.id) : undefined,
      }));
    return build(ROOT);
  }, [tree.children]);

  return (
    <div className="lt-tree-panel">
      <label htmlFor="agency-search" className="lt-field-label">
        {t('agencies.searchLabel')}
      </label>
      <Input.Search
        id="agency-search"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          if (!e.target.value.trim()) setSearch('');
        }}
        onSearch={(v) => setSearch(v.trim())}
        placeholder={t('agencies.searchPlaceholder')}
        allowClear
        enterButton={t('common.search')}
      />
      {search ? (
        <section aria-labelledby="agency-results" className="lt-search-results">
          <Typography.Title level={2} id="agency-results" className="lt-subtitle">
            {t('agencies.results')}
          </Typography.Title>
          <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
          {results.isPending ? <Loading /> : null}
          {results.data && results.data.items.length === 0 ? (
            <Typography.Paragraph>{t('agencies.noResults')}</Typography.Paragraph>
          ) : null}
          <ul className="lt-result-list">
            {results.data?.items.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className={a.id === selectedId ? 'lt-result lt-result-selected' : 'lt-result'}
                  aria-pressed={a.id === selectedId}
                  onClick={() => onSelect(a)}
                >
                  <span className="lt-result-name">{a.name}</span>
                  <span className="lt-result-meta">
                    <Tag>{kindLabel(a.kind)}</Tag>
                    {a.agencyCode ?? a.shortName}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <div className="lt-tree-wrap">
          <ErrorAlert error={tree.error} onRetry={() => void tree.load(ROOT)} />
          {!tree.rootLoaded && !tree.error ? <Loading /> : null}
          <p id="agency-tree-help" className="lt-visually-hidden">
            {t('agencies.treeHelp')}
          </p>
          <Tree
            aria-label={t('agencies.treeLabel')}
            treeData={treeData}
            loadData={(node) => tree.load(String(node.key))}
            loadedKeys={Object.keys(tree.children)}
            expandedKeys={tree.expanded}
            onExpand={(keys) => tree.setExpanded(keys.map(String))}
            selectedKeys={selectedId ? [selectedId] : []}
            aria-describedby="agency-tree-help"
            onActiveChange={(key) => {
              activeKey.current = key === null || key === undefined ? null : String(key);
            }}
            onKeyDown={(e) => {
              // rc-tree expands on Enter and selects on Space; Enter also opens the unit's details here.
              const a = activeKey.current ? byId.get(activeKey.current) : undefined;
              if (e.key === 'Enter' && a) onSelect(a);
            }}
            onSelect={(keys) => {
              const a = byId.get(String(keys[0] ?? ''));
              if (a) onSelect(a);
            }}
            blockNode
            showLine
          />
        </div>
      )}
    </div>
  );
}
