/**
 * The TypeScript declarations of the parser's CST, generated from the grammar
 * itself (chevrotain `generateCstDts`). grammar/cst.generated.d.ts holds the
 * result; test/grammar/cst-dts.test.ts fails when it is out of date
 * (`UPDATE_GOLDEN=1` rewrites it), so the visitor's types follow the grammar.
 *
 * @example
 *   writeFileSync('grammar/cst.generated.d.ts', cstDts());
 */
import { generateCstDts } from 'chevrotain';
import { configureParser } from './parser.js';

export function cstDts(): string {
  const header = '// Generated from grammar/parser.ts by grammar/cst-dts.ts: do not edit.\n';
  return header + generateCstDts(configureParser().getGAstProductions(), { visitorInterfaceName: 'ICstNodeVisitor' });
}
