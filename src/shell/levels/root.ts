/**
 * Commands of the top level that are not levels: `status` (one-shot text,
 * like `crm status`; `hash status` from the command line opens the live
 * view) and `verify` (of the CIB in use).
 */
import type { CommandDef } from '../tree.js';
import { UserError } from '../errors.js';
import { sessionCommand } from './configure.js';

export const ROOT_COMMANDS: CommandDef[] = [
  {
    name: 'status',
    aliases: ['st'],
    summary: 'show the cluster status once (from the command line: the live view)',
    usage: 'status [--output-as=json] [-A] [-L]',
    options: ['--output-as=json', '--attributes', '--neg-locations'],
    examples: ['status', 'status --output-as=json'],
    help: 'Nodes, resources, failed actions, tickets and bans left behind, as `crm status` shows them. `hash status` typed in your login shell opens the live view (see docs/status.md).',
    run: async (args, inv) => {
      const { runStatus } = await import('../status-command.js');
      const words = args.map((w) => w.text);
      const code = await runStatus(inv.ctx, words.includes('--once') || words.includes('-1') ? words : ['--once', ...words]);
      if (code !== 0) throw new UserError('status failed', code as 1);
    },
  },
  {
    name: 'verify',
    summary: 'check the CIB in use: our checks and crm_verify',
    usage: 'verify',
    examples: ['verify'],
    touches: 'session',
    run: sessionCommand('verify'),
  },
];
