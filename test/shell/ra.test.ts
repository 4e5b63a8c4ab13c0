/**
 * The `ra` level against the resource agents installed on this machine
 * (real crm_resource; no cluster needed). Expected lists are read from
 * crm_resource itself, so the tests hold wherever the agents differ.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// the script runner first: it loads the command tree in the order the CLI does
import { runLines, type LinesRun } from './run-lines.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { parseAgentMetadata, resolveAgent, type AgentMetadata } from '../../src/pacemaker/ra.js';
import { columns, formatAgentInfo } from '../../src/shell/levels/ra.js';

const cache = mkdtempSync(join(tmpdir(), 'hash-ra-cache-'));
const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cache, XDG_STATE_HOME: cache, CIB_file: '/nonexistent/ra-needs-no-cib.xml' };
delete env.CIB_shadow;

function tool(argv: string[]): string[] {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

const hash = (lines: string[], isTTY = false): Promise<LinesRun> => runLines(lines, env, { isTTY, withHint: true });

describe('ra classes / list / providers', () => {
  it('classes: one per line, the ocf line with its providers (the seed line)', async () => {
    const r = await hash(['ra classes']);
    expect(r.code).toBe(0);
    const classes = tool(['crm_resource', '--list-standards']).sort();
    const providers = tool(['crm_resource', '--list-ocf-providers']).sort();
    expect(r.out).toBe(classes.map((c) => (c === 'ocf' ? `ocf / ${providers.join(' ')}` : c)).join('\n') + '\n');
  });

  it('list ocf pacemaker and list ocf heartbeat: the agents crm_resource lists (the seed lines)', async () => {
    for (const provider of ['pacemaker', 'heartbeat']) {
      const r = await hash([`ra list ocf ${provider}`]);
      expect(r.code).toBe(0);
      const expected = tool(['crm_resource', '--list-agents', `ocf:${provider}`]).sort();
      expect(expected.length).toBeGreaterThan(3);
      expect(r.out.trim().split('\n')).toEqual(expected);
    }
    expect((await hash(['ra list ocf:pacemaker'])).out).toBe((await hash(['ra list ocf pacemaker'])).out);
  });

  it('list on a terminal prints columns', async () => {
    const r = await hash(['ra list ocf pacemaker'], true);
    expect(r.out.split('\n').length).toBeLessThan(tool(['crm_resource', '--list-agents', 'ocf:pacemaker']).length);
    expect(r.out).toMatch(/Dummy\s+\S/);
    expect(columns(['a', 'bb', 'c'], 10)).toBe('a   bb  c\n');
    expect(columns(['aaaa', 'bbbb', 'cccc'], 12)).toBe('aaaa  bbbb\ncccc\n');
    expect(columns(['a', 'b'])).toBe('a\nb\n');
  });

  it('names what is wrong with a class or provider', async () => {
    const cls = await hash(['ra list ocff']);
    expect(cls.code).toBe(1);
    expect(cls.err).toMatch(/there is no resource agent class 'ocff'/);
    expect(cls.err).toMatch(/did you mean 'ocf'\?/);
    const prov = await hash(['ra list ocf pacemakr']);
    expect(prov.code).toBe(1);
    expect(prov.err).toMatch(/did you mean 'pacemaker'\?/);
    expect((await hash(['ra list lsb pacemaker'])).code).toBe(2);
    expect((await hash(['ra list'])).code).toBe(2);
  });

  it('providers of a type', async () => {
    const r = await hash(['ra providers Dummy']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${tool(['crm_resource', '--list-ocf-alternatives', 'Dummy']).sort().join(' ')}\n`);
    const bad = await hash(['ra providers Dumy']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/no OCF provider ships an agent 'Dumy'/);
    expect(bad.err).toMatch(/did you mean 'Dummy'\?/);
  });
});

describe('ra info', () => {
  it('ocf:pacemaker:Dummy: title, every parameter with its default, the operations without meta-data', async () => {
    const r = await hash(['ra info ocf:pacemaker:Dummy']);
    expect(r.code).toBe(0);
    const md = parseAgentMetadata(spawnSync('crm_resource', ['--show-metadata', 'ocf:pacemaker:Dummy'], { encoding: 'utf8' }).stdout, 'ocf:pacemaker:Dummy')!;
    expect(r.out.split('\n')[0]).toBe(`${md.shortdesc} (ocf:pacemaker:Dummy)`);
    for (const p of md.parameters) {
      const line = r.out.split('\n').find((l) => l.startsWith(`${p.name}${p.required ? '*' : ''} (`));
      expect(line, p.name).toBeDefined();
      if (p.default) expect(line).toContain(`[${p.default}]`);
    }
    expect(r.out).toMatch(/^ {4}start {9}timeout=20s$/m);
    expect(r.out).toMatch(/^ {4}monitor {7}timeout=20s interval=10s$/m);
    expect(r.out).not.toMatch(/meta-data|validate-all/);
  });

  it('a bare type is ocf:heartbeat; required and unique parameters are marked (IPaddr2)', async () => {
    const r = await hash(['ra info IPaddr2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\(ocf:heartbeat:IPaddr2\)\n/);
    expect(r.out).toMatch(/^ip\* \(string, unique\): IPv4 or IPv6 address$/m);
    expect(r.out).toMatch(/^Parameters \(\*: required, \[\]: default\):$/m);
  });

  it('meta is info; the older `info <type> <class> <provider>` form works', async () => {
    const info = await hash(['ra info ocf:pacemaker:Stateful']);
    expect((await hash(['ra meta ocf:pacemaker:Stateful'])).out).toBe(info.out);
    expect((await hash(['ra info Stateful ocf pacemaker'])).out).toBe(info.out);
    expect(info.out).toMatch(/^ {4}monitor {7}timeout=20s interval=10s role=Promoted$/m);
  });

  it('other classes: the first lsb and stonith agents installed', async () => {
    for (const cls of ['lsb', 'stonith']) {
      const first = tool(['crm_resource', '--list-agents', cls])[0];
      if (first === undefined) continue;
      const r = await hash([`ra info ${cls}:${first}`]);
      expect(r.code, `${cls}:${first}`).toBe(0);
      expect(r.out.split('\n')[0]).toMatch(new RegExp(`\\(${cls}:${first.replace(/[.+]/g, '\\$&')}\\)$`));
    }
  });

  it('an unknown agent: exit 1 with did-you-mean', async () => {
    const r = await hash(['ra info ocf:heartbeat:IPAddr2']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no resource agent 'ocf:heartbeat:IPAddr2' is installed/);
    expect(r.err).toMatch(/did you mean 'ocf:heartbeat:IPaddr2'\?/);
    expect((await hash(['ra info'])).code).toBe(2);
  });

  it('resolveAgent: bare types, ocf:<type>, fence agents, full specs', async () => {
    const ex = new LocalExecutor(env);
    expect(await resolveAgent(ex, 'IPaddr2')).toEqual({ ok: true, spec: 'ocf:heartbeat:IPaddr2' });
    const heartbeat = new Set(tool(['crm_resource', '--list-agents', 'ocf:heartbeat']));
    const onlyPacemaker = tool(['crm_resource', '--list-agents', 'ocf:pacemaker']).find((a) => !heartbeat.has(a))!;
    expect(await resolveAgent(ex, `ocf:${onlyPacemaker}`)).toEqual({ ok: true, spec: `ocf:pacemaker:${onlyPacemaker}` });
    expect(await resolveAgent(ex, onlyPacemaker)).toEqual({ ok: true, spec: `ocf:pacemaker:${onlyPacemaker}` });
    expect(await resolveAgent(ex, 'fence_xvm')).toEqual({ ok: true, spec: 'stonith:fence_xvm' });
    expect(await resolveAgent(ex, 'lsb:ssh')).toEqual({ ok: true, spec: 'lsb:ssh' });
    expect(await resolveAgent(ex, 'no-such-agent')).toEqual({ ok: false, reason: 'unknown' });
    expect(await resolveAgent(ex, 'a:b:c:d')).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('formatAgentInfo', () => {
  const md: AgentMetadata = {
    spec: 'ocf:test:Thing',
    shortdesc: 'A test thing',
    longdesc: '\n    First line of the description.\n\n    ' + 'word '.repeat(30).trim() + '\n  ',
    parameters: [
      { name: 'name', required: true, unique: true, type: 'string', shortdesc: 'The name', longdesc: 'The name' },
      { name: 'login', required: false, unique: false, type: 'string', shortdesc: 'Login' },
      { name: 'username', required: false, unique: false, type: 'string', default: 'root', shortdesc: 'User', obsoletes: 'login' },
    ],
    actions: [
      { name: 'start', timeout: '20s' },
      { name: 'monitor', timeout: '20s', interval: '10s', depth: '0' },
      { name: 'meta-data', timeout: '5s' },
    ],
  };

  it('marks required, unique, defaults and deprecated parameters; wraps long lines; hides meta-data', () => {
    expect(formatAgentInfo(md, 40)).toBe(
      [
        'A test thing (ocf:test:Thing)',
        '',
        'First line of the description.',
        '',
        'word word word word word word word word',
        'word word word word word word word word',
        'word word word word word word word word',
        'word word word word word word',
        '',
        'Parameters (*: required, []: default):',
        '',
        'name* (string, unique): The name',
        '',
        'login (string, deprecated: use username): Login',
        '',
        'username (string, [root]): User',
        '',
        "Operations' defaults (advisory minimum):",
        '',
        '    start         timeout=20s',
        '    monitor       timeout=20s interval=10s',
        '',
      ].join('\n'),
    );
  });
});
