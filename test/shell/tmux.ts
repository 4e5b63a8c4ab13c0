/**
 * A terminal for e2e tests: one tmux server per test file (its own socket),
 * one session in it, driven as a person would (keys typed literally) and read
 * back from the screen.
 *
 * @example
 *   const t = new Terminal(`hash-e2e-${process.pid}`, 'r');
 *   t.start(['-x', '120', '-y', '40', '-e', 'CIB_file=/tmp/cib.xml'], 'node bin/hash.js');
 *   t.type('configure show');
 *   await t.until((s) => lastLine(s) === 'hash(file:cib.xml)#');
 *   t.killServer();
 */
import { spawnSync } from 'node:child_process';

/** Lines of a screen, trailing blanks removed. */
export const lines = (s: string): string[] => s.split('\n').map((l) => l.trimEnd()).filter(Boolean);
export const lastLine = (s: string): string => lines(s).at(-1) ?? '';

export class Terminal {
  constructor(
    readonly socket: string,
    readonly session: string,
  ) {}

  tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  /** A new session running `command`, after `options` (size `-x`/`-y`, environment `-e K=V`); an old one of the same name goes first. */
  start(options: string[], command: string): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-session', '-t', this.session]);
    this.tmux('new-session', '-d', '-s', this.session, ...options, command);
  }

  /** The screen with up to 200 lines of scrollback. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session, '-S', '-200');
  }

  /** Type a line as a person would (literally: tmux would read a bare `up` as the arrow key). */
  type(text: string, enter = true): void {
    if (text) this.tmux('send-keys', '-t', this.session, '-l', text);
    if (enter) this.tmux('send-keys', '-t', this.session, 'Enter');
  }

  /** Keys by tmux's names (`C-c`, `Up`, `Tab`). */
  key(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...keys);
  }

  /** Wait for the screen to satisfy `pred`; the error shows its last lines. */
  async until(pred: (screen: string) => boolean, timeoutMs = 15_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < end) {
      last = this.screen();
      if (pred(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`screen never matched; its last lines:\n${lines(last).slice(-25).join('\n')}`);
  }

  killSession(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-session', '-t', this.session]);
  }

  killServer(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}
