/**
 * A generated CIB of `n` primitives (params, meta, three ops, ids as crmsh
 * makes them), n/10 groups of them and 1.5·n constraints, for show's speed test.
 *
 * @example
 *   showConfiguration(bigCib(1000)); // ~1,000 primitives, 1,500 constraints
 */
import { parseXml, type XmlElement } from '../../../src/cib/xml.js';

export function bigCibText(n: number): string {
  const rsc: string[] = [];
  const cons: string[] = [];
  const prim = (id: string): string =>
    `<primitive id="${id}" class="ocf" provider="heartbeat" type="Dummy">` +
    `<instance_attributes id="${id}-instance_attributes"><nvpair name="state" value="/run/${id}.state" id="${id}-instance_attributes-state"/>` +
    `<nvpair name="fake" value="x ${id}" id="${id}-instance_attributes-fake"/></instance_attributes>` +
    `<meta_attributes id="${id}-meta_attributes"><nvpair name="target-role" value="Started" id="${id}-meta_attributes-target-role"/></meta_attributes>` +
    `<operations><op name="monitor" interval="10s" timeout="20s" id="${id}-monitor-10s"/>` +
    `<op name="start" interval="0" timeout="30s" id="${id}-start-0"/><op name="stop" interval="0" timeout="30s" id="${id}-stop-0"/></operations></primitive>`;
  const grouped = Math.floor(n / 2);
  for (let g = 0; g < grouped / 5; g++) {
    rsc.push(`<group id="g${g}">${[0, 1, 2, 3, 4].map((k) => prim(`p${g * 5 + k}`)).join('')}</group>`);
  }
  for (let i = grouped; i < n; i++) rsc.push(prim(`p${i}`));
  for (let i = 0; i < n / 2; i++) {
    cons.push(`<rsc_location id="loc${i}" rsc="p${n - 1 - i}" score="100" node="node${i % 3}"/>`);
    cons.push(`<rsc_colocation id="col${i}" score="INFINITY" rsc="p${n - 1 - i}" with-rsc="p${n - 2 - i}"/>`);
    cons.push(
      `<rsc_location id="rule${i}" rsc="p${n - 1 - i}"><rule score="-INFINITY" id="rule${i}-rule">` +
        `<expression operation="eq" attribute="#uname" value="node${i % 3}" id="rule${i}-rule-expression"/></rule></rsc_location>`,
    );
  }
  return (
    `<cib validate-with="pacemaker-3.7" epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config/>` +
    `<nodes><node id="1" uname="node0"/><node id="2" uname="node1"/><node id="3" uname="node2"/></nodes>` +
    `<resources>${rsc.join('')}</resources><constraints>${cons.join('')}</constraints></configuration><status/></cib>`
  );
}

export function bigCib(n: number): XmlElement {
  return parseXml(bigCibText(n));
}
