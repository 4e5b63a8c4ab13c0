/**
 * Scripts (`hash -f`, stdin) through the engine, on real CIB files: every
 * line is checked before anything runs, levels entered by a line stay
 * entered, statements and session commands batch into one commit, and a
 * command that needs the cluster sees the changes before it (they are
 * committed first).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cibVersion, emptyCibFile, HASH, read, ROOT, runHash } from '../cli/run-hash.js';

function script(dir: string, text: string): string {
  const p = join(dir, 'script.crm');
  writeFileSync(p, text);
  return p;
}

describe('scripts', () => {
  it('errors of every line are reported before anything runs, with file:line:col', () => {
    const cib = emptyCibFile();
    const before = read(cib.path);
    const f = script(cib.dir, 'configure primitive a Dummy\nresorce stop a\nconfigure primitiv b Dummy\n');
    const r = runHash(['-f', f], { env: cib.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${f}:2:1: error: unknown command 'resorce'`);
    expect(r.stderr).toContain(`${f}:3:11: error: unknown configure command 'primitiv'`);
    expect(read(cib.path)).toBe(before);
  });

  it('a level entered by a line stays entered; `end` leaves it', () => {
    const cib = emptyCibFile();
    const f = script(cib.dir, 'configure\nprimitive a Dummy\nprimitive b Dummy\nend\nconfigure group g a b\n');
    const r = runHash(['-f', f], { env: cib.env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read(cib.path)).toMatch(/<group id="g">[^]*id="a"[^]*id="b"/);
  });

  it('statements and session commands of a script are one commit', () => {
    const cib = emptyCibFile();
    const v0 = cibVersion(cib.path).epoch;
    const f = script(cib.dir, 'configure primitive a Dummy\nconfigure primitive b Dummy\nconfigure rename b c\nconfigure show c\n');
    const r = runHash(['-f', f], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('primitive c Dummy\n');
    expect(cibVersion(cib.path).epoch).toBe(v0 + 1);
  });

  it('a command that reads the cluster sees the changes made before it', () => {
    const cib = emptyCibFile();
    const f = script(cib.dir, 'configure primitive seen Dummy\nstatus\n');
    const r = runHash(['-f', f], { env: cib.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/seen \(ocf:heartbeat:Dummy\)/);
  });

  it('quit stops the script; later lines do not run', () => {
    const cib = emptyCibFile();
    const f = script(cib.dir, 'configure primitive a Dummy\nquit\nconfigure primitive b Dummy\n');
    expect(runHash(['-f', f], { env: cib.env }).code).toBe(0);
    expect(read(cib.path)).toContain('id="a"');
    expect(read(cib.path)).not.toContain('id="b"');
  });

  it('help and ls print from the tree; the same words work one-shot', () => {
    const r = runHash(['help', 'configure', 'delete']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: configure delete <id>/);
    const s = runHash([], { stdin: 'configure\nls\n' });
    expect(s.stdout).toContain('Configure statements:');
  });

  it('a reader that goes away (`| head`) stops hash quietly, without a stack trace', async () => {
    const cib = emptyCibFile();
    const f = script(cib.dir, 'configure show xml\n'.repeat(200));
    const p = spawn(process.execPath, [HASH, '-f', f], { cwd: ROOT, env: { ...process.env, ...cib.env } as NodeJS.ProcessEnv });
    let stderr = '';
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    p.stdout.once('data', () => p.stdout.destroy());
    const code = await new Promise<number | null>((r) => p.on('close', r));
    expect(stderr).toBe('');
    expect(code).toBe(141);
  });
});
