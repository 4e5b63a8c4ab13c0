/**
 * Long output for a person, as crmsh and git show it: through the `pager`
 * preference (default $PAGER, else less) when both ends are a terminal, the
 * line came from the shell or the command line (`io.paging`), and the text is
 * taller than the window; written as it is otherwise (pipes, files, `-f`
 * scripts, short text). less gets `LESS=FRX` unless the user set LESS:
 * it quits by itself when the text fits after all, keeps colours, and leaves
 * the text on the screen.
 *
 * @example
 *   pageOut(env.ctx, showConfiguration(cib, { color: true }));
 */
import { hasTerminal, runInteractive } from '../exec/local.js';
import type { ShellContext } from './context.js';
import { commandWords, loadOptions } from './options-store.js';

export function pageOut(ctx: ShellContext, text: string): void {
  const rows = process.stdout.rows;
  if (!ctx.io.paging || !ctx.io.isTTY || !hasTerminal() || !rows || screenLines(text, process.stdout.columns || 80, rows) < rows) {
    ctx.io.out(text);
    return;
  }
  const pager = commandWords(loadOptions(ctx.env).pager);
  const env = { ...ctx.env, LESS: ctx.env.LESS ?? 'FRX', LV: ctx.env.LV ?? '-c' };
  const r = runInteractive(pager, env, text);
  // no such pager: the text itself is what matters
  if (r.code === 127 || r.code === 126) {
    ctx.io.err(`hash: ${r.error ?? 'the pager could not start'}; set another with \`options set pager <program>\`\n`);
    ctx.io.out(text);
  }
}

/** The rows `text` takes on a terminal `columns` wide (long lines wrap), counted up to `enough`. */
function screenLines(text: string, columns: number, enough: number): number {
  let n = 0;
  let start = 0;
  while (start < text.length && n < enough) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    // colours take no room on the screen
    const width = text.slice(start, end).replace(/\x1b\[[0-9;]*m/g, '').length;
    n += Math.max(1, Math.ceil(width / columns));
    start = end + 1;
  }
  return n;
}
