/**
 * Printing diagnostics the way every command does: `file:line:col`, the
 * source line and a caret when the place is known, else `file: severity: id: message`.
 */
import type { Diagnostic } from '../../grammar/diagnostics.js';
import { formatDiagnostic } from '../../grammar/diagnostics.js';
import type { ShellIO } from './context.js';

/** Print to stderr; returns how many were errors. */
export function printDiagnostics(
  io: ShellIO,
  diags: readonly Diagnostic[],
  sources: Map<string, string>,
  defaultFile: string,
  locations?: Map<string, { file?: string }>,
): number {
  let errors = 0;
  for (const d of diags) {
    if (d.severity === 'error') errors++;
    const file = (d as Diagnostic & { file?: string }).file ?? (d.objectId ? locations?.get(d.objectId)?.file : undefined) ?? defaultFile;
    // a line typed in the REPL is right above: its caret says where, `<input>:1:7:` would only be noise
    if (d.line > 0) io.err(`${formatDiagnostic(d, sources.get(file), file).replace(/^<input>:\d+:\d+: /, '')}\n`);
    else io.err(`${file === '<input>' ? '' : `${file}: `}${d.severity}: ${d.objectId ? `${d.objectId}: ` : ''}${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}\n`);
  }
  return errors;
}
