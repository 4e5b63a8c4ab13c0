/**
 * Diagnostics: what the parser and the semantic checks report. Returned,
 * never thrown; only the command boundary turns them into an exit code.
 *
 * @example
 *   formatDiagnostic({ severity: 'error', code: 'parse', message: "expected a node name after '100:'",
 *                      line: 3, col: 30 }, text, 'oess-base.crm')
 *   // oess-base.crm:3:30: error: expected a node name after '100:'
 *   //   location ip_prefer_srv1 ClusterIP 100:
 *   //                                     ^
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** a short stable tag: 'lex', 'parse', 'unicode-space', 'duplicate-id', 'missing-ref', ... */
  code: string;
  message: string;
  /** 1-based */
  line: number;
  /** 1-based */
  col: number;
  /** length of the span to underline; 1 when absent */
  length?: number;
  /** what to do about it */
  hint?: string;
  /** the object the diagnostic is about, when there is one */
  objectId?: string;
}

/** One diagnostic as `file:line:col: severity: message`, the source line, and a caret under the place. */
export function formatDiagnostic(d: Diagnostic, source: string | undefined, file = '<input>'): string {
  const out = [`${file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`];
  const lineText = source === undefined ? undefined : linesOf(source)[d.line - 1];
  if (lineText !== undefined) {
    const shown = lineText.replace(/\t/g, ' ');
    out.push(`  ${shown}`);
    out.push(`  ${' '.repeat(Math.max(0, d.col - 1))}${'^'.repeat(Math.max(1, Math.min(d.length ?? 1, shown.length - d.col + 1)))}`);
  }
  if (d.hint) out.push(`  hint: ${d.hint}`);
  return out.join('\n');
}

// The lines of the last source formatted: a file with 500 warnings is split once, not 500 times.
let lastSource: string | undefined;
let lastLines: string[] = [];
function linesOf(source: string): string[] {
  if (source !== lastSource) {
    lastSource = source;
    lastLines = source.split(/\r?\n/);
  }
  return lastLines;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
