import { type ReactNode, useEffect, useRef } from 'react';

/**
 * Wraps an antd Table whose body may scroll sideways (phones, wide tables): the scrolling element
 * becomes a named, focusable region so keyboard users can reach and scroll it (WCAG 2.1.1).
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const el of ref.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body') ??
      []) {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label);
    }
  });
  return <div ref={ref}>{children}</div>;
}
