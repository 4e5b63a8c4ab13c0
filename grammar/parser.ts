/**
 * The chevrotain parser of the crm configure language. It parses ONE
 * statement at a time (index.ts splits the token stream at newlines), so that
 * every error of a file is reported and one bad line never hides the next.
 *
 * Rules are grouped as the crmsh manual groups them (`crm help configure`,
 * /usr/share/crmsh/crm.8.adoc, section "cmdhelp_configure_<name>"). The parser
 * is purely syntactic and deliberately permissive inside attribute sets: it
 * collects words and pairs, and the visitor (visitor.ts) decides what a
 * `$id=` or a `score:` means there.
 *
 * Error messages: every CONSUME that can fail says what was expected in
 * words through ERR_MSG (e.g. "a node name"); index.ts turns the exception
 * into "expected a node name after '100:'".
 *
 * @example
 *   configureParser.input = tokensOfOneStatement;
 *   const cst = configureParser.statement();
 *   if (configureParser.errors.length === 0) visit(cst);
 */
import { CstParser, tokenLabel, tokenMatcher, type CstNode, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';

function alternatives(paths: TokenType[][][]): string {
  const labels = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) labels.add(tokenLabel(path[0]));
  const list = [...labels];
  return list.length <= 1 ? (list[0] ?? 'something else') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

/**
 * Messages in words: the parser's own part is only "what was expected"; index.ts
 * adds "after '<previous word>'" or "found '<word>'" and the location.
 */
export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => tokenLabel(expected),
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected '${firstRedundant.image}'`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, customUserDescription }) =>
    customUserDescription ?? alternatives(expectedPathsPerAlt),
  buildEarlyExitMessage: ({ expectedIterationPaths, customUserDescription }) =>
    customUserDescription ?? alternatives([expectedIterationPaths]),
};

/**
 * Our token types are plain objects (tokens.ts: the lexer must not load
 * chevrotain). The parser completes them when it is built, but it decides
 * whether token categories are in use just before that, from their
 * `categoryMatches`: without a mark it would pick the matcher that ignores
 * categories, and no keyword would match where a Word is expected. The mark
 * is replaced by chevrotain's own lists when it completes the types.
 */
function markCategories(types: TokenType[]): TokenType[] {
  for (const t of types) if (t.CATEGORIES?.length) t.categoryMatches ??= [-1];
  return types;
}

export class ConfigureParser extends CstParser {
  constructor() {
    // LL(1): where one token is not enough, explicit gates look further (LA(2)), and
    // keyword alternatives come first; a deeper analysis made start-up several times slower.
    super(markCategories(T.allTokens), { maxLookahead: 1, recoveryEnabled: false, nodeLocationTracking: 'full', errorMessageProvider, skipValidations: process.env.HASH_GRAMMAR_CHECK !== '1' });
    this.performSelfAnalysis();
  }

  /** A gate: the next token is a name and not a keyword (loops of ids stop at keywords). */
  private notKeyword = (): boolean => !tokenMatcher(this.LA(1), T.Keyword);

  // ---- statement ----------------------------------------------------------------

  public statement = this.RULE('statement', () => {
    this.OR({
      ERR_MSG: 'a statement keyword (primitive, group, location, ...)',
      DEF: [
        { ALT: () => this.SUBRULE(this.nodeStmt) },
        { ALT: () => this.SUBRULE(this.primitiveStmt) },
        { ALT: () => this.SUBRULE(this.monitorStmt) },
        { ALT: () => this.SUBRULE(this.groupStmt) },
        { ALT: () => this.SUBRULE(this.cloneStmt) },
        { ALT: () => this.SUBRULE(this.bundleStmt) },
        { ALT: () => this.SUBRULE(this.locationStmt) },
        { ALT: () => this.SUBRULE(this.colocationStmt) },
        { ALT: () => this.SUBRULE(this.orderStmt) },
        { ALT: () => this.SUBRULE(this.ticketStmt) },
        { ALT: () => this.SUBRULE(this.propertyStmt) },
        { ALT: () => this.SUBRULE(this.fencingStmt) },
        { ALT: () => this.SUBRULE(this.tagStmt) },
        { ALT: () => this.SUBRULE(this.userStmt) },
        { ALT: () => this.SUBRULE(this.roleStmt) },
        { ALT: () => this.SUBRULE(this.aclTargetStmt) },
        { ALT: () => this.SUBRULE(this.alertStmt) },
        { ALT: () => this.SUBRULE(this.schemaStmt) },
      ],
    });
  });

  // ---- attribute sets (crm.8 "attr_list", topics_Features_AttributeListReferences) ----

  /**
   * The body of an attribute set: `[$id=x|$id-ref=x] [score:] [rule ...] a=1 b [@ref] ...`.
   * The order of the parts is checked by the visitor, not here.
   */
  public setBody = this.RULE('setBody', () => {
    this.MANY({
      GATE: this.setItemAhead,
      DEF: () =>
      this.OR([
        { ALT: () => this.SUBRULE(this.rule) },
        { ALT: () => this.CONSUME(T.NvPair) },
        { ALT: () => this.CONSUME(T.Score) },
        { GATE: this.notKeyword, ALT: () => this.CONSUME(T.Word) },
      ]),
    });
  });

  /** An item of a set comes next: anything but a keyword, except `rule`. */
  private setItemAhead = (): boolean => {
    const t = this.LA(1);
    return !tokenMatcher(t, T.Keyword) || tokenMatcher(t, T.RuleKw);
  };

  /** A set (with or without its keyword) comes next. Loops over clauses stop at other keywords. */
  private containerClauseAhead = (): boolean => tokenMatcher(this.LA(1), T.SetKeyword) || this.setItemAhead();

  private primitiveClauseAhead = (): boolean => {
    const t = this.LA(1);
    if (tokenMatcher(t, T.OpKw) || tokenMatcher(t, T.OperationsKw) || tokenMatcher(t, T.SetKeyword)) return true;
    return this.rightAfterAgent() && this.setItemAhead();
  };

  /** The previous token is the agent (`primitive <id> <agent>`): the place of the keyword-less set. */
  private rightAfterAgent = (): boolean => this.input.length > 2 && this.LA(0) === this.input[2];

  /** `params|meta|utilization|attributes <setBody>` */
  public setClause = this.RULE('setClause', () => {
    this.CONSUME(T.SetKeyword);
    this.SUBRULE(this.setBody);
  });

  // ---- rules (crm.8 topics_Syntax_RuleExpressions) ----------------------------------

  /** `rule [$id=x] [$role=R] [score:] expression` */
  public rule = this.RULE('rule', () => {
    this.CONSUME(T.RuleKw);
    this.MANY(() => this.CONSUME(T.NvPair));
    this.OPTION(() => this.CONSUME(T.Score));
    // optional only for `rule $id-ref=x`; the visitor reports a missing expression otherwise
    this.OPTION2(() => this.SUBRULE(this.expression));
  });

  /** `simple_exp [and|or simple_exp ...]` */
  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.simpleExp);
    this.MANY(() => {
      this.CONSUME(T.BoolOp);
      this.SUBRULE2(this.simpleExp);
    });
  });

  public simpleExp = this.RULE('simpleExp', () => {
    this.OR({
      ERR_MSG: "a rule expression (such as '#uname eq node1', 'defined attr' or 'date gt 2025-01-01')",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(T.DateKw);
            this.SUBRULE(this.dateExp);
          },
          IGNORE_AMBIGUITIES: true,
        },
        {
          ALT: () => {
            this.CONSUME(T.UnaryOp);
            this.CONSUME(T.Word, { LABEL: 'attribute', ERR_MSG: 'an attribute name' });
          },
          IGNORE_AMBIGUITIES: true,
        },
        {
          ALT: () => {
            this.CONSUME2(T.Word, { LABEL: 'attribute' });
            this.CONSUME3(T.Word, { LABEL: 'op', ERR_MSG: 'a comparison operator (lt, gt, lte, gte, eq, ne)' });
            this.CONSUME4(T.Word, { LABEL: 'value', ERR_MSG: 'a value to compare with' });
          },
        },
      ],
    });
  });

  /** `date gt X | date lt X | date in start=X end=Y | date in start=X <duration> | date spec <date_spec>` */
  public dateExp = this.RULE('dateExp', () => {
    this.OR({
      ERR_MSG: "'gt', 'lt', 'in' or 'spec' after 'date'",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(T.InKw, { LABEL: 'dateOp' });
            this.MANY({ GATE: this.isDatePair, DEF: () => this.CONSUME(T.NvPair, { LABEL: 'datePair' }) });
          },
          IGNORE_AMBIGUITIES: true,
        },
        {
          ALT: () => {
            this.CONSUME(T.SpecKw, { LABEL: 'dateOp' });
            this.MANY2({ GATE: this.isDatePair, DEF: () => this.CONSUME2(T.NvPair, { LABEL: 'datePair' }) });
          },
          IGNORE_AMBIGUITIES: true,
        },
        {
          ALT: () => {
            this.CONSUME(T.Word, { LABEL: 'dateOp' });
            this.CONSUME2(T.Word, { LABEL: 'dateValue', ERR_MSG: 'a date' });
          },
        },
      ],
    });
  });

  /** date_spec and duration fields; other pairs after a date expression belong to the set. */
  private isDatePair = (): boolean => {
    const t = this.LA(1);
    if (!tokenMatcher(t, T.NvPair)) return false;
    const name = t.image.slice(0, t.image.indexOf('='));
    return DATE_FIELDS.has(name);
  };

  // ---- resources (crm.8 cmdhelp_configure_primitive, _group, _clone, _ms, _bundle, _node) ----

  /** `primitive|rsc_template <id> {[class:[provider:]]type | @template} <clauses>` */
  public primitiveStmt = this.RULE('primitiveStmt', () => {
    this.OR([{ ALT: () => this.CONSUME(T.PrimitiveKw) }, { ALT: () => this.CONSUME(T.RscTemplateKw) }]);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a resource id' });
    this.CONSUME2(T.Word, { LABEL: 'agent', ERR_MSG: "a resource agent (such as 'ocf:heartbeat:IPaddr2') or '@template'" });
    this.MANY({ GATE: this.primitiveClauseAhead, DEF: () => this.SUBRULE(this.primitiveClause) });
  });

  public primitiveClause = this.RULE('primitiveClause', () => {
    // Keyword alternatives come first and win: a keyword is also a Word (see tokens.ts).
    // One token decides (`op` at the end of the line is an op missing its name).
    this.OR({
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.SUBRULE(this.setClause), IGNORE_AMBIGUITIES: true },
        { ALT: () => this.SUBRULE(this.opClause), IGNORE_AMBIGUITIES: true },
        { ALT: () => this.SUBRULE(this.operationsClause), IGNORE_AMBIGUITIES: true },
        // only the first set's `params` may be left out: `primitive p Dummy state=1`
        { GATE: this.rightAfterAgent, ALT: () => this.SUBRULE(this.looseSet), IGNORE_AMBIGUITIES: true },
      ],
    });
  });

  /** A set without its keyword: starts with a pair, a score, a rule or an `@ref`. */
  public looseSet = this.RULE('looseSet', () => {
    this.AT_LEAST_ONE({
      GATE: this.setItemAhead,
      DEF: () =>
      this.OR([
        { ALT: () => this.SUBRULE(this.rule) },
        { ALT: () => this.CONSUME(T.NvPair) },
        { ALT: () => this.CONSUME(T.Score) },
        { GATE: this.notKeyword, ALT: () => this.CONSUME(T.Word) },
      ]),
    });
  });

  /** `op <action> [attr=value ...] [op_params <set>] [op_meta <set>]` */
  public opClause = this.RULE('opClause', () => {
    this.CONSUME(T.OpKw);
    this.CONSUME(T.Word, { LABEL: 'action', ERR_MSG: "an operation name (such as 'monitor' or 'start')" });
    this.MANY(() => this.CONSUME(T.NvPair));
    this.MANY2(() => {
      this.OR([{ ALT: () => this.CONSUME(T.OpParamsKw) }, { ALT: () => this.CONSUME(T.OpMetaKw) }]);
      this.SUBRULE(this.setBody);
    });
  });

  /** `operations $id=x | operations $id-ref=x` */
  public operationsClause = this.RULE('operationsClause', () => {
    this.CONSUME(T.OperationsKw);
    this.CONSUME(T.NvPair, { ERR_MSG: "'$id=<id>' or '$id-ref=<id>'" });
  });

  /** `monitor <rsc>[:<role>] <interval>[:<timeout>]` */
  public monitorStmt = this.RULE('monitorStmt', () => {
    this.CONSUME(T.MonitorKw);
    this.CONSUME(T.Word, { LABEL: 'rsc', ERR_MSG: 'a resource id' });
    this.CONSUME2(T.Word, { LABEL: 'interval', ERR_MSG: "an interval (such as '10s' or '10s:20s')" });
  });

  /** `group <id> <rsc> [<rsc>...] [description=..] [meta ..] [params ..]` */
  public groupStmt = this.RULE('groupStmt', () => {
    this.CONSUME(T.GroupKw);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a group id' });
    this.AT_LEAST_ONE({
      // members may be called `op` or `date`; only what can follow them ends the list
      GATE: () => !tokenMatcher(this.LA(1), T.SetKeyword),
      ERR_MSG: 'a resource id (a group needs at least one member)',
      DEF: () => this.CONSUME2(T.Word, { LABEL: 'member' }),
    });
    this.MANY({ GATE: this.containerClauseAhead, DEF: () => this.SUBRULE(this.containerClause) });
  });

  /** description= and attribute sets of group/clone/ms/node/bundle */
  public containerClause = this.RULE('containerClause', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.setClause), IGNORE_AMBIGUITIES: true },
      { ALT: () => this.SUBRULE(this.looseSet), IGNORE_AMBIGUITIES: true },
    ]);
  });

  /** `clone|ms|master <id> <rsc> [description=..] [meta ..] [params ..]` */
  public cloneStmt = this.RULE('cloneStmt', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.CloneKw) },
      { ALT: () => this.CONSUME(T.MsKw) },
      { ALT: () => this.CONSUME(T.MasterKw) },
    ]);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a clone id' });
    this.CONSUME2(T.Word, { LABEL: 'child', ERR_MSG: 'the id of the resource to clone' });
    this.MANY({ GATE: this.containerClauseAhead, DEF: () => this.SUBRULE(this.containerClause) });
  });

  /** `node [$id=x] <uname>[:<type>] [description=..] [attributes ..] [utilization ..]` */
  public nodeStmt = this.RULE('nodeStmt', () => {
    this.CONSUME(T.NodeKw);
    this.OPTION(() => this.CONSUME(T.NvPair, { LABEL: 'idPair' }));
    this.OR({
      ERR_MSG: 'a node name',
      DEF: [
        { ALT: () => this.CONSUME(T.Word, { LABEL: 'uname' }) },
        // `node <id>: <uname>[:<type>]`, as crmsh's show prints nodes whose id is not the name
        {
          ALT: () => {
            this.CONSUME(T.Score, { LABEL: 'nodeId' });
            this.OPTION2({ GATE: this.notKeyword, DEF: () => this.CONSUME2(T.Word, { LABEL: 'uname' }) });
          },
        },
      ],
    });
    this.MANY({ GATE: this.containerClauseAhead, DEF: () => this.SUBRULE(this.containerClause) });
  });

  /**
   * `bundle <id> [description=..] docker|podman|rkt <opts> [network <opts> [port-mapping <opts>]...]
   *  [storage [storage-mapping <opts>]...] [primitive <rsc>] [meta ..] [params ..]`
   */
  public bundleStmt = this.RULE('bundleStmt', () => {
    this.CONSUME(T.BundleKw);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a bundle id' });
    this.MANY(() => this.SUBRULE(this.bundleClause));
  });

  public bundleClause = this.RULE('bundleClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.ContainerKeyword);
          this.MANY(() => this.CONSUME(T.NvPair));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.NetworkKw);
          this.MANY2(() => this.CONSUME2(T.NvPair));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.PortMappingKw);
          this.MANY3(() => this.CONSUME3(T.NvPair));
        },
      },
      { ALT: () => this.CONSUME(T.StorageKw) },
      {
        ALT: () => {
          this.CONSUME(T.StorageMappingKw);
          this.MANY4(() => this.CONSUME4(T.NvPair));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.PrimitiveKw);
          this.CONSUME(T.Word, { LABEL: 'primitive', ERR_MSG: 'the id of the primitive in the bundle' });
        },
      },
      { ALT: () => this.SUBRULE(this.setClause) },
      { ALT: () => this.CONSUME5(T.NvPair, { LABEL: 'loose' }) },
    ]);
  });

  // ---- constraints (crm.8 cmdhelp_configure_location, _colocation, _order, _rsc_ticket) ----

  /** `location <id> <rsc>|/regex/|{ sets } [role=..] [resource-discovery=..] {<score>: <node> | rule ...}` */
  public locationStmt = this.RULE('locationStmt', () => {
    this.CONSUME(T.LocationKw);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a constraint id' });
    this.OR({
      ERR_MSG: "a resource id, a /regex/ or '{ resource sets }'",
      DEF: [
        { ALT: () => this.CONSUME2(T.Word, { LABEL: 'rsc' }) },
        {
          ALT: () => {
            this.CONSUME(T.LCurly);
            this.MANY(() => this.SUBRULE(this.constraintItem));
            this.CONSUME(T.RCurly, { ERR_MSG: "'}' to close the resource sets" });
          },
        },
      ],
    });
    this.MANY2(() => this.CONSUME(T.NvPair, { LABEL: 'option' }));
    this.OR2({
      ERR_MSG: "a score and a node (such as '100: node1') or a rule",
      DEF: [
        {
          ALT: () => {
            this.CONSUME(T.Score);
            this.CONSUME3(T.Word, { LABEL: 'node', ERR_MSG: 'a node name' });
          },
        },
        { ALT: () => this.AT_LEAST_ONE(() => this.SUBRULE(this.rule)) },
      ],
    });
  });

  /** A resource reference `rsc[:role|:action]`, a set option `name=value`, or a bracketed set. */
  public constraintItem = this.RULE('constraintItem', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Word, { LABEL: 'rsc' }) },
      { ALT: () => this.CONSUME(T.NvPair, { LABEL: 'option' }) },
      { ALT: () => this.SUBRULE(this.resourceSet) },
    ]);
  });

  /** `( a b [opts] )` or `[ a b [opts] ]` */
  public resourceSet = this.RULE('resourceSet', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.MANY(() => this.SUBRULE(this.setMember));
          this.CONSUME(T.RParen, { ERR_MSG: "')' to close the resource set" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.MANY2(() => this.SUBRULE2(this.setMember));
          this.CONSUME(T.RBracket, { ERR_MSG: "']' to close the resource set" });
        },
      },
    ]);
  });

  public setMember = this.RULE('setMember', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Word, { LABEL: 'rsc' }) },
      { ALT: () => this.CONSUME(T.NvPair, { LABEL: 'option' }) },
    ]);
  });

  /** `colocation|collocation <id> <score>: <rsc>[:<role>] <with-rsc>[:<role>] | <sets> [node-attribute=..]` */
  public colocationStmt = this.RULE('colocationStmt', () => {
    this.OR([{ ALT: () => this.CONSUME(T.ColocationKw) }, { ALT: () => this.CONSUME(T.CollocationKw) }]);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a constraint id' });
    this.CONSUME(T.Score, { ERR_MSG: "a score (such as 'inf:' or '-100:')" });
    this.AT_LEAST_ONE({ ERR_MSG: 'a resource id', DEF: () => this.SUBRULE(this.constraintItem) });
  });

  /** `order <id> [kind:|score:] first then | <sets> [symmetrical=..]` */
  public orderStmt = this.RULE('orderStmt', () => {
    this.CONSUME(T.OrderKw);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a constraint id' });
    this.OPTION(() => this.CONSUME(T.Score));
    this.AT_LEAST_ONE({ ERR_MSG: 'a resource id', DEF: () => this.SUBRULE(this.constraintItem) });
  });

  /** `rsc_ticket <id> <ticket>: <rsc>[:<role>] ... | <sets> [loss-policy=..]` */
  public ticketStmt = this.RULE('ticketStmt', () => {
    this.CONSUME(T.RscTicketKw);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a constraint id' });
    this.CONSUME(T.Score, { ERR_MSG: "a ticket name followed by ':' (such as 'ticketA:')" });
    this.AT_LEAST_ONE({ ERR_MSG: 'a resource id', DEF: () => this.SUBRULE(this.constraintItem) });
  });

  // ---- cluster options (crm.8 cmdhelp_configure_property, _rsc_defaults, _op_defaults) ----

  /** `property|rsc_defaults|op_defaults [<set_id>:|$id=x] [rule ...] name=value ...` */
  public propertyStmt = this.RULE('propertyStmt', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.PropertyKw) },
      { ALT: () => this.CONSUME(T.RscDefaultsKw) },
      { ALT: () => this.CONSUME(T.OpDefaultsKw) },
    ]);
    this.SUBRULE(this.setBody);
  });

  /** `fencing_topology [<target>] <devices> ...` with targets `node:`, `attr:n=v`, `pattern:re` */
  public fencingStmt = this.RULE('fencingStmt', () => {
    this.CONSUME(T.FencingTopologyKw);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.Score, { LABEL: 'target' }) },
        { ALT: () => this.CONSUME(T.NvPair, { LABEL: 'attrTarget' }) },
        { ALT: () => this.CONSUME(T.Word, { LABEL: 'device' }) },
      ]),
    );
  });

  /** `tag <tag>: <rsc> ...` or `tag <tag> <rsc> ...` */
  public tagStmt = this.RULE('tagStmt', () => {
    this.CONSUME(T.TagKw);
    this.OR({
      ERR_MSG: 'a tag name',
      DEF: [
        { ALT: () => this.CONSUME(T.Score, { LABEL: 'id' }) },
        { ALT: () => this.CONSUME(T.Word, { LABEL: 'id' }) },
      ],
    });
    this.AT_LEAST_ONE({ ERR_MSG: 'a resource id', DEF: () => this.CONSUME2(T.Word, { LABEL: 'ref' }) });
  });

  // ---- access control (crm.8 cmdhelp_configure_user, _role, _acl_target) ----

  /** `read|write|deny <spec> ...` where spec is xpath:, ref:, tag:, attribute: or a shortcut */
  public aclRule = this.RULE('aclRule', () => {
    this.CONSUME(T.AclRight);
    this.AT_LEAST_ONE({
      GATE: this.aclSpecAhead,
      ERR_MSG: "an ACL specification (xpath:..., ref:..., tag:..., or a shortcut such as 'meta:rsc')",
      DEF: () =>
        this.OR([
          { ALT: () => this.CONSUME(T.Word, { LABEL: 'spec' }) },
          { ALT: () => this.CONSUME(T.NvPair, { LABEL: 'spec' }) },
        ]),
    });
  });

  /** An ACL spec comes next: a pair, or a word that is neither a keyword nor a `role:` reference. */
  private aclSpecAhead = (): boolean => {
    const t = this.LA(1);
    if (tokenMatcher(t, T.NvPair)) return true;
    // shortcuts `property` and `node` are statement keywords too; only a right starts the next rule
    return tokenMatcher(t, T.Word) && !tokenMatcher(t, T.AclRight) && !t.image.startsWith('role:');
  };

  /** `user <uid> {role:<r> ... | rule ...}` */
  public userStmt = this.RULE('userStmt', () => {
    this.CONSUME(T.UserKw);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a user id' });
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.aclRule) },
        { GATE: this.notKeyword, ALT: () => this.CONSUME2(T.Word, { LABEL: 'role' }) },
      ]),
    );
  });

  /** `role <role-id> rule ...` */
  public roleStmt = this.RULE('roleStmt', () => {
    this.CONSUME(T.RoleKw);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a role id' });
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.aclRule) },
        { ALT: () => this.CONSUME(T.NvPair, { LABEL: 'option' }) },
      ]),
    );
  });

  /** `acl_target|acl_group <id> [<role> ...]` */
  public aclTargetStmt = this.RULE('aclTargetStmt', () => {
    this.OR([{ ALT: () => this.CONSUME(T.AclTargetKw) }, { ALT: () => this.CONSUME(T.AclGroupKw) }]);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'a target id' });
    this.MANY(() => this.CONSUME2(T.Word, { LABEL: 'role' }));
  });

  // ---- alerts (crm.8 cmdhelp_configure_alert) ----------------------------------------

  /** `alert <id> <path> [attributes ..] [meta ..] [select ...] [to [{] <recipient> ... [}] ...]` */
  public alertStmt = this.RULE('alertStmt', () => {
    this.CONSUME(T.AlertKw);
    this.CONSUME(T.Word, { LABEL: 'id', ERR_MSG: 'an alert id' });
    this.CONSUME2(T.Word, { LABEL: 'path', ERR_MSG: 'the path of the alert script' });
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.selectClause), IGNORE_AMBIGUITIES: true },
        { ALT: () => this.SUBRULE(this.recipient), IGNORE_AMBIGUITIES: true },
        { GATE: this.containerClauseAhead, ALT: () => this.SUBRULE(this.containerClause), IGNORE_AMBIGUITIES: true },
      ]),
    );
  });

  /** `select nodes|fencing|resources|attributes { a b } ...` */
  public selectClause = this.RULE('selectClause', () => {
    this.CONSUME(T.SelectKw);
    // `select` may end at once (crmsh writes no <select> then)
    this.MANY({
      GATE: () => !tokenMatcher(this.LA(1), T.Keyword) || this.selectAttributesAhead(),
      DEF: () =>
        this.OR([
          {
            GATE: this.selectAttributesAhead,
            ALT: () => {
              this.CONSUME(T.AttributesKw);
              this.CONSUME(T.LCurly);
              this.MANY2(() => this.CONSUME(T.Word, { LABEL: 'attribute' }));
              this.CONSUME(T.RCurly, { ERR_MSG: "'}' to close the attribute list" });
            },
          },
          { GATE: this.notKeyword, ALT: () => this.CONSUME2(T.Word, { LABEL: 'kind' }) },
        ]),
    });
  });

  /**
   * `select ... attributes { a b }`. Without a brace, `attributes` ends the select and starts
   * the alert's attributes set, as crmsh reads it (`select nodes attributes fencing` selects
   * nodes and sets a valueless attribute `fencing`).
   */
  private selectAttributesAhead = (): boolean => tokenMatcher(this.LA(1), T.AttributesKw) && tokenMatcher(this.LA(2), T.LCurly);

  /** `to [{] <recipient> [attributes ..] [meta ..] [}]` */
  public recipient = this.RULE('recipient', () => {
    this.CONSUME(T.ToKw);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LCurly);
          this.CONSUME(T.Word, { LABEL: 'value', ERR_MSG: 'a recipient' });
          this.MANY({ GATE: this.containerClauseAhead, DEF: () => this.SUBRULE(this.containerClause) });
          this.CONSUME(T.RCurly, { ERR_MSG: "'}' to close the recipient" });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Word, { LABEL: 'value', ERR_MSG: 'a recipient' });
          this.MANY2({ GATE: this.containerClauseAhead, DEF: () => this.SUBRULE2(this.containerClause) });
        },
      },
    ]);
  });

  /** `schema <name>` */
  public schemaStmt = this.RULE('schemaStmt', () => {
    this.CONSUME(T.SchemaKw);
    this.CONSUME(T.Word, { LABEL: 'name', ERR_MSG: "a schema name (such as 'pacemaker-3.7')" });
  });
}

/** Names of date_spec / duration fields (Pacemaker rules). */
export const DATE_FIELDS = new Set([
  'hours', 'monthdays', 'weekdays', 'yeardays', 'yearsdays', 'months', 'weeks', 'years',
  'weekyears', 'moon', 'minutes', 'seconds', 'start', 'end', '$id', 'id',
]);

let parser: ConfigureParser | undefined;

/**
 * The one parser instance, built when first needed: building it is the expensive part
 * (~30 ms at start-up), and a file of plain statements never needs it (plain.ts).
 */
export function configureParser(): ConfigureParser {
  return (parser ??= new ConfigureParser());
}

export type { CstNode, IToken };
