/**
 * Properties that configurations written for old Pacemaker carry and today's
 * Pacemaker will not take. crmsh fails the whole file on them (and dies with a
 * traceback on the OESS seed); hash leaves each one out, or renames it where
 * Pacemaker itself would, with one located warning saying why and what to do.
 *
 * The lists below come from Pacemaker 2.1.5 itself, not from memory:
 *
 * - MAINTAINED: the controller writes these into `cib-bootstrap-options`
 *   whenever a DC is elected or resources are refreshed, so a value loaded
 *   from a file is at best overwritten and at worst misleading (the OESS seed
 *   says `dc-version="1.0.11-XXXXX"`). Evidence: `pacemaker-controld metadata`
 *   documents dc-version ("Pacemaker version on cluster node elected DC") and
 *   cluster-infrastructure ("The messaging stack on which Pacemaker is
 *   currently running"); `pacemaker-schedulerd metadata` says of have-watchdog
 *   "This is set automatically by the cluster … User-configured values are
 *   ignored"; `strings pacemaker-controld` holds exactly these four names plus
 *   cluster-name, which the controller sets only when the user has not (so a
 *   user's cluster-name is kept).
 * - REMOVED: /usr/share/pacemaker/options-3.0.rng … options-3.9.rng (identical
 *   lists) reject these names in any cluster_property_set, and
 *   upgrade-2.10.xsl (table "cluster-properties") says what replaces each one.
 *   `crm_verify -x` on a pacemaker-3.9 CIB confirms: expected-quorum-votes,
 *   stonith_enabled, default-resource-stickiness, notification-agent and
 *   cluster-infrastructure=openais fail with "Relax-NG validity error"; the
 *   maintained ones validate but are the cluster's business.
 *
 * @example
 *   const { statements, diagnostics } = dropLegacyProperties(parseConfigure(text).statements);
 *   // diagnostics[0].message:
 *   // "property dc-version left out: the cluster maintains it itself (the DC writes its own version)"
 */
import type { NvPair, PropertyStatement, Statement } from '../../grammar/ast.js';
import type { Diagnostic } from '../../grammar/diagnostics.js';

/** Written by pacemaker-controld; why, in a few words. */
const MAINTAINED: ReadonlyMap<string, string> = new Map([
  ['dc-version', 'the DC writes its own version there when it is elected'],
  ['cluster-infrastructure', 'the DC writes the messaging layer it runs on (corosync) when it is elected'],
  ['have-watchdog', 'Pacemaker sets it from whether SBD is running and ignores configured values'],
  ['last-lrm-refresh', 'the controller stamps it when resources are refreshed'],
]);

type Removed =
  /** the same option under its current name, still a cluster property */
  | { kind: 'renamed'; to: string }
  /** now a meta attribute in rsc_defaults / op_defaults */
  | { kind: 'moved'; to: string; where: 'rsc_defaults' | 'op_defaults' }
  /** gone: `why` it went, `instead` what replaces it */
  | { kind: 'gone'; why: string; instead: string };

const renamed = (to: string): Removed => ({ kind: 'renamed', to });
const moved = (to: string, where: 'rsc_defaults' | 'op_defaults'): Removed => ({ kind: 'moved', to, where });
const gone = (why: string, instead: string): Removed => ({ kind: 'gone', why, instead });

/** options-3.9.rng's except-list, with upgrade-2.10.xsl's replacement for each. */
const REMOVED: ReadonlyMap<string, Removed> = new Map([
  ['expected-quorum-votes', gone('corosync 2+ tracks quorum itself', 'set the votes in corosync.conf (quorum { provider: corosync_votequorum })')],
  ['cluster_recheck_interval', renamed('cluster-recheck-interval')],
  ['dc_deadtime', renamed('dc-deadtime')],
  ['election_timeout', renamed('election-timeout')],
  ['no_quorum_policy', renamed('no-quorum-policy')],
  ['remove_after_stop', renamed('remove-after-stop')],
  ['shutdown_escalation', renamed('shutdown-escalation')],
  ['startup_fencing', renamed('startup-fencing')],
  ['stonith_action', renamed('stonith-action')],
  ['stonith_enabled', renamed('stonith-enabled')],
  ['stop_orphan_actions', renamed('stop-orphan-actions')],
  ['stop_orphan_resources', renamed('stop-orphan-resources')],
  ['symmetric_cluster', renamed('symmetric-cluster')],
  ['transition_idle_timeout', renamed('cluster-delay')],
  ['default-action-timeout', moved('timeout', 'op_defaults')],
  ['default_action_timeout', moved('timeout', 'op_defaults')],
  ['default-resource-stickiness', moved('resource-stickiness', 'rsc_defaults')],
  ['default_resource_stickiness', moved('resource-stickiness', 'rsc_defaults')],
  ['is-managed-default', moved('is-managed', 'rsc_defaults')],
  ['is_managed_default', moved('is-managed', 'rsc_defaults')],
  ['default-migration-threshold', moved('migration-threshold', 'rsc_defaults')],
  ['default_migration_threshold', moved('migration-threshold', 'rsc_defaults')],
  ['default-resource-failure-stickiness', gone('failure handling is now migration-threshold', 'write `rsc_defaults migration-threshold=N` instead')],
  ['default_resource_failure_stickiness', gone('failure handling is now migration-threshold', 'write `rsc_defaults migration-threshold=N` instead')],
  ['notification-agent', gone('alerts replaced notification agents', 'configure an `alert` instead')],
  ['notification-recipient', gone('alerts replaced notification agents', 'give the recipient `to` an `alert` instead')],
]);

/** The names left out because the cluster maintains them (unless `keepMaintained`). */
export const MAINTAINED_PROPERTIES: readonly string[] = [...MAINTAINED.keys()];
/** The names current schemas reject in a cluster_property_set (options-3.0.rng … options-3.9.rng). */
export const REMOVED_PROPERTIES: readonly string[] = [...REMOVED.keys()];

/** cluster-infrastructure values options-3.9.rng rejects (case-sensitive there, so "Heartbeat" passes it). */
const OLD_STACKS: ReadonlySet<string> = new Set(['heartbeat', 'openais', 'classic openais', 'classic openais (with plugin)', 'cman']);

export interface LegacyOptions {
  /**
   * The target CIB's `validate-with` (e.g. `pacemaker-3.9`). Schemas before
   * pacemaker-3.0 still accept the removed names, so they are kept there;
   * unknown or absent means "current".
   */
  validateWith?: string;
  /** Keep the cluster-maintained properties (e.g. for a lossless round trip of a CIB file). */
  keepMaintained?: boolean;
}

/** True when `validate-with` names a schema older than pacemaker-3.0. */
function beforeSchema3(validateWith: string | undefined): boolean {
  const m = /^pacemaker-(\d+)\.(\d+)$/.exec(validateWith ?? '');
  return m !== null && Number(m[1]) < 3;
}

/**
 * Drop properties the cluster maintains itself or that current Pacemaker
 * removed; one warning each, located at the pair, saying why and what to do.
 * Old underscore spellings that Pacemaker merely renamed are loaded under
 * their new names (as Pacemaker's own schema upgrade does), also with a
 * warning. Pure: the input statements are not modified. A `property`
 * statement left with no pairs is removed altogether.
 *
 * @example
 *   dropLegacyProperties(parseConfigure('property expected-quorum-votes=3 stonith-enabled=false').statements)
 *   // → statements: [property stonith-enabled=false],
 *   //   diagnostics: [{ severity: 'warning', code: 'legacy-property', line: 1, col: 10, ... }]
 */
export function dropLegacyProperties(
  statements: Statement[],
  opts: LegacyOptions = {},
): { statements: Statement[]; diagnostics: Diagnostic[] } {
  const keepRemoved = beforeSchema3(opts.validateWith);
  const diagnostics: Diagnostic[] = [];
  const out: Statement[] = [];
  for (const st of statements) {
    if (st.kind !== 'property' || st.pairs.length === 0) {
      out.push(st);
      continue;
    }
    const names = new Set(st.pairs.map((p) => p.name));
    const pairs: NvPair[] = [];
    for (const pair of st.pairs) {
      const verdict = judge(pair, st, names, keepRemoved, opts.keepMaintained ?? false);
      if (verdict.diagnostic) diagnostics.push(verdict.diagnostic);
      if (verdict.pair) pairs.push(verdict.pair);
    }
    if (pairs.length === 0) continue;
    const changed = pairs.length !== st.pairs.length || pairs.some((p, i) => p !== st.pairs[i]);
    out.push(changed ? { ...st, pairs } : st);
  }
  return { statements: out, diagnostics };
}

function judge(
  pair: NvPair,
  st: PropertyStatement,
  names: ReadonlySet<string>,
  keepRemoved: boolean,
  keepMaintained: boolean,
): { pair?: NvPair; diagnostic?: Diagnostic } {
  // an `@ref` pair points at another nvpair: its name is not a property name
  if (pair.idRef !== undefined) return { pair };
  const at = (message: string, hint: string): Diagnostic => ({
    severity: 'warning',
    code: 'legacy-property',
    message,
    hint,
    line: pair.loc.line,
    col: pair.loc.col,
    length: Math.max(1, pair.loc.endOffset - pair.loc.offset),
    // crmsh (and our encoder) put an unnamed `property` into cib-bootstrap-options
    objectId: st.setId ?? 'cib-bootstrap-options',
  });
  const why = MAINTAINED.get(pair.name);
  if (why !== undefined && !keepMaintained) {
    return {
      diagnostic: at(
        `property ${pair.name} left out: the cluster maintains it itself (${why})`,
        `remove ${pair.name} from the file; \`configure show\` will display the value the cluster sets`,
      ),
    };
  }
  if (pair.name === 'cluster-infrastructure' && !keepRemoved && OLD_STACKS.has(pair.value ?? '')) {
    return {
      diagnostic: at(
        `property cluster-infrastructure="${pair.value ?? ''}" left out: Pacemaker 2 runs only on corosync 2+ and its schema rejects this value`,
        'remove it from the file; the cluster sets cluster-infrastructure itself',
      ),
    };
  }
  const removed = keepRemoved ? undefined : REMOVED.get(pair.name);
  if (removed === undefined) return { pair };
  const value = pair.value ?? '';
  switch (removed.kind) {
    case 'renamed':
      if (names.has(removed.to)) {
        return {
          diagnostic: at(
            `property ${pair.name} left out: it is the old name of ${removed.to}, which this set also gives`,
            `remove ${pair.name}=${value} from the file`,
          ),
        };
      }
      return {
        pair: { ...pair, name: removed.to },
        diagnostic: at(
          `property ${pair.name} loaded as ${removed.to}: current Pacemaker knows it only by its new name`,
          `write ${removed.to}=${value} in the file`,
        ),
      };
    case 'moved': {
      // not moved for the user: a new rsc_defaults/op_defaults set would get ids and merge questions of its own
      return {
        diagnostic: at(
          `property ${pair.name} left out: current Pacemaker rejects it as a cluster property; it became ${removed.to} in ${removed.where}`,
          `write \`${removed.where} ${removed.to}=${value}\` instead`,
        ),
      };
    }
    case 'gone': {
      const hint =
        /failure.stickiness$/.test(pair.name) && /^-inf(inity)?$/i.test(value)
          ? 'write `rsc_defaults migration-threshold=1` instead (what -INFINITY meant)'
          : removed.instead;
      return {
        diagnostic: at(
          `property ${pair.name} left out: current Pacemaker removed it (${removed.why}) and its schema rejects it`,
          hint,
        ),
      };
    }
  }
}

/**
 * Why the schema named by `validateWith` rejects cluster property `name` with
 * `value`, or undefined when it takes it. For CIBs that arrive as XML (raw
 * `xml` statements, an existing CIB), where there is no AST to fix up.
 *
 * @example
 *   rejectedProperty('expected-quorum-votes', '2', 'pacemaker-3.9') // 'current Pacemaker removed it (corosync 2+ tracks quorum itself)'
 *   rejectedProperty('stonith-enabled', 'false', 'pacemaker-3.9')   // undefined
 */
export function rejectedProperty(name: string, value: string | undefined, validateWith?: string): string | undefined {
  if (beforeSchema3(validateWith)) return undefined;
  if (name === 'cluster-infrastructure' && OLD_STACKS.has(value ?? '')) return `Pacemaker 2 runs only on corosync 2+, not ${value ?? ''}`;
  const r = REMOVED.get(name);
  if (!r) return undefined;
  switch (r.kind) {
    case 'renamed':
      return `it is now called ${r.to}`;
    case 'moved':
      return `it became ${r.to} in ${r.where}`;
    case 'gone':
      return `current Pacemaker removed it (${r.why})`;
  }
}
