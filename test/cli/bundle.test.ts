/**
 * The build as it ships (scripts/build.mjs, bin/hash.js): the core bundle
 * starts from V8's code cache, and the live status view, a separate ES module
 * bundle, loads from it in a real terminal (tmux).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Terminal } from '../shell/tmux.js';
import { HASH, ROOT, runHash } from './run-hash.js';

const dir = mkdtempSync(join(tmpdir(), 'hash-bundle-'));
const term = new Terminal(`hash-bundle-e2e-${process.pid}`, 'b');

afterAll(() => {
  term.killServer();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built CLI', () => {
  it('compiles from the code cache the build made (a refused or missing cache would cost every command its start)', () => {
    const r = runHash(['--version'], { env: { HASH_DEBUG: '1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^hash: code cache used \(dist\/hash\.cache, \d+ bytes\)$/m);
  });

  it('compiles status and completion from caches of their own, each smaller than the whole one', () => {
    const cib = join(dir, 'kinds.xml');
    copyFileSync(join(ROOT, 'demo', 'cib.xml'), cib);
    const used = (args: string[]): [string, number] => {
      const r = runHash(args, { env: { HASH_DEBUG: '1', CIB_file: cib } });
      const m = /^hash: code cache used \(dist\/(\S+), (\d+) bytes\)$/m.exec(r.stderr);
      expect(m, `${args.join(' ')}: ${r.stderr}`).not.toBeNull();
      return [m![1]!, Number(m![2])];
    };
    const whole = used(['--version']);
    expect(whole[0]).toBe('hash.cache');
    for (const [args, cache] of [
      [['status', '--once'], 'hash-status.cache'],
      [['st', '--once'], 'hash-status.cache'],
      [['__complete', 'resource', 'stop', ''], 'hash-complete.cache'],
      [['resource', 'status'], 'hash.cache'],
    ] as const) {
      const [name, size] = used([...args]);
      expect(name, args.join(' ')).toBe(cache);
      if (cache !== 'hash.cache') expect(size).toBeLessThan(whole[1]);
    }
  });

  it('compiles a show from the smaller cache of a show alone, and a -f script from the whole one', () => {
    const cib = join(dir, 'show.xml');
    copyFileSync(join(ROOT, 'demo', 'cib.xml'), cib);
    const show = runHash(['configure', 'show'], { env: { HASH_DEBUG: '1', CIB_file: cib } });
    expect(show.code).toBe(0);
    const showCache = /^hash: code cache used \(dist\/hash-show\.cache, (\d+) bytes\)$/m.exec(show.stderr);
    expect(showCache, show.stderr).not.toBeNull();
    writeFileSync(join(dir, 'show.hash'), 'configure show\n');
    const script = runHash(['-f', join(dir, 'show.hash')], { env: { HASH_DEBUG: '1', CIB_file: cib } });
    const wholeCache = /^hash: code cache used \(dist\/hash\.cache, (\d+) bytes\)$/m.exec(script.stderr);
    expect(wholeCache, script.stderr).not.toBeNull();
    expect(Number(showCache![1])).toBeLessThan(Number(wholeCache![1]));
  });

  it('without the debug switch says nothing of it', () => {
    const r = runHash(['--version']);
    expect(r.stderr).toBe('');
  });

  it('draws the live status view from its own bundle on a terminal, and q quits with 0', async () => {
    const cib = join(dir, 'cib.xml');
    copyFileSync(join(ROOT, 'demo', 'cib.xml'), cib);
    term.start(
      ['-x', '120', '-y', '30', '-e', `CIB_file=${cib}`, '-e', `XDG_CONFIG_HOME=${dir}`, '-e', `XDG_STATE_HOME=${dir}`, '-e', `XDG_CACHE_HOME=${dir}`, '-e', 'TERM=xterm-256color'],
      `cd ${ROOT} && ${process.execPath} ${HASH} status; echo "[exited $?]"; sleep 30`,
    );
    const s = await term.until((x) => x.includes('Node List:') && /› n1: online/.test(x));
    expect(s).toContain('3 nodes configured');
    term.key('q');
    await term.until((x) => x.includes('[exited 0]'));
  });
});
