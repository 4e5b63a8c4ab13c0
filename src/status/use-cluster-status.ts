/**
 * The data hook of the status view: reads the status now, then again
 * `intervalMs` after each read finishes (reads never overlap), keeps the last
 * good status when a read fails, and reads at once on `refresh()` (after an
 * action) and whenever `watch` reports a change (a CIB file being written).
 * Stops the watch and aborts the running read on unmount.
 *
 * @example
 *   const { status, connection, refresh } = useClusterStatus(() => crmMon(ctx.executor, ctx.target), 2000);
 *   useClusterStatus(read, 2000, (changed) => watchFile(path, changed).close);
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CrmMonResult } from '../pacemaker/crm-mon.js';
import { initialPollState, nextPollState, type PollState } from './poll.js';

export type StatusReader = (signal: AbortSignal) => Promise<CrmMonResult>;

/** Start watching for changes; returns the function that stops it. */
export type ChangeWatch = (changed: () => void) => () => void;

export function useClusterStatus(read: StatusReader, intervalMs: number, watch?: ChangeWatch): PollState & { refresh: () => void } {
  const [state, setState] = useState<PollState>(initialPollState);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const inFlight = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);
  const abort = useRef<AbortController | undefined>(undefined);
  const tickRef = useRef<() => void>(() => {});

  tickRef.current = () => {
    if (!alive.current) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    clearTimeout(timer.current);
    inFlight.current = true;
    const ac = new AbortController();
    abort.current = ac;
    read(ac.signal)
      .catch((e: unknown): CrmMonResult => ({ ok: false, argv: [], error: e instanceof Error ? e.message : String(e) }))
      .then((r) => {
        inFlight.current = false;
        if (!alive.current) return;
        setState((prev) => nextPollState(prev, r, new Date()));
        if (again.current) {
          again.current = false;
          tickRef.current();
        } else timer.current = setTimeout(() => tickRef.current(), intervalMs);
      });
  };

  useEffect(() => {
    alive.current = true;
    tickRef.current();
    const unwatch = watch?.(() => tickRef.current());
    return () => {
      alive.current = false;
      unwatch?.();
      clearTimeout(timer.current);
      abort.current?.abort();
    };
  }, [intervalMs]);

  const refresh = useCallback(() => tickRef.current(), []);
  return { ...state, refresh };
}
