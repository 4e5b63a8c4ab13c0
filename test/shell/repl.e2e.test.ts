/**
 * The interactive shell in a real terminal (tmux), on a CIB file: prompts,
 * levels, help, errors that keep the shell alive, Ctrl-C, commit on leaving
 * configure, persistent history, Ctrl-D. Keys are sent literally (`-l`):
 * tmux would read a bare `up` as the arrow key.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH, ROOT, runHash } from '../cli/run-hash.js';
import { lastLine, lines, Terminal } from './tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'hash-repl-'));
const cib = join(dir, 'cib.xml');
const state = join(dir, 'state');

const term = new Terminal(`hash-repl-e2e-${process.pid}`, 'r');
const tmux = (...args: string[]): string => term.tmux(...args);
const type = (text: string, enter = true): void => term.type(text, enter);
const key = (...keys: string[]): void => term.key(...keys);
const until = (pred: (s: string) => boolean, timeoutMs?: number): Promise<string> => term.until(pred, timeoutMs);

function start(args: string[] = []): void {
  term.start(
    ['-x', '120', '-y', '40', '-e', `CIB_file=${cib}`, '-e', `XDG_STATE_HOME=${state}`, '-e', `XDG_CACHE_HOME=${join(dir, 'cache')}`, '-e', `XDG_CONFIG_HOME=${join(dir, 'config')}`, '-e', 'NO_COLOR=1'],
    `cd ${ROOT} && ${process.execPath} ${HASH} ${args.join(' ')}; echo "[exited $?]"; sleep 30`,
  );
}

describe('the REPL in tmux', () => {
  beforeAll(() => {
    copyFileSync(join(ROOT, 'demo', 'cib.xml'), cib);
    start();
  });
  afterAll(() => {
    term.killServer();
  });

  it('shows a prompt naming the CIB, enters levels and leaves them', async () => {
    await until((s) => lastLine(s) === 'hash(file:cib.xml)#');
    type('resource');
    await until((s) => lastLine(s) === 'hash(file:cib.xml)resource#');
    type('cd ..');
    await until((s) => lastLine(s) === 'hash(file:cib.xml)#');
    type('cfg');
    await until((s) => lastLine(s) === 'hash(file:cib.xml)configure#');
  });

  it('prints help for a level and a command', async () => {
    type('help show');
    const s = await until((x) => x.includes('Usage: configure show [xml]'));
    expect(s).toContain('Examples:');
    type('help');
    await until((x) => x.includes('Configure statements:') && x.includes('primitive') && lastLine(x) === 'hash(file:cib.xml)configure#');
  });

  it('a typo is an error with a hint, and the shell stays', async () => {
    type('primitiv d4 Dummy');
    const s = await until((x) => x.includes("hint: did you mean 'primitive'?") && lastLine(x) === 'hash(file:cib.xml)configure#');
    expect(s).toContain("unknown configure command 'primitiv'");
  });

  it('a statement is pending (the prompt says so) until committed on leaving', async () => {
    type('primitive repl-d Dummy');
    await until((x) => lastLine(x) === 'hash(file:cib.xml)configure*#');
    expect(readFileSync(cib, 'utf8')).not.toContain('repl-d');
    type('show repl-d');
    await until((x) => x.includes('primitive repl-d Dummy'));
    type('end');
    await until((x) => lastLine(x).startsWith('There are uncommitted changes. Commit them? [y/N]'));
    type('y');
    await until((x) => lastLine(x) === 'hash(file:cib.xml)#');
    expect(readFileSync(cib, 'utf8')).toContain('id="repl-d"');
  });

  it('Ctrl-C drops the line being typed, never the shell', async () => {
    type('resource stop something-half-typ', false);
    key('C-c');
    await until((x) => x.includes('something-half-typ^C') && lastLine(x) === 'hash(file:cib.xml)#');
    type('configure show repl-d');
    await until((x) => lines(x).slice(-3).join('\n') === 'hash(file:cib.xml)# configure show repl-d\nprimitive repl-d Dummy\nhash(file:cib.xml)#');
  });

  it('changes kept pending on leaving configure are never committed unasked by a one-line configure', async () => {
    type('configure primitive kept-a Dummy');
    // a one-line configure at the top commits at once, as crmsh does
    await until((x) => lastLine(x) === 'hash(file:cib.xml)#');
    expect(readFileSync(cib, 'utf8')).toContain('id="kept-a"');
    type('configure');
    type('primitive kept-b Dummy');
    await until((x) => lastLine(x) === 'hash(file:cib.xml)configure*#');
    type('end');
    await until((x) => lastLine(x).startsWith('There are uncommitted changes. Commit them? [y/N]'));
    type('n');
    await until((x) => x.includes('the changes stay pending') && lastLine(x) === 'hash(file:cib.xml)*#');
    type('configure primitive kept-c Dummy');
    await until((x) => x.includes('added to the changes already pending') && lastLine(x) === 'hash(file:cib.xml)*#');
    type('configure show kept-b');
    await until((x) => x.includes('primitive kept-b Dummy') && lastLine(x) === 'hash(file:cib.xml)*#');
    expect(readFileSync(cib, 'utf8')).not.toContain('kept-b');
    expect(readFileSync(cib, 'utf8')).not.toContain('kept-c');
    type('configure commit');
    await until((x) => lastLine(x) === 'hash(file:cib.xml)#');
    expect(readFileSync(cib, 'utf8')).toMatch(/id="kept-b"[^]*id="kept-c"|id="kept-c"[^]*id="kept-b"/);
  });

  it('Ctrl-D leaves, and the history is kept for the next session', async () => {
    key('C-d');
    await until((x) => x.includes('[exited 0]'));
    expect(readFileSync(join(state, 'hash', 'history'), 'utf8')).toContain('primitive repl-d Dummy\n');
    tmux('kill-session', '-t', 'r');
    start();
    await until((s) => lastLine(s) === 'hash(file:cib.xml)#');
    key('Up');
    await until((x) => lastLine(x) === 'hash(file:cib.xml)# configure commit');
    key('C-u');
    type('quit');
    await until((x) => x.includes('[exited 0]'));
    tmux('kill-session', '-t', 'r');
  });

  it('`hash configure` commits on exit without asking, as crmsh does', async () => {
    start(['configure']);
    await until((s) => lastLine(s) === 'hash(file:cib.xml)configure#');
    type('primitive on-exit Dummy');
    await until((x) => lastLine(x) === 'hash(file:cib.xml)configure*#');
    type('quit');
    await until((x) => x.includes('[exited 0]'));
    expect(readFileSync(cib, 'utf8')).toContain('id="on-exit"');
    tmux('kill-session', '-t', 'r');
  });

  it('the same line works one-shot from the command line', () => {
    const r = runHash(['configure', 'show', 'on-exit'], { env: { CIB_file: cib } });
    expect(r.stdout).toBe('primitive on-exit Dummy\n');
  });

  it('commit checks first, and shows the line an object was typed on; a commit the schema refuses names what is wrong; the change stays pending', async () => {
    start(['configure']);
    await until((s) => lastLine(s) === 'hash(file:cib.xml)configure#');
    type('colocation bad-c inf: flaky missing');
    type('primitive between Dummy');
    await until((x) => lastLine(x) === 'hash(file:cib.xml)configure*# primitive between Dummy' || lastLine(x) === 'hash(file:cib.xml)configure*#');
    type('commit');
    const checked = await until((x) => x.includes('hint: define the resource') && lastLine(x) === 'hash(file:cib.xml)configure*#');
    // the error is about the line typed two lines before `commit`, and shows it
    expect(checked).toMatch(/configure\*# commit\nerror: colocation bad-c refers to resource missing, which does not exist\n  colocation bad-c inf: flaky missing\n  \^/);
    type('delete bad-c between');
    type('location bad-loc flaky foo=1 100: n1');
    await until((x) => lastLine(x) === 'hash(file:cib.xml)configure*#');
    type('commit');
    const s = await until((x) => x.includes('hint: nothing was committed') && lastLine(x) === 'hash(file:cib.xml)configure*#');
    // (the terminal wraps the long line)
    const said = s.replace(/\n/g, '');
    expect(said).toMatch(/configure\*# commit\s*error: location bad-loc: Pacemaker's schema pacemaker-3\.\d+ refuses it: Invalid attribute foo for element rsc_location/);
    expect(readFileSync(cib, 'utf8')).not.toContain('bad-loc');
    type('delete bad-loc');
    type('location bad-loc flaky 100: n1');
    type('commit');
    await until((x) => lastLine(x) === 'hash(file:cib.xml)configure#');
    expect(readFileSync(cib, 'utf8')).toContain('id="bad-loc"');
    type('quit');
    await until((x) => x.includes('[exited 0]'));
    tmux('kill-session', '-t', 'r');
  });
});
