/**
 * Golden tests of the configure-language parser: every directory under
 * test/grammar/golden/ holds input.crm, the expected AST (ast.json, without
 * `loc` fields) and the expected diagnostics (diagnostics.txt, as
 * formatDiagnostic prints them). `UPDATE_GOLDEN=1 npx vitest run test/grammar`
 * rewrites the expected files from the current parser: review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parseConfigure } from '../../grammar/index.js';

const root = join(import.meta.dirname, 'golden');
const update = process.env['UPDATE_GOLDEN'] === '1';

/** The AST as JSON without `loc`, for readable golden files. */
export function astJson(value: unknown): string {
  return `${JSON.stringify(value, (k, v: unknown) => (k === 'loc' ? undefined : v), 2)}\n`;
}

const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('golden configure parses', () => {
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = join(root, name);
      const input = readFileSync(join(dir, 'input.crm'), 'utf8');
      const { statements, diagnostics } = parseConfigure(input, { file: 'input.crm' });
      const ast = astJson(statements);
      const diags = diagnostics.map((d) => formatDiagnostic(d, input, 'input.crm')).join('\n') + (diagnostics.length ? '\n' : '');
      if (update || !existsSync(join(dir, 'ast.json'))) {
        writeFileSync(join(dir, 'ast.json'), ast);
        writeFileSync(join(dir, 'diagnostics.txt'), diags);
        if (!update) throw new Error(`${name}: wrote missing golden files; review and commit them`);
        return;
      }
      expect(ast).toBe(readFileSync(join(dir, 'ast.json'), 'utf8'));
      expect(diags).toBe(readFileSync(join(dir, 'diagnostics.txt'), 'utf8'));
    });
  }
});
