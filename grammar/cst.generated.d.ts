// Generated from grammar/parser.ts by grammar/cst-dts.ts: do not edit.
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface StatementCstNode extends CstNode {
  name: "statement";
  children: StatementCstChildren;
}

export type StatementCstChildren = {
  nodeStmt?: NodeStmtCstNode[];
  primitiveStmt?: PrimitiveStmtCstNode[];
  monitorStmt?: MonitorStmtCstNode[];
  groupStmt?: GroupStmtCstNode[];
  cloneStmt?: CloneStmtCstNode[];
  bundleStmt?: BundleStmtCstNode[];
  locationStmt?: LocationStmtCstNode[];
  colocationStmt?: ColocationStmtCstNode[];
  orderStmt?: OrderStmtCstNode[];
  ticketStmt?: TicketStmtCstNode[];
  propertyStmt?: PropertyStmtCstNode[];
  fencingStmt?: FencingStmtCstNode[];
  tagStmt?: TagStmtCstNode[];
  userStmt?: UserStmtCstNode[];
  roleStmt?: RoleStmtCstNode[];
  aclTargetStmt?: AclTargetStmtCstNode[];
  alertStmt?: AlertStmtCstNode[];
  schemaStmt?: SchemaStmtCstNode[];
};

export interface SetBodyCstNode extends CstNode {
  name: "setBody";
  children: SetBodyCstChildren;
}

export type SetBodyCstChildren = {
  rule?: RuleCstNode[];
  NvPair?: IToken[];
  Score?: IToken[];
  Word?: IToken[];
};

export interface SetClauseCstNode extends CstNode {
  name: "setClause";
  children: SetClauseCstChildren;
}

export type SetClauseCstChildren = {
  SetKeyword: IToken[];
  setBody: SetBodyCstNode[];
};

export interface RuleCstNode extends CstNode {
  name: "rule";
  children: RuleCstChildren;
}

export type RuleCstChildren = {
  RuleKw: IToken[];
  NvPair?: IToken[];
  Score?: IToken[];
  expression?: ExpressionCstNode[];
};

export interface ExpressionCstNode extends CstNode {
  name: "expression";
  children: ExpressionCstChildren;
}

export type ExpressionCstChildren = {
  simpleExp: (SimpleExpCstNode)[];
  BoolOp?: IToken[];
};

export interface SimpleExpCstNode extends CstNode {
  name: "simpleExp";
  children: SimpleExpCstChildren;
}

export type SimpleExpCstChildren = {
  DateKw?: IToken[];
  dateExp?: DateExpCstNode[];
  UnaryOp?: IToken[];
  attribute?: (IToken)[];
  op?: IToken[];
  value?: IToken[];
};

export interface DateExpCstNode extends CstNode {
  name: "dateExp";
  children: DateExpCstChildren;
}

export type DateExpCstChildren = {
  dateOp?: (IToken)[];
  datePair?: (IToken)[];
  dateValue?: IToken[];
};

export interface PrimitiveStmtCstNode extends CstNode {
  name: "primitiveStmt";
  children: PrimitiveStmtCstChildren;
}

export type PrimitiveStmtCstChildren = {
  PrimitiveKw?: IToken[];
  RscTemplateKw?: IToken[];
  id: IToken[];
  agent: IToken[];
  primitiveClause?: PrimitiveClauseCstNode[];
};

export interface PrimitiveClauseCstNode extends CstNode {
  name: "primitiveClause";
  children: PrimitiveClauseCstChildren;
}

export type PrimitiveClauseCstChildren = {
  setClause?: SetClauseCstNode[];
  opClause?: OpClauseCstNode[];
  operationsClause?: OperationsClauseCstNode[];
  looseSet?: LooseSetCstNode[];
};

export interface LooseSetCstNode extends CstNode {
  name: "looseSet";
  children: LooseSetCstChildren;
}

export type LooseSetCstChildren = {
  rule?: RuleCstNode[];
  NvPair?: IToken[];
  Score?: IToken[];
  Word?: IToken[];
};

export interface OpClauseCstNode extends CstNode {
  name: "opClause";
  children: OpClauseCstChildren;
}

export type OpClauseCstChildren = {
  OpKw: IToken[];
  action: IToken[];
  NvPair?: IToken[];
  OpParamsKw?: IToken[];
  OpMetaKw?: IToken[];
  setBody?: SetBodyCstNode[];
};

export interface OperationsClauseCstNode extends CstNode {
  name: "operationsClause";
  children: OperationsClauseCstChildren;
}

export type OperationsClauseCstChildren = {
  OperationsKw: IToken[];
  NvPair: IToken[];
};

export interface MonitorStmtCstNode extends CstNode {
  name: "monitorStmt";
  children: MonitorStmtCstChildren;
}

export type MonitorStmtCstChildren = {
  MonitorKw: IToken[];
  rsc: IToken[];
  interval: IToken[];
};

export interface GroupStmtCstNode extends CstNode {
  name: "groupStmt";
  children: GroupStmtCstChildren;
}

export type GroupStmtCstChildren = {
  GroupKw: IToken[];
  id: IToken[];
  member: IToken[];
  containerClause?: ContainerClauseCstNode[];
};

export interface ContainerClauseCstNode extends CstNode {
  name: "containerClause";
  children: ContainerClauseCstChildren;
}

export type ContainerClauseCstChildren = {
  setClause?: SetClauseCstNode[];
  looseSet?: LooseSetCstNode[];
};

export interface CloneStmtCstNode extends CstNode {
  name: "cloneStmt";
  children: CloneStmtCstChildren;
}

export type CloneStmtCstChildren = {
  CloneKw?: IToken[];
  MsKw?: IToken[];
  MasterKw?: IToken[];
  id: IToken[];
  child: IToken[];
  containerClause?: ContainerClauseCstNode[];
};

export interface NodeStmtCstNode extends CstNode {
  name: "nodeStmt";
  children: NodeStmtCstChildren;
}

export type NodeStmtCstChildren = {
  NodeKw: IToken[];
  idPair?: IToken[];
  uname?: (IToken)[];
  nodeId?: IToken[];
  containerClause?: ContainerClauseCstNode[];
};

export interface BundleStmtCstNode extends CstNode {
  name: "bundleStmt";
  children: BundleStmtCstChildren;
}

export type BundleStmtCstChildren = {
  BundleKw: IToken[];
  id: IToken[];
  bundleClause?: BundleClauseCstNode[];
};

export interface BundleClauseCstNode extends CstNode {
  name: "bundleClause";
  children: BundleClauseCstChildren;
}

export type BundleClauseCstChildren = {
  ContainerKeyword?: IToken[];
  NvPair?: (IToken)[];
  NetworkKw?: IToken[];
  PortMappingKw?: IToken[];
  StorageKw?: IToken[];
  StorageMappingKw?: IToken[];
  PrimitiveKw?: IToken[];
  primitive?: IToken[];
  setClause?: SetClauseCstNode[];
  loose?: IToken[];
};

export interface LocationStmtCstNode extends CstNode {
  name: "locationStmt";
  children: LocationStmtCstChildren;
}

export type LocationStmtCstChildren = {
  LocationKw: IToken[];
  id: IToken[];
  rsc?: IToken[];
  LCurly?: IToken[];
  constraintItem?: ConstraintItemCstNode[];
  RCurly?: IToken[];
  option?: IToken[];
  Score?: IToken[];
  node?: IToken[];
  rule?: RuleCstNode[];
};

export interface ConstraintItemCstNode extends CstNode {
  name: "constraintItem";
  children: ConstraintItemCstChildren;
}

export type ConstraintItemCstChildren = {
  rsc?: IToken[];
  option?: IToken[];
  resourceSet?: ResourceSetCstNode[];
};

export interface ResourceSetCstNode extends CstNode {
  name: "resourceSet";
  children: ResourceSetCstChildren;
}

export type ResourceSetCstChildren = {
  LParen?: IToken[];
  setMember?: (SetMemberCstNode)[];
  RParen?: IToken[];
  LBracket?: IToken[];
  RBracket?: IToken[];
};

export interface SetMemberCstNode extends CstNode {
  name: "setMember";
  children: SetMemberCstChildren;
}

export type SetMemberCstChildren = {
  rsc?: IToken[];
  option?: IToken[];
};

export interface ColocationStmtCstNode extends CstNode {
  name: "colocationStmt";
  children: ColocationStmtCstChildren;
}

export type ColocationStmtCstChildren = {
  ColocationKw?: IToken[];
  CollocationKw?: IToken[];
  id: IToken[];
  Score: IToken[];
  constraintItem: ConstraintItemCstNode[];
};

export interface OrderStmtCstNode extends CstNode {
  name: "orderStmt";
  children: OrderStmtCstChildren;
}

export type OrderStmtCstChildren = {
  OrderKw: IToken[];
  id: IToken[];
  Score?: IToken[];
  constraintItem: ConstraintItemCstNode[];
};

export interface TicketStmtCstNode extends CstNode {
  name: "ticketStmt";
  children: TicketStmtCstChildren;
}

export type TicketStmtCstChildren = {
  RscTicketKw: IToken[];
  id: IToken[];
  Score: IToken[];
  constraintItem: ConstraintItemCstNode[];
};

export interface PropertyStmtCstNode extends CstNode {
  name: "propertyStmt";
  children: PropertyStmtCstChildren;
}

export type PropertyStmtCstChildren = {
  PropertyKw?: IToken[];
  RscDefaultsKw?: IToken[];
  OpDefaultsKw?: IToken[];
  setBody: SetBodyCstNode[];
};

export interface FencingStmtCstNode extends CstNode {
  name: "fencingStmt";
  children: FencingStmtCstChildren;
}

export type FencingStmtCstChildren = {
  FencingTopologyKw: IToken[];
  target?: IToken[];
  attrTarget?: IToken[];
  device?: IToken[];
};

export interface TagStmtCstNode extends CstNode {
  name: "tagStmt";
  children: TagStmtCstChildren;
}

export type TagStmtCstChildren = {
  TagKw: IToken[];
  id?: (IToken)[];
  ref: IToken[];
};

export interface AclRuleCstNode extends CstNode {
  name: "aclRule";
  children: AclRuleCstChildren;
}

export type AclRuleCstChildren = {
  AclRight: IToken[];
  spec?: (IToken)[];
};

export interface UserStmtCstNode extends CstNode {
  name: "userStmt";
  children: UserStmtCstChildren;
}

export type UserStmtCstChildren = {
  UserKw: IToken[];
  id: IToken[];
  aclRule?: AclRuleCstNode[];
  role?: IToken[];
};

export interface RoleStmtCstNode extends CstNode {
  name: "roleStmt";
  children: RoleStmtCstChildren;
}

export type RoleStmtCstChildren = {
  RoleKw: IToken[];
  id: IToken[];
  aclRule?: AclRuleCstNode[];
  option?: IToken[];
};

export interface AclTargetStmtCstNode extends CstNode {
  name: "aclTargetStmt";
  children: AclTargetStmtCstChildren;
}

export type AclTargetStmtCstChildren = {
  AclTargetKw?: IToken[];
  AclGroupKw?: IToken[];
  id: IToken[];
  role?: IToken[];
};

export interface AlertStmtCstNode extends CstNode {
  name: "alertStmt";
  children: AlertStmtCstChildren;
}

export type AlertStmtCstChildren = {
  AlertKw: IToken[];
  id: IToken[];
  path: IToken[];
  selectClause?: SelectClauseCstNode[];
  recipient?: RecipientCstNode[];
  containerClause?: ContainerClauseCstNode[];
};

export interface SelectClauseCstNode extends CstNode {
  name: "selectClause";
  children: SelectClauseCstChildren;
}

export type SelectClauseCstChildren = {
  SelectKw: IToken[];
  AttributesKw?: IToken[];
  LCurly?: IToken[];
  attribute?: IToken[];
  RCurly?: IToken[];
  kind?: IToken[];
};

export interface RecipientCstNode extends CstNode {
  name: "recipient";
  children: RecipientCstChildren;
}

export type RecipientCstChildren = {
  ToKw: IToken[];
  LCurly?: IToken[];
  value?: (IToken)[];
  containerClause?: (ContainerClauseCstNode)[];
  RCurly?: IToken[];
};

export interface SchemaStmtCstNode extends CstNode {
  name: "schemaStmt";
  children: SchemaStmtCstChildren;
}

export type SchemaStmtCstChildren = {
  SchemaKw: IToken[];
  name: IToken[];
};

export interface ICstNodeVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  statement(children: StatementCstChildren, param?: IN): OUT;
  setBody(children: SetBodyCstChildren, param?: IN): OUT;
  setClause(children: SetClauseCstChildren, param?: IN): OUT;
  rule(children: RuleCstChildren, param?: IN): OUT;
  expression(children: ExpressionCstChildren, param?: IN): OUT;
  simpleExp(children: SimpleExpCstChildren, param?: IN): OUT;
  dateExp(children: DateExpCstChildren, param?: IN): OUT;
  primitiveStmt(children: PrimitiveStmtCstChildren, param?: IN): OUT;
  primitiveClause(children: PrimitiveClauseCstChildren, param?: IN): OUT;
  looseSet(children: LooseSetCstChildren, param?: IN): OUT;
  opClause(children: OpClauseCstChildren, param?: IN): OUT;
  operationsClause(children: OperationsClauseCstChildren, param?: IN): OUT;
  monitorStmt(children: MonitorStmtCstChildren, param?: IN): OUT;
  groupStmt(children: GroupStmtCstChildren, param?: IN): OUT;
  containerClause(children: ContainerClauseCstChildren, param?: IN): OUT;
  cloneStmt(children: CloneStmtCstChildren, param?: IN): OUT;
  nodeStmt(children: NodeStmtCstChildren, param?: IN): OUT;
  bundleStmt(children: BundleStmtCstChildren, param?: IN): OUT;
  bundleClause(children: BundleClauseCstChildren, param?: IN): OUT;
  locationStmt(children: LocationStmtCstChildren, param?: IN): OUT;
  constraintItem(children: ConstraintItemCstChildren, param?: IN): OUT;
  resourceSet(children: ResourceSetCstChildren, param?: IN): OUT;
  setMember(children: SetMemberCstChildren, param?: IN): OUT;
  colocationStmt(children: ColocationStmtCstChildren, param?: IN): OUT;
  orderStmt(children: OrderStmtCstChildren, param?: IN): OUT;
  ticketStmt(children: TicketStmtCstChildren, param?: IN): OUT;
  propertyStmt(children: PropertyStmtCstChildren, param?: IN): OUT;
  fencingStmt(children: FencingStmtCstChildren, param?: IN): OUT;
  tagStmt(children: TagStmtCstChildren, param?: IN): OUT;
  aclRule(children: AclRuleCstChildren, param?: IN): OUT;
  userStmt(children: UserStmtCstChildren, param?: IN): OUT;
  roleStmt(children: RoleStmtCstChildren, param?: IN): OUT;
  aclTargetStmt(children: AclTargetStmtCstChildren, param?: IN): OUT;
  alertStmt(children: AlertStmtCstChildren, param?: IN): OUT;
  selectClause(children: SelectClauseCstChildren, param?: IN): OUT;
  recipient(children: RecipientCstChildren, param?: IN): OUT;
  schemaStmt(children: SchemaStmtCstChildren, param?: IN): OUT;
}
