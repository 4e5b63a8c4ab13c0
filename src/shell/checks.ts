/**
 * The checks that run on the working CIB before a commit: our semantic
 * checks with agent metadata for the agents the user's resources use.
 */
import type { Diagnostic } from '../../grammar/diagnostics.js';
import { checkCib } from '../cib/check.js';
import { descendants } from '../cib/xml.js';
import { agentMetadata, type AgentMetadata } from '../pacemaker/ra.js';
import type { ConfigureSession } from './configure-session.js';
import type { ShellContext } from './context.js';

export async function checkWorking(session: ConfigureSession, ctx: ShellContext): Promise<Diagnostic[]> {
  const working = await session.working();
  const { added, changed } = await session.changed();
  const onlyIds = new Set([...added, ...changed]);
  // metadata for the agents of the objects the user wrote, fetched in parallel, once per agent
  const specs = new Set<string>();
  for (const e of descendants(working)) {
    if (e.name === 'primitive' && e.attrs.class && e.attrs.type && onlyIds.has(e.attrs.id ?? '')) specs.add(agentSpec(e.attrs));
  }
  const meta = new Map<string, AgentMetadata | null>();
  await Promise.all([...specs].map(async (s) => meta.set(s, await agentMetadata(ctx.executor, s).catch(() => null))));
  return checkCib(working, {
    locations: session.locations,
    agents: (spec) => meta.get(agentSpec(spec)),
    strictParams: ctx.options.strictParams,
    onlyIds,
  });
}

function agentSpec(a: { class?: string; provider?: string; type?: string }): string {
  return [a.class, a.provider, a.type].filter((x) => x !== undefined && x !== '').join(':');
}
