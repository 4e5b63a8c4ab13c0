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
import { EOF, type IToken, type IRecognitionException } from 'chevrotain';
import type { Statement, XmlStatement } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { configureParser } from './parser.js';
import { readPlainStatement } from './plain.js';
import { readStatements, type ParseOptions, type ParseResult } from './statements.js';
import { suggest } from './suggest.js';
import * as T from './tokens.js';
import { buildStatement } from './visitor.js';
import { tokenLoc } from './words.js';

export * from './ast.js';
export * from './diagnostics.js';
export { suggest, editDistance } from './suggest.js';

export type { ParseOptions, ParseResult } from './statements.js';

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

/** Parses configure text: every statement, every problem, located by line and column in `text`. */
export function parseConfigure(text: string, opts: ParseOptions = {}): ParseResult {
  const plain = opts.plain !== false;
  return readStatements(text, (text, tokens, diagnostics) => safeParseStatement(text, tokens, diagnostics, plain));
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
  if (T.matches(first, T.XmlKw)) {
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
  if (!T.matches(first, T.StatementKeyword)) {
    const s = T.matches(first, T.Word) ? suggest(first.image, T.STATEMENT_KEYWORDS) : undefined;
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
    const s = T.matches(t, T.Word) ? suggest(t.image, candidates) : undefined;
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


function articled(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind} statement` : `a ${kind} statement`;
}
