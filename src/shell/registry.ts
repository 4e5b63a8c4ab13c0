/**
 * The whole command tree: the levels reachable from the top, the commands
 * of the top level itself, and the commands every level has (help, end,
 * quit). `help`, man/hash.1, completion and the completion scripts read
 * this; the shell dispatches through it.
 */
import type { CommandDef, LevelDef } from './tree.js';
import { CONFIGURE_LEVEL } from './levels/configure.js';
import { RESOURCE_LEVEL } from './levels/resource.js';
import { NODE_LEVEL } from './levels/node.js';
import { CIB_LEVEL } from './levels/cib.js';
import { RA_LEVEL } from './levels/ra.js';
import { OPTIONS_LEVEL } from './levels/options.js';
import { ROOT_COMMANDS } from './levels/root.js';

export const LEVELS: readonly LevelDef[] = [CONFIGURE_LEVEL, RESOURCE_LEVEL, NODE_LEVEL, CIB_LEVEL, RA_LEVEL, OPTIONS_LEVEL];

export { ROOT_COMMANDS };

const handledByShell = async (): Promise<void> => {
  throw new Error('navigation commands are handled by the shell');
};

/** Commands of every level; the shell itself carries them out. */
export const GLOBAL_COMMANDS: readonly CommandDef[] = [
  {
    name: 'help',
    aliases: ['?'],
    summary: 'show the commands of this level, or help on one command',
    usage: 'help [<level>|<command>] [<command>]',
    args: [{ name: 'topic', kind: 'level', optional: true, repeat: true }],
    examples: ['help', 'help resource stop', 'help primitive'],
    touches: 'none',
    run: handledByShell,
  },
  { name: 'end', aliases: ['up', 'cd..'], summary: 'go back one level', usage: 'end', touches: 'none', run: handledByShell },
  { name: 'cd', summary: 'go to a level (`cd ..` goes back, `cd` alone to the top)', usage: 'cd [<level>|..]', args: [{ name: 'level', kind: 'level', optional: true }], touches: 'none', run: handledByShell },
  { name: 'top', summary: 'go to the top level', usage: 'top', touches: 'none', run: handledByShell },
  { name: 'ls', summary: 'list the commands of this level', usage: 'ls', touches: 'none', run: handledByShell },
  { name: 'quit', aliases: ['exit', 'bye'], summary: 'leave the shell', usage: 'quit', touches: 'none', run: handledByShell },
];

export function levelByName(name: string): LevelDef | undefined {
  return LEVELS.find((l) => l.name === name);
}
