/**
 * `--dry-run`: what a commit would send, without sending it — the exact
 * cibadmin call and the patch it would read on stdin.
 */
import { plannedPatch } from '../pacemaker/commit.js';
import { serializeXml } from '../cib/xml.js';
import { targetEnv } from '../cib/target.js';
import type { ConfigureSession } from './configure-session.js';
import type { ShellContext } from './context.js';

export async function describeDryRun(session: ConfigureSession, ctx: ShellContext): Promise<string> {
  const patch = plannedPatch(await session.base(), await session.working());
  const env = Object.entries(targetEnv(ctx.target))
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v} `)
    .join('');
  // a CIB file nobody wrote meanwhile is written whole instead (src/pacemaker/cibadmin.ts writeCibFile), with the same result
  const file = ctx.target.kind === 'file' ? `# (on a CIB file nobody changed meanwhile, hash writes the patched file directly: same result)\n` : '';
  return `# dry run: nothing was changed. A commit would run:\n${file}${env}cibadmin --patch --xml-pipe <<'EOF'\n${serializeXml(patch)}EOF\n`;
}
