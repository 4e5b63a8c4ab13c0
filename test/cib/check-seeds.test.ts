/**
 * The seeds end to end through the checks: parse (grammar), legacy
 * properties, encode onto an empty CIB (cibadmin --empty), then checkCib with
 * metadata of the agents really installed here. What a user loading these
 * files on a fresh node sees: warnings, no errors.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigure } from '../../grammar/index.js';
import { applyStatements } from '../../src/cib/apply.js';
import { agentSpecs, checkCib } from '../../src/cib/check.js';
import { dropLegacyProperties } from '../../src/cib/legacy.js';
import { parseXml } from '../../src/cib/xml.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { agentMetadata, agentSpecString, type AgentMetadata } from '../../src/pacemaker/ra.js';

const SEEDS = '/work/shared/seeds';

async function load(file: string) {
  const text = readFileSync(`${SEEDS}/${file}`, 'utf8');
  const parsed = parseConfigure(text);
  const legacy = dropLegacyProperties(parsed.statements);
  const applied = applyStatements(parseXml(execFileSync('cibadmin', ['--empty'], { encoding: 'utf8' })), legacy.statements, 'update');
  const locations = new Map<string, { line: number; col: number }>();
  for (const st of legacy.statements) {
    const id = 'id' in st && typeof st.id === 'string' ? st.id : st.kind === 'node' ? st.uname : undefined;
    if (id !== undefined) locations.set(id, { line: st.loc.line, col: st.loc.col });
  }
  const meta = new Map<string, AgentMetadata | null>();
  const ex = new LocalExecutor();
  await Promise.all(agentSpecs(applied.cib).map(async (s) => meta.set(agentSpecString(s), await agentMetadata(ex, agentSpecString(s), { cacheDir: null }))));
  const checks = checkCib(applied.cib, { locations, agents: (s) => meta.get(agentSpecString(s)) });
  return { parsed, legacy, applied, checks, all: [...legacy.diagnostics, ...checks].map((d) => `${d.line}:${d.col} ${d.severity} ${d.code} ${d.objectId}`) };
}

describe('seeds through the checks', () => {
  it('the seeds are there', () => {
    expect(existsSync(`${SEEDS}/linode-pair.crm`), `${SEEDS} holds the seed files`).toBe(true);
  });

  it('linode-pair.crm: Heartbeat left out, missing agents and nodes are warnings, no errors', async () => {
    const r = await load('linode-pair.crm');
    expect(r.parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.applied.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.all).toEqual([
      '45:10 warning legacy-property cib-bootstrap-options',
      // checkCib's own, in the order of the file
      '3:1 warning unknown-agent db_drbd',
      '13:1 warning unknown-agent db_mysql',
      '17:1 warning unknown-agent www_drbd',
      '27:1 warning unknown-agent www_lighty',
      '37:1 warning unknown-node db_gertrude',
      '38:1 warning unknown-node db_alice',
      '39:1 warning unknown-node www_gertrude',
      '40:1 warning unknown-node www_alice',
    ]);
    expect(r.checks.find((d) => d.objectId === 'db_drbd')!.message).toBe(
      'agent ocf:linbit:drbd is not installed on this node; loading anyway; Pacemaker will fail to start it until it is',
    );
  });

  it('oess-base.crm: the three 1.0 properties left out; installed agents (IPaddr2, Filesystem, apache) take their params', async () => {
    const r = await load('oess-base.crm');
    expect(r.all).toEqual([
      '45:7 warning legacy-property cib-bootstrap-options',
      '46:7 warning legacy-property cib-bootstrap-options',
      '47:7 warning legacy-property cib-bootstrap-options',
      '5:1 warning unknown-agent UsageData',
      '8:1 warning unknown-agent messagebus',
      '10:1 warning unknown-agent mysqld',
    ]);
  });

  it('ovd.crm and omnios-dummy.crm: only the systemd unit this node lacks', async () => {
    expect((await load('ovd.crm')).all).toEqual(['6:1 warning unknown-agent OSM']);
    expect((await load('omnios-dummy.crm')).all).toEqual([]);
  });
});
