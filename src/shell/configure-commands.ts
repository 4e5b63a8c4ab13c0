/**
 * The configure-level commands that are not statements of the language:
 * show, save, load, verify, delete, rename, commit, erase. Each works on the
 * session's working CIB and reports problems as located diagnostics.
 */
import { readFile, rename as renameFile, writeFile } from 'node:fs/promises';
import type { LoadMode } from '../cib/apply.js';
import { allIds, changedObjects, deleteObjects, renameObject, topLevelObjects } from '../cib/edit.js';
import { cloneXml, parseXml, serializeXml, XmlSyntaxError, type XmlElement } from '../cib/xml.js';
import { applyParsed, type FileDiagnostic } from './apply-input.js';
import type { ConfigureSession } from './configure-session.js';
import type { ShellContext } from './context.js';
import { closest } from './resolve.js';
import type { Word } from './words.js';

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
}

export interface CommandOutcome {
  diagnostics: FileDiagnostic[];
}

type Handler = (args: Word[], env: CommandEnv) => Promise<CommandOutcome>;

const ok: CommandOutcome = { diagnostics: [] };

function located(env: CommandEnv, w: Word | undefined, message: string, hint?: string, severity: 'error' | 'warning' = 'error'): FileDiagnostic {
  return { severity, code: 'command', message, hint, line: env.line, col: (w?.start ?? 0) + 1, length: w ? w.end - w.start : 1, file: env.file };
}

/** An error about a missing id, with the closest existing id as a suggestion. */
function missingId(env: CommandEnv, w: Word, ids: Iterable<string>): FileDiagnostic {
  const s = closest(w.text, [...ids]);
  return located(env, w, `no object with id '${w.text}'`, s ? `did you mean '${s}'?` : 'see `configure show` for the ids');
}

const show: Handler = async (args, env) => {
  const cib = await env.session.working();
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
  const opts = { ids: ids.length ? ids : undefined, types: types.length ? types : undefined };
  const color = env.ctx.io.isTTY && !env.ctx.env.NO_COLOR && env.ctx.env.TERM !== 'dumb';
  env.ctx.io.out(xml ? showXml(cib, opts) : showConfiguration(cib, { ...opts, obscure: env.ctx.io.isTTY, color }));
  return ok;
};

const save: Handler = async (args, env) => {
  const xml = args[0]?.text === 'xml';
  const target = args[xml ? 1 : 0];
  if (!target || args.length > (xml ? 2 : 1)) return { diagnostics: [located(env, args[0], 'usage: save [xml] <file>')] };
  const cib = await env.session.working();
  const { showConfiguration } = await import('../cib/show.js');
  // never obscured: a saved file must load back to the same configuration
  const text = xml ? serializeXml(cib) : showConfiguration(cib);
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
  const { parseConfigure } = await import('../../grammar/index.js');
  const parsed = parseConfigure(text, { file });
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
  const pcmk = await verifyCib(env.ctx.executor, serializeXml(working));
  for (const text of pcmk.errors) diagnostics.push({ severity: 'error', code: 'crm_verify', message: `crm_verify: ${text}`, line: 0, col: 0, file: env.file });
  for (const text of pcmk.warnings) diagnostics.push({ severity: 'warning', code: 'crm_verify', message: `crm_verify: ${text}`, line: 0, col: 0, file: env.file });
  if (!diagnostics.some((d) => d.severity === 'error')) env.ctx.io.err('configuration is valid\n');
  return { diagnostics };
};

const del: Handler = async (args, env) => {
  if (args.length === 0) return { diagnostics: [located(env, undefined, 'usage: delete <id> [<id> ...]')] };
  const cib = await env.session.working();
  const objects = topLevelObjects(cib);
  const missing = args.filter((w) => !objects.has(w.text));
  if (missing.length > 0) return { diagnostics: missing.map((w) => missingId(env, w, objects.keys())) };
  const { cib: next, removed } = deleteObjects(cib, args.map((w) => w.text));
  env.session.setWorking(next);
  const extra = removed.filter((id) => !args.some((w) => w.text === id) && objects.has(id));
  if (extra.length > 0) env.ctx.io.err(`also deleted, as they only referred to what was deleted: ${extra.join(', ')}\n`);
  return ok;
};

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

const commit: Handler = async (_args, env) => {
  // In a script everything is committed once at the end, or nothing is.
  if (env.inScript) return ok;
  const message = await env.session.commit();
  env.ctx.io.err(`${message}\n`);
  return ok;
};

const erase: Handler = async (args, env) => {
  const cib = cloneXml(await env.session.working());
  const conf = cib.children.find((c) => c.name === 'configuration');
  const sections = ['resources', 'constraints', ...(args[0]?.text === 'nodes' ? ['nodes'] : [])];
  for (const s of conf?.children ?? []) if (sections.includes(s.name)) s.children = [];
  env.session.setWorking(cib);
  return ok;
};

const HANDLERS: Record<string, Handler> = { show, save, load, verify, delete: del, rename, commit, erase };

export async function runConfigureCommand(name: string, args: Word[], env: CommandEnv): Promise<CommandOutcome> {
  const h = HANDLERS[name];
  if (!h) return { diagnostics: [located(env, undefined, `'${name}' is not available in this version of hash yet`)] };
  return h(args, env);
}
