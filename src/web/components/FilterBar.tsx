import { DownOutlined, FilterOutlined, UpOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhone } from './ResponsiveList.tsx';

export interface FilterBarProps {
  /** The search box (with its label and button): always shown, first. */
  search?: ReactNode;
  /** The other filters: in the row on wider screens, folded behind "Bộ lọc" on phones. */
  children?: ReactNode;
  /** Apply and clear buttons, after the filters (inside the fold on phones). */
  actions?: ReactNode;
  /** How many of the folded filters are in use, shown on the button: "Bộ lọc (2)". */
  active?: number;
}

/**
 * The filters of a list screen, laid out the same way everywhere: a grid on wider screens; on a
 * phone the search box on top and everything else behind one disclosure button (aria-expanded,
 * aria-controls; focus stays on the button and the fields follow it in reading order), so the
 * list starts on the first screen. Folded fields stay mounted: their values are kept.
 * Goes inside the screen's own form.
 */
export function FilterBar({ search, children, actions, active = 0 }: FilterBarProps) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!phone)
    return (
      <div className="lt-filter-bar">
        {search ? <div className="lt-filter-search">{search}</div> : null}
        {children}
        {actions ? <div className="lt-filter-actions">{actions}</div> : null}
      </div>
    );
  return (
    <div className="lt-filter-bar lt-filter-bar-phone">
      {search ? <div className="lt-filter-search">{search}</div> : null}
      {children || actions ? (
        <>
          <Button
            className="lt-filter-toggle"
            icon={<FilterOutlined aria-hidden />}
            aria-expanded={open}
            aria-controls={id}
            onClick={() => setOpen((o) => !o)}
          >
            {active ? t('common.filtersActive', { count: active }) : t('common.filters')}
            {open ? <UpOutlined aria-hidden /> : <DownOutlined aria-hidden />}
          </Button>
          <div id={id} className="lt-filter-more" hidden={!open}>
            {children}
            {actions ? <div className="lt-filter-actions">{actions}</div> : null}
          </div>
        </>
      ) : null}
    </div>
  );
}

/** A filter with a plain label above it, for screens without an antd Form. */
export function FilterField({
  label,
  htmlFor,
  wide,
  children,
}: {
  label: string;
  htmlFor: string;
  /** Takes two columns of the grid on wider screens (search boxes, date ranges). */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wide ? 'lt-filter-field lt-filter-wide' : 'lt-filter-field'}>
      <label htmlFor={htmlFor} className="lt-field-label">
        {label}
      </label>
      {children}
    </div>
  );
}
