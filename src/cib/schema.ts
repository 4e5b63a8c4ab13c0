/**
 * Schema helpers: which Pacemaker schema a CIB validates with, and the role
 * names that schema wants.
 *
 * Pacemaker 2.1 (schema pacemaker-3.7) renamed the roles Master/Slave to
 * Promoted/Unpromoted. hash writes what the CIB's schema expects: new names on
 * 3.7 and later, old names before (crmsh 4.4 keeps whatever the user typed).
 *
 * @example
 *   roleForSchema('Master', 'pacemaker-3.9'); // 'Promoted'
 *   roleForSchema('Promoted', 'pacemaker-3.5'); // 'Master'
 */

/** What `cibadmin --empty` writes with Pacemaker 2.1.5; used when a CIB has no validate-with. */
export const DEFAULT_SCHEMA = 'pacemaker-3.9';

/** `pacemaker-3.9` → [3, 9]; `pacemaker-next` → [Infinity, 0]; anything else → undefined. */
export function schemaVersion(validateWith: string | undefined): [number, number] | undefined {
  if (validateWith === 'pacemaker-next') return [Number.POSITIVE_INFINITY, 0];
  const m = /^pacemaker-(\d+)\.(\d+)$/.exec(validateWith ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** schemaVersion of the few names a process sees, asked for every op and role of a load. */
const versions = new Map<string, readonly [number, number] | undefined>();

/** True when `validateWith` is at least `major.minor`. Unknown schema names count as new. */
export function schemaAtLeast(validateWith: string | undefined, major: number, minor: number): boolean {
  const name = validateWith ?? DEFAULT_SCHEMA;
  let v = versions.get(name);
  if (v === undefined && !versions.has(name)) versions.set(name, (v = schemaVersion(name)));
  if (!v) return true;
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

/** Whether the schema uses Promoted/Unpromoted (pacemaker-3.7 and later). */
export function usesPromotedRoles(validateWith: string | undefined): boolean {
  return schemaAtLeast(validateWith, 3, 7);
}

const UPGRADE: Record<string, string> = { Master: 'Promoted', Slave: 'Unpromoted' };
const DOWNGRADE: Record<string, string> = { Promoted: 'Master', Unpromoted: 'Slave' };

/** The roles crmsh accepts, in their canonical spelling. */
export const ROLE_NAMES = ['Stopped', 'Started', 'Master', 'Slave', 'Promoted', 'Unpromoted'] as const;

/** Canonical spelling of a role written in any case (`master` → `Master`); undefined when unknown. */
export function canonicalRole(role: string): string | undefined {
  return ROLE_NAMES.find((r) => r.toLowerCase() === role.toLowerCase());
}

/** The role as the schema wants it; unknown words pass through unchanged (the checker reports them). */
export function roleForSchema(role: string, validateWith: string | undefined): string {
  const r = canonicalRole(role) ?? role;
  return (usesPromotedRoles(validateWith) ? UPGRADE[r] : DOWNGRADE[r]) ?? r;
}
