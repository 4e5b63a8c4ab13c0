/**
 * Key bindings of the status view, as one table (also the `?` help), and the
 * pure step from a command on the selected row to a view action: which
 * cluster action it means, or why it does not apply.
 *
 * @example
 *   commandForKey('s', {});                       // 'standby'
 *   planCommand('standby', row, status);         // { type: 'request', action: { kind: 'node-standby', node: 'n1' } }
 */
import type { ClusterAction } from '../pacemaker/actions.js';
import { walkResources, type ClusterStatus } from '../pacemaker/status-model.js';
import type { Row } from './rows.js';
import type { ViewAction } from './state.js';

export type Command =
  | 'quit'
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'home'
  | 'end'
  | 'details'
  | 'back'
  | 'help'
  | 'filter'
  | 'attributes'
  | 'refresh'
  | 'standby'
  | 'online'
  | 'maintenance'
  | 'cleanup'
  | 'start'
  | 'stop'
  | 'move'
  | 'ban'
  | 'clear';

/** The subset of ink's Key we look at. */
export interface KeyLike {
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  backspace?: boolean;
  delete?: boolean;
  tab?: boolean;
}

export interface Binding {
  keys: string;
  command: Command;
  help: string;
  /** the character(s) that trigger it (besides special keys) */
  chars: string[];
}

/** Every binding of the list, in the order `?` shows them. */
export const BINDINGS: readonly Binding[] = [
  { keys: '↑ k / ↓ j', command: 'up', help: 'select the previous / next node or resource', chars: ['k'] },
  { keys: '', command: 'down', help: '', chars: ['j'] },
  { keys: 'PgUp / PgDn', command: 'page-up', help: 'scroll a page', chars: [] },
  { keys: '', command: 'page-down', help: '', chars: [' '] },
  { keys: 'g / G', command: 'home', help: 'first / last', chars: ['g'] },
  { keys: '', command: 'end', help: '', chars: ['G'] },
  { keys: 'Enter', command: 'details', help: 'details of the selection (Esc to go back)', chars: [] },
  { keys: '/', command: 'filter', help: 'filter nodes and resources by text (Esc clears)', chars: ['/'] },
  { keys: 'a', command: 'attributes', help: 'show / hide node attributes', chars: ['a'] },
  { keys: 'r', command: 'refresh', help: 'refresh now', chars: ['r'] },
  { keys: 's', command: 'standby', help: 'node: standby', chars: ['s'] },
  { keys: 'o', command: 'online', help: 'node: online (out of standby)', chars: ['o'] },
  { keys: 'm', command: 'maintenance', help: 'node or resource: maintenance on / off', chars: ['m'] },
  { keys: 'c', command: 'cleanup', help: 'resource: cleanup (forget failures)', chars: ['c'] },
  { keys: '+ / -', command: 'start', help: 'resource: start / stop (target-role)', chars: ['+'] },
  { keys: '', command: 'stop', help: '', chars: ['-'] },
  { keys: 'M', command: 'move', help: 'resource: move to a node you choose', chars: ['M'] },
  { keys: 'b', command: 'ban', help: 'resource: ban from a node', chars: ['b'] },
  { keys: 'C', command: 'clear', help: 'resource: clear its ban/move constraints', chars: ['C'] },
  { keys: '?', command: 'help', help: 'this help', chars: ['?'] },
  { keys: 'q', command: 'quit', help: 'quit', chars: ['q'] },
];

/** The command a key means in the list (not in the filter box or a prompt). */
export function commandForKey(input: string, key: KeyLike): Command | undefined {
  if (key.ctrl && input === 'c') return 'quit';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'page-up';
  if (key.pageDown) return 'page-down';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'details';
  if (key.escape) return 'back';
  if (key.ctrl) return undefined;
  return BINDINGS.find((b) => b.chars.includes(input))?.command;
}

/** A clone instance id (`rsc:1`) names its primitive for actions. */
const baseId = (id: string): string => id.replace(/:\d+$/, '');

/** Nodes an operator can move a resource to: online cluster or remote nodes, not where it runs now. */
function moveTargets(status: ClusterStatus, resource: string): string[] {
  const running = new Set<string>();
  for (const r of walkResources(status.resources)) if (r.type === 'primitive' && baseId(r.id) === resource) r.nodes.forEach((n) => running.add(n));
  return status.nodes.filter((n) => n.online && !n.standby && n.kind !== 'ping' && !running.has(n.name)).map((n) => n.name);
}

function runningOn(status: ClusterStatus, resource: string): string[] {
  const out = new Set<string>();
  for (const r of walkResources(status.resources)) {
    if (r.id !== resource && baseId(r.id) !== resource) continue;
    for (const p of r.type === 'primitive' ? [r] : [...walkResources([r])].filter((x) => x.type === 'primitive')) if (p.type === 'primitive') p.nodes.forEach((n) => out.add(n));
  }
  return [...out];
}

const req = (action: ClusterAction): ViewAction => ({ type: 'request', action });
const why = (text: string): ViewAction => ({ type: 'message', text, tone: 'error' });

/**
 * What a cluster command means for the selected row: a confirmation to ask,
 * a node to choose first, or a message saying why it does not apply.
 */
export function planCommand(cmd: Command, row: Row | undefined, status: ClusterStatus): ViewAction | undefined {
  const t = row?.target;
  switch (cmd) {
    case 'standby':
    case 'online': {
      if (t?.type !== 'node') return why(`select a node to put it ${cmd === 'standby' ? 'in standby' : 'online'}`);
      return req(cmd === 'standby' ? { kind: 'node-standby', node: t.node } : { kind: 'node-online', node: t.node });
    }
    case 'maintenance': {
      if (t?.type === 'node') {
        const n = status.nodes.find((x) => x.name === t.node);
        return req({ kind: 'node-maintenance', node: t.node, on: !(n?.maintenance ?? false) });
      }
      if (t?.type === 'resource') {
        const id = baseId(t.resource);
        const r = [...walkResources(status.resources)].find((x) => x.id === id || baseId(x.id) === id);
        return req({ kind: 'resource-maintenance', resource: id, on: r?.managed ?? true });
      }
      return why('select a node or a resource');
    }
    case 'cleanup':
    case 'start':
    case 'stop':
    case 'clear':
    case 'move':
    case 'ban': {
      if (t?.type !== 'resource') return why(`select a resource to ${cmd === 'clear' ? 'clear' : cmd}`);
      const id = baseId(t.resource);
      if (cmd === 'cleanup') {
        // from a failure or fail-count line, clean up where it failed; elsewhere, everywhere
        const onNode = row !== undefined && (row.section === 'failures' || row.section === 'migration') ? t.node : undefined;
        return req({ kind: 'resource-cleanup', resource: id, ...(onNode !== undefined ? { node: onNode } : {}) });
      }
      if (cmd === 'start') return req({ kind: 'resource-start', resource: id });
      if (cmd === 'stop') return req({ kind: 'resource-stop', resource: id });
      if (cmd === 'clear') return req({ kind: 'resource-clear', resource: id });
      if (cmd === 'move') return { type: 'choose-start', purpose: 'move', resource: id, options: moveTargets(status, id) };
      // ban: from the node of the selected instance, else choose among the nodes it runs on
      if (t.node !== undefined && row?.section !== 'bans') return req({ kind: 'resource-ban', resource: id, node: t.node });
      const on = runningOn(status, id);
      return { type: 'choose-start', purpose: 'ban', resource: id, options: on.length > 0 ? on : status.nodes.filter((n) => n.kind !== 'ping').map((n) => n.name) };
    }
    default:
      return undefined;
  }
}

/** The `?` page, compact enough for 80×24: related keys share a line. */
const HELP: ReadonlyArray<[string, string]> = [
  ['↑ ↓ k j', 'select the previous / next node or resource'],
  ['PgUp PgDn g G', 'scroll a page, go to the first / last'],
  ['Enter', 'details of the selection; Esc goes back'],
  ['/', 'filter nodes and resources by text; Esc clears'],
  ['a', 'show / hide node attributes;  r  refresh now'],
  ['s / o', 'node: standby / online'],
  ['m', 'node or resource: maintenance on / off'],
  ['c', 'resource: cleanup (forget failures, re-probe)'],
  ['+ / -', 'resource: start / stop (target-role)'],
  ['M / b', 'resource: move to / ban from a node you choose'],
  ['C', 'resource: clear the constraints ban/move left'],
  ['?', 'this help;  q  quit'],
];

/** The `?` page. */
export function helpLines(): Array<Array<{ text: string; tone: 'heading' | 'accent' | 'normal' | 'dim' }>> {
  const out: Array<Array<{ text: string; tone: 'heading' | 'accent' | 'normal' | 'dim' }>> = [[{ text: 'Keys', tone: 'heading' }]];
  for (const [k, h] of HELP) out.push([{ text: `  ${k.padEnd(14)}`, tone: 'accent' }, { text: h, tone: 'normal' }]);
  out.push([{ text: 'Every action asks first and shows the exact command it will run;', tone: 'dim' }]);
  out.push([{ text: 'the view then shows what the cluster reports, not a guess.', tone: 'dim' }]);
  return out;
}
