/**
 * Tab completion (being written: issue 3). The REPL, `hash __complete` and the
 * completion scripts all use Completer.
 */
import type { Shell } from './engine.js';

export interface Candidate {
  word: string;
  /** shown by zsh and fish beside the word */
  description?: string;
}

export interface Completion {
  candidates: Candidate[];
  /** offset in the line where the word being completed starts */
  replaceFrom: number;
}

export class Completer {
  constructor(readonly shell: Shell) {}

  /** Candidates for the word at `cursor` of `line`. */
  async complete(line: string, cursor: number): Promise<Completion> {
    return { candidates: [], replaceFrom: cursor };
  }

  /** The CIB changed: re-read ids on the next TAB. */
  invalidate(): void {}
}
