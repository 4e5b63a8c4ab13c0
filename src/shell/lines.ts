/**
 * A script (`hash -f FILE`, stdin) as logical lines: `\` at the end of a
 * physical line continues the logical line, as in crmsh. CRLF is accepted.
 */
export interface ScriptLine {
  /** the logical line with continuations replaced by a space */
  text: string;
  /** 1-based physical line where it starts, and where it ends */
  line: number;
  endLine: number;
}

/** The physical lines of a text (CRLF or LF), without their terminators. */
export function physicalLines(source: string): string[] {
  const lines = source.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Logical lines; blank ones are kept out, comments are kept (callers decide). */
export function logicalLines(source: string): ScriptLine[] {
  const phys = physicalLines(source);
  const out: ScriptLine[] = [];
  let i = 0;
  while (i < phys.length) {
    const start = i;
    let text = '';
    for (;;) {
      const p = phys[i] ?? '';
      const m = /\\[ \t]*$/.exec(p);
      // a comment line never continues (a trailing backslash in a comment is text)
      if (m && !/^\s*#/.test(p)) {
        text += p.slice(0, m.index) + ' ';
        i++;
        if (i >= phys.length) break; // a trailing `\` at the end of the file ends the line
        continue;
      }
      text += p;
      i++;
      break;
    }
    if (text.trim() !== '') out.push({ text, line: start + 1, endLine: Math.max(start + 1, i) });
  }
  return out;
}
