/**
 * Our semantic checks, with the metadata of the agents the checked
 * resources use (fetched once per agent, in parallel).
 */
import type { Diagnostic } from '../../grammar/diagnostics.js';
import { checkCib } from '../cib/check.js';
import { descendants, type XmlElement } from '../cib/xml.js';
import { agentMetadata, type AgentMetadata } from '../pacemaker/ra.js';
import type { ConfigureSession } from './configure-session.js';
import type { ShellContext } from './context.js';

/** Check the objects a session added or changed, before they are committed. */
export async function checkWorking(session: ConfigureSession, ctx: ShellContext): Promise<Diagnostic[]> {
  const { added, changed } = await session.changed();
  return checkWithAgents(await session.working(), ctx, session.locations, new Set([...added, ...changed]));
}

/** Check a whole CIB (or only `onlyIds`), with agent metadata for parameter checks. */
export async function checkWithAgents(
  cib: XmlElement,
  ctx: ShellContext,
  locations: Map<string, { line: number; col: number }>,
  onlyIds?: Set<string>,
): Promise<Diagnostic[]> {
  const specs = new Set<string>();
  for (const e of descendants(cib)) {
    if (e.name === 'primitive' && e.attrs.class && e.attrs.type && (!onlyIds || onlyIds.has(e.attrs.id ?? ''))) specs.add(agentSpec(e.attrs));
  }
  const meta = new Map<string, AgentMetadata | null>();
  await Promise.all([...specs].map(async (s) => meta.set(s, await agentMetadata(ctx.executor, s).catch(() => null))));
  return checkCib(cib, { locations, agents: (spec) => meta.get(agentSpec(spec)), strictParams: ctx.options.strictParams, onlyIds });
}

function agentSpec(a: { class?: string; provider?: string; type?: string }): string {
  return [a.class, a.provider, a.type].filter((x) => x !== undefined && x !== '').join(':');
}
