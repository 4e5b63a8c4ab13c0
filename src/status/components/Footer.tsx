/**
 * The bottom lines: the confirmation of an action (the exact command, never
 * cut short: it wraps), the node chooser, the filter box, or the last message
 * and the key hints. `footerLines` is pure so the layout can size the body.
 *
 * @example
 *   <Footer lines={footerLines(state, 80)} color />
 */
import React from 'react';
import { Box } from 'ink';
import { actionArgv, describeAction } from '../../pacemaker/actions.js';
import { showArgv } from '../connection.js';
import { wrapSegments } from '../layout.js';
import type { Segment } from '../rows.js';
import type { ViewState } from '../state.js';
import type { Tone } from '../theme.js';
import { SegmentText } from './SegmentText.js';

const seg = (text: string, tone: Tone = 'normal'): Segment => ({ text, tone });

/** The footer's lines for this state at this width. */
export function footerLines(state: ViewState, width: number): Segment[][] {
  if (state.mode === 'confirm' && state.pending !== undefined) {
    return [
      ...wrapSegments([seg('Run: ', 'dim'), seg(showArgv(actionArgv(state.pending)), 'warn')], width),
      ...wrapSegments([seg(`${describeAction(state.pending)}? `, 'heading'), seg('[y]es/[n]o', 'accent')], width),
    ];
  }
  if (state.mode === 'choose' && state.choose !== undefined) {
    const c = state.choose;
    return [
      ...wrapSegments(
        [
          seg(`${c.purpose === 'move' ? 'Move' : 'Ban'} ${c.resource} ${c.purpose === 'move' ? 'to' : 'from'}: `, 'heading'),
          ...c.options.flatMap((o, i) => [seg(i === c.index ? `[${o}]` : ` ${o} `, i === c.index ? 'accent' : 'normal'), seg(' ')]),
        ],
        width,
        3,
      ),
      [seg('←/→ choose · Enter ok · Esc cancel', 'dim')],
    ];
  }
  if (state.mode === 'filter') {
    return [[seg('/', 'accent'), seg(`${state.filter}_`)], [seg('type to filter nodes and resources · Enter keep · Esc clear', 'dim')]];
  }
  const m = state.message;
  const msg = m !== undefined ? wrapSegments([seg(m.text, m.tone)], width, 3) : [[seg(' ')]];
  const hint =
    state.mode === 'details' || state.mode === 'help' ? 'Esc back · ↑↓ scroll · q quit' : '? help · / filter · Enter details · s/o standby/online · c cleanup · q quit';
  return [...msg, [...(state.filter ? [seg(`filter "${state.filter}" (Esc clears) · `, 'info')] : []), seg(hint, 'dim')]];
}

export interface FooterProps {
  lines: readonly Segment[][];
  color: boolean;
}

export function Footer({ lines, color }: FooterProps): React.JSX.Element {
  return (
    <Box flexDirection="column" height={lines.length}>
      {lines.map((l, i) => (
        <SegmentText key={i} segments={l} color={color} />
      ))}
    </Box>
  );
}
