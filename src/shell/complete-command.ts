/**
 * `hash __complete <words…>` (being written: issue 3): candidates for the
 * last word, one per line, then a directive line. The scripts in
 * completions/ call it.
 */
import type { ShellContext } from './context.js';

export async function runCompleteCommand(_ctx: ShellContext, _words: string[]): Promise<number> {
  return 0;
}
