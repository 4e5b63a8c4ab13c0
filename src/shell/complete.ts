/**
 * Tab completion: one engine for the REPL's TAB and `hash __complete` (which
 * the bash, zsh and fish scripts in completions/ call).
 *
 * Only the text before the cursor matters. Its words are resolved with the
 * shell's own resolver (resolve.ts), so completion offers exactly what the
 * shell would run: the commands and levels at the level the words lead to,
 * then the arguments of the command by their ArgSpec kinds (ids from the CIB
 * in use, agents, sandboxes, files, …) and its option words. Configure
 * statements are analysed by grammar/context.ts (loaded only for them), whose
 * cursor context becomes agents, parameter names from the agent's metadata
 * (required ones marked, given ones left out), their defaults, meta and op
 * attributes, cluster options, scores, node names, roles and actions after
 * `rsc:`.
 *
 * A candidate is the whole word that replaces the word at the cursor, as it
 * should be typed: inside an open quote (`params msg="hel`) it keeps the
 * quote and closes it.
 *
 * @example
 *   const c = new Completer(shell);
 *   await c.complete('resource stop w', 15);
 *   // { candidates: [{ word: 'web-data', description: 'primitive ocf:pacemaker:Dummy' }, …], replaceFrom: 14 }
 */
import type { OptionInfo } from '../pacemaker/cluster-options.js';
import type { AgentMetadata } from '../pacemaker/ra.js';
import type { Shell } from './engine.js';
import type { XmlElement } from '../cib/xml.js';
import {
  CLONE_META,
  CompletionData,
  indexCib,
  NODE_ATTRIBUTES,
  OP_ATTRIBUTES,
  RESOURCE_META,
  STANDARD_ACTIONS,
  type AttributeInfo,
  type CibIndex,
  type CompletionDataOptions,
  type ResourceInfo,
} from './completion-data.js';
// resolve.js before registry.js: the levels import resolve.js back, and it must be evaluated first
import { entriesAt, resolveLine } from './resolve.js';
import { GLOBAL_COMMANDS, LEVELS, ROOT_COMMANDS, levelByName } from './registry.js';
import type { ArgKind, ArgSpec, CommandDef } from './tree.js';
import { resolveIn } from './tree.js';
import type { Word } from './words.js';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { homedir } from 'node:os';

export interface Candidate {
  word: string;
  /** shown by zsh and fish beside the word */
  description?: string;
  /** the word is not finished (`ip=`, `ocf:`, a directory): no space after it */
  noSpace?: boolean;
}

export interface Completion {
  candidates: Candidate[];
  /** offset in the line where the word being completed starts */
  replaceFrom: number;
  /** a file name goes here: shells use their own file completion */
  files?: boolean;
}

/** The word at the cursor: where it starts, as typed, and what it means (quotes removed). */
export interface CursorWord {
  start: number;
  raw: string;
  text: string;
  /** the quote left open at the cursor */
  quote?: '"' | "'";
}

/**
 * Split the text before the cursor into finished words and the word at the
 * cursor (empty after a blank), as splitWords does. `comment`: the cursor is
 * in a `#` comment.
 */
export function scanLine(before: string): { words: Word[]; current: CursorWord; comment: boolean } {
  const words: Word[] = [];
  const n = before.length;
  let i = 0;
  for (;;) {
    while (i < n && /\s/.test(before[i]!)) i++;
    if (i >= n) return { words, current: { start: n, raw: '', text: '' }, comment: false };
    if (before[i] === '#') return { words, current: { start: n, raw: '', text: '' }, comment: true };
    const start = i;
    let text = '';
    let quote: '"' | "'" | undefined;
    while (i < n && (quote || !/\s/.test(before[i]!))) {
      const c = before[i]!;
      if (quote) {
        if (c === quote) quote = undefined;
        else if (quote === '"' && c === '\\' && i + 1 < n) text += before[++i];
        else text += c;
      } else if (c === '"' || c === "'") quote = c;
      else text += c;
      i++;
    }
    if (i >= n) return { words, current: { start, raw: before.slice(start), text, ...(quote ? { quote } : {}) }, comment: false };
    words.push({ text, start, end: i });
  }
}

const NEEDS_QUOTES = /[\s"'\\#]/;

/**
 * The raw word for candidate `word` (unquoted) replacing the word at the
 * cursor: what the user typed is kept (an open quote is continued and
 * closed); a value with blanks gets quotes.
 */
export function rawCandidate(cur: CursorWord, word: string, noSpace = false): string {
  if (word.startsWith(cur.text)) {
    const rest = word.slice(cur.text.length);
    if (cur.quote) return cur.raw + (cur.quote === '"' ? rest.replace(/(["\\])/g, '\\$1') : rest) + (noSpace ? '' : cur.quote);
    if (!NEEDS_QUOTES.test(rest)) return cur.raw + rest;
  }
  if (!NEEDS_QUOTES.test(word)) return word;
  const eq = /^([A-Za-z0-9_.:@-]+=)([\s\S]*)$/.exec(word);
  const quoted = (s: string): string => `"${s.replace(/(["\\])/g, '\\$1')}"`;
  return eq ? `${eq[1]}${quoted(eq[2]!)}` : quoted(word);
}

type Raw = Candidate;

function attr(a: AttributeInfo, suffix = '='): Raw {
  return { word: `${a.name}${suffix}`, description: a.description, noSpace: suffix !== '' };
}

function optionCandidate(o: OptionInfo): Raw {
  const notes = [o.advanced ? 'advanced' : '', o.deprecated ? 'deprecated' : ''].filter(Boolean);
  const d = [o.shortdesc, o.default !== undefined && o.default !== '' ? `default ${o.default}` : ''].filter(Boolean).join('; ');
  return { word: `${o.name}=`, description: `${notes.length ? `(${notes.join(', ')}) ` : ''}${d}`.trim() || undefined, noSpace: true };
}

function valuesOf(name: string, values: readonly string[] | undefined, dflt: string | undefined, type?: string): Raw[] {
  const out: Raw[] = [];
  const seen = new Set<string>();
  const add = (v: string, description?: string): void => {
    if (seen.has(v)) return;
    seen.add(v);
    out.push({ word: `${name}=${v}`, ...(description ? { description } : {}) });
  };
  if (dflt !== undefined && dflt !== '') add(dflt, 'default');
  for (const v of values ?? (type === 'boolean' ? ['true', 'false'] : [])) add(v);
  return out;
}

const ROLES_NEW = ['Started', 'Stopped', 'Promoted', 'Unpromoted'];
const ROLES_OLD = ['Started', 'Stopped', 'Master', 'Slave'];
const ACTIONS = ['start', 'stop', 'promote', 'demote'];
const SCORES: Record<string, string[]> = {
  location: ['inf:', '-inf:', 'INFINITY:', '-INFINITY:', 'rule'],
  colocation: ['inf:', '-inf:', 'INFINITY:', '-INFINITY:'],
  collocation: ['inf:', '-inf:', 'INFINITY:', '-INFINITY:'],
  order: ['Mandatory:', 'Optional:', 'Serialize:', 'inf:', '0:'],
};
const RULE_WORDS = ['defined', 'not_defined', 'date', 'and', 'or', 'eq', 'ne', 'lt', 'gt', 'lte', 'gte', '#uname', '#id', '#kind', '#cluster-name', 'string', 'integer', 'number', 'version'];
/** After the resources of a constraint. */
const CONSTRAINT_TAIL: Record<string, string[]> = { order: ['symmetrical=', 'kind='], colocation: ['node-attribute='], collocation: ['node-attribute='], rsc_ticket: ['loss-policy='] };
const SET_WORDS = new Set(['params', 'meta', 'utilization', 'attributes', 'op_params', 'op_meta', 'op']);

function resourceDescription(r: ResourceInfo): string {
  if (r.kind === 'primitive') return `primitive${r.agent ? ` ${r.agent}` : ''}${r.parent ? ` in ${r.parent}` : ''}`;
  if (r.kind === 'clone') return r.promotable ? 'promotable clone' : 'clone';
  return r.kind;
}

export class Completer {
  readonly data: CompletionData;
  private readonly working = new WeakMap<XmlElement, CibIndex>();

  constructor(
    readonly shell: Shell,
    opts: CompletionDataOptions = {},
  ) {
    this.data = new CompletionData(shell.ctx, opts);
  }

  /** The CIB changed: re-read ids on the next TAB. */
  invalidate(): void {
    this.data.invalidate();
  }

  /**
   * Candidates for the word at `cursor` of `line`. With `quote: false` they
   * are plain words for a shell that quotes what it inserts (zsh, fish).
   */
  async complete(line: string, cursor: number, opts: { quote?: boolean } = {}): Promise<Completion> {
    const before = line.slice(0, cursor);
    const { words, current, comment } = scanLine(before);
    if (comment) return { candidates: [], replaceFrom: cursor };
    let files = false;
    const raw = await this.candidates(before, words, current, () => (files = true));
    // every candidate starts with what is typed (readline inserts only the rest)
    const seen = new Set<string>();
    const candidates: Candidate[] = [];
    for (const c of raw) {
      if (!c.word.startsWith(current.text)) continue;
      const word = opts.quote === false ? c.word : rawCandidate(current, c.word, c.noSpace);
      if (!word.startsWith(current.raw) || seen.has(word)) continue;
      seen.add(word);
      candidates.push({ word, ...(c.description ? { description: c.description } : {}), ...(c.noSpace ? { noSpace: true } : {}) });
    }
    return { candidates, replaceFrom: current.start, ...(files ? { files } : {}) };
  }

  /** Unquoted candidates for the word at the cursor (filtered by the caller). */
  private async candidates(before: string, words: Word[], cur: CursorWord, wantFiles: () => void): Promise<Raw[]> {
    const path = this.shell.path;
    if (words.length === 0) return this.entries(path, cur.text);
    // `cd <level>`
    const lastWord = words[words.length - 1]!;
    const global = resolveIn(lastWord.text, GLOBAL_COMMANDS);
    if (global.kind === 'found' && global.def.name === 'cd') {
      const at = words.length === 1 ? { kind: 'enter' as const, path } : resolveLine(words.slice(0, -1), path);
      if (at.kind === 'enter') return [...this.levelsAt(at.path), { word: '..', description: 'back one level' }];
    }
    const plan = resolveLine(words, path);
    switch (plan.kind) {
      case 'enter':
        return this.entries(plan.path, cur.text);
      case 'help':
        return this.helpTopics(plan.path, plan.topic);
      case 'statement':
        return this.statement(before, words, plan.at, cur);
      case 'command':
        return this.commandArgs(plan.def, plan.args, cur, wantFiles);
      default:
        return [];
    }
  }

  // ------------------------------------------------------------ commands and levels

  private levelsAt(path: readonly string[]): Raw[] {
    return entriesAt(path)
      .filter((e) => e.what === 'level')
      .map((e) => ({ word: e.name, description: (e as { level: { summary: string } }).level.summary }));
  }

  /** What can be typed first at a level: commands, sub-levels, global commands, configure statements. */
  private entries(path: readonly string[], prefix: string): Raw[] {
    const out: Raw[] = [];
    const aliases: Raw[] = [];
    for (const e of entriesAt(path)) {
      const summary = e.what === 'level' ? e.level.summary : e.def.summary;
      out.push({ word: e.name, description: summary });
      for (const a of e.aliases ?? []) aliases.push({ word: a, description: `${e.name}: ${summary}` });
    }
    if (path[path.length - 1] === 'configure') {
      for (const c of levelByName('configure')!.commands.filter((x) => x.statement)) {
        out.push({ word: c.name, description: c.summary });
        for (const a of c.aliases ?? []) aliases.push({ word: a, description: `${c.name}: ${c.summary}` });
      }
    }
    // aliases only when no name fits (`cfg`, `st`)
    return out.some((c) => c.word.startsWith(prefix)) ? out : aliases;
  }

  private helpTopics(path: readonly string[], topic: readonly Word[]): Raw[] {
    let at = [...path];
    for (const w of topic) {
      const level = at.length ? levelByName(at[at.length - 1]!) : undefined;
      const levels = level ? (level.sublevels ?? []).map((n) => levelByName(n)!).filter(Boolean) : LEVELS;
      const lv = resolveIn(w.text, at.length === path.length && at.length > 0 ? [...levels, ...LEVELS] : levels);
      if (lv.kind !== 'found') return [];
      at = [...at, lv.def.name];
    }
    const level = at.length ? levelByName(at[at.length - 1]!) : undefined;
    const commands = level ? level.commands : ROOT_COMMANDS;
    const levels = level ? (level.sublevels ?? []).map((n) => levelByName(n)!).filter(Boolean) : LEVELS;
    return [
      ...commands.map((c) => ({ word: c.name, description: c.summary })),
      ...levels.map((l) => ({ word: l.name, description: l.summary })),
      ...(topic.length === 0 ? GLOBAL_COMMANDS.map((c) => ({ word: c.name, description: c.summary })) : []),
    ];
  }

  /** The arguments and option words of a command. */
  private async commandArgs(def: CommandDef, args: readonly Word[], cur: CursorWord, wantFiles: () => void): Promise<Raw[]> {
    const options = def.options ?? [];
    const isOption = (t: string): boolean => options.includes(t) || options.some((o) => /[=:]$/.test(o) && t.startsWith(o));
    const positional = args.filter((a) => !isOption(a.text));
    const specs = def.args ?? [];
    const last = specs[specs.length - 1];
    const index = positional.length;
    const spec = specs[index] ?? (last?.repeat ? last : undefined);
    const out: Raw[] = [];
    if (spec) {
      const prev = index > 0 ? (specs[index - 1] ?? last) : undefined;
      out.push(...(await this.argCandidates(spec, positional, specs, cur, prev, wantFiles)));
    }
    for (const o of options) {
      if (args.some((a) => a.text === o)) continue;
      out.push({ word: o, ...(/[=:]$/.test(o) ? { noSpace: true } : {}) });
    }
    return out;
  }

  private async argCandidates(spec: ArgSpec, given: readonly Word[], specs: readonly ArgSpec[], cur: CursorWord, prev: ArgSpec | undefined, wantFiles: () => void): Promise<Raw[]> {
    const kind = spec.kind;
    if (typeof kind !== 'string') return (kind as readonly string[]).map((w) => ({ word: w }));
    // the value after a name (`param web set target-role <TAB>`)
    if (kind === 'text' && prev && typeof prev.kind === 'string' && given.length > 0) {
      return this.valuesForName(prev.kind as ArgKind, given[given.length - 1]!.text, given, specs);
    }
    const already = new Set(spec.repeat ? given.map((g) => g.text) : []);
    const fresh = (list: Raw[]): Raw[] => list.filter((c) => !already.has(c.word));
    switch (kind as ArgKind) {
      case 'resource':
      case 'primitive':
      case 'group':
      case 'clone':
      case 'template':
      case 'constraint':
      case 'tag':
      case 'object':
      case 'node':
        return fresh(await this.ids(kind as ArgKind));
      case 'sandbox':
        return fresh((await this.data.sandboxes()).map((s) => ({ word: s, description: 'sandbox' })));
      case 'ra-class':
        return (await this.data.classes()).map((c) => ({ word: c }));
      case 'ra-provider':
        return (await this.data.providers()).map((p) => ({ word: p }));
      case 'agent':
        return this.agents(cur.text, false);
      case 'param':
      case 'meta':
      case 'property':
      case 'node-attribute': {
        const eq = cur.text.indexOf('=');
        if (eq > 0) return this.valuesForName(kind as ArgKind, cur.text.slice(0, eq), given, specs);
        const names = await this.namesFor(kind as ArgKind, given, specs);
        // a list of name=value words, or a name alone (`param web set <name> <value>`)
        return fresh(names.map((n) => (spec.repeat ? n : { ...n, word: n.word.replace(/=$/, ''), noSpace: false })));
      }
      case 'file':
        wantFiles();
        return this.files(cur.text);
      case 'level':
        return this.helpTopics([], []);
      case 'text':
        return [];
    }
    return [];
  }

  /** Names for a name kind: params of the resource given earlier, meta attributes, cluster options, node attributes. */
  private async namesFor(kind: ArgKind, given: readonly Word[], specs: readonly ArgSpec[]): Promise<Raw[]> {
    switch (kind) {
      case 'param': {
        const md = await this.metadataOfGiven(given, specs);
        return md ? this.paramNames(md, new Set(), '') : [];
      }
      case 'meta': {
        const r = await this.resourceGiven(given, specs);
        return [...RESOURCE_META, ...(r?.kind === 'clone' ? CLONE_META : [])].map((a) => attr(a));
      }
      case 'property':
        return (await this.data.clusterOptions()).map(optionCandidate);
      case 'node-attribute': {
        const cib = await this.cib();
        const known = new Map(NODE_ATTRIBUTES.map((a) => [a.name, a] as const));
        for (const n of cib?.nodeAttributes ?? []) if (!known.has(n)) known.set(n, { name: n, description: 'node attribute' });
        return [...known.values()].map((a) => attr(a));
      }
      default:
        return [];
    }
  }

  private async valuesForName(kind: ArgKind, name: string, given: readonly Word[], specs: readonly ArgSpec[]): Promise<Raw[]> {
    const strip = (list: Raw[]): Raw[] => list.map((c) => ({ ...c, word: c.word.slice(name.length + 1) }));
    const asWords = (list: Raw[]): Raw[] => (given.some((g) => g.text === name) ? strip(list) : list);
    switch (kind) {
      case 'param': {
        const md = await this.metadataOfGiven(given, specs);
        const p = md?.parameters.find((x) => x.name === name);
        return p ? asWords(valuesOf(name, undefined, p.default, p.type)) : [];
      }
      case 'meta': {
        const a = [...RESOURCE_META, ...CLONE_META].find((x) => x.name === name);
        return a ? asWords(valuesOf(name, a.values, a.default)) : [];
      }
      case 'property': {
        const o = (await this.data.clusterOptions()).find((x) => x.name === name);
        return o ? asWords(valuesOf(name, o.values, o.default, o.type)) : [];
      }
      case 'node-attribute': {
        const a = NODE_ATTRIBUTES.find((x) => x.name === name);
        return a ? asWords(valuesOf(name, a.values, a.default)) : [];
      }
      default:
        return [];
    }
  }

  /** The resource named by an earlier argument of a resource kind. */
  private async resourceGiven(given: readonly Word[], specs: readonly ArgSpec[]): Promise<ResourceInfo | undefined> {
    const i = specs.findIndex((s) => s.kind === 'resource' || s.kind === 'primitive' || s.kind === 'clone' || s.kind === 'group');
    const w = i >= 0 ? given[i] : undefined;
    if (!w) return undefined;
    return (await this.cib())?.resources.find((r) => r.id === w.text);
  }

  private async metadataOfGiven(given: readonly Word[], specs: readonly ArgSpec[]): Promise<AgentMetadata | null> {
    const r = await this.resourceGiven(given, specs);
    const agent = r?.agent ? await this.resolveTemplate(r.agent) : undefined;
    return agent ? this.data.metadata(agent) : null;
  }

  private async resolveTemplate(agent: string): Promise<string | undefined> {
    if (!agent.startsWith('@')) return agent;
    return (await this.cib())?.templates.find((t) => t.id === agent.slice(1))?.agent;
  }

  // ------------------------------------------------------------ the CIB's ids

  /** The ids of the CIB in use: the configure session's working copy when it has changes. */
  async cib(): Promise<CibIndex | undefined> {
    const session = this.shell.currentSession;
    if (session?.isChanged()) {
      const working = await session.working();
      let idx = this.working.get(working);
      if (!idx) {
        idx = indexCib(working);
        this.working.set(working, idx);
      }
      return idx;
    }
    return this.data.cib();
  }

  private async ids(kind: ArgKind): Promise<Raw[]> {
    const cib = await this.cib();
    if (!cib) return [];
    const rsc = (pred: (r: ResourceInfo) => boolean): Raw[] => cib.resources.filter(pred).map((r) => ({ word: r.id, description: resourceDescription(r) }));
    switch (kind) {
      case 'resource':
        return rsc(() => true);
      case 'primitive':
        return rsc((r) => r.kind === 'primitive');
      case 'group':
        return rsc((r) => r.kind === 'group');
      case 'clone':
        return rsc((r) => r.kind === 'clone');
      case 'template':
        return cib.templates.map((t) => ({ word: t.id, description: `template${t.agent ? ` ${t.agent}` : ''}` }));
      case 'constraint':
        return cib.constraints.map((c) => ({ word: c.id, description: c.kind }));
      case 'tag':
        return cib.tags.map((t) => ({ word: t, description: 'tag' }));
      case 'node':
        return cib.nodes.map((n) => ({ word: n, description: 'node' }));
      case 'object':
        return [...cib.objects].map(([id, what]) => ({ word: id, description: what }));
      default:
        return [];
    }
  }

  // ------------------------------------------------------------ agents

  /** `ocf:heartbeat:IP` → `ocf:heartbeat:IPaddr2`, step by step: class, provider, type. */
  private async agents(prefix: string, templates: boolean): Promise<Raw[]> {
    const parts = prefix.split(':');
    if (parts.length === 1) {
      const out: Raw[] = (await this.data.classes()).map((c) => ({ word: `${c}:`, description: 'agent class', noSpace: true }));
      // crm's shorthand: a bare type is ocf:heartbeat
      if (prefix !== '' && !prefix.startsWith('@')) out.push(...(await this.data.agents('ocf', 'heartbeat')).map((t) => ({ word: t, description: `ocf:heartbeat:${t}` })));
      if (templates) out.push(...((await this.cib())?.templates ?? []).map((t) => ({ word: `@${t.id}`, description: `template${t.agent ? ` ${t.agent}` : ''}` })));
      return out;
    }
    const cls = parts[0]!;
    if (cls === 'ocf') {
      if (parts.length === 2) return (await this.data.providers()).map((p) => ({ word: `ocf:${p}:`, description: 'agent provider', noSpace: true }));
      return (await this.data.agents('ocf', parts[1]!)).map((t) => ({ word: `ocf:${parts[1]}:${t}` }));
    }
    return (await this.data.agents(cls)).map((t) => ({ word: `${cls}:${t}` }));
  }

  /** Parameter names of an agent as `name=` (required first, marked), leaving out those given. */
  private async paramNames(md: AgentMetadata, given: ReadonlySet<string>, suffix = '='): Promise<Raw[]> {
    const params = md.parameters.filter((p) => !given.has(p.name));
    const order = [...params.filter((p) => p.required), ...params.filter((p) => !p.required && !p.deprecated), ...params.filter((p) => !p.required && p.deprecated)];
    const out: Raw[] = order.map((p) => {
      const notes = [p.required ? 'required' : '', p.unique ? 'unique' : '', p.deprecated ? 'deprecated' : ''].filter(Boolean);
      const d = [p.shortdesc, p.default !== undefined && p.default !== '' ? `default ${p.default}` : ''].filter(Boolean).join('; ');
      return { word: `${p.name}${suffix}`, description: `${notes.length ? `(${notes.join(', ')}) ` : ''}${d}`.trim() || undefined, noSpace: suffix !== '' };
    });
    if (md.spec.startsWith('stonith:')) {
      for (const o of await this.data.fencingOptions()) if (!given.has(o.name) && !params.some((p) => p.name === o.name)) out.push({ ...optionCandidate(o), word: `${o.name}${suffix}`, noSpace: suffix !== '' });
    }
    return out;
  }

  // ------------------------------------------------------------ configure statements

  private async statement(before: string, words: readonly Word[], at: number, cur: CursorWord): Promise<Raw[]> {
    const start = words[at]!.start;
    // the word at the cursor without quotes and blanks: enough for the analysis, which sees a finished lexer word
    const text = before.slice(start, cur.start) + cur.text.replace(/[\s"'\\]/g, '_');
    const { completionContext } = await import('../../grammar/context.js');
    const { context } = completionContext(text);
    const stmt = words.slice(at).map((w) => w.text);
    const keyword = stmt[0]!;
    switch (context.kind) {
      case 'agent':
        return this.agents(cur.text, keyword === 'primitive');
      case 'resourceId': {
        if (context.suffix) {
          const colon = cur.text.lastIndexOf(':');
          const id = cur.text.slice(0, colon);
          const cib = await this.cib();
          const list = context.suffix === 'action' ? ACTIONS : cib && !cib.newRoles ? ROLES_OLD : ROLES_NEW;
          return list.map((x) => ({ word: `${id}:${x}` }));
        }
        const listed = new Set(stmt.slice(2));
        const cib = await this.cib();
        const all = cib?.resources ?? [];
        const pick =
          keyword === 'group' ? all.filter((r) => r.kind === 'primitive' && (!r.parent || cib!.resources.find((p) => p.id === r.parent)?.kind === 'group'))
          : keyword === 'clone' || keyword === 'ms' || keyword === 'master' ? all.filter((r) => (r.kind === 'primitive' || r.kind === 'group') && !r.parent)
          : all;
        const out: Raw[] = pick.filter((r) => !listed.has(r.id)).map((r) => ({ word: r.id, description: resourceDescription(r) }));
        if (keyword !== 'group' && keyword !== 'clone' && keyword !== 'ms' && keyword !== 'master') {
          out.push(...(cib?.tags ?? []).filter((t) => !listed.has(t)).map((t) => ({ word: t, description: 'tag' })));
          if (stmt.length > 3) out.push(...(CONSTRAINT_TAIL[keyword] ?? []).map((k) => ({ word: k, noSpace: true })));
        }
        out.push(...context.keywords.map((k) => ({ word: k, ...(k.endsWith('=') ? { noSpace: true } : {}) })));
        return out;
      }
      case 'attrName':
        return this.attrNames(context.set, context.agent, stmt, keyword, context.keywords);
      case 'attrValue':
        return this.attrValues(context.set, context.name, context.agent, stmt, keyword);
      case 'opName': {
        const md = context.agent ? await this.agentMetadata(context.agent, stmt) : await this.agentMetadata(undefined, stmt);
        const names = md ? md.actions.map((a) => a.name).filter((n) => n !== 'meta-data' && n !== 'validate-all') : [...STANDARD_ACTIONS];
        return [...new Set(names)].map((n) => ({ word: n, description: 'operation' }));
      }
      case 'score':
        return (SCORES[context.statement] ?? []).map((s) => ({ word: s, description: s === 'rule' ? 'a rule instead of a node' : 'score' }));
      case 'nodeName':
        return this.ids('node');
      case 'ruleExpression': {
        const cib = await this.cib();
        return [...RULE_WORDS, ...(cib?.nodeAttributes ?? [])].map((w) => ({ word: w }));
      }
      case 'keyword':
        return context.keywords.map((k) => ({ word: k, ...(k.endsWith('=') ? { noSpace: true } : {}) }));
      case 'none':
        return this.otherStatement(keyword, stmt);
      default:
        return [];
    }
  }

  /** Statements grammar/context.ts leaves alone whose arguments are still ids. */
  private async otherStatement(keyword: string, stmt: readonly string[]): Promise<Raw[]> {
    const n = stmt.length;
    if (keyword === 'monitor' && n === 1) return this.ids('primitive');
    if (keyword === 'tag' && n >= 2) return (await this.ids('resource')).filter((c) => !stmt.includes(c.word));
    if (keyword === 'fencing_topology') return [...(await this.ids('node')).map((c) => ({ ...c, word: `${c.word}:` })), ...(await this.ids('primitive')).filter((c) => c.description?.includes('stonith:'))];
    if (keyword === 'schema' && n === 1) return ['pacemaker-3.0', 'pacemaker-3.5', 'pacemaker-3.7', 'pacemaker-3.9'].map((w) => ({ word: w }));
    return [];
  }

  /** The agent of a primitive being defined (`@template` resolved through the CIB). */
  private async agentMetadata(agent: { class?: string; provider?: string; type: string } | undefined, stmt: readonly string[]): Promise<AgentMetadata | null> {
    let spec: string | undefined;
    if (agent) {
      const { agentSpecString } = await import('../pacemaker/ra.js');
      spec = agentSpecString(agent);
    } else if ((stmt[0] === 'primitive' || stmt[0] === 'rsc_template') && stmt[2]?.startsWith('@')) {
      spec = await this.resolveTemplate(stmt[2]);
    }
    return spec ? this.data.metadata(spec) : null;
  }

  /** The set the cursor is in and the names already given in it. */
  private currentSet(stmt: readonly string[], keyword: string): { given: Set<string>; op?: string } {
    let given = new Set<string>();
    let op: string | undefined;
    const from = keyword === 'primitive' || keyword === 'rsc_template' ? 3 : 1;
    for (let i = from; i < stmt.length; i++) {
      const w = stmt[i]!;
      if (SET_WORDS.has(w)) {
        given = new Set();
        if (w === 'op') {
          op = stmt[i + 1];
          i++;
        } else if (w !== 'op_params' && w !== 'op_meta') op = undefined;
        continue;
      }
      const eq = w.indexOf('=');
      if (eq > 0) given.add(w.slice(0, eq));
    }
    return { given, ...(op ? { op } : {}) };
  }

  private async attrNames(set: string, agent: { class?: string; provider?: string; type: string } | undefined, stmt: readonly string[], keyword: string, keywords: readonly string[]): Promise<Raw[]> {
    const { given } = this.currentSet(stmt, keyword);
    const fresh = (list: Raw[]): Raw[] => list.filter((c) => !given.has(c.word.replace(/=$/, '')));
    // after the agent, name=value pairs are params even without the keyword, which may still come
    const more = set === 'params' && (keyword === 'primitive' || keyword === 'rsc_template') && !stmt.includes('params') ? ['params', ...keywords] : keywords;
    const kw = more.map((k) => ({ word: k, ...(k.endsWith('=') ? { noSpace: true } : {}) }));
    let names: Raw[] = [];
    switch (set) {
      case 'params': {
        if (keyword === 'primitive' || keyword === 'rsc_template') {
          const md = await this.agentMetadata(agent, stmt);
          if (md) names = await this.paramNames(md, given);
        }
        break;
      }
      case 'meta':
        names = [...RESOURCE_META, ...(keyword === 'clone' || keyword === 'ms' || keyword === 'master' ? CLONE_META : [])].map((a) => attr(a));
        break;
      case 'rsc_defaults':
        names = [...RESOURCE_META, ...CLONE_META].map((a) => attr(a));
        break;
      case 'op':
      case 'op_params':
      case 'op_meta':
      case 'op_defaults':
        names = OP_ATTRIBUTES.map((a) => attr(a));
        break;
      case 'property':
        names = (await this.data.clusterOptions()).map(optionCandidate);
        break;
      case 'attributes': {
        const cib = await this.cib();
        const known = new Map(NODE_ATTRIBUTES.map((a) => [a.name, a] as const));
        for (const n of cib?.nodeAttributes ?? []) if (!known.has(n)) known.set(n, { name: n, description: 'node attribute' });
        names = [...known.values()].map((a) => attr(a));
        break;
      }
      case 'utilization': {
        const cib = await this.cib();
        names = (cib?.utilization ?? []).map((n) => ({ word: `${n}=`, description: 'utilization', noSpace: true }));
        break;
      }
    }
    return [...fresh(names), ...kw];
  }

  private async attrValues(set: string, name: string, agent: { class?: string; provider?: string; type: string } | undefined, stmt: readonly string[], keyword: string): Promise<Raw[]> {
    switch (set) {
      case 'params': {
        const md = await this.agentMetadata(agent, stmt);
        const p = md?.parameters.find((x) => x.name === name);
        if (p) return valuesOf(name, undefined, p.default, p.type);
        const f = md?.spec.startsWith('stonith:') ? (await this.data.fencingOptions()).find((o) => o.name === name) : undefined;
        return f ? valuesOf(name, f.values, f.default, f.type) : [];
      }
      case 'meta':
      case 'rsc_defaults': {
        const a = [...RESOURCE_META, ...CLONE_META].find((x) => x.name === name);
        return a ? valuesOf(name, a.values, a.default) : [];
      }
      case 'op':
      case 'op_params':
      case 'op_meta':
      case 'op_defaults': {
        const { op } = this.currentSet(stmt, keyword);
        if ((name === 'interval' || name === 'timeout') && op && set !== 'op_defaults') {
          const md = await this.agentMetadata(agent, stmt);
          const advised = md?.actions.filter((a) => a.name === op).map((a) => a[name]).filter((v): v is string => v !== undefined) ?? [];
          if (advised.length) return [...new Set(advised)].map((v) => ({ word: `${name}=${v}`, description: `advised by the agent for ${op}` }));
        }
        const a = OP_ATTRIBUTES.find((x) => x.name === name);
        return a ? valuesOf(name, a.values, a.default) : [];
      }
      case 'property': {
        const o = (await this.data.clusterOptions()).find((x) => x.name === name);
        return o ? valuesOf(name, o.values, o.default, o.type) : [];
      }
      case 'attributes': {
        const a = NODE_ATTRIBUTES.find((x) => x.name === name);
        return a ? valuesOf(name, a.values, a.default) : [];
      }
      default:
        return [];
    }
  }

  // ------------------------------------------------------------ files

  /** Files and directories for the REPL (shells complete files themselves). */
  private async files(prefix: string): Promise<Raw[]> {
    const expanded = prefix.startsWith('~/') ? join(homedir(), prefix.slice(2)) : prefix;
    const slash = expanded.lastIndexOf('/');
    const dir = slash < 0 ? '.' : slash === 0 ? '/' : expanded.slice(0, slash);
    const shown = slash < 0 ? '' : prefix.slice(0, prefix.lastIndexOf('/') + 1);
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      return entries
        .filter((e) => !e.name.startsWith('.') || expanded.slice(slash + 1).startsWith('.'))
        .map((e) => (e.isDirectory() ? { word: `${shown}${e.name}/`, noSpace: true } : { word: `${shown}${e.name}` }))
        .sort((a, b) => a.word.localeCompare(b.word));
    } catch {
      return [];
    }
  }
}

/** A completion as node:readline wants it: the words, and the text they replace; a single finished word gets its space. */
export function forReadline(c: Completion, line: string, cursor = line.length): [string[], string] {
  const words = c.candidates.map((x) => x.word);
  if (c.candidates.length === 1 && !c.candidates[0]!.noSpace && cursor === line.length) words[0] += ' ';
  return [words, line.slice(c.replaceFrom, cursor)];
}
