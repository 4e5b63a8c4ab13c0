/**
 * Two projects:
 * - `unit`: every test file that does not need a live cluster, run in parallel;
 * - `integration`: files that use the real-cluster harness (they import
 *   test/cluster/harness, or live in test/integration/, or are named
 *   *.integration.test.ts), run one file at a time because they share one
 *   live cluster and reset its CIB between tests.
 * The global setup names this run's lease on the cluster; the cluster starts
 * on first use and is stopped at the end of the run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const TEST_FILE = /\.test\.tsx?$/;
// `../cluster/harness.js` from elsewhere, `./harness.js` from test/cluster itself
const USES_HARNESS = /from\s+['"](?:[^'"]*\/)?harness(?:\.js|\.ts)?['"]/;

function walk(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === 'state' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (TEST_FILE.test(e.name)) out.push(p);
  }
  return out;
}

/** Test files that need the live cluster, as paths relative to the project root. */
function integrationFiles(): string[] {
  return walk(join(root, 'test'))
    .filter((p) => /[/\\]test[/\\]integration[/\\]/.test(p) || /\.integration\.test\.tsx?$/.test(p) || USES_HARNESS.test(readFileSync(p, 'utf8')))
    .map((p) => relative(root, p).split('\\').join('/'));
}

const integration = integrationFiles();

export default defineConfig({
  test: {
    globalSetup: ['test/setup/cluster-global.ts'],
    // the parser skips chevrotain's grammar validations at start-up; tests run them
    env: { HASH_GRAMMAR_CHECK: '1' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['**/node_modules/**', 'test/cluster/state/**', ...integration],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: integration.length > 0 ? integration : ['test/integration/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/cluster/state/**'],
          // one live cluster, one CIB: files must not run at the same time
          fileParallelism: false,
          testTimeout: 120_000,
          // ensureSingleNode may wait for another run's tests to finish with the cluster
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
