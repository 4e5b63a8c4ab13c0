import { describe, expect, it } from 'vitest';
import { agentSpecs, checkCib, durationMs, schemaDiagnostics } from '../../src/cib/check.js';
import { child, parseXml, type XmlElement } from '../../src/cib/xml.js';
import type { AgentMetadata } from '../../src/pacemaker/ra.js';

/** A pacemaker-3.9 CIB around the given sections (XML strings). */
function cib(parts: { crm?: string; nodes?: string; resources?: string; constraints?: string; extra?: string }, validateWith = 'pacemaker-3.9') {
  return parseXml(
    `<cib validate-with="${validateWith}" epoch="1" num_updates="0" admin_epoch="0"><configuration>` +
      `<crm_config>${parts.crm ?? ''}</crm_config><nodes>${parts.nodes ?? ''}</nodes>` +
      `<resources>${parts.resources ?? ''}</resources><constraints>${parts.constraints ?? ''}</constraints>${parts.extra ?? ''}` +
      `</configuration><status/></cib>`,
  );
}

const dummy = (id: string, extra = '') => `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy">${extra}</primitive>`;
const codes = (ds: { code: string }[]) => ds.map((d) => d.code).sort();

describe('duplicate ids', () => {
  it('finds an id used twice anywhere, reports it on the later object with the other one named', () => {
    const c = cib({
      resources: dummy('a', '<instance_attributes id="a-ia"><nvpair id="x" name="fake" value="1"/></instance_attributes>') + dummy('x'),
    });
    const ds = checkCib(c, { locations: new Map([['x', { line: 4, col: 1 }], ['a', { line: 2, col: 1 }]]) });
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: 'error', code: 'duplicate-id', objectId: 'x', line: 4, col: 1 });
    expect(ds[0]!.message).toBe('id x is already used by nvpair in primitive a (line 2)');
  });

  it('with onlyIds, reports on the object the user wrote even when it comes first', () => {
    const c = cib({ resources: dummy('a') + '<group id="a"/>' });
    const ds = checkCib(c, { onlyIds: new Set(['a']) });
    expect(ds.map((d) => d.code)).toEqual(['duplicate-id']);
    const none = checkCib(cib({ resources: dummy('p', '<meta_attributes id="m"/>') + dummy('q', '<meta_attributes id="m"/>') }), { onlyIds: new Set(['other']) });
    expect(none).toEqual([]);
  });

  it('a resource nested in two containers is named as such, on the container the user wrote', () => {
    const c = cib({ resources: `<group id="g1">${dummy('a')}</group><group id="g2">${dummy('a')}</group>` });
    const ds = checkCib(c, { onlyIds: new Set(['g2']), locations: new Map([['g2', { line: 9, col: 1 }]]) });
    expect(ds).toEqual([
      expect.objectContaining({ code: 'resource-in-two-containers', objectId: 'g2', line: 9, message: 'resource a is in more than one place: group g1 and group g2' }),
    ]);
    const clone = checkCib(cib({ resources: `${dummy('a')}<clone id="c">${dummy('a')}</clone>` }));
    expect(clone[0]!.message).toBe('resource a is in more than one place: the top level and clone c');
  });

  it('rejects ids that are not XML names', () => {
    const ds = checkCib(cib({ resources: dummy('1bad') }));
    expect(codes(ds)).toEqual(['invalid-id']);
  });

  it('ids in <status> and resource_ref/obj_ref/acl role references are not definitions', () => {
    const c = parseXml(
      `<cib validate-with="pacemaker-3.9"><configuration><crm_config/><nodes><node id="n1" uname="n1"/></nodes><resources>${dummy('a')}${dummy('b')}</resources>` +
        `<constraints><rsc_colocation id="c" score="INFINITY"><resource_set id="s"><resource_ref id="a"/><resource_ref id="b"/></resource_set></rsc_colocation></constraints>` +
        `<tags><tag id="t"><obj_ref id="a"/></tag></tags>` +
        `<acls><acl_role id="r"/><acl_target id="u"><role id="r"/></acl_target><acl_user id="old"><role_ref id="r"/></acl_user></acls></configuration>` +
        `<status><node_state id="n1"><lrm id="n1"><lrm_resources><lrm_resource id="a"/></lrm_resources></lrm></node_state></status></cib>`,
    );
    expect(checkCib(c)).toEqual([]);
  });
});

describe('references', () => {
  it('constraints naming missing resources, with did-you-mean', () => {
    const c = cib({
      resources: dummy('web') + dummy('db'),
      constraints:
        '<rsc_colocation id="c1" score="INFINITY" rsc="web" with-rsc="dbb"/>' +
        '<rsc_order id="o1" kind="Mandatory" first="nope" then="web"/>' +
        '<rsc_ticket id="t1" ticket="T" rsc="ghost"/>' +
        '<rsc_order id="o2"><resource_set id="o2-s"><resource_ref id="web"/><resource_ref id="gone"/></resource_set></rsc_order>',
    });
    const ds = checkCib(c, { locations: new Map([['c1', { line: 3, col: 1 }]]) });
    expect(ds.map((d) => `${d.objectId}: ${d.message}`)).toEqual([
      'c1: colocation c1 refers to resource dbb, which does not exist',
      'o1: order o1 refers to resource nope, which does not exist',
      't1: rsc_ticket t1 refers to resource ghost, which does not exist',
      'o2: order o2 refers to resource gone, which does not exist',
    ]);
    expect(ds[0]).toMatchObject({ line: 3, col: 1, hint: 'did you mean db?' });
    expect(ds[1]!.line).toBe(0);
  });

  it('a constraint on a resource inside a clone or bundle: an error naming the container, a warning when status has its history; group members are fine', () => {
    const c = cib({
      nodes: '<node id="1" uname="n1"/>',
      resources: `<group id="g">${dummy('a')}</group><clone id="c">${dummy('b')}</clone><clone id="cg"><group id="g2">${dummy('d')}</group></clone>`,
      constraints: '<rsc_location id="l1" rsc="a" score="1" node="n1"/><rsc_location id="l2" rsc="b" score="1" node="n1"/><rsc_order id="o"><resource_set id="s"><resource_ref id="d"/><resource_ref id="g"/></resource_set></rsc_order>',
    });
    expect(checkCib(c).map((d) => `${d.severity} ${d.code} ${d.objectId}: ${d.message} | ${d.hint}`)).toEqual([
      'error clone-child-ref l2: location l2 refers to b, which is inside clone c; Pacemaker ignores a constraint on a resource of a clone or bundle | name c instead',
      'error clone-child-ref o: order o refers to d, which is inside clone cg; Pacemaker ignores a constraint on a resource of a clone or bundle | name cg instead',
    ]);
    c.children = c.children.filter((x) => x.name !== 'status');
    c.children.push(parseXml('<status><node_state id="1"><lrm id="1"><lrm_resources><lrm_resource id="b" class="ocf" provider="pacemaker" type="Dummy"/></lrm_resources></lrm></node_state></status>'));
    expect(checkCib(c).map((d) => `${d.severity} ${d.objectId}`)).toEqual(['warning l2', 'error o']);
  });

  it('tags and templates are valid constraint targets', () => {
    const c = cib({
      resources: '<template id="tpl" class="ocf" provider="pacemaker" type="Dummy"/>' + '<primitive id="p" template="tpl"/>',
      constraints: '<rsc_location id="l1" rsc="tg" score="10" node="n1"/><rsc_colocation id="c" score="10" rsc="tpl" with-rsc="p"/>',
      nodes: '<node id="1" uname="n1"/>',
      extra: '<tags><tag id="tg"><obj_ref id="p"/></tag></tags>',
    });
    expect(checkCib(c)).toEqual([]);
  });

  it('missing template, id-ref and ACL role are errors; a dangling tag or fencing device, which Pacemaker loads, a warning', () => {
    const c = cib({
      nodes: '<node id="1" uname="n1"/>',
      resources:
        '<primitive id="p" template="tmpl"/>' +
        dummy('q', '<meta_attributes id-ref="nosuch"/>') +
        dummy('r', '<instance_attributes id="q-ia"><nvpair id="r-n" name="fake" value="1"/></instance_attributes>') +
        dummy('s', '<meta_attributes id-ref="q-ia"/>') +
        '<primitive id="fd" class="stonith" type="fence_dummy"/>',
      extra:
        '<tags><tag id="t"><obj_ref id="x"/></tag></tags>' +
        '<acls><acl_target id="u"><role id="nor"/></acl_target></acls>' +
        '<fencing-topology><fencing-level id="fl1" target="n1" index="1" devices="fd,r,fx"/><fencing-level id="fl2" target="n9" index="1" devices="fd"/></fencing-topology>',
    });
    const ds = checkCib(c);
    expect(ds.map((d) => `${d.severity} ${d.code} ${d.objectId}: ${d.message}`)).toEqual([
      'error missing-ref p: primitive p uses template tmpl, which does not exist',
      'error missing-ref q: primitive q refers to meta_attributes nosuch, which does not exist',
      'error missing-ref s: primitive s refers to meta_attributes q-ia, but q-ia is a instance_attributes',
      'warning missing-ref t: tag t refers to x, which does not exist',
      'error missing-ref u: acl_target u refers to role nor, which does not exist',
      'warning not-a-fencing-device fl1: fencing topology lists r, which is a primitive of class ocf, not a stonith device; fencing at level 1 will fail',
      'warning missing-ref fl1: fencing topology refers to device fx, which does not exist; fencing at level 1 will fail until it does',
      'warning unknown-node fl2: fencing_topology level 1 of n9: referenced node n9 does not exist',
    ]);
    // a fencing level is found under its own id or as the fencing_topology statement
    const loc = checkCib(c, { onlyIds: new Set(['fencing_topology']), locations: new Map([['fencing_topology', { line: 12, col: 1 }]]) });
    expect(loc.map((d) => [d.objectId, d.line])).toEqual([['fl1', 12], ['fl1', 12], ['fl2', 12]]);
  });

  it('location on a node that is not in <nodes> is a warning, as crmsh says it', () => {
    const c = cib({
      nodes: '<node id="1" uname="node2"/>',
      resources: dummy('a') + '<primitive id="rn" class="ocf" provider="pacemaker" type="remote"/>' + dummy('vm', '<meta_attributes id="vm-m"><nvpair id="vm-m-1" name="remote-node" value="guest1"/></meta_attributes>') + '<bundle id="bun"><docker image="x"/></bundle>',
      constraints:
        '<rsc_location id="l1" rsc="a" score="100" node="node1"/><rsc_location id="l2" rsc="a" score="100" node="node2"/>' +
        '<rsc_location id="l3" rsc="a" score="1" node="rn"/><rsc_location id="l4" rsc="a" score="1" node="guest1"/><rsc_location id="l5" rsc="a" score="1" node="bun-0"/>',
    });
    const ds = checkCib(c);
    expect(ds).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'unknown-node', objectId: 'l1', message: 'location l1: referenced node node1 does not exist', hint: 'did you mean node2?' }),
    ]);
  });
});

describe('resource meta attributes', () => {
  it('a value Pacemaker cannot read is a warning saying what it expects (it takes it silently: is-managed=maybe unmanages)', () => {
    const meta = (id: string, pairs: string) => `<meta_attributes id="${id}">${pairs}</meta_attributes>`;
    const c = cib({
      resources:
        dummy('a', meta('ma', '<nvpair id="m1" name="is-managed" value="maybe"/><nvpair id="m2" name="resource-stickiness" value="abc"/><nvpair id="m3" name="priority" value="1.0"/>')) +
        `<clone id="c">${meta('mc', '<nvpair id="m4" name="clone-max" value="two"/><nvpair id="m5" name="interleave" value="Yes"/><nvpair id="m6" name="migration-threshold" value="-INFINITY"/>')}${dummy('b')}</clone>`,
      extra: `<rsc_defaults>${meta('rsc-options', '<nvpair id="m7" name="multiple-active" value="stop-start"/><nvpair id="m8" name="failure-timeout" value="10 minutes"/>')}</rsc_defaults>`,
    });
    expect(checkCib(c).map((d) => `${d.severity} ${d.code}: ${d.message} | ${d.hint}`)).toEqual([
      'warning invalid-meta-value: primitive a: "maybe" is not a valid value of is-managed: Pacemaker expects a boolean: true or false | Pacemaker reads it as false',
      'warning invalid-meta-value: primitive a: "abc" is not a valid value of resource-stickiness: Pacemaker expects a score: an integer, INFINITY or -INFINITY | Pacemaker ignores it and uses the default',
      'warning invalid-meta-value: clone c: "two" is not a valid value of clone-max: Pacemaker expects an integer | Pacemaker ignores it and uses the default',
      'warning invalid-meta-value: rsc_defaults rsc-options: "stop-start" is not a valid value of multiple-active: Pacemaker expects one of block, stop_only, stop_start, stop_unexpected | did you mean stop_start?',
      'warning invalid-meta-value: rsc_defaults rsc-options: "10 minutes" is not a valid value of failure-timeout: Pacemaker expects a time such as 60s, 5min or 1h | Pacemaker ignores it and uses the default',
    ]);
  });
});

describe('containers, scores, roles', () => {
  it('a member listed twice in one group is said so, not as two places', () => {
    const c = cib({ resources: `<group id="g">${dummy('a')}${dummy('a')}</group>` });
    expect(checkCib(c).map((d) => `${d.code}: ${d.message}`)).toEqual(['duplicate-member: group g lists a more than once']);
  });

  it('group of a clone, clone of a clone, two children in a clone', () => {
    const c = cib({
      resources:
        `<group id="g"><clone id="c1">${dummy('a')}</clone></group>` +
        `<clone id="c2"><clone id="c3">${dummy('b')}</clone></clone>` +
        `<clone id="c4">${dummy('d')}${dummy('e')}</clone>`,
    });
    expect(checkCib(c).map((d) => d.message)).toEqual([
      'group g cannot contain clone c1',
      'clone c2 cannot contain clone c3',
      'clone c4 holds 2 resources (d, e); a clone holds exactly one',
    ]);
  });

  it('scores: integers and ±INFINITY pass; inf, words and floats do not', () => {
    const c = cib({
      nodes: '<node id="1" uname="n1"/>',
      resources: dummy('a') + dummy('b'),
      constraints:
        '<rsc_location id="ok1" rsc="a" score="-100" node="n1"/><rsc_location id="ok2" rsc="a" score="+INFINITY" node="n1"/>' +
        '<rsc_location id="bad1" rsc="a" score="inf" node="n1"/><rsc_colocation id="bad2" score="1.5" rsc="a" with-rsc="b"/>' +
        '<rsc_location id="bad3" rsc="a"><rule id="r" score="lots"><expression id="e" attribute="#uname" operation="eq" value="n1"/></rule></rsc_location>' +
        '<rsc_location id="ok3" rsc="a"><rule id="r2" score-attribute="pingd"><expression id="e2" attribute="pingd" operation="defined"/></rule></rsc_location>',
    });
    const ds = checkCib(c);
    expect(ds.map((d) => [d.objectId, d.code, d.message])).toEqual([
      ['bad1', 'invalid-score', 'location bad1: "inf" is not a valid score'],
      ['bad2', 'invalid-score', 'colocation bad2: "1.5" is not a valid score'],
      ['bad3', 'invalid-score', 'location bad3: "lots" is not a valid score'],
    ]);
    expect(ds[0]!.hint).toBe('write INFINITY');
  });

  it('roles follow the schema: Promoted is fine on 3.9, not on 3.6; actions and kinds are enumerated', () => {
    const constraints =
      '<rsc_colocation id="c1" score="INFINITY" rsc="a" rsc-role="Promoted" with-rsc="b"/>' +
      '<rsc_colocation id="c2" score="INFINITY" rsc="a" with-rsc="b" with-rsc-role="master"/>' +
      '<rsc_order id="o1" first="a" first-action="promot" then="b" kind="Mandatory"/>' +
      '<rsc_order id="o2" first="a" then="b" kind="mandatory"/>';
    const resources =
      dummy('a', '<operations><op id="a-mon" name="monitor" interval="10s" role="Slave"/><op id="a-mon2" name="monitor" interval="11s" role="Unpromoted"/></operations><meta_attributes id="a-m"><nvpair id="a-m-t" name="target-role" value="started"/></meta_attributes>') +
      dummy('b', '<meta_attributes id="b-m"><nvpair id="b-m-t" name="target-role" value="Runing"/></meta_attributes>');
    const now = checkCib(cib({ resources, constraints }));
    expect(now.map((d) => `${d.objectId}: ${d.message} | ${d.hint}`)).toEqual([
      'b: primitive b: "Runing" is not a valid role (target-role) | roles are Stopped, Started, Promoted, Unpromoted, Master, Slave',
      'c2: colocation c2: "master" is not a valid role (with-rsc-role) | did you mean Master? roles are Stopped, Started, Promoted, Unpromoted, Master, Slave',
      'o1: order o1: "promot" is not a valid action (first-action) | did you mean promote? one of start, promote, demote, stop',
      'o2: order o2: "mandatory" is not a valid kind (kind) | did you mean Mandatory? one of Optional, Mandatory, Serialize',
    ]);
    const old = checkCib(cib({ resources, constraints }, 'pacemaker-3.6'));
    expect(old.filter((d) => d.message.includes('Promoted') || d.message.includes('Unpromoted')).map((d) => `${d.objectId}: ${d.hint}`)).toEqual([
      "a: this CIB's schema (pacemaker-3.6) predates Unpromoted: write Slave, or upgrade it with `cibadmin --upgrade`",
      "c1: this CIB's schema (pacemaker-3.6) predates Promoted: write Master, or upgrade it with `cibadmin --upgrade`",
    ]);
  });

  it('target-role Promoted/Unpromoted needs a promotable clone around the resource, as get_target_role says', () => {
    const st = (id: string, role: string) => `<primitive id="${id}" class="ocf" provider="pacemaker" type="Stateful"><meta_attributes id="${id}-m"><nvpair id="${id}-r" name="target-role" value="${role}"/></meta_attributes></primitive>`;
    const c = cib({
      resources:
        st('plain', 'Unpromoted') +
        `<clone id="pc"><meta_attributes id="pc-m"><nvpair id="pc-p" name="promotable" value="true"/></meta_attributes>${st('inside', 'Promoted')}</clone>` +
        `<master id="ms">${st('old', 'Slave')}</master>`,
    });
    expect(checkCib(c).map((d) => `${d.code} ${d.objectId}: ${d.message}`)).toEqual([
      'role-needs-promotable plain: primitive plain: target-role=Unpromoted only makes sense for promotable clones; Pacemaker ignores it',
    ]);
  });

  it('an ocf agent without a provider is an error', () => {
    const ds = checkCib(cib({ resources: '<primitive id="p" class="ocf" type="Dummy"/>' }));
    expect(ds.map((d) => d.code)).toEqual(['invalid-agent']);
  });
});

describe('agents', () => {
  const ipaddr2: AgentMetadata = {
    spec: 'ocf:heartbeat:IPaddr2',
    parameters: [
      { name: 'ip', required: true, unique: true, shortdesc: 'IPv4 or IPv6 address' },
      { name: 'nic', required: false, unique: false },
      { name: 'cidr_netmask', required: false, unique: false },
    ],
    actions: [],
  };
  const fence: AgentMetadata = { spec: 'stonith:fence_dummy', parameters: [{ name: 'type', required: false, unique: false }], actions: [] };
  const agents = (s: { class: string; provider?: string; type: string }) =>
    s.type === 'IPaddr2' ? ipaddr2 : s.type === 'fence_dummy' ? fence : undefined;

  it('unknown agent: a warning, worded for a node being prepared', () => {
    const c = cib({ resources: '<primitive id="UsageData" class="ocf" provider="linbit" type="drbd"/><primitive id="m" class="lsb" type="mysqld"/>' });
    const ds = checkCib(c, { agents, locations: new Map([['UsageData', { line: 5, col: 1 }]]) });
    expect(ds.map((d) => [d.severity, d.code, d.objectId, d.line, d.message])).toEqual([
      ['warning', 'unknown-agent', 'UsageData', 5, 'agent ocf:linbit:drbd is not installed on this node; loading anyway; Pacemaker will fail to start it until it is'],
      ['warning', 'unknown-agent', 'm', 0, 'agent lsb:mysqld is not installed on this node; loading anyway; Pacemaker will fail to start it until it is'],
    ]);
    // without a lookup, nothing is said about agents at all
    expect(checkCib(c)).toEqual([]);
  });

  it('a parameter value that is not of the type the metadata gives (integer, boolean) is a warning', () => {
    const typed: AgentMetadata = {
      spec: 'ocf:heartbeat:IPaddr2',
      parameters: [
        { name: 'ip', required: true, unique: true },
        { name: 'cidr_netmask', required: false, unique: false, type: 'integer' },
        { name: 'lvs_support', required: false, unique: false, type: 'boolean' },
        { name: 'nic', required: false, unique: false, type: 'string' },
      ],
      actions: [],
    };
    const pairs = (kv: string[][]) => kv.map(([n, v], i) => `<nvpair id="x-${i}" name="${n}" value="${v}"/>`).join('');
    const c = cib({
      resources:
        `<primitive id="ok" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="ok-ia">${pairs([['ip', '10.0.0.1'], ['cidr_netmask', '24'], ['lvs_support', 'Yes'], ['nic', 'any text']])}</instance_attributes></primitive>` +
        `<primitive id="bad" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="bad-ia">${pairs([['ip', '10.0.0.2'], ['cidr_netmask', '24bits'], ['lvs_support', 'maybe']]).replace(/x-/g, 'y-')}</instance_attributes></primitive>`,
    });
    expect(checkCib(c, { agents: () => typed }).map((d) => `${d.severity} ${d.code} ${d.objectId}: ${d.message}`)).toEqual([
      'warning invalid-param-value bad: primitive bad: parameter cidr_netmask of ocf:heartbeat:IPaddr2 is an integer; "24bits" is not',
      'warning invalid-param-value bad: primitive bad: parameter lvs_support of ocf:heartbeat:IPaddr2 is a boolean (true or false); "maybe" is not',
    ]);
  });

  it('unknown and missing parameters: warnings with did-you-mean; errors with strictParams', () => {
    const c = cib({
      resources: '<primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="ip-ia"><nvpair id="ip-ia-1" name="cidr_netmsk" value="24"/></instance_attributes></primitive>',
    });
    const ds = checkCib(c, { agents });
    expect(ds.map((d) => [d.severity, d.code, d.message, d.hint])).toEqual([
      ['warning', 'unknown-param', 'primitive ip: parameter "cidr_netmsk" is not known to ocf:heartbeat:IPaddr2', 'did you mean cidr_netmask?'],
      ['warning', 'missing-param', 'primitive ip: required parameter "ip" of ocf:heartbeat:IPaddr2 is not set', 'ip: IPv4 or IPv6 address'],
    ]);
    expect(checkCib(c, { agents, strictParams: true }).map((d) => d.severity)).toEqual(['error', 'error']);
  });

  it('parameters from templates, rule-conditioned sets and id-refs count; fencer parameters are known to stonith devices', () => {
    const c = cib({
      resources:
        '<template id="tpl" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="tpl-ia"><nvpair id="tpl-ip" name="ip" value="10.0.0.1"/></instance_attributes></template>' +
        '<primitive id="p1" template="tpl"><instance_attributes id="p1-ia"><nvpair id="p1-nic" name="nic" value="eth0"/></instance_attributes></primitive>' +
        '<primitive id="p2" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id-ref="tpl-ia"/></primitive>' +
        '<primitive id="p3" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="p3-ia"><rule id="p3-r" score="0"><expression id="p3-e" attribute="#uname" operation="eq" value="n1"/></rule><nvpair id="p3-ip" name="ip" value="1.2.3.4"/></instance_attributes></primitive>' +
        '<primitive id="fd" class="stonith" type="fence_dummy"><instance_attributes id="fd-ia"><nvpair id="fd-1" name="pcmk_host_list" value="n1"/><nvpair id="fd-2" name="type" value="high"/><nvpair id="fd-3" name="pcmk_reboot_timeout" value="60"/></instance_attributes></primitive>',
    });
    // nothing unknown or missing; p1 and p2 do share tpl-ia's ip, which is crmsh's uniqueness warning
    expect(checkCib(c, { agents }).map((d) => `${d.code} ${d.objectId}: ${d.message}`)).toEqual([
      'unique-param p1: Resources p1,p2 violate uniqueness for parameter "ip": "10.0.0.1"',
    ]);
  });

  it('uniqueness: crmsh\'s warning, once, on a resource the user wrote', () => {
    const ip = (id: string, addr: string) =>
      `<primitive id="${id}" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="${id}-ia"><nvpair id="${id}-ip" name="ip" value="${addr}"/></instance_attributes></primitive>`;
    const c = cib({ resources: ip('ip1', '10.0.0.1') + ip('ip2', '10.0.0.1') + ip('ip3', '10.0.0.3') + `<clone id="cl">${ip('ip4', '10.0.0.4')}</clone>` });
    expect(checkCib(c, { agents }).map((d) => `${d.severity} ${d.objectId}: ${d.message}`)).toEqual([
      'warning ip1: Resources ip1,ip2 violate uniqueness for parameter "ip": "10.0.0.1"',
    ]);
    expect(checkCib(c, { agents, onlyIds: new Set(['ip2']) }).map((d) => d.objectId)).toEqual(['ip2']);
    expect(checkCib(c, { agents, onlyIds: new Set(['ip3']) })).toEqual([]);
  });

  it('only the user\'s objects get agent diagnostics; agentSpecs lists what to load', () => {
    const c = cib({ resources: '<primitive id="a" class="ocf" provider="linbit" type="drbd"/><primitive id="b" class="ocf" provider="heartbeat" type="IPaddr2"/><primitive id="c" class="ocf" provider="heartbeat" type="IPaddr2"/>' });
    expect(checkCib(c, { agents, onlyIds: new Set(['b']) }).map((d) => `${d.objectId} ${d.code}`)).toEqual(['b missing-param']);
    expect(agentSpecs(c)).toEqual([
      { class: 'ocf', provider: 'linbit', type: 'drbd' },
      { class: 'ocf', provider: 'heartbeat', type: 'IPaddr2' },
    ]);
    expect(agentSpecs(c, new Set(['a']))).toEqual([{ class: 'ocf', provider: 'linbit', type: 'drbd' }]);
  });
});

describe('cluster properties', () => {
  const props = (pairs: string) => cib({ crm: `<cluster_property_set id="cib-bootstrap-options">${pairs}</cluster_property_set>` });
  it('a name Pacemaker does not know is a warning with did-you-mean; one the schema rejects is an error', () => {
    const ds = checkCib(
      props(
        '<nvpair id="o1" name="stonith-enable" value="false"/><nvpair id="o2" name="no-quorum-policy" value="ignore"/>' +
          '<nvpair id="o3" name="expected-quorum-votes" value="2"/><nvpair id="o4" name="crmd-transition-delay" value="0s"/>',
      ),
      { locations: new Map([['cib-bootstrap-options', { line: 3, col: 1 }]]) },
    );
    expect(ds.map((d) => [d.severity, d.code, d.objectId, d.line, d.message, d.hint])).toEqual([
      ['warning', 'unknown-property', 'cib-bootstrap-options', 3, 'property set cib-bootstrap-options: Pacemaker has no cluster property stonith-enable; it will be stored and ignored', 'did you mean stonith-enabled?'],
      ['error', 'legacy-property', 'cib-bootstrap-options', 3, 'property set cib-bootstrap-options: property expected-quorum-votes is rejected by the schema: current Pacemaker removed it (corosync 2+ tracks quorum itself)', 'remove expected-quorum-votes'],
    ]);
  });
  it('values: booleans as Pacemaker reads them, times, integers, selects with did-you-mean', () => {
    const ds = checkCib(
      props(
        '<nvpair id="o1" name="maintenance-mode" value="On"/><nvpair id="o2" name="stonith-enabled" value="ture"/>' +
          '<nvpair id="o3" name="cluster-delay" value="2min"/><nvpair id="o4" name="stonith-timeout" value="a minute"/>' +
          '<nvpair id="o5" name="batch-limit" value="-INFINITY"/><nvpair id="o6" name="migration-limit" value="1.5"/>' +
          '<nvpair id="o7" name="no-quorum-policy" value="ignor"/><nvpair id="o8" name="stonith-action" value="poweroff"/>',
      ),
    );
    expect(ds.map((d) => `${d.severity} ${d.code}: ${d.message} | ${d.hint}`)).toEqual([
      'error invalid-property-value: property set cib-bootstrap-options: "ture" is not a valid value of stonith-enabled: Pacemaker expects a boolean: true or false | Pacemaker would ignore it and use the default',
      'error invalid-property-value: property set cib-bootstrap-options: "a minute" is not a valid value of stonith-timeout: Pacemaker expects a time such as 60s, 5min or 1h | Pacemaker would ignore it and use the default',
      'error invalid-property-value: property set cib-bootstrap-options: "1.5" is not a valid value of migration-limit: Pacemaker expects an integer (or INFINITY) | Pacemaker would ignore it and use the default',
      'error invalid-property-value: property set cib-bootstrap-options: "ignor" is not a valid value of no-quorum-policy: Pacemaker expects one of stop, freeze, ignore, demote, suicide | did you mean ignore?',
      'warning deprecated-property-value: property set cib-bootstrap-options: stonith-action=poweroff is deprecated | write stonith-action=off',
    ]);
  });

  it('a property given twice: a warning, and only the first value (the one Pacemaker uses) is judged', () => {
    const ds = checkCib(props('<nvpair id="o1" name="no-quorum-policy" value="stop"/><nvpair id="o2" name="no-quorum-policy" value="ignor"/>'));
    expect(ds.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual([
      'warning duplicate-property: property set cib-bootstrap-options: property no-quorum-policy is also given earlier in this set; Pacemaker uses stop and ignores ignor',
    ]);
    // across sets, cib-bootstrap-options is read first wherever it stands; a set with a rule overrides nothing for certain
    const two = cib({
      crm:
        '<cluster_property_set id="extra"><nvpair id="e1" name="no-quorum-policy" value="ignor"/></cluster_property_set>' +
        '<cluster_property_set id="cib-bootstrap-options"><nvpair id="o1" name="no-quorum-policy" value="stop"/></cluster_property_set>' +
        '<cluster_property_set id="night" score="10"><rule id="night-r" score="0"><date_expression id="night-d" operation="date_spec"><date_spec id="night-s" hours="0-6"/></date_expression></rule><nvpair id="n1" name="no-quorum-policy" value="freeze"/></cluster_property_set>',
    });
    expect(checkCib(two).map((d) => `${d.objectId}: ${d.message}`)).toEqual([
      'extra: property set extra: property no-quorum-policy is also given in property set cib-bootstrap-options, which Pacemaker reads first; Pacemaker uses stop and ignores ignor',
    ]);
  });

  it('knownProperties replaces the built-in list (a newer Pacemaker)', () => {
    const c = props('<nvpair id="o1" name="node-pending-timeout" value="10m"/>');
    expect(checkCib(c).map((d) => d.code)).toEqual(['unknown-property']);
    expect(checkCib(c, { knownProperties: new Set(['node-pending-timeout']) })).toEqual([]);
  });
});

describe('operations', () => {
  it('an interval or timeout that is not a duration is a warning: Pacemaker takes an interval as 0 (a monitor never runs), a timeout as its default', () => {
    const c = cib({ resources: dummy('a', '<operations><op id="a-m" name="monitor" interval="abc"/><op id="a-m2" name="monitor" interval="PT10S" timeout="never"/></operations>') });
    expect(checkCib(c).map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual([
      'warning invalid-interval: primitive a: op monitor interval=abc is not a duration; Pacemaker reads it as 0, so the resource is not monitored',
      'warning invalid-timeout: primitive a: op monitor timeout=never is not a duration; Pacemaker uses its default (20s) instead',
    ]);
  });

  it('an on-fail, enabled or record-pending no schema takes is an error in words, with the allowed values', () => {
    const c = cib({
      resources: dummy(
        'a',
        '<operations><op id="a-m" name="monitor" interval="10s" on-fail="explode" enabled="yes"/><op id="a-s" name="stop" interval="0" on-fail="fence" record-pending="true"/></operations>',
      ),
    });
    expect(checkCib(c).map((d) => `${d.code}: ${d.message} | ${d.hint}`)).toEqual([
      'invalid-value: primitive a: "explode" is not a valid value (on-fail) | one of ignore, block, demote, stop, restart, standby, fence, restart-container',
      'invalid-value: primitive a: "yes" is not a valid value (enabled) | one of true, false, 1, 0',
    ]);
  });

  it('two recurring ops with one name and interval (10s = 10000ms), whatever the roles, are an error; start/stop repeats are not', () => {
    const c = cib({
      resources: dummy(
        'a',
        '<operations><op id="a-m1" name="monitor" interval="10s"/><op id="a-m2" name="monitor" interval="10000ms" role="Promoted"/>' +
          '<op id="a-m3" name="monitor" interval="11s"/><op id="a-s1" name="start" interval="0"/><op id="a-s2" name="start" interval="0s"/></operations>',
      ),
    });
    expect(checkCib(c).map((d) => `${d.code}: ${d.message}`)).toEqual([
      'duplicate-op: primitive a: op monitor interval=10000ms repeats op monitor interval=10s (roles do not tell them apart)',
    ]);
  });

  it('an op timeout below the agent\'s advice is a warning worded like crmsh\'s; role-specific advice is matched by role', () => {
    const stateful: AgentMetadata = {
      spec: 'ocf:pacemaker:Stateful',
      parameters: [],
      actions: [
        { name: 'start', timeout: '20s' },
        { name: 'monitor', timeout: '20s', interval: '10s', role: 'Promoted' },
        { name: 'monitor', timeout: '5s', interval: '11s', role: 'Unpromoted' },
      ],
    };
    const c = cib({
      resources:
        '<primitive id="s" class="ocf" provider="pacemaker" type="Stateful"><operations>' +
        '<op id="s-start" name="start" interval="0" timeout="5s"/><op id="s-m1" name="monitor" interval="10s" role="Master" timeout="10s"/>' +
        '<op id="s-m2" name="monitor" interval="11s" role="Slave" timeout="10s"/><op id="s-stop" name="stop" interval="0" timeout="1"/></operations></primitive>',
    });
    expect(checkCib(c, { agents: () => stateful }).map((d) => `${d.severity} ${d.code}: ${d.message} | ${d.hint}`)).toEqual([
      'warning op-timeout: s: specified timeout 5s for start is smaller than the advised 20s | op start timeout=20s',
      'warning op-timeout: s: specified timeout 10s for monitor is smaller than the advised 20s | op monitor timeout=20s',
    ]);
  });

  it('enumerated constraint attributes: loss-policy, resource-discovery, booleans, ordering', () => {
    const c = cib({
      nodes: '<node id="1" uname="n1"/>',
      resources: dummy('a') + dummy('b'),
      constraints:
        '<rsc_ticket id="t" ticket="T" rsc="a" loss-policy="kill"/><rsc_location id="l" rsc="a" score="1" node="n1" resource-discovery="sometimes"/>' +
        '<rsc_order id="o" first="a" then="b" symmetrical="yes"/><rsc_order id="o2"><resource_set id="s" sequential="false" ordering="random"><resource_ref id="a"/></resource_set></rsc_order>',
    });
    expect(checkCib(c).map((d) => `${d.code}: ${d.message} | ${d.hint}`)).toEqual([
      'invalid-value: rsc_ticket t: "kill" is not a valid value (loss-policy) | one of stop, demote, fence, freeze',
      'invalid-value: location l: "sometimes" is not a valid value (resource-discovery) | one of always, never, exclusive',
      'invalid-value: order o: "yes" is not a valid value (symmetrical) | one of true, false, 1, 0',
      'invalid-value: order o2: "random" is not a valid value (ordering) | one of group, listed',
    ]);
  });

  it('value-source: literal, param or meta, and only on schemas that have it (2.9+)', () => {
    const rule = (src: string) =>
      `<rsc_location id="l" rsc="a"><rule id="l-rule" score="10"><expression id="l-e" attribute="#uname" operation="eq" value="n" value-source="${src}"/></rule></rsc_location>`;
    expect(checkCib(cib({ resources: dummy('a'), constraints: rule('param') }))).toEqual([]);
    expect(checkCib(cib({ resources: dummy('a'), constraints: rule('parm') })).map((d) => `${d.code}: ${d.message} | ${d.hint}`)).toEqual([
      'invalid-value: location l: "parm" is not a valid value (value-source) | did you mean param? one of literal, param, meta',
    ]);
    expect(checkCib(cib({ resources: dummy('a'), constraints: rule('meta') }, 'pacemaker-2.8')).map((d) => `${d.code}: ${d.message}`)).toEqual([
      'invalid-value: location l: value-source (meta{n}) needs schema pacemaker-2.9 or later; this CIB has pacemaker-2.8',
    ]);
  });

  it('start, stop, promote, demote, migrations and reload-agent cannot recur; monitor and notify can', () => {
    const c = cib({
      resources: dummy('a', '<operations><op id="a1" name="start" interval="10s"/><op id="a2" name="reload-agent" interval="1m"/><op id="a3" name="notify" interval="10s"/><op id="a4" name="stop" interval="0s"/></operations>'),
    });
    expect(checkCib(c).map((d) => `${d.code}: ${d.message}`)).toEqual([
      'recurring-op: primitive a: op start cannot be recurring (interval=10s); Pacemaker ignores it',
      'recurring-op: primitive a: op reload-agent cannot be recurring (interval=1m); Pacemaker ignores it',
    ]);
  });

  it('durationMs reads what Pacemaker reads', () => {
    expect(['10', '10s', '10sec', '10000ms', '10000msec', '10000000us', 'PT10S'].map(durationMs)).toEqual(Array(7).fill(10_000));
    expect(['2m', '2min', 'PT2M', '1h', '1hr', 'P1D'].map(durationMs)).toEqual([120_000, 120_000, 120_000, 3_600_000, 3_600_000, 86_400_000]);
    expect(['', 'soon', '10 parsecs', 'P'].map(durationMs)).toEqual([undefined, undefined, undefined, undefined]);
    // as `iso8601 -p` reads them: P10S is 10 seconds (Pacemaker's regression CIBs write it), P10M ten months
    expect(['P10S', 'P1H', 'P1M'].map(durationMs)).toEqual([10_000, 3_600_000, undefined]);
  });
});

describe('nothing to say', () => {
  it('returns no diagnostics for an element without <configuration>', () => {
    expect(checkCib(parseXml('<cib/>'))).toEqual([]);
  });
});

describe('attribute names written by the user', () => {
  it('says a name XML cannot hold is one, on the object, before anything is sent', () => {
    const good = cib({ nodes: '<node id="1" uname="n1"/>', resources: dummy('p1'), constraints: '<rsc_location id="l1" rsc="p1" score="100" node="n1"/>' });
    expect(checkCib(good)).toEqual([]);
    const bad = cib({ nodes: '<node id="1" uname="n1"/>', resources: dummy('p1'), constraints: '<rsc_location id="l1" rsc="p1" score="100" node="n1"/>' });
    const loc = child(child(bad, 'configuration')!, 'constraints')!.children[0]!;
    loc.attrs['fo}o'] = '1';
    expect(checkCib(bad, { locations: new Map([['l1', { line: 4, col: 1 }]]) })).toEqual([expect.objectContaining({ severity: 'error', objectId: 'l1', line: 4, col: 1, message: 'location l1: "fo}o" cannot be an attribute name' })]);
  });
});

describe('schemaDiagnostics: what Pacemaker\'s schema refused, on the objects the user wrote', () => {
  const doc = cib({
    resources: `<group id="g">${dummy('a', '<meta_attributes id="a-meta"><nvpair id="a-x" name="x"/></meta_attributes>')}</group>`,
    constraints: '<rsc_location id="l1" rsc="a" foo="1" score="100" node="n1"/>',
  });
  const conf = child(doc, 'configuration')!;
  const group = child(child(conf, 'resources')!, 'group')!;
  const prim = group.children[0]!;
  const nvpair = child(child(prim, 'meta_attributes')!, 'nvpair')!;
  const loc = child(child(conf, 'constraints')!, 'rsc_location')!;
  const path = (...els: XmlElement[]): XmlElement[] => [doc, conf, ...els];

  it('puts each complaint on its object (a group member is one of its own), where it was written', () => {
    const ds = schemaDiagnostics(
      [
        { path: path(child(conf, 'constraints')!, loc), message: 'Invalid attribute foo for element rsc_location' },
        { path: path(child(conf, 'resources')!, group, prim, child(prim, 'meta_attributes')!, nvpair), message: 'Invalid attribute bogus for element nvpair' },
      ],
      { locations: new Map([['l1', { line: 7, col: 1 }], ['a', { line: 3, col: 5 }]]) },
    );
    expect(ds).toEqual([
      expect.objectContaining({ severity: 'error', code: 'schema', objectId: 'a', line: 3, col: 5, message: "primitive a: Pacemaker's schema pacemaker-3.9 refuses it: Invalid attribute bogus for element nvpair" }),
      expect.objectContaining({ severity: 'error', code: 'schema', objectId: 'l1', line: 7, col: 1, message: "location l1: Pacemaker's schema pacemaker-3.9 refuses it: Invalid attribute foo for element rsc_location" }),
    ]);
  });

  it('leaves out the vague words xmllint puts on a neighbour, and keeps them when they are all it says', () => {
    const vague = { path: path(child(conf, 'resources')!, group), message: 'Element resources has extra content: group' };
    const precise = { path: path(child(conf, 'constraints')!, loc), message: 'Invalid attribute foo for element rsc_location' };
    expect(schemaDiagnostics([vague, precise]).map((d) => d.objectId)).toEqual(['l1']);
    expect(schemaDiagnostics([vague]).map((d) => d.message)).toEqual(["group g: Pacemaker's schema pacemaker-3.9 refuses it: Element resources has extra content: group"]);
  });

  it('names what it cannot place: an object nobody wrote here, or a part of the CIB outside the configuration', () => {
    const ds = schemaDiagnostics([
      { path: path(child(conf, 'constraints')!, loc), message: 'Invalid attribute foo for element rsc_location' },
      { path: [doc, child(doc, 'status')!], message: 'Expecting an element node_state, got nothing' },
    ]);
    expect(ds.map((d) => [d.line, d.objectId, d.message])).toEqual([
      [0, 'l1', "location l1: Pacemaker's schema pacemaker-3.9 refuses it: Invalid attribute foo for element rsc_location"],
      [0, undefined, "the CIB: Pacemaker's schema pacemaker-3.9 refuses it: Expecting an element node_state, got nothing"],
    ]);
  });
});
