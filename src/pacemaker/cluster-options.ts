/**
 * The cluster options (`property` names) and the options every fencing
 * device takes (`pcmk_host_list`, …), with their types, defaults and allowed
 * values, as this node's Pacemaker describes them. Pacemaker 2.1 has no
 * `crm_attribute --list-options` yet; its daemons print their options as OCF
 * metadata (`pacemaker-schedulerd metadata`), which is what crmsh reads too.
 * The daemons live in a directory compiled into Pacemaker (Debian:
 * /usr/lib/pacemaker, RHEL and SUSE: /usr/libexec/pacemaker).
 *
 * @example
 *   const opts = await clusterOptions(new LocalExecutor());
 *   opts.find((o) => o.name === 'no-quorum-policy')?.values; // ['stop', 'freeze', 'ignore', 'demote', 'suicide']
 */
import { child, children, parseXml } from '../cib/xml.js';
import type { Executor } from '../exec/types.js';

export interface OptionInfo {
  name: string;
  /** boolean, integer, time, select, string, … */
  type?: string;
  default?: string;
  /** allowed values of a `select` option */
  values?: string[];
  shortdesc?: string;
  /** Pacemaker marks it "Advanced Use Only" */
  advanced?: boolean;
  deprecated?: boolean;
}

/** Where Pacemaker's daemons may be installed, most common first. */
export const DAEMON_DIRS = ['/usr/lib/pacemaker', '/usr/libexec/pacemaker', '/usr/lib64/pacemaker'] as const;

/** The daemons whose options are cluster options (`property` in crm). */
export const CLUSTER_OPTION_DAEMONS = ['pacemaker-schedulerd', 'pacemaker-controld', 'pacemaker-based'] as const;

/** The daemon whose metadata lists the options of every fencing device. */
export const FENCING_DAEMON = 'pacemaker-fenced';

/** `<dir>/<daemon> metadata` */
export function daemonMetadataArgv(dir: string, daemon: string): string[] {
  return [`${dir}/${daemon}`, 'metadata'];
}

/**
 * The options in a daemon's metadata.
 *
 * @example
 *   parseOptionMetadata('<resource-agent><parameters><parameter name="a"><content type="boolean" default="true"/></parameter></parameters></resource-agent>');
 *   // [{ name: 'a', type: 'boolean', default: 'true' }]
 */
export function parseOptionMetadata(xml: string): OptionInfo[] {
  let root;
  try {
    root = parseXml(xml);
  } catch {
    return [];
  }
  if (root.name !== 'resource-agent') return [];
  const out: OptionInfo[] = [];
  for (const p of children(child(root, 'parameters') ?? root, 'parameter')) {
    const name = p.attrs.name;
    if (!name) continue;
    const o: OptionInfo = { name };
    const content = child(p, 'content');
    if (content?.attrs.type) o.type = content.attrs.type;
    if (content?.attrs.default !== undefined) o.default = content.attrs.default;
    const values = content ? children(content, 'option').map((v) => v.attrs.value ?? '').filter(Boolean) : [];
    if (values.length) o.values = values;
    // Pacemaker 2.1 flags options at the start of shortdesc: `*** Advanced Use Only ***`, `*** Deprecated ***`
    let sd = children(p, 'shortdesc').find((e) => (e.attrs.lang ?? 'en') === 'en')?.text?.trim();
    for (let m = sd && /^\*\*\*\s*([^*]+?)\s*\*\*\*\s*/.exec(sd); m; m = sd && /^\*\*\*\s*([^*]+?)\s*\*\*\*\s*/.exec(sd)) {
      if (/advanced/i.test(m[1]!)) o.advanced = true;
      if (/deprecated/i.test(m[1]!)) o.deprecated = true;
      sd = sd!.slice(m[0].length);
    }
    if (sd) o.shortdesc = sd;
    if (child(p, 'deprecated')) o.deprecated = true;
    out.push(o);
  }
  return out;
}

/** Run `<daemon> metadata` from the first directory where it exists; null when none answers. */
export async function daemonOptions(ex: Executor, daemon: string, dirs: readonly string[] = DAEMON_DIRS): Promise<OptionInfo[] | null> {
  for (const dir of dirs) {
    const r = await ex.exec(daemonMetadataArgv(dir, daemon), { timeoutMs: 10_000 });
    if (r.code === 0) return parseOptionMetadata(r.stdout);
  }
  return null;
}

/** The cluster options of the scheduler, controller and CIB manager, in that order; [] when Pacemaker is not installed. */
export async function clusterOptions(ex: Executor, dirs: readonly string[] = DAEMON_DIRS): Promise<OptionInfo[]> {
  const lists = await Promise.all(CLUSTER_OPTION_DAEMONS.map((d) => daemonOptions(ex, d, dirs)));
  const seen = new Set<string>();
  const out: OptionInfo[] = [];
  for (const o of lists.flatMap((l) => l ?? [])) {
    if (seen.has(o.name)) continue;
    seen.add(o.name);
    out.push(o);
  }
  return out;
}

/** The options every fencing device takes (pcmk_host_list, pcmk_delay_max, …); [] when not installed. */
export async function fencingOptions(ex: Executor, dirs: readonly string[] = DAEMON_DIRS): Promise<OptionInfo[]> {
  return (await daemonOptions(ex, FENCING_DAEMON, dirs)) ?? [];
}
