/**
 * The completion scripts of completions/ in the real shells: bash (its
 * completion function called as bash calls it, and typed in an interactive
 * bash in tmux), zsh (interactive, in tmux) and fish (`complete -C`). They
 * call the built program (`npm run build`) under both names, `hash` and
 * `hashell`, found on PATH ahead of the shells' builtin `hash`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH, ROOT, runHash } from '../cli/run-hash.js';

const dir = mkdtempSync(join(tmpdir(), 'hash-complete-scripts-'));
const bin = join(dir, 'bin');
const cib = join(dir, 'cib.xml');
const shadows = join(dir, 'shadows');
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  PATH: `${bin}:${process.env.PATH}`,
  CIB_file: cib,
  CIB_shadow_dir: shadows,
  XDG_CACHE_HOME: join(dir, 'cache'),
  XDG_STATE_HOME: join(dir, 'state'),
  NO_COLOR: '1',
};
delete env.CIB_shadow;

beforeAll(() => {
  // fails with the build command in the message when dist/ is missing
  runHash(['--version']);
  mkdirSync(bin, { recursive: true });
  mkdirSync(shadows, { recursive: true });
  for (const name of ['hash', 'hashell']) symlinkSync(HASH, join(bin, name));
  copyFileSync(join(ROOT, 'demo', 'cib.xml'), cib);
  writeFileSync(join(shadows, 'shadow.sandbox1'), '<cib/>');
  writeFileSync(join(dir, 'setup.crm'), '');
});

/** zsh and fish are test dependencies (.ci/run installs them): their absence fails the test, with the fix. */
function need(cmd: string): void {
  if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0) throw new Error(`${cmd} is not installed: apt-get install -y ${cmd}`);
}

// ---------------------------------------------------------------- bash, as bash calls the function

/** Call _hash_complete as bash does for `line` (cursor at the end); compopt is recorded. */
function bashComplete(line: string): { reply: string[]; compopt: string[] } {
  const script = [
    `source ${join(ROOT, 'completions', 'hash.bash')}`,
    // outside a completion bash's compopt refuses to run: record what the function asks for
    'compopt() { printf "compopt %s\\n" "$*"; }',
    'COMP_LINE=$1; COMP_POINT=${#COMP_LINE}',
    'read -ra COMP_WORDS <<< "$COMP_LINE"; COMP_CWORD=${#COMP_WORDS[@]}',
    '[[ $COMP_LINE == *" " ]] || COMP_CWORD=$((COMP_CWORD - 1))',
    '_hash_complete',
    'printf "reply:%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const r = spawnSync('bash', ['-c', script, 'bash', line], { env, encoding: 'utf8', timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.split('\n').filter(Boolean);
  return {
    reply: lines.filter((l) => l.startsWith('reply:')).map((l) => l.slice(6)).filter(Boolean),
    compopt: lines.filter((l) => l.startsWith('compopt ')).map((l) => l.slice(8)),
  };
}

describe('bash', () => {
  it('commands of a level, for both names', () => {
    expect(bashComplete('hash res').reply).toEqual(['resource']);
    expect(bashComplete('hashell res').reply).toEqual(['resource']);
    expect(bashComplete('hash configure sh').reply).toEqual(['show']);
  });

  it('global options and their values', () => {
    expect(bashComplete('hash --dry').reply).toEqual(['--dry-run']);
    expect(bashComplete('hash -R conf').reply).toEqual(['configure']);
    expect(bashComplete('hash --cib sand').reply).toEqual(['sandbox1']);
  });

  it('ids of the CIB in use', () => {
    expect(bashComplete('hash configure show web-s').reply.sort()).toEqual(['web-server', 'web-stack']);
  });

  it('agents: the part after the last colon is what readline replaces', () => {
    const r = bashComplete('hash configure primitive p ocf:heartbeat:IP');
    expect(r.reply).toContain('IPaddr2');
    expect(r.reply.every((w) => w.startsWith('IP'))).toBe(true);
    const providers = bashComplete('hash configure primitive p ocf:');
    expect(providers.reply).toEqual(expect.arrayContaining(['heartbeat:', 'pacemaker:']));
    expect(providers.compopt).toContain('-o nospace');
  });

  it('a parameter name gets no space; its value follows the `=`', () => {
    const r = bashComplete('hash configure primitive p ocf:heartbeat:IPaddr2 params ip=10.0.0.1 cidr');
    expect(r.reply).toEqual(['cidr_netmask=']);
    expect(r.compopt).toContain('-o nospace');
    expect(bashComplete('hash configure property no-quorum-policy=ig').reply).toEqual(['ignore']);
  });

  it('inside quotes: readline replaces after the quote, and the quote is closed', () => {
    expect(bashComplete('hash configure primitive p ocf:pacemaker:Dummy params fake="du').reply).toEqual(['dummy"']);
    expect(bashComplete("hash configure primitive p ocf:pacemaker:Dummy params fake='du").reply).toEqual(["dummy'"]);
  });

  it('a file argument falls back to bash\'s file names', () => {
    const r = bashComplete(`hash configure load update ${dir}/se`);
    expect(r.reply).toEqual([]);
    expect(r.compopt).toContain('-o default');
    expect(bashComplete('hash -f ').compopt).toContain('-o default');
  });

  it('nothing where nothing fits', () => {
    const r = bashComplete('hash configure primitive ');
    expect(r.reply).toEqual([]);
    expect(r.compopt).not.toContain('-o default');
  });
});

// ---------------------------------------------------------------- interactive shells in tmux

const SOCKET = `hash-complete-scripts-${process.pid}`;
function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const screen = (session: string): string => tmux('capture-pane', '-p', '-t', session);
async function until(session: string, pred: (s: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = screen(session);
    if (pred(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`screen never matched:\n${last}`);
}
const lastLine = (s: string): string =>
  s
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .at(-1) ?? '';
/** Type `text`, press TAB, wait for the command line to read `expected` (then clear it). */
async function tab(session: string, text: string, expected: string): Promise<void> {
  tmux('send-keys', '-t', session, '-l', text);
  tmux('send-keys', '-t', session, 'Tab');
  try {
    await until(session, (s) => s.split('\n').some((l) => l.trimEnd() === expected));
  } finally {
    // clear the line, and the screen (a list of candidates stays below the prompt)
    tmux('send-keys', '-t', session, 'C-u', 'C-l');
  }
}

function startShell(session: string, command: string): void {
  const e = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '40', ...e.filter((x) => !x.includes('\n')), command);
}

afterAll(() => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe('bash, typed', () => {
  it('TAB in an interactive bash completes agents and quoted values', async () => {
    const rc = join(dir, 'bashrc');
    // PATH again: a login profile may have reset it
    writeFileSync(rc, `PS1='$ '\nexport PATH=${env.PATH}\nenable -n hash\nsource ${join(ROOT, 'completions', 'hash.bash')}\n`);
    startShell('b', `bash --rcfile ${rc} -i`);
    await until('b', (s) => lastLine(s) === '$');
    await tab('b', 'hash configure primitive p ocf:heartbeat:IPaddr2 par', '$ hash configure primitive p ocf:heartbeat:IPaddr2 params');
    await tab('b', 'hash configure primitive p ocf:pacemaker:Dummy params fake="du', '$ hash configure primitive p ocf:pacemaker:Dummy params fake="dummy"');
    await tab('b', 'hashell configure primitive p ocf:heartbeat:IPaddr2 params ip=1 cid', '$ hashell configure primitive p ocf:heartbeat:IPaddr2 params ip=1 cidr_netmask=');
  });
});

describe('zsh, typed', () => {
  it('TAB in an interactive zsh (compinit) completes commands, agents and parameters', async () => {
    need('zsh');
    const zdot = join(dir, 'zdot');
    mkdirSync(zdot, { recursive: true });
    writeFileSync(join(zdot, '.zshrc'), `PS1='%% '\nexport PATH=${env.PATH}\nfpath=(${join(ROOT, 'completions')} $fpath)\nautoload -U compinit && compinit -u -d ${join(zdot, '.zcompdump')}\ndisable hash\n`);
    startShell('z', `ZDOTDIR=${zdot} zsh -i`);
    await until('z', (s) => lastLine(s) === '%');
    await tab('z', 'hash resou', '% hash resource');
    await tab('z', 'hash configure primitive p ocf:heartbeat:IPaddr', '% hash configure primitive p ocf:heartbeat:IPaddr');
    await tab('z', 'hash configure primitive p ocf:heartbeat:IPaddr2 params ip=1 cid', '% hash configure primitive p ocf:heartbeat:IPaddr2 params ip=1 cidr_netmask=');
    await tab('z', 'hashell configure show web-d', '% hashell configure show web-data');
  });
});

describe('fish', () => {
  function fishComplete(line: string): string[] {
    need('fish');
    const r = spawnSync('fish', ['--no-config', '-c', `source ${join(ROOT, 'completions', 'hash.fish')}; complete -C ${JSON.stringify(line)}`], { env, encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.split('\n').filter(Boolean);
  }

  it('candidates with descriptions, for both names', () => {
    expect(fishComplete('hash res')).toEqual([expect.stringMatching(/^resource\t/)]);
    expect(fishComplete('hashell configure show web-d')).toEqual(['web-data\tprimitive']);
    expect(fishComplete('hash resource stop web-d')).toEqual(['web-data\tprimitive ocf:pacemaker:Dummy in web-stack']);
    expect(fishComplete('hash configure primitive p ocf:heartbeat:IP')).toContain('ocf:heartbeat:IPaddr2');
    // in the engine's order: required parameters first
    const params = fishComplete('hash configure primitive p ocf:heartbeat:IPaddr2 params ');
    expect(params[0]).toMatch(/^ip=\t\(required/);
  });

  it('quoted values come back unquoted (fish quotes them); file arguments get file names', () => {
    expect(fishComplete('hash configure primitive p ocf:pacemaker:Dummy params fake="du')).toEqual(['fake=dummy\tdefault']);
    expect(fishComplete(`hash configure load update ${dir}/se`)).toEqual([`${dir}/setup.crm`]);
  });
});
