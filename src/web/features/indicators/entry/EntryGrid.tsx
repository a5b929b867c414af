import { CommentOutlined } from '@ant-design/icons';
import {
  type ClipboardEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { EntrySheet, SheetCell, ValueKind } from './api.ts';
import { formatVi } from './format.ts';

/*
 * The spreadsheet-like entry grid (ARIA grid pattern): rows = the form's indicators, columns = the
 * options (Tổng số first). One cell is active (roving tabindex); arrows, Tab and Enter move it,
 * typing starts editing, Enter/Tab commit, Esc cancels, Delete clears, Ctrl+V pastes a TSV block
 * from the active cell. Saving is the page's business (onCommit / onPaste); the page passes each
 * cell's save state back in `marks`.
 */

export type CellMark = { state: 'saving' | 'saved' | 'error' | 'conflict'; message?: string };

export interface GridPos {
  r: number;
  c: number;
}

export const cellKey = (code: string, option: string) => `${code}|${option}`;

/** The columns: the union of the rows' options, the total ('') first. */
export function gridColumns(sheet: EntrySheet): { code: string; name: string }[] {
  const cols = new Map<string, string>();
  cols.set('', '');
  for (const row of sheet.rows)
    for (const o of row.options) if (!cols.has(o.code) || o.code === '') cols.set(o.code, o.name);
  return [...cols].map(([code, name]) => ({ code, name }));
}

export function hasOption(sheet: EntrySheet, r: number, option: string): boolean {
  const row = sheet.rows[r];
  return !!row && (option === '' || row.options.some((o) => o.code === option));
}

export function cellValue(cell: SheetCell | undefined, kind: ValueKind): string | number | null {
  return cell ? cell[kind] : null;
}

interface Props {
  sheet: EntrySheet;
  kind: ValueKind;
  readOnly: boolean;
  /** Local values over the sheet's (what was just saved). */
  marks: Record<string, CellMark | undefined>;
  active: GridPos;
  onActive: (p: GridPos) => void;
  onCommit?: (code: string, option: string, text: string) => void;
  onPaste?: (start: GridPos, text: string) => void;
}

export function EntryGrid({ sheet, kind, readOnly, marks, active, onActive, onCommit, onPaste }: Props) {
  const { t } = useTranslation();
  const cols = useMemo(() => gridColumns(sheet), [sheet]);
  const totalName = t('indEntry.grid.total');
  const kindName = t(`indEntry.kinds.${kind}`);
  const [editing, setEditing] = useState<string | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const focusWanted = useRef(false);
  /** An edit not yet committed or cancelled (Enter then the input's blur commit only once). */
  const pending = useRef(false);
  const startEdit = (text: string) => {
    pending.current = true;
    focusWanted.current = true;
    setEditing(text);
  };

  const colName = (c: number) => (cols[c]!.code === '' ? totalName : cols[c]!.name);
  const label = (r: number, c: number) => `${sheet.rows[r]!.code} ${colName(c)}, ${kindName}`;

  useLayoutEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    if (editing !== null) inputRef.current?.focus();
    else gridRef.current?.querySelector<HTMLElement>('[data-active="true"]')?.focus();
  });

  // Editing ends when the active cell changes from outside.
  const activeKey = `${active.r}:${active.c}`;
  const lastActive = useRef(activeKey);
  useEffect(() => {
    if (lastActive.current !== activeKey) setEditing(null);
    lastActive.current = activeKey;
  }, [activeKey]);

  const move = useCallback(
    (dr: number, dc: number, wrap = false) => {
      let r = active.r + dr;
      let c = active.c + dc;
      if (wrap && c >= cols.length) {
        c = 0;
        r += 1;
      } else if (wrap && c < 0) {
        c = cols.length - 1;
        r -= 1;
      }
      r = Math.max(0, Math.min(sheet.rows.length - 1, r));
      c = Math.max(0, Math.min(cols.length - 1, c));
      focusWanted.current = true;
      onActive({ r, c });
    },
    [active, cols.length, sheet.rows.length, onActive],
  );

  const editable = (r: number, c: number) => !readOnly && hasOption(sheet, r, cols[c]!.code);

  const commit = () => {
    if (editing === null || !pending.current) return;
    pending.current = false;
    const row = sheet.rows[active.r]!;
    onCommit?.(row.code, cols[active.c]!.code, editing);
    setEditing(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (editing !== null) {
      if (e.key === 'Enter') {
        e.preventDefault();
        commit();
        move(1, 0);
      } else if (e.key === 'Tab') {
        e.preventDefault();
        commit();
        move(0, e.shiftKey ? -1 : 1, true);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        pending.current = false;
        setEditing(null);
        focusWanted.current = true;
      }
      return;
    }
    const k = e.key;
    if (k === 'ArrowDown') move(1, 0);
    else if (k === 'ArrowUp') move(-1, 0);
    else if (k === 'ArrowRight') move(0, 1);
    else if (k === 'ArrowLeft') move(0, -1);
    else if (k === 'Home') move(0, -active.c);
    else if (k === 'End') move(0, cols.length);
    else if (k === 'Tab') {
      // Tab leaves the grid at its edges, like any composite widget.
      const last = active.r === sheet.rows.length - 1 && active.c === cols.length - 1;
      const first = active.r === 0 && active.c === 0;
      if ((e.shiftKey && first) || (!e.shiftKey && last)) return;
      move(0, e.shiftKey ? -1 : 1, true);
    } else if ((k === 'Enter' || k === 'F2') && editable(active.r, active.c)) {
      const v = cellValue(sheet.rows[active.r]!.cells[cols[active.c]!.code], kind);
      startEdit(v === null ? '' : formatVi(v, 6).replace(/\./g, ''));
    } else if ((k === 'Delete' || k === 'Backspace') && editable(active.r, active.c)) {
      onCommit?.(sheet.rows[active.r]!.code, cols[active.c]!.code, '');
    } else if (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && editable(active.r, active.c)) {
      startEdit(k);
    } else return;
    e.preventDefault();
  };

  const onPasteBlock = (e: ClipboardEvent<HTMLTableElement>) => {
    if (readOnly || editing !== null || !onPaste) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    onPaste(active, text);
  };

  return (
    <table
      ref={gridRef}
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a data grid (ARIA grid pattern) keeps its table semantics
      role="grid"
      className="lt-ind-grid"
      aria-label={t('indEntry.grid.label', { form: sheet.form.name, kind: kindName })}
      aria-rowcount={sheet.rows.length + 1}
      aria-colcount={cols.length + 1}
      aria-readonly={readOnly || undefined}
      onKeyDown={onKeyDown}
      onPaste={onPasteBlock}
    >
      <thead>
        <tr aria-rowindex={1}>
          <th aria-colindex={1} scope="col">
            {t('indEntry.grid.indicator')}
          </th>
          {cols.map((col, c) => (
            <th key={col.code} aria-colindex={c + 2} scope="col">
              {col.code === '' ? totalName : col.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sheet.rows.map((row, r) => (
          <tr key={row.code} aria-rowindex={r + 2}>
            <th aria-colindex={1} scope="row" className="lt-ind-grid-name">
              <span className="lt-ind-code">{row.code}</span> {row.name}
              <span className="lt-ind-sub">
                {row.unit}
                {row.plan !== null && row.plan !== undefined
                  ? ` · ${t('indEntry.grid.plan')}: ${formatVi(row.plan, row.decimals)}`
                  : ''}
              </span>
            </th>
            {cols.map((col, c) => {
              const isActive = active.r === r && active.c === c;
              const present = hasOption(sheet, r, col.code);
              const cell = row.cells[col.code];
              const v = cellValue(cell, kind);
              const mark = marks[cellKey(row.code, col.code)];
              const dec = row.decimals;
              const lastYear = row.lastYear[col.code];
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the grid handles the keyboard (roving tabindex)
                <td
                  key={col.code}
                  // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: grid cells of the ARIA grid pattern
                  role="gridcell"
                  aria-colindex={c + 2}
                  aria-readonly={readOnly || !present || undefined}
                  aria-invalid={mark?.state === 'error' || mark?.state === 'conflict' || undefined}
                  aria-selected={isActive}
                  tabIndex={isActive ? 0 : -1}
                  data-active={isActive}
                  data-cell={cellKey(row.code, col.code)}
                  className={[
                    'lt-ind-cell',
                    present ? '' : 'lt-ind-cell-none',
                    mark ? `lt-ind-cell-${mark.state}` : '',
                  ].join(' ')}
                  title={mark?.message}
                  onClick={() => onActive({ r, c })}
                  onDoubleClick={() => {
                    if (!editable(r, c)) return;
                    startEdit(v === null ? '' : String(v).replace('.', ','));
                  }}
                >
                  {isActive && editing !== null ? (
                    <input
                      ref={inputRef}
                      className="lt-ind-input"
                      aria-label={label(r, c)}
                      inputMode="decimal"
                      value={editing}
                      onChange={(e) => setEditing(e.target.value)}
                      onBlur={commit}
                    />
                  ) : present ? (
                    <>
                      <span className="lt-visually-hidden">{`${label(r, c)}: `}</span>
                      <span className="lt-ind-value">{formatVi(v, dec)}</span>
                      {cell?.comment ? (
                        <CommentOutlined
                          className="lt-ind-comment-mark"
                          aria-label={t('indEntry.grid.hasComment')}
                        />
                      ) : null}
                      {lastYear !== null && lastYear !== undefined ? (
                        <span className="lt-ind-sub">
                          {t('indEntry.grid.lastYear')}: {formatVi(lastYear, dec)}
                        </span>
                      ) : null}
                      {mark ? <span className="lt-ind-mark">{t(`indEntry.marks.${mark.state}`)}</span> : null}
                    </>
                  ) : (
                    <span aria-hidden>—</span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
