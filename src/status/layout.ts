/**
 * How rows of segments become screen lines at a width: a line too long for
 * the terminal wraps at spaces (continuation lines indented under its text)
 * instead of being cut, so a failure's reason or a warning stays readable at
 * 80 columns and takes one line when the terminal is wide. Pure, so the
 * reducer can scroll by screen lines and the components draw the same lines.
 *
 * @example
 *   wrapSegments([{ text: 'a long failure reason …', tone: 'warn' }], 40);
 *   const lines = lineCounter(80);
 *   visibleRows(rows, 0, 18, lines); // { end: 12, more: 30 }
 */
import type { Row, Segment } from './rows.js';
import type { Tone } from './theme.js';

const seg = (text: string, tone: Tone = 'normal'): Segment => ({ text, tone });

/** Lines a row may take; past it, the last line ends in `…` (the details pane shows it all). */
export const MAX_ROW_LINES = 4;

/**
 * Break `segs` into lines of at most `width` characters (`restWidth` for the
 * lines after the first), at spaces of the whole text (a segment boundary is
 * not a place to break: "(unmanaged)" stays whole), cutting only words longer
 * than a line. The space a line breaks at is dropped. Past `maxLines`, the
 * last line ends in `…`.
 */
export function wrapSegments(segs: readonly Segment[], width: number, maxLines = Infinity, restWidth = width): Segment[][] {
  const first = Math.max(10, width);
  const rest = Math.max(10, restWidth);
  const text = segs.map((s) => s.text).join('');
  // [start, end) of each line in `text`
  const ranges: Array<[number, number]> = [];
  let pos = 0;
  while (pos < text.length || ranges.length === 0) {
    const room = ranges.length === 0 ? first : rest;
    if (text.length - pos <= room) {
      ranges.push([pos, text.length]);
      break;
    }
    const sp = text.lastIndexOf(' ', pos + room);
    if (sp > pos) {
      ranges.push([pos, sp]);
      pos = sp + 1;
    } else {
      ranges.push([pos, pos + room]);
      pos += room;
    }
  }
  const lines = ranges.map(([a, b]) => slice(segs, a, b));
  if (lines.length > maxLines) {
    const cut = lines.slice(0, maxLines);
    const last = cut[maxLines - 1]!;
    const t = last[last.length - 1];
    if (t !== undefined) last[last.length - 1] = seg(`${t.text.slice(0, Math.max(0, t.text.length - 1))}…`, t.tone);
    return cut;
  }
  return lines;
}

/** The segments covering characters [a, b) of their joined text. */
function slice(segs: readonly Segment[], a: number, b: number): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const s of segs) {
    const from = Math.max(a, at);
    const to = Math.min(b, at + s.text.length);
    if (from < to) out.push(seg(s.text.slice(from - at, to - at), s.tone));
    at += s.text.length;
    if (at >= b) break;
  }
  return out;
}

/** The text before a row: indentation by depth, and room for the selection mark `›`. */
export function rowPrefix(r: Row, selected: boolean): string {
  return r.depth === 0 ? '' : `${'  '.repeat(r.depth - 1)}${selected ? '› ' : '  '}`;
}

/** A row as screen lines at `width`: the first after its prefix, the others indented two more. */
export function rowLines(r: Row, width: number): Segment[][] {
  const indent = rowPrefix(r, false).length;
  return wrapSegments(r.segments, width - indent, MAX_ROW_LINES, width - indent - 2);
}

export type LineCount = (r: Row) => number;

/** How many screen lines each row takes at `width` (cached per row object: rows are rebuilt on refresh). */
export function lineCounter(width: number): LineCount {
  const cache = new WeakMap<Row, number>();
  return (r) => {
    let n = cache.get(r);
    if (n === undefined) {
      const len = rowPrefix(r, false).length + r.segments.reduce((a, s) => a + s.text.length, 0);
      n = len <= width ? 1 : rowLines(r, width).length;
      cache.set(r, n);
    }
    return n;
  };
}

export const ONE_LINE: LineCount = () => 1;

/**
 * The rows shown from `scroll` in `height` lines: up to `end` (exclusive),
 * and how many follow (then the last line says "… N more"). The first row is
 * always shown, even when taller than the body.
 */
export function visibleRows(rows: readonly Row[], scroll: number, height: number, lines: LineCount = ONE_LINE): { end: number; more: number } {
  let used = 0;
  let end = scroll;
  while (end < rows.length && used + lines(rows[end]!) <= height) used += lines(rows[end++]!);
  if (end >= rows.length) return { end: rows.length, more: 0 };
  // rows follow: keep the last line for "… N more"
  while (end > scroll + 1 && used + 1 > height) used -= lines(rows[--end]!);
  if (end === scroll) end = scroll + 1;
  return { end, more: rows.length - end };
}

/** The largest useful scroll: from there the last rows fill the body. */
export function maxScroll(rows: readonly Row[], height: number, lines: LineCount = ONE_LINE): number {
  let s = rows.length;
  let used = 0;
  while (s > 0 && used + lines(rows[s - 1]!) <= height) used += lines(rows[--s]!);
  return Math.min(s, Math.max(0, rows.length - 1));
}
