/**
 * checkCib with metadata from the agents really installed here
 * (resource-agents, fence-agents), read through crm_resource.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCib } from '../../src/cib/check.js';
import { parseXml } from '../../src/cib/xml.js';
import { LocalExecutor } from '../../src/exec/local.js';
import { agentMetadata, agentSpecString, listAllAgents, type AgentMetadata } from '../../src/pacemaker/ra.js';

const meta = new Map<string, AgentMetadata | null>();
const agents = (s: { class: string; provider?: string; type: string }) => meta.get(agentSpecString(s));

beforeAll(async () => {
  const ex = new LocalExecutor();
  const specs = ['ocf:heartbeat:IPaddr2', 'ocf:pacemaker:Dummy', 'ocf:pacemaker:Stateful', 'ocf:linbit:drbd', 'stonith:fence_ilo2', 'stonith:fence_ipmilan'];
  await Promise.all(specs.map(async (s) => meta.set(s, await agentMetadata(ex, s, { cacheDir: null }))));
  expect([...meta].filter(([, m]) => m === null).map(([s]) => s)).toEqual(['ocf:linbit:drbd']);
}, 60_000);

const cib = (resources: string) =>
  parseXml(`<cib validate-with="pacemaker-3.9"><configuration><crm_config/><nodes/><resources>${resources}</resources><constraints/></configuration></cib>`);
const prim = (id: string, cls: string, type: string, params: Record<string, string>, extra = '') => {
  const [c, p] = cls.split(':');
  const pairs = Object.entries(params).map(([n, v]) => `<nvpair id="${id}-${n}" name="${n}" value="${v}"/>`).join('');
  return `<primitive id="${id}" class="${c}"${p ? ` provider="${p}"` : ''} type="${type}"><instance_attributes id="${id}-ia">${pairs}</instance_attributes>${extra}</primitive>`;
};

describe('real agents', () => {
  it('IPaddr2: typo gets did-you-mean, ip is required, a meta attribute in params is pointed out', () => {
    const ds = checkCib(cib(prim('vip', 'ocf:heartbeat', 'IPaddr2', { cidr_netmsk: '24', target_role: 'Started' })), { agents });
    expect(ds.map((d) => `${d.code}: ${d.message} | ${d.hint}`)).toEqual([
      'unknown-param: primitive vip: parameter "cidr_netmsk" is not known to ocf:heartbeat:IPaddr2 | did you mean cidr_netmask?',
      'unknown-param: primitive vip: parameter "target_role" is not known to ocf:heartbeat:IPaddr2; target-role is a meta attribute | write it after `meta`, not `params`: meta target-role=…',
      'missing-param: primitive vip: required parameter "ip" of ocf:heartbeat:IPaddr2 is not set | ip: IPv4 or IPv6 address',
    ]);
  });

  it('Dummy and Stateful as configured in the seeds: nothing to say', () => {
    const ds = checkCib(
      cib(
        prim('dummy', 'ocf:pacemaker', 'Dummy', {}, '<operations><op id="dummy-mon" name="monitor" interval="10s"/></operations>') +
          prim('st', 'ocf:pacemaker', 'Stateful', {}, '<operations><op id="st-m1" name="monitor" interval="10s" role="Promoted"/><op id="st-m2" name="monitor" interval="11s" role="Unpromoted"/></operations>'),
      ),
      { agents },
    );
    expect(ds).toEqual([]);
  });

  it('ocf:linbit:drbd is not installed: one warning, no parameter checks', () => {
    const ds = checkCib(cib(prim('UsageData', 'ocf:linbit', 'drbd', { drbd_resource: 'usagedata' })), { agents, locations: new Map([['UsageData', { line: 5, col: 1 }]]) });
    expect(ds).toEqual([
      {
        severity: 'warning',
        code: 'unknown-agent',
        message: 'agent ocf:linbit:drbd is not installed on this node; loading anyway; Pacemaker will fail to start it until it is',
        hint: 'install it on every node that may run the resource (`crm_resource --list-agents ocf:linbit` lists what is there)',
        line: 5,
        col: 1,
        objectId: 'UsageData',
      },
    ]);
  });

  it('an agent that is not installed but close to one that is: did you mean, from the node\'s own list', async () => {
    const installedAgents = await listAllAgents(new LocalExecutor());
    const ds = checkCib(
      cib(prim('a', 'ocf:heartbeat', 'IPAddr2', { ip: '10.0.0.1' }) + prim('b', 'ocf:hearbeat', 'Filesystem', {}) + prim('c', 'ocf:linbit', 'drbd', {})),
      { agents, installedAgents },
    );
    expect(ds.map((d) => `${d.objectId} ${d.code}: ${d.hint}`)).toEqual([
      'a unknown-agent: did you mean ocf:heartbeat:IPaddr2?',
      'b unknown-agent: did you mean ocf:heartbeat:Filesystem?',
      'c unknown-agent: install it on every node that may run the resource (`crm_resource --list-agents ocf:linbit` lists what is there)',
    ]);
  }, 60_000);

  it('fence agents: deprecated names are warned with their replacement and still satisfy the required new name', () => {
    const old = checkCib(cib(prim('f1', 'stonith', 'fence_ilo2', { ipaddr: '10.0.0.9', login: 'admin', passwd: 'x', pcmk_host_list: 'n1' })), { agents });
    expect(old.map((d) => `${d.code}: ${d.message}`)).toEqual([
      'deprecated-param: primitive f1: parameter "ipaddr" of stonith:fence_ilo2 is deprecated; it is now "ip"',
      'deprecated-param: primitive f1: parameter "login" of stonith:fence_ilo2 is deprecated; it is now "username"',
      'deprecated-param: primitive f1: parameter "passwd" of stonith:fence_ilo2 is deprecated; it is now "password"',
    ]);
    const current = checkCib(cib(prim('f2', 'stonith', 'fence_ilo2', { ip: '10.0.0.9', username: 'admin', password: 'x', pcmk_delay_max: '5s' })), { agents });
    expect(current).toEqual([]);
    const none = checkCib(cib(prim('f3', 'stonith', 'fence_ilo2', { ip: '10.0.0.9' })), { agents, strictParams: true });
    expect(none.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual(['error missing-param: primitive f3: required parameter "username" of stonith:fence_ilo2 is not set']);
  });
});
