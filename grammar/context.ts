/**
 * What is being typed at the cursor of a configure line, for completion.
 * Chevrotain 12 dropped `computeContentAssist`, so this is our own analysis:
 * the tokens of the statement before the cursor are walked with a small state
 * machine that knows where ids, agents, attribute names and scores go. It does
 * no I/O: the completion engine turns a context into candidates from its
 * sources (resource ids, nodes, RA metadata, ...).
 *
 * @example
 *   completionContext('primitive p1 ocf:heartbeat:IPaddr2 params i');
 *   // { context: { kind: 'attrName', set: 'params', agent: {class:'ocf',provider:'heartbeat',type:'IPaddr2'},
 *   //              keywords: ['meta', 'utilization', 'op', ...] }, prefix: 'i', replaceFrom: 42 }
 */
import type { IToken } from 'chevrotain';
import type { AgentSpec, NvSetKind } from './ast.js';
import * as T from './tokens.js';

export type CursorContext =
  /** the first word of a statement */
  | { kind: 'statementKeyword'; keywords: readonly string[] }
  /** the id a statement defines: nothing to complete, but a hint */
  | { kind: 'newId'; statement: string }
  /** `class:provider:type` of a primitive or template, or `@template` */
  | { kind: 'agent' }
  /** an existing resource (group member, clone child, constraint resource); `suffix` when after `rsc:` */
  | { kind: 'resourceId'; statement: string; suffix?: 'role' | 'action'; keywords: readonly string[] }
  /** an attribute name in a set (params names come from the agent's metadata) */
  | { kind: 'attrName'; set: NvSetKind | 'property' | 'rsc_defaults' | 'op_defaults' | 'op'; agent?: AgentSpec; keywords: readonly string[] }
  /** the value of `name=` */
  | { kind: 'attrValue'; set: NvSetKind | 'property' | 'rsc_defaults' | 'op_defaults' | 'op'; name: string; agent?: AgentSpec }
  /** the action after `op` */
  | { kind: 'opName'; agent?: AgentSpec }
  /** a score such as `inf:`, or an order kind */
  | { kind: 'score'; statement: string }
  /** a node name (`location … 100: <node>`, `node <name>`) */
  | { kind: 'nodeName' }
  /** inside a rule expression: an attribute, an operator or a value */
  | { kind: 'ruleExpression' }
  /** a keyword among these */
  | { kind: 'keyword'; keywords: readonly string[] }
  /** nothing we can help with */
  | { kind: 'none' };

export interface CompletionContext {
  context: CursorContext;
  /** the part of the current word before the cursor */
  prefix: string;
  /** offset in `text` where the current word starts (replace from here to the cursor) */
  replaceFrom: number;
}

const PRIMITIVE_CLAUSES = ['params', 'meta', 'utilization', 'op', 'operations'];
const OP_CLAUSES = ['op_params', 'op_meta', 'op'];
const CONTAINER_CLAUSES = ['meta', 'params', 'description='];
const NODE_CLAUSES = ['attributes', 'utilization', 'description='];

function agentOf(image: string): AgentSpec | undefined {
  if (image.startsWith('@')) return undefined;
  const parts = image.split(':');
  if (parts.length === 1) return { type: image };
  if (parts.length === 2) return { class: parts[0]!, type: parts[1]! };
  return { class: parts[0]!, provider: parts[1]!, type: parts.slice(2).join(':') };
}

/**
 * The completion context at `cursor` (default: the end of `text`). Only the
 * statement the cursor is in matters; `\` continuations are followed.
 */
export function completionContext(text: string, cursor = text.length): CompletionContext {
  const before = text.slice(0, cursor);
  const { tokens } = T.tokenize(before);
  let start = tokens.length;
  while (start > 0 && tokens[start - 1]!.tokenType !== T.Newline) start--;
  const stmt = tokens.slice(start);
  // the word under the cursor: a token that ends right at the cursor
  const last = stmt[stmt.length - 1];
  const partial = last !== undefined && (last.endOffset ?? -1) + 1 === cursor ? last : undefined;
  const done = partial ? stmt.slice(0, -1) : stmt;
  const prefix = partial ? partial.image : '';
  const replaceFrom = partial ? partial.startOffset : cursor;
  return { context: classify(done, prefix), prefix, replaceFrom };
}

function classify(done: IToken[], prefix: string): CursorContext {
  if (done.length === 0) return { kind: 'statementKeyword', keywords: T.STATEMENT_KEYWORDS };
  const kw = done[0]!.image;
  const n = done.length;
  const eq = prefix.indexOf('=');
  switch (kw) {
    case 'primitive':
    case 'rsc_template': {
      if (n === 1) return { kind: 'newId', statement: kw };
      if (n === 2) return { kind: 'agent' };
      const agent = agentOf(done[2]!.image);
      return inClauses(done.slice(3), prefix, agent, PRIMITIVE_CLAUSES, 'params');
    }
    case 'group': {
      if (n === 1) return { kind: 'newId', statement: kw };
      const inSet = done.slice(2).some((t) => tokenIs(t, T.SetKeyword) || tokenIs(t, T.NvPair));
      if (!inSet && eq < 0) return { kind: 'resourceId', statement: kw, keywords: CONTAINER_CLAUSES };
      return inClauses(done.slice(2), prefix, undefined, CONTAINER_CLAUSES);
    }
    case 'clone':
    case 'ms':
    case 'master': {
      if (n === 1) return { kind: 'newId', statement: kw };
      if (n === 2) return { kind: 'resourceId', statement: kw, keywords: [] };
      return inClauses(done.slice(3), prefix, undefined, CONTAINER_CLAUSES);
    }
    case 'node': {
      const rest = done.slice(1).filter((t) => !t.image.startsWith('$id='));
      if (rest.length === 0) return { kind: 'nodeName' };
      return inClauses(rest.slice(1), prefix, undefined, NODE_CLAUSES);
    }
    case 'location': {
      if (n === 1) return { kind: 'newId', statement: kw };
      if (n === 2) return { kind: 'resourceId', statement: kw, keywords: [] };
      if (done.some((t) => tokenIs(t, T.RuleKw))) return { kind: 'ruleExpression' };
      const lastDone = done[n - 1]!;
      if (tokenIs(lastDone, T.Score)) return { kind: 'nodeName' };
      if (done.slice(3).some((t) => tokenIs(t, T.Score))) return { kind: 'none' };
      return { kind: 'score', statement: kw };
    }
    case 'colocation':
    case 'collocation':
    case 'order':
    case 'rsc_ticket': {
      if (n === 1) return { kind: 'newId', statement: kw };
      // the score (`order` may leave it out, but it is what comes there first); a ticket is free text
      if (n === 2) return kw === 'rsc_ticket' ? { kind: 'none' } : { kind: 'score', statement: kw };
      const colon = prefix.indexOf(':');
      if (colon > 0) {
        return { kind: 'resourceId', statement: kw, suffix: kw === 'order' ? 'action' : 'role', keywords: [] };
      }
      return { kind: 'resourceId', statement: kw, keywords: ['(', '['] };
    }
    case 'property':
    case 'rsc_defaults':
    case 'op_defaults': {
      const set = kw as 'property' | 'rsc_defaults' | 'op_defaults';
      if (done.some((t) => tokenIs(t, T.RuleKw)) && !done.slice(-1).some((t) => tokenIs(t, T.NvPair))) return { kind: 'ruleExpression' };
      if (eq > 0) return { kind: 'attrValue', set, name: prefix.slice(0, eq) };
      return { kind: 'attrName', set, keywords: ['rule'] };
    }
    default:
      return { kind: 'none' };
  }
}

function tokenIs(t: IToken, type: typeof T.Word): boolean {
  return t.tokenType === type || (t.tokenType.CATEGORIES ?? []).includes(type);
}

/** Inside the clauses of a resource: which set or op the cursor is in. */
function inClauses(
  clauses: IToken[],
  prefix: string,
  agent: AgentSpec | undefined,
  keywords: readonly string[],
  looseSet?: NvSetKind,
): CursorContext {
  let set: NvSetKind | 'op' | undefined = looseSet;
  let expectOpName = false;
  let inRule = false;
  for (const t of clauses) {
    if (expectOpName) {
      set = 'op';
      expectOpName = false;
      continue;
    }
    if (tokenIs(t, T.SetKeyword)) {
      set = t.image as NvSetKind;
      inRule = false;
    } else if (tokenIs(t, T.OpKw)) expectOpName = true;
    else if (tokenIs(t, T.OpParamsKw) || tokenIs(t, T.OpMetaKw)) set = t.image as NvSetKind;
    else if (tokenIs(t, T.RuleKw)) inRule = true;
    else if (tokenIs(t, T.NvPair)) inRule = false;
  }
  if (expectOpName) return { kind: 'opName', ...(agent ? { agent } : {}) };
  if (inRule) return { kind: 'ruleExpression' };
  if (!set) return { kind: 'keyword', keywords };
  const eq = prefix.indexOf('=');
  const withAgent = agent && (set === 'params' || set === 'op') ? { agent } : {};
  if (eq > 0) return { kind: 'attrValue', set, name: prefix.slice(0, eq), ...withAgent };
  const more = set === 'op' || set === 'op_params' || set === 'op_meta' ? [...OP_CLAUSES, ...keywords.filter((k) => k !== 'op')] : keywords;
  return { kind: 'attrName', set, ...withAgent, keywords: more.filter((k) => k !== set) };
}
