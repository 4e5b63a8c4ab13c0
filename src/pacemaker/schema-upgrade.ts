/**
 * `cibadmin --upgrade`: move the CIB to the newest schema this Pacemaker
 * knows (transforming what changed, e.g. Master/Slave roles). Pacemaker calls
 * the command dangerous and wants `--force` every time; hash asks the user
 * first instead.
 *
 * @example
 *   await inv.tool(upgradeArgv());
 */
export function upgradeArgv(): string[] {
  return ['cibadmin', '--upgrade', '--force'];
}
