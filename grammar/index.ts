/**
 * The crm configure language: `parseConfigure(text)` turns configure text
 * (a file, a `load`, or one REPL line) into statements and diagnostics.
 * Nothing here throws on bad input: every lexical, syntax and unicode-space
 * problem of the whole text comes back in `diagnostics`, each located by
 * line and column. Statements with errors are left out of `statements`.
 *
 * @example
 *   const { statements, diagnostics } = parseConfigure('primitive p Dummy op monitor interval=10s');
 *   statements[0]; // { kind: 'primitive', id: 'p', agent: { type: 'Dummy' }, ops: [...] ... }
 *   diagnostics.map((d) => formatDiagnostic(d, text, 'config.crm'));
 */
import { EOF, tokenMatcher, type IToken, type IRecognitionException } from 'chevrotain';
import type { Statement, XmlStatement } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { configureParser } from './parser.js';
import { readPlainStatement } from './plain.js';
import { suggest } from './suggest.js';
import * as T from './tokens.js';
import { buildStatement } from './visitor.js';
import { tokenLoc } from './words.js';

export * from './ast.js';
export * from './diagnostics.js';
export { suggest, editDistance } from './suggest.js';

export interface ParseResult {
  statements: Statement[];
  diagnostics: Diagnostic[];
}

/** Keywords that may follow the head of a statement, for "did you mean" on a stray word. */
const CLAUSE_KEYWORDS: Record<string, string[]> = {
  primitive: ['params', 'meta', 'utilization', 'op', 'operations', 'op_params', 'op_meta'],
  rsc_template: ['params', 'meta', 'utilization', 'op', 'operations', 'op_params', 'op_meta'],
  group: ['meta', 'params'],
  clone: ['meta', 'params'],
  ms: ['meta', 'params'],
  master: ['meta', 'params'],
  node: ['attributes', 'utilization'],
  alert: ['attributes', 'meta', 'select', 'to'],
  bundle: ['docker', 'podman', 'rkt', 'network', 'port-mapping', 'storage', 'storage-mapping', 'primitive', 'meta', 'params'],
  location: ['rule'],
  property: ['rule'],
  rsc_defaults: ['rule'],
  op_defaults: ['rule'],
};

const UNICODE_NAMES: Record<string, string> = {
  '\u00A0': 'no-break space',
  '\u202F': 'narrow no-break space',
  '\u3000': 'ideographic space',
  '\uFEFF': 'byte order mark / zero-width no-break space',
  '\u205F': 'medium mathematical space',
  '\u1680': 'ogham space mark',
};

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface ParseOptions {
  /** the file the text came from; unused here (see parseConfigure) */
  file?: string;
  /** false: every statement goes through the chevrotain parser, none through plain.ts (for tests that compare the two) */
  plain?: boolean;
}

/**
 * Parses configure text. Diagnostics carry line/column in `text` only;
 * `formatDiagnostic(d, text, file)` adds the file name, so `opts.file` is
 * accepted for symmetry with callers and not needed here.
 */
export function parseConfigure(text: string, opts: ParseOptions = {}): ParseResult {
  const plain = opts.plain !== false;
  const diagnostics: Diagnostic[] = [];
  const statements: Statement[] = [];
  // Statements are parsed as the lexer reads them, one line (with its continuations) at a time:
  // the tokens of a big file never all live at once. Comments and lexing errors are recorded
  // by the lexer before the tokens that follow them, so each statement sees its own.
  const lex: T.LexSide = { groups: { unicode: [], comments: [], continuations: [] }, errors: [] };
  const comments = lex.groups.comments;
  let ci = 0;
  let bi = 0;
  let group: IToken[] = [];
  const flush = (): void => {
    if (group.length === 0) return;
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const attached: string[] = [];
    while (ci < comments.length && comments[ci]!.startOffset < first.startOffset) attached.push(comments[ci++]!.image);
    const end = (last.endOffset ?? last.startOffset) + 1;
    // lexing errors (an unterminated quote is the usual one): the statements on their lines are not parsed
    while (bi < lex.errors.length && (lex.errors[bi]!.line ?? 0) < (first.startLine ?? 0)) bi++;
    const hasLexError = bi < lex.errors.length && (lex.errors[bi]!.line ?? 0) <= (last.endLine ?? 0);
    if (!hasLexError) {
      const stmt = safeParseStatement(text, group, diagnostics, plain);
      if (stmt) {
        stmt.comments = attached;
        stmt.loc = { ...tokenLoc(first), endOffset: end };
        statements.push(stmt);
      }
    }
    group = [];
  };
  T.lexText(
    text,
    (t) => {
      if (t.tokenType === T.Newline) flush();
      else group.push(t);
    },
    lex,
  );
  flush();

  // Unicode spaces: one warning per line, at the first one.
  const warnedLines = new Set<number>();
  const spaces = [...lex.groups.unicode];
  for (const c of lex.groups.continuations) {
    const at = c.image.search(/[^\\ \t\r\n]/);
    if (at >= 0) spaces.push({ ...c, image: c.image.slice(at).replace(/[\r\n]+$/, ''), startColumn: (c.startColumn ?? 1) + at });
  }
  spaces.sort((a, b) => a.startOffset - b.startOffset);
  for (const u of spaces) {
    const line = u.startLine ?? 1;
    if (warnedLines.has(line)) continue;
    warnedLines.add(line);
    const ch = u.image[0]!;
    diagnostics.push({
      severity: 'warning',
      code: 'unicode-space',
      message: `line ${line} has ${withArticle(UNICODE_NAMES[ch] ?? 'Unicode space')} (${codePoint(ch)}) at column ${u.startColumn}; it is read as a plain space`,
      line,
      col: u.startColumn ?? 1,
      length: u.image.length,
      hint: 'text pasted from a web page often carries these; replace them with plain spaces',
    });
  }

  for (const e of lex.errors) {
    // the word that failed to lex: an unterminated quote is the usual reason
    const bad = text.slice(e.offset, e.offset + e.length);
    const q = bad.search(/["']/);
    const quote = q >= 0;
    const ch = quote ? bad[q]! : (bad[0] ?? '');
    diagnostics.push({
      severity: 'error',
      code: 'lex',
      message: quote ? `unterminated quote ${ch}` : `unexpected character '${ch}'`,
      line: e.line ?? 1,
      col: (e.column ?? 1) + (quote ? q : 0),
      length: quote ? 1 : e.length,
      hint: quote ? `close the quote with ${ch} before the end of the statement` : undefined,
    });
  }
  diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
  return { statements, diagnostics };
}

/** A bug in the parser must not take the whole file down: it becomes a diagnostic on its statement. */
function safeParseStatement(text: string, tokens: IToken[], diagnostics: Diagnostic[], plain: boolean): Statement | undefined {
  try {
    return (plain ? readPlainStatement(tokens) : undefined) ?? parseStatement(text, tokens, diagnostics);
  } catch (e) {
    const first = tokens[0]!;
    diagnostics.push({
      severity: 'error',
      code: 'internal',
      message: `internal error while parsing this statement: ${e instanceof Error ? e.message : String(e)}`,
      line: first.startLine ?? 1,
      col: first.startColumn ?? 1,
      length: first.image.length,
      hint: 'this is a bug in hash; please report it with the statement',
    });
    return undefined;
  }
}

function parseStatement(text: string, tokens: IToken[], diagnostics: Diagnostic[]): Statement | undefined {
  const first = tokens[0]!;
  if (tokenMatcher(first, T.XmlKw)) {
    if (tokens.length < 2) {
      diagnostics.push({
        severity: 'error',
        code: 'parse',
        message: `expected raw XML after 'xml'`,
        line: first.startLine ?? 1,
        col: (first.endColumn ?? 3) + 1,
        length: 1,
      });
      return undefined;
    }
    return xmlStatement(text, tokens);
  }
  if (!tokenMatcher(first, T.StatementKeyword)) {
    const s = tokenMatcher(first, T.Word) ? suggest(first.image, T.STATEMENT_KEYWORDS) : undefined;
    diagnostics.push({
      severity: 'error',
      code: 'parse',
      message: `unknown statement '${first.image}'${s ? `; did you mean '${s}'?` : ''}`,
      line: first.startLine ?? 1,
      col: first.startColumn ?? 1,
      length: first.image.length,
      hint: s ? undefined : `a configure statement starts with one of: ${T.STATEMENT_KEYWORDS.join(', ')}`,
    });
    return undefined;
  }
  const parser = configureParser();
  parser.input = tokens;
  const cst = parser.statement();
  if (parser.errors.length > 0) {
    for (const e of parser.errors) diagnostics.push(syntaxError(e, first.image));
    return undefined;
  }
  let failed = false;
  const stmt = buildStatement(cst, (d) => {
    if (d.severity === 'error') failed = true;
    diagnostics.push(d);
  });
  return failed ? undefined : stmt;
}

function xmlStatement(text: string, tokens: IToken[]): XmlStatement {
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  const start = tokens[1]?.startOffset ?? (first.endOffset ?? first.startOffset) + 1;
  const raw = text
    .slice(start, (last.endOffset ?? last.startOffset) + 1)
    .replace(/\\[ \t]*(\r\n|\r|\n)/g, ' ')
    .trim();
  return { kind: 'xml', xml: raw, comments: [], loc: tokenLoc(first) };
}

/** One chevrotain exception as a located diagnostic that says what was expected, in words. */
function syntaxError(e: IRecognitionException, keyword: string): Diagnostic {
  const t = e.token;
  const prev = (e as IRecognitionException & { previousToken?: IToken }).previousToken;
  if (e.name === 'NotAllInputParsedException') {
    const candidates = CLAUSE_KEYWORDS[keyword] ?? [];
    const s = tokenMatcher(t, T.Word) ? suggest(t.image, candidates) : undefined;
    const hint = candidates.length ? `${articled(keyword)} continues with ${candidates.join(', ')}` : undefined;
    return {
      severity: 'error',
      code: 'parse',
      message: `unexpected '${t.image}' in ${articled(keyword)}${s ? `; did you mean '${s}'?` : ''}`,
      line: t.startLine ?? 1,
      col: t.startColumn ?? 1,
      length: t.image.length,
      ...(hint && !s ? { hint } : {}),
    };
  }
  const what = e.message;
  if (t.tokenType === EOF || Number.isNaN(t.startOffset)) {
    const p = prev && prev.tokenType !== EOF ? prev : undefined;
    return {
      severity: 'error',
      code: 'parse',
      message: p ? `expected ${what} after '${p.image}'` : `expected ${what}`,
      line: p?.endLine ?? 1,
      col: (p?.endColumn ?? 0) + 1,
      length: 1,
    };
  }
  // `colocation c inf a b`, `location l r 100 n1`: a score missing its colon
  const scoreLike = /^([-+]?(\d+|inf|INFINITY|infinity)|Mandatory|Optional|Serialize|mandatory|advisory)$/.test(t.image);
  const colon = /score/.test(what) && scoreLike ? `; did you mean '${t.image}:'?` : '';
  return {
    severity: 'error',
    code: 'parse',
    message: `expected ${what}, found '${t.image}'${colon}`,
    line: t.startLine ?? 1,
    col: t.startColumn ?? 1,
    length: t.image.length,
  };
}

function withArticle(what: string): string {
  return /^[aeiouAEIOU]/.test(what) ? `an ${what}` : `a ${what}`;
}

function articled(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind} statement` : `a ${kind} statement`;
}
