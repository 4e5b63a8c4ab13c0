/**
 * The `cib` level. (Being written: see issue 3.)
 */
import type { LevelDef } from '../tree.js';

export const CIB_LEVEL: LevelDef = {
  name: 'cib',
  summary: 'TODO',
  commands: [],
};
