/**
 * The `ra` level. (Being written: see issue 3.)
 */
import type { LevelDef } from '../tree.js';

export const RA_LEVEL: LevelDef = {
  name: 'ra',
  summary: 'TODO',
  commands: [],
};
