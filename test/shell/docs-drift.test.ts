/**
 * man/ and completions/ are generated from the command registry by
 * scripts/gen-docs.ts (`npm run docs`) and committed. These tests fail when
 * the committed files differ from what the registry makes now, when the man
 * page does not render cleanly, and when the global options the man page
 * lists differ from those `hash --help` shows.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles, manPage, ROOT, staleFiles, usageOf } from '../../scripts/gen-docs.js';
import { GLOBAL_OPTIONS } from '../../src/shell/complete-command.js';
import { GLOBAL_COMMANDS, LEVELS, ROOT_COMMANDS } from '../../src/shell/registry.js';
import { runHash } from '../cli/run-hash.js';

describe('generated docs', () => {
  it('the committed man pages and completion scripts are what the registry generates (run `npm run docs`)', () => {
    expect(Object.keys(generatedFiles())).toEqual(['man/hash.1', 'man/hash-configure.7', 'completions/hash.bash', 'completions/_hash', 'completions/hash.fish']);
    expect(staleFiles()).toEqual([]);
  });

  it('the man page has every level and command, with its usage', () => {
    const page = manPage();
    const plain = page.replace(/\\f[BIR]/g, '').replace(/\\-/g, '-').replace(/\\e/g, '\\');
    for (const level of LEVELS) {
      expect(plain).toContain(`.SS "${level.name}`);
      for (const c of level.commands.filter((x) => !x.statement)) expect(plain, `${level.name} ${c.name}`).toContain(`${level.name} ${usageOf(c).replace(/<([^>]+)>/g, '$1')}`);
    }
    for (const c of [...ROOT_COMMANDS, ...GLOBAL_COMMANDS]) expect(plain).toContain(usageOf(c).replace(/<([^>]+)>/g, '$1'));
  });

  it('renders without warnings', () => {
    for (const page of ['hash.1', 'hash-configure.7']) {
      const r = spawnSync('groff', ['-man', '-ww', '-z', join(ROOT, 'man', page)], { encoding: 'utf8' });
      expect(r.error, 'groff is needed (apt-get install -y groff-base)').toBeUndefined();
      expect(r.stderr, page).toBe('');
      expect(r.status).toBe(0);
    }
    const man = spawnSync('man', ['-l', join(ROOT, 'man', 'hash.1')], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '80', MANPAGER: 'cat', PAGER: 'cat' } });
    expect(man.stdout).toMatch(/^HASH\(1\)/);
    const text = man.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('enable -n hash');
    expect(text).toContain('disable hash');
    expect(text).toContain('hashell');
  });

  it('lists the global options `hash --help` shows, and no others', () => {
    const help = runHash(['--help']).stdout;
    const shown = new Set([...help.matchAll(/(?:^|[\s,])(--?[A-Za-z][\w-]*)/gm)].map((m) => m[1]!).filter((o) => o !== '-'));
    const documented = new Set(GLOBAL_OPTIONS.flatMap((o) => o.names));
    // --help mentions `hash --help` itself and options of commands in its examples; only compare option-shaped words of the Options block
    const optionsBlock = help.slice(help.indexOf('Options:'), help.indexOf('\n\n', help.indexOf('Options:')));
    const inBlock = new Set([...optionsBlock.matchAll(/(?:^|[\s,;])(--?[A-Za-z][\w-]*)/gm)].map((m) => m[1]!));
    expect([...inBlock].filter((o) => !documented.has(o))).toEqual([]);
    // a documented spelling --help leaves out (--yes) must still be one hash accepts
    for (const o of GLOBAL_OPTIONS) {
      for (const n of o.names.filter((x) => !shown.has(x))) {
        const r = runHash([n, ...(o.value ? ['x'] : []), '--version']);
        expect(r.stderr, n).toBe('');
        expect(r.code, n).toBe(0);
      }
    }
  });
});
