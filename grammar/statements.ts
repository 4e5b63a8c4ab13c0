/**
 * Configure text as statements, whatever reads each statement: the lexer
 * loop, comments attached to the statement below them, and the diagnostics of
 * the text itself (unterminated quotes, Unicode spaces). index.ts reads each
 * statement with plain.ts or the chevrotain parser; lazy.ts with plain.ts
 * alone, loading the parser only when a statement needs it. Nothing here
 * loads chevrotain.
 *
 * @example
 *   readStatements(text, (text, tokens, diagnostics) => readPlainStatement(tokens));
 */
import type { IToken } from 'chevrotain';
import type { Statement } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import * as T from './tokens.js';
import { tokenLoc } from './words.js';

export interface ParseResult {
  statements: Statement[];
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** the file the text came from: diagnostics carry line/column only; formatDiagnostic(d, text, file) adds it */
  file?: string;
  /** false: every statement goes through the chevrotain parser, none through plain.ts (for tests that compare the two) */
  plain?: boolean;
}

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

/**
 * How one statement's tokens (no newline) become a statement: problems go to
 * `diagnostics`; undefined leaves the statement out.
 */
export type StatementReader = (text: string, tokens: IToken[], diagnostics: Diagnostic[]) => Statement | undefined;

/**
 * The statements of configure text, each read by `read` as soon as the lexer
 * has its line, with the lexer's own diagnostics (unterminated quotes,
 * Unicode spaces) and the `#` comments above each statement attached to it.
 * Diagnostics come back sorted by place.
 */
export function readStatements(text: string, read: StatementReader): ParseResult {
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
      const stmt = read(text, group, diagnostics);
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


function withArticle(what: string): string {
  return /^[aeiouAEIOU]/.test(what) ? `an ${what}` : `a ${what}`;
}
