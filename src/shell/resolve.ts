/**
 * What a line of words means at a level of the command tree, without running
 * anything: a configure statement, a command of some level, a level change,
 * help, quit — or an error naming the word. The REPL, `-f` scripts (which
 * check every line before running any) and completion all use this, so a line
 * means the same wherever it is typed.
 *
 * @example
 *   resolveLine(splitWords('resource stop web'), []);
 *   // { kind: 'command', path: ['resource'], def: <stop>, args: [web], at: 1, oneShot: true }
 */
import type { CommandDef, LevelDef } from './tree.js';
import { resolveIn } from './tree.js';
import type { Word } from './words.js';
import { suggest } from '../../grammar/suggest.js';
import { GLOBAL_COMMANDS, LEVELS, ROOT_COMMANDS, levelByName } from './registry.js';

export type LinePlan =
  /** a statement of the configure language starting at words[at] */
  | { kind: 'statement'; path: string[]; at: number; oneShot: boolean }
  | { kind: 'command'; path: string[]; def: CommandDef; args: Word[]; at: number; oneShot: boolean }
  /** the line only names a level: go there */
  | { kind: 'enter'; path: string[] }
  | { kind: 'up' }
  | { kind: 'top' }
  | { kind: 'quit' }
  | { kind: 'help'; path: string[]; topic: Word[] }
  | { kind: 'ls'; path: string[] }
  | { kind: 'empty' }
  /** code 'command': an unknown command word (usage); 'syntax': a bad word where configure text goes */
  | { kind: 'error'; word?: Word; message: string; hint?: string; code: 'command' | 'syntax' };

/**
 * The statement keywords of the configure language (exact words only: the
 * parser reads them). Computed on first use, not at load time, so modules
 * the command tree imports may import this one.
 */
export function statementWords(): ReadonlySet<string> {
  return (statementWords_ ??= new Set(
    levelByName('configure')!
      .commands.filter((c) => c.statement)
      .flatMap((c) => [c.name, ...(c.aliases ?? [])]),
  ));
}
let statementWords_: ReadonlySet<string> | undefined;

type Entry = { name: string; aliases?: string[]; what: 'command'; def: CommandDef } | { name: string; aliases?: string[]; what: 'level'; level: LevelDef } | { name: string; aliases?: string[]; what: 'global'; def: CommandDef };

/** What can be typed at a level: its commands (statements excluded: exact words), sub-levels, and the global commands. */
export function entriesAt(path: readonly string[]): Entry[] {
  const level = path.length > 0 ? levelByName(path[path.length - 1]!) : undefined;
  const commands = level ? level.commands.filter((c) => !c.statement) : ROOT_COMMANDS;
  const levels = level ? (level.sublevels ?? []).map((n) => levelByName(n)!).filter(Boolean) : LEVELS;
  return [
    ...commands.map((def) => ({ name: def.name, aliases: def.aliases, what: 'command' as const, def })),
    ...levels.map((l) => ({ name: l.name, aliases: l.aliases, what: 'level' as const, level: l })),
    ...GLOBAL_COMMANDS.map((def) => ({ name: def.name, aliases: def.aliases, what: 'global' as const, def })),
  ];
}

/** Resolve the words of one line typed at `current` (a level path; [] is the top). */
export function resolveLine(words: readonly Word[], current: readonly string[]): LinePlan {
  if (words.length === 0) return { kind: 'empty' };
  let path = [...current];
  let i = 0;
  for (;;) {
    const w = words[i];
    if (w === undefined) return { kind: 'enter', path };
    const oneShot = path.length !== current.length || path.some((p, k) => p !== current[k]);
    const top = path[path.length - 1];
    if (top === 'configure' && statementWords().has(w.text)) return { kind: 'statement', path, at: i, oneShot };
    let r = resolveIn(w.text, entriesAt(path));
    // a command of the top level typed at a sub-level (`status` in configure, `resource stop x` in node)
    if (r.kind === 'none' && path.length > 0) {
      const fromTop = resolveIn(w.text, entriesAt([]));
      if (fromTop.kind === 'found') {
        path = [];
        r = fromTop;
      }
    }
    if (r.kind === 'ambiguous') return { kind: 'error', word: w, message: `'${w.text}' is ambiguous: ${r.candidates.join(', ')}`, code: top === 'configure' ? 'syntax' : 'command' };
    if (r.kind === 'none') return unknownWord(w, path);
    const e = r.def;
    if (e.what === 'level') {
      path = [...path, e.name];
      i++;
      continue;
    }
    const args = words.slice(i + 1);
    if (e.what === 'global') {
      switch (e.name) {
        case 'help':
          return { kind: 'help', path, topic: [...args] };
        case 'ls':
          return { kind: 'ls', path };
        case 'quit':
          return { kind: 'quit' };
        case 'top':
          return { kind: 'top' };
        case 'end':
          return { kind: 'up' };
        case 'cd': {
          const to = args[0];
          if (!to) return { kind: 'top' };
          if (to.text === '..') return { kind: 'up' };
          const lv = resolveIn(to.text, entriesAt(path).filter((x) => x.what === 'level'));
          if (lv.kind !== 'found') return { kind: 'error', word: to, message: `no level '${to.text}' here`, hint: `levels: ${entriesAt(path).filter((x) => x.what === 'level').map((x) => x.name).join(', ') || '(none)'}`, code: 'command' };
          return { kind: 'enter', path: [...path, lv.def.name] };
        }
      }
    }
    return { kind: 'command', path, def: (e as { def: CommandDef }).def, args: [...args], at: i, oneShot };
  }
}

function unknownWord(w: Word, path: readonly string[]): LinePlan {
  const names = [...entriesAt(path).map((e) => e.name), ...(path[path.length - 1] === 'configure' ? statementWords() : [])];
  const s = suggest(w.text, names);
  const where = path.length ? `${path.join(' ')} ` : '';
  return {
    kind: 'error',
    word: w,
    message: `unknown ${where}command '${w.text}'`,
    hint: s ? `did you mean '${s}'?` : `type \`help\` for the commands${path.length ? ' of this level' : ''}`,
    code: path[path.length - 1] === 'configure' ? 'syntax' : 'command',
  };
}

