/**
 * The AST of the crm configure language: one `Statement` per logical line
 * (after `\` continuations are joined). Pure data, no behaviour.
 *
 * Semantic fields carry what the text says; `loc` says where it says it, for
 * diagnostics and completion. The CIB encoder (src/cib) reads only the
 * semantic fields. Values are unquoted (`ip="1.2.3.4"` gives `1.2.3.4`).
 *
 * @example
 *   parseConfigure('primitive p Dummy op monitor interval=10s').statements[0]
 *   // { kind: 'primitive', id: 'p', agent: { class: 'ocf'?, type: 'Dummy' }, ops: [...], ... }
 */

/** A place in the source: 1-based line and column, 0-based offsets. */
export interface Loc {
  line: number;
  col: number;
  offset: number;
  endOffset: number;
}

/** `name=value`, `name` (no value) or `@ref` (an nvpair `id-ref`). */
export interface NvPair {
  name: string;
  /** undefined for a bare `name`, and for `@ref` pairs. */
  value?: string;
  /** set for `@ref` pairs: the id of the nvpair referred to; `name` is then the ref too. */
  idRef?: string;
  /** the nvpair's own id, from `$name=value` (id = name) or `$id:name=value` (added by grammar/). */
  id?: string;
  loc: Loc;
}

export type NvSetKind =
  | 'params' // instance_attributes
  | 'meta' // meta_attributes
  | 'utilization' // utilization
  | 'attributes' // node / alert / recipient instance_attributes
  | 'op_params' // op instance_attributes
  | 'op_meta'; // op meta_attributes

/** One attribute set: `params [$id=x] [score:] [rule ...] a=1 b=2`, or `params $id-ref=x`. */
export interface NvSet {
  kind: NvSetKind;
  id?: string;
  idRef?: string;
  score?: string;
  rules: Rule[];
  pairs: NvPair[];
  loc: Loc;
}

export type RuleBoolean = 'and' | 'or';

/** `rule [$id=x|$id-ref=x] [$role=R] score: expression [bool expression ...]` */
export interface Rule {
  id?: string;
  idRef?: string;
  role?: string;
  /** The score as written before `:` (`inf`, `-100`, or an attribute name = score-attribute). */
  score?: string;
  /** The boolean joining the expressions, when there is more than one. */
  boolean?: RuleBoolean;
  expressions: Expression[];
  loc: Loc;
}

export type BinaryOp = 'lt' | 'gt' | 'lte' | 'gte' | 'eq' | 'ne';

export type Expression =
  | {
      kind: 'binary';
      attribute: string;
      op: BinaryOp;
      /** `string:`, `number:`, `version:`, `integer:` prefix of the operator. */
      type?: string;
      value: string;
      /** `value-source` when the value is written `source{value}`: `param{ip}` compares with the resource's parameter ip (schema pacemaker-2.9+: param or meta). */
      valueSource?: string;
      loc: Loc;
    }
  | { kind: 'unary'; op: 'defined' | 'not_defined'; attribute: string; loc: Loc }
  | {
      kind: 'date';
      /** `gt`, `lt`, `in` (in_range) or `spec` (date_spec). */
      op: 'gt' | 'lt' | 'in' | 'spec';
      start?: string;
      end?: string;
      /** for `in start=X <duration pairs>`: years=, months=, hours=, ... */
      duration?: NvPair[];
      /** for `spec <date_spec pairs>` */
      spec?: NvPair[];
      loc: Loc;
    };

/** `rsc`, `rsc:Role` (colocation, ticket, location) or `rsc:action` (order). */
export interface RscRef {
  id: string;
  /** the word after `:` as written; the encoder decides role vs action by statement kind. */
  suffix?: string;
  loc: Loc;
}

/** `( a b c )`, `[ a b ]` or a bare run of resources, with set options such as sequential=false. */
export interface ResourceSet {
  brackets: '(' | '[' | null;
  resources: RscRef[];
  options: NvPair[];
  loc: Loc;
}

/** An item of a constraint's resource list: a single resource or a bracketed set. */
export type ConstraintItem = { kind: 'rsc'; ref: RscRef } | { kind: 'set'; set: ResourceSet };

export interface AgentSpec {
  /** `ocf`, `lsb`, `systemd`, `service`, `stonith`, ... absent when only a type was written. */
  class?: string;
  provider?: string;
  type: string;
}

export interface Op {
  /** the action: monitor, start, stop, promote, ... */
  name: string;
  /** interval=, timeout=, role=, $id=, and any other `name=value` after the action name. */
  attrs: NvPair[];
  /** op_params / op_meta sets */
  sets: NvSet[];
  loc: Loc;
}

interface StatementBase {
  loc: Loc;
  /** `#` comment lines directly above the statement, without the leading `#`... as written, with `#`. */
  comments: string[];
}

export interface NodeStatement extends StatementBase {
  kind: 'node';
  /** `$id=` */
  id?: string;
  uname: string;
  /** normal | member | ping | remote (written as `uname:type`) */
  type?: string;
  description?: string;
  /** `attributes` and `utilization` sets */
  sets: NvSet[];
}

export interface PrimitiveStatement extends StatementBase {
  kind: 'primitive' | 'rsc_template';
  id: string;
  agent?: AgentSpec;
  /** `@template` */
  template?: string;
  description?: string;
  sets: NvSet[];
  ops: Op[];
  /** `operations $id=x` / `operations $id-ref=x` */
  opsId?: string;
  opsIdRef?: string;
}

export interface MonitorStatement extends StatementBase {
  kind: 'monitor';
  rsc: string;
  role?: string;
  interval: string;
  timeout?: string;
}

export interface GroupStatement extends StatementBase {
  kind: 'group';
  id: string;
  children: string[];
  description?: string;
  sets: NvSet[];
}

export interface CloneStatement extends StatementBase {
  kind: 'clone' | 'ms';
  /** how it was written: `clone`, `ms` or `master` */
  keyword: 'clone' | 'ms' | 'master';
  id: string;
  child: string;
  description?: string;
  sets: NvSet[];
}

export interface BundleStatement extends StatementBase {
  kind: 'bundle';
  id: string;
  description?: string;
  /** docker | podman | rkt, and its options */
  container?: { type: string; options: NvPair[] };
  network?: { options: NvPair[]; portMappings: NvPair[][] };
  /** one entry per `storage-mapping` */
  storage: NvPair[][];
  primitive?: string;
  sets: NvSet[];
}

export type LocationTarget =
  | { kind: 'rsc'; id: string; loc: Loc }
  | { kind: 'pattern'; regex: string; loc: Loc }
  | { kind: 'sets'; items: ConstraintItem[]; loc: Loc };

export interface LocationStatement extends StatementBase {
  kind: 'location';
  id: string;
  target: LocationTarget;
  /** role=, resource-discovery= */
  options: NvPair[];
  /** `score: node` form */
  score?: string;
  node?: string;
  rules: Rule[];
}

export interface ColocationStatement extends StatementBase {
  kind: 'colocation';
  /** `colocation` or the old spelling `collocation` */
  id: string;
  score: string;
  items: ConstraintItem[];
  /** node-attribute= */
  options: NvPair[];
}

export interface OrderStatement extends StatementBase {
  kind: 'order';
  id: string;
  /** Mandatory | Optional | Serialize | a score; absent when no `x:` was written */
  score?: string;
  items: ConstraintItem[];
  /** symmetrical= */
  options: NvPair[];
}

export interface TicketStatement extends StatementBase {
  kind: 'rsc_ticket';
  id: string;
  ticket: string;
  items: ConstraintItem[];
  /** loss-policy= */
  options: NvPair[];
}

export interface PropertyStatement extends StatementBase {
  kind: 'property' | 'rsc_defaults' | 'op_defaults';
  /** `name:` or `$id=name` */
  setId?: string;
  idRef?: string;
  score?: string;
  rules: Rule[];
  pairs: NvPair[];
}

export type FencingTarget =
  | { kind: 'node'; node: string }
  | { kind: 'attribute'; name: string; value: string }
  | { kind: 'pattern'; regex: string };

export interface FencingTopologyStatement extends StatementBase {
  kind: 'fencing_topology';
  /** target null: the levels apply to every node (crmsh expands them per node). */
  entries: { target: FencingTarget | null; levels: string[][]; loc: Loc }[];
}

export interface TagStatement extends StatementBase {
  kind: 'tag';
  id: string;
  refs: string[];
}

export interface AclRule {
  right: 'read' | 'write' | 'deny';
  xpath?: string;
  tag?: string;
  ref?: string;
  attribute?: string;
  /** a crmsh shortcut as written (`meta:rsc:attr`, `params:rsc`, `location:rsc`, `property`, `status`, ...),
   *  which the encoder expands to an xpath (added by grammar/). */
  shortcut?: string;
  loc: Loc;
}

export interface UserStatement extends StatementBase {
  kind: 'user';
  id: string;
  roles: string[];
  rules: AclRule[];
}

export interface RoleStatement extends StatementBase {
  kind: 'role';
  id: string;
  rules: AclRule[];
}

export interface AclTargetStatement extends StatementBase {
  kind: 'acl_target' | 'acl_group';
  id: string;
  roles: string[];
}

export interface AlertRecipient {
  value: string;
  id?: string;
  description?: string;
  sets: NvSet[];
  loc: Loc;
}

export interface AlertStatement extends StatementBase {
  kind: 'alert';
  id: string;
  path: string;
  description?: string;
  sets: NvSet[];
  /** `select nodes fencing resources attributes { a b }` */
  select?: { kinds: string[]; attributes?: string[]; loc?: Loc };
  recipients: AlertRecipient[];
}

export interface SchemaStatement extends StatementBase {
  kind: 'schema';
  name: string;
}

export interface XmlStatement extends StatementBase {
  kind: 'xml';
  /** the raw XML text as written after `xml` */
  xml: string;
}

export type Statement =
  | NodeStatement
  | PrimitiveStatement
  | MonitorStatement
  | GroupStatement
  | CloneStatement
  | BundleStatement
  | LocationStatement
  | ColocationStatement
  | OrderStatement
  | TicketStatement
  | PropertyStatement
  | FencingTopologyStatement
  | TagStatement
  | UserStatement
  | RoleStatement
  | AclTargetStatement
  | AlertStatement
  | SchemaStatement
  | XmlStatement;

export type StatementKind = Statement['kind'];
