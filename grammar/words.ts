/**
 * The words of the crm configure language as the AST holds them: unquoting,
 * `name=value` pairs, agents, resource references and source locations.
 * Shared by the CST visitor (visitor.ts) and the direct reader of plain
 * statements (plain.ts), so both give the same AST for the same tokens.
 * Nothing here depends on the chevrotain parser.
 *
 * @example
 *   nvPairOf(token);           // `ip="10.0.0.1"` → { name: 'ip', value: '10.0.0.1', loc }
 *   parseAgent('ocf:heartbeat:IPaddr2'); // { class: 'ocf', provider: 'heartbeat', type: 'IPaddr2' }
 */
import type { IToken } from 'chevrotain';
import type * as A from './ast.js';

/** The actions an agent usually has: another name gets a "did you mean" when it is close to one. */
export const OP_NAMES = ['start', 'stop', 'monitor', 'promote', 'demote', 'notify', 'migrate_to', 'migrate_from', 'reload', 'reload-agent', 'meta-data', 'validate-all', 'status'];
/** Node types written as `uname:type`. */
export const NODE_TYPES = ['normal', 'member', 'ping', 'remote'];

/**
 * Removes shell-style quotes: `"..."` (where `\"`, `\\`, `` \` `` and `\$` are escapes)
 * and `'...'` (literal). Backslashes outside quotes are kept: they are common in
 * regexes and xpaths.
 */
export function unquote(s: string): string {
  if (!s.includes('"') && !s.includes("'")) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        const cont = s[i] === '\\' ? /^\\(\r\n|\r|\n)/.exec(s.slice(i, i + 3)) : null;
        if (cont) {
          // a `\` continuation inside quotes joins the lines, as outside
          i += cont[0].length;
        } else if (s[i] === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1]!)) {
          out += s[i + 1];
          i += 2;
        } else {
          out += s[i];
          i++;
        }
      }
      i++;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      out += s.slice(i + 1, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end + 1;
    } else if (c === '\\' && i + 1 < s.length) {
      out += c + s[i + 1];
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index of the first `ch` outside quotes, or -1. */
function indexOutsideQuotes(s: string, ch: string): number {
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === '\\' && q === '"') i++;
      else if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === ch) return i;
  }
  return -1;
}

export function tokenLoc(t: IToken): A.Loc {
  return { line: t.startLine ?? 1, col: t.startColumn ?? 1, offset: t.startOffset, endOffset: (t.endOffset ?? t.startOffset) + 1 };
}

export function span(a: A.Loc, b: A.Loc): A.Loc {
  return { line: a.line, col: a.col, offset: a.offset, endOffset: Math.max(a.endOffset, b.endOffset) };
}

export function word(t: IToken | undefined): string {
  return t ? unquote(t.image) : '';
}

export function scoreText(t: IToken): string {
  return unquote(t.image.slice(0, -1));
}

/** `name=value`, `$id:name=value`, `$name=value` */
export function nvPairOf(t: IToken): A.NvPair {
  const eq = indexOutsideQuotes(t.image, '=');
  let name = unquote(t.image.slice(0, eq));
  const value = unquote(t.image.slice(eq + 1));
  const pair: A.NvPair = { name, value, loc: tokenLoc(t) };
  if (name.startsWith('$') && name !== '$id' && name !== '$id-ref' && name !== '$role') {
    name = name.slice(1);
    const colon = name.indexOf(':');
    if (colon > 0) {
      pair.id = name.slice(0, colon);
      pair.name = name.slice(colon + 1);
    } else {
      pair.id = name;
      pair.name = name;
    }
  }
  return pair;
}

export function splitOnce(w: string, sep: string): [string, string | undefined] {
  const i = w.indexOf(sep);
  return i < 0 ? [w, undefined] : [w.slice(0, i), w.slice(i + 1)];
}

export function parseAgent(w: string): A.AgentSpec {
  const parts = w.split(':');
  if (parts.length === 1) return { type: w };
  if (parts.length === 2) return { class: parts[0]!, type: parts[1]! };
  return { class: parts[0]!, provider: parts[1]!, type: parts.slice(2).join(':') };
}

export function rscRefOf(t: IToken): A.RscRef {
  const [id, suffix] = splitOnce(word(t), ':');
  const r: A.RscRef = { id, loc: tokenLoc(t) };
  if (suffix !== undefined) r.suffix = suffix;
  return r;
}
