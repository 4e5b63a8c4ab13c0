/**
 * `configure edit`: the configuration (or some objects of it) as configure
 * text in the user's editor. What comes back replaces what was shown: objects
 * changed are replaced whole, objects removed from the text are deleted (with
 * the constraints that only referred to them), new ones are added. A text
 * with errors is opened again with the errors as `#` comments at the top,
 * unless the user chooses to discard it. Only on a terminal.
 *
 * The result goes to the session's working CIB, like any statement; `commit`
 * sends it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Statement } from '../../grammar/ast.js';
import { stmtKey } from '../cib/apply.js';
import { changedObjects, deleteObjects, topLevelObjects } from '../cib/edit.js';
import { cloneXml, type XmlElement } from '../cib/xml.js';
import { hasTerminal, runInteractive } from '../exec/local.js';
import { applyParsed, type FileDiagnostic } from './apply-input.js';
import { located, missingId, type CommandEnv, type CommandOutcome } from './configure-commands.js';
import { ExitCode, UserError } from './errors.js';
import type { Invocation } from './tree.js';
import { commandWords, loadOptions } from './options-store.js';
import type { Word } from './words.js';

/** Lines of the error report at the top of a re-opened file start with this; they are dropped when read back. */
const HEADER = '# hash: ';

export async function runEdit(args: Word[], env: CommandEnv, inv: Invocation): Promise<CommandOutcome> {
  const xml = args.find((w) => w.text === 'xml');
  if (xml) {
    return { diagnostics: [located(env, xml, 'edit xml is not available', 'edit the configure text instead, or: `save xml FILE`, change FILE, `load xml update FILE`')] };
  }
  if (!env.ctx.io.isTTY || !hasTerminal()) {
    throw new UserError('edit opens an editor, and needs a terminal', ExitCode.usage, 'off a terminal: `configure save FILE`, change FILE, then `configure load update FILE`');
  }
  const session = env.session;
  const cib = await session.working();
  const objects = topLevelObjects(cib);
  const ids: string[] = [];
  const types: string[] = [];
  let changedOnly = false;
  for (const w of args) {
    if (w.text === 'changed') changedOnly = true;
    else if (w.text.startsWith('type:')) types.push(w.text.slice(5));
    else if (objects.has(w.text)) ids.push(w.text);
    else return { diagnostics: [missingId(env, w, objects.keys())] };
  }
  if (changedOnly) {
    const c = changedObjects(await session.base(), cib);
    ids.push(...c.added, ...c.changed);
    if (ids.length === 0) {
      env.ctx.io.err('nothing changed yet: nothing to edit\n');
      return { diagnostics: [] };
    }
  }
  const { showConfiguration } = await import('../cib/show.js');
  const { parseConfigure } = await import('../../grammar/index.js');
  const filtered = ids.length > 0 || types.length > 0;
  // never obscured: what is saved must mean what it says
  const original = showConfiguration(cib, { ...(ids.length ? { ids } : {}), ...(types.length ? { types } : {}) });
  if (filtered && original.trim() === '') {
    env.ctx.io.err(`no objects of type ${types.join(', ')}: nothing to edit\n`);
    return { diagnostics: [] };
  }
  const shownKeys = keysOf(parseConfigure(original).statements);

  const dir = await mkdtemp(join(tmpdir(), 'hash-edit-'));
  const file = join(dir, 'configuration.crm');
  // the `editor` preference (options level), else $VISUAL, $EDITOR, vi
  const editor = commandWords(loadOptions(env.ctx.env).editor);
  let body = original;
  let header: string[] = [];
  let keep = false;
  try {
    for (;;) {
      await writeFile(file, header.length ? `${header.join('\n')}\n\n${body}` : body, { mode: 0o600 });
      const r = runInteractive([...editor, file], env.ctx.env);
      if (r.code !== 0) {
        throw new UserError(
          `${r.error ? `cannot run the editor: ${r.error}` : `the editor (${editor.join(' ')}) exited with code ${r.code}`}; nothing changed`,
          ExitCode.failed,
          r.code === 127 ? 'set the editor option (`options set editor …`), or VISUAL or EDITOR, to an editor that is installed' : undefined,
        );
      }
      const next = stripHeader(await readFile(file, 'utf8'));
      if (next.trimEnd() === original.trimEnd()) {
        env.ctx.io.err('no changes\n');
        return { diagnostics: [] };
      }
      if (header.length > 0 && next === body) {
        keep = true;
        env.ctx.io.err(`nothing changed since the errors: edit discarded (your text is kept in ${file})\n`);
        return { diagnostics: [] };
      }
      body = next;
      env.sources.set(file, body);
      const parsed = parseConfigure(body, { file });
      let diagnostics: FileDiagnostic[] = parsed.diagnostics.map((d) => ({ ...d, file }));
      if (!diagnostics.some((d) => d.severity === 'error')) {
        diagnostics = [...diagnostics, ...(await applyEdited(session, cib, shownKeys, parsed.statements, file, env))];
      }
      if (!diagnostics.some((d) => d.severity === 'error')) {
        report(env, cib, await session.working());
        return { diagnostics };
      }
      if (!(await inv.confirm('The edited configuration has errors. Edit it again? (no discards the edit)'))) {
        keep = true;
        // the kept file holds the text the diagnostics refer to (no earlier report on top)
        await writeFile(file, body, { mode: 0o600 });
        env.ctx.io.err(`edit discarded (your text is kept in ${file})\n`);
        return { diagnostics };
      }
      header = errorHeader(diagnostics);
    }
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

/** The keys (ids, node names, set ids) of the objects statements define. */
function keysOf(statements: Statement[]): Set<string> {
  const keys = new Set<string>();
  for (const st of statements) {
    const k = stmtKey(st);
    if (k !== undefined) keys.add(st.kind === 'node' ? `node:${k}` : k);
  }
  return keys;
}

/**
 * Put the edited text in place of what was shown: objects of the text replace
 * their old selves (property sets and node attributes whole, not merged as a
 * `load update` would), objects removed from the text are deleted. On errors
 * the session is left as it was.
 */
async function applyEdited(
  session: CommandEnv['session'],
  before: XmlElement,
  shownKeys: Set<string>,
  statements: Statement[],
  file: string,
  env: CommandEnv,
): Promise<FileDiagnostic[]> {
  const editedKeys = keysOf(statements);
  const start = cloneXml(before);
  const objects = topLevelObjects(start);
  const nodes = start.children.find((c) => c.name === 'configuration')?.children.find((c) => c.name === 'nodes');
  const findNode = (k: string): XmlElement | undefined => nodes?.children.find((n) => n.attrs.id === k || n.attrs.uname === k);
  for (const st of statements) {
    const k = stmtKey(st);
    if (k === undefined) continue;
    if (st.kind === 'property' || st.kind === 'rsc_defaults' || st.kind === 'op_defaults') {
      const set = objects.get(k);
      if (set) set.children = [];
    } else if (st.kind === 'node') {
      const n = findNode(k) ?? findNode(st.uname);
      if (n) n.children = n.children.filter((c) => !['instance_attributes', 'utilization'].includes(c.name));
    }
  }
  session.setWorking(start);
  const diagnostics = await applyParsed(session, { statements, diagnostics: [] }, 'update', file);
  if (diagnostics.some((d) => d.severity === 'error')) {
    session.setWorking(before);
    return diagnostics;
  }
  // what the text no longer has is deleted
  let cib = await session.working();
  const gone = [...shownKeys].filter((k) => !editedKeys.has(k));
  const ids: string[] = [];
  for (const k of gone) {
    if (k === 'fencing_topology') {
      const conf = cib.children.find((c) => c.name === 'configuration');
      if (conf) conf.children = conf.children.filter((c) => c.name !== 'fencing-topology');
    } else if (k.startsWith('node:')) {
      const n = (cib.children.find((c) => c.name === 'configuration')?.children.find((c) => c.name === 'nodes')?.children ?? []).find(
        (x) => x.attrs.id === k.slice(5) || x.attrs.uname === k.slice(5),
      );
      if (n?.attrs.id) ids.push(n.attrs.id);
    } else ids.push(k);
  }
  if (ids.length > 0) {
    const r = deleteObjects(cib, ids);
    cib = r.cib;
    const extra = r.removed.filter((id) => !ids.includes(id));
    if (extra.length > 0) env.ctx.io.err(`also deleted, as they only referred to what was deleted: ${extra.join(', ')}\n`);
  }
  session.setWorking(cib);
  return diagnostics;
}

/** Drop the error report of an earlier round (and the blank line after it). */
function stripHeader(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith(HEADER.trimEnd())) i++;
  if (i > 0 && lines[i]?.trim() === '') i++;
  return lines.slice(i).join('\n');
}

/** The errors of a round, as comment lines; line numbers count from the top of the file as it will be opened. */
function errorHeader(diagnostics: FileDiagnostic[]): string[] {
  const shown = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  const lines: string[] = [];
  lines.push(`${HEADER}the configuration below has errors, listed here. Fix them and save to apply it;`);
  lines.push(`${HEADER}quit without saving to discard the edit. These lines are dropped when read back.`);
  const perDiag = (d: FileDiagnostic): number => (d.hint ? 2 : 1);
  // the body starts after these lines and one blank line
  const offset = lines.length + shown.reduce((n, d) => n + perDiag(d), 0) + 1;
  for (const d of shown) {
    lines.push(`${HEADER}line ${d.line + offset}${d.col ? `:${d.col}` : ''}: ${d.severity}: ${d.message}`);
    if (d.hint) lines.push(`${HEADER}  hint: ${d.hint}`);
  }
  return lines;
}

/** Say what the edit changed. */
function report(env: CommandEnv, before: XmlElement, after: XmlElement): void {
  const c = changedObjects(before, after);
  const parts = [
    c.changed.length ? `changed ${c.changed.join(', ')}` : '',
    c.added.length ? `added ${c.added.join(', ')}` : '',
    c.removed.length ? `deleted ${c.removed.join(', ')}` : '',
  ].filter(Boolean);
  env.ctx.io.err(`${parts.length ? parts.join('; ') : 'no changes to the configuration'}\n`);
}
