/**
 * The scrolling body: section headings, nodes, the resource tree, failures…
 * The selected row is inverted, and also marked with `›` so it shows without
 * colour.
 *
 * @example
 *   <RowList rows={rows} selectedKey="node:n1" scroll={0} height={15} color />
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Row } from '../rows.js';
import { SegmentText } from './SegmentText.js';

export interface RowListProps {
  rows: readonly Row[];
  selectedKey?: string;
  scroll: number;
  height: number;
  color: boolean;
  /** shown when no row is visible (e.g. the filter matches nothing) */
  emptyText?: string;
}

export function RowList({ rows, selectedKey, scroll, height, color, emptyText }: RowListProps): React.JSX.Element {
  const shown = rows.slice(scroll, scroll + height);
  const more = rows.length - scroll - shown.length;
  return (
    <Box flexDirection="column" height={height}>
      {shown.length === 0 && emptyText !== undefined ? <Text dimColor={color}>{emptyText}</Text> : null}
      {shown.map((r, i) => {
        const selected = r.key === selectedKey;
        const last = i === shown.length - 1 && more > 0;
        const indent = r.depth === 0 ? '' : `${'  '.repeat(r.depth - 1)}${selected ? '› ' : '  '}`;
        return last ? (
          <Text key={r.key} dimColor={color}>
            {`  … ${more + 1} more (PgDn)`}
          </Text>
        ) : (
          <SegmentText key={r.key} segments={r.segments} color={color} inverse={selected} prefix={indent} />
        );
      })}
    </Box>
  );
}
