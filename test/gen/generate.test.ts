import { describe, expect, it } from 'vitest';
import { ALL_FEATURES, generateBenchConfig, generateConfig, makeRng, mutateConfig } from './generate.js';

describe('makeRng', () => {
  it('is deterministic and spreads over [0, 1)', () => {
    const a = makeRng(42);
    const b = makeRng(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.filter((x) => x < 0.5).length).toBeGreaterThan(400);
    expect(makeRng(43).next()).not.toBe(makeRng(42).next());
  });
});

describe('generateConfig', () => {
  it('gives the same text for the same seed, and another for another seed', () => {
    expect(generateConfig({ seed: 5 })).toBe(generateConfig({ seed: 5 }));
    expect(generateConfig({ seed: 5 })).not.toBe(generateConfig({ seed: 6 }));
  });

  it('covers every statement kind over a few seeds', () => {
    const text = Array.from({ length: 10 }, (_, i) => generateConfig({ seed: i + 1, resources: 10, constraints: 12 })).join('');
    const heads = new Set(text.split('\n').map((l) => l.split(' ')[0]));
    for (const kw of ['node', 'primitive', 'rsc_template', 'group', 'clone', 'ms', 'bundle', 'monitor', 'xml', 'location', 'colocation', 'order', 'rsc_ticket', 'property', 'rsc_defaults', 'op_defaults', 'tag', 'fencing_topology', 'role', 'acl_target', 'alert', '#']) {
      expect(heads, `no '${kw}' statement in 10 seeds`).toContain(kw);
    }
    for (const piece of [' rule ', ' and ', ' or ', 'date in start=', 'date spec ', 'number:', 'string:', 'version:', 'defined ', '( ', '[ ', ':Master', ':promote', 'op_params', 'op_meta', 'loss-policy=', 'symmetrical=', '$id=', '\\\n\t', 'attributes {', 'xpath:', 'ref:']) {
      expect(text, `never generated: ${JSON.stringify(piece)}`).toContain(piece);
    }
  });

  it('keeps to the features asked for', () => {
    const text = generateConfig({ seed: 9, resources: 6, constraints: 8, features: ['locations'] });
    const heads = new Set(text.trim().split('\n').map((l) => l.split(' ')[0]));
    expect([...heads].sort()).toEqual(['location', 'primitive', 'property']);
    expect(text).toContain('property stonith-enabled=false');
    expect(text).not.toContain(' rule ');
  });

  it('names no clone child and no missing resource in constraints', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const text = generateConfig({ seed, resources: 10, constraints: 12 });
      const defined = new Set<string>();
      const children = new Set<string>();
      for (const line of text.split('\n')) {
        const w = line.split(' ');
        if (['primitive', 'group', 'clone', 'ms', 'master', 'bundle'].includes(w[0]!)) defined.add(w[1]!);
        if (['clone', 'ms', 'master'].includes(w[0]!)) children.add(w[2]!);
        if (line.startsWith('xml <primitive')) defined.add(/id="([^"]+)"/.exec(line)![1]!);
      }
      for (const line of text.split('\n').filter((l) => /^(colocation|collocation|order|rsc_ticket) /.test(l))) {
        const words = line.split(' ').slice(2);
        // the score or kind (`inf:`, `Mandatory:`) and the ticket (`ticket1:`) end in ':'
        if (words[0]?.endsWith(':')) words.shift();
        const refs = words
          .filter((w) => w !== '' && !/[=()[\]]/.test(w))
          .map((w) => w.split(':')[0]!);
        for (const ref of refs) {
          expect(defined, `${line}`).toContain(ref);
          expect(children, `${line}`).not.toContain(ref);
        }
      }
    }
  });

  it('knows every feature it is asked for', () => {
    for (const f of ALL_FEATURES) expect(() => generateConfig({ seed: 1, features: [f] })).not.toThrow();
  });
});

describe('generateBenchConfig', () => {
  it('has n primitives and 1.5n constraints, about 2.5n lines', () => {
    const text = generateBenchConfig(1000);
    const lines = text.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('primitive ')).length).toBe(1000);
    expect(lines.filter((l) => /^(location|colocation|order) /.test(l)).length).toBe(1500);
    expect(lines.length).toBeGreaterThanOrEqual(2500);
    expect(lines.length).toBeLessThan(2510);
    expect(generateBenchConfig(1000)).toBe(text);
    for (const l of lines.filter((x) => x.startsWith('primitive '))) expect(l).toMatch(/ params .* meta .* op monitor /);
  });
});

describe('mutateConfig', () => {
  it('keeps a deterministic subset of the statements, with some numbers changed and op intervals kept', () => {
    const base = generateConfig({ seed: 4, resources: 10, constraints: 10 });
    const next = mutateConfig(base, 4);
    expect(mutateConfig(base, 4)).toBe(next);
    const ids = (t: string): string[] => t.split('\n').filter((l) => /^(primitive|location|colocation|order) /.test(l)).map((l) => l.split(' ')[1]!);
    const baseIds = new Set(ids(base));
    expect(ids(next).length).toBeGreaterThan(0);
    expect(ids(next).length).toBeLessThan(baseIds.size);
    for (const id of ids(next)) expect(baseIds).toContain(id);
    expect(next).not.toBe(base);
    const intervals = (t: string): string[] => [...t.matchAll(/interval=\w+/g)].map((m) => m[0]).sort();
    for (const iv of intervals(next)) expect(intervals(base)).toContain(iv);
  });
});
