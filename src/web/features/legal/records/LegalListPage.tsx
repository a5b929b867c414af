import { SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { LEGAL_FIELDS, LEGAL_TYPES } from '../../../../shared/legal/catalogue.ts';
import { EFFECT_STATUSES } from '../../../../shared/legal/statuses.ts';
import { can, useSession } from '../../../api/session.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FilterBar, FilterField } from '../../../components/FilterBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../../components/ResponsiveList.tsx';
import { formatDate } from '../../../lib/format.ts';
import { type LegalDocumentSummary, type LegalFilter, legalKeys, searchLegal } from './api.ts';
import { K, StatusTag, useIssuers } from './common.tsx';

const FILTER_KEYS = ['typeCode', 'issuerId', 'fieldCode', 'year', 'status'] as const;
const THIS_YEAR = new Date().getFullYear();

/**
 * Cơ sở dữ liệu văn bản: the search (number first, then words, without diacritics), filters kept in
 * the URL so a search can be shared and survives "back", keyset "Tải thêm".
 */
export default function LegalListPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const manage = can(me, 'legal.manage');
  const [params, setParams] = useSearchParams();
  const filter: LegalFilter = {
    q: params.get('q') || undefined,
    typeCode: (params.get('typeCode') || undefined) as LegalFilter['typeCode'],
    issuerId: params.get('issuerId') || undefined,
    fieldCode: params.get('fieldCode') ? Number(params.get('fieldCode')) : undefined,
    year: params.get('year') ? Number(params.get('year')) : undefined,
    status: (params.get('status') || undefined) as LegalFilter['status'],
  };
  const [text, setText] = useState(filter.q ?? '');
  useEffect(() => setText(params.get('q') ?? ''), [params]);
  const issuers = useIssuers();
  const ids = { q: useId(), type: useId(), issuer: useId(), field: useId(), year: useId(), status: useId() };
  const q = useInfiniteQuery({
    queryKey: legalKeys.list(filter),
    queryFn: ({ pageParam, signal }) => searchLegal(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const setParam = (key: string, value: string | number | undefined | null) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  const active = FILTER_KEYS.filter((k) => params.get(k)).length;
  const filtered = active > 0 || !!filter.q;
  const select = (
    id: string,
    key: (typeof FILTER_KEYS)[number],
    options: { value: string; label: string }[],
  ) => (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t(`${K}.search.any`)}
      value={params.get(key) || undefined}
      onChange={(v: string | undefined) => setParam(key, v)}
      options={options}
      style={{ width: '100%' }}
    />
  );
  return (
    <>
      <PageHeader
        title={t(`${K}.title`)}
        intro={t(`${K}.intro`)}
        extra={
          manage ? (
            <Space wrap>
              <Button type="primary" onClick={() => navigate('/van-ban-phap-luat/them')}>
                {t(`${K}.add`)}
              </Button>
              <Button onClick={() => navigate('/van-ban-phap-luat/nhap')}>{t(`${K}.import`)}</Button>
            </Space>
          ) : null
        }
      />
      <form
        aria-label={t(`${K}.search.label`)}
        onSubmit={(e) => {
          e.preventDefault();
          setParam('q', text.trim());
        }}
      >
        <FilterBar
          active={active}
          search={
            <FilterField label={t(`${K}.search.label`)} htmlFor={ids.q} wide>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  id={ids.q}
                  type="search"
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  placeholder={t(`${K}.search.placeholder`)}
                  maxLength={200}
                />
                <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                  {t(`${K}.search.button`)}
                </Button>
              </Space.Compact>
            </FilterField>
          }
          actions={
            filtered ? (
              <Button
                onClick={() => {
                  setText('');
                  setParams({}, { replace: true });
                }}
              >
                {t(`${K}.search.clear`)}
              </Button>
            ) : null
          }
        >
          <FilterField label={t(`${K}.search.type`)} htmlFor={ids.type}>
            {select(
              ids.type,
              'typeCode',
              LEGAL_TYPES.map((x) => ({ value: x.code, label: x.name })),
            )}
          </FilterField>
          <FilterField label={t(`${K}.search.issuer`)} htmlFor={ids.issuer}>
            {select(
              ids.issuer,
              'issuerId',
              (issuers.data?.items ?? []).map((i) => ({ value: i.id, label: i.name })),
            )}
          </FilterField>
          <FilterField label={t(`${K}.search.field`)} htmlFor={ids.field}>
            {select(
              ids.field,
              'fieldCode',
              LEGAL_FIELDS.map((f) => ({ value: String(f.code), label: f.name })),
            )}
          </FilterField>
          <FilterField label={t(`${K}.search.year`)} htmlFor={ids.year}>
            {select(
              ids.year,
              'year',
              Array.from({ length: THIS_YEAR - 1945 + 2 }, (_, i) => String(THIS_YEAR + 1 - i)).map((y) => ({
                value: y,
                label: y,
              })),
            )}
          </FilterField>
          <FilterField label={t(`${K}.search.status`)} htmlFor={ids.status}>
            {select(
              ids.status,
              'status',
              EFFECT_STATUSES.map((s) => ({ value: s.code, label: s.label })),
            )}
          </FilterField>
        </FilterBar>
      </form>
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      <ResponsiveList<LegalDocumentSummary>
        label={t(`${K}.listLabel`)}
        items={items}
        rowKey={(r) => r.id}
        loading={q.isPending}
        pager={q}
        showCount={items.length > 0}
        empty={<EmptyText>{filtered ? t(`${K}.emptyFiltered`) : t(`${K}.empty`)}</EmptyText>}
        card={(r) => (
          <ListCard
            to={`/van-ban-phap-luat/${r.id}`}
            overline={
              <span>
                <span className="lt-visually-hidden">{t(`${K}.fields.numberNotation`)}: </span>
                {r.numberNotation} · {r.typeName}
              </span>
            }
            title={r.title}
            fields={[
              { label: t(`${K}.fields.issuer`), value: r.issuerName },
              { label: t(`${K}.fields.issuedDate`), value: formatDate(r.issuedDate) },
              { label: t(`${K}.fields.effectiveFrom`), value: formatDate(r.effectiveFrom) },
            ]}
            tags={<StatusTag status={r.statusNow} label={r.statusLabel} />}
          />
        )}
        table={{
          scroll: { x: 960 },
          columns: [
            {
              title: t(`${K}.fields.numberNotation`),
              dataIndex: 'numberNotation',
              width: 170,
              render: (v: string, r) => <Link to={`/van-ban-phap-luat/${r.id}`}>{v}</Link>,
            },
            { title: t(`${K}.fields.title`), dataIndex: 'title' },
            { title: t(`${K}.fields.issuer`), dataIndex: 'issuerName', width: 180 },
            {
              title: t(`${K}.fields.issuedDate`),
              dataIndex: 'issuedDate',
              width: 120,
              render: (v: string) => formatDate(v),
            },
            {
              title: t(`${K}.fields.effectiveFrom`),
              dataIndex: 'effectiveFrom',
              width: 120,
              render: (v: string) => formatDate(v),
            },
            {
              title: t(`${K}.fields.status`),
              dataIndex: 'statusNow',
              width: 170,
              render: (v: string, r) => <StatusTag status={v} label={r.statusLabel} />,
            },
          ],
        }}
      />
    </>
  );
}
