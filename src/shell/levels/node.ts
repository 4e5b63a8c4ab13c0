/**
 * The `node` level. (Being written: see issue 3.)
 */
import type { LevelDef } from '../tree.js';

export const NODE_LEVEL: LevelDef = {
  name: 'node',
  summary: 'TODO',
  commands: [],
};
