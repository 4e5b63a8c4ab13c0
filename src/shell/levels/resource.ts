/**
 * The `resource` level. (Being written: see issue 3.)
 */
import type { LevelDef } from '../tree.js';

export const RESOURCE_LEVEL: LevelDef = {
  name: 'resource',
  summary: 'TODO',
  commands: [],
};
