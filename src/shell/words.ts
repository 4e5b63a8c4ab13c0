/**
 * Shell-like word splitting for command lines (REPL, -f files) and the
 * reverse: turning argv words back into configure text without losing what
 * the user's shell already unquoted.
 *
 * @example
 *   splitWords(`property stonith-enabled="false"  # no fencing`) // ['property', 'stonith-enabled=false']
 *   quoteWords(['primitive', 'p', 'Dummy', 'params', 'msg=hello world']) // 'primitive p Dummy params msg="hello world"'
 */

export interface Word {
  text: string;
  /** 0-based offset of the word's first character in the line */
  start: number;
  end: number;
}

/** Split a line into words; quotes group and are removed, `#` outside quotes at a word start ends the line. */
export function splitWords(line: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && /\s/.test(line[i]!)) i++;
    if (i >= n) break;
    if (line[i] === '#') break;
    const start = i;
    let text = '';
    while (i < n && !/\s/.test(line[i]!)) {
      const c = line[i]!;
      if (c === '"' || c === "'") {
        const q = c;
        i++;
        while (i < n && line[i] !== q) {
          if (q === '"' && line[i] === '\\' && i + 1 < n) i++;
          text += line[i];
          i++;
        }
        i++; // closing quote (or end of line)
      } else {
        text += c;
        i++;
      }
    }
    words.push({ text, start, end: i });
  }
  return words;
}

const PLAIN = /^[^\s"'\\#]*$/;

function quote(s: string): string {
  return `"${s.replace(/(["\\])/g, '\\$1')}"`;
}

/** Re-quote argv words so the configure parser sees what the user meant. */
export function quoteWords(words: readonly string[]): string {
  return words
    .map((w) => {
      if (w !== '' && PLAIN.test(w)) return w;
      const eq = /^([A-Za-z0-9_$.:@-]+)=([\s\S]*)$/.exec(w);
      if (eq) return `${eq[1]}=${PLAIN.test(eq[2]!) && eq[2] !== '' ? eq[2] : quote(eq[2]!)}`;
      return quote(w);
    })
    .join(' ');
}
