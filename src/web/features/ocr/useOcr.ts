import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { cancelOcr, type OcrRunView, ocrRun, requestOcr } from './api.ts';

export interface OcrState {
  sha256: string;
  status: OcrRunView['status'] | 'starting';
  pagesDone: number;
  pagesTotal: number | null;
  error: string | null;
}

export interface Ocr {
  state: OcrState | null;
  /** Asks for the file's OCR (one run per file on the server) and follows it; `onDone` when it has text. */
  start(sha256: string, onDone: () => void): void;
  cancel(): void;
  reset(): void;
}

const TERMINAL = new Set(['done', 'failed', 'cancelled', 'not_needed']);

/** Follows an OCR run: progress every second until it ends; a newer start or a reset stops the old one. */
export function useOcr(pollMs = 1000): Ocr {
  const [state, setState] = useState<OcrState | null>(null);
  const token = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stop = useCallback(() => {
    token.current++;
    clearTimeout(timer.current);
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(
    (sha256: string, onDone: () => void) => {
      stop();
      const mine = token.current;
      setState({ sha256, status: 'starting', pagesDone: 0, pagesTotal: null, error: null });
      const follow = (r: OcrRunView) => {
        if (token.current !== mine) return;
        setState({
          sha256,
          status: r.status,
          pagesDone: r.pagesDone,
          pagesTotal: r.pagesTotal,
          error: r.error,
        });
        if (r.status === 'done') return onDone();
        if (TERMINAL.has(r.status)) return;
        timer.current = setTimeout(() => {
          ocrRun(sha256).then(follow, fail);
        }, pollMs);
      };
      const fail = (e: unknown) => {
        if (token.current !== mine) return;
        setState({ sha256, status: 'failed', pagesDone: 0, pagesTotal: null, error: errorMessage(e) });
      };
      requestOcr(sha256).then(follow, fail);
    },
    [pollMs, stop],
  );

  const cancel = useCallback(() => {
    const s = state;
    if (!s) return;
    void cancelOcr(s.sha256).then(
      (r) => setState((cur) => (cur?.sha256 === s.sha256 ? { ...cur, error: r.error } : cur)),
      () => {},
    );
  }, [state]);

  const reset = useCallback(() => {
    stop();
    setState(null);
  }, [stop]);

  return { state, start, cancel, reset };
}
