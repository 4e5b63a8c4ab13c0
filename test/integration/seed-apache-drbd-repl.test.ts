/**
 * The seed walkthrough ../shared/seeds/apache-drbd.session typed into the
 * REPL as a person would, in tmux, against the single-node cluster of the
 * test harness: word by word, with TAB completing command words, ids,
 * agents and parameter names wherever completion has a single answer. Every
 * line must come back to a prompt without an error; at the end the live CIB
 * holds the walkthrough's resources and constraints, as with `hash -f`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSingleNode, resetCib } from '../cluster/harness.js';
import { HASH, ROOT } from '../cli/run-hash.js';
import { liveIds, SEED, SEED_CONSTRAINTS, SEED_RESOURCES } from './seed.js';

const SOCKET = `hash-seed-repl-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'hash-seed-repl-'));
const log = join(dir, 'terminal.log');

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The cursor's line up to the cursor: the prompt and what was typed so far (trailing space included). */
const cursorLine = (): string => {
  const [x, y] = tmux('display-message', '-p', '-t', 'r', '#{cursor_x} #{cursor_y}').trim().split(' ').map(Number);
  return (tmux('capture-pane', '-p', '-N', '-t', 'r').split('\n')[y!] ?? '').padEnd(x!).slice(0, x);
};
const PROMPT = /^hash\([^)]*\)[a-z/]*\*?# $/;
const logText = (): string => (existsSync(log) ? readFileSync(log, 'utf8') : '');

async function waitFor(pred: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (pred()) return true;
    await sleep(25);
  }
  return pred();
}

/**
 * Type one word: all but its last characters, then TAB. When completion
 * finishes the word (the cursor line then ends with the word and a space),
 * count it; else type the rest.
 */
async function typeWord(word: string, stats: { tab: number; typed: number; completed: string[] }): Promise<void> {
  const before = cursorLine();
  // values (`ip=…`, paths, numbers) are typed whole: completion offers names, not the user's data
  const completable = !/[=/"]/.test(word) && !/^\d/.test(word) && word.length > 2;
  if (!completable) {
    tmux('send-keys', '-t', 'r', '-l', '--', `${word} `);
    stats.typed++;
    await waitFor(() => cursorLine().endsWith(`${word} `), 2000);
    return;
  }
  const cut = Math.max(1, word.length - Math.min(3, Math.floor(word.length / 3)));
  tmux('send-keys', '-t', 'r', '-l', '--', word.slice(0, cut));
  await waitFor(() => cursorLine() === before + word.slice(0, cut), 2000);
  tmux('send-keys', '-t', 'r', 'Tab');
  stats.tab++;
  const done = await waitFor(() => cursorLine().endsWith(`${word} `), 1200);
  if (done) {
    stats.completed.push(word);
    return;
  }
  // completion stopped short (several answers, or none): type the rest as a person would
  const now = cursorLine().slice(before.length);
  const rest = word.startsWith(now) ? word.slice(now.length) : word.slice(cut);
  tmux('send-keys', '-t', 'r', '-l', '--', `${rest} `);
  await waitFor(() => cursorLine().endsWith(`${word} `), 2000);
}

describe('seed apache-drbd.session typed in the REPL with TAB, on the real cluster', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    ({ env } = await ensureSingleNode());
    await resetCib(env);
    const vars = { ...env, CIB_shadow_dir: join(dir, 'shadows'), XDG_STATE_HOME: join(dir, 'state'), XDG_CACHE_HOME: join(dir, 'cache'), XDG_CONFIG_HOME: join(dir, 'config'), NO_COLOR: '1' };
    spawnSync('mkdir', ['-p', vars.CIB_shadow_dir]);
    const envArgs = Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    tmux('new-session', '-d', '-s', 'r', '-x', '200', '-y', '50', ...envArgs, `cd ${ROOT} && ${process.execPath} ${HASH}; echo "[exited $?]"; sleep 60`);
    tmux('pipe-pane', '-t', 'r', '-o', `cat >> ${log}`);
  }, 300_000);

  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  it('every line returns to a prompt without an error; the CIB holds the walkthrough', async () => {
    const lines = readFileSync(SEED, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.trim().startsWith('#'));
    expect(await waitFor(() => PROMPT.test(cursorLine()), 15_000)).toBe(true);
    const stats = { tab: 0, typed: 0, completed: [] as string[] };
    for (const line of lines) {
      const logBefore = logText().length;
      // the seed's words, split as the shell splits them (its quotes hold no spaces)
      for (const w of line.trim().split(/\s+/)) await typeWord(w, stats);
      expect(cursorLine().trimEnd()).toMatch(new RegExp(`# ${line.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      tmux('send-keys', '-t', 'r', 'Enter');
      const back = await waitFor(() => PROMPT.test(cursorLine()) && logText().length > logBefore, 60_000);
      const out = logText().slice(logBefore);
      expect(back, `no prompt after: ${line}\n${out}`).toBe(true);
      expect(out, `the line failed: ${line}`).not.toMatch(/\berror\b|internal error/i);
    }
    tmux('send-keys', '-t', 'r', 'C-d');
    expect(await waitFor(() => logText().includes('[exited 0]'), 30_000), logText().slice(-2000)).toBe(true);

    // TAB did real work: command words, levels, ids from the CIB, agents
    for (const w of ['configure', 'property', 'primitive', 'resource', 'standby', 'ClusterIP', 'WebSite', 'colocation', 'commit']) {
      expect(stats.completed, `TAB did not complete '${w}'`).toContain(w);
    }
    expect(stats.completed.length).toBeGreaterThan(40);
    console.info(`seed in the REPL: ${stats.tab} TABs, ${stats.completed.length} words completed by TAB, ${stats.typed} values typed whole`);

    const { resources, constraints } = await liveIds(env);
    expect(resources.sort()).toEqual([...SEED_RESOURCES].sort());
    expect(constraints.sort()).toEqual([...SEED_CONSTRAINTS].sort());
  }, 600_000);
});
