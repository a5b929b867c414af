import type { TableProps } from 'antd';
import { Button, Table } from 'antd';
import { Fragment, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PHONE_QUERY, useMediaQuery } from '../lib/media.ts';
import { Loading } from './Loading.tsx';
import { TableRegion } from './TableRegion.tsx';

/** Below 768 px lists are shown as cards and filters fold behind one button. */
export function usePhone(): boolean {
  return useMediaQuery(PHONE_QUERY);
}

/** The part of a TanStack infinite query that "load more" needs (keyset pages). */
export interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** "Đang hiển thị N mục" (announced politely) and, while there is a next page, "Tải thêm". */
export function LoadMore({ pager, count }: { pager: Pager; count?: number }) {
  const { t } = useTranslation();
  if (count === undefined && !pager.hasNextPage) return null;
  return (
    <div className="lt-load-more">
      {count !== undefined ? (
        <span className="lt-muted" aria-live="polite">
          {t('common.shownCount', { count })}
        </span>
      ) : null}
      {pager.hasNextPage ? (
        <Button onClick={() => void pager.fetchNextPage()} loading={pager.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}

export interface ListCardField {
  label: string;
  value: ReactNode;
  /** The label is read by screen readers only (the value speaks for itself on screen). */
  hideLabel?: boolean;
}

export interface ListCardProps {
  /** The card's main text: the name of its link or button, shown in bold. */
  title: ReactNode;
  /** Opens the item's page: the whole card is the link's tap target. */
  to?: string;
  /** Opens the item in place (a drawer, a selection): the whole card is the button's tap target. */
  onOpen?: () => void;
  /** Makes the card a checkbox (choosing records): the title is its label, the card its tap target. */
  checkbox?: { checked: boolean; onChange: (checked: boolean) => void };
  /** Extra attributes of that button (aria-pressed, aria-expanded, aria-controls). */
  buttonProps?: {
    'aria-pressed'?: boolean;
    'aria-expanded'?: boolean;
    'aria-controls'?: string;
    'aria-current'?: boolean;
  };
  /** A short line above the title: the number, code or time. */
  overline?: ReactNode;
  /** Label and value pairs under the title (a description list). */
  fields?: ListCardField[];
  /** Free content under the fields. */
  children?: ReactNode;
  /** Status and stamps, last. */
  tags?: ReactNode;
  /** Controls of their own (retry, cancel), kept outside the card's link so nothing is nested. */
  actions?: ReactNode;
  /** Marks the card as the selected one. */
  selected?: boolean;
}

/**
 * One record of a list on a phone. The title is the card's only link (or button) and its text is
 * the accessible name; the link's hit area is stretched over the whole card with CSS, so the card
 * is one large tap target without putting other content inside the link. Actions sit above it.
 */
export function ListCard({
  title,
  to,
  onOpen,
  buttonProps,
  checkbox,
  overline,
  fields,
  tags,
  children,
  actions,
  selected,
}: ListCardProps) {
  const id = useId();
  const linked = !!to || !!onOpen || !!checkbox;
  const fieldList = fields?.filter((f) => f.value !== null && f.value !== undefined && f.value !== '');
  return (
    <li
      className={`lt-card-item${linked ? ' lt-card-item-linked' : ''}${selected ? ' lt-card-item-selected' : ''}`}
    >
      {overline ? <div className="lt-item-overline">{overline}</div> : null}
      {to ? (
        <Link to={to} className="lt-item-title lt-item-link">
          {title}
        </Link>
      ) : checkbox ? (
        <div className="lt-item-check">
          <input
            type="checkbox"
            id={id}
            className="lt-item-checkbox"
            checked={checkbox.checked}
            onChange={(e) => checkbox.onChange(e.target.checked)}
          />
          <label htmlFor={id} className="lt-item-title lt-item-link">
            {title}
          </label>
        </div>
      ) : onOpen ? (
        <button type="button" className="lt-item-title lt-item-link" onClick={onOpen} {...buttonProps}>
          {title}
        </button>
      ) : (
        <div className="lt-item-title">{title}</div>
      )}
      {fieldList?.length ? (
        <dl className="lt-item-fields">
          {fieldList.map((f) => (
            <div key={f.label} className="lt-item-field">
              <dt className={f.hideLabel ? 'lt-visually-hidden' : undefined}>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {children}
      {tags ? <div className="lt-item-tags">{tags}</div> : null}
      {actions ? <div className="lt-item-actions">{actions}</div> : null}
    </li>
  );
}

type OwnTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'rowKey' | 'loading' | 'pagination' | 'locale'>;

export interface ResponsiveListProps<T> {
  /** Names the table's scrolling region on desktop and the list of cards on phones. */
  label: string;
  items: readonly T[];
  rowKey: (item: T) => string;
  loading?: boolean;
  /** Shown when there is nothing (an EmptyText or an antd Empty). */
  empty: ReactNode;
  /** The desktop table, as the screen has always shown it (columns, scroll, size…). */
  table: OwnTableProps<T>;
  /** The phone card of one item, usually a ListCard. */
  card: (item: T) => ReactNode;
  /** Keyset "load more" of an infinite query. */
  pager?: Pager;
  /** Also say how many items are shown, next to "load more". */
  showCount?: boolean;
}

/**
 * A list screen's records: a table on wider screens, a list of cards on phones (no table cut off at
 * the right edge), with the same "load more" under both.
 */
export function ResponsiveList<T extends object>({
  label,
  items,
  rowKey,
  loading,
  empty,
  table,
  card,
  pager,
  showCount,
}: ResponsiveListProps<T>) {
  const phone = usePhone();
  return (
    <>
      {phone ? (
        <div className="lt-card-list-wrap">
          {loading && items.length === 0 ? <Loading /> : null}
          {!loading && items.length === 0 ? empty : null}
          {items.length ? (
            <ul className="lt-card-list" aria-label={label}>
              {items.map((item) => (
                <Fragment key={rowKey(item)}>{card(item)}</Fragment>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <TableRegion label={label}>
          <Table<T>
            {...table}
            rowKey={rowKey}
            dataSource={items as T[]}
            loading={loading}
            pagination={false}
            locale={{ emptyText: empty }}
          />
        </TableRegion>
      )}
      {pager ? <LoadMore pager={pager} count={showCount ? items.length : undefined} /> : null}
    </>
  );
}
