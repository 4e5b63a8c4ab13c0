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
import { formatDiagnostic } from '../../grammar/diagnostics.js';
import type { Statement } from '../../grammar/ast.js';
import type { ShellContext } from './context.js';
import { ConfigureSession } from './configure-session.js';
import { logicalLines, physicalLines, type ScriptLine } from './lines.js';
import { splitWords, type Word } from './words.js';
import { DiagnosticsError, ExitCode, UserError } from './errors.js';
import { CONFIGURE_COMMANDS, LANGUAGE_KEYWORDS, ROOT_LEVELS, resolveWord } from './registry.js';
import { runConfigureCommand } from './configure-commands.js';
import { applyParsed, type ParsedInput } from './apply-input.js';

export interface ScriptSource {
  text: string;
  /** shown in diagnostics: a path, `<stdin>` or `<command line>` */
  file: string;
}

type Planned =
  | { kind: 'lang'; sl: ScriptLine }
  | { kind: 'cmd'; name: string; args: Word[]; sl: ScriptLine }
  | { kind: 'quit' };

/** Where a line starts: at the root of the command tree, or inside `configure`. */
export type StartLevel = 'root' | 'configure';

/**
 * Plan and run a script. Returns normally when everything succeeded (and was
 * committed); throws UserError (with an exit code) otherwise.
 */
export async function runScript(src: ScriptSource, ctx: ShellContext, startLevel: StartLevel = 'root'): Promise<void> {
  const sources = new Map<string, string>([[src.file, src.text]]);
  const { plan, masked, diagnostics } = planScript(src, startLevel);

  let parsed: ParsedInput = { statements: [], diagnostics: [] };
  if (plan.some((p) => p.kind === 'lang')) {
    const { parseConfigure } = await import('../../grammar/index.js');
    parsed = parseConfigure(masked, { file: src.file });
  }
  const all = [...diagnostics, ...parsed.diagnostics].sort((a, b) => a.line - b.line || a.col - b.col);
  const errors = printDiagnostics(ctx, all, sources, src.file);
  // unknown commands alone are a usage error; anything wrong in configure text is a configuration error
  if (errors > 0) throw new DiagnosticsError(errors, all.some((d) => d.severity === 'error' && d.code !== 'command') ? ExitCode.config : ExitCode.usage);

  // statements by the line they start on, to run them in script order
  const byLine = new Map<number, Statement[]>();
  for (const st of parsed.statements) {
    const list = byLine.get(st.loc.line) ?? [];
    list.push(st);
    byLine.set(st.loc.line, list);
  }

  const session = new ConfigureSession(ctx);
  let errorCount = 0;
  let batch: Statement[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const diags = await applyParsed(session, { statements: batch, diagnostics: [] }, 'update', src.file);
    errorCount += printDiagnostics(ctx, diags, sources, src.file);
    batch = [];
  };

  for (const p of plan) {
    if (p.kind === 'quit') break;
    if (p.kind === 'lang') {
      batch.push(...(byLine.get(p.sl.line) ?? []));
      continue;
    }
    await flush();
    const r = await runConfigureCommand(p.name, p.args, { ctx, session, sources, file: src.file, line: p.sl.line, inScript: true });
    errorCount += printDiagnostics(ctx, r.diagnostics, sources, src.file);
  }
  await flush();
  if (errorCount > 0) throw new DiagnosticsError(errorCount);
  await finish(session, ctx, sources, src.file);
}

/** Final checks of everything the script wrote, then the one commit. */
async function finish(session: ConfigureSession, ctx: ShellContext, sources: Map<string, string>, file: string): Promise<void> {
  if (!session.isChanged()) return;
  const { checkWorking } = await import('./checks.js');
  const diags = await checkWorking(session, ctx);
  const errors = printDiagnostics(ctx, diags, sources, file, session.locations);
  if (errors > 0) throw new DiagnosticsError(errors);
  if (ctx.options.dryRun) {
    const { describeDryRun } = await import('./dry-run.js');
    ctx.io.out(await describeDryRun(session, ctx));
    return;
  }
  const message = await session.commit();
  if (process.stderr.isTTY) ctx.io.err(`${message}\n`);
}

/**
 * Print diagnostics in `file:line:col` form with the source line and a caret.
 * Returns how many were errors.
 */
export function printDiagnostics(
  ctx: ShellContext,
  diags: readonly Diagnostic[],
  sources: Map<string, string>,
  defaultFile: string,
  locations?: Map<string, { file?: string }>,
): number {
  let errors = 0;
  for (const d of diags) {
    if (d.severity === 'error') errors++;
    const file = (d as Diagnostic & { file?: string }).file ?? (d.objectId ? locations?.get(d.objectId)?.file : undefined) ?? defaultFile;
    if (d.line > 0) ctx.io.err(`${formatDiagnostic(d, sources.get(file), file)}\n`);
    else ctx.io.err(`${file}: ${d.severity}: ${d.objectId ? `${d.objectId}: ` : ''}${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}\n`);
  }
  return errors;
}

/**
 * Classify every line before anything runs: configure-language statements,
 * configure commands, level changes. Language lines are copied into a text of
 * the same shape as the file (other lines blank, the `configure` prefix
 * blanked), so the parser's line:col are the file's line:col.
 */
export function planScript(src: ScriptSource, startLevel: StartLevel): { plan: Planned[]; masked: string; diagnostics: Diagnostic[] } {
  const phys = physicalLines(src.text);
  const maskedLines: string[] = phys.map(() => '');
  const plan: Planned[] = [];
  const diagnostics: Diagnostic[] = [];
  let level: StartLevel = startLevel;
  let pendingComments: ScriptLine[] = [];

  // code 'command': a word the shell does not know (usage); 'syntax': a bad word where configure text goes
  const error = (sl: ScriptLine, w: Word | undefined, message: string, hint?: string, code = 'command'): void => {
    diagnostics.push({ severity: 'error', code, message, line: sl.line, col: (w?.start ?? 0) + 1, length: w ? w.end - w.start : 1, hint });
  };

  for (const sl of logicalLines(src.text)) {
    if (/^\s*#/.test(sl.text)) {
      pendingComments.push(sl);
      continue;
    }
    const words = splitWords(sl.text);
    if (words.length === 0) continue;
    let i = 0;
    let lineLevel = level;
    if (lineLevel === 'root') {
      const w = words[0]!;
      const r = resolveWord(w.text, ROOT_LEVELS);
      if (r.kind === 'none' || r.kind === 'ambiguous') {
        const s = r.kind === 'none' ? closest(w.text, ROOT_LEVELS.map((l) => l.name)) : undefined;
        error(sl, w, r.kind === 'none' ? `unknown command '${w.text}'` : `'${w.text}' is ambiguous: ${r.candidates.join(', ')}`, s ? `did you mean '${s}'?` : undefined);
        pendingComments = [];
        continue;
      }
      if (r.name === 'quit') {
        plan.push({ kind: 'quit' });
        break;
      }
      if (r.name === 'end' || r.name === 'up' || r.name === 'cd') continue;
      if (r.name !== 'configure') {
        error(sl, w, `'${r.name}' commands are not available in this version of hash yet`, 'configure commands work today: configure load|show|save|verify|delete|rename and every configure statement');
        pendingComments = [];
        continue;
      }
      i = 1;
      if (words.length === 1) {
        level = 'configure';
        continue;
      }
      lineLevel = 'configure';
    }
    // configure level
    const w = words[i]!;
    if (LANGUAGE_KEYWORDS.has(w.text)) {
      for (const c of pendingComments) for (let l = c.line; l <= c.endLine; l++) maskedLines[l - 1] = phys[l - 1] ?? '';
      for (let l = sl.line; l <= sl.endLine; l++) maskedLines[l - 1] = phys[l - 1] ?? '';
      maskedLines[sl.line - 1] = ' '.repeat(w.start) + (phys[sl.line - 1] ?? '').slice(w.start);
      plan.push({ kind: 'lang', sl });
      pendingComments = [];
      continue;
    }
    pendingComments = [];
    const r = resolveWord(w.text, CONFIGURE_COMMANDS);
    if (r.kind !== 'found') {
      const s = r.kind === 'none' ? closest(w.text, [...LANGUAGE_KEYWORDS, ...CONFIGURE_COMMANDS.map((c) => c.name)]) : undefined;
      error(sl, w, r.kind === 'ambiguous' ? `'${w.text}' is ambiguous: ${r.candidates.join(', ')}` : `unknown configure command '${w.text}'`, s ? `did you mean '${s}'?` : undefined, 'syntax');
      continue;
    }
    if (r.name === 'end' || r.name === 'up' || r.name === 'cd') {
      if (lineLevel === level) level = 'root';
      continue;
    }
    if (r.name === 'quit') {
      plan.push({ kind: 'quit' });
      break;
    }
    plan.push({ kind: 'cmd', name: r.name, args: words.slice(i + 1), sl });
  }
  return { plan, masked: maskedLines.join('\n') + '\n', diagnostics };
}

/** The closest candidate by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
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
