/**
 * Drive an ink app in-process: a fake terminal (stdin that takes keys, stdout
 * that keeps the frames) and waits on the frame changing, never on a sleep.
 * ink renders in debug mode here, so every write is one whole frame.
 *
 * @example
 *   const t = renderInTerminal(<StatusApp … />);
 *   await t.waitFor((f) => f.includes('› srv01'));
 *   t.press('j');
 */
import { EventEmitter } from 'node:events';
import type { ReactElement } from 'react';
import { render, type Instance } from 'ink';

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private queue: string[] = [];
  setRawMode(): this {
    return this;
  }
  setEncoding(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  type(data: string): void {
    this.queue.push(data);
    this.emit('readable');
  }
}

class FakeStdout extends EventEmitter {
  readonly isTTY = false;
  frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write(s: string): boolean {
    this.frames.push(s);
    return true;
  }
}

/** Named keys as a terminal sends them. */
export const KEYS = { up: '\x1b[A', down: '\x1b[B', enter: '\r', escape: '\x1b', backspace: '\x7f', pageDown: '\x1b[6~' } as const;

export interface Terminal {
  instance: Instance;
  lastFrame(): string;
  press(keys: string): void;
  /** resolves with the frame once `pred` holds; rejects after `timeoutMs` with the last frame */
  waitFor(pred: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  cleanup(): void;
}

export function renderInTerminal(el: ReactElement, size = { columns: 80, rows: 24 }): Terminal {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout(size.columns, size.rows);
  const stderr = new FakeStdout(size.columns, size.rows);
  const instance = render(el, {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const lastFrame = (): string => stdout.frames[stdout.frames.length - 1] ?? '';
  return {
    instance,
    lastFrame,
    press: (k) => stdin.type(k),
    waitFor: async (pred, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const f = lastFrame();
        if (pred(f)) return f;
        if (Date.now() > deadline) throw new Error(`frame never matched; last frame:\n${f}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    cleanup: () => instance.unmount(),
  };
}
