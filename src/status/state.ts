/**
 * The status view's UI state as a pure reducer: selection, scrolling, the
 * `/` filter, which pane is open, and the action waiting for confirmation.
 * No React here, so every transition is tested directly (test/status/state.test.ts).
 *
 * Navigation actions are reduced against the rows currently visible (after
 * the filter) and the body height, passed in as `view`.
 *
 * @example
 *   let s = initialViewState();
 *   s = reduceView(s, { type: 'refresh' }, { rows, height: 20 }); // selects the first node
 *   s = reduceView(s, { type: 'move', delta: 1 }, { rows, height: 20 });
 *   selectedRow(s, rows)?.target; // { type: 'node', node: 'n2' }
 */
import type { ClusterAction } from '../pacemaker/actions.js';
import { maxScroll, ONE_LINE, visibleRows, type LineCount } from './layout.js';
import { rowText, type Row } from './rows.js';

export type Mode = 'list' | 'details' | 'help' | 'filter' | 'confirm' | 'choose';

export interface ChooseState {
  /** what the chosen node is for */
  purpose: 'move' | 'ban';
  resource: string;
  options: string[];
  index: number;
}

export interface ViewState {
  mode: Mode;
  /** key of the selected row (stable across refreshes) */
  selectedKey?: string;
  /** index of the selected row last time, to land nearby when its row disappears */
  selectedIndex: number;
  /** index of the first visible row */
  scroll: number;
  filter: string;
  attributes: boolean;
  /** scroll offset inside the details and help panes */
  paneScroll: number;
  pending?: ClusterAction;
  choose?: ChooseState;
  /** the result of the last action, or a hint */
  message?: { text: string; tone: 'ok' | 'error' | 'info' };
  /** an action is running */
  busy: boolean;
}

export type ViewAction =
  | { type: 'refresh' }
  | { type: 'move'; delta: number }
  | { type: 'page'; delta: 1 | -1 }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'filter-start' }
  | { type: 'filter-input'; text: string }
  | { type: 'filter-backspace' }
  | { type: 'filter-accept' }
  | { type: 'filter-clear' }
  | { type: 'details' }
  | { type: 'help' }
  | { type: 'back' }
  | { type: 'pane-scroll'; delta: number }
  | { type: 'toggle-attributes' }
  | { type: 'request'; action: ClusterAction }
  | { type: 'choose-start'; purpose: 'move' | 'ban'; resource: string; options: string[] }
  | { type: 'choose-move'; delta: number }
  | { type: 'choose-accept' }
  | { type: 'confirm' }
  | { type: 'cancel' }
  | { type: 'done'; ok: boolean; text: string }
  | { type: 'message'; text: string; tone: 'ok' | 'error' | 'info' };

export interface ViewContext {
  /** rows visible after the filter */
  rows: readonly Row[];
  /** screen lines of the body */
  height: number;
  /** screen lines each row takes (long rows wrap); one each when not given */
  lines?: LineCount;
}

export function initialViewState(): ViewState {
  return { mode: 'list', selectedIndex: 0, scroll: 0, filter: '', attributes: false, paneScroll: 0, busy: false };
}

const selectable = (r: Row | undefined): boolean => r !== undefined && r.target !== undefined;

/** The selected row among `rows`, if it is still there. */
export function selectedRow(s: ViewState, rows: readonly Row[]): Row | undefined {
  return s.selectedKey === undefined ? undefined : rows.find((r) => r.key === s.selectedKey);
}

/** First selectable index at or after `from` going in `dir`, else the other way, else -1. */
function nearestSelectable(rows: readonly Row[], from: number, dir: 1 | -1): number {
  const start = Math.max(0, Math.min(rows.length - 1, from));
  for (let i = start; i >= 0 && i < rows.length; i += dir) if (selectable(rows[i])) return i;
  for (let i = start; i >= 0 && i < rows.length; i -= dir) if (selectable(rows[i])) return i;
  return -1;
}

/** Keep the selected row on screen, and show the section heading above the top item when there is room. */
function scrollTo(s: ViewState, index: number, ctx: ViewContext): number {
  const h = Math.max(1, ctx.height);
  const lines = ctx.lines ?? ONE_LINE;
  const max = maxScroll(ctx.rows, h, lines);
  let scroll = Math.min(s.scroll, max);
  if (index < 0) return scroll;
  if (index < scroll) scroll = index > 0 && ctx.rows[index - 1]?.depth === 0 ? index - 1 : index;
  else while (scroll < index && index >= visibleRows(ctx.rows, scroll, h, lines).end) scroll++;
  return Math.max(0, Math.min(scroll, max));
}

function select(s: ViewState, index: number, ctx: ViewContext): ViewState {
  const row = ctx.rows[index];
  if (index < 0 || row === undefined) {
    const { selectedKey: _drop, ...rest } = s;
    return { ...rest, selectedIndex: 0, scroll: scrollTo(s, -1, ctx) };
  }
  return { ...s, selectedKey: row.key, selectedIndex: index, scroll: scrollTo(s, index, ctx) };
}

/** Where the selection is now: the row with its key, else the nearest selectable row to where it was. */
function currentIndex(s: ViewState, ctx: ViewContext): number {
  if (s.selectedKey !== undefined) {
    const i = ctx.rows.findIndex((r) => r.key === s.selectedKey);
    if (i >= 0) return i;
  }
  return nearestSelectable(ctx.rows, s.selectedIndex, 1);
}

/**
 * Rows that match the filter (case-insensitive substring), with the rows they
 * are nested under and their section headings, so a match is shown in context.
 */
export function filterRows(rows: readonly Row[], filter: string): Row[] {
  const f = filter.trim().toLowerCase();
  if (f === '') return [...rows];
  const keep = new Set<string>();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const r of rows) {
    if (r.depth === 0 || !rowText(r).toLowerCase().includes(f)) continue;
    keep.add(r.key);
    keep.add(`h:${r.section}`);
    for (let p = r.parent; p !== undefined; p = byKey.get(p)?.parent) keep.add(p);
  }
  return rows.filter((r) => keep.has(r.key));
}

/** The state after `a`; never mutates `s`. */
export function reduceView(s: ViewState, a: ViewAction, ctx: ViewContext): ViewState {
  switch (a.type) {
    case 'refresh':
      // new rows from the cluster: keep the same row selected, and the scroll position
      return select(s, currentIndex(s, ctx), ctx);
    case 'move': {
      const cur = currentIndex(s, ctx);
      if (cur < 0) return select(s, -1, ctx);
      const dir = a.delta > 0 ? 1 : -1;
      let i = cur;
      for (let n = Math.abs(a.delta); n > 0; n--) {
        let j = i + dir;
        while (j >= 0 && j < ctx.rows.length && !selectable(ctx.rows[j])) j += dir;
        if (j < 0 || j >= ctx.rows.length) break;
        i = j;
      }
      return select(s, i, ctx);
    }
    case 'page': {
      const cur = Math.max(0, currentIndex(s, ctx));
      const h = Math.max(1, ctx.height - 1);
      const target = Math.max(0, Math.min(ctx.rows.length - 1, cur + a.delta * h));
      const moved = { ...s, scroll: Math.max(0, Math.min(maxScroll(ctx.rows, Math.max(1, ctx.height), ctx.lines ?? ONE_LINE), s.scroll + a.delta * h)) };
      return select(moved, nearestSelectable(ctx.rows, target, a.delta), ctx);
    }
    case 'home':
      return select({ ...s, scroll: 0 }, nearestSelectable(ctx.rows, 0, 1), ctx);
    case 'end':
      return select(s, nearestSelectable(ctx.rows, ctx.rows.length - 1, -1), ctx);
    case 'filter-start':
      return { ...s, mode: 'filter' };
    case 'filter-input':
      return { ...s, filter: s.filter + a.text, scroll: 0 };
    case 'filter-backspace':
      return { ...s, filter: s.filter.slice(0, -1), scroll: 0 };
    case 'filter-accept':
      return { ...s, mode: 'list' };
    case 'filter-clear':
      return { ...s, mode: 'list', filter: '' };
    case 'details':
      return selectedRow(s, ctx.rows)?.target !== undefined ? { ...s, mode: 'details', paneScroll: 0 } : s;
    case 'help':
      return { ...s, mode: s.mode === 'help' ? 'list' : 'help', paneScroll: 0 };
    case 'back': {
      const { choose: _c, pending: _p, ...rest } = s;
      return { ...rest, mode: 'list', paneScroll: 0 };
    }
    case 'pane-scroll':
      return { ...s, paneScroll: Math.max(0, s.paneScroll + a.delta) };
    case 'toggle-attributes':
      return { ...s, attributes: !s.attributes };
    case 'request':
      if (s.busy) return { ...s, message: { text: 'an action is still running', tone: 'info' } };
      return { ...s, mode: 'confirm', pending: a.action };
    case 'choose-start':
      if (a.options.length === 0) return { ...s, message: { text: `no node to ${a.purpose} ${a.resource} ${a.purpose === 'move' ? 'to' : 'from'}`, tone: 'error' } };
      return { ...s, mode: 'choose', choose: { purpose: a.purpose, resource: a.resource, options: a.options, index: 0 } };
    case 'choose-move': {
      if (s.choose === undefined) return s;
      const n = s.choose.options.length;
      return { ...s, choose: { ...s.choose, index: (s.choose.index + a.delta + n) % n } };
    }
    case 'choose-accept': {
      const c = s.choose;
      const node = c?.options[c.index];
      if (c === undefined || node === undefined) return s;
      const { choose: _c, ...rest } = s;
      return { ...rest, mode: 'confirm', pending: c.purpose === 'move' ? { kind: 'resource-move', resource: c.resource, node } : { kind: 'resource-ban', resource: c.resource, node } };
    }
    case 'confirm':
      // the app runs `pending` when it sees busy turn on; the reducer only records it
      return s.pending === undefined ? s : { ...s, mode: 'list', busy: true, message: { text: 'running…', tone: 'info' } };
    case 'cancel': {
      const { pending: _p, choose: _c, ...rest } = s;
      return { ...rest, mode: 'list', message: { text: 'cancelled', tone: 'info' } };
    }
    case 'done': {
      const { pending: _p, ...rest } = s;
      return { ...rest, busy: false, message: { text: a.text, tone: a.ok ? 'ok' : 'error' } };
    }
    case 'message':
      return { ...s, message: { text: a.text, tone: a.tone } };
  }
}
