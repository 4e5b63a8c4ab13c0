/**
 * Long output through the pager, in a real terminal (tmux, 100×12): `configure
 * show` taller than the window goes through the `pager` preference, in the
 * REPL and one-shot; short output, output to a pipe and `-f` scripts do not; a pager that
 * cannot start is named and the text printed anyway. The pager here is `tee
 * FILE`, so the test can read exactly what it was given.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCibFile, HASH, ROOT, runHash } from '../cli/run-hash.js';
import { lines, Terminal } from './tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'hash-pager-'));
const config = join(dir, 'config');
const paged = join(dir, 'paged.txt');
let cib: string;

const term = new Terminal(`hash-pager-e2e-${process.pid}`, 'p');
const until = (pred: (s: string) => boolean): Promise<string> => term.until(pred);

function setPager(pager: string): void {
  mkdirSync(join(config, 'hash'), { recursive: true });
  writeFileSync(join(config, 'hash', 'options.json'), JSON.stringify({ pager }));
}

/** A terminal running `command` (in the repository), with this test's CIB and preferences. */
function start(command: string): void {
  term.start(
    ['-x', '100', '-y', '12', '-e', `CIB_file=${cib}`, '-e', `XDG_CONFIG_HOME=${config}`, '-e', `XDG_STATE_HOME=${join(dir, 'state')}`, '-e', `XDG_CACHE_HOME=${join(dir, 'cache')}`, '-e', 'NO_COLOR=1'],
    `cd ${ROOT} && ${command}; echo "[exited $?]"; sleep 30`,
  );
}

describe('the pager, in tmux', () => {
  let whole: string;
  beforeAll(() => {
    const c = emptyCibFile();
    cib = c.path;
    const statements = Array.from({ length: 30 }, (_, i) => `configure primitive long-${String(i).padStart(2, '0')} ocf:pacemaker:Dummy`).join('\n');
    writeFileSync(join(dir, 'load.crm'), `${statements}\n`);
    expect(runHash(['-f', join(dir, 'load.crm')], { env: c.env }).code).toBe(0);
    whole = runHash(['configure', 'show'], { env: c.env }).stdout;
    expect(whole.split('\n').length).toBeGreaterThan(30);
  });
  afterAll(() => {
    term.killServer();
    rmSync(dir, { recursive: true, force: true });
  });

  it('in the REPL, show taller than the window goes through the pager with exactly its text; a short one does not', async () => {
    setPager(`tee ${paged}`);
    rmSync(paged, { force: true });
    start(`${process.execPath} ${HASH}`);
    await until((s) => lines(s).at(-1) === 'hash(file:cib.xml)#');
    term.type('configure show');
    await until((s) => lines(s).at(-1) === 'hash(file:cib.xml)#' && existsSync(paged));
    expect(readFileSync(paged, 'utf8')).toBe(whole);
    rmSync(paged);
    term.type('configure show long-07');
    await until((s) => lines(s).slice(-2).join('\n') === 'primitive long-07 ocf:pacemaker:Dummy\nhash(file:cib.xml)#');
    expect(existsSync(paged)).toBe(false);
    term.type('quit');
    await until((s) => s.includes('[exited 0]'));
  });

  it('one-shot on a terminal too; into a pipe or from a -f script, never', async () => {
    setPager(`tee ${paged}`);
    rmSync(paged, { force: true });
    start(`${process.execPath} ${HASH} configure show`);
    await until((s) => s.includes('[exited 0]'));
    expect(readFileSync(paged, 'utf8')).toBe(whole);
    rmSync(paged);
    start(`${process.execPath} ${HASH} configure show | tail -n 2`);
    await until((s) => s.includes('[exited 0]'));
    expect(existsSync(paged)).toBe(false);
    // a script runs unattended, even from a terminal
    writeFileSync(join(dir, 'show.crm'), 'configure show\n');
    start(`${process.execPath} ${HASH} -f ${join(dir, 'show.crm')}`);
    const s = await until((x) => x.includes('[exited 0]'));
    expect(s).toContain('primitive long-29 ocf:pacemaker:Dummy');
    expect(existsSync(paged)).toBe(false);
  });

  it('a pager that cannot start is named, and the text is printed anyway', async () => {
    setPager('no-such-pager-here');
    start(`${process.execPath} ${HASH} configure show`);
    const s = await until((x) => x.includes('[exited 0]'));
    expect(s).toContain('no-such-pager-here: command not found');
    expect(s).toContain('options set pager');
    expect(s).toContain('primitive long-29 ocf:pacemaker:Dummy');
  });
});
