/**
 * The live view on a CIB file follows the file as it is written: the watch
 * of its directory sees writes in place (cibadmin, crm_attribute) and
 * replacement by rename (editors, `cp new tmp && mv tmp file`), one refresh
 * per burst. The app test uses real files, the real crm_mon and
 * crm_attribute, and an interval so long that only the watch can explain a
 * refresh.
 */
import React from 'react';
import { copyFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalExecutor } from '../../src/exec/local.js';
import { actionArgv } from '../../src/pacemaker/actions.js';
import { crmMon } from '../../src/pacemaker/crm-mon.js';
import { StatusApp } from '../../src/status/app.js';
import { cibFileOf, watchFile, type FileWatch } from '../../src/status/file-watch.js';
import { renderInTerminal, type Terminal } from './ink-harness.js';

const DEMO = join(import.meta.dirname, '..', '..', 'demo', 'cib.xml');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hash-status-watch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function until(pred: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error('condition never held');
    await sleep(10);
  }
}

describe('watchFile', () => {
  let w: FileWatch | undefined;
  afterEach(() => {
    w?.close();
    w = undefined;
  });

  it('reports a write in place, and a replacement by rename, again and again', async () => {
    const file = join(dir, 'a.xml');
    await writeFile(file, '<cib/>');
    let calls = 0;
    w = watchFile(file, () => calls++, { debounceMs: 50 });
    expect(w.active).toBe(true);
    await writeFile(file, '<cib epoch="1"/>');
    await until(() => calls === 1);
    // replaced by rename twice: a watch on the file itself would have lost the second
    for (const n of [2, 3]) {
      await writeFile(join(dir, 'a.xml.tmp'), `<cib epoch="${n}"/>`);
      await rename(join(dir, 'a.xml.tmp'), file);
      await until(() => calls === n);
    }
  });

  it('one call for a burst of writes; none for other files in the directory, none after close', async () => {
    const file = join(dir, 'b.xml');
    await writeFile(file, '<cib/>');
    let calls = 0;
    w = watchFile(file, () => calls++, { debounceMs: 100 });
    for (let i = 0; i < 10; i++) await writeFile(file, `<cib epoch="${i}"/>`);
    await until(() => calls === 1);
    await sleep(400);
    expect(calls).toBe(1);
    await writeFile(join(dir, 'other.xml'), '<cib/>');
    await sleep(400);
    expect(calls).toBe(1);
    w.close();
    await writeFile(file, '<cib epoch="99"/>');
    await sleep(400);
    expect(calls).toBe(1);
  });

  it('knows the file behind a CIB file and a sandbox, and that the live cluster has none', () => {
    expect(cibFileOf({ kind: 'file', path: '/tmp/x.xml' })).toBe('/tmp/x.xml');
    expect(cibFileOf({ kind: 'shadow', name: 't1', dir: '/tmp/s' })).toBe('/tmp/s/shadow.t1');
    expect(cibFileOf({ kind: 'shadow', name: 't1' })).toBe('/var/lib/pacemaker/cib/shadow.t1');
    expect(cibFileOf({ kind: 'live' })).toBeUndefined();
  });
});

describe('the live view on a CIB file', () => {
  let term: Terminal | undefined;
  afterEach(() => {
    term?.cleanup();
    term = undefined;
  });

  it('shows a change made by a Pacemaker tool, then one made by replacing the file, long before the interval', async () => {
    const file = join(dir, 'cib.xml');
    await copyFile(DEMO, file);
    const ex = new LocalExecutor();
    const target = { kind: 'file' as const, path: file };
    let reads = 0;
    term = renderInTerminal(
      <StatusApp
        read={(signal) => {
          reads++;
          return crmMon(ex, target, { signal });
        }}
        run={async () => {
          throw new Error('no actions here');
        }}
        intervalMs={600_000}
        watch={(changed) => {
          const w = watchFile(file, changed);
          return () => w.close();
        }}
        color={false}
        size={{ columns: 100, rows: 30 }}
      />,
      { columns: 100, rows: 30 },
    );
    const t = term;
    const first = await t.waitFor((f) => f.includes('n3: standby (DC)'));
    expect(first).toMatch(/updated \d\d:\d\d:\d\d · on file change and every 600s/);
    expect(reads).toBe(1);

    // 1. a real tool writes the file (crm_attribute, the argv the view's own "online" key runs)
    const argv = actionArgv({ kind: 'node-online', node: 'n3' });
    const r = await ex.exec(argv, { env: { CIB_file: file, CIB_shadow: undefined } });
    expect(r.code, r.stderr).toBe(0);
    await t.waitFor((f) => f.includes('n3: online (DC)'), 10_000);

    // 2. the file is replaced by rename, as editors save: n2 goes into standby in a copy
    const copy = join(dir, 'cib.next.xml');
    await copyFile(file, copy);
    const s = await ex.exec(actionArgv({ kind: 'node-standby', node: 'n2' }), { env: { CIB_file: copy, CIB_shadow: undefined } });
    expect(s.code, s.stderr).toBe(0);
    await rename(copy, file);
    await t.waitFor((f) => f.includes('n2: standby') && f.includes('n3: online (DC)'), 10_000);
    // two changes, a few reads (one per burst of events), never the 600 s interval
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(reads).toBeLessThanOrEqual(6);
  }, 60_000);

  it('a CIB file that disappears: the view stays up with the last data and says since when; it comes back when the file does', async () => {
    const file = join(dir, 'gone.xml');
    await copyFile(DEMO, file);
    const ex = new LocalExecutor();
    const target = { kind: 'file' as const, path: file };
    term = renderInTerminal(
      <StatusApp
        read={(signal) => crmMon(ex, target, { signal })}
        run={async () => {
          throw new Error('no actions here');
        }}
        intervalMs={300}
        watch={(changed) => {
          const w = watchFile(file, changed);
          return () => w.close();
        }}
        color={false}
        size={{ columns: 80, rows: 24 }}
      />,
    );
    const t = term;
    await t.waitFor((f) => f.includes('n3: standby (DC)') && f.includes('updated '));
    await rename(file, `${file}.away`);
    const down = await t.waitFor((f) => f.includes('cluster unreachable since'));
    expect(down).toMatch(/cluster unreachable since \d\d:\d\d:\d\d, last good data at \d\d:\d\d:\d\d/);
    // the reason, whole (the line wraps), and the last good data below it
    expect(down.replace(/\s+/g, ' ')).toContain('retrying every 300ms · crm_mon: Could not connect to the CIB: No such device or address');
    expect(down).toContain('n3: standby (DC)');
    for (const l of down.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    await rename(`${file}.away`, file);
    await t.waitFor((f) => f.includes('updated ') && !f.includes('unreachable') && f.includes('n3: standby (DC)'));
  }, 60_000);
});
