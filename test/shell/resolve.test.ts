/**
 * What a line means at a level: the resolver the REPL, scripts and completion
 * share, and the help made from the same tree.
 */
import { describe, expect, it } from 'vitest';
import { resolveLine } from '../../src/shell/resolve.js';
import { helpText } from '../../src/shell/help.js';
import { splitWords } from '../../src/shell/words.js';
import { LEVELS } from '../../src/shell/registry.js';

const at = (line: string, path: string[] = []) => resolveLine(splitWords(line), path);

describe('resolveLine', () => {
  it('a level name alone enters it; words after it run there, one-shot', () => {
    expect(at('configure')).toEqual({ kind: 'enter', path: ['configure'] });
    const p = at('configure show web');
    expect(p).toMatchObject({ kind: 'command', path: ['configure'], args: [{ text: 'web' }], oneShot: true });
    expect(p.kind === 'command' && p.def.name).toBe('show');
  });

  it("crmsh's abbreviations and unique prefixes", () => {
    expect(at('cfg')).toEqual({ kind: 'enter', path: ['configure'] });
    expect(at('conf')).toEqual({ kind: 'enter', path: ['configure'] });
    expect(at('rsc')).toEqual({ kind: 'enter', path: ['resource'] });
    const st = at('st');
    expect(st.kind === 'command' && st.def.name).toBe('status');
  });

  it('configure statements are exact words; `node` is a statement in configure and a level at the top', () => {
    expect(at('node n1', ['configure'])).toMatchObject({ kind: 'statement', at: 0, oneShot: false });
    expect(at('configure primitive p Dummy')).toMatchObject({ kind: 'statement', path: ['configure'], at: 1, oneShot: true });
    expect(at('node')).toEqual({ kind: 'enter', path: ['node'] });
    expect(at('master ms1 p', ['configure'])).toMatchObject({ kind: 'statement' });
  });

  it('an unknown word is an error naming it, with the closest command', () => {
    const p = at('primitiv p Dummy', ['configure']);
    expect(p).toMatchObject({ kind: 'error', code: 'syntax', word: { text: 'primitiv', start: 0 } });
    expect(p.kind === 'error' && p.hint).toBe("did you mean 'primitive'?");
    expect(at('resorce')).toMatchObject({ kind: 'error', code: 'command', hint: "did you mean 'resource'?" });
  });

  it('an ambiguous prefix lists the candidates', () => {
    const p = at('r', ['configure']);
    expect(p.kind).toBe('error');
    expect(p.kind === 'error' && p.message).toMatch(/ambiguous: .*rename.*ra/);
  });

  it('navigation: end/up/cd ../cd/top/quit', () => {
    expect(at('end', ['configure'])).toEqual({ kind: 'up' });
    expect(at('up', ['configure'])).toEqual({ kind: 'up' });
    expect(at('cd ..', ['configure'])).toEqual({ kind: 'up' });
    expect(at('cd', ['configure'])).toEqual({ kind: 'top' });
    expect(at('cd resource')).toEqual({ kind: 'enter', path: ['resource'] });
    expect(at('top', ['configure'])).toEqual({ kind: 'top' });
    expect(at('exit')).toEqual({ kind: 'quit' });
    expect(at('cd nowhere')).toMatchObject({ kind: 'error', word: { text: 'nowhere' } });
  });

  it('configure reaches its cib and ra sub-levels, and top-level words from anywhere', () => {
    expect(at('cib', ['configure'])).toEqual({ kind: 'enter', path: ['configure', 'cib'] });
    const st = at('status', ['configure']);
    expect(st.kind === 'command' && st.path).toEqual([]);
    expect(at('resource', ['node'])).toEqual({ kind: 'enter', path: ['resource'] });
  });

  it('blank lines and comments are empty', () => {
    expect(at('   ')).toEqual({ kind: 'empty' });
    expect(at('# a comment')).toEqual({ kind: 'empty' });
  });
});

describe('help from the tree', () => {
  it('lists levels at the top and commands of a level', () => {
    const top = helpText([], []);
    for (const l of LEVELS) expect(top).toContain(l.name);
    expect(helpText(['configure'], [])).toMatch(/Configure statements:[^]*primitive/);
  });

  it('help <command> shows usage and examples; help <level> <command> from anywhere', () => {
    expect(helpText(['configure'], splitWords('show'))).toMatch(/^configure show — [^]*Usage: configure show \[xml\]/);
    expect(helpText([], splitWords('configure primitive'))).toContain('Examples:\n  primitive ClusterIP ocf:heartbeat:IPaddr2');
  });

  it('help on something unknown is a usage error', () => {
    expect(() => helpText([], splitWords('nothing'))).toThrow(/no help on 'nothing'/);
  });
});
