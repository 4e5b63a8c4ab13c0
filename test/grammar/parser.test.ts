/**
 * Unit tests of the parser's API: locations, comments, did-you-mean,
 * robustness, and a linearity sanity check.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parseConfigure, suggest, type Statement } from '../../grammar/index.js';
import { editDistance } from '../../grammar/suggest.js';
import { tokenize } from '../../grammar/tokens.js';

describe('suggest', () => {
  it('finds close keywords and ids', () => {
    expect(suggest('primitve', ['primitive', 'group'])).toBe('primitive');
    expect(suggest('prams', ['params', 'meta'])).toBe('params');
    expect(suggest('WebSIte', ['WebSite', 'ClusterIP'])).toBe('WebSite');
    expect(suggest('zzzzzz', ['primitive', 'group'])).toBeUndefined();
    expect(suggest('group', ['group'])).toBeUndefined();
  });
  it('counts a transposition as one edit', () => {
    expect(editDistance('odrer', 'order')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('tokens', () => {
  it('keywords are whole words only and also names', () => {
    const names = tokenize('op ops op_params rule #uname inf: x=1 ( a').tokens.map((t) => t.tokenType.name);
    expect(names).toEqual(['OpKw', 'PlainWord', 'OpParamsKw', 'RuleKw', 'PlainWord', 'Score', 'NvPair', 'LParen', 'PlainWord']);
  });
  it('lines and columns stay right across CRLF, continuations and quoted continuations', () => {
    const r = tokenize('primitive p\r\n  Dummy \\\r\n params d="x \\\ny" e=1\rnode n');
    const at = (image: string) => r.tokens.find((t) => t.image === image);
    expect(at('Dummy')).toMatchObject({ startLine: 2, startColumn: 3 });
    expect(at('params')).toMatchObject({ startLine: 3, startColumn: 2 });
    expect(at('d="x \\\ny"')).toMatchObject({ startLine: 3, startColumn: 9, endLine: 4 });
    expect(at('e=1')).toMatchObject({ startLine: 4, startColumn: 4 });
    expect(at('node')).toMatchObject({ startLine: 5, startColumn: 1 });
  });

  it('a # inside a continued statement is not a comment', () => {
    const r = tokenize('location l r \\\n  #uname eq x\n# real comment\n');
    expect(r.groups['comments']?.map((t) => t.image)).toEqual(['# real comment']);
  });
});

describe('parseConfigure', () => {
  it('never throws on garbage', () => {
    const junk = ['', '\\', '"', "'", '((', ')', '} {', 'xml', 'location', 'primitive p @', '=', ':', 'a: b: c:', '\u00a0\u00a0', '#', 'property rule', 'location l r rule', 'alert a b to {'];
    for (const text of junk) {
      expect(() => parseConfigure(text)).not.toThrow();
    }
    // random byte soup
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ' \t\n\\"\'()[]{}=:#@$abcop-_0123456789\u00a0';
    for (let i = 0; i < 300; i++) {
      let s = ['primitive', 'location', 'colocation', 'order', 'group', 'alert', 'property'][i % 7] + ' ';
      for (let j = 0; j < 40; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(() => parseConfigure(s)).not.toThrow();
    }
  });

  it('statement loc covers the whole logical statement, pairs point at their own text', () => {
    const text = 'property a=1\nprimitive p Dummy \\\n  params ip="1.2.3.4" \\\n  op monitor interval=10s\n';
    const { statements } = parseConfigure(text);
    const p = statements[1]!;
    expect(text.slice(p.loc.offset, p.loc.endOffset)).toBe(
      'primitive p Dummy \\\n  params ip="1.2.3.4" \\\n  op monitor interval=10s',
    );
    expect(p.loc).toMatchObject({ line: 2, col: 1 });
    if (p.kind !== 'primitive') throw new Error('expected a primitive');
    const ip = p.sets[0]!.pairs[0]!;
    expect(text.slice(ip.loc.offset, ip.loc.endOffset)).toBe('ip="1.2.3.4"');
    expect(ip.loc).toMatchObject({ line: 3, col: 10 });
    const op = p.ops[0]!;
    expect(text.slice(op.loc.offset, op.loc.endOffset)).toBe('op monitor interval=10s');
  });

  it('rule and resource reference locs point at their text', () => {
    const text = 'location l r rule $role=Master 50: #uname eq n1 and a gt 2\ncolocation c inf: a:Master b';
    const { statements } = parseConfigure(text);
    const loc = statements[0]!;
    if (loc.kind !== 'location') throw new Error('expected a location');
    const rule = loc.rules[0]!;
    expect(text.slice(rule.loc.offset, rule.loc.endOffset)).toBe('rule $role=Master 50: #uname eq n1 and a gt 2');
    const col = statements[1]!;
    if (col.kind !== 'colocation') throw new Error('expected a colocation');
    const first = col.items[0]!;
    if (first.kind !== 'rsc') throw new Error('expected a resource');
    expect(text.slice(first.ref.loc.offset, first.ref.loc.endOffset)).toBe('a:Master');
  });

  it('reports every error of a file, one bad line never hides the next', () => {
    const text = 'primitve a Dummy\nlocation l r 100:\nprimitive ok Dummy\ncolocation c a b\norder o inf: x\n';
    const { statements, diagnostics } = parseConfigure(text);
    expect(diagnostics.map((d) => d.line)).toEqual([1, 2, 4, 5]);
    expect(statements.map((s) => ('id' in s ? s.id : s.kind))).toEqual(['ok']);
  });

  it('formats a diagnostic with file, line, column and caret', () => {
    const text = 'location ip_prefer_srv1 ClusterIP 100:\n';
    const { diagnostics } = parseConfigure(text, { file: 'oess-base.crm' });
    expect(formatDiagnostic(diagnostics[0]!, text, 'oess-base.crm')).toBe(
      [
        "oess-base.crm:1:39: error: expected a node name after '100:'",
        '  location ip_prefer_srv1 ClusterIP 100:',
        '                                        ^',
      ].join('\n'),
    );
  });

  it('CRLF, tabs and a trailing backslash at end of file are fine', () => {
    const { statements, diagnostics } = parseConfigure('primitive p\tDummy \\\r\n\tparams a=1\r\nproperty b=2 \\');
    expect(diagnostics).toEqual([]);
    expect(statements.map((s) => s.kind)).toEqual(['primitive', 'property']);
  });

  it('one unicode-space warning per line, naming line and column', () => {
    const { diagnostics, statements } = parseConfigure('primitive\u00a0p Dummy\u00a0\u00a0params a=1\nproperty\u2009x=1 \u3000y=2');
    expect(statements).toHaveLength(2);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.col])).toEqual([
      ['unicode-space', 'warning', 1, 10],
      ['unicode-space', 'warning', 2, 9],
    ]);
    expect(diagnostics[0]!.message).toContain('line 1');
    expect(diagnostics[0]!.message).toContain('column 10');
  });

  it('a Unicode space after a continuation backslash still continues the line, with a warning', () => {
    const { diagnostics, statements } = parseConfigure('primitive p Dummy \\\u00a0\n  params a=1');
    expect(statements).toHaveLength(1);
    expect(diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([['unicode-space', 1, 20]]);
  });

  it('parsing stays linear: 10,000 primitives with constraints all come out', () => {
    const lines: string[] = [];
    for (let i = 0; i < 10000; i++) {
      lines.push(`primitive p${i} ocf:heartbeat:IPaddr2 \\\n  params ip=10.0.${i >> 8}.${i & 255} \\\n  op monitor interval=10s`);
      if (i % 4 === 1) lines.push(`colocation c${i} inf: p${i} p${i - 1}`);
    }
    const { statements, diagnostics } = parseConfigure(lines.join('\n'));
    expect(diagnostics).toEqual([]);
    expect(statements).toHaveLength(12500);
    const last = statements[statements.length - 1] as Statement & { id: string };
    expect(last.id).toBe('p9999');
  });
});
