/**
 * The CLI end to end on real CIB files with the real Pacemaker tools:
 * one-shot lines, -f scripts, load/show/save, errors and exit codes.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstDifference } from '../../src/cib/show-equal.js';
import { child, parseXml, type XmlElement } from '../../src/cib/xml.js';
import { cibVersion, emptyCibFile, read, ROOT, runHash, SHARED } from './run-hash.js';

const seeds = join(SHARED, 'seeds');
const configurationOf = (xml: string): XmlElement => child(parseXml(xml), 'configuration')!;

describe('one-shot configure lines', () => {
  it('adds a primitive with crmsh ids, and show prints it back', () => {
    const cib = emptyCibFile();
    const r = runHash(['configure', 'primitive', 'p1', 'ocf:pacemaker:Dummy', 'params', 'fake=hello world', 'op', 'monitor', 'interval=10s'], { env: cib.env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const xml = read(cib.path);
    expect(xml).toContain('<primitive id="p1" class="ocf" provider="pacemaker" type="Dummy">');
    expect(xml).toContain('id="p1-instance_attributes-fake"');
    expect(xml).toContain('value="hello world"');
    expect(xml).toContain('id="p1-monitor-10s"');
    const show = runHash(['configure', 'show', 'p1'], { env: cib.env });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^primitive p1 ocf:pacemaker:Dummy \\\n\tparams fake="hello world" \\\n\top monitor interval=10s/m);
  });

  it('names the place of a syntax error and changes nothing', () => {
    const cib = emptyCibFile();
    const before = read(cib.path);
    const r = runHash(['configure', 'primitve', 'p1', 'Dummy'], { env: cib.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/<command line>:1:\d+: error: .*primitve/);
    expect(r.stderr).toMatch(/did you mean 'primitive'/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(read(cib.path)).toBe(before);
  });

  it('gives usage errors exit code 2', () => {
    expect(runHash(['--no-such-option']).code).toBe(2);
    const typo = runHash(['confgure', 'show']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/<command line>:1:1: error: unknown command 'confgure'[^]*did you mean 'configure'/);
    const r = runHash(['-f', '/nonexistent/file.crm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read \/nonexistent\/file\.crm: no such file/);
  });

  it('says when the CIB cannot be reached (exit 5)', () => {
    const r = runHash(['configure', 'show'], { env: { CIB_file: '/nonexistent/dir/cib.xml' } });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/cannot read the CIB/);
  });
});

describe('show reads no status when nothing follows it', () => {
  const demoCopy = (): { path: string; env: Record<string, string | undefined> } => {
    const cib = emptyCibFile();
    writeFileSync(cib.path, readFileSync(join(ROOT, 'demo', 'cib.xml')));
    return cib;
  };

  it('a one-shot show prints what a script does, and leaves even a broken status section alone', () => {
    const cib = demoCopy();
    writeFileSync(join(cib.path, '..', 'show.hash'), 'configure show\n');
    const script = runHash(['-f', join(cib.path, '..', 'show.hash')], { env: cib.env });
    const oneShot = runHash(['configure', 'show'], { env: cib.env });
    expect(script.code).toBe(0);
    expect(oneShot.code).toBe(0);
    expect(oneShot.stdout).toBe(script.stdout);
    expect(oneShot.stdout).toContain('primitive ');
    // the status is not read at all: a status Pacemaker's tools would refuse does not stop the show
    const text = read(cib.path);
    writeFileSync(cib.path, text.replace(/<node_state /, '<node_state broken="1><'));
    expect(runHash(['configure', 'show'], { env: cib.env }).stdout).toBe(script.stdout);
  });

  it('a commit after a show in the same script keeps the status section', () => {
    const cib = demoCopy();
    const status = (xml: string): string => /<status>[\s\S]*<\/status>/.exec(xml)![0];
    const before = status(read(cib.path));
    writeFileSync(join(cib.path, '..', 'edit.hash'), 'configure show\nconfigure property stonith-timeout=90s\n');
    const r = runHash(['-f', join(cib.path, '..', 'edit.hash')], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    const after = read(cib.path);
    expect(after).toContain('name="stonith-timeout" value="90s"');
    expect(status(after)).toBe(before);
  });
});

describe('hash -f: a script is one commit or none', () => {
  it('reports every error of the file at once, located, and leaves the CIB untouched', () => {
    const cib = emptyCibFile();
    const before = read(cib.path);
    const script = join(cib.dir, 'bad.crm');
    writeFileSync(
      script,
      [
        'configure primitive ok1 ocf:pacemaker:Dummy',
        'configure location l1 ok1 100:',
        'configure primitive ok2 ocf:pacemaker:Dummy',
        'configure colocation c1 inf:',
        'configure show',
        '',
      ].join('\n'),
    );
    const r = runHash(['-f', script], { env: cib.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${script}:2:`);
    expect(r.stderr).toContain(`${script}:4:`);
    expect(r.stdout).toBe(''); // nothing ran: not even `show`
    expect(read(cib.path)).toBe(before);
  });

  it('a semantic error (the checks run while the schema validation of the write does) leaves the CIB untouched and no copy beside it', () => {
    const cib = emptyCibFile();
    const before = read(cib.path);
    const script = join(cib.dir, 'semantic.crm');
    writeFileSync(script, ['configure primitive ok1 ocf:pacemaker:Dummy', 'configure colocation c1 inf: ok1 missing', ''].join('\n'));
    const r = runHash(['-f', script], { env: cib.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('missing');
    expect(read(cib.path)).toBe(before);
    expect(readdirSync(cib.dir).sort()).toEqual(['cib.xml', 'semantic.crm']);
  });

  it('a change Pacemaker\'s schema refuses is reported on the object, where it was written, in xmllint\'s words; nothing is committed', () => {
    const cib = emptyCibFile();
    const before = read(cib.path);
    const input = join(cib.dir, 'schema.crm');
    writeFileSync(input, ['node n1', 'primitive p1 ocf:pacemaker:Dummy', 'location l1 p1 foo=1 100: n1', ''].join('\n'));
    const r = runHash(['configure', 'load', 'update', input], { env: cib.env });
    expect(r.code).toBe(3);
    // cibadmin alone says "Update does not conform to the configured schema", nothing more
    expect(r.stderr).toMatch(new RegExp(`^${input}:3:1: error: location l1: Pacemaker's schema pacemaker-\\d+\\.\\d+ refuses it: Invalid attribute foo for element rsc_location\n  location l1 p1 foo=1 100: n1\n  \\^`, 'm'));
    expect(r.stderr).toContain('1 error; nothing was changed');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(read(cib.path)).toBe(before);
    expect(readdirSync(cib.dir).sort()).toEqual(['cib.xml', 'schema.crm']);
  });

  it('a name XML cannot hold is said in words before anything is sent', () => {
    const cib = emptyCibFile();
    const before = read(cib.path);
    const r = runHash(['configure', 'location', 'l1', 'p1', 'fo}o=1', '100:', 'n1'], { env: cib.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error: location l1: "fo}o" cannot be an attribute name');
    expect(read(cib.path)).toBe(before);
  });

  it('commits a whole script once', () => {
    const cib = emptyCibFile();
    const v0 = cibVersion(cib.path);
    const script = join(cib.dir, 'ok.crm');
    writeFileSync(
      script,
      [
        '# a comment',
        'configure',
        'primitive a ocf:pacemaker:Dummy',
        'primitive b ocf:pacemaker:Dummy \\',
        '    meta target-role=Stopped',
        'group g a b',
        'end',
        'configure property stonith-enabled=false',
        '',
      ].join('\n'),
    );
    const r = runHash(['-f', script], { env: cib.env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const v1 = cibVersion(cib.path);
    expect(v1.epoch).toBe(v0.epoch + 1);
    const xml = read(cib.path);
    expect(xml).toMatch(/<group id="g">\s*<primitive id="a"[^]*<primitive id="b"/);
    expect(xml).toContain('name="stonith-enabled" value="false"');
  });

  it('runs configure lines from stdin (hash configure < file)', () => {
    const cib = emptyCibFile();
    const r = runHash(['configure'], { env: cib.env, stdin: 'primitive s1 ocf:pacemaker:Dummy\nshow s1\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('primitive s1 ocf:pacemaker:Dummy');
    expect(read(cib.path)).toContain('<primitive id="s1"');
  });
});

describe('load, save, delete, rename', () => {
  it('save then load replace gives the same configuration', () => {
    const cib = emptyCibFile();
    const src = join(cib.dir, 'in.crm');
    writeFileSync(
      src,
      [
        'primitive ip ocf:heartbeat:IPaddr2 params ip=10.0.0.10 cidr_netmask=24 op monitor interval=10s timeout=20s',
        'primitive web ocf:pacemaker:Dummy meta target-role=Started',
        'colocation web-with-ip inf: web ip',
        'order ip-then-web Mandatory: ip web',
        'location prefer web 50: node1',
        'property no-quorum-policy=ignore',
        '',
      ].join('\n'),
    );
    expect(runHash(['configure', 'load', 'update', src], { env: cib.env }).code).toBe(0);
    const conf1 = configurationOf(read(cib.path));
    const saved = join(cib.dir, 'saved.crm');
    expect(runHash(['configure', 'save', saved], { env: cib.env }).code).toBe(0);
    expect(runHash(['configure', 'load', 'replace', saved], { env: cib.env }).code).toBe(0);
    expect(firstDifference(conf1, configurationOf(read(cib.path)))).toBeUndefined();
  });

  it('delete removes an object and the constraints left without it; rename updates references', () => {
    const cib = emptyCibFile();
    runHash(['configure', 'primitive', 'a', 'ocf:pacemaker:Dummy'], { env: cib.env });
    runHash(['configure', 'primitive', 'b', 'ocf:pacemaker:Dummy'], { env: cib.env });
    runHash(['configure', 'colocation', 'c', 'inf:', 'a', 'b'], { env: cib.env });
    const rn = runHash(['configure', 'rename', 'b', 'bee'], { env: cib.env });
    expect(rn.code).toBe(0);
    expect(read(cib.path)).toMatch(/<rsc_colocation id="c"[^>]*with-rsc="bee"/);
    const del = runHash(['configure', 'delete', 'a'], { env: cib.env });
    expect(del.code).toBe(0);
    expect(read(cib.path)).not.toContain('id="a"');
    expect(read(cib.path)).not.toContain('rsc_colocation');
    const missing = runHash(['configure', 'delete', 'be'], { env: cib.env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no object with id 'be'[^]*did you mean 'bee'/);
  });
});

describe('the seeds', () => {
  const need = existsSync(seeds);
  it.runIf(need)('oess-base.crm as pasted: one located error per broken location line, CIB untouched', () => {
    const cib = emptyCibFile();
    const before = read(cib.path);
    const file = join(seeds, 'oess-base.crm');
    const r = runHash(['configure', 'load', 'update', file], { env: cib.env });
    expect(r.code).toBe(3);
    const errors = r.stderr.split('\n').filter((l) => /: error: /.test(l));
    const brokenLines = readFileSync(file, 'utf8')
      .split('\n')
      .map((l, i) => (/^location .* 100:\s*$/.test(l) ? i + 1 : 0))
      .filter((n) => n > 0);
    expect(brokenLines.length).toBe(13);
    expect(errors.map((l) => Number(/oess-base\.crm:(\d+):/.exec(l)?.[1]))).toEqual(brokenLines);
    expect(read(cib.path)).toBe(before);
  });

  it.runIf(need)('oess-base.crm with the node names restored loads in one commit, with warnings', () => {
    const cib = emptyCibFile();
    const v0 = cibVersion(cib.path);
    const fixed = readFileSync(join(seeds, 'oess-base.crm'), 'utf8').replace(/^(location \S+_prefer_(srv\d) .* 100:)\s*$/gm, '$1 $2');
    const file = join(cib.dir, 'oess-fixed.crm');
    writeFileSync(file, fixed);
    const r = runHash(['configure', 'load', 'update', file], { env: cib.env });
    expect(r.stderr).not.toMatch(/: error: /);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dc-version/); // dropped with a warning saying why
    expect(r.stderr).toMatch(/expected-quorum-votes/);
    expect(cibVersion(cib.path).epoch).toBe(v0.epoch + 1);
    const xml = read(cib.path);
    for (const id of ['ClusterIP', 'UsageDataClone', 'websiteClone', 'usagefs_prefer_srv2', 'drbd_before_fs']) expect(xml).toContain(`id="${id}"`);
    expect(xml).not.toContain('expected-quorum-votes');
  });

  it.runIf(need)('linode-pair.crm loads with warnings for missing agents', () => {
    const cib = emptyCibFile();
    const r = runHash(['configure', 'load', 'update', join(seeds, 'linode-pair.crm')], { env: cib.env });
    expect(r.stderr).not.toMatch(/: error: /);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/linbit:drbd/);
    const xml = read(cib.path);
    for (const id of ['db', 'www', 'ms_db_drbd', 'ms_www_drbd', 'db_on_drbd', 'www_after_drbd']) expect(xml).toContain(`id="${id}"`);
  });

  it.runIf(need)("apache-drbd.session's configure lines load through -f", () => {
    const cib = emptyCibFile();
    const lines = readFileSync(join(seeds, 'apache-drbd.session'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('configure ') && l !== 'configure show');
    const file = join(cib.dir, 'apache.hash');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = runHash(['-f', file], { env: cib.env });
    expect(r.stderr).not.toMatch(/: error: /);
    expect(r.code).toBe(0);
    const xml = read(cib.path);
    for (const id of ['ClusterIP', 'WebSite', 'WebData', 'WebDataClone', 'WebFS', 'website-with-ip', 'apache-after-ip', 'prefer-node1', 'fs_on_drbd', 'WebFS-after-WebData', 'WebSite-with-WebFS', 'WebSite-after-WebFS'])
      expect(xml).toContain(`id="${id}"`);
  });
  it.skipIf(need)('../shared/seeds is absent: the seed tests cannot run here', () => {});
});

describe('--dry-run', () => {
  it('prints the cibadmin call and the patch, and changes nothing', () => {
    const cib = emptyCibFile();
    const before = read(cib.path);
    const r = runHash(['-R', 'configure', 'primitive', 'dry1', 'ocf:pacemaker:Dummy'], { env: cib.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`CIB_file=${cib.path} cibadmin --patch --xml-pipe`);
    expect(r.stdout).toMatch(/<diff format="2">/);
    expect(r.stdout).toContain('dry1');
    expect(read(cib.path)).toBe(before);
  });
});

describe('configure verify', () => {
  it('reports crm_verify errors and our warnings, and says when the configuration is valid', () => {
    const cib = emptyCibFile();
    runHash(['configure', 'primitive', 'v1', 'ocf:heartbeat:IPaddr2', 'params', 'cidr_netmask=24'], { env: cib.env });
    // no fencing device and stonith-enabled left on: Pacemaker will not start resources
    const bad = runHash(['configure', 'verify'], { env: cib.env });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/crm_verify: .*STONITH/);
    expect(bad.stderr).toMatch(/v1.*(ip|required)/);
    runHash(['configure', 'property', 'stonith-enabled=false'], { env: cib.env });
    const good = runHash(['configure', 'verify'], { env: cib.env });
    expect(good.code).toBe(0);
    expect(good.stderr).toContain('configuration is valid');
  });

  it("places what the schema refuses on the object, where it was written, instead of crm_verify's line of its own copy", () => {
    const cib = emptyCibFile();
    const script = join(cib.dir, 'verify.crm');
    writeFileSync(script, ['configure', 'property stonith-enabled=false', 'node n1', 'primitive p1 ocf:pacemaker:Dummy', 'location l1 p1 foo=1 100: n1', 'verify', ''].join('\n'));
    const r = runHash(['-f', script], { env: cib.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`^${script}:5:1: error: location l1: Pacemaker's schema pacemaker-\\d+\\.\\d+ refuses it: Invalid attribute foo for element rsc_location$`, 'm'));
    expect(r.stderr).not.toContain('Entity: line');
    expect(r.stderr).toContain('1 error; nothing was changed');
  });
});
