/**
 * The `options` level. (Being written: see issue 3.)
 */
import type { LevelDef } from '../tree.js';

export const OPTIONS_LEVEL: LevelDef = {
  name: 'options',
  summary: 'TODO',
  commands: [],
};
