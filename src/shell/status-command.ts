/**
 * `hash status`: the cluster status, live in a terminal (the ink view of
 * src/status), or once as text or JSON. Off a terminal, plain `hash status`
 * prints once, like `crm_mon -1`, so it is safe in pipes and scripts.
 *
 * ink and react are loaded here only, with a dynamic import, and only for the
 * live view: every other command (and `--once`) starts without them.
 *
 * @example
 *   // hash status --output-as=json | jq '.nodes[].state'
 *   const code = await runStatus(ctx, ['--output-as=json']);
 */
import { readClusterStatus } from '../pacemaker/crm-mon.js';
import { describeTarget } from '../cib/target.js';
import type { ShellContext } from './context.js';
import { ExitCode } from './errors.js';

export interface StatusOptions {
  once: boolean;
  output: 'text' | 'json';
  /** ms between refreshes of the live view */
  intervalMs: number;
  attributes: boolean;
  allBans: boolean;
  /** nodes and resources as crm_simulate predicts them (default on a sandbox) */
  predicted: boolean;
  help: boolean;
}

export const STATUS_HELP = `Usage: hash status [options]

Shows the cluster: nodes, resources (groups, clones, promotable clones,
bundles), failed actions, fencing, tickets, and bans left behind.
On a terminal it stays open and refreshes; press ? there for the keys.

Options:
  -1, --once              print the status once and exit (the default off a terminal)
  --output-as=FORMAT      text (default) or json (the model documented in docs/status.md)
  -i, --interval=TIME     refresh interval of the live view: 2 (seconds), 500ms, 5s (default 2s)
  -A, --attributes        include node attributes
  -L, --neg-locations     include every negative location constraint, not only left-over bans
  --predicted / --current show nodes and resources as crm_simulate predicts them once the
                          cluster has acted, or as they are now (default: predicted on a sandbox)
  -h, --help              this help

Which cluster: CIB_file=FILE or CIB_shadow=NAME like Pacemaker's tools, else the live cluster.
`;

/** "2" → 2000, "500ms" → 500, "1.5s" → 1500, "1m" → 60000; undefined when not a duration. */
export function parseInterval(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const ms = m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
  return ms >= 100 && ms <= 3_600_000 ? Math.round(ms) : undefined;
}

/** Parse `hash status` arguments; returns an error message for bad ones. */
export function parseStatusArgs(args: readonly string[]): { ok: true; options: StatusOptions } | { ok: false; error: string } {
  const o: StatusOptions = { once: false, output: 'text', intervalMs: 2000, attributes: false, allBans: false, predicted: false, help: false };
  let predicted: boolean | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? args[++i];
    switch (name) {
      case '-1':
      case '--once':
      case '--one-shot':
        o.once = true;
        break;
      case '--output-as':
      case '--output': {
        const v = value();
        if (v !== 'json' && v !== 'text') return { ok: false, error: `--output-as must be text or json${v !== undefined ? `, not ${v}` : ''}` };
        o.output = v;
        break;
      }
      case '--json':
        o.output = 'json';
        break;
      case '-i':
      case '--interval': {
        const v = value();
        const ms = v === undefined ? undefined : parseInterval(v);
        if (ms === undefined) return { ok: false, error: `--interval needs a time between 100ms and 1h, e.g. 2, 5s or 500ms${v !== undefined ? ` (got ${v})` : ''}` };
        o.intervalMs = ms;
        break;
      }
      case '-A':
      case '--attributes':
      case '--show-node-attributes':
        o.attributes = true;
        break;
      case '-L':
      case '--neg-locations':
        o.allBans = true;
        break;
      case '--predicted':
        predicted = true;
        break;
      case '--current':
        predicted = false;
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        return { ok: false, error: `unknown option ${a} for status` };
    }
  }
  return { ok: true, options: { ...o, predicted: predicted ?? false } };
}

/**
 * Entry point of `hash status` for the CLI: returns the exit code
 * (0 ok, 2 usage, 5 cluster unreachable).
 */
export async function runStatus(ctx: ShellContext, args: string[]): Promise<number> {
  const parsed = parseStatusArgs(args);
  if (!parsed.ok) {
    ctx.io.err(`hash: ${parsed.error}\n  hint: see hash status --help\n`);
    return ExitCode.usage;
  }
  // a sandbox shows what the cluster would do with it, unless asked for the state as it is
  const o = { ...parsed.options, predicted: parsed.options.predicted || (ctx.target.kind === 'shadow' && !args.includes('--current')) };
  if (o.help) {
    ctx.io.out(STATUS_HELP);
    return ExitCode.ok;
  }
  // the live view needs a terminal on both ends: keys come from stdin in raw mode
  const live = !o.once && o.output === 'text' && ctx.io.isTTY && Boolean(process.stdin.isTTY);
  if (live) {
    // React picks its build when first loaded: without NODE_ENV it is the development build, which
    // is slower and keeps every old tree (memory grows with each refresh); set it before the import
    // (through a variable, so a bundler's `define` of process.env.NODE_ENV does not rewrite the assignment)
    const env = process.env;
    env.NODE_ENV ??= 'production';
    // ink draws only a last frame when it believes it runs in CI (CI=true in the environment);
    // here both ends are terminals, so a person is watching: let it draw
    env.CI = 'false';
    env.CONTINUOUS_INTEGRATION = 'false';
    const { runStatusApp } = await import('../status/app.js');
    return runStatusApp(ctx, o);
  }
  // crm_mon, and beside it the constraints ban/move left (crm_mon does not report moves); the
  // cluster name would cost a third process, and --once is about speed: the live view reads it once
  const reading = readClusterStatus(ctx.executor, ctx.target, { predicted: o.predicted });
  // the text layout loads while crm_mon runs, not after it
  const textModules = o.output === 'text' ? Promise.all([import('../status/text.js'), import('../status/theme.js')]) : undefined;
  textModules?.catch(() => {});
  const r = await reading;
  if (!r.ok) {
    ctx.io.err(`hash: cannot read the cluster status (${describeTarget(ctx.target)}): ${r.error}\n  hint: is Pacemaker running here? Set CIB_file=FILE to look at a CIB file instead\n`);
    return ExitCode.unreachable;
  }
  if (o.output === 'json') {
    ctx.io.out(`${JSON.stringify(r.status, null, 2)}\n`);
    return ExitCode.ok;
  }
  const [{ formatStatusText }, { colorEnabled }] = await textModules!;
  ctx.io.out(
    formatStatusText(r.status, {
      color: colorEnabled(ctx.env, ctx.io.isTTY),
      header: { source: describeTarget(ctx.target) },
      attributes: o.attributes,
      allBans: o.allBans,
    }),
  );
  return ExitCode.ok;
}
