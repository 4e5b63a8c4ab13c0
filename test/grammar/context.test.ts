/** Completion contexts, with `<|>` marking the cursor (Langium-style). */
import { describe, expect, it } from 'vitest';
import { completionContext } from '../../grammar/context.js';

function at(marked: string) {
  const cursor = marked.indexOf('<|>');
  if (cursor < 0) throw new Error('no <|> cursor marker');
  return completionContext(marked.replace('<|>', ''), cursor);
}

describe('completionContext', () => {
  it('statement keywords at the start of a line', () => {
    expect(at('<|>').context.kind).toBe('statementKeyword');
    expect(at('prim<|>')).toMatchObject({ context: { kind: 'statementKeyword' }, prefix: 'prim', replaceFrom: 0 });
    expect(at('property a=1\npr<|>')).toMatchObject({ context: { kind: 'statementKeyword' }, prefix: 'pr', replaceFrom: 13 });
  });

  it('primitive: id, agent, params from the agent, ops, values', () => {
    expect(at('primitive <|>').context).toEqual({ kind: 'newId', statement: 'primitive' });
    expect(at('primitive p1 ocf:heart<|>')).toMatchObject({ context: { kind: 'agent' }, prefix: 'ocf:heart' });
    const agent = { class: 'ocf', provider: 'heartbeat', type: 'IPaddr2' };
    expect(at('primitive p1 ocf:heartbeat:IPaddr2 <|>').context).toMatchObject({ kind: 'attrName', set: 'params', agent });
    expect(at('primitive p1 ocf:heartbeat:IPaddr2 params i<|>')).toMatchObject({ context: { kind: 'attrName', set: 'params', agent }, prefix: 'i' });
    expect(at('primitive p1 ocf:heartbeat:IPaddr2 params ip=<|>').context).toMatchObject({ kind: 'attrValue', set: 'params', name: 'ip', agent });
    expect(at('primitive p1 IPaddr2 params ip=1.2.3.4 meta <|>').context).toMatchObject({ kind: 'attrName', set: 'meta' });
    expect(at('primitive p1 IPaddr2 op <|>').context).toEqual({ kind: 'opName', agent: { type: 'IPaddr2' } });
    expect(at('primitive p1 IPaddr2 op monitor inter<|>').context).toMatchObject({ kind: 'attrName', set: 'op' });
    expect(at('primitive p1 IPaddr2 \\\n  op monitor interval=10s \\\n  op_meta <|>').context).toMatchObject({ kind: 'attrName', set: 'op_meta' });
    expect(at('primitive p1 IPaddr2 params rule <|>').context.kind).toBe('ruleExpression');
  });

  it('containers: members and children are resources', () => {
    expect(at('group g1 <|>').context).toMatchObject({ kind: 'resourceId', statement: 'group' });
    expect(at('group g1 a b<|>')).toMatchObject({ context: { kind: 'resourceId' }, prefix: 'b' });
    expect(at('group g1 a meta <|>').context).toMatchObject({ kind: 'attrName', set: 'meta' });
    expect(at('ms m1 <|>').context).toMatchObject({ kind: 'resourceId', statement: 'ms' });
    expect(at('clone c1 p1 <|>').context).toMatchObject({ kind: 'keyword' });
  });

  it('constraints: resources, scores, nodes, roles and actions', () => {
    expect(at('location l1 <|>').context).toMatchObject({ kind: 'resourceId', statement: 'location' });
    expect(at('location l1 web <|>').context).toEqual({ kind: 'score', statement: 'location' });
    expect(at('location l1 web 100: <|>').context).toEqual({ kind: 'nodeName' });
    expect(at('location l1 web 100: no<|>')).toMatchObject({ context: { kind: 'nodeName' }, prefix: 'no' });
    expect(at('location l1 web rule 100: #uname eq <|>').context.kind).toBe('ruleExpression');
    expect(at('colocation c1 <|>').context).toEqual({ kind: 'score', statement: 'colocation' });
    expect(at('colocation c1 inf: a <|>').context).toMatchObject({ kind: 'resourceId', statement: 'colocation' });
    expect(at('colocation c1 inf: a ms1:<|>').context).toMatchObject({ kind: 'resourceId', suffix: 'role' });
    expect(at('order o1 Mandatory: a:<|>').context).toMatchObject({ kind: 'resourceId', suffix: 'action' });
  });

  it('properties, nodes, and what it cannot help with', () => {
    expect(at('property stonith-<|>')).toMatchObject({ context: { kind: 'attrName', set: 'property' }, prefix: 'stonith-' });
    expect(at('property stonith-enabled=<|>').context).toEqual({ kind: 'attrValue', set: 'property', name: 'stonith-enabled' });
    expect(at('rsc_defaults <|>').context).toMatchObject({ kind: 'attrName', set: 'rsc_defaults' });
    expect(at('node <|>').context).toEqual({ kind: 'nodeName' });
    expect(at('node n1 attributes <|>').context).toMatchObject({ kind: 'attrName', set: 'attributes' });
    expect(at('schema <|>').context).toEqual({ kind: 'none' });
  });
});
