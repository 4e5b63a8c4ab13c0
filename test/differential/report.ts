/**
 * Prints the differential figure and the classes of mismatch, outside vitest:
 * `npx tsx test/differential/report.ts [--seeds N] [--show NAME]`.
 *
 * @example
 *   npx tsx test/differential/report.ts --seeds 30
 */
import { differentialCases, runCases, summarize } from './cases.js';
import { findCrm } from './crmsh-runner.js';

const args = process.argv.slice(2);
const seedsArg = args.indexOf('--seeds');
const showArg = args.indexOf('--show');
if (!findCrm()) {
  console.error('crmsh (crm) is not installed: the differential report needs it (apt-get install crmsh).');
  process.exit(2);
}
let cases = differentialCases(seedsArg >= 0 ? { seeds: Number(args[seedsArg + 1]) } : {});
if (showArg >= 0) cases = cases.filter((c) => c.name === args[showArg + 1]);
const results = await runCases(cases, { concurrency: 8 });
if (showArg >= 0) for (const r of results) console.log(r.text);
console.log(summarize(results, { maxPerCase: showArg >= 0 ? 1000 : 8 }));
