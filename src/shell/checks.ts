/**
 * Our semantic checks, with the metadata of the agents the checked
 * resources use (fetched once per agent, in parallel).
 */
import type { Diagnostic } from '../../grammar/diagnostics.js';
import { agentSpecs, checkCib } from '../cib/check.js';
import type { XmlElement } from '../cib/xml.js';
import { agentMetadata, agentSpecString, listAllAgents, type AgentMetadata } from '../pacemaker/ra.js';
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
  // templates included: a primitive built from @template has its agent there
  const specs = [...new Set(agentSpecs(cib, onlyIds).map(agentSpecString))];
  const meta = new Map<string, AgentMetadata | null>();
  let lookupsWork = true;
  await Promise.all(
    specs.map(async (s) => {
      try {
        meta.set(s, await agentMetadata(ctx.executor, s));
      } catch {
        lookupsWork = false; // crm_resource itself failed: say nothing about agents rather than "not installed"
      }
    }),
  );
  const someMissing = [...meta.values()].some((m) => m === null);
  const installedAgents = lookupsWork && someMissing ? await listAllAgents(ctx.executor).catch(() => undefined) : undefined;
  return checkCib(cib, {
    locations,
    agents: lookupsWork ? (spec) => meta.get(agentSpecString(spec)) : undefined,
    installedAgents,
    strictParams: ctx.options.strictParams,
    onlyIds,
  });
}
