/**
 * The configure-level commands that are not statements of the language:
 * show, save, load, verify, edit, delete, rename, modgroup, set, refresh,
 * simulate, schema, upgrade, commit, erase. Each works on the session's
 * working CIB (upgrade on the CIB itself) and reports problems as located
 * diagnostics.
 */
import { readFile, rename as renameFile, writeFile } from 'node:fs/promises';
import { suggest } from '../../grammar/suggest.js';
import type { LoadMode } from '../cib/apply.js';
import { allIds, changedObjects, deleteObjects, EditError, modifyGroup, renameObject, setAttribute, topLevelObjects, type GroupChange } from '../cib/edit.js';
import { cloneXml, parseXml, serializeXml, XmlSyntaxError, type XmlElement } from '../cib/xml.js';
import type { ResourceStatus } from '../pacemaker/status-model.js';
import { applyParsed, type FileDiagnostic } from './apply-input.js';
import type { ConfigureSession } from './configure-session.js';
import type { ShellContext } from './context.js';
import type { Invocation } from './tree.js';
import type { Word } from './words.js';
import { ExitCode, UserError } from './errors.js';
import { loadOptions, useColor } from './options-store.js';

export interface CommandEnv {
  ctx: ShellContext;
  session: ConfigureSession;
  /** file name → text, for diagnostics with source lines */
  sources: Map<string, string>;
  /** the script (or `<command line>`) the command came from, and its line */
  file: string;
  line: number;
  /** in a script, `commit` waits for the end (all or nothing) */
  inScript: boolean;
  /** the invocation, for commands that run tools or ask (delete, edit, simulate, upgrade, refresh) */
  inv?: Invocation;
}

export interface CommandOutcome {
  diagnostics: FileDiagnostic[];
}

type Handler = (args: Word[], env: CommandEnv) => Promise<CommandOutcome>;

const ok: CommandOutcome = { diagnostics: [] };

export function located(env: CommandEnv, w: Word | undefined, message: string, hint?: string, severity: 'error' | 'warning' = 'error'): FileDiagnostic {
  return { severity, code: 'command', message, hint, line: env.line, col: (w?.start ?? 0) + 1, length: w ? w.end - w.start : 1, file: env.file };
}

/** An error about a missing id, with the closest existing id as a suggestion. */
export function missingId(env: CommandEnv, w: Word, ids: Iterable<string>): FileDiagnostic {
  const s = suggest(w.text, [...ids]);
  return located(env, w, `no object with id '${w.text}'`, s ? `did you mean '${s}'?` : 'see `configure show` for the ids');
}

const show: Handler = async (args, env) => {
  // a one-shot show reads no status (most of a live CIB's text); `changed` compares with the base
  const cib = env.ctx.options.oneShot && !args.some((w) => w.text === 'changed') ? await env.session.peek() : await env.session.working();
  // the id index costs a walk of the whole CIB: only build it when ids were given
  let objects: Map<string, XmlElement> | undefined;
  const known = (): Map<string, XmlElement> => (objects ??= topLevelObjects(cib));
  let xml = false;
  let changedOnly = false;
  const ids: string[] = [];
  const types: string[] = [];
  const diagnostics: FileDiagnostic[] = [];
  for (const w of args) {
    if (w.text === 'xml') xml = true;
    else if (w.text === 'changed') changedOnly = true;
    else if (w.text.startsWith('type:')) types.push(w.text.slice(5));
    else if (known().has(w.text)) ids.push(w.text);
    else diagnostics.push(missingId(env, w, known().keys()));
  }
  if (diagnostics.length > 0) return { diagnostics };
  if (changedOnly) {
    const c = changedObjects(await env.session.base(), cib);
    ids.push(...c.added, ...c.changed);
    if (ids.length === 0) return ok;
  }
  const { showConfiguration, showXml } = await import('../cib/show.js');
  const { pageOut } = await import('./pager.js');
  const prefs = loadOptions(env.ctx.env);
  const opts = { ids: ids.length ? ids : undefined, types: types.length ? types : undefined };
  const color = useColor(prefs, env.ctx.io.isTTY, env.ctx.env);
  pageOut(env.ctx, xml ? showXml(cib, opts) : showConfiguration(cib, { ...opts, obscure: env.ctx.io.isTTY, color, sortById: prefs.sortElements }));
  return ok;
};

const save: Handler = async (args, env) => {
  const xml = args[0]?.text === 'xml';
  const target = args[xml ? 1 : 0];
  if (!target || args.length > (xml ? 2 : 1)) return { diagnostics: [located(env, args[0], 'usage: save [xml] <file>')] };
  const cib = await env.session.working();
  const { showConfiguration } = await import('../cib/show.js');
  // never obscured: a saved file must load back to the same configuration
  const text = xml ? serializeXml(cib) : showConfiguration(cib, { sortById: loadOptions(env.ctx.env).sortElements });
  if (target.text === '-') {
    env.ctx.io.out(text);
    return ok;
  }
  const tmp = `${target.text}.hash-tmp-${process.pid}`;
  try {
    await writeFile(tmp, text);
    await renameFile(tmp, target.text);
  } catch (e) {
    return { diagnostics: [located(env, target, `cannot write ${target.text}: ${(e as Error).message}`)] };
  }
  return ok;
};

const MODES = ['update', 'replace', 'push'];

const load: Handler = async (args, env) => {
  const xml = args[0]?.text === 'xml';
  const modeWord = args[xml ? 1 : 0];
  const fileWord = args[xml ? 2 : 1];
  if (!modeWord || !MODES.includes(modeWord.text) || !fileWord) {
    return { diagnostics: [located(env, modeWord ?? args[0], 'usage: load [xml] update|replace|push <file>', "a file of configure statements; '-' reads stdin")] };
  }
  const mode = modeWord.text as LoadMode;
  let text: string;
  const file = fileWord.text === '-' ? '<stdin>' : fileWord.text;
  try {
    text = fileWord.text === '-' ? await readStdin() : await readFile(fileWord.text, 'utf8');
  } catch (e) {
    return { diagnostics: [located(env, fileWord, `cannot read ${fileWord.text}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`)] };
  }
  env.sources.set(file, text);
  if (xml) return loadXml(text, mode, env, fileWord);
  const { parseConfigureLazily } = await import('../../grammar/lazy.js');
  const parsed = await parseConfigureLazily(text, { file });
  const parseDiags = parsed.diagnostics.map((d) => ({ ...d, file }));
  if (parseDiags.some((d) => d.severity === 'error')) return { diagnostics: parseDiags };
  return { diagnostics: [...parseDiags, ...(await applyParsed(env.session, parsed, mode, file))] };
};

/** `load xml`: a CIB document or a <configuration>; update merges objects by id, replace/push take it whole. */
async function loadXml(text: string, mode: LoadMode, env: CommandEnv, fileWord: Word): Promise<CommandOutcome> {
  let doc: XmlElement;
  try {
    doc = parseXml(text);
  } catch (e) {
    return { diagnostics: [located(env, fileWord, `${fileWord.text} is not valid XML: ${e instanceof XmlSyntaxError ? e.message : String(e)}`)] };
  }
  const incoming = doc.name === 'configuration' ? doc : doc.children.find((c) => c.name === 'configuration');
  if (!incoming) return { diagnostics: [located(env, fileWord, `${fileWord.text} has no <configuration> element`)] };
  const cib = cloneXml(await env.session.working());
  const conf = cib.children.find((c) => c.name === 'configuration');
  if (!conf) return { diagnostics: [located(env, fileWord, 'the CIB has no <configuration> section')] };
  if (mode !== 'update') {
    conf.children = cloneXml(incoming).children;
  } else {
    for (const section of incoming.children) {
      let mine = conf.children.find((c) => c.name === section.name);
      if (!mine) conf.children.push((mine = { name: section.name, attrs: { ...section.attrs }, children: [] }));
      for (const obj of section.children) {
        const at = mine.children.findIndex((c) => c.attrs.id !== undefined && c.attrs.id === obj.attrs.id);
        if (at >= 0) mine.children[at] = cloneXml(obj);
        else mine.children.push(cloneXml(obj));
      }
    }
  }
  env.session.setWorking(cib);
  return ok;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const verify: Handler = async (_args, env) => {
  const working = await env.session.working();
  const { checkWithAgents } = await import('./checks.js');
  const { verifyCib } = await import('../pacemaker/verify.js');
  const diagnostics: FileDiagnostic[] = (await checkWithAgents(working, env.ctx, env.session.locations)).map((d) => ({
    ...d,
    file: env.session.locations.get(d.objectId ?? '')?.file ?? env.file,
  }));
  const { schemaViolations } = await import('../pacemaker/cibadmin.js');
  const { schemaDiagnostics } = await import('../cib/check.js');
  const [pcmk, violations] = await Promise.all([verifyCib(env.ctx.executor, serializeXml(working)), schemaViolations(env.ctx.executor, working).catch(() => undefined)]);
  // what the schema refuses, on the objects where they were written; crm_verify's own words for it ("Entity: line 123: …") then add nothing
  const schema = violations?.length ? schemaDiagnostics(violations, { locations: env.session.locations, hint: 'Pacemaker refuses to commit it until it is corrected' }) : [];
  for (const d of schema) diagnostics.push({ ...d, file: env.session.locations.get(d.objectId ?? '')?.file ?? env.file });
  for (const text of pcmk.errors) {
    if (schema.length > 0 && /Relax-NG validity error|did not pass schema validation/.test(text)) continue;
    diagnostics.push({ severity: 'error', code: 'crm_verify', message: `crm_verify: ${text}`, line: 0, col: 0, file: env.file });
  }
  for (const text of pcmk.warnings) diagnostics.push({ severity: 'warning', code: 'crm_verify', message: `crm_verify: ${text}`, line: 0, col: 0, file: env.file });
  if (!diagnostics.some((d) => d.severity === 'error')) env.ctx.io.err('configuration is valid\n');
  return { diagnostics };
};

/** Words that make `delete` go ahead with running resources (crmsh takes `--force` and `-f`). */
const FORCE_WORDS = ['--force', '-f', 'force'];

const del: Handler = async (args, env) => {
  const force = env.ctx.options.force || args.some((w) => FORCE_WORDS.includes(w.text));
  const words = args.filter((w) => !FORCE_WORDS.includes(w.text));
  if (words.length === 0) return { diagnostics: [located(env, args[0], 'usage: delete <id> [<id> ...] [--force]')] };
  const cib = await env.session.working();
  const objects = topLevelObjects(cib);
  const missing = words.filter((w) => !objects.has(w.text));
  if (missing.length > 0) return { diagnostics: missing.map((w) => missingId(env, w, objects.keys())) };
  const result = deleteObjects(cib, words.map((w) => w.text));
  if (!force) {
    const diagnostics = await refuseRunning(env, words, cib, result.removed);
    if (diagnostics.length > 0) return { diagnostics };
  }
  env.session.setWorking(result.cib);
  const say = (t: string): void => env.ctx.io.err(`${t}\n`);
  const extra = result.removed.filter((id) => !words.some((w) => w.text === id) && objects.has(id));
  if (extra.length > 0) say(`also deleted, as they only referred to what was deleted: ${extra.join(', ')}`);
  if (result.released.length > 0) say(`kept at the top level, as their container was deleted: ${result.released.join(', ')}`);
  for (const r of result.repointed) say(`${r.constraint} now refers to ${r.to} (was ${r.from})`);
  if (result.updated.length > 0) say(`no longer listed in: ${result.updated.join(', ')}`);
  return ok;
};

/**
 * Deleting a running resource stops it once committed: refuse unless forced,
 * as crmsh does. Asks crm_mon on the target (a CIB file's or sandbox's status
 * counts too); a resource that is unmanaged is not stopped, so it may go.
 */
async function refuseRunning(env: CommandEnv, words: Word[], cib: XmlElement, removed: string[]): Promise<FileDiagnostic[]> {
  const before = topLevelObjects(cib);
  const rscs = removed.filter((id) => ['primitive', 'clone', 'master', 'bundle'].includes(before.get(id)?.name ?? ''));
  if (rscs.length === 0) return [];
  const { crmMon } = await import('../pacemaker/crm-mon.js');
  const { walkResources } = await import('../pacemaker/status-model.js');
  const mon = await crmMon(env.ctx.executor, env.ctx.target);
  const wordFor = (id: string): Word | undefined => words.find((w) => w.text === id) ?? words[0];
  if (!mon.ok) {
    return [located(env, words[0], `cannot tell whether ${rscs.join(', ')} ${rscs.length > 1 ? 'are' : 'is'} running: ${mon.error}`, 'add --force to delete anyway')];
  }
  const where = new Map<string, Set<string>>();
  const visit = (r: ResourceStatus, owner: string): void => {
    for (const x of walkResources([r])) {
      if (x.type === 'primitive' && x.active && x.managed) {
        let s = where.get(owner);
        if (!s) where.set(owner, (s = new Set()));
        for (const n of x.nodes) s.add(n);
      }
    }
  };
  const wanted = new Set(rscs);
  for (const r of walkResources(mon.status.resources)) {
    // clone instances are reported as id:N
    const base = r.id.replace(/:\d+$/, '');
    if (wanted.has(r.id)) visit(r, r.id);
    else if (wanted.has(base)) visit(r, base);
  }
  return [...where].map(([id, nodes]) =>
    located(
      env,
      wordFor(id),
      `${id} is running${nodes.size ? ` on ${[...nodes].join(', ')}` : ''}: deleting it would stop it`,
      `stop it first (\`resource stop ${id}\`), or \`delete --force ${words.map((w) => w.text).join(' ')}\` deletes it anyway`,
    ),
  );
}

const rename: Handler = async (args, env) => {
  const [from, to] = args;
  if (!from || !to || args.length !== 2) return { diagnostics: [located(env, args[0], 'usage: rename <old-id> <new-id>')] };
  const cib = await env.session.working();
  const objects = topLevelObjects(cib);
  if (!objects.has(from.text)) return { diagnostics: [missingId(env, from, objects.keys())] };
  if (allIds(cib).has(to.text)) return { diagnostics: [located(env, to, `the id '${to.text}' is already in use`, 'pick another id')] };
  if (!/^[A-Za-z_][\w.:-]*$/.test(to.text)) return { diagnostics: [located(env, to, `'${to.text}' is not a valid id`, 'an id starts with a letter or _ and holds letters, digits, _ . : -')] };
  env.session.setWorking(renameObject(cib, from.text, to.text));
  return ok;
};

const commit: Handler = async (args, env) => {
  const bad = args.find((w) => w.text !== 'force');
  if (bad) {
    const hint = bad.text === 'replace' ? 'hash never replaces the CIB: it sends a versioned patch' : undefined;
    return { diagnostics: [located(env, bad, `'${bad.text}' is not an option of commit`, hint ?? 'usage: commit [force]')] };
  }
  const force = args.length > 0;
  // In a script everything is committed once at the end, or nothing is.
  if (env.inScript) {
    if (force) env.session.forceNextCommit = true;
    return ok;
  }
  if (!env.session.isChanged()) {
    env.ctx.io.err('nothing to commit\n');
    return ok;
  }
  // the checks run first, as when leaving configure; `commit force` overrides conflicts for this commit only
  const forced = env.session.forceNextCommit;
  if (force) env.session.forceNextCommit = true;
  try {
    await needInvocation(env).shell.flush();
  } finally {
    env.session.forceNextCommit = forced;
  }
  return ok;
};

const modgroup: Handler = async (args, env) => {
  const usage = 'usage: modgroup <group> add <rsc> [after <rsc>|before <rsc>] | modgroup <group> remove <rsc>';
  const [group, op, rsc, pos, ref, ...extra] = args;
  if (!group || !op || !rsc || (op.text !== 'add' && op.text !== 'remove')) return { diagnostics: [located(env, op ?? group, usage)] };
  if (extra.length > 0 || (op.text === 'remove' && pos) || (pos && (!ref || (pos.text !== 'after' && pos.text !== 'before')))) {
    return { diagnostics: [located(env, extra[0] ?? pos, usage)] };
  }
  const change: GroupChange =
    op.text === 'remove' ? { op: 'remove', rsc: rsc.text } : { op: 'add', rsc: rsc.text, ...(pos && ref ? { [pos.text]: ref.text } : {}) };
  try {
    env.session.setWorking(modifyGroup(await env.session.working(), group.text, change));
  } catch (e) {
    if (!(e instanceof EditError)) throw e;
    const w = e.subject === 'group' ? group : e.subject === 'ref' ? ref : rsc;
    return { diagnostics: [located(env, w, e.message, e.hint)] };
  }
  return ok;
};

const set: Handler = async (args, env) => {
  const [path, value] = args;
  if (!path || !value || args.length !== 2) {
    return { diagnostics: [located(env, args[2] ?? path, 'usage: set <id>.[<op>.[<interval>.]]<name> <value>', 'e.g. `set vip.ip 10.0.0.5`, `set db.monitor.10s.timeout 30s`')] };
  }
  try {
    env.session.setWorking(setAttribute(await env.session.working(), path.text, value.text));
  } catch (e) {
    if (!(e instanceof EditError)) throw e;
    return { diagnostics: [located(env, path, e.message, e.hint)] };
  }
  return ok;
};

const refresh: Handler = async (args, env) => {
  if (args.length > 0) return { diagnostics: [located(env, args[0], 'usage: refresh')] };
  const changed = env.session.isChanged();
  if (changed && env.inv?.shell.interactive && !(await env.inv.confirm('All pending changes will be dropped. Do you want to proceed?'))) return ok;
  env.session.refresh();
  if (changed) env.ctx.io.err('pending changes dropped; the CIB is read again\n');
  return ok;
};

const SIMULATE_WORDS = ['nograph', 'scores', 'actions', 'utilization'];

/** `simulate`/`ptest`: what the cluster would do if the pending changes were committed. */
const simulate: Handler = async (args, env) => {
  const bad = args.find((w) => !SIMULATE_WORDS.includes(w.text) && !/^v+$/.test(w.text));
  if (bad) return { diagnostics: [located(env, bad, `'${bad.text}' is not an option of simulate`, `the options: ${SIMULATE_WORDS.join(', ')}, v…`)] };
  const inv = needInvocation(env);
  const has = (w: string): boolean => args.some((a) => a.text === w);
  // v… (crmsh's verbosity) shows the steps of the transition, as `actions` does
  const opts = { scores: has('scores'), utilization: has('utilization'), actions: has('actions') || args.some((a) => /^v+$/.test(a.text)) };
  const { formatSimulation, parseSimulation, simulateArgv, statusQueryArgv, withStatus } = await import('../pacemaker/simulate.js');
  if (!env.session.isChanged()) env.ctx.io.err('no pending changes: this is what the cluster would do now\n');
  // the working configuration with the status the cluster has now, as crmsh does
  const status = await inv.query(statusQueryArgv());
  const cib = withStatus(await env.session.working(), status.stdout);
  const r = await inv.query(simulateArgv(opts), { stdin: serializeXml(cib), timeoutMs: 120_000 });
  let text: string;
  try {
    text = formatSimulation(parseSimulation(r.stdout), opts);
  } catch (e) {
    throw new UserError(`crm_simulate gave no result: ${(e as Error).message}`, ExitCode.failed);
  }
  env.ctx.io.out(text);
  return ok;
};

const schema: Handler = async (args, env) => {
  const [name, ...extra] = args;
  if (extra.length > 0) return { diagnostics: [located(env, extra[0], 'usage: schema [<schema>]')] };
  const cib = await env.session.working();
  if (!name) {
    env.ctx.io.out(`${cib.attrs['validate-with'] ?? '(none: the CIB names no schema)'}\n`);
    return ok;
  }
  if (!/^(pacemaker-\d+\.\d+|pacemaker-next|none)$/.test(name.text)) {
    return { diagnostics: [located(env, name, `'${name.text}' is not a schema name`, 'a schema is named pacemaker-<major>.<minor>, e.g. pacemaker-3.9')] };
  }
  // the same as the `schema` statement of a loaded file
  const { parseConfigure } = await import('../../grammar/index.js');
  const parsed = parseConfigure(`schema ${name.text}\n`, { file: env.file });
  return { diagnostics: (await applyParsed(env.session, parsed, 'update', env.file)).map((d) => ({ ...d, line: env.line, col: name.start + 1 })) };
};

/** `upgrade [force]`: cibadmin --upgrade on the CIB in use (not the session's copy). */
const upgrade: Handler = async (args, env) => {
  const bad = args.find((w) => w.text !== 'force');
  if (bad || args.length > 1) return { diagnostics: [located(env, bad ?? args[1], 'usage: upgrade [force]')] };
  const inv = needInvocation(env);
  if (env.session.isChanged()) {
    throw new UserError('there are pending configure changes: upgrade changes the CIB itself', ExitCode.failed, '`commit` sends them first; `refresh` drops them');
  }
  const from = (await env.session.base()).attrs['validate-with'] ?? 'no schema';
  if (args.length === 0 && !(await inv.confirm(`Upgrade the CIB from ${from} to the latest schema this Pacemaker knows? Older Pacemaker versions may no longer read it`))) return ok;
  const { upgradeArgv } = await import('../pacemaker/schema-upgrade.js');
  await inv.tool(upgradeArgv());
  if (env.ctx.options.dryRun) return ok;
  env.session.refresh();
  const to = (await env.session.base()).attrs['validate-with'] ?? 'no schema';
  env.ctx.io.err(to === from ? `the CIB already uses ${to}, the latest schema\n` : `upgraded the CIB from ${from} to ${to}\n`);
  return ok;
};

function needInvocation(env: CommandEnv): Invocation {
  if (!env.inv) throw new Error('this configure command needs the shell invocation');
  return env.inv;
}

const edit: Handler = async (args, env) => {
  const { runEdit } = await import('./configure-edit.js');
  return runEdit(args, env, needInvocation(env));
};

const erase: Handler = async (args, env) => {
  const cib = cloneXml(await env.session.working());
  const conf = cib.children.find((c) => c.name === 'configuration');
  const sections = ['resources', 'constraints', ...(args[0]?.text === 'nodes' ? ['nodes'] : [])];
  for (const s of conf?.children ?? []) if (sections.includes(s.name)) s.children = [];
  env.session.setWorking(cib);
  return ok;
};

const HANDLERS: Record<string, Handler> = {
  show,
  save,
  load,
  verify,
  edit,
  delete: del,
  rename,
  modgroup,
  set,
  refresh,
  simulate,
  schema,
  upgrade,
  commit,
  erase,
};

export async function runConfigureCommand(name: string, args: Word[], env: CommandEnv): Promise<CommandOutcome> {
  const h = HANDLERS[name];
  if (!h) return { diagnostics: [located(env, undefined, `'${name}' is not available in this version of hash yet`)] };
  return h(args, env);
}
