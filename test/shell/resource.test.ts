/**
 * The `resource` level: the argv builders and plans of
 * src/pacemaker/resource.ts, and the built CLI on real CIB files with the
 * real Pacemaker tools — `--dry-run` prints the calls and changes nothing,
 * the real runs change the file as crmsh 4.4 does (crmsh run side by side on
 * a copy), and a misspelled resource gets the closest id.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionArgv } from '../../src/pacemaker/actions.js';
import * as R from '../../src/pacemaker/resource.js';
import { child, parseXml, type XmlElement } from '../../src/cib/xml.js';
import { parseHistoryArgs, parsePlacement } from '../../src/shell/levels/resource-commands.js';
import { RESOURCE_LEVEL } from '../../src/shell/levels/resource.js';
import { resolveLine } from '../../src/shell/resolve.js';
import { quoteWords, splitWords } from '../../src/shell/words.js';
import { findCrm, stripAnsi } from '../differential/crmsh-runner.js';
import { emptyCibFile, read, runHash } from '../cli/run-hash.js';

const DUMMY = 'class="ocf" provider="pacemaker" type="Dummy"';
const meta = (id: string, pairs: Record<string, string>): string =>
  `<meta_attributes id="${id}">${Object.entries(pairs)
    .map(([n, v]) => `<nvpair id="${id}-${n}" name="${n}" value="${v}"/>`)
    .join('')}</meta_attributes>`;

/** Every shape crmsh's start/stop rules care about. */
const RESOURCES = `<resources>
  <primitive id="d1" ${DUMMY}><operations><op id="d1-monitor-10s" name="monitor" interval="10s"/></operations></primitive>
  <group id="g1"><primitive id="d2" ${DUMMY}/><primitive id="d3" ${DUMMY}/></group>
  <clone id="cl1"><primitive id="c1" ${DUMMY}>${meta('c1-meta_attributes', { 'target-role': 'Started' })}</primitive></clone>
  <clone id="ms1">${meta('ms1-meta_attributes', { promotable: 'true' })}<primitive id="s1" class="ocf" provider="pacemaker" type="Stateful"/></clone>
  <group id="g2">${meta('g2-meta_attributes', { 'is-managed': 'true' })}
    <primitive id="m1" ${DUMMY}>${meta('m1-meta_attributes', { 'target-role': 'Started', maintenance: 'true' })}</primitive>
    <primitive id="m2" ${DUMMY}>${meta('m2-meta_attributes', { 'is-managed': 'false' })}</primitive>
  </group>
  <clone id="cgc"><group id="cg">${meta('cg-meta_attributes', { 'target-role': 'Started' })}
    <primitive id="gm" ${DUMMY}/><primitive id="gm2" ${DUMMY}>${meta('gm2-meta_attributes', { 'target-role': 'Stopped' })}</primitive>
  </group></clone>
  <primitive id="two" ${DUMMY}>${meta('two-meta_attributes', { a: '1', 'target-role': 'Started' })}${meta('two-meta_attributes-0', { b: '2' })}</primitive>
</resources>`;
const TAGS = '<tags><tag id="t1"><obj_ref id="d1"/><obj_ref id="two"/></tag></tags>';
const NODES = '<nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>';

let fixture: string;

/** A CIB file with the resources above, written by the real cibadmin. */
function makeFixture(): string {
  const cib = emptyCibFile();
  const env: NodeJS.ProcessEnv = { ...process.env, CIB_file: cib.path };
  delete env.CIB_shadow;
  for (const [scope, xml] of [
    ['nodes', NODES],
    ['resources', RESOURCES],
  ] as const) {
    const r = spawnSync('cibadmin', ['--replace', '--scope', scope, '--xml-text', xml], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cibadmin --replace ${scope}: ${r.stderr}`);
  }
  const t = spawnSync('cibadmin', ['--create', '--scope', 'configuration', '--xml-text', TAGS], { env, encoding: 'utf8' });
  if (t.status !== 0) throw new Error(`cibadmin --create tags: ${t.stderr}`);
  const p = spawnSync('crm_attribute', ['--type', 'crm_config', '--name', 'stonith-enabled', '--update', 'false'], { env, encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`crm_attribute: ${p.stderr}`);
  return cib.path;
}

/** A private copy of the fixture. */
function copy(): { path: string; env: Record<string, string | undefined> } {
  const dir = mkdtempSync(join(tmpdir(), 'hash-rsc-'));
  const path = join(dir, 'cib.xml');
  copyFileSync(fixture, path);
  return { path, env: { CIB_file: path, CIB_shadow: undefined } };
}

beforeAll(() => {
  fixture = makeFixture();
});

// ---------------------------------------------------------------- pure parts

describe('argv builders', () => {
  it('agree with the status view actions where both exist', () => {
    expect(R.attrSetArgv('meta', 'web', 'target-role', 'Stopped')).toEqual(actionArgv({ kind: 'resource-stop', resource: 'web' }));
    expect(R.attrSetArgv('meta', 'web', 'target-role', 'Started')).toEqual(actionArgv({ kind: 'resource-start', resource: 'web' }));
    expect(R.attrSetArgv('meta', 'web', 'maintenance', 'true')).toEqual(actionArgv({ kind: 'resource-maintenance', resource: 'web', on: true }));
    expect(R.moveArgv('web', { node: 'n2' })).toEqual(actionArgv({ kind: 'resource-move', resource: 'web', node: 'n2' }));
    expect(R.banArgv('web', { node: 'n1' })).toEqual(actionArgv({ kind: 'resource-ban', resource: 'web', node: 'n1' }));
    expect(R.clearArgv('web')).toEqual(actionArgv({ kind: 'resource-clear', resource: 'web' }));
    expect(R.cleanupArgv({ rsc: 'web', node: 'n1' })).toEqual(actionArgv({ kind: 'resource-cleanup', resource: 'web', node: 'n1' }));
  });

  it('build the options crmsh passes', () => {
    expect(R.moveArgv('web', { node: 'n2', lifetime: 'PT1H', force: true })).toEqual(['crm_resource', '--move', '--resource', 'web', '--node', 'n2', '--lifetime', 'PT1H', '--force']);
    expect(R.banArgv('web')).toEqual(['crm_resource', '--ban', '--resource', 'web']);
    expect(R.clearArgv('web', 'n1')).toEqual(['crm_resource', '--clear', '--resource', 'web', '--node', 'n1']);
    expect(R.refreshArgv({ force: true })).toEqual(['crm_resource', '--refresh', '--force']);
    expect(R.attrGetArgv('utilization', 'vm', 'memory')).toEqual(['crm_resource', '--resource', 'vm', '--utilization', '--get-parameter', 'memory']);
    expect(R.attrDeleteArgv('param', 'ip', 'nic', { setName: 'ip-instance_attributes', force: true })).toEqual([
      'crm_resource', '--resource', 'ip', '--delete-parameter', 'nic', '--set-name', 'ip-instance_attributes', '--force',
    ]);
    expect(R.operationsArgv('web', 'n1')).toEqual(['crm_resource', '--list-operations', '--resource', 'web', '--node', 'n1']);
    expect(R.failcountSetArgv('n1', 'fail-count-web#monitor_10000', '3')).toEqual(['crm_attribute', '--type', 'status', '--node', 'n1', '--name', 'fail-count-web#monitor_10000', '--update', '3']);
    expect(R.nodeTransientArgv("o'brien")[3]).toBe(`/cib/status/node_state[@uname="o'brien"]/transient_attributes`);
    expect(R.deleteSetArgv('meta_attributes', 'a"b')).toEqual(['cibadmin', '--delete', '--xml-text', '<meta_attributes id="a&quot;b"/>']);
  });
});

describe('the checked single call for a plain primitive', () => {
  const index = R.resourceIndex(RESOURCES);
  it('asks the CIB to check the shape crmsh would find simple', () => {
    expect(R.fastMetaArgv('d1', 'target-role', 'Stopped')).toEqual([
      'cibadmin',
      '--modify',
      '--xpath',
      "/cib/configuration/resources/primitive[@id='d1'][not(meta_attributes[@id!='d1-meta_attributes'])][not(meta_attributes/nvpair[@name='target-role'][@id!='d1-meta_attributes-target-role'])]",
      '--xml-text',
      '<primitive id="d1"><meta_attributes id="d1-meta_attributes"><nvpair id="d1-meta_attributes-target-role" name="target-role" value="Stopped"/></meta_attributes></primitive>',
    ]);
    expect(R.fastMetaArgv('d1', 'maintenance', 'true')[3]).toMatch(/\[not\(meta_attributes\/nvpair\[@name='is-managed'\]\)\]$/);
  });
  it('applies to top-level primitives with the usual set only', () => {
    expect(R.fastMetaApplies(index, 'd1', 'target-role')).toBe(true);
    for (const id of ['c1', 'cl1', 'g1', 'd2', 'two', 't1', 'nope']) expect(R.fastMetaApplies(index, id, 'target-role'), id).toBe(false);
    const withManaged = R.resourceIndex(`<resources><primitive id="p" ${DUMMY}>${meta('p-meta_attributes', { 'is-managed': 'false' })}</primitive></resources>`);
    expect(R.fastMetaApplies(withManaged, 'p', 'target-role')).toBe(true);
    expect(R.fastMetaApplies(withManaged, 'p', 'maintenance')).toBe(false);
  });
});

describe('move/ban and cleanup arguments, as crmsh reads them', () => {
  const u = 'move <rsc> [<node>] [<lifetime>] [force]';
  it('tells a node from a lifetime by its form', () => {
    expect(parsePlacement(['web', 'node2'], u)).toEqual({ rsc: 'web', node: 'node2', force: false });
    expect(parsePlacement(['web', 'PT1H'], u)).toEqual({ rsc: 'web', lifetime: 'PT1H', force: false });
    expect(parsePlacement(['web', 'node2', 'P1D', 'force'], u)).toEqual({ rsc: 'web', node: 'node2', lifetime: 'P1D', force: true });
    expect(parsePlacement(['web', 'force', 'lifetime=PT30M', 'node2'], u)).toEqual({ rsc: 'web', node: 'node2', lifetime: 'PT30M', force: true });
    expect(parsePlacement(['web', 'node2', 'forever'], u)).toEqual({ rsc: 'web', node: 'node2', force: false });
  });
  it('refuses what crm_resource would refuse, saying why', () => {
    expect(() => parsePlacement(['web', 'node2', 'reboot'], u)).toThrow(/cannot last until reboot/);
    expect(() => parsePlacement(['web', 'lifetime=soon'], u)).toThrow(/not an ISO 8601 duration/);
    expect(() => parsePlacement(['web', 'a', 'PT1H', 'b'], u)).toThrow(/unexpected 'b'/);
    expect(() => parsePlacement([], u)).toThrow(/a resource is needed/);
  });
  it('reads cleanup [<rsc>] [<node>] [force]', () => {
    expect(parseHistoryArgs([], 'x')).toEqual({});
    expect(parseHistoryArgs(['force'], 'x')).toEqual({ force: true });
    expect(parseHistoryArgs(['web', 'n1', 'force'], 'x')).toEqual({ rsc: 'web', node: 'n1', force: true });
    expect(() => parseHistoryArgs(['a', 'b', 'c'], 'x')).toThrow(/unexpected 'c'/);
  });
});

describe('planDeepMeta: where crmsh puts target-role, is-managed and maintenance', () => {
  const index = R.resourceIndex(RESOURCES);
  const argvOf = (rsc: string, name: string, value: string, yes = false): string[][] => {
    const p = R.planDeepMeta(index, rsc, name, value);
    return R.metaStepsArgv(index, [...p.sets, ...p.removals, ...(yes ? p.choices.flatMap((c) => c.removals) : [])]);
  };

  it('indexes every resource with its parent and meta sets', () => {
    expect([...index.keys()]).toEqual(['d1', 'g1', 'd2', 'd3', 'cl1', 'c1', 'ms1', 's1', 'g2', 'm1', 'm2', 'cgc', 'cg', 'gm', 'gm2', 'two']);
    expect(index.get('gm')!.parent!.parent!.id).toBe('cgc');
    expect(R.isPromotable(index.get('ms1')!)).toBe(true);
    expect(R.isPromotable(index.get('cl1')!)).toBe(false);
    expect(R.resourceIndex(`<cib><configuration>${RESOURCES}</configuration></cib>`).size).toBe(16);
  });

  it('a plain primitive: one call, the same as the status view', () => {
    expect(argvOf('d1', 'target-role', 'Stopped')).toEqual([actionArgv({ kind: 'resource-stop', resource: 'd1' })]);
  });

  it('a cloned primitive: the clone gets it, the primitive loses its own (and its emptied set)', () => {
    const expected = [
      ['crm_resource', '--resource', 'cl1', '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped', '--set-name', 'cl1-meta_attributes', '--force'],
      ['cibadmin', '--delete', '--xml-text', '<meta_attributes id="c1-meta_attributes"/>'],
    ];
    expect(argvOf('c1', 'target-role', 'Stopped')).toEqual(expected);
    expect(argvOf('cl1', 'target-role', 'Stopped')).toEqual(expected);
  });

  it('a member of a group keeps the attribute itself', () => {
    expect(R.planDeepMeta(index, 'd2', 'target-role', 'Stopped').target).toBe('d2');
    expect(R.planDeepMeta(index, 'gm', 'target-role', 'Stopped').target).toBe('gm');
  });

  it("a group: members' own values are overridden only when the user agrees", () => {
    const p = R.planDeepMeta(index, 'g2', 'target-role', 'Stopped');
    expect(p.choices.map((c) => c.question)).toEqual(["Do you want to override 'target-role' for child resource m1?"]);
    // --set-name keeps crm_resource from updating m1's target-role instead of adding the group's
    expect(argvOf('g2', 'target-role', 'Stopped')).toEqual([
      ['crm_resource', '--resource', 'g2', '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped', '--set-name', 'g2-meta_attributes', '--force'],
    ]);
    expect(argvOf('g2', 'target-role', 'Stopped', true)[1]).toEqual(['crm_resource', '--resource', 'm1', '--meta', '--delete-parameter', 'target-role', '--set-name', 'm1-meta_attributes', '--force']);
  });

  it('maintenance and is-managed: the other one is offered for removal, on members and on the target', () => {
    const p = R.planDeepMeta(index, 'g2', 'maintenance', 'true');
    expect(p.choices.map((c) => c.question)).toEqual([
      "'maintenance' conflicts with 'is-managed' attribute. Remove 'is-managed' for child resource m2?",
      "Do you want to override 'maintenance' for child resource m1?",
      "'maintenance' conflicts with 'is-managed' attribute. Remove 'is-managed' for resource g2?",
    ]);
    // the group's set receives maintenance, so removing is-managed from it does not remove the set
    expect(argvOf('g2', 'maintenance', 'true', true)).toEqual([
      ['crm_resource', '--resource', 'g2', '--meta', '--set-parameter', 'maintenance', '--parameter-value', 'true', '--set-name', 'g2-meta_attributes', '--force'],
      ['cibadmin', '--delete', '--xml-text', '<meta_attributes id="m2-meta_attributes"/>'],
      ['crm_resource', '--resource', 'm1', '--meta', '--delete-parameter', 'maintenance', '--set-name', 'm1-meta_attributes', '--force'],
      ['crm_resource', '--resource', 'g2', '--meta', '--delete-parameter', 'is-managed', '--set-name', 'g2-meta_attributes', '--force'],
    ]);
  });

  it("a cloned group: the clone gets it, the group loses its own; a container without a meta set gets a new one", () => {
    expect(argvOf('cg', 'target-role', 'Stopped')).toEqual([
      ['crm_resource', '--resource', 'cgc', '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped', '--set-name', 'cgc-meta_attributes', '--force'],
      ['cibadmin', '--delete', '--xml-text', '<meta_attributes id="cg-meta_attributes"/>'],
    ]);
  });

  it('several meta sets: every set that has it, else every set, each by name', () => {
    expect(argvOf('two', 'target-role', 'Stopped')).toEqual([
      ['crm_resource', '--resource', 'two', '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped', '--set-name', 'two-meta_attributes'],
    ]);
    expect(argvOf('two', 'is-managed', 'false').map((a) => a[a.length - 1])).toEqual(['two-meta_attributes', 'two-meta_attributes-0']);
  });

  it('reads tags', () => {
    expect(R.parseTags(TAGS)).toEqual(new Map([['t1', ['d1', 'two']]]));
    expect(R.parseTags('not xml').size).toBe(0);
  });
});

describe('fail counts', () => {
  const xml = `<transient_attributes id="1"><instance_attributes id="status-1">
    <nvpair id="a" name="fail-count-web#monitor_10000" value="2"/>
    <nvpair id="b" name="fail-count-web#start_0" value="INFINITY"/>
    <nvpair id="c" name="fail-count-webx#monitor_10000" value="1"/>
    <nvpair id="d" name="last-failure-web#monitor_10000" value="1700000000"/>
  </instance_attributes></transient_attributes>`;
  const entries = R.parseFailcounts(xml, 'web');

  it('finds the per-operation attributes of one resource', () => {
    expect(entries).toEqual([
      { name: 'fail-count-web#monitor_10000', op: 'monitor', interval: 10000, value: '2' },
      { name: 'fail-count-web#start_0', op: 'start', interval: 0, value: 'INFINITY' },
    ]);
  });

  it('decides what set writes as crmsh does, and says what to add when it cannot', () => {
    expect(R.planFailcountSet('web', 'n1', entries, '0')).toEqual({ names: ['fail-count-web#monitor_10000', 'fail-count-web#start_0'] });
    expect(R.planFailcountSet('web', 'n1', entries, '5', 'monitor')).toEqual({ names: ['fail-count-web#monitor_10000'] });
    expect(R.planFailcountSet('web', 'n1', entries, '5', 'monitor', '10')).toEqual({ names: ['fail-count-web#monitor_10000'] });
    expect(R.planFailcountSet('web', 'n1', entries, '5')).toMatchObject({ error: 'web has fail counts for several operations on n1', hint: 'name one: monitor 10s, start 0s' });
    expect(R.planFailcountSet('web', 'n1', [entries[0]!], '7')).toEqual({ names: ['fail-count-web#monitor_10000'] });
    expect(R.planFailcountSet('web', 'n1', [], '0')).toEqual({ names: [] });
    expect(R.planFailcountSet('web', 'n1', [], '3')).toMatchObject({ error: 'web has no fail count on n1 yet' });
    expect(R.planFailcountSet('web', 'n1', [], '3', 'monitor', '30s')).toEqual({ names: ['fail-count-web#monitor_30000'] });
    expect(R.planFailcountSet('web', 'n1', [], '3', 'monitor', 'soon')).toMatchObject({ error: "'soon' is not an interval" });
    expect(R.durationMs('1min')).toBe(60_000);
    expect(R.durationMs('500ms')).toBe(500);
  });
});

describe('scores', () => {
  const out = [
    'pcmk__primitive_assign: web allocation score on node1: 0',
    'pcmk__group_assign: web allocation score on node1: 100',
    'pcmk__primitive_assign: web allocation score on node2: -INFINITY',
    'pcmk__clone_allocate: db:0 allocation score on node1: 1',
    'db:0 promotion score on node1: 10',
    'Original: node1 capacity: cpu=4',
    'Original: node2 capacity:',
  ].join('\n');

  it('keeps the last score per resource and node, and prints a table', () => {
    const s = R.parseScores(out);
    expect(s.allocation.get('web')).toEqual(new Map([['node1', '100'], ['node2', '-INFINITY']]));
    expect(R.formatScores(s)).toBe(
      [
        'Allocation scores (where each resource may run; -INFINITY: never):',
        '  resource  node1  node2',
        '  web       100    -INFINITY',
        '  db:0      1',
        '',
        'Promotion scores:',
        '  resource  node1',
        '  db:0      10',
        '',
        'Utilization:',
        '  Original: node1 capacity: cpu=4',
        '',
      ].join('\n'),
    );
  });
});

describe('did you mean', () => {
  it('names the closest id, or nothing when none is close', () => {
    expect(R.closestId('webb', ['web', 'db', 'website'])).toBe('web');
    expect(R.closestId('WEB-group', ['web-group', 'db'])).toBe('web-group');
    expect(R.closestId('xyz', ['web-group', 'database'])).toBeUndefined();
    expect(R.missingResource("crm_resource failed (exit 105): crm_resource: Resource 'webb' not found; Error")).toBe('webb');
  });
});

describe('the level in the command tree', () => {
  it("has crmsh's words and aliases", () => {
    const at = (line: string) => resolveLine(splitWords(line), []);
    const name = (line: string): string | undefined => {
      const p = at(line);
      return p.kind === 'command' ? p.def.name : undefined;
    };
    expect(name('rsc stop web')).toBe('stop');
    expect(name('resource migrate web n2')).toBe('move');
    for (const w of ['unmove', 'unmigrate', 'unban']) expect(name(`resource ${w} web`)).toBe('clear');
    expect(name('resource list')).toBe('status');
    expect(name('resource show')).toBe('status');
    expect(name('resource reprobe')).toBe('refresh');
    expect(at('resource st web')).toMatchObject({ kind: 'error', message: expect.stringMatching(/ambiguous/) });
    for (const c of RESOURCE_LEVEL.commands) {
      expect(c.usage.startsWith(c.name), c.name).toBe(true);
      expect(c.examples?.length, c.name).toBeGreaterThan(0);
    }
  });
});

// ---------------------------------------------------------------- the CLI on a CIB file

describe('--dry-run prints the calls and changes nothing', () => {
  const fast = (name: string, value: string): string => quoteWords(R.fastMetaArgv('d1', name, value));
  const cases: Array<[string, string[]]> = [
    ['stop d1', [fast('target-role', 'Stopped')]],
    ['start c1', ['crm_resource --resource cl1 --meta --set-parameter target-role --parameter-value Started --set-name cl1-meta_attributes --force', 'cibadmin --delete --xml-text "<meta_attributes id=\\"c1-meta_attributes\\"/>"']],
    ['stop t1', ['crm_resource --resource d1 --meta --set-parameter target-role --parameter-value Stopped', 'crm_resource --resource two --meta --set-parameter target-role --parameter-value Stopped --set-name two-meta_attributes']],
    ['stop d1 g1', ['crm_resource --resource d1 --meta --set-parameter target-role --parameter-value Stopped', 'crm_resource --resource g1 --meta --set-parameter target-role --parameter-value Stopped --set-name g1-meta_attributes --force']],
    ['restart d1', [fast('target-role', 'Stopped'), fast('target-role', 'Started')]],
    ['promote ms1', ['crm_resource --resource ms1 --meta --set-parameter target-role --parameter-value Promoted']],
    ['demote ms1', ['crm_resource --resource ms1 --meta --set-parameter target-role --parameter-value Unpromoted']],
    ['unmanage d1', [fast('is-managed', 'false')]],
    ['maintenance d1 off', [fast('maintenance', 'false')]],
    ['move d1 node2 PT1H', ['crm_resource --move --resource d1 --node node2 --lifetime PT1H']],
    ['migrate d1 force', ['crm_resource --move --resource d1 --force']],
    ['ban d1 node1 lifetime=P1D', ['crm_resource --ban --resource d1 --node node1 --lifetime P1D']],
    ['unmigrate d1', ['crm_resource --clear --resource d1']],
    ['cleanup', ['crm_resource --cleanup']],
    ['cleanup d1 node1 force', ['crm_resource --cleanup --resource d1 --node node1 --force']],
    ['refresh d1', ['crm_resource --refresh --resource d1']],
    ['failcount d1 delete node1', ['crm_failcount --delete --resource d1 --node node1']],
    ['param d1 set fake 42', ['crm_resource --resource d1 --set-parameter fake --parameter-value 42']],
    ['meta d1 delete target-role', ['crm_resource --resource d1 --meta --delete-parameter target-role']],
    ['utilization d1 set cpu 2', ['crm_resource --resource d1 --utilization --set-parameter cpu --parameter-value 2']],
  ];
  for (const [line, calls] of cases) {
    it(line, () => {
      const cib = copy();
      const before = read(cib.path);
      const r = runHash(['--dry-run', 'resource', ...splitWords(line).map((w) => w.text)], { env: cib.env });
      expect(r.stderr.replace(/^(ordering|not waiting).*\n/gm, '')).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(calls.map((c) => `would run: CIB_file=${cib.path} ${c}\n`).join(''));
      expect(read(cib.path)).toBe(before);
    });
  }

  it('checks the resource exists even though nothing runs', () => {
    const cib = copy();
    const r = runHash(['--dry-run', 'resource', 'move', 'dl', 'node2'], { env: cib.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/resource 'dl' does not exist[^]*did you mean 'd1'\?/);
  });
});

const configuration = (path: string): XmlElement => child(parseXml(read(path)), 'configuration')!;
const resourcesOf = (path: string): XmlElement => child(configuration(path), 'resources')!;
const nvpair = (path: string, id: string): string | undefined => new RegExp(`<nvpair[^>]*id="${id}"[^>]*value="([^"]*)"`).exec(read(path))?.[1];

describe('on a CIB file', () => {
  it('stop and start set target-role; restart on a file does not wait', () => {
    const cib = copy();
    expect(runHash(['resource', 'stop', 'd1'], { env: cib.env }).code).toBe(0);
    expect(nvpair(cib.path, 'd1-meta_attributes-target-role')).toBe('Stopped');
    const r = runHash(['rsc', 'restart', 'd1'], { env: cib.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`ordering d1 to stop\nnot waiting: file ${cib.path} is not a running cluster\nordering d1 to start\n`);
    expect(nvpair(cib.path, 'd1-meta_attributes-target-role')).toBe('Started');
  });

  it('a misspelled resource: exit 1, the closest id, nothing changed', () => {
    const cib = copy();
    const before = read(cib.path);
    for (const args of [['stop', 'd11'], ['move', 'd11', 'node2'], ['locate', 'd11'], ['param', 'd11', 'show', 'x'], ['status', 'd11'], ['failcount', 'd11', 'show', 'node1'], ['promote', 'd11']]) {
      const r = runHash(['resource', ...args], { env: cib.env });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/resource 'd11' does not exist\n\s+hint: did you mean 'd1'\?/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const far = runHash(['resource', 'stop', 'nothing-like-it'], { env: cib.env });
    expect(far.stderr).toMatch(/hint: `resource status` lists the resources/);
    expect(read(cib.path)).toBe(before);
  });

  it('usage errors: exit 2 with the usage', () => {
    const cib = copy();
    const move = runHash(['resource', 'move', 'd1'], { env: cib.env });
    expect(move.code).toBe(2);
    expect(move.stderr).toMatch(/no target node[^]*usage: move <rsc> \[<node>\] \[<lifetime>\] \[force\]/);
    expect(runHash(['resource', 'stop'], { env: cib.env }).code).toBe(2);
    expect(runHash(['resource', 'param', 'd1', 'frob', 'x'], { env: cib.env }).stderr).toMatch(/'frob' is not show, set or delete/);
    expect(runHash(['resource', 'maintenance', 'd1', 'maybe'], { env: cib.env }).code).toBe(2);
  });

  it('status lists resources where they run, and only the named ones when asked', () => {
    const cib = copy();
    const all = runHash(['resource', 'status'], { env: cib.env });
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^Full List of Resources:\n  \* d1 \(ocf:pacemaker:Dummy\): Stopped\n  \* Resource Group: g1\n    \* d2 /);
    expect(all.stdout).toContain('Clone Set (promotable): ms1 [s1]');
    // a cloned primitive has no line of its own: its clone's lines
    expect(runHash(['resource', 'status', 'c1'], { env: cib.env }).stdout).toBe('  * Clone Set: cl1 [c1] (ocf:pacemaker:Dummy)\n    * Stopped: [ node1 node2 ]\n');
    const some = runHash(['resource', 'list', 'g1', 'cl1'], { env: cib.env });
    expect(some.stdout).toBe(['  * Resource Group: g1', '    * d2 (ocf:pacemaker:Dummy): Stopped', '    * d3 (ocf:pacemaker:Dummy): Stopped', '  * Clone Set: cl1 [c1] (ocf:pacemaker:Dummy)', '    * Stopped: [ node1 node2 ]', ''].join('\n'));
  });

  it('promote and demote need a promotable clone and write the role names of the schema', () => {
    const cib = copy();
    expect(runHash(['resource', 'promote', 'ms1'], { env: cib.env }).code).toBe(0);
    expect(nvpair(cib.path, 'ms1-meta_attributes-target-role')).toBe('Promoted');
    const s1 = runHash(['resource', 'demote', 's1'], { env: cib.env });
    expect(s1.code).toBe(1);
    expect(s1.stderr).toMatch(/s1 is not a promotable resource\n\s+hint: its promotable clone is ms1: `demote ms1`/);
  });

  it('move, ban and clear add and remove the cli- constraints', () => {
    const cib = copy();
    const m = runHash(['resource', 'move', 'd1', 'node2', 'PT1H'], { env: cib.env });
    expect(m.code).toBe(0);
    expect(m.stderr).toMatch(/Move constraint created for d1 to node2 \(for PT1H\)\n`resource clear d1` removes it/);
    expect(runHash(['resource', 'ban', 'd1', 'node1'], { env: cib.env }).code).toBe(0);
    const ids = (): string[] => [...read(cib.path).matchAll(/<rsc_location id="([^"]+)"/g)].map((x) => x[1]!);
    expect(ids().sort()).toEqual(['cli-ban-d1-on-node1', 'cli-prefer-d1']);
    expect(read(cib.path)).toMatch(/<date_expression id="cli-prefer-lifetime-end-d1" operation="lt" end="/);
    const c = runHash(['resource', 'constraints', 'd1'], { env: cib.env });
    expect(c.stdout).toMatch(/Node node2 \(score=INFINITY, id=cli-prefer-rule-d1/);
    expect(runHash(['resource', 'clear', 'd1'], { env: cib.env }).code).toBe(0);
    expect(ids()).toEqual([]);
    expect(runHash(['resource', 'constraints', 'd1'], { env: cib.env }).stderr).toBe('d1 has no location or colocation constraints\n');
  });

  it('param, meta and utilization: set, show, delete', () => {
    const cib = copy();
    const h = (...a: string[]) => runHash(['resource', ...a], { env: cib.env });
    expect(h('param', 'd1', 'set', 'fake', 'hello').code).toBe(0);
    expect(h('param', 'd1', 'show', 'fake').stdout).toBe('hello\n');
    expect(h('meta', 'd1', 'set', 'resource-stickiness', '100').code).toBe(0);
    expect(h('meta', 'd1', 'show', 'resource-stickiness').stdout).toBe('100\n');
    expect(h('utilization', 'd1', 'set', 'cpu', '2').code).toBe(0);
    expect(h('utilization', 'd1', 'show', 'cpu').stdout).toBe('2\n');
    expect(read(cib.path)).toMatch(/<utilization id="d1-utilization">\s*<nvpair id="d1-utilization-cpu" name="cpu" value="2"\/>/);
    expect(h('param', 'd1', 'delete', 'fake').code).toBe(0);
    const gone = h('param', 'd1', 'show', 'fake');
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/d1 has no parameter 'fake'/);
    expect(h('param', 'd1', 'delete', 'fake').code).toBe(0);
  });

  it('locate, operations and scores read without changing the file', () => {
    const cib = copy();
    const before = read(cib.path);
    expect(runHash(['resource', 'locate', 'd1'], { env: cib.env }).stdout).toBe('resource d1 is NOT running\n');
    const ops = runHash(['resource', 'operations', 'd1'], { env: cib.env });
    expect(ops.code).toBe(0);
    expect(ops.stderr).toBe('no operations recorded for d1\n');
    const s = runHash(['resource', 'scores'], { env: cib.env });
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^Allocation scores \(where each resource may run; -INFINITY: never\):\n  resource +node1 +node2\n  d1 +\S+ +\S+\n/);
    expect(s.stdout).toMatch(/^Promotion scores:$/m);
    expect(read(cib.path)).toBe(before);
  });

  it('cleanup needs the running cluster (crm_resource crashes on a file)', () => {
    const cib = copy();
    const r = runHash(['resource', 'cleanup', 'd1'], { env: cib.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cleanup needs the running cluster, not file /);
  });
});

// ---------------------------------------------------------------- crmsh 4.4 side by side

/** The configuration with attributes sorted and the CIB's version left out. */
function normalised(path: string): string {
  const walk = (e: XmlElement, depth: number): string[] => [
    `${'  '.repeat(depth)}<${e.name}${Object.entries(e.attrs)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => ` ${k}="${v}"`)
      .join('')}>`,
    ...e.children.flatMap((c) => walk(c, depth + 1)),
  ];
  return walk(resourcesOf(path), 0).join('\n');
}

describe('the same CIB as crmsh 4.4', () => {
  const crm = findCrm();
  it('crmsh is installed (the oracle of this block)', () => {
    expect(crm, 'crmsh (the crm command) is not installed: apt-get install crmsh').toBeDefined();
  });
  // the answers crmsh gives off a terminal (no) and with -F (yes)
  const cases: Array<[string, boolean]> = [
    ['stop d1', false],
    ['maintenance d1', false],
    ['stop two', false],
    ['stop cl1', false],
    ['stop c1', false],
    ['stop g2', false],
    ['stop g2', true],
    ['unmanage g2', false],
    ['stop cgc', true],
    ['start cg', false],
    ['stop t1', false],
    ['unmanage m1', true],
    ['maintenance cl1 off', false],
  ];
  for (const [line, yes] of cases) {
    it(`${line}${yes ? ' (answering yes)' : ''}`, () => {
      const words = line.split(' ');
      const ours = copy();
      const theirs = copy();
      const { CIB_shadow: _s, ...env } = process.env;
      const c = spawnSync(crm!, [...(yes ? ['-F'] : []), 'resource', ...words], { env: { ...env, CIB_file: theirs.path }, encoding: 'utf8', input: '' });
      expect(stripAnsi(c.stderr)).not.toMatch(/ERROR: resource/);
      const h = runHash([...(yes ? ['--force'] : []), 'resource', ...words], { env: ours.env });
      expect(h.code).toBe(0);
      expect(normalised(ours.path)).toBe(normalised(theirs.path));
      expect(normalised(ours.path)).not.toBe(normalised(fixture));
    }, 60_000);
  }
});
