/**
 * The whole status screen, as a pure component: header, connection line,
 * body (the row list, or the details / help pane) and footer. Everything it
 * shows comes in through props; src/status/app.tsx feeds it.
 *
 * @example
 *   renderToString(<StatusView status={status} rows={buildRows(status)} state={initialViewState()} width={80} height={24} color={false} connection={{ lastGoodAt: new Date() }} intervalMs={2000} />, { columns: 80 });
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { ClusterStatus } from '../../pacemaker/status-model.js';
import { connectionSegments, type ConnectionInfo } from '../connection.js';
import { detailLines, type DetailsExtra } from '../details.js';
import { helpLines } from '../keys.js';
import { wrapSegments } from '../layout.js';
import { headerLines, type HeaderInfo, type Row, type Segment } from '../rows.js';
import { selectedRow, type ViewState } from '../state.js';
import { Footer, footerLines } from './Footer.js';
import { Pane } from './Pane.js';
import { RowList } from './RowList.js';
import { SegmentText } from './SegmentText.js';

export interface StatusViewProps {
  /** the last good status; undefined until the first refresh succeeds */
  status?: ClusterStatus;
  /** the visible rows (already filtered) */
  rows: readonly Row[];
  state: ViewState;
  header?: HeaderInfo;
  connection: ConnectionInfo;
  intervalMs: number;
  /** a CIB file is watched for changes */
  watching?: boolean;
  details?: DetailsExtra;
  width: number;
  height: number;
  color: boolean;
}

/** The header as screen lines at `width`: long lines (warnings) wrap, indented by two. */
export function headerScreenLines(status: ClusterStatus | undefined, header: HeaderInfo = {}, width = 80): Segment[][] {
  if (status === undefined) return [[{ text: 'hash status', tone: 'heading' }]];
  return headerLines(status, header).flatMap((l) => wrapSegments(l, width, 3, width - 2).map((w, i) => (i === 0 ? w : [{ text: '  ', tone: 'normal' as const }, ...w])));
}

/** The connection line at `width`: wraps once when an error message makes it long. */
export function connectionScreenLines(connection: ConnectionInfo, intervalMs: number, watching: boolean, width = 80): Segment[][] {
  return wrapSegments(connectionSegments(connection, intervalMs, watching), width, 2, width - 2).map((w, i) => (i === 0 ? w : [{ text: '  ', tone: 'normal' as const }, ...w]));
}

/** Lines the header takes for this status, with the connection line(s) (the app needs it to size the body). */
export function headerHeight(status: ClusterStatus | undefined, header: HeaderInfo = {}, width = 80, connectionLines = 1): number {
  return headerScreenLines(status, header, width).length + connectionLines;
}

/** Screen lines available to the body at a terminal size, given the footer's and the connection's lines. */
export function bodyHeight(status: ClusterStatus | undefined, header: HeaderInfo | undefined, height: number, footerHeight = 2, width = 80, connectionLines = 1): number {
  return Math.max(3, height - headerHeight(status, header, width, connectionLines) - footerHeight);
}

export function StatusView(props: StatusViewProps): React.JSX.Element {
  const { status, rows, state, header = {}, connection, width, height, color } = props;
  const foot = footerLines(state, width);
  const conn = connectionScreenLines(connection, props.intervalMs, props.watching ?? false, width);
  const body = bodyHeight(status, header, height, foot.length, width, conn.length);
  const head = headerScreenLines(status, header, width);
  let main: React.JSX.Element;
  if (state.mode === 'help') main = <Pane lines={helpLines()} scroll={state.paneScroll} height={body} width={width} color={color} />;
  else if (state.mode === 'details' && status !== undefined && selectedRow(state, rows)?.target !== undefined) {
    main = <Pane lines={detailLines(selectedRow(state, rows)!.target!, status, props.details)} scroll={state.paneScroll} height={body} width={width} color={color} />;
  } else if (status === undefined) {
    main = (
      <Box height={body}>
        <Text>{connection.failingSince !== undefined ? 'No cluster status yet.' : 'Reading the cluster status…'}</Text>
      </Box>
    );
  } else {
    main = (
      <RowList
        rows={rows}
        {...(state.selectedKey !== undefined ? { selectedKey: state.selectedKey } : {})}
        scroll={state.scroll}
        height={body}
        width={width}
        color={color}
        emptyText={state.filter ? `nothing matches "${state.filter}"` : 'nothing to show'}
      />
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {head.map((l, i) => (
        <SegmentText key={`h${i}`} segments={l} color={color} />
      ))}
      {conn.map((l, i) => (
        <SegmentText key={`c${i}`} segments={l} color={color} />
      ))}
      {main}
      <Footer lines={foot} color={color} />
    </Box>
  );
}
