/**
 * User preferences: the store (src/shell/options-store.ts) on a real
 * temporary XDG config dir, and the `options` level through the CLI.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/shell/errors.js';
import { commandWords, loadOptions, optionsPath, resetOptions, setOption, useColor } from '../../src/shell/options-store.js';
import { emptyCibFile, runHash } from '../cli/run-hash.js';

function configHome(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'hash-options-'));
  // no $VISUAL/$EDITOR/$PAGER from whoever runs the tests
  return { dir, env: { XDG_CONFIG_HOME: dir, HOME: dir } };
}

describe('options store', () => {
  it('defaults: $VISUAL, then $EDITOR, then vi; $PAGER, then less; color; sorted', () => {
    const { env } = configHome();
    expect(loadOptions(env)).toEqual({ editor: 'vi', pager: 'less', output: 'color', sortElements: true });
    expect(loadOptions({ ...env, EDITOR: 'nano', PAGER: 'more' })).toMatchObject({ editor: 'nano', pager: 'more' });
    expect(loadOptions({ ...env, EDITOR: 'nano', VISUAL: 'vim' }).editor).toBe('vim');
  });

  it('a value set wins over the environment, is saved in $XDG_CONFIG_HOME/hash/options.json, and survives', () => {
    const { dir, env } = configHome();
    setOption(env, 'editor', 'emacs -nw');
    setOption(env, 'sort_elements', 'off');
    setOption(env, 'color.style', 'plain');
    const path = join(dir, 'hash', 'options.json');
    expect(optionsPath(env)).toBe(path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ editor: 'emacs -nw', 'sort-elements': 'no', output: 'plain' });
    const o = loadOptions({ ...env, EDITOR: 'nano' });
    expect(o).toEqual({ editor: 'emacs -nw', pager: 'less', output: 'plain', sortElements: false });
    expect(commandWords(o.editor)).toEqual(['emacs', '-nw']);
  });

  it('without XDG_CONFIG_HOME: ~/.config/hash/options.json', () => {
    const { dir } = configHome();
    expect(optionsPath({ HOME: dir })).toBe(join(dir, '.config', 'hash', 'options.json'));
  });

  it('reset forgets one option, or all', () => {
    const { env } = configHome();
    setOption(env, 'editor', 'vim');
    setOption(env, 'pager', 'most');
    resetOptions(env, 'core.editor');
    expect(loadOptions(env)).toMatchObject({ editor: 'vi', pager: 'most' });
    resetOptions(env);
    expect(loadOptions(env)).toMatchObject({ editor: 'vi', pager: 'less' });
  });

  it('unknown names and bad values are errors that list what is known', () => {
    const { env } = configHome();
    expect(() => setOption(env, 'colour', 'x')).toThrow(/unknown option 'colour'/);
    try {
      setOption(env, 'colour', 'x');
    } catch (e) {
      expect((e as UserError).hint).toBe('known options: editor, pager, output, sort-elements');
      expect((e as UserError).exitCode).toBe(2);
    }
    expect(() => setOption(env, 'skill-level', 'expert')).toThrow(/crmsh's option 'skill-level' has no meaning in hash/);
    expect(() => setOption(env, 'output', 'rainbow')).toThrow(/output cannot be 'rainbow'/);
    expect(() => setOption(env, 'output', 'color,uppercase')).toThrow(/upper case/);
    expect(() => setOption(env, 'sort-elements', 'maybe')).toThrow(/sort-elements cannot be 'maybe'/);
    expect(() => setOption(env, 'editor', '  ')).toThrow(/editor needs a value/);
    expect(existsSync(optionsPath(env))).toBe(false);
  });

  it('a damaged file is an error naming it and the way out; values from a newer hash are kept', () => {
    const { dir, env } = configHome();
    mkdirSync(join(dir, 'hash'));
    writeFileSync(join(dir, 'hash', 'options.json'), '{ "editor": ');
    expect(() => loadOptions(env)).toThrow(`the preferences in ${join(dir, 'hash', 'options.json')} are not valid`);
    expect(() => setOption(env, 'pager', 'less')).toThrow(/not valid/);
    writeFileSync(join(dir, 'hash', 'options.json'), '{ "future-thing": 3, "output": "rainbow" }');
    expect(() => loadOptions(env)).toThrow(/output cannot be 'rainbow'/);
    writeFileSync(join(dir, 'hash', 'options.json'), '{ "future-thing": 3 }');
    setOption(env, 'pager', 'most');
    expect(JSON.parse(readFileSync(join(dir, 'hash', 'options.json'), 'utf8'))).toEqual({ 'future-thing': 3, pager: 'most' });
  });

  it('useColor: plain never, color-always always, color on a terminal without NO_COLOR', () => {
    expect(useColor({ output: 'plain' }, true, {})).toBe(false);
    expect(useColor({ output: 'color-always' }, false, {})).toBe(true);
    expect(useColor({ output: 'color' }, true, {})).toBe(true);
    expect(useColor({ output: 'color' }, false, {})).toBe(false);
    expect(useColor({ output: 'color' }, true, { NO_COLOR: '1' })).toBe(false);
  });
});

describe('the options level', () => {
  it('set, show, reset through the CLI', () => {
    const { dir } = configHome();
    const env = { XDG_CONFIG_HOME: dir, EDITOR: 'nano', VISUAL: undefined, PAGER: undefined };
    const show0 = runHash(['options', 'show'], { env });
    expect(show0.code, show0.stderr).toBe(0);
    expect(show0.stdout).toBe('editor = nano (from $EDITOR)\npager = less (default)\noutput = color (default)\nsort-elements = yes (default)\n');

    const set = runHash(['options', 'set', 'editor', 'emacs', '-nw'], { env });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toBe(`editor = emacs -nw (saved in ${join(dir, 'hash', 'options.json')})\n`);
    expect(runHash(['options', 'output', 'plain'], { env }).code).toBe(0);
    expect(runHash(['options', 'show', 'editor'], { env }).stdout).toBe('editor = emacs -nw\n');
    expect(runHash(['options', 'output'], { env }).stdout).toBe('output = plain\n');

    const reset = runHash(['options', 'reset'], { env });
    expect(reset.code, reset.stderr).toBe(0);
    expect(runHash(['options', 'show', 'all'], { env }).stdout).toBe(show0.stdout);
  });

  it('an unknown option is a usage error listing the known ones', () => {
    const { dir } = configHome();
    const r = runHash(['options', 'set', 'wait', 'yes'], { env: { XDG_CONFIG_HOME: dir } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("crmsh's option 'wait' has no meaning in hash");
    expect(r.stderr).toContain("hash's options: editor, pager, output, sort-elements");
    const s = runHash(['options', 'show', 'nope'], { env: { XDG_CONFIG_HOME: dir } });
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('known options: editor, pager, output, sort-elements');
    const v = runHash(['options', 'sort-elements', 'no', 'yes'], { env: { XDG_CONFIG_HOME: dir } });
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('sort-elements takes one value');
  });
});

describe('configure show follows the preferences', () => {
  /** A CIB file with objects written in an order that is not sorted by id. */
  function unsortedCib(): ReturnType<typeof emptyCibFile> {
    const cib = emptyCibFile();
    const script = join(cib.dir, 'load.crm');
    writeFileSync(script, ['configure primitive zeta ocf:pacemaker:Dummy', 'configure primitive alpha ocf:pacemaker:Dummy', 'configure primitive mid ocf:pacemaker:Dummy', ''].join('\n'));
    expect(runHash(['-f', script], { env: cib.env }).code).toBe(0);
    return cib;
  }
  const ids = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('primitive ')).map((l) => l.split(' ')[1]!);

  it('sort-elements: yes sorts objects of a kind by id; no keeps the order of the CIB, in show and in save', () => {
    const cib = unsortedCib();
    const { dir } = configHome();
    const env = { ...cib.env, XDG_CONFIG_HOME: dir };
    expect(ids(runHash(['configure', 'show'], { env }).stdout)).toEqual(['alpha', 'mid', 'zeta']);
    expect(runHash(['options', 'set', 'sort-elements', 'no'], { env }).code).toBe(0);
    expect(ids(runHash(['configure', 'show'], { env }).stdout)).toEqual(['zeta', 'alpha', 'mid']);
    const saved = join(cib.dir, 'saved.crm');
    expect(runHash(['configure', 'save', saved], { env }).code).toBe(0);
    expect(ids(readFileSync(saved, 'utf8'))).toEqual(['zeta', 'alpha', 'mid']);
  });

  it('output: color-always colours show even in a pipe; plain and the default do not', () => {
    const cib = unsortedCib();
    const { dir } = configHome();
    const env = { ...cib.env, XDG_CONFIG_HOME: dir, NO_COLOR: undefined };
    // eslint-disable-next-line no-control-regex
    const ansi = /\x1b\[[0-9;]*m/;
    expect(runHash(['configure', 'show'], { env }).stdout).not.toMatch(ansi);
    expect(runHash(['options', 'set', 'output', 'color-always'], { env }).code).toBe(0);
    const colored = runHash(['configure', 'show'], { env }).stdout;
    expect(colored).toMatch(ansi);
    expect(colored.replace(/\x1b\[[0-9;]*m/g, '')).toBe(runHash(['configure', 'show'], { env: cib.env }).stdout);
    expect(runHash(['options', 'set', 'output', 'plain'], { env }).code).toBe(0);
    expect(runHash(['configure', 'show'], { env }).stdout).not.toMatch(ansi);
  });
});
