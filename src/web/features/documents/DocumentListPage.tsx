import { FileExcelOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Button, Card, DatePicker, Dropdown, Empty, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  type Box,
  type DocumentSummaryView,
  docKeys,
  exportUrl,
  type ListFilter,
  listDocuments,
  registerPdfUrl,
} from '../../api/documents.ts';
import { useSession } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ListCard, ResponsiveList } from '../../components/ResponsiveList.tsx';
import { formatDate } from '../../lib/format.ts';
import {
  DATE_FORMAT,
  LinkButton,
  SECRECY_OPTIONS,
  Stamps,
  StatusTag,
  secrecyLabel,
  ToneTag,
  TYPE_OPTIONS,
  toIso,
  typeLabel,
  URGENCY_OPTIONS,
  urgencyLabel,
} from './common.tsx';

type Direction = DocumentSummaryView['direction'];

/** The boxes of each role, the usual work first (Decree 30's steps for that role). */
export function boxesFor(role: string | undefined, direction: Direction): Box[] {
  if (direction === 'incoming') {
    if (role === 'clerk') return ['to_register', 'incoming', 'due_soon', 'overdue'];
    if (role === 'agency_leader') return ['to_direct', 'incoming', 'due_soon', 'overdue'];
    return ['to_handle', 'handled', 'due_soon', 'overdue'];
  }
  if (role === 'clerk') return ['to_release', 'sent'];
  if (role === 'agency_leader') return ['to_review', 'sent'];
  if (role === 'division_head') return ['to_review', 'drafts', 'sent'];
  return ['drafts', 'to_review', 'sent'];
}

/**
 * The snippet of a search hit: the server escapes the text and adds only <mark>. Rebuilt as React
 * nodes rather than injected as HTML, so nothing else could ever run.
 */
function Snippet({ html }: { html: string }) {
  const parts = html.split(/(<mark>.*?<\/mark>)/g);
  const text = (s: string) =>
    s
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#0*39;|&#x0*27;|&apos;/gi, "'")
      .replace(/&amp;/g, '&');
  return (
    <div className="lt-doc-snippet">
      {parts.map((p, i) =>
        p.startsWith('<mark>') ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <mark key={i}>{text(p.slice(6, -7))}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <span key={i}>{text(p)}</span>
        ),
      )}
    </div>
  );
}

/**
 * The boxes as a tab strip that wraps on a phone instead of hiding tabs behind a "more" button
 * (antd's overflow menu puts a button inside the tablist, which screen readers trip over).
 * Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
 */
function BoxTabs({
  label,
  boxes,
  active,
  onChange,
}: {
  label: string;
  boxes: Box[];
  active: Box;
  onChange: (b: Box) => void;
}) {
  const { t } = useTranslation();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (i: number) => {
    const n = (i + boxes.length) % boxes.length;
    onChange(boxes[n]!);
    refs.current[n]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="lt-box-tabs">
      {boxes.map((b, i) => (
        <button
          key={b}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`box-${b}`}
          aria-selected={b === active}
          tabIndex={b === active ? 0 : -1}
          className={`lt-box-tab${b === active ? ' lt-box-tab-active' : ''}`}
          onClick={() => onChange(b)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight') move(i + 1);
            else if (e.key === 'ArrowLeft') move(i - 1);
            else if (e.key === 'Home') move(0);
            else if (e.key === 'End') move(boxes.length - 1);
            else return;
            e.preventDefault();
          }}
        >
          {t(`documents.boxes.${b}`)}
        </button>
      ))}
    </div>
  );
}

/** A document on a phone: number, summary (the link), issuer, due date, urgency and status. */
function DocumentCard({ d, direction }: { d: DocumentSummaryView; direction: Direction }) {
  const { t } = useTranslation();
  return (
    <ListCard
      to={`/van-ban/${d.id}`}
      overline={
        <>
          <span>
            <span className="lt-visually-hidden">{t('documents.columns.numberNotation')}: </span>
            {d.numberNotation ?? typeLabel(d.typeCode)}
          </span>
          {d.numberNotation ? <span>{typeLabel(d.typeCode)}</span> : null}
          {direction === 'incoming' && d.arrivalNumber !== null ? (
            <span>
              {t('documents.columns.arrival')} {d.arrivalNumber}
            </span>
          ) : null}
        </>
      }
      title={d.summary}
      fields={[
        { label: t('documents.columns.issuer'), value: d.issuerName, hideLabel: true },
        { label: t('documents.columns.dueDate'), value: d.dueDate ? formatDate(d.dueDate) : null },
      ]}
      tags={
        <>
          <StatusTag status={d.status} />
          {d.urgency !== 'normal' ? (
            <ToneTag tone="amber">
              <span className="lt-visually-hidden">{t('documents.filters.urgency')}: </span>
              {urgencyLabel(d.urgency)}
            </ToneTag>
          ) : null}
          {d.secrecy !== 'normal' ? (
            <ToneTag tone="red">
              <span className="lt-visually-hidden">{t('documents.filters.secrecy')}: </span>
              {secrecyLabel(d.secrecy)}
            </ToneTag>
          ) : null}
        </>
      }
    >
      {d.snippet ? <Snippet html={d.snippet} /> : null}
    </ListCard>
  );
}

function DocumentList({ direction }: { direction: Direction }) {
  const { t } = useTranslation();
  const me = useSession();
  const role = me.position?.role;
  const boxes = boxesFor(role, direction);
  const [params, setParams] = useSearchParams();
  const box = (boxes.includes(params.get('hop') as Box) ? params.get('hop') : boxes[0]) as Box;
  const [form] = Form.useForm();
  const [filter, setFilter] = useState<ListFilter>({});
  const list = useInfiniteQuery({
    queryKey: docKeys.list(box, filter),
    queryFn: ({ pageParam, signal }) => listDocuments(box, filter, pageParam, 50, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const filtered = Object.values(filter).some((v) => v);
  // The search box stays in view on phones; the button of the folded filters counts the others.
  const activeFilters = [filter.typeCode, filter.secrecy, filter.urgency, filter.from || filter.to].filter(
    Boolean,
  ).length;
  const staff = role === 'clerk' || role === 'agency_leader';

  const apply = (v: {
    q?: string;
    typeCode?: string;
    secrecy?: ListFilter['secrecy'];
    urgency?: ListFilter['urgency'];
    range?: [Dayjs | null, Dayjs | null] | null;
  }) =>
    setFilter({
      q: v.q?.trim() || undefined,
      typeCode: v.typeCode || undefined,
      secrecy: v.secrecy || undefined,
      urgency: v.urgency || undefined,
      from: toIso(v.range?.[0]) ?? undefined,
      to: toIso(v.range?.[1]) ?? undefined,
    });

  const columns: TableColumnsType<DocumentSummaryView> = [
    ...(direction === 'incoming'
      ? [
          {
            key: 'arrival',
            title: t('documents.columns.arrival'),
            width: 80,
            render: (_: unknown, d: DocumentSummaryView) => d.arrivalNumber ?? '—',
          },
        ]
      : []),
    {
      key: 'number',
      title: t('documents.columns.numberNotation'),
      width: 170,
      render: (_, d) => (
        <>
          <div>{d.numberNotation ?? '—'}</div>
          <div className="lt-muted">{formatDate(d.issuedDate)}</div>
        </>
      ),
    },
    {
      key: 'summary',
      title: t('documents.columns.summary'),
      render: (_, d) => (
        <div>
          <Link to={`/van-ban/${d.id}`} className="lt-doc-link">
            {typeLabel(d.typeCode)}: {d.summary}
          </Link>
          {d.issuerName ? <div className="lt-muted">{d.issuerName}</div> : null}
          {d.snippet ? <Snippet html={d.snippet} /> : null}
          <div>
            <Stamps secrecy={d.secrecy} urgency={d.urgency} />
          </div>
        </div>
      ),
    },
    {
      key: 'status',
      title: t('documents.columns.status'),
      width: 150,
      render: (_, d) => (
        <>
          <StatusTag status={d.status} />
          {d.holder ? <div className="lt-muted">{d.holder.name}</div> : null}
        </>
      ),
    },
    {
      key: 'due',
      title: t('documents.columns.dueDate'),
      width: 110,
      render: (_, d) => formatDate(d.dueDate),
    },
  ];

  const printItems = [
    {
      key: 'incoming',
      label: (
        <a href={registerPdfUrl('incoming', filter.from, filter.to)}>
          {t('documents.printIncomingRegister')}
        </a>
      ),
    },
    {
      key: 'outgoing',
      label: (
        <a href={registerPdfUrl('outgoing', filter.from, filter.to)}>
          {t('documents.printOutgoingRegister')}
        </a>
      ),
    },
  ];

  const title = direction === 'incoming' ? t('documents.incomingTitle') : t('documents.outgoingTitle');
  return (
    <>
      <PageHeader
        title={title}
        intro={direction === 'incoming' ? t('documents.incomingIntro') : t('documents.outgoingIntro')}
        extra={
          <Space wrap>
            {direction === 'incoming' && role === 'clerk' ? (
              <LinkButton to="/van-ban/den/vao-so" icon={<PlusOutlined aria-hidden />}>
                {t('documents.registerIncoming')}
              </LinkButton>
            ) : null}
            {direction === 'outgoing' && role !== 'clerk' ? (
              <LinkButton to="/van-ban/di/soan" icon={<PlusOutlined aria-hidden />}>
                {t('documents.newDraft')}
              </LinkButton>
            ) : null}
            <Button href={exportUrl(box, filter)} icon={<FileExcelOutlined aria-hidden />}>
              {t('documents.exportExcel')}
            </Button>
            {staff ? (
              <Dropdown menu={{ items: printItems }}>
                <Button icon={<PrinterOutlined aria-hidden />}>{t('documents.printRegister')}</Button>
              </Dropdown>
            ) : null}
          </Space>
        }
      />
      <BoxTabs
        label={t('documents.boxTabs')}
        boxes={boxes}
        active={box}
        onChange={(k) => setParams(k === boxes[0] ? {} : { hop: k }, { replace: true })}
      />
      <Card className="lt-filter-card" size="small">
        <Form form={form} layout="vertical" onFinish={apply}>
          <FilterBar
            active={activeFilters}
            search={
              <Form.Item name="q" label={t('documents.searchLabel')}>
                <Input.Search
                  placeholder={t('documents.searchPlaceholder')}
                  allowClear
                  enterButton={t('common.search')}
                  onSearch={() => form.submit()}
                />
              </Form.Item>
            }
            actions={
              <Space wrap>
                <Button htmlType="submit">{t('common.filter')}</Button>
                {filtered ? (
                  <Button
                    onClick={() => {
                      form.resetFields();
                      setFilter({});
                    }}
                  >
                    {t('common.clearFilters')}
                  </Button>
                ) : null}
              </Space>
            }
          >
            <Form.Item name="typeCode" label={t('documents.filters.type')}>
              <Select
                allowClear
                options={TYPE_OPTIONS}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
              />
            </Form.Item>
            <Form.Item name="secrecy" label={t('documents.filters.secrecy')}>
              <Select allowClear options={SECRECY_OPTIONS} placeholder={t('common.all')} />
            </Form.Item>
            <Form.Item name="urgency" label={t('documents.filters.urgency')}>
              <Select allowClear options={URGENCY_OPTIONS} placeholder={t('common.all')} />
            </Form.Item>
            <Form.Item name="range" label={t('documents.filters.dateRange')} className="lt-filter-wide">
              <DatePicker.RangePicker
                format={DATE_FORMAT}
                placeholder={[t('documents.filters.from'), t('documents.filters.to')]}
                onChange={() => form.submit()}
              />
            </Form.Item>
          </FilterBar>
        </Form>
      </Card>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <ResponsiveList<DocumentSummaryView>
        label={title}
        items={items}
        rowKey={(d) => d.id}
        loading={list.isPending}
        pager={list}
        showCount
        empty={
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={filtered ? t('documents.empty.filtered') : t(`documents.empty.${box}`)}
          />
        }
        table={{ columns, scroll: { x: 760 } }}
        card={(d) => <DocumentCard d={d} direction={direction} />}
      />
    </>
  );
}

export function IncomingListPage() {
  return <DocumentList direction="incoming" />;
}
export function OutgoingListPage() {
  return <DocumentList direction="outgoing" />;
}
