/**
 * The `cib` level: sandboxes. A sandbox is a crm_shadow shadow CIB
 * (`$CIB_shadow_dir/shadow.<name>`), so crm_mon, cibadmin, crmsh and pcs see
 * it too (`CIB_shadow=<name> crm_mon -1`). `cib new` copies the live CIB (or
 * the CIB_file hash was started on, as crm_shadow does) and records that copy
 * as the sandbox's base; `cib commit` sends only what changed in the sandbox
 * since then, as one versioned patch, so changes others made to the live CIB
 * meanwhile are kept — where crmsh and `crm_shadow --commit` replace the live
 * CIB and lose them.
 *
 * crm_shadow does the file work it can do (create, reset, delete, diff);
 * its argv comes from src/pacemaker/shadow.ts. It runs with the sandbox
 * directory in its environment whatever CIB the shell is on, which
 * Invocation.tool (the target's environment only) cannot do, so this level
 * runs it itself, with `--dry-run` honoured the same way.
 */
import { access, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { cibVersion, diffCib, formatVersion, touchedObjects } from '../../cib/diff.js';
import { describeTarget, type CibTarget } from '../../cib/target.js';
import { serializeXml, type XmlElement } from '../../cib/xml.js';
import type { ExecResult } from '../../exec/types.js';
import { queryCib } from '../../pacemaker/cibadmin.js';
import { commitCib, plannedPatch, type CommitConflict } from '../../pacemaker/commit.js';
import {
  createArgv,
  deleteArgv,
  diffArgv,
  ensureSandboxDir,
  listSandboxes,
  readBase,
  recordBase,
  removeBase,
  resetArgv,
  sandboxDir,
  sandboxExists,
  sandboxNameProblem,
  sandboxOrigin,
  shadowPath,
  shadowToolEnv,
  writeSandbox,
} from '../../pacemaker/shadow.js';
import { ExitCode, UsageError, UserError } from '../errors.js';
import type { CommandDef, Invocation, LevelDef } from '../tree.js';
import type { Word } from '../words.js';

/** Pacemaker's scheduler inputs (PE_STATE_DIR), where `cib import <number>` looks. */
const PE_STATE_DIR = '/var/lib/pacemaker/pengine';

interface Where {
  /** the sandbox directory */
  dir: string;
  /** the CIB sandboxes are copied from and committed to */
  origin: CibTarget;
}

function where(inv: Invocation): Where {
  return { dir: sandboxDir(inv.ctx.env), origin: sandboxOrigin(inv.ctx.env) };
}

const sandboxTarget = (w: Where, name: string): CibTarget => ({ kind: 'shadow', name, dir: w.dir });

/** The name of the sandbox in use, if the shell is on one. */
function current(inv: Invocation): string | undefined {
  return inv.ctx.target.kind === 'shadow' ? inv.ctx.target.name : undefined;
}

function originName(w: Where): string {
  return w.origin.kind === 'live' ? 'the live CIB' : describeTarget(w.origin);
}

function checkName(word: Word): string {
  const problem = sandboxNameProblem(word.text);
  if (problem) throw new UsageError(`bad sandbox name '${word.text}': ${problem}`);
  return word.text;
}

/** Split keyword options (`force`, `empty`, …) from the positional words. */
function splitOptions(args: Word[], known: readonly string[]): { positional: Word[]; opts: Set<string> } {
  const positional: Word[] = [];
  const opts = new Set<string>();
  for (const w of args) {
    const k = w.text === '--force' ? 'force' : w.text;
    if (known.includes(k)) opts.add(k);
    else positional.push(w);
  }
  return { positional, opts };
}

function noMore(words: Word[], usage: string): void {
  if (words.length > 0) throw new UsageError(`unexpected ${words.map((w) => `'${w.text}'`).join(' ')}`, `usage: ${usage}`);
}

/**
 * The sandbox exists, or a UserError. Under `--dry-run` a missing sandbox may
 * be one an earlier `cib new` of the same dry run did not make: then the
 * command says what it would do and returns false, so a whole script can be
 * dry-run.
 */
async function requireSandbox(inv: Invocation, w: Where, name: string, wouldDo: string): Promise<boolean> {
  if (await sandboxExists(w.dir, name)) return true;
  if (inv.ctx.options.dryRun) {
    inv.ctx.io.out(`would ${wouldDo} sandbox '${name}' (there is none yet: a dry run makes none)\n`);
    return false;
  }
  throw new UserError(`there is no sandbox '${name}' (no ${shadowPath(w.dir, name)})`, ExitCode.failed, '`cib list` shows the sandboxes; `cib new <name>` makes one');
}

/**
 * Changes typed in configure but not yet committed to the CIB in use: a
 * sandbox command must not act on a sandbox file that lacks them. Scripts
 * commit them before such a command; interactively the user decides.
 */
async function requireNothingPending(inv: Invocation): Promise<void> {
  const session = await inv.shell.session();
  if (session.isChanged()) {
    throw new UserError(
      `there are uncommitted configure changes to ${describeTarget(inv.ctx.target)}`,
      ExitCode.failed,
      '`configure commit` sends them first; `configure refresh` drops them',
    );
  }
}

/**
 * Run crm_shadow with the sandbox directory and origin in its environment.
 * A call that writes is only shown under `--dry-run` (returns undefined).
 */
async function crmShadow(
  inv: Invocation,
  argv: string[],
  env: Record<string, string | undefined>,
  opts: { write: boolean; okCodes?: number[]; hint?: string },
): Promise<ExecResult | undefined> {
  const r = await (opts.write ? inv.tool : inv.query)(argv, { env, okCodes: opts.okCodes, hint: opts.hint });
  // under --dry-run inv.tool printed the call and ran nothing: there is no result to read
  return opts.write && inv.ctx.options.dryRun ? undefined : r;
}

/** Say what happened (stderr: stdout is for what was asked for). */
function note(inv: Invocation, text: string): void {
  inv.ctx.io.err(`${text}\n`);
}

// ---------------------------------------------------------------- new

const NEW_USAGE = 'new <name> [empty] [withstatus] [force]';

async function runNew(args: Word[], inv: Invocation): Promise<void> {
  const { positional, opts } = splitOptions(args, ['force', 'empty', 'withstatus']);
  const [nameWord, ...rest] = positional;
  if (!nameWord) throw new UsageError('name the new sandbox', `usage: ${NEW_USAGE} (hash has no temporary sandboxes)`);
  noMore(rest, NEW_USAGE);
  const name = checkName(nameWord);
  const w = where(inv);
  const force = opts.has('force') || inv.ctx.options.force;
  if (!force && (await sandboxExists(w.dir, name))) {
    throw new UserError(`sandbox '${name}' exists already (${shadowPath(w.dir, name)})`, ExitCode.failed, `\`cib use ${name}\` works in it; \`cib new ${name} force\` replaces it with a fresh copy`);
  }
  await requireNothingPending(inv);
  if (!inv.ctx.options.dryRun) await ensureSandboxDir(w.dir);
  const ran = await crmShadow(inv, createArgv(name, { empty: opts.has('empty'), force }), shadowToolEnv(inv.ctx.env, w.dir), {
    write: true,
    hint: opts.has('empty') ? undefined : `\`cib new ${name} empty\` makes a sandbox without a cluster`,
  });
  if (!ran) {
    note(inv, `dry run: sandbox '${name}' not made; the shell stays on ${describeTarget(inv.ctx.target)}`);
    return;
  }
  const base = await recordBase(w.dir, name);
  await inv.shell.useTarget(sandboxTarget(w, name));
  const from = opts.has('empty') ? 'with an empty configuration' : `from ${originName(w)} (${formatVersion(cibVersion(base))})`;
  note(inv, `sandbox '${name}' made ${from}; working in it now (\`cib commit ${name}\` sends its changes, \`cib use live\` goes back)`);
}

// ---------------------------------------------------------------- use

const USE_USAGE = 'use [<name>|live] [withstatus]';

async function runUse(args: Word[], inv: Invocation): Promise<void> {
  const { positional } = splitOptions(args, ['withstatus']);
  const [nameWord, ...rest] = positional;
  noMore(rest, USE_USAGE);
  const w = where(inv);
  if (!nameWord || nameWord.text === 'live') {
    await inv.shell.useTarget(w.origin);
    return;
  }
  const name = checkName(nameWord);
  if (!(await requireSandbox(inv, w, name, 'work in'))) return;
  await inv.shell.useTarget(sandboxTarget(w, name));
}

// ---------------------------------------------------------------- commit

const COMMIT_USAGE = 'commit [<name>] [force]';

/** The conflict, in words, and the objects both sides changed side by side (base, the sandbox, the CIB now). */
async function conflictText(inv: Invocation, conflict: CommitConflict, base: XmlElement, ours: XmlElement): Promise<string> {
  // the report loads show.ts: only when there is a conflict
  const { conflictReport } = await import('../../cib/conflict-report.js');
  return conflictReport(conflict, base, ours, inv.ctx.io.isTTY ? process.stdout.columns : undefined);
}

async function runCommit(args: Word[], inv: Invocation): Promise<void> {
  const { positional, opts } = splitOptions(args, ['force']);
  const [nameWord, ...rest] = positional;
  noMore(rest, COMMIT_USAGE);
  const name = nameWord ? checkName(nameWord) : current(inv);
  if (!name) throw new UsageError('no sandbox is in use: name the one to commit', `usage: ${COMMIT_USAGE}`);
  const force = opts.has('force') || inv.ctx.options.force;
  const w = where(inv);
  if (!(await requireSandbox(inv, w, name, `commit to ${originName(w)} the`))) return;
  if (current(inv) === name) await requireNothingPending(inv);

  const sandbox = await readSandbox(inv, w, name);
  const recorded = await readBase(w.dir, name);
  let base: XmlElement;
  let against: string;
  if (recorded.status === 'recorded') {
    base = recorded.cib;
    against = `its base (${formatVersion(cibVersion(base))})`;
  } else if (force) {
    base = await readOrigin(inv, w);
    against = `${originName(w)} as it is now (the sandbox has no recorded base)`;
  } else {
    const why = recorded.status === 'stale' ? ` (${recorded.why})` : '';
    throw new UserError(
      `sandbox '${name}' was not made by hash, so hash does not know which CIB it was copied from${why}. ` +
        `Committing it would set the whole configuration of ${originName(w)} to the sandbox's and overwrite any change made there since the sandbox was made ` +
        '(as crm_shadow --commit and crmsh do). Nothing was committed.',
      ExitCode.conflict,
      `\`cib diff ${name}\` shows what would change; \`cib commit ${name} force\` commits it anyway`,
    );
  }

  if (inv.ctx.options.dryRun) {
    const patch = plannedPatch(base, sandbox);
    inv.ctx.io.out(`# dry run: nothing was changed. Committing sandbox '${name}' to ${originName(w)} would send, as a change against ${against}:\n${serializeXml(patch)}`);
    return;
  }

  const r = await commitCib(inv.ctx.executor, w.origin, base, sandbox, { force });
  switch (r.status) {
    case 'unchanged':
      note(inv, `sandbox '${name}' has no changes for ${originName(w)}: nothing to commit`);
      return;
    case 'conflict': {
      throw new UserError(
        `sandbox '${name}' was not committed: ${await conflictText(inv, r.conflict, base, sandbox)}`,
        ExitCode.conflict,
        r.conflict.reason === 'busy' ? 'run the same command again' : `\`cib commit ${name} force\` applies the sandbox's changes over the others'`,
      );
    }
    case 'failed':
      throw new UserError(
        `sandbox '${name}' was not committed: Pacemaker refused the change (cibadmin exit ${r.code}): ${r.stderr.trim()}`,
        r.code === 102 || r.code === 107 ? ExitCode.unreachable : ExitCode.failed,
        `\`cib use ${name}\` then \`configure verify\` checks the sandbox`,
      );
    case 'committed': {
      const parts = [`sandbox '${name}' committed to ${originName(w)}`];
      if (r.kept.length > 0) {
        // with force, objects both sides changed now hold the sandbox's version: only the others are kept
        const ours = touchedObjects(diffCib(base, sandbox));
        const kept = r.kept.filter((k) => !ours.has(k));
        const overridden = r.kept.filter((k) => ours.has(k));
        const said = ['it had changed meanwhile: the sandbox\'s changes were applied on top'];
        if (kept.length > 0) said.push(`keeping the other changes to ${kept.join(', ')}`);
        if (overridden.length > 0) said.push(`replacing the other changes to ${overridden.join(', ')} (forced)`);
        parts.push(said.join(', '));
      }
      if (r.skipped.length > 0) parts.push(`forced: ${r.skipped.length} of the sandbox's changes no longer applied and were left out`);
      // the sandbox now starts again from what was committed, so a next commit sends only new changes
      try {
        await crmShadow(inv, resetArgv(name), shadowToolEnv(inv.ctx.env, w.dir), { write: true });
      } catch (e) {
        // committed all the same; the sandbox as committed is the next base
        parts.push(`the sandbox could not be refreshed from ${originName(w)} (${e instanceof Error ? e.message : String(e)}); it stays as committed`);
      }
      await recordBase(w.dir, name);
      if (current(inv) === name) await inv.shell.useTarget(sandboxTarget(w, name));
      note(inv, parts.join('; '));
      return;
    }
  }
}


async function readSandbox(inv: Invocation, w: Where, name: string): Promise<XmlElement> {
  try {
    return await queryCib(inv.ctx.executor, { kind: 'file', path: shadowPath(w.dir, name) });
  } catch (e) {
    throw new UserError(`cannot read sandbox '${name}' (${shadowPath(w.dir, name)}): ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function readOrigin(inv: Invocation, w: Where): Promise<XmlElement> {
  try {
    return await queryCib(inv.ctx.executor, w.origin);
  } catch (e) {
    throw new UserError(
      `cannot read ${originName(w)}: ${e instanceof Error ? e.message : String(e)}`,
      ExitCode.unreachable,
      w.origin.kind === 'live' ? 'is Pacemaker running on this node?' : undefined,
    );
  }
}

// ---------------------------------------------------------------- diff, list

const DIFF_USAGE = 'diff [<name>]';

async function runDiff(args: Word[], inv: Invocation): Promise<void> {
  const [nameWord, ...rest] = args;
  noMore(rest, DIFF_USAGE);
  const name = nameWord ? checkName(nameWord) : current(inv);
  if (!name) throw new UsageError('no sandbox is in use: name the one to compare', `usage: ${DIFF_USAGE}`);
  const w = where(inv);
  if (!(await requireSandbox(inv, w, name, 'compare with the live CIB the'))) return;
  const r = await crmShadow(inv, diffArgv(), shadowToolEnv(inv.ctx.env, w.dir, name), { write: false, okCodes: [0, 1] });
  if (r!.stdout.trim() === '') note(inv, `sandbox '${name}' and ${originName(w)} are the same`);
  else inv.ctx.io.out(r!.stdout.endsWith('\n') ? r!.stdout : `${r!.stdout}\n`);
}

async function runList(args: Word[], inv: Invocation): Promise<void> {
  noMore(args, 'list');
  const w = where(inv);
  const names = await listSandboxes(w.dir);
  if (names.length === 0) {
    note(inv, `no sandboxes in ${w.dir}`);
    return;
  }
  const width = Math.max(...names.map((n) => n.length));
  for (const name of names) {
    const marks: string[] = [];
    if (current(inv) === name) marks.push('in use');
    if ((await readBase(w.dir, name)).status !== 'recorded') marks.push('not made by hash: commit needs force');
    inv.ctx.io.out(marks.length ? `${name.padEnd(width)}  (${marks.join('; ')})\n` : `${name}\n`);
  }
}

// ---------------------------------------------------------------- delete, reset

async function runDelete(args: Word[], inv: Invocation): Promise<void> {
  const [nameWord, ...rest] = args;
  if (!nameWord) throw new UsageError('name the sandbox to delete', 'usage: delete <name>');
  noMore(rest, 'delete <name>');
  const name = checkName(nameWord);
  const w = where(inv);
  if (current(inv) === name) throw new UserError(`sandbox '${name}' is in use`, ExitCode.failed, '`cib use live` (or another sandbox) first');
  if (!(await requireSandbox(inv, w, name, 'delete the'))) return;
  if (!(await crmShadow(inv, deleteArgv(name), shadowToolEnv(inv.ctx.env, w.dir), { write: true }))) return;
  await removeBase(w.dir, name);
  note(inv, `sandbox '${name}' deleted`);
}

async function runReset(args: Word[], inv: Invocation): Promise<void> {
  const [nameWord, ...rest] = args;
  const name = nameWord ? checkName(nameWord) : current(inv);
  if (!name) throw new UsageError('no sandbox is in use: name the one to reset', 'usage: reset <name>');
  noMore(rest, 'reset <name>');
  const w = where(inv);
  if (!(await requireSandbox(inv, w, name, 'reset the'))) return;
  if (current(inv) === name) await requireNothingPending(inv);
  if (!(await crmShadow(inv, resetArgv(name), shadowToolEnv(inv.ctx.env, w.dir), { write: true }))) return;
  const base = await recordBase(w.dir, name);
  // the configure session read the sandbox before: start it again from the fresh copy
  if (current(inv) === name) await inv.shell.useTarget(sandboxTarget(w, name));
  note(inv, `sandbox '${name}' is a fresh copy of ${originName(w)} (${formatVersion(cibVersion(base))}); its changes were dropped`);
}

// ---------------------------------------------------------------- import

const IMPORT_USAGE = 'import {<file>|<number>} [<name>] [force]';

/** The file `cib import` means: a path, else a scheduler input by name or number (as crmsh finds them). */
async function findInput(word: string): Promise<string> {
  if (await exists(word)) return word;
  if (word.includes('/')) throw new UserError(`${word}: no such file`);
  const candidates = [join(PE_STATE_DIR, word), join(PE_STATE_DIR, `${word}.bz2`)];
  for (const c of candidates) if (await exists(c)) return c;
  const numbered = (await readdir(PE_STATE_DIR).catch(() => [] as string[])).filter((f) => new RegExp(`^pe-[a-z]+-${word.replace(/[^\w]/g, '\\$&')}\\.bz2$`).test(f));
  if (numbered.length === 1) return join(PE_STATE_DIR, numbered[0]!);
  if (numbered.length > 1) throw new UserError(`more than one scheduler input numbered ${word}: ${numbered.join(', ')}`, ExitCode.failed, 'give the whole name');
  throw new UserError(`no file ${word}, and no scheduler input ${word} in ${PE_STATE_DIR}`);
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

async function runImport(args: Word[], inv: Invocation): Promise<void> {
  const { positional, opts } = splitOptions(args, ['force']);
  const [fileWord, nameWord, ...rest] = positional;
  if (!fileWord) throw new UsageError('name the CIB file or scheduler input to import', `usage: ${IMPORT_USAGE}`);
  noMore(rest, IMPORT_USAGE);
  const file = await findInput(fileWord.text);
  const name = nameWord ? checkName(nameWord) : basename(file).replace(/\.bz2$/, '');
  if (!nameWord) {
    const problem = sandboxNameProblem(name);
    if (problem) throw new UsageError(`'${name}' cannot name a sandbox: ${problem}`, `usage: ${IMPORT_USAGE}`);
  }
  const w = where(inv);
  const force = opts.has('force') || inv.ctx.options.force;
  if (!force && (await sandboxExists(w.dir, name))) {
    throw new UserError(`sandbox '${name}' exists already`, ExitCode.failed, `\`cib import ${fileWord.text} ${name} force\` replaces it; or give another name`);
  }
  if (current(inv) === name) await requireNothingPending(inv);
  let cib: XmlElement;
  try {
    // cibadmin reads the file (compressed scheduler inputs too) and says what is wrong with it
    cib = await queryCib(inv.ctx.executor, { kind: 'file', path: file });
  } catch (e) {
    throw new UserError(`${file} is not a CIB: ${e instanceof Error ? e.message : String(e)}`, ExitCode.failed, 'configure text goes in with `configure load replace <file>`');
  }
  if (cib.name !== 'cib') throw new UserError(`${file} is not a CIB (its root is <${cib.name}>)`, ExitCode.failed, 'configure text goes in with `configure load replace <file>`');
  if (inv.ctx.options.dryRun) {
    inv.ctx.io.out(`would write ${file} to sandbox '${name}' (${shadowPath(w.dir, name)})\n`);
    return;
  }
  await writeSandbox(w.dir, name, cib);
  await inv.shell.useTarget(sandboxTarget(w, name));
  note(inv, `${file} imported as sandbox '${name}'; working in it now (it is not a copy of ${originName(w)}: \`cib commit ${name} force\` would set its configuration)`);
}

// ---------------------------------------------------------------- the level

const NAME_ARG = { name: 'name', kind: 'sandbox' } as const;

export const CIB_COMMANDS: CommandDef[] = [
  {
    name: 'new',
    summary: 'make a sandbox: a copy of the live CIB, and work in it',
    usage: NEW_USAGE,
    help:
      'Copies the live CIB (with CIB_file set: that file) into the sandbox <name> with crm_shadow, records the copy as the ' +
      "sandbox's base, and switches the shell to the sandbox: configure, resource and node commands change the sandbox, " +
      'not the cluster, until `cib commit`. `empty` starts from an empty configuration instead (no cluster needed). ' +
      '`force` replaces a sandbox of that name. `withstatus` is accepted for crmsh scripts: the status section is always copied.\n\n' +
      'The sandbox is the crm_shadow file $CIB_shadow_dir/shadow.<name> (default /var/lib/pacemaker/cib for root, ~/.cib ' +
      'for others), so `CIB_shadow=<name> crm_mon -1`, crmsh and pcs see it too.',
    examples: ['new drbd', 'new test empty', 'new drbd force'],
    args: [{ name: 'name', kind: 'text' }, { name: 'option', kind: ['empty', 'withstatus', 'force'], optional: true, repeat: true }],
    options: ['empty', 'withstatus', 'force'],
    touches: 'cluster',
    run: runNew,
  },
  {
    name: 'use',
    summary: 'work in a sandbox, or on the live CIB again',
    usage: USE_USAGE,
    help: 'Switches the shell to the sandbox <name>; `live` or no name goes back to the live CIB (with CIB_file set: that file). The prompt names the CIB in use.',
    examples: ['use drbd', 'use live'],
    args: [{ name: 'name', kind: 'sandbox', optional: true }],
    options: ['live', 'withstatus'],
    touches: 'cluster',
    run: runUse,
  },
  {
    name: 'commit',
    summary: "send a sandbox's changes to the live CIB",
    usage: COMMIT_USAGE,
    help:
      "Sends what changed in the sandbox since `cib new` (or `cib reset`) to the live CIB as one versioned patch. If the live CIB " +
      'changed meanwhile, changes to other objects are kept and the sandbox\'s are applied on top; if both changed the same object, ' +
      'nothing is committed and the conflict is shown (exit 4); `force` applies the sandbox\'s changes over the others\'. ' +
      'Afterwards the sandbox is a fresh copy of the live CIB, so a next commit sends only new changes.\n\n' +
      'A sandbox made by crm_shadow, crmsh, pcs or `cib import` has no recorded base: committing it would set the whole ' +
      'configuration and overwrite concurrent changes, so it needs `force`. Without a name: the sandbox in use.',
    examples: ['commit drbd', 'commit', 'commit drbd force'],
    args: [{ name: 'name', kind: 'sandbox', optional: true }, { name: 'force', kind: ['force'], optional: true }],
    options: ['force'],
    touches: 'cluster',
    run: runCommit,
  },
  {
    name: 'diff',
    summary: 'show how a sandbox differs from the live CIB',
    usage: DIFF_USAGE,
    help: "The differences between the sandbox (default: the one in use) and the live CIB, as `crm_shadow --diff` prints them.",
    examples: ['diff', 'diff drbd'],
    args: [{ name: 'name', kind: 'sandbox', optional: true }],
    touches: 'cluster',
    run: runDiff,
  },
  {
    name: 'list',
    summary: 'list the sandboxes',
    usage: 'list',
    help: 'The sandboxes in the sandbox directory ($CIB_shadow_dir, or crm_shadow\'s default), the one in use marked, and those hash did not make (their commit needs force).',
    examples: ['list'],
    touches: 'none',
    run: runList,
  },
  {
    name: 'delete',
    summary: 'delete a sandbox',
    usage: 'delete <name>',
    help: 'Deletes the sandbox with crm_shadow, and its recorded base. The sandbox in use cannot be deleted: `cib use live` first.',
    examples: ['delete drbd'],
    args: [{ ...NAME_ARG }],
    touches: 'none',
    run: runDelete,
  },
  {
    name: 'reset',
    summary: 'make a sandbox a fresh copy of the live CIB',
    usage: 'reset <name>',
    help: "Copies the live CIB into the sandbox again (crm_shadow --reset), dropping the sandbox's changes, and records the copy as its new base.",
    examples: ['reset drbd'],
    args: [{ ...NAME_ARG }],
    touches: 'cluster',
    run: runReset,
  },
  {
    name: 'import',
    summary: 'make a sandbox from a CIB file or a scheduler input',
    usage: IMPORT_USAGE,
    help:
      'Copies a CIB XML file, or a scheduler input (a file of /var/lib/pacemaker/pengine, by name or number: `import 2289`), ' +
      'into the sandbox <name> (default: the file\'s name without .bz2), and works in it. An imported sandbox is not a copy ' +
      'of the live CIB, so committing it sets the whole configuration and needs `force`. Configure text goes in with ' +
      '`configure load` instead. `force` replaces a sandbox of that name.',
    examples: ['import /tmp/cib.xml test', 'import pe-input-12', 'import 12 before-upgrade'],
    args: [{ name: 'file', kind: 'file' }, { name: 'name', kind: 'sandbox', optional: true }],
    options: ['force'],
    touches: 'cluster',
    run: runImport,
  },
];

export const CIB_LEVEL: LevelDef = {
  name: 'cib',
  summary: 'sandboxes: try changes on a copy of the CIB, then commit them',
  help:
    'A sandbox is a copy of the live CIB to change without touching the cluster: `cib new <name>` makes one and works in it, ' +
    '`cib commit` sends its changes as one versioned patch (changes others made meanwhile are kept; the same object changed ' +
    'on both sides is refused unless forced), `cib use live` goes back. Sandboxes are crm_shadow files, so ' +
    '`CIB_shadow=<name> crm_mon -1`, crmsh and pcs see them; the prompt names the one in use: hash(<name>)#.',
  commands: CIB_COMMANDS,
};
