/**
 * Plain statements read straight from their tokens, without the chevrotain
 * parser and its CST. Most lines of a real configuration (and every line of a
 * generated one) have one of a few plain shapes:
 *
 *   primitive p ocf:heartbeat:IPaddr2 params ip=10.0.0.1 meta a=1 op monitor interval=10s
 *   group g a b meta target-role=Stopped      clone c p meta interleave=true
 *   location l p 100: node1                   colocation c inf: a b
 *   order o Mandatory: a b                    property stonith-enabled=false
 *   node node1 attributes standby=off
 *
 * For those, the generic parser spends most of a big load building and
 * walking a CST, and building the parser itself costs ~30 ms at start-up.
 * This reader gives exactly the AST that parser and visitor.ts give (the same
 * helpers from words.ts build it; test/grammar/plain.test.ts compares the two
 * on every input the tests have), and it says `undefined` (meaning: ask the
 * parser) for anything else: a keyword used as a name, brackets, rules, bare
 * words, `$id-ref`, op_params, unknown op names, anything the visitor would
 * warn about or reject. It never reports a diagnostic itself, so whatever is
 * wrong in a line is always reported by the one parser that explains it.
 *
 * @example
 *   readPlainStatement(tokensOfOneLine) ?? parseWithChevrotain(tokensOfOneLine)
 */
import type { IToken, TokenType } from 'chevrotain';
import type * as A from './ast.js';
import * as T from './tokens.js';
import { NODE_TYPES, OP_NAMES, nvPairOf, parseAgent, rscRefOf, scoreText, tokenLoc, word } from './words.js';

/** The AST of one statement's tokens (no newline), or undefined when it is not plain. */
export function readPlainStatement(tokens: IToken[]): A.Statement | undefined {
  const type = tokens[0]?.tokenType;
  if (type === T.PrimitiveKw || type === T.RscTemplateKw) return primitive(tokens);
  if (type === T.LocationKw) return location(tokens);
  if (type === T.ColocationKw || type === T.CollocationKw) return colocation(tokens);
  if (type === T.OrderKw) return order(tokens);
  if (type === T.GroupKw) return group(tokens);
  if (type === T.CloneKw || type === T.MsKw || type === T.MasterKw) return clone(tokens);
  if (type === T.NodeKw) return node(tokens);
  if (type === T.PropertyKw || type === T.RscDefaultsKw || type === T.OpDefaultsKw) return property(tokens);
  return undefined;
}

/** Not plain: the parser decides. A sentinel thrown inside this module only. */
const NOT_PLAIN = Symbol('not plain');

function is(t: IToken | undefined, type: TokenType): t is IToken {
  return t !== undefined && t.tokenType === type;
}

/** A name that is not a keyword (a keyword used as a name is left to the parser). */
function name(t: IToken | undefined): string {
  if (!is(t, T.PlainWord)) throw NOT_PLAIN;
  return word(t);
}

function through(a: IToken, b: IToken): A.Loc {
  return { line: a.startLine ?? 1, col: a.startColumn ?? 1, offset: a.startOffset, endOffset: (b.endOffset ?? b.startOffset) + 1 };
}

function plain<S extends A.Statement>(read: () => S): S | undefined {
  try {
    return read();
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
}

// ---- attribute sets ---------------------------------------------------------------

/** The pairs of one set from tokens[i] on, as the visitor's setBody reads pairs; stops at the first non-pair. */
interface PairRun {
  id?: string;
  pairs: A.NvPair[];
  /** index of the first token after the run */
  next: number;
}

function pairRun(tokens: IToken[], i: number): PairRun {
  const run: PairRun = { pairs: [], next: i };
  while (is(tokens[run.next], T.NvPair)) {
    const p = nvPairOf(tokens[run.next]!);
    // `$id-ref` sets and their errors are the parser's
    if (p.name === '$id-ref') throw NOT_PLAIN;
    if (p.name === '$id' && run.pairs.length === 0 && run.id === undefined) run.id = p.value;
    else if (p.name === '$id' && run.pairs.length === 0) throw NOT_PLAIN;
    else run.pairs.push(p);
    run.next++;
  }
  return run;
}

function makeSet(kind: A.NvSetKind, run: PairRun, loc: A.Loc): A.NvSet {
  const set: A.NvSet = { kind, rules: [], pairs: run.pairs, loc };
  if (run.id !== undefined) set.id = run.id;
  return set;
}

/** `description=` of a set without keyword belongs to the object (the visitor's takeDescription). */
function takeDescription(run: PairRun, s: { description?: string }): void {
  const i = run.pairs.findIndex((x) => x.name === 'description' && x.value !== undefined);
  if (i >= 0) {
    s.description = run.pairs[i]!.value!;
    run.pairs.splice(i, 1);
  }
}

/**
 * The clauses after an object's head: a set without keyword right at `i` (for
 * `looseKind`), then `params|meta|utilization|attributes a=1 ...` sets and, for
 * primitives, `op <action> a=1 ...`; anything else is not plain.
 */
function clauses(tokens: IToken[], i: number, s: { sets: A.NvSet[]; description?: string; ops?: A.Op[] }, looseKind: A.NvSetKind): void {
  if (is(tokens[i], T.NvPair)) {
    const run = pairRun(tokens, i);
    const loc = through(tokens[i]!, tokens[run.next - 1]!);
    takeDescription(run, s);
    if (run.pairs.length > 0 || run.id !== undefined) s.sets.push(makeSet(looseKind, run, loc));
    i = run.next;
  }
  while (i < tokens.length) {
    const kw = tokens[i]!;
    if (T.matches(kw, T.SetKeyword)) {
      const run = pairRun(tokens, i + 1);
      // an empty set (`meta` alone) has no location of its own in the CST: the parser's
      if (run.pairs.length === 0 && run.id === undefined) throw NOT_PLAIN;
      s.sets.push(makeSet(kw.image as A.NvSetKind, run, through(kw, tokens[run.next - 1]!)));
      i = run.next;
    } else if (is(kw, T.OpKw) && s.ops) {
      const action = tokens[i + 1];
      if (!action || !T.matches(action, T.Word)) throw NOT_PLAIN;
      const opName = word(action);
      // another name may be a typo the visitor warns about
      if (!OP_NAMES.includes(opName)) throw NOT_PLAIN;
      let next = i + 2;
      while (is(tokens[next], T.NvPair)) next++;
      s.ops.push({ name: opName, attrs: tokens.slice(i + 2, next).map(nvPairOf), sets: [], loc: through(kw, tokens[next - 1]!) });
      i = next;
    } else throw NOT_PLAIN;
  }
}

// ---- resources ----------------------------------------------------------------------

function primitive(tokens: IToken[]): A.PrimitiveStatement | undefined {
  return plain(() => {
    const kw = tokens[0]!;
    const kind = kw.tokenType === T.RscTemplateKw ? 'rsc_template' : 'primitive';
    const s: A.PrimitiveStatement = { kind, id: name(tokens[1]), sets: [], ops: [], comments: [], loc: tokenLoc(kw) };
    const agent = name(tokens[2]);
    if (agent.startsWith('@')) {
      if (kind === 'rsc_template') throw NOT_PLAIN;
      s.template = agent.slice(1);
    } else s.agent = parseAgent(agent);
    clauses(tokens, 3, s, 'params');
    return s;
  });
}

function group(tokens: IToken[]): A.GroupStatement | undefined {
  return plain(() => {
    const s: A.GroupStatement = { kind: 'group', id: name(tokens[1]), children: [], sets: [], comments: [], loc: tokenLoc(tokens[0]!) };
    let i = 2;
    while (i < tokens.length && !is(tokens[i], T.NvPair) && !T.matches(tokens[i]!, T.SetKeyword)) s.children.push(name(tokens[i++]));
    if (s.children.length === 0) throw NOT_PLAIN;
    clauses(tokens, i, s, 'params');
    return s;
  });
}

function clone(tokens: IToken[]): A.CloneStatement | undefined {
  return plain(() => {
    const kw = tokens[0]!;
    const keyword = kw.image as 'clone' | 'ms' | 'master';
    const s: A.CloneStatement = { kind: keyword === 'clone' ? 'clone' : 'ms', keyword, id: name(tokens[1]), child: name(tokens[2]), sets: [], comments: [], loc: tokenLoc(kw) };
    clauses(tokens, 3, s, 'params');
    return s;
  });
}

function node(tokens: IToken[]): A.NodeStatement | undefined {
  return plain(() => {
    const uname = name(tokens[1]);
    const s: A.NodeStatement = { kind: 'node', uname, sets: [], comments: [], loc: tokenLoc(tokens[0]!) };
    const colon = uname.lastIndexOf(':');
    if (colon > 0 && NODE_TYPES.includes(uname.slice(colon + 1))) {
      s.type = uname.slice(colon + 1);
      s.uname = uname.slice(0, colon);
    }
    clauses(tokens, 2, s, 'attributes');
    return s;
  });
}

// ---- constraints ----------------------------------------------------------------------

function location(tokens: IToken[]): A.LocationStatement | undefined {
  return plain(() => {
    const kw = tokens[0]!;
    const rsc = tokens[2];
    const w = name(rsc);
    const target: A.LocationTarget =
      w.length > 1 && w.startsWith('/') && w.endsWith('/') ? { kind: 'pattern', regex: w.slice(1, -1), loc: tokenLoc(rsc!) } : { kind: 'rsc', id: w, loc: tokenLoc(rsc!) };
    let i = 3;
    while (is(tokens[i], T.NvPair)) i++;
    const s: A.LocationStatement = { kind: 'location', id: name(tokens[1]), target, options: tokens.slice(3, i).map(nvPairOf), rules: [], comments: [], loc: tokenLoc(kw) };
    const score = tokens[i];
    if (!is(score, T.Score) || tokens.length !== i + 2) throw NOT_PLAIN;
    s.score = scoreText(score);
    s.node = name(tokens[i + 1]);
    return s;
  });
}

/** Resource references and options from tokens[i] on: at least two resources, no sets. */
function items(tokens: IToken[], i: number): { items: A.ConstraintItem[]; options: A.NvPair[] } {
  const out: { items: A.ConstraintItem[]; options: A.NvPair[] } = { items: [], options: [] };
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (is(t, T.PlainWord)) out.items.push({ kind: 'rsc', ref: rscRefOf(t) });
    else if (is(t, T.NvPair)) out.options.push(nvPairOf(t));
    else throw NOT_PLAIN;
  }
  // one resource is an error the parser explains
  if (out.items.length < 2) throw NOT_PLAIN;
  return out;
}

function colocation(tokens: IToken[]): A.ColocationStatement | undefined {
  return plain(() => {
    const id = name(tokens[1]);
    const score = tokens[2];
    if (!is(score, T.Score)) throw NOT_PLAIN;
    const { items: list, options } = items(tokens, 3);
    return { kind: 'colocation', id, score: scoreText(score), items: list, options, comments: [], loc: tokenLoc(tokens[0]!) };
  });
}

function order(tokens: IToken[]): A.OrderStatement | undefined {
  return plain(() => {
    const id = name(tokens[1]);
    const score = tokens[2];
    // without a kind the first word may be a kind missing its colon, which the visitor points out
    if (!is(score, T.Score)) throw NOT_PLAIN;
    const { items: list, options } = items(tokens, 3);
    return { kind: 'order', id, items: list, options, comments: [], loc: tokenLoc(tokens[0]!), score: scoreText(score) };
  });
}

// ---- cluster options ------------------------------------------------------------------

function property(tokens: IToken[]): A.PropertyStatement | undefined {
  return plain(() => {
    const kw = tokens[0]!;
    let i = 1;
    const named = is(tokens[1], T.Score) ? tokens[1] : undefined;
    if (named) i++;
    const run = pairRun(tokens, i);
    if (run.next !== tokens.length || run.pairs.length === 0) throw NOT_PLAIN;
    const s: A.PropertyStatement = { kind: kw.image as A.PropertyStatement['kind'], rules: [], pairs: run.pairs, comments: [], loc: tokenLoc(kw) };
    if (run.id !== undefined) s.setId = run.id;
    // `property name: a=1` names the set; after `$id=` a `x:` is its score
    if (named) {
      if (s.setId === undefined) s.setId = scoreText(named);
      else s.score = scoreText(named);
    }
    return s;
  });
}
