/**
 * crm_simulate on a CIB that is not (yet) the cluster's: the configure
 * session's working CIB with the cluster's current status, given on stdin
 * (`--xml-pipe`), so nothing is written anywhere. The scheduler's answer
 * (`--output-as=xml`) is decoded into what would start, stop, move, promote,
 * demote, … and written as one readable line per action.
 *
 * @example
 *   const status = await inv.query(statusQueryArgv());
 *   const r = await inv.query(simulateArgv({ scores: false }), { stdin: serializeXml(withStatus(working, status.stdout)) });
 *   io.out(formatSimulation(parseSimulation(r.stdout)));
 */
import { child, children, parseXml, scanXml, type XmlElement } from '../cib/xml.js';

/** `cibadmin --query --scope status`: the cluster's status section, to simulate the working configuration against. */
export function statusQueryArgv(): string[] {
  return ['cibadmin', '--query', '--scope', 'status'];
}

export interface SimulateOptions {
  /** allocation scores (`--show-scores`) */
  scores?: boolean;
  /** node capacities and resource utilization (`--show-utilization`) */
  utilization?: boolean;
}

/** crm_simulate reading the CIB from stdin; never --live-check (on a CIB file that writes the result back into it). */
export function simulateArgv(opts: SimulateOptions = {}): string[] {
  return [
    'crm_simulate',
    '--xml-pipe',
    '--simulate',
    '--output-as=xml',
    ...(opts.scores ? ['--show-scores'] : []),
    ...(opts.utilization ? ['--show-utilization'] : []),
  ];
}

/**
 * `cib` with the status section of another CIB (or a bare `<status>`):
 * the working configuration as the cluster is now. Without a status, the
 * cib's own status is kept.
 */
export function withStatus(cib: XmlElement, statusXml: string): XmlElement {
  const parsed = statusXml.trim() === '' ? undefined : parseXml(statusXml);
  const status = parsed === undefined ? undefined : parsed.name === 'status' ? parsed : child(parsed, 'status');
  if (status === undefined) return cib;
  const kids = cib.children.filter((c) => c.name !== 'status');
  return { ...cib, children: [...kids, status] };
}

/** One change the scheduler would make to a resource (crm_simulate's "Transition Summary"). */
export interface ResourceChange {
  /** start, stop, move, migrate, promote, demote, re-promote, recover, restart, reload, … */
  action: string;
  resource: string;
  /** where it happens (start, stop, recover) */
  node?: string;
  /** where it is (move, migrate, promote, demote, restart, reload) */
  source?: string;
  /** where it goes (move, migrate; promote of a new instance) */
  dest?: string;
  role?: string;
  nextRole?: string;
  reason?: string;
  /** it would happen but cannot (e.g. an unrunnable dependency) */
  blocked: boolean;
}

export interface NodeChange {
  /** e.g. `Fence (reboot)`, `Shutdown` */
  task: string;
  node: string;
  reason?: string;
}

/** One step of the transition graph (`simulate actions`). */
export interface TransitionStep {
  resource?: string;
  op: string;
  node?: string;
}

export interface Simulation {
  resources: ResourceChange[];
  nodes: NodeChange[];
  transition: TransitionStep[];
  /** resource → node → score, the scheduler's final pass (with `scores`) */
  scores: Map<string, Map<string, string>>;
  /** node → utilization attributes, as the cluster has them and what remains (with `utilization`) */
  capacity: { node: string; comment: string; values: Record<string, string> }[];
}

const empty: XmlElement = { name: '', attrs: {}, children: [] };

/** Decode `crm_simulate --simulate --output-as=xml`. Throws when the output is not crm_simulate's XML. */
export function parseSimulation(xml: string): Simulation {
  const root = scanXml(xml) ?? parseXml(xml);
  if (root.name !== 'pacemaker-result') throw new Error('crm_simulate gave no <pacemaker-result>');
  const actions = child(root, 'actions') ?? empty;
  const resources: ResourceChange[] = children(actions, 'rsc_action').map((a) => ({
    action: a.attrs.action ?? '',
    resource: a.attrs.resource ?? '',
    ...(a.attrs.node !== undefined ? { node: a.attrs.node } : {}),
    ...(a.attrs.source !== undefined ? { source: a.attrs.source } : {}),
    ...(a.attrs.dest !== undefined ? { dest: a.attrs.dest } : {}),
    ...(a.attrs.role !== undefined ? { role: a.attrs.role } : {}),
    ...(a.attrs['next-role'] !== undefined ? { nextRole: a.attrs['next-role'] } : {}),
    ...(a.attrs.reason !== undefined ? { reason: a.attrs.reason } : {}),
    blocked: a.attrs.blocked === 'true',
  }));
  const nodes: NodeChange[] = children(actions, 'node_action').map((a) => ({
    task: a.attrs.task ?? '',
    node: a.attrs.node ?? '',
    ...(a.attrs.reason !== undefined ? { reason: a.attrs.reason } : {}),
  }));
  const transition: TransitionStep[] = [];
  for (const s of (child(root, 'transition') ?? empty).children) {
    if (s.name === 'rsc_action') transition.push({ resource: s.attrs.resource, op: s.attrs.op ?? '', ...(s.attrs.node !== undefined ? { node: s.attrs.node } : {}) });
    else if (s.name === 'cluster_action') transition.push({ op: s.attrs.task ?? '', ...(s.attrs.id !== undefined ? { resource: s.attrs.id } : {}), ...(s.attrs.node !== undefined ? { node: s.attrs.node } : {}) });
    else if (s.name === 'fencing_action') transition.push({ op: `fence (${s.attrs.op ?? 'reboot'})`, ...(s.attrs.target !== undefined ? { node: s.attrs.target } : {}) });
  }
  const scores = new Map<string, Map<string, string>>();
  const capacity: Simulation['capacity'] = [];
  for (const e of (child(root, 'allocations_utilizations') ?? child(root, 'allocations') ?? empty).children) {
    if (e.name === 'node_weight' && e.attrs.id !== undefined && e.attrs.node !== undefined) {
      let per = scores.get(e.attrs.id);
      if (per === undefined) scores.set(e.attrs.id, (per = new Map()));
      per.set(e.attrs.node, e.attrs.score ?? '');
    } else if (e.name === 'capacity' && e.attrs.node !== undefined) {
      const { node, comment, ...values } = e.attrs;
      capacity.push({ node, comment: comment ?? '', values });
    }
  }
  return { resources, nodes, transition, scores, capacity };
}

/** Where a change happens, in words: `on n1`, `from n1 to n2`. */
function where(c: ResourceChange): string {
  if (c.source !== undefined && c.dest !== undefined) return `from ${c.source} to ${c.dest}`;
  const at = c.node ?? c.source ?? c.dest;
  return at !== undefined ? `on ${at}` : '';
}

/**
 * The simulation as lines a person reads: one per resource or node change,
 * then (when asked) the transition's steps, the scores and the capacities.
 *
 * @example
 *   formatSimulation(sim)
 *   // start    web on node1
 *   // move     db from node1 to node2 (due to node availability)
 */
export function formatSimulation(sim: Simulation, opts: { actions?: boolean; scores?: boolean; utilization?: boolean } = {}): string {
  const out: string[] = [];
  for (const n of sim.nodes) out.push(`${n.task.toLowerCase()} node ${n.node}${n.reason ? ` (${n.reason})` : ''}`);
  const width = Math.max(8, ...sim.resources.map((c) => c.action.length + 1));
  for (const c of sim.resources) {
    const role = c.nextRole !== undefined && c.role !== undefined ? ` (${c.role} → ${c.nextRole})` : c.role !== undefined && c.action === 're-promote' ? ` (${c.role})` : '';
    const why = [c.blocked ? 'blocked' : '', c.reason ? `due to ${c.reason}` : ''].filter(Boolean).join(', ');
    out.push(`${c.action.padEnd(width)} ${c.resource} ${where(c)}${role}${why ? ` (${why})` : ''}`.replace(/ +$/, ''));
  }
  if (out.length === 0) out.push('nothing would change: every resource stays as it is');
  if (opts.actions) {
    out.push('', 'actions of the transition, in order:');
    if (sim.transition.length === 0) out.push('  (none)');
    for (const s of sim.transition) out.push(`  ${s.op}${s.resource !== undefined ? ` ${s.resource}` : ''}${s.node !== undefined ? ` on ${s.node}` : ''}`);
  }
  if (opts.scores) {
    out.push('', 'allocation scores (final pass):');
    for (const [rsc, per] of sim.scores) out.push(`  ${rsc}: ${[...per].map(([n, s]) => `${n}=${s}`).join(' ')}`);
  }
  if (opts.utilization) {
    out.push('', 'node capacity:');
    for (const c of sim.capacity) {
      const vals = Object.entries(c.values).map(([k, v]) => `${k}=${v}`).join(' ');
      out.push(`  ${c.node} (${c.comment.toLowerCase() || 'capacity'}): ${vals || '(no utilization attributes)'}`);
    }
  }
  return `${out.join('\n')}\n`;
}
