import { CommentOutlined, HistoryOutlined, ReloadOutlined } from '@ant-design/icons';
import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Input, List, Modal, Space, Tabs } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../api/client.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { usePhone } from '../../../components/ResponsiveList.tsx';
import {
  type CellsSaved,
  type CellWrite,
  cellHistory,
  type EntrySheet,
  putCells,
  type ValueKind,
} from './api.ts';
import { viDateTime } from './common.tsx';
import {
  type CellMark,
  cellKey,
  cellValue,
  EntryGrid,
  type GridPos,
  gridColumns,
  hasOption,
} from './EntryGrid.tsx';
import { formatVi, parseTsv, parseVi } from './format.ts';

/*
 * The grid with its tabs (Ước tính / Chính thức), the active cell's toolbar (comment, history), the
 * save states (aria-live) and conflicts. Editable on the entry screen, read-only for reviewers.
 */

interface Props {
  sheet: EntrySheet;
  queryKey: QueryKey;
  readOnly: boolean;
  onReload: () => void;
}

function numEq(a: string | number | null | undefined, b: string | null): boolean {
  if ((a === null || a === undefined || a === '') && b === null) return true;
  return a !== null && a !== undefined && b !== null && Number(a) === Number(b);
}

export function SheetPanel({ sheet, queryKey, readOnly, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = usePhone();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ValueKind>('estimate');
  const [active, setActive] = useState<GridPos>({ r: 0, c: 0 });
  const [marks, setMarks] = useState<Record<string, CellMark | undefined>>({});
  const [live, setLive] = useState('');
  const [pasteErrors, setPasteErrors] = useState<string[]>([]);
  const [commentOpen, setCommentOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [commentText, setCommentText] = useState('');
  const cols = useMemo(() => gridColumns(sheet), [sheet]);
  const agencyId = sheet.agency.id;
  const formId = sheet.form.id;

  const activeRow = sheet.rows[active.r];
  const activeCol = cols[active.c];
  const activeCell = activeRow && activeCol ? activeRow.cells[activeCol.code] : undefined;
  const activeName =
    activeRow && activeCol
      ? `${activeRow.code} ${activeCol.code === '' ? t('indEntry.grid.total') : activeCol.name}`
      : '';
  const activePresent = activeCol ? hasOption(sheet, active.r, activeCol.code) : false;

  const setMark = (key: string, mark: CellMark | undefined) => setMarks((m) => ({ ...m, [key]: mark }));

  /** Writes the saved cells into the cached sheet (no refetch per cell). */
  const patchCache = useCallback(
    (saved: CellsSaved['saved']) => {
      qc.setQueryData<EntrySheet>(queryKey, (old) => {
        if (!old) return old;
        return {
          ...old,
          rows: old.rows.map((row) => {
            const mine = saved.filter((c) => c.indicator === row.code);
            if (mine.length === 0) return row;
            const cells = { ...row.cells };
            for (const c of mine) {
              const prev = cells[c.option];
              cells[c.option] = {
                updatedBy: null,
                ...prev,
                updatedAt: new Date().toISOString(),
                estimate: c.estimate,
                official: c.official,
                comment: c.comment,
                rev: c.rev,
              };
            }
            return { ...row, cells };
          }),
        };
      });
    },
    [qc, queryKey],
  );

  const save = async (
    code: string,
    option: string,
    value: string | null | undefined,
    comment?: string | null,
  ) => {
    const key = cellKey(code, option);
    const row = sheet.rows.find((r) => r.code === code);
    const cell = row?.cells[option];
    const name = `${code} ${option === '' ? t('indEntry.grid.total') : (row?.options.find((o) => o.code === option)?.name ?? option)}`;
    setMark(key, { state: 'saving' });
    setLive(t('indEntry.live.saving', { cell: name }));
    const body: CellWrite = { indicator: code, option, rev: cell?.rev ?? 0 };
    if (value !== undefined) body.value = value;
    if (comment !== undefined) body.comment = comment;
    try {
      const res = await putCells(formId, sheet.period, agencyId, kind, [body]);
      patchCache(res.saved);
      setMark(key, { state: 'saved' });
      setLive(t('indEntry.live.saved', { cell: name }));
    } catch (e) {
      const msg = errorMessage(e);
      const conflict = e instanceof ApiError && e.status === 409;
      setMark(key, { state: conflict ? 'conflict' : 'error', message: msg });
      setLive(`${name}: ${msg}`);
    }
  };

  const onCommit = (code: string, option: string, text: string) => {
    const value = parseVi(text);
    const row = sheet.rows.find((r) => r.code === code);
    if (numEq(cellValue(row?.cells[option], kind), value)) return;
    void save(code, option, value);
  };

  const onPaste = async (start: GridPos, text: string) => {
    const block = parseTsv(text);
    const cells: CellWrite[] = [];
    block.forEach((line, i) => {
      line.forEach((raw, j) => {
        const r = start.r + i;
        const c = start.c + j;
        const row = sheet.rows[r];
        const col = cols[c];
        if (!row || !col || !hasOption(sheet, r, col.code)) return;
        const cell = row.cells[col.code];
        cells.push({ indicator: row.code, option: col.code, value: parseVi(raw), rev: cell?.rev ?? 0 });
      });
    });
    if (cells.length === 0) return;
    setPasteErrors([]);
    for (const c of cells) setMark(cellKey(c.indicator, c.option ?? ''), { state: 'saving' });
    setLive(t('indEntry.live.pasting', { count: cells.length }));
    try {
      const res = await putCells(formId, sheet.period, agencyId, kind, cells);
      patchCache(res.saved);
      for (const c of cells) setMark(cellKey(c.indicator, c.option ?? ''), { state: 'saved' });
      setLive(t('indEntry.live.pasted', { count: cells.length }));
      await qc.invalidateQueries({ queryKey });
    } catch (e) {
      const list = e instanceof ApiError ? problemList(e) : [];
      for (const c of cells) setMark(cellKey(c.indicator, c.option ?? ''), undefined);
      setPasteErrors(list.length ? list : [errorMessage(e)]);
      setLive(t('indEntry.live.pasteFailed'));
    }
  };

  const history = useQuery({
    queryKey: ['indicators', 'history', formId, sheet.period, agencyId, activeRow?.code, activeCol?.code],
    queryFn: () => cellHistory(formId, sheet.period, agencyId, activeRow!.code, activeCol!.code),
    enabled: historyOpen && !!activeRow && !!activeCol,
  });

  const failed = Object.entries(marks).filter(([, m]) => m?.state === 'error' || m?.state === 'conflict');
  const conflicts = failed.filter(([, m]) => m?.state === 'conflict');

  const grid = (
    <section className="lt-ind-grid-wrap" aria-label={t('indEntry.grid.region')}>
      <EntryGrid
        sheet={sheet}
        kind={kind}
        readOnly={readOnly}
        marks={marks}
        active={active}
        onActive={setActive}
        onCommit={onCommit}
        onPaste={(p, text) => void onPaste(p, text)}
      />
    </section>
  );

  return (
    <div className="lt-ind-sheet">
      <div className="lt-visually-hidden" aria-live="polite" role="status">
        {live}
      </div>
      {conflicts.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          message={t('indEntry.conflict.title')}
          description={
            <ul>
              {conflicts.map(([k, m]) => (
                <li key={k}>
                  {k.replace('|', ' ')}: {m?.message}
                </li>
              ))}
            </ul>
          }
          action={
            <Button
              icon={<ReloadOutlined aria-hidden />}
              onClick={() => {
                setMarks({});
                onReload();
              }}
            >
              {t('indEntry.conflict.reload')}
            </Button>
          }
        />
      ) : null}
      {failed.length > conflicts.length ? (
        <Alert
          type="error"
          showIcon
          message={t('indEntry.failedTitle')}
          description={
            <ul>
              {failed
                .filter(([, m]) => m?.state === 'error')
                .map(([k, m]) => (
                  <li key={k}>
                    {k.replace('|', ' ')}: {m?.message}
                  </li>
                ))}
            </ul>
          }
        />
      ) : null}
      {pasteErrors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setPasteErrors([])}
          message={t('indEntry.pasteFailedTitle')}
          description={
            <ul>
              {pasteErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <div className="lt-ind-toolbar">
        <span className="lt-muted">
          {t('indEntry.activeCell')}: <strong>{activeName}</strong>
          {activeCell?.updatedAt
            ? ` · ${t('indEntry.updatedAt', { at: viDateTime(activeCell.updatedAt) })}`
            : ''}
        </span>
        <Space wrap>
          <Button
            size="small"
            icon={<CommentOutlined aria-hidden />}
            disabled={!activePresent}
            onClick={() => {
              setCommentText(activeCell?.comment ?? '');
              setCommentOpen(true);
            }}
          >
            {readOnly ? t('indEntry.comment.view') : t('indEntry.comment.edit')}
          </Button>
          <Button
            size="small"
            icon={<HistoryOutlined aria-hidden />}
            disabled={!activePresent}
            onClick={() => setHistoryOpen(true)}
          >
            {t('indEntry.history.open')}
          </Button>
        </Space>
      </div>
      {!readOnly ? <p className="lt-muted lt-ind-help">{t('indEntry.grid.help')}</p> : null}
      <Tabs
        activeKey={kind}
        onChange={(k) => {
          setKind(k as ValueKind);
          setMarks({});
        }}
        items={(['estimate', 'official'] as const).map((k) => ({
          key: k,
          label: t(`indEntry.kinds.${k}Tab`),
          children: k === kind ? grid : null,
        }))}
      />
      <Modal
        open={commentOpen}
        title={t('indEntry.comment.title', { cell: activeName })}
        onCancel={() => setCommentOpen(false)}
        okText={t('indEntry.comment.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ hidden: readOnly }}
        onOk={() => {
          if (!activeRow || !activeCol) return;
          void save(activeRow.code, activeCol.code, undefined, commentText.trim() || null);
          setCommentOpen(false);
          message.info(t('indEntry.comment.sent'));
        }}
      >
        {readOnly ? (
          activeCell?.comment ? (
            <p>{activeCell.comment}</p>
          ) : (
            <EmptyText>{t('indEntry.comment.none')}</EmptyText>
          )
        ) : (
          <Input.TextArea
            aria-label={t('indEntry.comment.label', { cell: activeName })}
            value={commentText}
            maxLength={2000}
            rows={4}
            onChange={(e) => setCommentText(e.target.value)}
          />
        )}
      </Modal>
      <Drawer
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        width={phone ? '100%' : 480}
        title={t('indEntry.history.title', { cell: activeName })}
      >
        {history.isError ? <Alert type="error" message={errorMessage(history.error)} /> : null}
        <List
          loading={history.isPending && historyOpen}
          dataSource={history.data ?? []}
          locale={{ emptyText: t('indEntry.history.empty') }}
          renderItem={(h) => (
            <List.Item>
              <List.Item.Meta
                title={t('indEntry.history.change', {
                  kind: t(`indEntry.history.kinds.${h.kind}`),
                  before: h.kind === 'comment' ? (h.before ?? '—') : formatVi(h.before, 6) || '—',
                  after: h.kind === 'comment' ? (h.after ?? '—') : formatVi(h.after, 6) || '—',
                })}
                description={`${viDateTime(h.at)}${h.by ? ` · ${h.by}` : ''}`}
              />
            </List.Item>
          )}
        />
      </Drawer>
    </div>
  );
}

/** The per-cell problems of a batch or upload answer (fields, errors or cells members), else its detail. */
export function problemList(e: ApiError): string[] {
  const out: string[] = [];
  for (const f of e.fields) out.push(f.message);
  for (const name of ['errors', 'cells', 'problems']) {
    const arr = e.body[name];
    if (!Array.isArray(arr)) continue;
    for (const it of arr) {
      if (typeof it !== 'object' || it === null) continue;
      const o = it as Record<string, unknown>;
      const where = [
        o.row !== undefined ? `dòng ${o.row}` : '',
        o.column ? `cột ${o.column}` : '',
        o.indicatorCode ?? o.code ?? '',
        o.option ? `[${o.option}]` : '',
      ]
        .filter(Boolean)
        .join(' ');
      out.push(`${where ? `${where}: ` : ''}${String(o.message ?? o.reason ?? '')}`);
    }
  }
  if (out.length === 0 && e.detail) out.push(e.detail);
  return [...new Set(out)];
}
