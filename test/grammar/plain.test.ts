/**
 * grammar/plain.ts reads plain statements without the chevrotain parser; it
 * must give exactly what the parser and visitor give. Every input the tests
 * have is parsed both ways (`plain: false` sends every statement through the
 * parser) and the results compared whole: statements with their locations,
 * key order included (golden ast.json files depend on it), and diagnostics.
 * Inputs: the golden cases, the seed files, generated configurations (every
 * feature, mutated ones too), the benchmark's input, `show` of every corpus
 * CIB, and lines written here to sit just inside and just outside the plain
 * shapes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigure } from '../../grammar/index.js';
import { parseConfigureLazily } from '../../grammar/lazy.js';
import { readPlainStatement } from '../../grammar/plain.js';
import * as T from '../../grammar/tokens.js';
import { showConfiguration } from '../../src/cib/show.js';
import { parseXml } from '../../src/cib/xml.js';
import { ALL_FEATURES, generateBenchConfig, generateConfig, mutateConfig } from '../gen/generate.js';

const here = import.meta.dirname;
const SEEDS = join(here, '../../../shared/seeds');
const CORPUS = join(here, '../../../shared/corpus/pacemaker-2.1.5-scheduler/xml');

async function expectSameBothWays(text: string, what: string): Promise<void> {
  const fast = parseConfigure(text);
  const slow = parseConfigure(text, { plain: false });
  // a string comparison first: it also catches a different key order
  expect(JSON.stringify(fast), what).toBe(JSON.stringify(slow));
  expect(fast, what).toStrictEqual(slow);
  // the shell's entry (plain.ts alone, the parser only when needed) gives the same too
  const lazy = await parseConfigureLazily(text);
  expect(JSON.stringify(lazy), what).toBe(JSON.stringify(slow));
}

/** Statements of `text` as token lists (what parseConfigure hands each statement). */
function statementTokens(text: string): T.LexResult['tokens'][] {
  const out: T.LexResult['tokens'][] = [[]];
  for (const t of T.tokenize(text).tokens) {
    if (t.tokenType === T.Newline) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((g) => g.length > 0);
}

/** Lines just inside and just outside the plain shapes. */
const EDGES = `
primitive p1 ocf:heartbeat:IPaddr2 params ip=10.0.0.1 cidr_netmask=24 op monitor interval=10s
primitive p2 Dummy
primitive p3 stonith:fence_xvm params pcmk_host_list="n1 n2" meta target-role=Stopped
primitive p4 Dummy state=/tmp/x description="a dummy" op start timeout=20s op stop timeout=20s
primitive p5 Dummy description=only
primitive p6 Dummy $id=p6-set a=1 meta $id=p6-meta b=2 $id=late
primitive p7 Dummy params $id-ref=other
primitive p8 Dummy meta op monitor interval=10s
primitive p9 Dummy op monitor interval=10s op_params depth=0
primitive p10 Dummy op montor interval=10s
primitive p11 Dummy op custom-action interval=10s
primitive p12 Dummy params a=1 bare
primitive p13 Dummy params a=1 rule 100: #uname eq n1
primitive p14 @tmpl params a=1
rsc_template t1 ocf:pacemaker:Dummy params a=1
rsc_template t2 @tmpl
primitive op Dummy
primitive p15 Dummy utilization cpu=2 attributes x=1 op monitor role=Promoted interval=11s $id=m1
primitive p16 Dummy params 'q=1' "r s"=2 t="u\\"v"
primitive p17 Dummy \\
\tparams a=1 \\
\top monitor interval=10s
primitive p18 Dummy operations $id=ops1
primitive p19 Dummy params a=1 params b=2 op start
group g1 p1 p2 meta target-role=Started
group g2 p1 p2 description="two" params x=1
group g3 meta a=1
group g4 p1 op
group g5 p1 p2 meta
clone c1 p1 meta interleave=true
ms ms1 p1 meta promoted-max=1 notify=true
master m1 p1 params a=1
clone c2 p1 description=d meta a=1
clone c3 p1 rule
location l1 p1 100: n1
location l2 p1 role=Started -inf: n2
location l3 /pre.*/ inf: n1
location l4 p1 rule 100: #uname eq n1
location l5 { p1 p2 } 100: n1
location l6 p1 100 n1
location l7 p1 100: n1 extra
location l8 p1 100: node
colocation c1 inf: p1 p2
colocation c2 -100: p1:Promoted p2:Started node-attribute=rack
collocation c3 inf: p1 p2
colocation c4 inf: p1
colocation c5 inf: p1 ( p2 p3 )
colocation c6 inf p1 p2
order o1 Mandatory: p1 p2
order o2 Optional: p1:start p2:promote symmetrical=false
order o3 p1 p2
order o4 Mandatory p1 p2
order o5 100: p1 [ p2 p3 ]
order o6 inf: p1
property stonith-enabled=false no-quorum-policy=ignore
property cib-bootstrap-options: stonith-enabled=false
property $id=cib-bootstrap-options stonith-enabled=false
property $id=x named: a=1
property named: $id=x a=1
property
property named:
property a=1 b
rsc_defaults resource-stickiness=100
op_defaults timeout=60s
rsc_defaults rsc-options: rule 10: #uname eq n1 a=1
node n1
node n2:ping
node n3 attributes standby=off utilization cpu=4
node n4 description="rack 4" a=1
node $id=1 n5
node 2: n6
node n7 attributes
node node
`;

describe('plain statements read without the parser', () => {
  it('give the same AST as the parser on the edge lines', async () => {
    for (const line of EDGES.split('\n')) await expectSameBothWays(line, line);
    await expectSameBothWays(EDGES, 'all edge lines at once');
  });

  it('cover the common shapes (so the fast path is really taken)', async () => {
    const plainLines = [
      'primitive p1 ocf:heartbeat:IPaddr2 params ip=10.0.0.1 op monitor interval=10s',
      'group g1 p1 p2 meta target-role=Started',
      'clone c1 p1 meta interleave=true',
      'location l1 p1 100: n1',
      'colocation c1 inf: p1 p2',
      'order o1 Mandatory: p1 p2',
      'property stonith-enabled=false',
      'node n3 attributes standby=off',
    ];
    for (const line of plainLines) expect(readPlainStatement(statementTokens(line)[0]!), line).toBeDefined();
    const notPlain = ['location l4 p1 rule 100: #uname eq n1', 'colocation c5 inf: p1 ( p2 p3 )', 'primitive p10 Dummy op montor interval=10s', 'primitive op Dummy'];
    for (const line of notPlain) expect(readPlainStatement(statementTokens(line)[0]!), line).toBeUndefined();
    const bench = statementTokens(generateBenchConfig(50));
    expect(bench.every((tokens) => readPlainStatement(tokens) !== undefined)).toBe(true);
  });

  it('give the same AST as the parser on every golden case', async () => {
    const root = join(here, 'golden');
    const dirs = readdirSync(root).filter((d) => existsSync(join(root, d, 'input.crm')));
    expect(dirs.length).toBeGreaterThanOrEqual(40);
    for (const d of dirs) await expectSameBothWays(readFileSync(join(root, d, 'input.crm'), 'utf8'), d);
  });

  it('give the same AST as the parser on generated configurations', async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const text = generateConfig({ seed, resources: 12, constraints: 12, features: ALL_FEATURES });
      await expectSameBothWays(text, `generated seed ${seed}`);
      await expectSameBothWays(mutateConfig(text, seed), `mutated seed ${seed}`);
    }
    await expectSameBothWays(generateBenchConfig(300), 'bench config');
  });

  it.runIf(existsSync(SEEDS))('give the same AST as the parser on the seed files', async () => {
    const files = readdirSync(SEEDS).filter((f) => /\.(crm|session)$/.test(f));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) await expectSameBothWays(readFileSync(join(SEEDS, f), 'utf8'), f);
  });

  it.runIf(existsSync(CORPUS))('give the same AST as the parser on show of every corpus CIB', async () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(500);
    let compared = 0;
    for (const f of files) {
      let text: string;
      try {
        text = showConfiguration(parseXml(readFileSync(join(CORPUS, f), 'utf8')));
      } catch {
        continue; // not a CIB this project reads (the round-trip test accounts for those)
      }
      await expectSameBothWays(text, f);
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
  });
});
