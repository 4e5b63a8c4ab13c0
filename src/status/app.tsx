/**
 * The live `hash status` app: the data hook, the view reducer and the key
 * bindings around the pure <StatusView>. Cluster access comes in as
 * functions (read, run, loadDetails), so the app can be driven in tests with
 * any source; `runStatusApp` wires them to the real Pacemaker tools.
 *
 * @example
 *   const code = await runStatusApp(ctx, { intervalMs: 2000, attributes: false, allBans: false });
 */
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { render, useApp, useInput, useStdout, type Key } from 'ink';
import { describeTarget } from '../cib/target.js';
import { runAction, type ActionResult, type ClusterAction } from '../pacemaker/actions.js';
import { allocationScores, cibConfiguration, clusterName, readClusterStatus } from '../pacemaker/crm-mon.js';
import type { ShellContext } from '../shell/context.js';
import { footerLines } from './components/Footer.js';
import { bodyHeight, connectionScreenLines, StatusView } from './components/StatusView.js';
import type { DetailsExtra } from './details.js';
import { commandForKey, planCommand } from './keys.js';
import { buildRows, type HeaderInfo, type RowTarget } from './rows.js';
import { lineCounter } from './layout.js';
import { filterRows, initialViewState, reduceView, selectedRow, type ViewAction, type ViewContext, type ViewState } from './state.js';
import { colorEnabled } from './theme.js';
import { cibFileOf, watchFile } from './file-watch.js';
import { useClusterStatus, type ChangeWatch, type StatusReader } from './use-cluster-status.js';

export interface StatusAppProps {
  read: StatusReader;
  run: (a: ClusterAction) => Promise<ActionResult>;
  /** CIB configuration and allocation scores for the details pane */
  loadDetails?: (target: RowTarget) => Promise<DetailsExtra>;
  /** cluster name etc., read once */
  loadHeader?: () => Promise<HeaderInfo>;
  intervalMs: number;
  /** reads again at once when this reports a change (a CIB file being written); the interval stays as a fallback */
  watch?: ChangeWatch;
  color: boolean;
  attributes?: boolean;
  allBans?: boolean;
  /** fixed size (tests); else the terminal's, following resizes */
  size?: { columns: number; rows: number };
}

function useTerminalSize(fixed?: { columns: number; rows: number }): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const get = (): { columns: number; rows: number } => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(get);
  useEffect(() => {
    if (fixed !== undefined) return;
    const on = (): void => setSize(get());
    stdout.on('resize', on);
    return () => {
      stdout.off('resize', on);
    };
  }, [stdout]);
  return size;
}

export function StatusApp(props: StatusAppProps): React.JSX.Element {
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  // one line short of the screen: a full-height frame makes ink clear the terminal on every render
  const height = Math.max(8, size.rows - 1);
  const data = useClusterStatus(props.read, props.intervalMs, props.watch);
  const [header, setHeader] = useState<HeaderInfo>({});
  const [state, setState] = useState<ViewState>(() => ({ ...initialViewState(), attributes: props.attributes ?? false }));
  const [details, setDetails] = useState<DetailsExtra | undefined>(undefined);

  const allRows = useMemo(() => (data.status ? buildRows(data.status, { attributes: state.attributes, allBans: props.allBans ?? false }) : []), [data.status, state.attributes, props.allBans]);
  const rows = useMemo(() => filterRows(allRows, state.filter), [allRows, state.filter]);
  const connLines = connectionScreenLines(data.connection, props.intervalMs, props.watch !== undefined, size.columns).length;
  const body = bodyHeight(data.status, header, height, footerLines(state, size.columns).length, size.columns, connLines);
  // long rows wrap: the reducer scrolls by screen lines at this width
  const lines = useMemo(() => lineCounter(size.columns), [size.columns]);
  const ctxRef = useRef<ViewContext>({ rows, height: body, lines });
  ctxRef.current = { rows, height: body, lines };

  // keys can arrive faster than renders: the handler must see the state the previous key left,
  // so the reducer runs here, synchronously, on a ref, and React just gets the result
  const stateRef = useRef(state);
  const dispatch = useCallback((a: ViewAction) => {
    stateRef.current = reduceView(stateRef.current, a, ctxRef.current);
    setState(stateRef.current);
  }, []);

  useEffect(() => {
    props.loadHeader?.().then(setHeader, () => {});
  }, []);
  // new data, filter or size: keep the selected row (by key) and the scroll position valid
  useEffect(() => dispatch({ type: 'refresh' }), [rows, body, lines]);

  const selected = selectedRow(state, rows);
  const detailsKey = state.mode === 'details' ? selected?.key : undefined;
  useEffect(() => {
    setDetails(undefined);
    const t = selected?.target;
    if (detailsKey === undefined || t === undefined || props.loadDetails === undefined || t.type !== 'resource') return;
    let live = true;
    setDetails({ loading: true });
    props.loadDetails(t).then(
      (d) => live && setDetails(d),
      () => live && setDetails({}),
    );
    return () => {
      live = false;
    };
  }, [detailsKey]);

  const runPending = (action: ClusterAction): void => {
    dispatch({ type: 'confirm' });
    props.run(action).then(
      (r) => {
        dispatch({ type: 'done', ok: r.ok, text: r.message });
        data.refresh();
      },
      (e: unknown) => dispatch({ type: 'done', ok: false, text: e instanceof Error ? e.message : String(e) }),
    );
  };

  const onKey = (input: string, key: Key): void => {
    // keys typed (or sent) quickly can arrive as one chunk, "jjj\r": take them one by one
    if (input.length > 1 && !key.ctrl && !key.meta && !input.startsWith('\x1b')) {
      for (const ch of input) {
        const k = { ...key, return: ch === '\r', backspace: ch === '\x7f' || ch === '\b' };
        onKey(ch === '\r' || ch === '\x7f' || ch === '\b' ? '' : ch, k);
      }
      return;
    }
    const s = stateRef.current;
    const selected = selectedRow(s, ctxRef.current.rows);
    if (key.ctrl && input === 'c') return exit();
    if (s.mode === 'confirm') {
      if (input === 'y' || input === 'Y') {
        if (s.pending !== undefined) runPending(s.pending);
      } else dispatch({ type: 'cancel' });
      return;
    }
    if (s.mode === 'choose') {
      if (key.escape || input === 'q') dispatch({ type: 'cancel' });
      else if (key.return) dispatch({ type: 'choose-accept' });
      else if (key.leftArrow || key.upArrow || input === 'h' || input === 'k') dispatch({ type: 'choose-move', delta: -1 });
      else if (key.rightArrow || key.downArrow || key.tab || input === 'l' || input === 'j') dispatch({ type: 'choose-move', delta: 1 });
      return;
    }
    if (s.mode === 'filter') {
      if (key.escape) dispatch({ type: 'filter-clear' });
      else if (key.return) dispatch({ type: 'filter-accept' });
      else if (key.backspace || key.delete) dispatch({ type: 'filter-backspace' });
      else if (key.upArrow) dispatch({ type: 'move', delta: -1 });
      else if (key.downArrow) dispatch({ type: 'move', delta: 1 });
      else if (input && !key.ctrl && !key.meta && !/[\x00-\x1f]/.test(input)) dispatch({ type: 'filter-input', text: input });
      return;
    }
    const cmd = commandForKey(input, key);
    if (cmd === undefined) return;
    if (s.mode === 'details' || s.mode === 'help') {
      // in a pane the arrows scroll it; cluster commands still act on the selection
      if (cmd === 'up' || cmd === 'down') return dispatch({ type: 'pane-scroll', delta: cmd === 'up' ? -1 : 1 });
      if (cmd === 'page-up' || cmd === 'page-down') return dispatch({ type: 'pane-scroll', delta: (cmd === 'page-up' ? -1 : 1) * (body - 1) });
      if (cmd === 'back' || (cmd === 'help' && s.mode === 'help') || cmd === 'details') return dispatch({ type: 'back' });
    }
    switch (cmd) {
      case 'quit':
        return exit();
      case 'up':
        return dispatch({ type: 'move', delta: -1 });
      case 'down':
        return dispatch({ type: 'move', delta: 1 });
      case 'page-up':
        return dispatch({ type: 'page', delta: -1 });
      case 'page-down':
        return dispatch({ type: 'page', delta: 1 });
      case 'home':
        return dispatch({ type: 'home' });
      case 'end':
        return dispatch({ type: 'end' });
      case 'details':
        return dispatch({ type: 'details' });
      case 'back':
        return dispatch(s.filter ? { type: 'filter-clear' } : { type: 'back' });
      case 'help':
        return dispatch({ type: 'help' });
      case 'filter':
        return dispatch({ type: 'filter-start' });
      case 'attributes':
        return dispatch({ type: 'toggle-attributes' });
      case 'refresh':
        dispatch({ type: 'message', text: 'refreshing…', tone: 'info' });
        return data.refresh();
      default: {
        if (data.status === undefined) return dispatch({ type: 'message', text: 'no cluster status yet', tone: 'error' });
        const a = planCommand(cmd, selected, data.status);
        if (a !== undefined) dispatch(a);
      }
    }
  };
  useInput(onKey);

  return (
    <StatusView
      {...(data.status !== undefined ? { status: data.status } : {})}
      rows={rows}
      state={state}
      header={header}
      connection={data.connection}
      intervalMs={props.intervalMs}
      watching={props.watch !== undefined}
      {...(details !== undefined ? { details } : {})}
      width={size.columns}
      height={height}
      color={props.color}
    />
  );
}

/**
 * Run the live view on the terminal until the user quits; returns the exit
 * code. Uses the terminal's alternate screen, so the shell's scroll-back is
 * left as it was.
 */
export async function runStatusApp(ctx: ShellContext, o: { intervalMs: number; attributes: boolean; allBans: boolean; predicted?: boolean }): Promise<number> {
  const { executor, target } = ctx;
  const alt = ctx.env.TERM !== 'dumb';
  // a CIB file (or sandbox) changes by being written: show it at once, not at the next interval
  const file = cibFileOf(target);
  const watch: ChangeWatch | undefined =
    file === undefined
      ? undefined
      : (changed) => {
          const w = watchFile(file, changed);
          return () => w.close();
        };
  if (alt) process.stdout.write('\x1b[?1049h\x1b[H');
  try {
    const inst = render(
      <StatusApp
        read={(signal) => readClusterStatus(executor, target, { predicted: o.predicted ?? false, signal })}
        run={(a) => runAction(executor, target, a)}
        loadDetails={async () => {
          const [config, scores] = await Promise.all([cibConfiguration(executor, target), allocationScores(executor, target)]);
          return { ...(config !== undefined ? { config } : {}), ...(scores !== undefined ? { scores } : {}) };
        }}
        loadHeader={async () => {
          const name = await clusterName(executor, target);
          return { ...(name !== undefined ? { clusterName: name } : {}), source: describeTarget(target) };
        }}
        intervalMs={o.intervalMs}
        {...(watch !== undefined ? { watch } : {})}
        color={colorEnabled(ctx.env, true)}
        attributes={o.attributes}
        allBans={o.allBans}
      />,
      { exitOnCtrlC: false, patchConsole: false },
    );
    // a kill or a closed terminal still leaves the shell's screen as it was
    const stop = (): void => inst.unmount();
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
    for (const sig of signals) process.once(sig, stop);
    try {
      await inst.waitUntilExit();
    } finally {
      for (const sig of signals) process.off(sig, stop);
    }
  } finally {
    if (alt) process.stdout.write('\x1b[?1049l');
  }
  return 0;
}
