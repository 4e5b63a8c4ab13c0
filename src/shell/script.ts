/**
 * Runs shell lines — from `hash -f FILE`, stdin, or one-shot argv — as one
 * transaction: every line is checked before anything runs, all configure
 * changes go to an in-memory CIB, and the result is committed once at the
 * end, or not at all when anything failed.
 *
 * @example
 *   await runScript({ text: 'configure property stonith-enabled=false\n', file: 'setup.crm' }, ctx);
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../grammar/diagnostics.js';
import type { Statement } from '../../grammar/ast.js';
import type { ShellContext } from './context.js';
import { logicalLines, physicalLines, type ScriptLine } from './lines.js';
import { splitWords } from './words.js';
import { DiagnosticsError, ExitCode, UserError } from './errors.js';
import { resolveLine, type LinePlan } from './resolve.js';
import { Shell } from './engine.js';
import { printDiagnostics } from './diagnostics-print.js';

export interface ScriptSource {
  text: string;
  /** shown in diagnostics: a path, `<stdin>` or `<command line>` */
  file: string;
}

interface PlannedLine {
  sl: ScriptLine;
  plan: LinePlan;
}

/** Where a script starts: at the top of the command tree, or inside `configure`. */
export type StartLevel = 'root' | 'configure';

/**
 * Plan and run a script. Returns normally when everything succeeded (and was
 * committed); throws UserError (with an exit code) otherwise.
 */
export async function runScript(src: ScriptSource, ctx: ShellContext, startLevel: StartLevel = 'root', opts: { ask?: (q: string) => Promise<string> } = {}): Promise<void> {
  const startPath = startLevel === 'root' ? [] : ['configure'];
  const { lines, masked, diagnostics } = planScript(src, startPath);
  const shell = new Shell(ctx, { interactive: false, path: startPath, ask: opts.ask });
  shell.sources.set(src.file, src.text);

  let statements: Statement[] = [];
  const hasStatements = lines.some((p) => p.plan.kind === 'statement');
  let parseDiags: Diagnostic[] = [];
  if (hasStatements) {
    const { parseConfigureLazily } = await import('../../grammar/lazy.js');
    const parsed = await parseConfigureLazily(masked, { file: src.file });
    statements = parsed.statements;
    parseDiags = parsed.diagnostics;
  }
  const all = [...diagnostics, ...parseDiags].sort((a, b) => a.line - b.line || a.col - b.col);
  const errors = printDiagnostics(ctx.io, all, shell.sources, src.file);
  // unknown commands alone are a usage error; anything wrong in configure text is a configuration error
  if (errors > 0) throw new DiagnosticsError(errors, all.some((d) => d.severity === 'error' && d.code !== 'command') ? ExitCode.config : ExitCode.usage);

  // statements by the line they start on, to run them in script order
  const byLine = new Map<number, Statement[]>();
  for (const st of statements) {
    const list = byLine.get(st.loc.line) ?? [];
    list.push(st);
    byLine.set(st.loc.line, list);
  }

  // consecutive statements are applied together (one pass over the CIB for a whole file of them)
  let batch: Statement[] = [];
  const applyBatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    await shell.applyStatements(b, src.file);
  };
  for (const { sl, plan } of lines) {
    if (plan.kind === 'quit') break;
    if (plan.kind === 'statement') {
      // the level a one-line `configure <statement>` passes through does not stay entered
      batch.push(...(byLine.get(sl.line) ?? []));
      continue;
    }
    await applyBatch();
    try {
      await shell.runPlan(plan, sl.text, { file: src.file, line: sl.line });
    } catch (e) {
      if (e instanceof UserError && !(e instanceof DiagnosticsError) && src.file !== '<command line>') {
        ctx.io.err(`${src.file}:${sl.line}: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
        const dropped = shell.hasPendingChanges() ? '; configure changes not yet committed were dropped' : '';
        throw new UserError(`stopped at ${src.file}:${sl.line}${dropped}`, e.exitCode);
      }
      throw e;
    }
  }
  await applyBatch();
  await shell.finish();
}

/**
 * Resolve every line before anything runs: unknown commands are reported
 * all at once, with their place. Configure statements are copied into a text
 * of the same shape as the file (other lines blank, the words before the
 * statement blanked), so the parser's line:col are the file's line:col.
 * Comments just before a statement go with it (crmsh keeps them in the CIB).
 */
export function planScript(src: ScriptSource, startPath: string[]): { lines: PlannedLine[]; masked: string; diagnostics: Diagnostic[] } {
  const phys = physicalLines(src.text);
  const maskedLines: string[] = phys.map(() => '');
  const lines: PlannedLine[] = [];
  const diagnostics: Diagnostic[] = [];
  let path = [...startPath];
  let pendingComments: ScriptLine[] = [];

  for (const sl of logicalLines(src.text)) {
    if (/^\s*#/.test(sl.text)) {
      pendingComments.push(sl);
      continue;
    }
    const words = splitWords(sl.text);
    const plan = resolveLine(words, path);
    const comments = pendingComments;
    pendingComments = [];
    switch (plan.kind) {
      case 'empty':
        continue;
      case 'error': {
        const w = plan.word;
        diagnostics.push({ severity: 'error', code: plan.code, message: plan.message, hint: plan.hint, line: sl.line, col: (w?.start ?? 0) + 1, length: w ? w.end - w.start : 1 });
        continue;
      }
      case 'enter':
        path = plan.path;
        break;
      case 'up':
        path = path.slice(0, -1);
        break;
      case 'top':
        path = [];
        break;
      case 'statement': {
        const w = words[plan.at]!;
        for (const c of comments) for (let l = c.line; l <= c.endLine; l++) maskedLines[l - 1] = phys[l - 1] ?? '';
        for (let l = sl.line; l <= sl.endLine; l++) maskedLines[l - 1] = phys[l - 1] ?? '';
        maskedLines[sl.line - 1] = ' '.repeat(w.start) + (phys[sl.line - 1] ?? '').slice(w.start);
        break;
      }
      default:
        break;
    }
    lines.push({ sl, plan });
    if (plan.kind === 'quit') break;
  }
  return { lines, masked: maskedLines.join('\n') + '\n', diagnostics };
}

/** Read a script file (`-` = stdin) with a clear error when it cannot be read. */
export async function readScript(path: string): Promise<ScriptSource> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return { text: Buffer.concat(chunks).toString('utf8'), file: '<stdin>' };
  }
  try {
    return { text: await readFile(path, 'utf8'), file: path };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((e as Error).message)}`, ExitCode.usage);
  }
}
