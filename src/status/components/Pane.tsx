/**
 * A scrollable page of lines: the details of a node or resource, or the help.
 *
 * @example
 *   <Pane lines={detailLines(target, status)} scroll={0} height={18} color />
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Segment } from '../rows.js';
import { SegmentText } from './SegmentText.js';

export interface PaneProps {
  lines: readonly Segment[][];
  scroll: number;
  height: number;
  color: boolean;
}

export function Pane({ lines, scroll, height, color }: PaneProps): React.JSX.Element {
  const top = Math.max(0, Math.min(scroll, Math.max(0, lines.length - height)));
  const shown = lines.slice(top, top + height);
  const more = lines.length - top - shown.length;
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
