/**
 * A scrollable page of lines: the details of a node or resource, or the help.
 * Long lines wrap at the width, indented under their text.
 *
 * @example
 *   <Pane lines={detailLines(target, status)} scroll={0} height={18} width={80} color />
 */
import React from 'react';
import { Box, Text } from 'ink';
import { wrapSegments } from '../layout.js';
import type { Segment } from '../rows.js';
import { SegmentText } from './SegmentText.js';

export interface PaneProps {
  lines: readonly Segment[][];
  scroll: number;
  height: number;
  width: number;
  color: boolean;
}

/** The pane's lines as screen lines at `width` (a continuation keeps the line's own indentation, plus two). */
export function paneLines(lines: readonly Segment[][], width: number): Segment[][] {
  return lines.flatMap((l) => {
    const indent = /^ */.exec(l[0]?.text ?? '')![0].length;
    const wrapped = wrapSegments(l, width, Infinity, width - indent - 2);
    return wrapped.map((w, i) => (i === 0 ? w : [{ text: ' '.repeat(indent + 2), tone: 'normal' as const }, ...w]));
  });
}

export function Pane({ lines, scroll, height, width, color }: PaneProps): React.JSX.Element {
  const all = paneLines(lines, width);
  const top = Math.max(0, Math.min(scroll, Math.max(0, all.length - height)));
  const shown = all.slice(top, top + height);
  const more = all.length - top - shown.length;
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((l, i) =>
        i === shown.length - 1 && more > 0 ? (
          <Text key={i} dimColor={color}>{`  … ${more + 1} more lines (↓)`}</Text>
        ) : (
          <SegmentText key={i} segments={l.length ? l : [{ text: ' ', tone: 'normal' }]} color={color} />
        ),
      )}
    </Box>
  );
}
