/**
 * Applying parsed configure statements to a session's working CIB: legacy
 * properties are dropped with a warning, statements are encoded with
 * crmsh's ids, and where each object was written is remembered for the
 * checks that run before commit.
 */
import type { Diagnostic } from '../../grammar/diagnostics.js';
import type { Statement } from '../../grammar/ast.js';
import { applyStatements, stmtKey, type LoadMode } from '../cib/apply.js';
import { dropLegacyProperties } from '../cib/legacy.js';
import type { ConfigureSession } from './configure-session.js';

export interface ParsedInput {
  statements: Statement[];
  diagnostics: Diagnostic[];
}

/** A diagnostic that knows which file it is about (the -f script, or a file given to `load`). */
export type FileDiagnostic = Diagnostic & { file?: string };

export async function applyParsed(session: ConfigureSession, input: ParsedInput, mode: LoadMode, file: string): Promise<FileDiagnostic[]> {
  const working = await session.working();
  const legacy = dropLegacyProperties(input.statements, { validateWith: working.attrs['validate-with'] });
  const applied = applyStatements(working, legacy.statements, mode, { file });
  session.setWorking(applied.cib);
  for (const st of legacy.statements) {
    const id = stmtKey(st);
    if (id !== undefined) session.locations.set(id, { line: st.loc.line, col: st.loc.col, file });
  }
  return [...legacy.diagnostics, ...applied.diagnostics].map((d) => ({ ...d, file }));
}
