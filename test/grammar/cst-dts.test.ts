/** grammar/cst.generated.d.ts matches the grammar (UPDATE_GOLDEN=1 rewrites it). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cstDts } from '../../grammar/cst-dts.js';

it('cst.generated.d.ts is up to date with the grammar', () => {
  const file = join(import.meta.dirname, '../../grammar/cst.generated.d.ts');
  const now = cstDts();
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) writeFileSync(file, now);
  expect(readFileSync(file, 'utf8')).toBe(now);
  expect(now).toContain('export interface PrimitiveStmtCstNode');
});
