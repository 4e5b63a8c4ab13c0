/**
 * The details pane (Enter on a node or resource) as lines of segments: state
 * and flags from crm_mon, operation history and fail counts, the CIB
 * configuration (parameters, meta, operations, the constraints that name it)
 * and the scheduler's allocation scores, which say where it may not run and
 * so why it is not where one might expect. Pure: everything is passed in.
 *
 * @example
 *   detailLines({ type: 'resource', resource: 'web', kind: 'primitive' }, status, { config, scores });
 */
import { children, descendants, type XmlElement } from '../cib/xml.js';
import type { AllocationScores } from '../pacemaker/crm-mon.js';
import { walkResources, type ClusterStatus, type PrimitiveStatus, type ResourceStatus } from '../pacemaker/status-model.js';
import { nodeStateSegment, primitiveFlags, roleTone, type RowTarget, type Segment } from './rows.js';
import type { Tone } from './theme.js';

export interface DetailsExtra {
  /** the CIB <configuration>, when read */
  config?: XmlElement;
  scores?: AllocationScores;
  /** the CIB reads are still running */
  loading?: boolean;
}

const seg = (text: string, tone: Tone = 'normal'): Segment => ({ text, tone });
const kv = (k: string, v: string, tone: Tone = 'normal'): Segment[] => [seg(`  ${k}: `, 'dim'), seg(v, tone)];
const SECRET = /pass(w(or)?d)?|secret|token|key$/i;

function heading(text: string): Segment[] {
  return [seg(text, 'heading')];
}

/** The lines of the pane for `target`. */
export function detailLines(target: RowTarget, status: ClusterStatus, extra: DetailsExtra = {}): Segment[][] {
  return target.type === 'node' ? nodeDetails(target.node, status, extra) : resourceDetails(target.resource, status, extra);
}

function nodeDetails(name: string, status: ClusterStatus, extra: DetailsExtra): Segment[][] {
  const n = status.nodes.find((x) => x.name === name);
  const out: Segment[][] = [heading(`Node ${name}`)];
  if (n === undefined) return [...out, [seg('  not in the current status', 'warn')]];
  out.push([seg('  state: ', 'dim'), nodeStateSegment(n), ...(n.isDc ? [seg(' (DC)', 'accent')] : [])]);
  out.push(kv('kind', n.kind + (n.resource !== undefined ? ` (via ${n.resource})` : '')));
  out.push(kv('id', n.id));
  if (n.health !== 'green') out.push(kv('health', n.health, n.health === 'red' ? 'error' : 'warn'));
  if (n.featureSet !== undefined) out.push(kv('feature set', n.featureSet));
  out.push(kv('expected up', String(n.expectedUp)));
  const running = [...walkResources(status.resources)].filter((r): r is PrimitiveStatus => r.type === 'primitive' && r.nodes.includes(name));
  out.push([], heading(`Resources here (${running.length})`));
  for (const r of running) out.push([seg(`  ${r.id} `), seg(r.role, roleTone(r.role, r.failed)), seg(` (${r.agent})`, 'dim')]);
  if (n.attributes.length > 0) {
    out.push([], heading('Attributes'));
    for (const a of n.attributes) out.push([...kv(a.name, a.value), ...(a.expected !== undefined ? [seg(` (expected ${a.expected})`, 'dim')] : [])]);
  }
  const hist = status.history.find((h) => h.node === name);
  const failing = hist?.resources.filter((r) => (r.failCount ?? 0) > 0) ?? [];
  if (failing.length > 0) {
    out.push([], heading('Fail counts'));
    for (const r of failing) out.push([seg(`  ${r.id}: `), seg(`fail-count=${r.failCount}`, 'error'), seg(` migration-threshold=${r.migrationThreshold ?? '?'}`, 'dim')]);
  }
  const bans = status.bans.filter((b) => b.node === name);
  if (bans.length > 0) {
    out.push([], heading('Resources banned from this node'));
    for (const b of bans) out.push([seg(`  ${b.resource}`), seg(` (${b.id}, score ${b.weight})`, b.leftover ? 'warn' : 'dim')]);
  }
  const fences = status.fencing.filter((f) => f.target === name);
  if (fences.length > 0) {
    out.push([], heading('Fencing'));
    for (const f of fences) out.push([seg(`  ${f.action} `), seg(f.status, f.status === 'failed' ? 'error' : f.status === 'pending' ? 'warn' : 'ok'), seg(` by ${f.delegate ?? '?'} for ${f.client}${f.completed ? ` at ${f.completed}` : ''}`, 'dim')]);
  }
  return out;
}

function findResource(status: ClusterStatus, id: string): ResourceStatus | undefined {
  const base = id.replace(/:\d+$/, '');
  let found: ResourceStatus | undefined;
  for (const r of walkResources(status.resources)) {
    if (r.id === id) return r;
    if (found === undefined && r.id.replace(/:\d+$/, '') === base) found = r;
  }
  return found;
}

function resourceDetails(id: string, status: ClusterStatus, extra: DetailsExtra): Segment[][] {
  const r = findResource(status, id);
  const out: Segment[][] = [heading(`Resource ${id}${r !== undefined ? ` (${r.type === 'clone' && r.promotable ? 'promotable clone' : r.type})` : ''}`)];
  if (r === undefined) out.push([seg('  not in the current status', 'warn')]);
  else if (r.type === 'primitive') {
    out.push(kv('agent', r.agent));
    // every instance of the same id (anonymous clone instances share it)
    const insts = [...walkResources(status.resources)].filter((x): x is PrimitiveStatus => x.type === 'primitive' && x.id.replace(/:\d+$/, '') === id.replace(/:\d+$/, ''));
    for (const p of insts) {
      const flags = primitiveFlags(p);
      out.push([seg('  role: ', 'dim'), seg(p.role, roleTone(p.role, p.failed)), seg(p.nodes.length ? ` on ${p.nodes.join(', ')}` : ''), ...(flags.length ? [seg(' ('), ...flags.flatMap((f, i) => (i ? [seg(', '), f] : [f])), seg(')')] : [])]);
    }
    if (r.targetRole !== undefined) out.push(kv('target-role', r.targetRole));
  } else {
    const members = r.type === 'bundle' ? r.replicas.flatMap((x) => x.children) : r.type === 'group' ? r.children : [...walkResources(r.children)];
    if (r.type === 'bundle') out.push(kv('container', `${r.container} ${r.image}`));
    if (!r.managed) out.push(kv('managed', 'no', 'warn'));
    if (r.disabled) out.push(kv('disabled', 'yes (target-role Stopped)', 'warn'));
    out.push([], heading(r.type === 'group' ? 'Members (in order)' : 'Instances'));
    for (const m of members) {
      if (m.type !== 'primitive') {
        out.push([seg(`  ${m.id}`, 'dim')]);
        continue;
      }
      out.push([seg(`  ${m.id} `), seg(m.role, roleTone(m.role, m.failed)), seg(m.nodes.length ? ` ${m.nodes.join(' ')}` : ''), seg(` (${m.agent})`, 'dim')]);
    }
  }

  const base = id.replace(/:\d+$/, '');
  const fails = status.failures.filter((f) => f.resource === id || f.resource.replace(/:\d+$/, '') === base);
  if (fails.length > 0) {
    out.push([], heading('Failed actions'));
    for (const f of fails) out.push([seg(`  ${f.task}${f.interval ? ` (${f.interval / 1000}s)` : ''} on ${f.node}: `), seg(`${f.exitStatus} (${f.exitCode})`, 'error'), ...(f.exitReason ? [seg(` ${f.exitReason}`, 'warn')] : []), ...(f.lastRcChange ? [seg(` at ${f.lastRcChange}`, 'dim')] : [])]);
  }
  const hist = status.history.flatMap((h) => h.resources.filter((x) => x.id === id || x.id.replace(/:\d+$/, '') === base).map((x) => ({ node: h.node, x })));
  if (hist.length > 0) {
    out.push([], heading('Operation history'));
    for (const { node, x } of hist) {
      out.push([seg(`  on ${node}`), ...(x.failCount ? [seg(`  fail-count=${x.failCount}`, 'error'), seg(` migration-threshold=${x.migrationThreshold ?? '?'}`, 'dim')] : [])]);
      for (const op of x.operations.slice(-6)) {
        out.push([seg(`    ${op.task}${op.interval ? ` ${op.interval / 1000}s` : ''} `), seg(op.rcText, op.rc === 0 || (op.task === 'monitor' && op.rc === 7 && op.interval === 0) ? 'ok' : 'error'), seg(` call ${op.call}${op.lastRcChange ? `, ${op.lastRcChange}` : ''}${op.execTime !== undefined ? `, ${op.execTime}ms` : ''}`, 'dim')]);
      }
    }
  }
  const bans = status.bans.filter((b) => b.resource === base);
  if (bans.length > 0) {
    out.push([], heading('Kept off nodes by'));
    for (const b of bans) out.push([seg(`  ${b.node}: `), seg(b.id, b.leftover ? 'warn' : 'normal'), seg(` (score ${b.weight})`, 'dim'), ...(b.leftover ? [seg(' ← clear with C', 'warn')] : [])]);
  }

  const moves = (status.leftovers ?? []).filter((l) => l.kind === 'move' && l.resource === base);
  if (moves.length > 0) {
    out.push([], heading('Pinned by a move left behind'));
    for (const m of moves) out.push([seg(`  ${m.node}: `), seg(m.id, 'warn'), ...(m.until !== undefined ? [seg(` until ${m.until}`, 'dim')] : []), seg(' ← clear with C', 'warn')]);
  }

  if (extra.config !== undefined) out.push(...configLines(extra.config, base));
  else if (extra.loading) out.push([], [seg('reading the configuration…', 'dim')]);
  if (extra.scores !== undefined) out.push(...scoreLines(extra.scores, base, status));
  return out;
}

/** Parameters, meta attributes, operations and constraints of `id` from the CIB configuration. */
function configLines(config: XmlElement, id: string): Segment[][] {
  const out: Segment[][] = [];
  let el: XmlElement | undefined;
  const constraints: XmlElement[] = [];
  const refs = ['rsc', 'with-rsc', 'first', 'then'];
  for (const e of descendants(config)) {
    if (el === undefined && e.attrs.id === id && ['primitive', 'group', 'clone', 'master', 'bundle'].includes(e.name)) el = e;
    if (['rsc_location', 'rsc_colocation', 'rsc_order', 'rsc_ticket'].includes(e.name)) {
      const named = refs.some((k) => e.attrs[k] === id) || [...descendants(e)].some((d) => d.name === 'resource_ref' && d.attrs.id === id);
      if (named) constraints.push(e);
    }
  }
  if (el === undefined) {
    // bundles create their container, IP and connection resources implicitly
    const bundle = [...descendants(config)].find((e) => e.name === 'bundle' && e.attrs.id !== undefined && id.startsWith(`${e.attrs.id}-`));
    if (bundle?.attrs.id !== undefined) return [[], [seg(`  ${id} is created by bundle ${bundle.attrs.id}`, 'dim')], ...configLines(config, bundle.attrs.id)];
    return [[], [seg(`  ${id} is not in the configuration`, 'warn')]];
  }
  const nv = (set: string): Array<[string, string]> =>
    children(el!, set).flatMap((s) => children(s, 'nvpair').map((p): [string, string] => [p.attrs.name ?? '', p.attrs.value ?? '']));
  const params = nv('instance_attributes');
  if (params.length > 0) {
    out.push([], heading('Parameters'));
    for (const [k, v] of params) out.push(kv(k, SECRET.test(k) ? '******' : v));
  }
  const meta = nv('meta_attributes');
  if (meta.length > 0) {
    out.push([], heading('Meta attributes'));
    for (const [k, v] of meta) out.push(kv(k, v, k === 'target-role' && v.toLowerCase() === 'stopped' ? 'warn' : 'normal'));
  }
  const ops = children(children(el, 'operations')[0] ?? { name: '', attrs: {}, children: [] }, 'op');
  if (ops.length > 0) {
    out.push([], heading('Operations'));
    for (const o of ops) {
      const { id: _id, name, ...rest } = o.attrs;
      out.push([seg(`  ${name ?? '?'} `), seg(Object.entries(rest).map(([k, v]) => `${k}=${v}`).join(' '), 'dim')]);
    }
  }
  if (constraints.length > 0) {
    out.push([], heading('Constraints'));
    for (const c of constraints) {
      const { id: cid, ...rest } = c.attrs;
      const hasRule = children(c, 'rule').length > 0;
      const leftover = (cid ?? '').startsWith('cli-');
      out.push([seg(`  ${c.name.replace('rsc_', '')} `), seg(cid ?? '', leftover ? 'warn' : 'normal'), seg(` ${Object.entries(rest).map(([k, v]) => `${k}=${v}`).join(' ')}${hasRule ? ' (rule)' : ''}`, 'dim'), ...(leftover ? [seg(' ← left by move/ban', 'warn')] : [])]);
    }
  }
  return out;
}

const scoreValue = (s: string): number => (s === 'INFINITY' || s === '+INFINITY' ? 1e6 : s === '-INFINITY' ? -1e6 : Number(s));

/** Where the scheduler would place it, and where it may not run. */
function scoreLines(scores: AllocationScores, id: string, status: ClusterStatus): Segment[][] {
  const per = scores.get(id) ?? scores.get(`${id}:0`);
  if (per === undefined) return [];
  const out: Segment[][] = [[], heading('Allocation scores (crm_simulate)')];
  for (const [node, s] of [...per.entries()].sort((a, b) => scoreValue(b[1]) - scoreValue(a[1]))) {
    const v = scoreValue(s);
    const n = status.nodes.find((x) => x.name === node);
    const hist = status.history.find((h) => h.node === node)?.resources.find((r) => r.id === id || r.id.replace(/:\d+$/, '') === id);
    const failedOut = hist?.failCount !== undefined && hist.migrationThreshold !== undefined && hist.migrationThreshold > 0 && hist.failCount >= hist.migrationThreshold;
    let why = '';
    if (n !== undefined && !n.online) why = 'cannot run here: node offline';
    else if (n?.standby) why = 'cannot run here: node in standby';
    else if (v <= -1e6) {
      if (failedOut) why = `cannot run here: failed ${hist!.failCount === 1_000_000 ? 'fatally' : `${hist!.failCount} times`} (migration-threshold ${hist!.migrationThreshold}); clean up (c) to allow`;
      else if (status.bans.some((b) => b.resource === id && b.node === node)) why = 'cannot run here: banned (location constraint)';
      else why = 'cannot run here (a constraint or a dependency)';
    }
    out.push([seg(`  ${node}: `, 'dim'), seg(s, v <= -1e6 ? 'error' : v >= 1e6 ? 'ok' : 'normal'), ...(why ? [seg(`  ${why}`, 'warn')] : [])]);
  }
  return out;
}
