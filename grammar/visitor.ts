/**
 * CST → AST: one stateless visitor, used as a singleton. It also decides what
 * the permissive parts of the grammar mean (which `$id=` names a set, which
 * `score:` is a set name, where an implicit `params` set starts) and reports
 * what the grammar lets through but the language does not allow, as
 * diagnostics through the `report` callback of each call.
 *
 * @example
 *   const stmt = buildStatement(cst, (d) => diagnostics.push(d));
 */
import type { CstNode, IToken, CstElement } from 'chevrotain';
import type * as A from './ast.js';
import type { ICstNodeVisitor } from './cst.generated.js';
import type { Diagnostic } from './diagnostics.js';
import { configureParser } from './parser.js';
import { suggest } from './suggest.js';
import * as T from './tokens.js';
import { NODE_TYPES, OP_NAMES, nvPairOf, parseAgent, rscRefOf, scoreText, span, splitOnce, tokenLoc, unquote, word } from './words.js';

type Ctx = Record<string, CstElement[] | undefined>;
type Report = (d: Diagnostic) => void;

// ---- text helpers -----------------------------------------------------------------




function nodeLoc(n: CstNode): A.Loc {
  const l = n.location;
  return {
    line: l?.startLine ?? 1,
    col: l?.startColumn ?? 1,
    offset: l?.startOffset ?? 0,
    endOffset: (l?.endOffset ?? l?.startOffset ?? 0) + 1,
  };
}


function isToken(e: CstElement): e is IToken {
  return (e as IToken).tokenType !== undefined;
}

function offsetOf(e: CstElement): number {
  return isToken(e) ? e.startOffset : (e.location?.startOffset ?? 0);
}

/** All children of a CST node in source order, with the key they are filed under. */
/** The only child of a node that has exactly one (a dispatching OR), without sorting. */
function onlyChild(ctx: Ctx): { key: string; el: CstElement } {
  for (const key in ctx) {
    const el = ctx[key]?.[0];
    if (el) return { key, el };
  }
  throw new Error('empty CST node');
}

function ordered(ctx: Ctx): { key: string; el: CstElement }[] {
  const out: { key: string; el: CstElement }[] = [];
  for (const key of Object.keys(ctx)) for (const el of ctx[key] ?? []) out.push({ key, el });
  out.sort((a, b) => offsetOf(a.el) - offsetOf(b.el));
  return out;
}

function tok(ctx: Ctx, key: string, i = 0): IToken | undefined {
  const e = ctx[key]?.[i];
  return e && isToken(e) ? e : undefined;
}

function toks(ctx: Ctx, key: string): IToken[] {
  return (ctx[key] ?? []).filter(isToken);
}

function nodes(ctx: Ctx, key: string): CstNode[] {
  return (ctx[key] ?? []).filter((e): e is CstNode => !isToken(e));
}



/** Sub-keywords, for "did you mean" on a bare word that is probably a typo. */
const SUB_KEYWORDS = [
  'params', 'meta', 'utilization', 'attributes', 'op', 'op_params', 'op_meta', 'operations', 'rule',
  'description',
];

// ---- nvpairs ------------------------------------------------------------------------


/** A word inside a set: `@ref`, `@ref:name`, or a name without value. */
function barePairOf(t: IToken, report: Report): A.NvPair {
  const w = unquote(t.image);
  if (w.startsWith('@') && w.length > 1) {
    const body = w.slice(1);
    const colon = body.indexOf(':');
    if (colon > 0) return { name: body.slice(colon + 1), idRef: body.slice(0, colon), loc: tokenLoc(t) };
    return { name: body, idRef: body, loc: tokenLoc(t) };
  }
  if (w.startsWith('#')) {
    // crmsh reads it as an attribute named `#...`, which the CIB schema then rejects
    report({
      severity: 'error',
      code: 'parse',
      message: `'${w}' is not a comment here: a comment must be on a line of its own`,
      line: t.startLine ?? 1,
      col: t.startColumn ?? 1,
      length: t.image.length,
      hint: 'move the comment to the line above the statement',
    });
    return { name: w, loc: tokenLoc(t) };
  }
  // two-letter words (`of`, `on`) are too often real names to second-guess
  const s = w.length >= 3 ? suggest(w, SUB_KEYWORDS) : undefined;
  if (s) {
    report({
      severity: 'warning',
      code: 'suspicious-word',
      message: `'${w}' is taken as an attribute without a value; did you mean '${s}'?`,
      line: t.startLine ?? 1,
      col: t.startColumn ?? 1,
      length: t.image.length,
    });
  }
  return { name: w, loc: tokenLoc(t) };
}

// ---- the visitor ------------------------------------------------------------------

interface SetParts {
  id?: string;
  idRef?: string;
  /** `score:` words in order (a property's first one names the set) */
  scores: IToken[];
  rules: A.Rule[];
  pairs: A.NvPair[];
  /** `$role=` (rules only) and other `$x=` specials kept by position */
  loc: A.Loc;
}

/**
 * Typed through the generated visitor interface: a renamed or new rule fails to compile here.
 * It dispatches by itself instead of extending chevrotain's base visitor, which would build
 * the parser as soon as this module loads; plain statements never need the parser (plain.ts).
 */
class AstBuilder implements ICstNodeVisitor<Report, unknown> {
  visit(node: CstNode | CstNode[], report?: Report): unknown {
    const n = Array.isArray(node) ? node[0] : node;
    if (!n) return undefined;
    const method = (this as unknown as Record<string, (ctx: Ctx, report?: Report) => unknown>)[n.name];
    if (typeof method !== 'function') throw new Error(`no visitor method for rule '${n.name}'`);
    return method.call(this, n.children as Ctx, report);
  }

  /** Every rule of the parser has its method (the generated interface checks this at compile time too). */
  validateVisitor(): void {
    const missing = Object.keys(configureParser().getGAstProductions()).filter((r) => typeof (this as unknown as Record<string, unknown>)[r] !== 'function');
    if (missing.length) throw new Error(`the CST visitor has no method for: ${missing.join(', ')}`);
  }

  statement(ctx: Ctx, report: Report): A.Statement {
    const child = onlyChild(ctx).el as CstNode;
    return this.visit(child, report) as A.Statement;
  }

  // ---- sets --------------------------------------------------------------------

  setBody(ctx: Ctx, report: Report): SetParts {
    const parts: SetParts = { scores: [], rules: [], pairs: [], loc: { line: 0, col: 0, offset: 0, endOffset: 0 } };
    for (const { key, el } of ordered(ctx)) {
      if (key === 'rule') parts.rules.push(this.visit(el as CstNode, report) as A.Rule);
      else if (key === 'NvPair') {
        const t = el as IToken;
        const p = nvPairOf(t);
        if (p.name === '$id' && parts.pairs.length === 0) parts.id = p.value;
        else if (p.name === '$id-ref') parts.idRef = p.value;
        else parts.pairs.push(p);
      } else if (key === 'Score') parts.scores.push(el as IToken);
      else parts.pairs.push(barePairOf(el as IToken, report));
    }
    return parts;
  }

  looseSet(ctx: Ctx, report: Report): SetParts {
    return this.setBody(ctx, report);
  }

  setClause(ctx: Ctx, report: Report): A.NvSet {
    const kw = tok(ctx, 'SetKeyword')!;
    const body = nodes(ctx, 'setBody')[0]!;
    const parts = this.visit(body, report) as SetParts;
    // an empty set is legal: the CIB may hold an empty <meta_attributes>, and show prints it as `meta`
    return makeSet(kw.image as A.NvSetKind, parts, span(tokenLoc(kw), nodeLoc(body)), report);
  }

  containerClause(ctx: Ctx, report: Report): A.NvSet | SetParts {
    const c = onlyChild(ctx).el as CstNode;
    return this.visit(c, report) as A.NvSet | SetParts;
  }

  // ---- rules -------------------------------------------------------------------------

  rule(ctx: Ctx, report: Report): A.Rule {
    const kw = tok(ctx, 'RuleKw') ?? tok(ctx, 'Rule')!;
    const expr = nodes(ctx, 'expression')[0];
    const r: A.Rule = { expressions: [], loc: span(tokenLoc(kw), expr ? nodeLoc(expr) : lastLoc(ctx)) };
    for (const t of toks(ctx, 'NvPair')) {
      const p = nvPairOf(t);
      if (p.name === '$id') r.id = p.value;
      else if (p.name === '$id-ref') r.idRef = p.value;
      else if (p.name === '$role' || p.name === 'role') r.role = p.value;
      else report(errorAt(t, `unexpected '${t.image}' in a rule; expected '$id=', '$id-ref=' or '$role='`));
    }
    const score = tok(ctx, 'Score');
    if (score) r.score = scoreText(score);
    if (!expr) {
      if (r.idRef === undefined) {
        const last = lastToken(ctx);
        report({
          severity: 'error',
          code: 'parse',
          message: `expected a rule expression (such as '#uname eq node1') after '${last.image}'`,
          line: last.endLine ?? 1,
          col: (last.endColumn ?? 0) + 1,
          length: 1,
        });
      }
      return r;
    }
    const { expressions, boolean } = this.visit(expr, report) as { expressions: A.Expression[]; boolean?: A.RuleBoolean };
    r.expressions = expressions;
    if (boolean) r.boolean = boolean;
    return r;
  }

  expression(ctx: Ctx, report: Report): { expressions: A.Expression[]; boolean?: A.RuleBoolean } {
    const expressions = nodes(ctx, 'simpleExp').map((n) => this.visit(n, report) as A.Expression);
    const ops = toks(ctx, 'BoolOp');
    let boolean: A.RuleBoolean | undefined;
    for (const o of ops) {
      const b = o.image as A.RuleBoolean;
      if (boolean && b !== boolean) {
        report(errorAt(o, `'and' and 'or' cannot be mixed in one rule; write a second rule instead`));
      }
      boolean ??= b;
    }
    return boolean ? { expressions, boolean } : { expressions };
  }

  simpleExp(ctx: Ctx, report: Report): A.Expression {
    const first = ordered(ctx)[0]!.el;
    const date = tok(ctx, 'DateKw') ?? (isToken(first) && T.matches(first, T.DateKw) ? first : undefined);
    const dateNode = nodes(ctx, 'dateExp')[0];
    if (dateNode) {
      const d = this.visit(dateNode, report) as A.Expression;
      d.loc = span(date ? tokenLoc(date) : d.loc, d.loc);
      return d;
    }
    const unary = tok(ctx, 'UnaryOp');
    if (unary) {
      const attr = tok(ctx, 'attribute')!;
      return { kind: 'unary', op: unary.image as 'defined' | 'not_defined', attribute: word(attr), loc: span(tokenLoc(unary), tokenLoc(attr)) };
    }
    const attr = tok(ctx, 'attribute')!;
    const opTok = tok(ctx, 'op')!;
    const value = tok(ctx, 'value')!;
    let op = word(opTok);
    let type: string | undefined;
    const colon = op.indexOf(':');
    if (colon >= 0) {
      type = op.slice(0, colon);
      op = op.slice(colon + 1);
    }
    if (!BINARY_OPS.includes(op)) {
      const s = suggest(op, BINARY_OPS);
      report(errorAt(opTok, `unknown comparison '${op}'; expected one of ${BINARY_OPS.join(', ')}${s ? ` (did you mean '${s}'?)` : ''}`));
    }
    if (type !== undefined && !TYPES.includes(type)) {
      report(errorAt(opTok, `unknown type '${type}' in '${opTok.image}'; expected string, integer, number or version`));
    }
    const e: A.Expression = { kind: 'binary', attribute: word(attr), op: op as A.BinaryOp, value: word(value), loc: span(tokenLoc(attr), tokenLoc(value)) };
    if (type !== undefined) e.type = type;
    // `param{name}` / `meta{name}`: compare with the resource's parameter or meta attribute (value-source, as crmsh writes it)
    const src = VALUE_SOURCE.exec(e.value);
    if (src) {
      e.valueSource = src[1]!;
      e.value = src[2]!;
    }
    return e;
  }

  dateExp(ctx: Ctx, report: Report): A.Expression {
    const opTok = tok(ctx, 'dateOp')!;
    const pairs = toks(ctx, 'datePair');
    const last = pairs.length ? pairs[pairs.length - 1]! : (tok(ctx, 'dateValue') ?? opTok);
    const loc = span(tokenLoc(opTok), tokenLoc(last));
    const op = opTok.image;
    if (op === 'in' || op === 'spec') {
      const e: A.Expression & { kind: 'date' } = { kind: 'date', op, loc };
      const rest: A.NvPair[] = [];
      for (const t of pairs) {
        const p = nvPairOf(t);
        if (op === 'in' && p.name === 'start') e.start = p.value;
        else if (op === 'in' && p.name === 'end') e.end = p.value;
        else rest.push(p);
      }
      if (op === 'in') {
        if (rest.length) e.duration = rest;
        if (e.start === undefined && e.end === undefined) report(errorAt(opTok, `'date in' needs start= and end= or a duration`));
      } else {
        e.spec = rest;
        if (!rest.length) report(errorAt(opTok, `'date spec' needs at least one field such as hours=9-17 or weekdays=1-5`));
      }
      return e;
    }
    const value = word(tok(ctx, 'dateValue'));
    if (op === 'gt') return { kind: 'date', op: 'gt', start: value, loc };
    if (op === 'lt') return { kind: 'date', op: 'lt', end: value, loc };
    const s = suggest(op, ['gt', 'lt', 'in', 'spec']);
    report(errorAt(opTok, `unknown date operation '${op}'; expected gt, lt, in or spec${s ? ` (did you mean '${s}'?)` : ''}`));
    return { kind: 'date', op: 'gt', start: value, loc };
  }

  // ---- resources ------------------------------------------------------------------

  primitiveStmt(ctx: Ctx, report: Report): A.PrimitiveStatement {
    const kw = tok(ctx, 'PrimitiveKw') ?? tok(ctx, 'RscTemplateKw') ?? firstToken(ctx);
    const kind = kw.image === 'rsc_template' ? 'rsc_template' : 'primitive';
    const s: A.PrimitiveStatement = { kind, id: word(tok(ctx, 'id')), sets: [], ops: [], comments: [], loc: tokenLoc(kw) };
    const agentTok = tok(ctx, 'agent')!;
    const agent = word(agentTok);
    if (agent.startsWith('@')) {
      s.template = agent.slice(1);
      if (kind === 'rsc_template') report(errorAt(agentTok, `a template cannot be based on another template`));
    } else s.agent = parseAgent(agent);
    for (const clause of nodes(ctx, 'primitiveClause')) {
      const c = onlyChild(clause.children as Ctx);
      const cn = c.el as CstNode;
      if (c.key === 'setClause') s.sets.push(this.visit(cn, report) as A.NvSet);
      else if (c.key === 'opClause') s.ops.push(this.visit(cn, report) as A.Op);
      else if (c.key === 'operationsClause') {
        const t = tok(cn.children as Ctx, 'NvPair')!;
        const p = nvPairOf(t);
        if (p.name === '$id') s.opsId = p.value;
        else if (p.name === '$id-ref') s.opsIdRef = p.value;
        else report(errorAt(t, `expected '$id=<id>' or '$id-ref=<id>' after 'operations', found '${t.image}'`));
      } else {
        const parts = this.visit(cn, report) as SetParts;
        takeDescription(parts, s);
        if (hasContent(parts)) s.sets.push(makeSet('params', parts, nodeLoc(cn), report));
      }
    }
    return s;
  }

  primitiveClause(): never {
    throw new Error('visited through primitiveStmt');
  }

  opClause(ctx: Ctx, report: Report): A.Op {
    const kw = tok(ctx, 'OpKw') ?? firstToken(ctx);
    const action = tok(ctx, 'action')!;
    const op: A.Op = { name: word(action), attrs: toks(ctx, 'NvPair').map(nvPairOf), sets: [], loc: tokenLoc(kw) };
    if (!OP_NAMES.includes(op.name)) {
      // any name is legal (agents define their own actions), but `montor` is a typo
      const s = suggest(op.name, OP_NAMES);
      if (s) {
        report({
          severity: 'warning',
          code: 'suspicious-word',
          message: `unknown operation '${op.name}'; did you mean '${s}'?`,
          line: action.startLine ?? 1,
          col: action.startColumn ?? 1,
          length: action.image.length,
        });
      }
    }
    const kinds = [...toks(ctx, 'OpParamsKw'), ...toks(ctx, 'OpMetaKw')].sort((a, b) => a.startOffset - b.startOffset);
    const bodies = nodes(ctx, 'setBody');
    kinds.forEach((k, i) => {
      const body = bodies[i]!;
      op.sets.push(makeSet(k.image as A.NvSetKind, this.visit(body, report) as SetParts, span(tokenLoc(k), nodeLoc(body)), report));
    });
    op.loc = span(op.loc, lastLoc(ctx));
    return op;
  }

  operationsClause(): never {
    throw new Error('visited through primitiveStmt');
  }

  monitorStmt(ctx: Ctx): A.MonitorStatement {
    const [rsc, role] = splitOnce(word(tok(ctx, 'rsc')), ':');
    const [interval, timeout] = splitOnce(word(tok(ctx, 'interval')), ':');
    const s: A.MonitorStatement = { kind: 'monitor', rsc, interval, comments: [], loc: tokenLoc(firstToken(ctx)) };
    if (role !== undefined) s.role = role;
    if (timeout !== undefined) s.timeout = timeout;
    return s;
  }

  groupStmt(ctx: Ctx, report: Report): A.GroupStatement {
    const s: A.GroupStatement = {
      kind: 'group',
      id: word(tok(ctx, 'id')),
      children: toks(ctx, 'member').map(word),
      sets: [],
      comments: [],
      loc: tokenLoc(firstToken(ctx)),
    };
    this.containerSets(ctx, s, report, 'params');
    return s;
  }

  cloneStmt(ctx: Ctx, report: Report): A.CloneStatement {
    const kw = firstToken(ctx);
    const keyword = kw.image as 'clone' | 'ms' | 'master';
    const s: A.CloneStatement = {
      kind: keyword === 'clone' ? 'clone' : 'ms',
      keyword,
      id: word(tok(ctx, 'id')),
      child: word(tok(ctx, 'child')),
      sets: [],
      comments: [],
      loc: tokenLoc(kw),
    };
    this.containerSets(ctx, s, report, 'params');
    return s;
  }

  nodeStmt(ctx: Ctx, report: Report): A.NodeStatement {
    const nodeId = tok(ctx, 'nodeId');
    const unameTok = tok(ctx, 'uname');
    // `node n1:` (no name after the id) names the node n1
    const uname = unameTok ? word(unameTok) : nodeId ? scoreText(nodeId) : '';
    const s: A.NodeStatement = { kind: 'node', uname, sets: [], comments: [], loc: tokenLoc(firstToken(ctx)) };
    if (nodeId && unameTok) s.id = scoreText(nodeId);
    const colon = uname.lastIndexOf(':');
    if (colon > 0 && NODE_TYPES.includes(uname.slice(colon + 1))) {
      s.type = uname.slice(colon + 1);
      s.uname = uname.slice(0, colon);
    }
    const idTok = tok(ctx, 'idPair');
    if (idTok) {
      const p = nvPairOf(idTok);
      if (p.name === '$id' || p.name === 'id') s.id = p.value;
      else report(errorAt(idTok, `expected '$id=<id>' or a node name, found '${idTok.image}'`));
    }
    this.containerSets(ctx, s, report, 'attributes');
    return s;
  }

  /**
   * description= and sets of group/clone/ms/node/alert. Pairs without a set keyword
   * go to `looseKind` as crmsh does (`clone c p target-role=Started` gives clone
   * *params*: the semantic checks point out meta attributes given as params); where
   * there is no such kind (alerts) they are errors.
   */
  private containerSets(
    ctx: Ctx,
    s: { sets: A.NvSet[]; description?: string; kind: string },
    report: Report,
    looseKind?: A.NvSetKind,
  ): void {
    for (const cn of nodes(ctx, 'containerClause')) {
      const r = this.visit(cn, report) as A.NvSet | SetParts;
      if ('kind' in r) {
        s.sets.push(r);
        continue;
      }
      takeDescription(r, s);
      if (!hasContent(r)) continue;
      if (looseKind) {
        s.sets.push(makeSet(looseKind, r, nodeLoc(cn), report));
        continue;
      }
      const first = r.pairs[0] ?? r.rules[0];
      const at = first?.loc ?? nodeLoc(cn);
      report({
        severity: 'error',
        code: 'parse',
        message: `expected 'attributes' or 'meta' before '${first && 'name' in first ? first.name : 'this'}' in ${articled(s.kind)}`,
        line: at.line,
        col: at.col,
        length: at.endOffset - at.offset,
        hint: `write 'attributes ${first && 'name' in first ? first.name : 'name'}=...' for an instance attribute`,
      });
    }
  }

  bundleStmt(ctx: Ctx, report: Report): A.BundleStatement {
    const s: A.BundleStatement = { kind: 'bundle', id: word(tok(ctx, 'id')), storage: [], sets: [], comments: [], loc: tokenLoc(firstToken(ctx)) };
    for (const cn of nodes(ctx, 'bundleClause')) {
      const c = cn.children as Ctx;
      const first = ordered(c)[0]!;
      const pairs = toks(c, 'NvPair').map(nvPairOf);
      if (first.key === 'ContainerKeyword') {
        if (s.container) report(errorAt(first.el as IToken, `a bundle has only one container (docker, podman or rkt)`));
        s.container = { type: (first.el as IToken).image, options: pairs };
      } else if (first.key === 'NetworkKw') {
        s.network = { options: [...(s.network?.options ?? []), ...pairs], portMappings: s.network?.portMappings ?? [] };
      } else if (first.key === 'PortMappingKw') {
        s.network ??= { options: [], portMappings: [] };
        s.network.portMappings.push(pairs);
      } else if (first.key === 'StorageMappingKw') {
        s.storage.push(pairs);
      } else if (first.key === 'PrimitiveKw') {
        s.primitive = word(tok(c, 'primitive'));
      } else if (first.key === 'setClause') {
        s.sets.push(this.visit(first.el as CstNode, report) as A.NvSet);
      } else if (first.key === 'loose') {
        const t = first.el as IToken;
        const p = nvPairOf(t);
        if (p.name === 'description') s.description = p.value ?? '';
        else report(errorAt(t, `unexpected '${t.image}' in a bundle; expected docker, podman, rkt, network, port-mapping, storage, storage-mapping, primitive, meta or params`));
      }
    }
    return s;
  }

  bundleClause(): never {
    throw new Error('visited through bundleStmt');
  }

  // ---- constraints -----------------------------------------------------------

  locationStmt(ctx: Ctx, report: Report): A.LocationStatement {
    const kw = firstToken(ctx);
    const s: A.LocationStatement = {
      kind: 'location',
      id: word(tok(ctx, 'id')),
      target: { kind: 'rsc', id: '', loc: tokenLoc(kw) },
      options: toks(ctx, 'option').map(nvPairOf),
      rules: nodes(ctx, 'rule').map((n) => this.visit(n, report) as A.Rule),
      comments: [],
      loc: tokenLoc(kw),
    };
    const rsc = tok(ctx, 'rsc');
    if (rsc) {
      const w = word(rsc);
      s.target =
        w.length > 1 && w.startsWith('/') && w.endsWith('/')
          ? { kind: 'pattern', regex: w.slice(1, -1), loc: tokenLoc(rsc) }
          : { kind: 'rsc', id: w, loc: tokenLoc(rsc) };
    } else {
      const open = tok(ctx, 'LCurly')!;
      const close = tok(ctx, 'RCurly')!;
      const { items, options } = this.items(nodes(ctx, 'constraintItem'), report);
      s.target = { kind: 'sets', items, loc: span(tokenLoc(open), tokenLoc(close)) };
      for (const o of options) report(errorAt(o, `set options such as '${o.image}' go inside '( )' or '[ ]'`));
    }
    const score = tok(ctx, 'Score');
    if (score) {
      s.score = scoreText(score);
      s.node = word(tok(ctx, 'node'));
    }
    return s;
  }

  /** Constraint items: resource refs become single items, bracketed sets become sets; top-level pairs are options. */
  private items(ns: CstNode[], report: Report): { items: A.ConstraintItem[]; options: IToken[] } {
    const items: A.ConstraintItem[] = [];
    const options: IToken[] = [];
    for (const n of ns) {
      const c = n.children as Ctx;
      const rsc = tok(c, 'rsc');
      const opt = tok(c, 'option');
      if (rsc) items.push({ kind: 'rsc', ref: rscRefOf(rsc) });
      else if (opt) options.push(opt);
      else items.push({ kind: 'set', set: this.visit(nodes(c, 'resourceSet')[0]!, report) as A.ResourceSet });
    }
    return { items, options };
  }

  constraintItem(): never {
    throw new Error('visited through items()');
  }

  resourceSet(ctx: Ctx): A.ResourceSet {
    const open = tok(ctx, 'LParen') ?? tok(ctx, 'LBracket')!;
    const close = tok(ctx, 'RParen') ?? tok(ctx, 'RBracket')!;
    const set: A.ResourceSet = { brackets: open.image as '(' | '[', resources: [], options: [], loc: span(tokenLoc(open), tokenLoc(close)) };
    for (const m of nodes(ctx, 'setMember')) {
      const c = m.children as Ctx;
      const rsc = tok(c, 'rsc');
      if (rsc) set.resources.push(rscRefOf(rsc));
      else set.options.push(nvPairOf(tok(c, 'option')!));
    }
    return set;
  }

  setMember(): never {
    throw new Error('visited through resourceSet');
  }

  colocationStmt(ctx: Ctx, report: Report): A.ColocationStatement {
    const { items, options } = this.items(nodes(ctx, 'constraintItem'), report);
    const s: A.ColocationStatement = {
      kind: 'colocation',
      id: word(tok(ctx, 'id')),
      score: scoreText(tok(ctx, 'Score')!),
      items,
      options: options.map(nvPairOf),
      comments: [],
      loc: tokenLoc(firstToken(ctx)),
    };
    checkTwoResources(s.items, tok(ctx, 'Score')!, 'colocation', report);
    return s;
  }

  orderStmt(ctx: Ctx, report: Report): A.OrderStatement {
    const { items, options } = this.items(nodes(ctx, 'constraintItem'), report);
    const s: A.OrderStatement = {
      kind: 'order',
      id: word(tok(ctx, 'id')),
      items,
      options: options.map(nvPairOf),
      comments: [],
      loc: tokenLoc(firstToken(ctx)),
    };
    const score = tok(ctx, 'Score');
    if (score) s.score = scoreText(score);
    const first = s.items[0];
    if (!score && first?.kind === 'rsc' && /^(Mandatory|Optional|Serialize|mandatory|advisory|inf|INFINITY|[-+]?inf)$/.test(first.ref.id) && !first.ref.suffix) {
      report({
        severity: 'error',
        code: 'parse',
        message: `'${first.ref.id}' reads as a resource; did you mean '${first.ref.id}:'?`,
        line: first.ref.loc.line,
        col: first.ref.loc.col,
        length: first.ref.loc.endOffset - first.ref.loc.offset,
        hint: 'the kind or score of an order ends with a colon: order o1 Mandatory: a b',
      });
    }
    checkTwoResources(s.items, score ?? tok(ctx, 'id')!, 'order', report);
    return s;
  }

  ticketStmt(ctx: Ctx, report: Report): A.TicketStatement {
    const { items, options } = this.items(nodes(ctx, 'constraintItem'), report);
    return {
      kind: 'rsc_ticket',
      id: word(tok(ctx, 'id')),
      ticket: scoreText(tok(ctx, 'Score')!),
      items,
      options: options.map(nvPairOf),
      comments: [],
      loc: tokenLoc(firstToken(ctx)),
    };
  }

  // ---- cluster options ------------------------------------------------------------

  propertyStmt(ctx: Ctx, report: Report): A.PropertyStatement {
    const kw = firstToken(ctx);
    const parts = this.visit(nodes(ctx, 'setBody')[0]!, report) as SetParts;
    const s: A.PropertyStatement = {
      kind: kw.image as 'property' | 'rsc_defaults' | 'op_defaults',
      rules: parts.rules,
      pairs: parts.pairs,
      comments: [],
      loc: tokenLoc(kw),
    };
    if (parts.id !== undefined) s.setId = parts.id;
    if (parts.idRef !== undefined) s.idRef = parts.idRef;
    for (const sc of parts.scores) {
      // `property name: a=1` names the set (crm.8: `property [<set_id>:]`); a second one is a score.
      if (s.setId === undefined && parts.rules.every((r) => r.loc.offset > sc.startOffset)) s.setId = scoreText(sc);
      else if (s.score === undefined) s.score = scoreText(sc);
      else report(errorAt(sc, `unexpected '${sc.image}'`));
    }
    // `rsc_defaults name:` (an empty named set, as show prints it) is fine; a bare `property` is not
    if (!s.pairs.length && !s.rules.length && s.idRef === undefined && s.setId === undefined) report(afterToken(lastToken(ctx), `expected name=value after '${lastToken(ctx).image}'`));
    return s;
  }

  fencingStmt(ctx: Ctx, report: Report): A.FencingTopologyStatement {
    const s: A.FencingTopologyStatement = { kind: 'fencing_topology', entries: [], comments: [], loc: tokenLoc(firstToken(ctx)) };
    let cur: A.FencingTopologyStatement['entries'][number] | undefined;
    for (const { key, el } of ordered(ctx)) {
      const t = el as IToken;
      if (key === 'FencingTopologyKw') continue;
      const w = word(t);
      let target: A.FencingTarget | undefined;
      if (key === 'target') target = { kind: 'node', node: w.slice(0, -1) };
      else if (key === 'attrTarget') {
        const p = nvPairOf(t);
        const name = p.name.startsWith('attr:') ? p.name.slice(5) : p.name;
        target = { kind: 'attribute', name, value: p.value ?? '' };
      } else if (w.startsWith('pattern:')) target = { kind: 'pattern', regex: w.slice(8) };
      else if (w.startsWith('regexp%')) target = { kind: 'pattern', regex: w.slice(7) };
      if (target) {
        cur = { target, levels: [], loc: tokenLoc(t) };
        s.entries.push(cur);
        continue;
      }
      if (!cur) {
        cur = { target: null, levels: [], loc: tokenLoc(t) };
        s.entries.push(cur);
      }
      const devices = w.split(',');
      if (devices.some((d) => d === '')) report(errorAt(t, `empty device name in '${t.image}'; separate devices with ',' and no spaces`));
      cur.levels.push(devices.filter((d) => d !== ''));
      cur.loc = span(cur.loc, tokenLoc(t));
    }
    for (const e of s.entries) {
      if (e.levels.length === 0) {
        report({ severity: 'error', code: 'parse', message: `expected fencing devices after the target`, line: e.loc.line, col: e.loc.col, length: e.loc.endOffset - e.loc.offset });
      }
    }
    if (s.entries.length === 0) report(errorAt(firstToken(ctx), `expected fencing devices after 'fencing_topology'`));
    return s;
  }

  tagStmt(ctx: Ctx): A.TagStatement {
    const idTok = tok(ctx, 'id')!;
    const id = T.matches(idTok, T.Score) ? scoreText(idTok) : word(idTok);
    return { kind: 'tag', id, refs: toks(ctx, 'ref').map(word), comments: [], loc: tokenLoc(firstToken(ctx)) };
  }

  // ---- ACLs ---------------------------------------------------------------------------

  aclRule(ctx: Ctx, report: Report): A.AclRule {
    const right = tok(ctx, 'AclRight') ?? firstToken(ctx);
    const specs = toks(ctx, 'spec');
    const r: A.AclRule = { right: right.image as A.AclRule['right'], loc: span(tokenLoc(right), tokenLoc(specs[specs.length - 1] ?? right)) };
    for (const t of specs) {
      const w = word(t);
      const colon = w.indexOf(':');
      const head = colon >= 0 ? w.slice(0, colon) : w;
      const rest = colon >= 0 ? w.slice(colon + 1) : '';
      if (head === 'xpath') r.xpath = rest;
      else if (head === 'ref') r.ref = rest;
      // `type:` and `attr:` are the spellings crmsh's show prints for object-type and attribute
      else if (head === 'tag' || head === 'type') r.tag = rest;
      else if (head === 'attribute' || head === 'attr') r.attribute = rest;
      else if (ACL_SHORTCUTS.includes(head)) r.shortcut = w;
      else {
        const s = suggest(head, [...ACL_SHORTCUTS, 'xpath', 'ref', 'tag', 'type', 'attribute', 'attr']);
        report(errorAt(t, `unknown ACL specification '${w}'${s ? `; did you mean '${s}:'?` : ''}`));
      }
    }
    return r;
  }

  userStmt(ctx: Ctx, report: Report): A.UserStatement {
    return {
      kind: 'user',
      id: word(tok(ctx, 'id')),
      roles: toks(ctx, 'role').map((t) => stripRole(word(t))),
      rules: nodes(ctx, 'aclRule').map((n) => this.visit(n, report) as A.AclRule),
      comments: [],
      loc: tokenLoc(firstToken(ctx)),
    };
  }

  roleStmt(ctx: Ctx, report: Report): A.RoleStatement {
    for (const t of toks(ctx, 'option')) report(errorAt(t, `unexpected '${t.image}' in a role; expected read, write or deny`));
    return {
      kind: 'role',
      id: word(tok(ctx, 'id')),
      rules: nodes(ctx, 'aclRule').map((n) => this.visit(n, report) as A.AclRule),
      comments: [],
      loc: tokenLoc(firstToken(ctx)),
    };
  }

  aclTargetStmt(ctx: Ctx): A.AclTargetStatement {
    const kw = firstToken(ctx);
    return {
      kind: kw.image as 'acl_target' | 'acl_group',
      id: word(tok(ctx, 'id')),
      roles: toks(ctx, 'role').map((t) => stripRole(word(t))),
      comments: [],
      loc: tokenLoc(kw),
    };
  }

  // ---- alerts -------------------------------------------------------------------------

  alertStmt(ctx: Ctx, report: Report): A.AlertStatement {
    const s: A.AlertStatement = {
      kind: 'alert',
      id: word(tok(ctx, 'id')),
      path: word(tok(ctx, 'path')),
      sets: [],
      recipients: [],
      comments: [],
      loc: tokenLoc(firstToken(ctx)),
    };
    for (const { key, el } of ordered(ctx)) {
      if (key === 'selectClause') {
        const sel = this.visit(el as CstNode, report) as NonNullable<A.AlertStatement['select']>;
        if (s.select) {
          s.select.kinds.push(...sel.kinds);
          if (sel.attributes) s.select.attributes = [...(s.select.attributes ?? []), ...sel.attributes];
        } else s.select = sel;
      } else if (key === 'recipient') s.recipients.push(this.visit(el as CstNode, report) as A.AlertRecipient);
    }
    this.containerSets(ctx, s, report);
    return s;
  }

  selectClause(ctx: Ctx, report: Report): NonNullable<A.AlertStatement['select']> {
    const kinds = toks(ctx, 'kind').map(word);
    for (const t of toks(ctx, 'kind')) {
      if (!SELECT_KINDS.includes(word(t))) {
        const s = suggest(word(t), SELECT_KINDS);
        report(errorAt(t, `unknown alert selection '${t.image}'; expected nodes, fencing, resources or attributes${s ? ` (did you mean '${s}'?)` : ''}`));
      }
    }
    const sel: NonNullable<A.AlertStatement['select']> = { kinds, loc: tokenLoc(firstToken(ctx)) };
    const attrs = tok(ctx, 'AttributesKw');
    if (attrs) {
      // kinds keep the order they were written in (crmsh writes the select_* elements in that order)
      const at = toks(ctx, 'kind').filter((t) => t.startOffset < attrs.startOffset).length;
      sel.kinds.splice(at, 0, 'attributes');
      if (tok(ctx, 'LCurly')) sel.attributes = toks(ctx, 'attribute').map(word);
    }
    return sel;
  }

  recipient(ctx: Ctx, report: Report): A.AlertRecipient {
    const valueTok = tok(ctx, 'value')!;
    const r: A.AlertRecipient = { value: word(valueTok), sets: [], loc: span(tokenLoc(firstToken(ctx)), lastLoc(ctx)) };
    for (const cn of nodes(ctx, 'containerClause')) {
      const x = this.visit(cn, report) as A.NvSet | SetParts;
      if ('kind' in x) {
        r.sets.push(x);
        continue;
      }
      const rest: A.NvPair[] = [];
      for (const p of x.pairs) {
        if (p.name === 'description') r.description = p.value ?? '';
        else rest.push(p);
      }
      if (x.id !== undefined) r.id = x.id;
      for (const p of rest) {
        report({ severity: 'error', code: 'parse', message: `expected 'attributes' or 'meta' before '${p.name}'`, line: p.loc.line, col: p.loc.col, length: p.loc.endOffset - p.loc.offset });
      }
    }
    return r;
  }

  schemaStmt(ctx: Ctx): A.SchemaStatement {
    return { kind: 'schema', name: word(tok(ctx, 'name')), comments: [], loc: tokenLoc(firstToken(ctx)) };
  }
}

// ---- small helpers ------------------------------------------------------------------

/** A rule value `source{value}` (crmsh's spelling of value-source): any source word, a value without blanks. */
const VALUE_SOURCE = /^([^\s{}]+)\{(\S+)\}$/;
const BINARY_OPS = ['lt', 'gt', 'lte', 'gte', 'eq', 'ne'];
const TYPES = ['string', 'integer', 'number', 'version'];
const SELECT_KINDS = ['nodes', 'fencing', 'resources', 'attributes'];
const ACL_SHORTCUTS = ['meta', 'params', 'utilization', 'location', 'property', 'node', 'nodeattr', 'nodeutil', 'status', 'cib'];

function stripRole(w: string): string {
  return w.startsWith('role:') ? w.slice(5) : w;
}

function articled(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}




/** The statement keyword: the earliest token of the node (a linear scan, no sort). */
function firstToken(ctx: Ctx): IToken {
  let best: IToken | undefined;
  for (const key in ctx) for (const el of ctx[key] ?? []) if (isToken(el) && (!best || el.startOffset < best.startOffset)) best = el;
  if (!best) throw new Error('statement without tokens');
  return best;
}

function lastToken(ctx: Ctx): IToken {
  let best: IToken | undefined;
  for (const key of Object.keys(ctx)) for (const el of ctx[key] ?? []) if (isToken(el) && (!best || el.startOffset > best.startOffset)) best = el;
  return best!;
}

function lastLoc(ctx: Ctx): A.Loc {
  let best: A.Loc | undefined;
  for (const key of Object.keys(ctx)) {
    for (const el of ctx[key] ?? []) {
      const l = isToken(el) ? tokenLoc(el) : nodeLoc(el);
      if (!best || l.endOffset > best.endOffset) best = l;
    }
  }
  return best!;
}

function hasContent(p: SetParts): boolean {
  return p.pairs.length > 0 || p.rules.length > 0 || p.id !== undefined || p.idRef !== undefined || p.scores.length > 0;
}

function takeDescription(p: SetParts, s: { description?: string }): void {
  const i = p.pairs.findIndex((x) => x.name === 'description' && x.value !== undefined);
  if (i >= 0) {
    s.description = p.pairs[i]!.value!;
    p.pairs.splice(i, 1);
  }
}

function makeSet(kind: A.NvSetKind, p: SetParts, loc: A.Loc, report: Report): A.NvSet {
  const set: A.NvSet = { kind, rules: p.rules, pairs: p.pairs, loc };
  if (p.id !== undefined) set.id = p.id;
  if (p.idRef !== undefined) set.idRef = p.idRef;
  if (p.scores[0]) set.score = scoreText(p.scores[0]);
  for (const extra of p.scores.slice(1)) report(errorAt(extra, `a set has one score; unexpected '${extra.image}'`));
  if (set.idRef !== undefined && (set.pairs.length > 0 || set.rules.length > 0)) {
    report({
      severity: 'error',
      code: 'parse',
      message: `a set with '$id-ref=' cannot have attributes or rules of its own`,
      line: loc.line,
      col: loc.col,
      length: loc.endOffset - loc.offset,
    });
  }
  return set;
}

function checkTwoResources(items: A.ConstraintItem[], at: IToken, what: string, report: Report): void {
  const count = items.reduce((n, i) => n + (i.kind === 'rsc' ? 1 : i.set.resources.length), 0);
  if (count < 2 && items.every((i) => i.kind === 'rsc')) {
    const last = items[items.length - 1];
    const l = last?.kind === 'rsc' ? last.ref.loc : tokenLoc(at);
    report({
      severity: 'error',
      code: 'parse',
      message: `expected a second resource id: ${articled(what)} needs at least two resources`,
      line: l.line,
      col: l.col,
      length: l.endOffset - l.offset,
    });
  }
}

/** An error about something missing after `t`: located just past it. */
function afterToken(t: IToken, message: string): Diagnostic {
  return { severity: 'error', code: 'parse', message, line: t.endLine ?? t.startLine ?? 1, col: (t.endColumn ?? t.startColumn ?? 0) + 1, length: 1 };
}

export function errorAt(t: IToken, message: string): Diagnostic {
  return { severity: 'error', code: 'parse', message, line: t.startLine ?? 1, col: t.startColumn ?? 1, length: t.image.length };
}

let builder: AstBuilder | undefined;

/** Builds the AST of one statement from its CST; problems go to `report`. */
export function buildStatement(cst: CstNode, report: Report): A.Statement {
  if (!builder) {
    builder = new AstBuilder();
    builder.validateVisitor();
  }
  return builder.visit(cst, report) as A.Statement;
}
