/**
 * crm_simulate for `configure simulate`: the argv, the working CIB with the
 * cluster's status, and the decoding and wording of the real crm_simulate's
 * answer on scheduler test cases of Pacemaker's own corpus.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSimulation, parseSimulation, simulateArgv, statusQueryArgv, withStatus } from '../../src/pacemaker/simulate.js';
import { parseXml, serializeXml } from '../../src/cib/xml.js';
import { SHARED } from '../cli/run-hash.js';

const corpus = join(SHARED, 'corpus', 'pacemaker-2.1.5-scheduler');

/** The real crm_simulate on a corpus CIB, as `configure simulate` runs it. */
function simulate(name: string, opts: { scores?: boolean; utilization?: boolean } = {}): string {
  const file = join(corpus, 'xml', `${name}.xml`);
  if (!existsSync(file)) throw new Error(`corpus file missing: ${file}`);
  const [cmd, ...args] = simulateArgv(opts);
  const r = spawnSync(cmd!, args, { input: readFileSync(file, 'utf8'), encoding: 'utf8', env: { ...process.env, CIB_file: '', CIB_shadow: '' } });
  expect(r.status).toBe(0);
  return r.stdout;
}

/** The transition summary lines of the corpus's own .summary file (what crm_simulate prints as text). */
function summaryLines(name: string): string[] {
  const text = readFileSync(join(corpus, 'summary', `${name}.summary`), 'utf8');
  const part = text.slice(text.indexOf('Transition Summary:'), text.indexOf('Executing Cluster Transition:'));
  return part.split('\n').filter((l) => l.startsWith('  * '));
}

describe('argv', () => {
  it('reads the CIB from stdin and never writes one back (no --live-check)', () => {
    expect(simulateArgv()).toEqual(['crm_simulate', '--xml-pipe', '--simulate', '--output-as=xml']);
    expect(simulateArgv({ scores: true, utilization: true })).toEqual(['crm_simulate', '--xml-pipe', '--simulate', '--output-as=xml', '--show-scores', '--show-utilization']);
    expect(simulateArgv()).not.toContain('--live-check');
    expect(statusQueryArgv()).toEqual(['cibadmin', '--query', '--scope', 'status']);
  });
});

describe('withStatus', () => {
  const cib = parseXml('<cib><configuration><resources/></configuration><status><node_state id="old"/></status></cib>');
  it('puts the given status in place of the working CIB\'s own', () => {
    expect(serializeXml(withStatus(cib, '<status><node_state id="1" uname="n1"/></status>'), { indent: '' })).toBe(
      '<cib><configuration><resources/></configuration><status><node_state id="1" uname="n1"/></status></cib>',
    );
    expect(serializeXml(withStatus(cib, '<cib><status/></cib>'), { indent: '' })).toBe('<cib><configuration><resources/></configuration><status/></cib>');
  });
  it('keeps the CIB\'s own status when none is given', () => {
    expect(withStatus(cib, '')).toBe(cib);
  });
});

describe('the scheduler\'s answer, in words', () => {
  it('a move (with its reason)', () => {
    const name = '11-a-then-bm-b-move-a-clone-starting';
    const sim = parseSimulation(simulate(name));
    expect(sim.resources.map((c) => c.action)).toEqual(['move', 'move']);
    // one line per line of crm_simulate's own transition summary
    expect(sim.resources.length).toBe(summaryLines(name).length);
    const text = formatSimulation(sim);
    expect(text).toContain('move     myclone:0 from f20node1 to f20node2\n');
    expect(text).toContain('move     vm from f20node1 to f20node2 (due to unrunnable myclone-clone stop)\n');
  });

  it('promote, demote, migrate, recover, restart, stop: one line per line of the summary', () => {
    for (const name of ['anti-colocation-promoted', '994-2', '3-am-then-bm-both-migrate', '764', '696']) {
      const sim = parseSimulation(simulate(name));
      const summary = summaryLines(name);
      expect(sim.resources.length, name).toBe(summary.length);
      for (const c of sim.resources) expect(summary.some((l) => l.toLowerCase().includes(`* ${c.action} `) && l.includes(` ${c.resource} `)), `${name}: ${c.action} ${c.resource}`).toBe(true);
    }
    const text = formatSimulation(parseSimulation(simulate('anti-colocation-promoted')));
    expect(text).toBe(
      [
        'move     dummy1 from sle12sp2-2 to sle12sp2-1',
        'promote  state1:0 on sle12sp2-2 (Unpromoted → Promoted)',
        'demote   state1:1 on sle12sp2-1 (Promoted → Unpromoted)',
        '',
      ].join('\n'),
    );
    expect(formatSimulation(parseSimulation(simulate('994-2')))).toBe('recover  postfix_9 on paul\nrestart  depends on paul (due to required group_1 running)\n');
    expect(formatSimulation(parseSimulation(simulate('3-am-then-bm-both-migrate')))).toContain('migrate  A from 18node1 to 18node2\n');
  });

  it('fencing, blocked actions, and the options', () => {
    const fence = readdirSummaries().find((n) => summaryLines(n).some((l) => l.startsWith('  * Fence')) && existsSync(join(corpus, 'xml', `${n}.xml`)))!;
    const sim = parseSimulation(simulate(fence, { scores: true, utilization: true }));
    expect(sim.nodes.length).toBeGreaterThan(0);
    const text = formatSimulation(sim, { actions: true, scores: true, utilization: true });
    expect(text).toMatch(/^fence \(reboot\) node \S+/m);
    expect(text).toContain('actions of the transition, in order:');
    expect(text).toMatch(/^ {2}fence \(reboot\) on \S+$/m);
    expect(text).toContain('allocation scores (final pass):');
    expect(sim.scores.size).toBeGreaterThan(0);

    const blocked = parseSimulation(simulate('bug-5014-A-stopped-B-stopped'));
    expect(blocked.resources.some((c) => c.blocked)).toBe(true);
    expect(formatSimulation(blocked)).toMatch(/^start +\S+ on \S+ \(blocked, due to [^)]+\)$/m);
  });

  it('says so when nothing would change', () => {
    const xml = '<pacemaker-result api-version="2.25"><actions/><transition/><status code="0" message="OK"/></pacemaker-result>';
    expect(formatSimulation(parseSimulation(xml))).toBe('nothing would change: every resource stays as it is\n');
  });

  it('refuses output that is not crm_simulate\'s', () => {
    expect(() => parseSimulation('<cib/>')).toThrow('no <pacemaker-result>');
  });
});

function readdirSummaries(): string[] {
  return (spawnSync('ls', [join(corpus, 'summary')], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)).map((f) => f.replace(/\.summary$/, ''));
}
