/**
 * Semantic colours for the status view and `hash status --once`. Code names
 * a tone (`error`, `stopped`, …); only this file knows which colour that is.
 * Meaning never depends on colour alone: every state also has a word
 * (FAILED, OFFLINE, unmanaged), so NO_COLOR and dumb terminals lose nothing.
 *
 * @example
 *   const on = colorEnabled(process.env, true);
 *   paint('error', 'FAILED', on); // '\x1b[31mFAILED\x1b[39m' (or 'FAILED' when off)
 */

export type Tone = 'normal' | 'heading' | 'ok' | 'promoted' | 'stopped' | 'warn' | 'error' | 'info' | 'dim' | 'accent';

/** ink colour names per tone (undefined: the terminal's default) */
export const INK_COLORS: Record<Tone, { color?: string; bold?: boolean; dim?: boolean }> = {
  normal: {},
  heading: { bold: true },
  ok: { color: 'green' },
  promoted: { color: 'cyan', bold: true },
  stopped: { dim: true },
  warn: { color: 'yellow' },
  error: { color: 'red', bold: true },
  info: { color: 'blue' },
  dim: { dim: true },
  accent: { color: 'magenta' },
};

const ANSI: Record<Tone, [string, string]> = {
  normal: ['', ''],
  heading: ['\x1b[1m', '\x1b[22m'],
  ok: ['\x1b[32m', '\x1b[39m'],
  promoted: ['\x1b[1;36m', '\x1b[22;39m'],
  stopped: ['\x1b[2m', '\x1b[22m'],
  warn: ['\x1b[33m', '\x1b[39m'],
  error: ['\x1b[1;31m', '\x1b[22;39m'],
  info: ['\x1b[34m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  accent: ['\x1b[35m', '\x1b[39m'],
};

/**
 * Whether to use colour: never under NO_COLOR (any value, https://no-color.org)
 * or TERM=dumb, always under FORCE_COLOR (not "0"), else only on a terminal.
 */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** Wrap `text` in the ANSI codes of `tone` when colour is on. */
export function paint(tone: Tone, text: string, on: boolean): string {
  if (!on || tone === 'normal' || text === '') return text;
  const [a, b] = ANSI[tone];
  return `${a}${text}${b}`;
}
