/**
 * `help` text, made from the command tree (the man page is made from the
 * same definitions, so the two cannot disagree).
 *
 * @example
 *   helpText(['resource'], ['stop']);   // usage, summary, help and examples of `resource stop`
 */
import type { CommandDef, LevelDef } from './tree.js';
import { resolveIn } from './tree.js';
import { GLOBAL_COMMANDS, LEVELS, ROOT_COMMANDS, levelByName } from './registry.js';
import type { Word } from './words.js';
import { UsageError } from './errors.js';

/** Wrap text at `width` columns, indented by `indent`. */
export function wrap(text: string, width = 78, indent = ''): string {
  const out: string[] = [];
  for (const para of text.split(/\n\n+/)) {
    let line = indent;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line.length > indent.length && line.length + 1 + word.length > width) {
        out.push(line);
        line = indent + word;
      } else line += (line.length > indent.length ? ' ' : '') + word;
    }
    out.push(line, '');
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

function names(d: { name: string; aliases?: string[] }): string {
  return d.aliases?.length ? `${d.name} (${d.aliases.join(', ')})` : d.name;
}

function table(rows: [string, string][]): string {
  const w = Math.min(28, Math.max(...rows.map((r) => r[0].length)) + 2);
  return rows.map(([a, b]) => `  ${a.padEnd(w)}${a.length >= w ? '\n  ' + ' '.repeat(w) : ''}${b}`).join('\n');
}

/** The help of a level: what it is for, its commands and sub-levels. */
export function levelHelp(level: LevelDef | undefined): string {
  const parts: string[] = [];
  if (level) {
    parts.push(`${level.name} — ${level.summary}`);
    if (level.help) parts.push(wrap(level.help));
    const statements = level.commands.filter((c) => c.statement);
    const commands = level.commands.filter((c) => !c.statement);
    if (commands.length) parts.push('Commands:\n' + table(commands.map((c) => [names(c), c.summary])));
    if (statements.length) parts.push('Configure statements:\n' + table(statements.map((c) => [names(c), c.summary])));
    const subs = (level.sublevels ?? []).map((n) => levelByName(n)!).filter(Boolean);
    if (subs.length) parts.push('Levels:\n' + table(subs.map((l) => [names(l), l.summary])));
  } else {
    parts.push('hash — the HA shell. Type a level to enter it, or a whole command line (`resource stop web`).');
    parts.push('Levels:\n' + table(LEVELS.map((l) => [names(l), l.summary])));
    parts.push('Commands:\n' + table(ROOT_COMMANDS.map((c) => [names(c), c.summary])));
  }
  parts.push('Everywhere:\n' + table(GLOBAL_COMMANDS.map((c) => [names(c), c.summary])));
  parts.push('`help <command>` shows usage and examples.');
  return parts.join('\n\n') + '\n';
}

/** The help of one command: usage, what it does, options, examples. */
export function commandHelp(def: CommandDef, path: readonly string[]): string {
  const prefix = path.length ? `${path.join(' ')} ` : '';
  const parts = [`${prefix}${def.name} — ${def.summary}`, `Usage: ${prefix}${def.name === def.usage.split(' ')[0] ? def.usage : `${def.name} ${def.usage}`.trim()}`];
  if (def.aliases?.length) parts.push(`Also: ${def.aliases.join(', ')}`);
  if (def.help) parts.push(wrap(def.help));
  if (def.options?.length) parts.push(`Options: ${def.options.join(' ')}`);
  if (def.examples?.length) parts.push('Examples:\n' + def.examples.map((e) => `  ${e}`).join('\n'));
  return parts.join('\n\n') + '\n';
}

/** `help [topic…]` typed at `path`: a level, a command of this level, or a command of a named level. */
export function helpText(path: readonly string[], topic: readonly Word[]): string {
  let at = [...path];
  for (let i = 0; i < topic.length; i++) {
    const w = topic[i]!;
    const level = at.length ? levelByName(at[at.length - 1]!) : undefined;
    const commands = [...(level ? level.commands : ROOT_COMMANDS), ...GLOBAL_COMMANDS];
    const levels = level ? (level.sublevels ?? []).map((n) => levelByName(n)!).filter(Boolean) : LEVELS;
    const exact = commands.find((c) => c.name === w.text || c.aliases?.includes(w.text));
    if (exact && i === topic.length - 1) return commandHelp(exact, at);
    const lv = resolveIn(w.text, levels);
    if (lv.kind === 'found') {
      at = [...at, lv.def.name];
      continue;
    }
    const cmd = resolveIn(w.text, commands);
    if (cmd.kind === 'found') return commandHelp(cmd.def, at);
    // a top-level word from inside a level (`help resource` in configure)
    if (at.length > 0 && i === 0) {
      const top = resolveIn(w.text, LEVELS);
      if (top.kind === 'found') {
        at = [top.def.name];
        continue;
      }
    }
    throw new UsageError(`no help on '${w.text}'${at.length ? ` in ${at.join(' ')}` : ''}`, 'type `help` for the commands here');
  }
  return levelHelp(at.length ? levelByName(at[at.length - 1]!) : undefined);
}
