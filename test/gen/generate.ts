/**
 * A seeded generator of valid crm configure text, for differential tests
 * against crmsh and for the benchmark.
 *
 * Every configuration it writes must load with crmsh 4.4 (`crm configure load
 * update`) and validate against Pacemaker 2.1.5's schema, so it keeps to what
 * both accept: constraints name only top-level resources (Pacemaker rejects a
 * clone's child in a set), roles Master/Slave/Promoted only on promotable
 * resources, a single `fencing_topology`, op intervals unique per action, and
 * only agents installed on our machines (ocf:heartbeat:Dummy, IPaddr2,
 * ocf:pacemaker:Dummy/Stateful, stonith:fence_dummy, stonith:external/ssh).
 * The same seed always gives the same text (mulberry32, no Math.random).
 *
 * @example
 *   const text = generateConfig({ seed: 7, resources: 12, constraints: 10 });
 *   const locOnly = generateConfig({ seed: 1, resources: 4, constraints: 6, features: ['locations', 'rules'] });
 *   const bench = generateBenchConfig(1000); // ~2,500 lines
 */

/** The parts of the language the generator can exercise; `features` picks a subset. */
export const ALL_FEATURES = [
  'nodes',
  'params', // params/meta/utilization on primitives, bare pairs, quoted values
  'ops', // several ops, on-fail, extra attrs, op_params/op_meta
  'descriptions',
  'templates',
  'groups',
  'clones',
  'ms', // `ms` with ocf:pacemaker:Stateful and role ops
  'promotable', // `clone ... meta promotable=true`, Promoted/Unpromoted roles
  'stonith',
  'locations', // score: node, role=, resource-discovery=, /regex/
  'rules', // location rules: and/or, typed ops, defined, #uname, date, several rules, $role, $id
  'colocations',
  'orders',
  'sets', // ( ) and [ ] resource sets in colocation/order/rsc_ticket
  'tickets',
  'properties', // property incl. named sets and $id=
  'defaults', // rsc_defaults / op_defaults incl. named sets
  'tags',
  'fencing',
  'alerts',
  'acls',
  'attrsets', // $id= on sets, several params sets with rules, operations $id=, defaults/properties with rules
  'monitor', // `monitor rsc[:role] interval[:timeout]` statements
  'bundles', // docker/podman bundles with network, port-mapping, storage, primitive
  'xml', // `xml <primitive .../>` raw statements
  'syntax', // `\` continuation lines, `#` comments, single quotes, clause order
] as const;

export type Feature = (typeof ALL_FEATURES)[number];

export interface GenerateOptions {
  /** any integer; the same seed gives the same text */
  seed: number;
  /** how many primitives (containers and other objects come on top); default 10 */
  resources?: number;
  /** how many constraints (location/colocation/order/rsc_ticket); default 10 */
  constraints?: number;
  /** the features to use; default all of ALL_FEATURES */
  features?: readonly Feature[];
}

/** mulberry32: a tiny, good-enough deterministic PRNG. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => {
    if (xs.length === 0) throw new Error('pick from empty list');
    return xs[Math.floor(next() * xs.length)]!;
  };
  const chance = (p: number): boolean => next() < p;
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]!);
    return out;
  };
  return { next, int, pick, chance, sample };
}

export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  sample<T>(xs: readonly T[], n: number): T[];
}

/** A resource constraints may name, with what it can do (roles, actions). */
interface TopRsc {
  id: string;
  promotable: boolean;
  /** `ms` (Master/Slave words) or `clone promotable=true` (Promoted/Unpromoted words) */
  roleWords: 'old' | 'new';
}

const NODES = ['node1', 'node2', 'node3'];

/** Values with spaces or `=` need quotes; crm takes double quotes. */
function q(v: string): string {
  // (no non-ASCII values: crmsh 4.4 stores 'café' as the literal text 'caf&#233;')
  return /[\s="'#]/.test(v) || v === '' ? `"${v.replace(/"/g, '\\"')}"` : v;
}

function pairs(ps: [string, string][]): string {
  return ps.map(([k, v]) => `${k}=${q(v)}`).join(' ');
}

class Gen {
  private readonly lines: string[] = [];
  private readonly top: TopRsc[] = [];
  private readonly plainPrims: string[] = [];
  private readonly stonith: string[] = [];
  /** primitives made by primitive() (not from a template), with their agent */
  private readonly agents = new Map<string, string>();
  private readonly f: Set<Feature>;
  private seq = 0;

  constructor(
    private readonly r: Rng,
    features: readonly Feature[],
    private readonly nRsc: number,
    private readonly nCons: number,
  ) {
    this.f = new Set(features);
  }

  /** One statement; with 'syntax', sometimes a `#` comment above it and `\` continuations inside it. */
  private push(stmt: string): void {
    const r = this.r;
    if (this.has('syntax') && r.chance(0.15)) this.lines.push(`# ${r.pick(['note', 'added by the generator', 'see ticket 42'])}`);
    if (this.has('syntax') && r.chance(0.3)) {
      // break before clause keywords, outside quotes: crmsh joins `\`+newline lines
      let out = '';
      let inQuote: string | null = null;
      const words = stmt.split(' ');
      words.forEach((w, i) => {
        const before = inQuote === null && i > 1 && /^(params|meta|utilization|op|rule)$/.test(w) && r.chance(0.6);
        out += i === 0 ? w : before ? ` \\\n\t${w}` : ` ${w}`;
        for (const ch of w) {
          if (inQuote === null && (ch === '"' || ch === "'")) inQuote = ch;
          else if (ch === inQuote) inQuote = null;
        }
      });
      this.lines.push(out);
      return;
    }
    this.lines.push(stmt);
  }

  private has(x: Feature): boolean {
    return this.f.has(x);
  }

  private uid(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${this.seq}`;
  }

  run(): string {
    const r = this.r;
    if (this.has('nodes')) this.nodes();
    if (this.has('stonith') || this.has('fencing')) this.stonithDevices();
    const templates = this.has('templates') ? this.templates() : [];

    // Primitives: some Stateful ones are kept for ms/promotable clones.
    const promoSlots = (this.has('ms') ? 1 : 0) + (this.has('promotable') ? 1 : 0);
    const nStateful = Math.min(promoSlots === 0 ? 0 : r.int(1, promoSlots + 1), Math.max(0, this.nRsc - 1));
    const stateful: string[] = [];
    for (let i = 0; i < this.nRsc; i++) {
      if (i < nStateful) stateful.push(this.primitive('stateful'));
      else if (templates.length > 0 && r.chance(0.25)) this.plainPrims.push(this.templated(r.pick(templates)));
      else this.plainPrims.push(this.primitive('plain'));
    }

    if (this.has('monitor')) this.monitors(stateful);
    if (this.has('xml')) this.plainPrims.push(this.xmlPrimitive());

    // Containers: bundles, groups of 2–3 primitives, clones of a primitive or group, ms/promotable.
    let free = [...this.plainPrims];
    if (this.has('bundles')) {
      const inner = free.find((id) => this.agents.get(id)?.endsWith('Dummy'));
      if (inner) {
        free = free.filter((x) => x !== inner);
        this.bundle(inner);
      }
    }
    const topIds: TopRsc[] = [];
    const groups: string[] = [];
    if (this.has('groups')) {
      const nGroups = Math.min(Math.floor(free.length / 4), r.int(1, 3));
      for (let i = 0; i < nGroups; i++) {
        const members = r.sample(free, r.int(2, 3));
        if (members.length < 2) break;
        free = free.filter((x) => !members.includes(x));
        groups.push(this.group(members));
      }
    }
    const rootish = [...free.map((id) => ({ id, group: false })), ...groups.map((id) => ({ id, group: true }))];
    let roots = rootish;
    if (this.has('clones') && roots.length > 2) {
      const nClones = Math.min(r.int(1, 2), roots.length - 2);
      for (const c of r.sample(roots, nClones)) {
        roots = roots.filter((x) => x !== c);
        topIds.push({ id: this.clone(c.id), promotable: false, roleWords: 'old' });
      }
    }
    for (const x of roots) topIds.push({ id: x.id, promotable: false, roleWords: 'old' });
    for (const s of stateful) {
      const useMs = this.has('ms') && (!this.has('promotable') || r.chance(0.5));
      topIds.push(useMs ? { id: this.ms(s), promotable: true, roleWords: 'old' } : { id: this.promotableClone(s), promotable: true, roleWords: 'new' });
    }
    this.top.push(...topIds);

    if (this.top.length > 0) this.constraints();
    if (this.has('tags') && this.top.length > 0) this.tags();
    if (this.has('fencing') && this.stonith.length > 0) this.fencing();
    if (this.has('properties')) this.properties();
    // Without a fencing device Pacemaker refuses to start resources, and crmsh the load
    else if (this.stonith.length === 0) this.push('property stonith-enabled=false');
    if (this.has('defaults')) this.defaults();
    if (this.has('acls')) this.acls();
    if (this.has('alerts')) this.alerts();
    return this.lines.join('\n') + '\n';
  }

  // --- nodes and resources -------------------------------------------------

  private nodes(): void {
    const r = this.r;
    for (const n of NODES) {
      let s = 'node ';
      if (r.chance(0.2)) s += `$id=${10 + NODES.indexOf(n)} `;
      s += n;
      if (r.chance(0.2)) s += ':member';
      if (this.has('descriptions') && r.chance(0.3)) s += ` description=${q(`node ${n} in rack ${r.int(1, 4)}`)}`;
      if (r.chance(0.5)) s += ` attributes ${pairs([['rack', String(r.int(1, 2))], ...(r.chance(0.5) ? [['standby', 'off'] as [string, string]] : [])])}`;
      if (r.chance(0.3)) s += ` utilization ${pairs([['cpu', String(r.int(2, 16))], ['memory', String(r.int(1, 64) * 1024)]])}`;
      this.push(s);
    }
  }

  private stonithDevices(): void {
    const r = this.r;
    const n = r.int(1, 2);
    for (let i = 0; i < n; i++) {
      const id = this.uid('st');
      this.stonith.push(id);
      // crmsh refuses two devices with the same unique `hostlist` value: rotate the list
      const hosts = [...NODES.slice(i), ...NODES.slice(0, i)].join(' ');
      const s = r.chance(0.5)
        ? `primitive ${id} stonith:fence_dummy params pcmk_host_list=${q(hosts)}`
        : `primitive ${id} stonith:external/ssh params hostlist=${q(hosts)}`;
      this.push(s + (r.chance(0.6) ? ` op monitor interval=${r.int(30, 90)}s` : ''));
    }
  }

  private templates(): string[] {
    const r = this.r;
    const out: string[] = [];
    for (let i = 0, n = r.int(1, 2); i < n; i++) {
      const id = this.uid('tmpl');
      out.push(id);
      let s = `rsc_template ${id} ocf:heartbeat:Dummy`;
      if (this.has('params')) s += ` params ${pairs([['fake', `t${i}`]])} meta ${pairs([['resource-stickiness', String(r.int(0, 100))]])}`;
      s += ` op monitor interval=${r.int(20, 40)}s timeout=${r.int(20, 40)}s`;
      this.push(s);
    }
    return out;
  }

  private templated(tmpl: string): string {
    const id = this.uid('rsc');
    let s = `primitive ${id} @${tmpl}`;
    if (this.has('params') && this.r.chance(0.6)) s += ` params fake=${q(`from ${tmpl}`)}`;
    this.push(s);
    return id;
  }

  private primitive(kind: 'plain' | 'stateful'): string {
    const r = this.r;
    const id = this.uid(kind === 'stateful' ? 'stf' : 'rsc');
    const agent =
      kind === 'stateful'
        ? r.pick(['ocf:pacemaker:Stateful', 'Stateful'].slice(0, 1))
        : r.pick(['ocf:heartbeat:Dummy', 'ocf:pacemaker:Dummy', 'Dummy', 'ocf:heartbeat:IPaddr2']);
    this.agents.set(id, agent);
    let s = `primitive ${id} ${agent}`;
    if (this.has('descriptions') && r.chance(0.25)) s += ` description=${q(`resource ${id}`)}`;
    if (this.has('params') || agent.endsWith('IPaddr2')) s += this.paramSets(id, agent);
    if (this.has('attrsets') && agent.endsWith('Dummy') && r.chance(0.3)) {
      // a second instance_attributes set that applies by rule (crmsh names it <id>-instance_attributes-0 or so)
      s += ` params ${r.chance(0.3) ? `$id=${id}-by-node ` : ''}rule ${r.int(1, 20)}: #uname eq ${r.pick(NODES)} fake=${r.pick(['on-node', 'x'])}`;
    }
    if (this.has('attrsets') && r.chance(0.2)) s += ` operations $id=${id}-ops`;
    if (this.has('ops')) s += this.ops(kind === 'stateful');
    else if (kind === 'stateful') s += ' op monitor interval=10s role=Master op monitor interval=11s role=Slave';
    else if (r.chance(0.5)) s += ` op monitor interval=${r.int(10, 60)}s`;
    this.push(s);
    return id;
  }

  private paramSets(id: string, agent: string): string {
    const r = this.r;
    let s = '';
    const params: [string, string][] = [];
    if (agent.endsWith('IPaddr2')) {
      params.push(['ip', `10.${r.int(0, 9)}.${r.int(0, 255)}.${r.int(1, 254)}`]);
      if (r.chance(0.7)) params.push(['cidr_netmask', String(r.pick([8, 16, 24]))]);
    } else if (agent.includes('Stateful')) {
      if (r.chance(0.5)) params.push(['state', `/run/${id}.state`]);
    } else {
      if (r.chance(0.6)) params.push(['state', `/run/${id}.state`]);
      if (r.chance(0.6)) params.push(['fake', r.pick(['1', 'abc', 'two words', 'a=b', `v${r.int(1, 999)}`, 'with#hash', '-dash', '"'])]);
    }
    if (!this.has('params')) return params.length ? ` params ${pairs(params)}` : '';
    const quote = (ps: [string, string][]): string =>
      this.has('syntax') && r.chance(0.3) ? ps.map(([k, v]) => `${k}='${v}'`).join(' ') : pairs(ps);
    let paramsClause = '';
    if (params.length > 0) {
      // crm also takes the pairs without the `params` keyword right after the agent
      paramsClause = r.chance(0.15) ? ` ${pairs(params)}` : ` params ${r.chance(0.15) ? `$id=${id}-ia ` : ''}${quote(params)}`;
    }
    // crmsh writes the sets in the order they are written: put meta first sometimes
    const metaFirst = this.has('syntax') && paramsClause.startsWith(' params') && r.chance(0.3);
    if (!metaFirst) s += paramsClause;
    if (r.chance(0.6)) {
      const meta: [string, string][] = r.sample(
        [
          ['target-role', r.pick(['Started', 'Stopped'])],
          ['migration-threshold', String(r.int(1, 10))],
          ['resource-stickiness', r.pick(['0', '100', 'INFINITY'])],
          ['failure-timeout', `${r.int(1, 10)}min`],
          ['priority', String(r.int(0, 10))],
          ['is-managed', r.pick(['true', 'false'])],
          ['allow-migrate', 'true'],
        ] as [string, string][],
        r.int(1, 3),
      );
      s += ` meta ${this.has('attrsets') && r.chance(0.3) ? `$id=${id}-meta ` : ''}${pairs(meta)}`;
    }
    if (metaFirst) s += paramsClause;
    if (r.chance(0.3)) s += ` utilization ${pairs([['cpu', String(r.int(1, 4))], ['memory', String(r.int(1, 8) * 256)]])}`;
    return s;
  }

  private ops(stateful: boolean): string {
    const r = this.r;
    let s = '';
    if (stateful) {
      const a = r.int(5, 15);
      const b = a + r.int(1, 5);
      s += ` op monitor interval=${a}s role=Master timeout=${r.int(10, 30)}s op monitor interval=${b}s role=Slave`;
      if (r.chance(0.5)) s += ' op promote timeout=30s interval=0 op demote timeout=30s interval=0';
      return s;
    }
    const intervals = r.sample([10, 15, 20, 30, 45, 60, 120], r.int(1, 2));
    for (const iv of intervals) {
      s += ` op monitor interval=${iv}s`;
      if (r.chance(0.7)) s += ` timeout=${r.int(10, 60)}s`;
      if (r.chance(0.2)) s += ` on-fail=${r.pick(['restart', 'block', 'ignore', 'stop', 'standby'])}`;
      if (r.chance(0.15)) s += ` start-delay=${r.int(1, 5)}s`;
      // attributes the op element has no slot for: crmsh stores them as op instance_attributes
      if (r.chance(0.15)) s += ` OCF_CHECK_LEVEL=${r.pick([0, 10, 20])}`;
      if (r.chance(0.15)) s += ` op_params depth=${r.int(0, 2)}`;
      if (r.chance(0.15)) s += ` op_meta ${pairs([['note', r.pick(['x', 'two words'])]])}`;
    }
    if (r.chance(0.6)) s += ` op start timeout=${r.pick([`${r.int(20, 120)}s`, '2m', '90'])} interval=${r.pick(['0', '0s'])}`;
    if (r.chance(0.5)) s += ` op stop timeout=${r.int(20, 120)}s interval=0${r.chance(0.3) ? ' on-fail=block' : ''}`;
    return s;
  }

  /** `monitor rsc[:role] interval[:timeout]`, on intervals no op of the generator uses. */
  private monitors(stateful: string[]): void {
    const r = this.r;
    const plain = [...this.agents.keys()].filter((id) => !stateful.includes(id));
    for (const [i, id] of r.sample(plain, r.int(1, 2)).entries()) {
      this.push(`monitor ${id} ${[33, 37][i]}s${r.chance(0.5) ? `:${r.int(20, 40)}s` : ''}`);
    }
    if (stateful.length > 0 && r.chance(0.5)) this.push(`monitor ${stateful[0]}:Slave 41s:30s`);
  }

  private xmlPrimitive(): string {
    const id = this.uid('xml');
    this.push(
      `xml <primitive id="${id}" class="ocf" provider="heartbeat" type="Dummy">` +
        `<meta_attributes id="${id}-meta"><nvpair id="${id}-meta-tr" name="target-role" value="Started"/></meta_attributes>` +
        `<operations><op id="${id}-mon" name="monitor" interval="25s"/></operations></primitive>`,
    );
    return id;
  }

  private bundle(inner: string): void {
    const r = this.r;
    const id = this.uid('bnd');
    // crmsh 4.4 parses only docker here: podman is a syntax error, rkt a Python traceback
    let s = `bundle ${id} docker image=pcmk:${r.pick(['http', 'dummy'])} replicas=${r.int(1, 3)}`;
    if (r.chance(0.4)) s += ' run-command="/usr/sbin/pacemaker-remoted"';
    s += ` network control-port=${r.pick([3121, 3122])}`;
    if (r.chance(0.5)) s += ` ip-range-start=192.168.122.${r.int(10, 200)}`;
    s += ` port-mapping id=${id}-port port=${r.pick([80, 8080])}`;
    if (r.chance(0.6)) s += ` storage storage-mapping id=${id}-data source-dir=/srv/${id} target-dir=/srv/data options=rw`;
    s += ` primitive ${inner}`;
    if (r.chance(0.4)) s += ` meta target-role=${r.pick(['Started', 'Stopped'])}`;
    this.push(s);
  }

  private group(members: string[]): string {
    const r = this.r;
    const id = this.uid('grp');
    let s = `group ${id} ${members.join(' ')}`;
    if (this.has('descriptions') && r.chance(0.2)) s += ` description=${q(`group of ${members.length}`)}`;
    if (r.chance(0.5)) s += ` meta ${pairs([['target-role', 'Started'], ...(r.chance(0.5) ? [['ordered', 'true'] as [string, string]] : [])])}`;
    this.push(s);
    return id;
  }

  private clone(childId: string): string {
    const r = this.r;
    const id = this.uid('cln');
    let s = `clone ${id} ${childId}`;
    if (r.chance(0.7)) {
      const meta = r.sample(
        [
          ['clone-max', String(r.int(1, 3))],
          ['clone-node-max', '1'],
          ['interleave', r.pick(['true', 'false'])],
          ['notify', r.pick(['true', 'false'])],
          ['globally-unique', 'false'],
        ] as [string, string][],
        r.int(1, 3),
      );
      s += ` meta ${pairs(meta)}`;
    }
    this.push(s);
    return id;
  }

  private ms(childId: string): string {
    const r = this.r;
    const id = this.uid('ms');
    const meta: [string, string][] = r.chance(0.5)
      ? [['master-max', '1'], ['master-node-max', '1']]
      : [['promoted-max', '1'], ['promoted-node-max', '1']];
    if (r.chance(0.5)) meta.push(['notify', 'true']);
    if (r.chance(0.3)) meta.push(['clone-max', '2']);
    this.push(`${r.chance(0.2) ? 'master' : 'ms'} ${id} ${childId} meta ${pairs(meta)}`);
    return id;
  }

  private promotableClone(childId: string): string {
    const r = this.r;
    const id = this.uid('prm');
    const meta: [string, string][] = [['promotable', 'true']];
    if (r.chance(0.5)) meta.push(['promoted-max', '1']);
    if (r.chance(0.5)) meta.push(['notify', 'true']);
    this.push(`clone ${id} ${childId} meta ${pairs(r.sample(meta, meta.length))}`);
    return id;
  }

  // --- constraints ---------------------------------------------------------

  private constraints(): void {
    const kinds: ('location' | 'colocation' | 'order' | 'ticket')[] = [];
    if (this.has('locations') || this.has('rules')) kinds.push('location');
    if (this.has('colocations') || this.has('sets')) kinds.push('colocation');
    if (this.has('orders') || this.has('sets')) kinds.push('order');
    if (this.has('tickets')) kinds.push('ticket');
    if (kinds.length === 0) return;
    for (let i = 0; i < this.nCons; i++) {
      const k = kinds[i % kinds.length]!;
      if (k === 'location') this.location();
      else if (k === 'colocation') this.colocation();
      else if (k === 'order') this.order();
      else this.ticket();
    }
  }

  private role(t: TopRsc, allowStarted = true): string {
    const r = this.r;
    if (t.promotable && r.chance(0.6)) return r.pick(t.roleWords === 'old' ? ['Master', 'Slave'] : ['Promoted', 'Unpromoted']);
    if (allowStarted && r.chance(0.15)) return 'Started';
    return '';
  }

  private score(): string {
    return this.r.pick(['inf', '-inf', 'INFINITY', '+inf', '100', '-100', '50', '0', '-INFINITY', '+INFINITY']);
  }

  private location(): void {
    const r = this.r;
    const id = this.uid('loc');
    const useRules = this.has('rules') && (!this.has('locations') || r.chance(0.6));
    if (!useRules) {
      const t = r.pick(this.top);
      let target = t.id;
      if (r.chance(0.1)) target = `/${t.id.replace(/-\d+$/, '')}-[0-9]+/`;
      let s = `location ${id} ${target}`;
      if (r.chance(0.2) && !target.startsWith('/')) {
        const role = this.role(t);
        if (role) s += ` role=${role}`;
      }
      if (r.chance(0.15)) s += ` resource-discovery=${r.pick(['always', 'never', 'exclusive'])}`;
      s += ` ${r.pick(['100', '-100', 'inf', '-inf', '50', '+inf'])}: ${r.pick(NODES)}`;
      this.push(s);
      return;
    }
    const t = r.pick(this.top);
    let s = `location ${id} ${t.id}`;
    if (r.chance(0.1)) s += ` resource-discovery=${r.pick(['always', 'never'])}`;
    const nRules = r.chance(0.2) ? 2 : 1;
    for (let i = 0; i < nRules; i++) s += ' ' + this.rule(t, id, i);
    this.push(s);
  }

  private rule(t: TopRsc, locId: string, i: number): string {
    const r = this.r;
    let s = 'rule';
    if (r.chance(0.15)) s += ` $id=${locId}-r${i}`;
    if (t.promotable && r.chance(0.4)) s += ` $role=${t.roleWords === 'old' ? r.pick(['Master', 'Slave']) : r.pick(['Promoted', 'Unpromoted'])}`;
    s += ` ${r.chance(0.1) ? 'pingd' : r.pick(['100', '-100', 'inf', '-inf', '50', '0', '+inf'])}:`;
    const n = r.chance(0.5) ? 1 : r.int(2, 3);
    const bool = r.pick(['and', 'or']);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(this.expression());
    return `${s} ${parts.join(` ${bool} `)}`;
  }

  private expression(): string {
    const r = this.r;
    switch (r.int(0, 7)) {
      case 0:
        return `#uname ${r.pick(['eq', 'ne'])} ${r.pick(NODES)}`;
      case 1:
        return `${r.pick(['pingd', 'rack', 'cpu_load'])} ${r.pick(['gt', 'lt', 'gte', 'lte', 'eq', 'ne'])} ${r.int(0, 100)}`;
      case 2:
        return `${r.pick(['pingd', 'cpu_load'])} ${r.pick(['number', 'integer'].slice(0, 1))}:${r.pick(['gt', 'lte'])} ${r.int(0, 10)}`;
      case 3:
        return `${r.pick(['site', 'zone'])} string:${r.pick(['eq', 'ne'])} ${r.pick(['east', 'west'])}`;
      case 4:
        return `kernel version:${r.pick(['gt', 'lt', 'gte'])} ${r.int(3, 6)}.${r.int(0, 19)}`;
      case 5:
        return `${r.pick(['defined', 'not_defined'])} ${r.pick(['pingd', 'site', 'maint'])}`;
      case 6: {
        const y = r.int(2020, 2030);
        return r.pick([
          `date gt ${y}-01-01`,
          `date gt ${y}-02-03T04:05:06`,
          `date lt ${y}-06-30`,
          `date in start=${y}-01-01 end=${y + 1}-01-01`,
          `date in start=${y}-03-01 ${r.pick(['years=1', 'months=6', 'weeks=2', 'hours=12'])}`,
        ]);
      }
      default:
        return `date spec ${r.pick(['hours=9-17', 'weekdays=1-5', 'hours=9-17 weekdays=1-5', 'monthdays=1', 'months=12 monthdays=24-26'])}`;
    }
  }

  /** A constraint's resource list: two refs, or sets with ( ) / [ ]. */
  private items(mode: 'role' | 'action', allowSets: boolean): string {
    const r = this.r;
    const suffix = (t: TopRsc): string => {
      if (mode === 'role') {
        const role = this.role(t, true);
        return role ? `:${role}` : '';
      }
      if (t.promotable && r.chance(0.6)) return `:${r.pick(['promote', 'demote', 'promote', 'start'])}`;
      if (r.chance(0.25)) return `:${r.pick(['start', 'stop'])}`;
      return '';
    };
    if (!allowSets || this.top.length < 3 || r.chance(0.5)) {
      const [a, b] = this.top.length >= 2 ? r.sample(this.top, 2) : [this.top[0]!, undefined];
      if (!b) return `${a!.id}${suffix(a!)}`;
      const sa = suffix(a!);
      let sb = suffix(b);
      // then-action defaults to first-action: `promote` would then land on a non-promotable resource
      if (mode === 'action' && /promote|demote/.test(sa) && sb === '' && !b.promotable) sb = `:${r.pick(['start', 'stop'])}`;
      return `${a!.id}${sa} ${b.id}${sb}`;
    }
    // sets: a few groups, each a bare ref, ( ... ) or [ ... ]; suffixes are kept
    // equal within a bracket (crmsh splits a set where they change).
    const chosen = r.sample(this.top, r.int(3, Math.min(6, this.top.length)));
    const out: string[] = [];
    let i = 0;
    while (i < chosen.length) {
      const take = Math.min(chosen.length - i, r.int(1, 3));
      const chunk = chosen.slice(i, i + take);
      i += take;
      const br = take === 1 && r.chance(0.5) ? null : r.pick(['(', '['] as const);
      let suf = '';
      if (mode === 'action' && r.chance(0.25)) suf = `:${chunk.every((t) => t.promotable) ? r.pick(['promote', 'start']) : r.pick(['start', 'stop'])}`;
      if (mode === 'role' && chunk.every((t) => t.promotable) && r.chance(0.4)) suf = `:${chunk.every((t) => t.roleWords === 'old') ? 'Master' : chunk.every((t) => t.roleWords === 'new') ? 'Promoted' : ''}`;
      if (suf === ':') suf = '';
      const refs = chunk.map((t) => `${t.id}${suf}`).join(' ');
      if (br === null) out.push(refs);
      else out.push(`${br} ${refs} ${br === '(' ? ')' : ']'}`);
    }
    return out.join(' ');
  }

  private colocation(): void {
    const r = this.r;
    if (this.top.length < 2) return;
    const id = this.uid('col');
    const items = this.items('role', this.has('sets'));
    const score = r.chance(0.1) ? r.pick(['mandatory', 'advisory']) : this.score();
    let s = `${r.chance(0.1) ? 'collocation' : 'colocation'} ${id} ${score}: ${items}`;
    // the schema has node-attribute only on the two-resource form
    if (!/[([]/.test(items) && r.chance(0.15)) s += ` node-attribute=${r.pick(['rack', 'site'])}`;
    this.push(s);
  }

  private order(): void {
    const r = this.r;
    if (this.top.length < 2) return;
    const id = this.uid('ord');
    const kind = r.pick(['Mandatory:', 'Optional:', 'Serialize:', 'inf:', '0:', '100:', '']);
    let s = `order ${id} ${kind ? kind + ' ' : ''}${this.items('action', this.has('sets'))}`;
    // Pacemaker ignores symmetrical with Serialize and says so (crmsh then refuses the load)
    if (kind !== 'Serialize:' && r.chance(0.2)) s += ` symmetrical=${r.pick(['true', 'false'])}`;
    this.push(s);
  }

  private ticket(): void {
    const r = this.r;
    const id = this.uid('tkt');
    const ticket = `ticket${r.int(1, 3)}`;
    const items = this.items('role', this.has('sets'));
    const hasPromoRole = /:(Master|Promoted)\b/.test(items);
    let s = `rsc_ticket ${id} ${ticket}: ${items}`;
    if (r.chance(0.7)) s += ` loss-policy=${r.pick(hasPromoRole ? ['stop', 'demote', 'freeze'] : ['stop', 'freeze'])}`;
    this.push(s);
  }

  // --- the rest --------------------------------------------------------------

  private tags(): void {
    const r = this.r;
    for (let i = 0, n = r.int(1, 2); i < n; i++) {
      const refs = r.sample(this.top, r.int(1, Math.min(3, this.top.length))).map((t) => t.id);
      this.push(`tag ${this.uid('tag')}${r.chance(0.5) ? ':' : ''} ${refs.join(' ')}`);
    }
  }

  private fencing(): void {
    const r = this.r;
    const levels = (): string => {
      const n = r.int(1, 2);
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push(r.sample(this.stonith, r.int(1, this.stonith.length)).join(','));
      return out.join(' ');
    };
    const entries: string[] = [];
    for (const n of r.sample(NODES, r.int(1, 2))) entries.push(`${n}: ${levels()}`);
    if (r.chance(0.4)) entries.push(`attr:rack=${r.int(1, 2)} ${levels()}`);
    if (r.chance(0.3)) entries.push(`pattern:node[0-9] ${levels()}`);
    this.push(`fencing_topology ${entries.join(' ')}`);
  }

  private properties(): void {
    const r = this.r;
    const main: [string, string][] = r.sample(
      [
        ['stonith-enabled', r.pick(['true', 'false'])],
        ['no-quorum-policy', r.pick(['stop', 'ignore', 'freeze'])],
        ['cluster-recheck-interval', `${r.int(1, 15)}min`],
        ['symmetric-cluster', 'true'],
        ['maintenance-mode', 'false'],
        ['start-failure-is-fatal', r.pick(['true', 'false'])],
        ['batch-limit', String(r.int(0, 30))],
      ] as [string, string][],
      r.int(1, 4),
    );
    const st = main.find((p) => p[0] === 'stonith-enabled');
    if (this.stonith.length === 0) {
      if (st) st[1] = 'false';
      else main.unshift(['stonith-enabled', 'false']);
    }
    this.push(`property ${r.chance(0.6) ? 'cib-bootstrap-options: ' : ''}${pairs(main)}`);
    if (this.has('attrsets') && r.chance(0.3)) this.push(`property ${this.uid('night')}: rule ${r.int(1, 9)}: date spec hours=0-6 batch-limit=${r.int(1, 9)}`);
    if (r.chance(0.5)) {
      const name = `props-${r.int(1, 9)}`;
      const head = r.chance(0.5) ? `${name}:` : `$id=${name}`;
      this.push(`property ${head} ${pairs([['pe-error-series-max', String(r.int(1, 100))]])}`);
    }
  }

  private defaults(): void {
    const r = this.r;
    this.push(`rsc_defaults ${r.chance(0.4) ? 'rsc-options: ' : ''}${pairs([['resource-stickiness', String(r.int(0, 200))], ...(r.chance(0.5) ? [['migration-threshold', String(r.int(1, 5))] as [string, string]] : [])])}`);
    if (r.chance(0.4)) this.push(`rsc_defaults ${r.chance(0.5) ? 'rsc-extra:' : '$id=rsc-extra'} failure-timeout=${r.int(1, 9)}min`);
    this.push(`op_defaults ${r.chance(0.4) ? 'op-options: ' : ''}${pairs([['timeout', `${r.int(20, 240)}s`], ...(r.chance(0.5) ? [['record-pending', 'true'] as [string, string]] : [])])}`);
    if (r.chance(0.3)) this.push(`op_defaults op-extra: interval=0`);
    if (this.has('attrsets') && r.chance(0.5)) {
      this.push(`rsc_defaults ${this.uid('rd')}: rule ${r.int(1, 20)}: date ${r.pick(['gt 2020-01-01', 'lt 2040-01-01', 'spec hours=0-6'])} resource-stickiness=${r.int(1, 50)}`);
    }
  }

  private acls(): void {
    const r = this.r;
    const roles: string[] = [];
    for (let i = 0, n = r.int(1, 2); i < n; i++) {
      const id = this.uid('role');
      roles.push(id);
      const rules: string[] = [];
      for (let k = 0, m = r.int(1, 3); k < m; k++) {
        const right = r.pick(['read', 'write', 'deny']);
        const what = r.int(0, 4);
        if (what === 0) rules.push(`${right} xpath:${q(r.pick(['//nodes', '//resources', "//nvpair[@name='stonith-enabled']"]))}`);
        else if (what === 1 && this.top.length > 0) rules.push(`${right} ref:${r.pick(this.top).id}`);
        else if (what === 2) rules.push(`${right} tag:${r.pick(['primitive', 'node', 'nvpair'])}`);
        else if (what === 4 && this.top.length > 0) {
          // crmsh shortcuts, expanded to xpaths
          const t = r.pick(this.top).id;
          rules.push(`${right} ${r.pick([`meta:${t}:target-role`, `params:${t}`, `location:${t}`, 'property', 'status', 'nodeattr'])}`);
        }
        else rules.push(`${right} tag:nvpair attribute:${r.pick(['name', 'value'])}`);
      }
      this.push(`role ${id} ${rules.join(' ')}`);
    }
    this.push(`acl_target ${this.uid('user')} ${r.sample(roles, r.int(1, roles.length)).join(' ')}`);
    if (r.chance(0.5)) this.push(`acl_group ${this.uid('ops')} ${r.sample(roles, 1).join(' ')}`);
  }

  private alerts(): void {
    const r = this.r;
    for (let i = 0, n = r.int(1, 2); i < n; i++) {
      const id = this.uid('alert');
      let s = `alert ${id} ${q(r.pick(['/usr/share/pacemaker/alerts/alert_file.sh', '/usr/local/bin/notify.sh', '/opt/my alerts/a.sh']))}`;
      if (r.chance(0.5)) s += ` meta timeout=${r.int(5, 30)}s`;
      if (r.chance(0.4)) s += ` attributes ${pairs([['logfile', '/var/log/alerts.log']])}`;
      if (r.chance(0.4)) {
        const kinds = r.sample(['nodes', 'fencing', 'resources', 'attributes'], r.int(1, 3));
        s += ` select ${kinds.map((k) => (k === 'attributes' && r.chance(0.7) ? `attributes { ${r.sample(['standby', 'shutdown', 'pingd'], r.int(1, 2)).join(' ')} }` : k)).join(' ')}`;
      }
      for (let k = 0, m = r.int(0, 2); k < m; k++) {
        const target = r.pick(['/var/log/cluster-alerts.log', 'admin@example.com', '192.0.2.10']);
        if (r.chance(0.4)) s += ` to { ${target} meta timeout=${r.int(5, 15)}s }`;
        else s += ` to ${target}`;
      }
      this.push(s);
    }
  }
}

/**
 * A valid crm configure text drawn from `seed`: `resources` primitives (plus
 * their containers), `constraints` constraints, and the other object kinds of
 * `features`.
 *
 * @example
 *   generateConfig({ seed: 3, resources: 8, constraints: 6 }).split('\n')[0]; // 'node node1 ...'
 */
export function generateConfig(opts: GenerateOptions): string {
  const features = opts.features ?? ALL_FEATURES;
  return new Gen(makeRng(opts.seed), features, opts.resources ?? 10, opts.constraints ?? 10).run();
}

/**
 * The benchmark input: `n` primitives with params/meta/op (one line each) and
 * 1.5·n constraints (locations score: node, colocations, orders), so about
 * 2.5·n lines (plus the three nodes and one property line). Deterministic; references point only at earlier resources.
 *
 * @example
 *   generateBenchConfig(1000).split('\n').length; // ≈ 2,500
 */
export function generateBenchConfig(n: number): string {
  const r = makeRng(n * 7919 + 1);
  const lines: string[] = [...NODES.map((n) => `node ${n}`), 'property cib-bootstrap-options: stonith-enabled=false'];
  const id = (i: number): string => `res${i}`;
  for (let i = 0; i < n; i++) {
    lines.push(
      `primitive ${id(i)} ocf:heartbeat:Dummy params state=/run/${id(i)}.state fake=v${r.int(1, 999)} ` +
        `meta resource-stickiness=${r.int(0, 100)} migration-threshold=${r.int(1, 5)} ` +
        `op monitor interval=${r.int(10, 60)}s timeout=20s op start timeout=${r.int(20, 90)}s interval=0`,
    );
  }
  const nCons = Math.round(n * 1.5);
  for (let c = 0; c < nCons; c++) {
    const a = r.int(0, n - 1);
    let b = r.int(0, n - 1);
    if (b === a) b = (a + 1) % n;
    switch (c % 3) {
      case 0:
        lines.push(`location loc${c} ${id(a)} ${r.pick(['100', '-100', '50', 'inf', '-inf'])}: ${r.pick(NODES)}`);
        break;
      case 1:
        lines.push(`colocation col${c} ${r.pick(['inf', '100', '-inf'])}: ${id(a)} ${id(b)}`);
        break;
      default:
        lines.push(`order ord${c} ${r.pick(['Mandatory', 'Optional'])}: ${id(a)} ${id(b)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * A second load for `load update` tests: a subset of `text`'s statements
 * with some numbers changed (scores, timeouts, counts, dates, addresses), so
 * that loading it over `text` replaces existing objects and merges property
 * sets. Op intervals and `$id`s are kept (they make ids). Deterministic.
 *
 * @example
 *   const base = generateConfig({ seed: 1 });
 *   const next = mutateConfig(base, 1); // load base, then next, with `load update`
 */
export function mutateConfig(text: string, seed: number): string {
  const r = makeRng(seed * 31 + 17);
  // statements: lines joined over `\` continuations; comments go with the next statement
  const stmts: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    cur += (cur ? '\n' : '') + line;
    if (!line.endsWith('\\') && !line.startsWith('#')) {
      if (cur.trim() !== '') stmts.push(cur);
      cur = '';
    }
  }
  const out: string[] = [];
  for (const st of stmts) {
    if (/^(xml|fencing_topology|tag|role|acl_|monitor) /m.test(st) || !r.chance(0.45)) continue;
    let changed = st;
    if (r.chance(0.8)) {
      changed = st.replace(/(\b[a-z][a-z-]*=)(\d+)(?=[\s\-.:smh"]|$)/g, (m, name: string, num: string) =>
        /^(interval|\$id|id)=$/.test(name) || !r.chance(0.5) ? m : `${name}${Number(num) + 1}`,
      );
      changed = changed.replace(/ (-?\d+): /, (m, n: string) => (r.chance(0.5) ? ` ${Number(n) + 5}: ` : m));
    }
    out.push(changed);
  }
  return out.join('\n') + '\n';
}
