/**
 * Regenerates the expected `cib.xml` of every golden case FROM CRMSH 4.4, so
 * the expectations are crmsh's real output, not ours.
 *
 * For each `golden/<case>/`:
 *   - `base.crm` (optional): loaded first with `crm configure load update` into
 *     an empty CIB; the result is written as `base.xml` (our tests start from it);
 *   - `mode` (optional, default `update`): the load method for `input.crm`;
 *   - `input.crm`: loaded with `crm -F configure load <mode>` (offline: CIB_file);
 *   - the result, normalised, goes to `cib.xml`, and crmsh's stderr to `crmsh.log`.
 *
 * Normalisation keeps the `<cib>` root with `validate-with` only, drops the
 * status section, and applies hash's two deliberate differences from crmsh
 * (DESIGN.md): `<master>` becomes a `<clone>` with a `promotable=true` meta
 * nvpair first in its first meta set, and Master/Slave become
 * Promoted/Unpromoted on pacemaker-3.7+ schemas.
 *
 * Usage: npx tsx test/cib/encode/make-golden-from-crmsh.ts [case...]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseXml, serializeXml, type XmlElement } from '../../../src/cib/xml.js';

const here = dirname(fileURLToPath(import.meta.url));
export const goldenDir = join(here, 'golden');

const ROLE_UP: Record<string, string> = { Master: 'Promoted', Slave: 'Unpromoted' };
const ROLE_ATTRS = new Set(['role', 'rsc-role', 'with-rsc-role']);

function schemaAtLeast37(v: string | undefined): boolean {
  const m = /^pacemaker-(\d+)\.(\d+)$/.exec(v ?? '');
  if (!m) return v === 'pacemaker-next';
  return Number(m[1]) > 3 || (Number(m[1]) === 3 && Number(m[2]) >= 7);
}

function transform(el: XmlElement, newRoles: boolean): XmlElement {
  const out: XmlElement = { name: el.name, attrs: { ...el.attrs }, children: el.children.map((c) => transform(c, newRoles)) };
  if (el.text !== undefined) out.text = el.text;
  if (newRoles) {
    for (const k of Object.keys(out.attrs)) if (ROLE_ATTRS.has(k) && ROLE_UP[out.attrs[k]!]) out.attrs[k] = ROLE_UP[out.attrs[k]!]!;
    if (out.name === 'nvpair' && out.attrs.name === 'target-role' && out.attrs.value && ROLE_UP[out.attrs.value]) out.attrs.value = ROLE_UP[out.attrs.value]!;
  }
  if (out.name === 'master') {
    out.name = 'clone';
    const id = out.attrs.id ?? '';
    const meta = out.children.find((c) => c.name === 'meta_attributes' && c.attrs['id-ref'] === undefined);
    // the nvpair is named like every crmsh nvpair: <set id>-<name>
    const nv = (setId: string): XmlElement => ({ name: 'nvpair', attrs: { name: 'promotable', value: 'true', id: `${setId}-promotable` }, children: [] });
    if (meta) meta.children.unshift(nv(meta.attrs.id ?? ''));
    else out.children.unshift({ name: 'meta_attributes', attrs: { id: `${id}-meta_attributes` }, children: [nv(`${id}-meta_attributes`)] });
  }
  return out;
}

/** crmsh's CIB file → the normalised document we compare against. */
export function normalizeCrmshCib(xml: string): XmlElement {
  const cib = parseXml(xml);
  const validateWith = cib.attrs['validate-with'];
  const conf = cib.children.find((c) => c.name === 'configuration');
  const root: XmlElement = { name: 'cib', attrs: validateWith ? { 'validate-with': validateWith } : {}, children: [] };
  if (conf) root.children.push(transform(conf, schemaAtLeast37(validateWith)));
  return root;
}

function crmLoad(cibFile: string, mode: string, file: string): { code: number; stderr: string } {
  const r = spawnSync('crm', ['-F', 'configure', 'load', mode, file], {
    env: { ...process.env, CIB_file: cibFile, CIB_shadow: undefined },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stderr: r.stderr.replace(/\x1b\[[0-9;]*m/g, '') };
}

export function makeCase(name: string): void {
  const dir = join(goldenDir, name);
  const tmp = mkdtempSync(join(tmpdir(), 'hash-golden-'));
  try {
    const cibFile = join(tmp, 'cib.xml');
    writeFileSync(cibFile, execFileSync('cibadmin', ['--empty'], { encoding: 'utf8' }));
    const log: string[] = [];
    if (existsSync(join(dir, 'base.crm'))) {
      const r = crmLoad(cibFile, 'update', join(dir, 'base.crm'));
      log.push(`# base.crm: rc=${r.code}`, r.stderr);
      writeFileSync(join(dir, 'base.xml'), serializeXml(normalizeCrmshCib(readFileSync(cibFile, 'utf8'))));
    }
    const mode = existsSync(join(dir, 'mode')) ? readFileSync(join(dir, 'mode'), 'utf8').trim() : 'update';
    // crmsh 4.4 cannot load `schema X` (not a load statement there).
    let input = readFileSync(join(dir, 'input.crm'), 'utf8');
    const schema = /^schema\s+(\S+)\s*\n/.exec(input);
    if (schema) {
      // `crm configure schema` will not downgrade; set validate-with in the file instead.
      writeFileSync(cibFile, readFileSync(cibFile, 'utf8').replace(/validate-with="[^"]*"/, `validate-with="${schema[1]!}"`));
      log.push(`# schema ${schema[1]!} set in the file`);
      input = input.slice(schema[0].length);
    }
    writeFileSync(join(tmp, 'input.crm'), input);
    const r = crmLoad(cibFile, mode, join(tmp, 'input.crm'));
    log.push(`# input.crm (${mode}): rc=${r.code}`, r.stderr);
    writeFileSync(join(dir, 'crmsh.log'), log.join('\n'));
    writeFileSync(join(dir, 'cib.xml'), serializeXml(normalizeCrmshCib(readFileSync(cibFile, 'utf8'))));
    console.log(`${name}: rc=${r.code}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2);
  for (const name of names.length ? names : readdirSync(goldenDir).sort()) makeCase(name);
}
