/**
 * The scrolling body: section headings, nodes, the resource tree, failures…
 * A row longer than the width wraps onto indented continuation lines
 * (src/status/layout.ts), so nothing is cut at 80 columns and a wide
 * terminal shows each row on one line. The selected row is inverted, and
 * also marked with `›` so it shows without colour.
 *
 * @example
 *   <RowList rows={rows} selectedKey="node:n1" scroll={0} height={15} width={80} color />
 */
import React from 'react';
import { Box, Text } from 'ink';
import { lineCounter, rowLines, rowPrefix, visibleRows } from '../layout.js';
import type { Row } from '../rows.js';
import { SegmentText } from './SegmentText.js';

export interface RowListProps {
  rows: readonly Row[];
  selectedKey?: string;
  scroll: number;
  /** screen lines */
  height: number;
  width: number;
  color: boolean;
  /** shown when no row is visible (e.g. the filter matches nothing) */
  emptyText?: string;
}

export function RowList({ rows, selectedKey, scroll, height, width, color, emptyText }: RowListProps): React.JSX.Element {
  const { end, more } = visibleRows(rows, scroll, height, lineCounter(width));
  const shown = rows.slice(scroll, end);
  const out: React.JSX.Element[] = [];
  for (const r of shown) {
    const selected = r.key === selectedKey;
    const prefix = rowPrefix(r, selected);
    const lines = rowLines(r, width);
    lines.forEach((l, i) => {
      // a row taller than the whole body (only ever the first one shown) is cut to fit
      if (out.length >= height - (more > 0 ? 1 : 0) && out.length > 0) return;
      out.push(<SegmentText key={`${r.key}#${i}`} segments={l} color={color} inverse={selected} prefix={i === 0 ? prefix : ' '.repeat(prefix.length + 2)} />);
    });
  }
  return (
    <Box flexDirection="column" height={height}>
      {shown.length === 0 && emptyText !== undefined ? <Text dimColor={color}>{emptyText}</Text> : null}
      {out}
      {more > 0 ? <Text dimColor={color}>{`  … ${more} more (PgDn)`}</Text> : null}
    </Box>
  );
}
