/**
 * User preferences (`options` level), persisted as JSON in the XDG config
 * dir: `$XDG_CONFIG_HOME/hash/options.json`, else `~/.config/hash/options.json`.
 * Only what means something to hash is kept, under crmsh's names:
 *
 *   editor         the program `configure edit` runs (default: $VISUAL, $EDITOR, vi)
 *   pager          the program long output is shown through (default: $PAGER, less; see pager.ts)
 *   output         color | color-always | plain: colours in `configure show`
 *   sort-elements  yes | no: `configure show`/`save` sort the objects of each kind by id (yes) or keep the CIB's order
 *
 * crmsh's qualified names (`core.editor`, `color.style`) and underscores
 * (`sort_elements`) are accepted when setting.
 *
 * @example
 *   const o = loadOptions(process.env);
 *   runInteractive([...commandWords(o.editor), file]);
 *   if (useColor(o, io.isTTY, env)) …
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ExitCode, UserError } from './errors.js';
import { splitWords } from './words.js';

export type OutputStyle = 'color' | 'color-always' | 'plain';

/** The preferences, with defaults filled in. */
export interface HashOptions {
  editor: string;
  pager: string;
  output: OutputStyle;
  sortElements: boolean;
}

export type OptionName = 'editor' | 'pager' | 'output' | 'sort-elements';

export interface OptionDef {
  name: OptionName;
  /** crmsh's other spellings, accepted by `set` */
  aliases: readonly string[];
  summary: string;
  /** the allowed values, when there is a fixed set */
  values?: readonly string[];
  /** the value when not set, and where it comes from */
  fallback(env: NodeJS.ProcessEnv): { value: string; from: string };
}

const nonEmpty = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

export const OPTION_DEFS: readonly OptionDef[] = [
  {
    name: 'editor',
    aliases: ['core.editor'],
    summary: 'the editor `configure edit` runs (a command, arguments allowed: "emacs -nw")',
    fallback: (env) => (nonEmpty(env.VISUAL) ? { value: env.VISUAL, from: '$VISUAL' } : nonEmpty(env.EDITOR) ? { value: env.EDITOR, from: '$EDITOR' } : { value: 'vi', from: 'default' }),
  },
  {
    name: 'pager',
    aliases: ['core.pager'],
    summary: 'the pager configure show goes through on a terminal when it is taller than the window',
    fallback: (env) => (nonEmpty(env.PAGER) ? { value: env.PAGER, from: '$PAGER' } : { value: 'less', from: 'default' }),
  },
  {
    name: 'output',
    aliases: ['color.style'],
    summary: 'colours in configure show: color (on a terminal), color-always (also in pipes), plain (never)',
    values: ['color', 'color-always', 'plain'],
    fallback: () => ({ value: 'color', from: 'default' }),
  },
  {
    name: 'sort-elements',
    aliases: ['core.sort_elements', 'sort_elements'],
    summary: 'configure show and save sort the objects of each kind by id (yes), or keep the order of the CIB (no)',
    values: ['yes', 'no'],
    fallback: () => ({ value: 'yes', from: 'default' }),
  },
];

/** crmsh options that have no meaning in hash: named in the error, so nobody looks for them. */
const CRMSH_ONLY = ['skill-level', 'user', 'wait', 'add-quotes', 'manage-children', 'check-frequency', 'check-mode', 'colorscheme', 'debug', 'force', 'ptest', 'dotty', 'dot'];

/** Where the preferences live. */
export function optionsPath(env: NodeJS.ProcessEnv): string {
  const base = nonEmpty(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(nonEmpty(env.HOME) ? env.HOME : homedir(), '.config');
  return join(base, 'hash', 'options.json');
}

/** The option a name means (hash's name, a crmsh spelling, `_` for `-`); an unknown name is an error listing the known ones. */
export function optionByName(name: string): OptionDef {
  const n = name.trim().toLowerCase();
  const def = OPTION_DEFS.find((d) => d.name === n || d.aliases.includes(n) || d.name === n.replace(/_/g, '-'));
  if (def) return def;
  const known = OPTION_DEFS.map((d) => d.name).join(', ');
  const bare = n.replace(/^(core|color|path)\./, '').replace(/_/g, '-');
  if (CRMSH_ONLY.includes(bare)) throw new UserError(`crmsh's option '${name}' has no meaning in hash`, ExitCode.usage, `hash's options: ${known}`);
  throw new UserError(`unknown option '${name}'`, ExitCode.usage, `known options: ${known}`);
}

/** Check (and normalise) a value for an option: yes/no words, the fixed values of `output`. */
export function checkValue(def: OptionDef, value: string): string {
  const v = value.trim();
  if (def.name === 'sort-elements') {
    if (['yes', 'true', 'on', '1'].includes(v.toLowerCase())) return 'yes';
    if (['no', 'false', 'off', '0'].includes(v.toLowerCase())) return 'no';
  } else if (def.values) {
    if (def.values.includes(v.toLowerCase())) return v.toLowerCase();
    if (def.name === 'output' && /uppercase/i.test(v)) throw new UserError(`output '${v}': hash does not print keywords in upper case`, ExitCode.usage, `values: ${def.values.join(', ')}`);
  } else if (v !== '') return v;
  throw new UserError(v === '' ? `${def.name} needs a value` : `${def.name} cannot be '${v}'`, ExitCode.usage, def.values ? `values: ${def.values.join(', ')}` : `e.g. options set ${def.name} ${def.fallback({}).value}`);
}

/** The preferences that were set (name → value), as stored. A file that is not ours is an error naming it. */
export function readStoredOptions(env: NodeJS.ProcessEnv): Partial<Record<OptionName, string>> {
  const path = optionsPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UserError(`cannot read the preferences in ${path}: ${(e as Error).message}`);
  }
  const bad = (why: string): UserError => new UserError(`the preferences in ${path} are not valid: ${why}`, ExitCode.failed, 'fix the file, or `hash options reset` to start again');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw bad((e as Error).message);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw bad('not a JSON object');
  const out: Partial<Record<OptionName, string>> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const def = OPTION_DEFS.find((d) => d.name === k);
    // names from a newer hash are left alone (and kept when writing)
    if (!def) continue;
    if (typeof v !== 'string') throw bad(`${k} is not a string`);
    try {
      out[def.name] = checkValue(def, v);
    } catch (e) {
      throw bad(e instanceof Error ? e.message : String(e));
    }
  }
  return out;
}

/** The effective preferences: what was set, else the defaults (which read $VISUAL, $EDITOR, $PAGER). */
export function loadOptions(env: NodeJS.ProcessEnv): HashOptions {
  const stored = readStoredOptions(env);
  const get = (name: OptionName): string => stored[name] ?? optionByName(name).fallback(env).value;
  return {
    editor: get('editor'),
    pager: get('pager'),
    output: get('output') as OutputStyle,
    sortElements: get('sort-elements') === 'yes',
  };
}

/** Every option with its effective value and where it came from (`set`, `$EDITOR`, `default`). */
export function describeOptions(env: NodeJS.ProcessEnv): { def: OptionDef; value: string; from: string }[] {
  const stored = readStoredOptions(env);
  return OPTION_DEFS.map((def) => {
    const v = stored[def.name];
    return v !== undefined ? { def, value: v, from: 'set' } : { def, ...def.fallback(env) };
  });
}

function rawStored(path: string): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Write the file whole (a temporary file renamed over it): a crash never leaves half a file. */
function writeStored(path: string, data: Record<string, unknown>): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(tmp, path);
  } catch (e) {
    throw new UserError(`cannot save the preferences in ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Set one preference (checked) and save it; returns the stored value. */
export function setOption(env: NodeJS.ProcessEnv, name: string, value: string): { def: OptionDef; value: string; path: string } {
  const def = optionByName(name);
  const v = checkValue(def, value);
  readStoredOptions(env); // refuse to rewrite a file we cannot read
  const path = optionsPath(env);
  writeStored(path, { ...rawStored(path), [def.name]: v });
  return { def, value: v, path };
}

/** Forget one preference, or all of them (back to the defaults). */
export function resetOptions(env: NodeJS.ProcessEnv, name?: string): { path: string; names: OptionName[] } {
  const path = optionsPath(env);
  if (name === undefined) {
    writeStored(path, {});
    return { path, names: OPTION_DEFS.map((d) => d.name) };
  }
  const def = optionByName(name);
  const data = rawStored(path);
  delete data[def.name];
  writeStored(path, data);
  return { path, names: [def.name] };
}

/** A command preference (`emacs -nw`, `less -R`) as argv, quotes honoured. */
export function commandWords(command: string): string[] {
  return splitWords(command).map((w) => w.text);
}

/** Whether output should carry colours: `plain` never, `color-always` always, `color` on a terminal unless NO_COLOR or TERM=dumb. */
export function useColor(opts: Pick<HashOptions, 'output'>, isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (opts.output === 'plain') return false;
  if (opts.output === 'color-always') return true;
  return isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
}
