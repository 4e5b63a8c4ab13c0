/**
 * The shell's way into the configure language: the same result as
 * `parseConfigure` (index.ts), but chevrotain and the parser load only when a
 * statement is not plain (see plain.ts). Loading them costs ~25 ms of a
 * one-shot command's start, and a file of plain statements (what `show` and
 * `save` print for most configurations, and what most people write) never
 * needs them.
 *
 * @example
 *   const { statements, diagnostics } = await parseConfigureLazily(text, { file });
 */
import type { Statement } from './ast.js';
import { readPlainStatement } from './plain.js';
import { readStatements, type ParseOptions, type ParseResult } from './statements.js';

export async function parseConfigureLazily(text: string, opts: ParseOptions = {}): Promise<ParseResult> {
  if (opts.plain !== false) {
    let needsParser = false;
    const plain = readStatements(text, (_text, tokens) => {
      if (needsParser) return undefined;
      let s: Statement | undefined;
      try {
        s = readPlainStatement(tokens);
      } catch {
        s = undefined; // the parser reports what went wrong, as an internal error if need be
      }
      if (s === undefined) needsParser = true;
      return s;
    });
    if (!needsParser) return plain;
  }
  // Everything again, with the parser: simpler than resuming half way. The first
  // read stopped reading statements at the first one that is not plain, so what
  // it cost beyond the parser's start is mostly the lexing.
  const { parseConfigure } = await import('./index.js');
  return parseConfigure(text, opts);
}
