/**
 * One line of coloured segments, truncated to the width. With colour off
 * every segment is plain text: meaning is in the words, not in the colour.
 *
 * @example
 *   <SegmentText segments={[{ text: 'FAILED', tone: 'error' }]} color={true} />
 */
import React from 'react';
import { Text } from 'ink';
import type { Segment } from '../rows.js';
import { INK_COLORS } from '../theme.js';

export interface SegmentTextProps {
  segments: readonly Segment[];
  color: boolean;
  /** shown inverted (the selected row) */
  inverse?: boolean;
  prefix?: string;
}

export function SegmentText({ segments, color, inverse = false, prefix = '' }: SegmentTextProps): React.JSX.Element {
  return (
    <Text wrap="truncate-end" inverse={inverse && color}>
      {prefix}
      {segments.map((s, i) => {
        const st = color ? INK_COLORS[s.tone] : {};
        return (
          <Text key={i} {...(st.color !== undefined ? { color: st.color } : {})} bold={st.bold ?? false} dimColor={st.dim ?? false}>
            {s.text}
          </Text>
        );
      })}
    </Text>
  );
}
