/**
 * The two bottom lines: the filter box, the confirmation of an action (with
 * the exact command), the node chooser, or the last message and key hints.
 *
 * @example
 *   <Footer state={state} color />
 */
import React from 'react';
import { Box } from 'ink';
import { actionArgv, describeAction } from '../../pacemaker/actions.js';
import { showArgv } from '../connection.js';
import type { ViewState } from '../state.js';
import { SegmentText } from './SegmentText.js';

export interface FooterProps {
  state: ViewState;
  color: boolean;
}

export function Footer({ state, color }: FooterProps): React.JSX.Element {
  const lines: Array<Array<{ text: string; tone: 'normal' | 'dim' | 'warn' | 'error' | 'ok' | 'info' | 'heading' | 'accent' }>> = [];
  if (state.mode === 'confirm' && state.pending !== undefined) {
    lines.push([{ text: 'Run: ', tone: 'dim' }, { text: showArgv(actionArgv(state.pending)), tone: 'warn' }]);
    lines.push([{ text: `${describeAction(state.pending)}? `, tone: 'heading' }, { text: '[y]es / [n]o', tone: 'accent' }]);
  } else if (state.mode === 'choose' && state.choose !== undefined) {
    const c = state.choose;
    lines.push([
      { text: `${c.purpose === 'move' ? 'Move' : 'Ban'} ${c.resource} ${c.purpose === 'move' ? 'to' : 'from'}: `, tone: 'heading' },
      ...c.options.flatMap((o, i) => [{ text: i === c.index ? `[${o}]` : ` ${o} `, tone: i === c.index ? ('accent' as const) : ('normal' as const) }, { text: ' ', tone: 'normal' as const }]),
    ]);
    lines.push([{ text: '←/→ choose · Enter ok · Esc cancel', tone: 'dim' }]);
  } else if (state.mode === 'filter') {
    lines.push([{ text: '/', tone: 'accent' }, { text: `${state.filter}_`, tone: 'normal' }]);
    lines.push([{ text: 'type to filter nodes and resources · Enter keep · Esc clear', tone: 'dim' }]);
  } else {
    const m = state.message;
    lines.push(m !== undefined ? [{ text: m.text, tone: m.tone }] : [{ text: ' ', tone: 'normal' }]);
    const hint = state.mode === 'details' || state.mode === 'help' ? 'Esc back · ↑↓ scroll · q quit' : '? help · / filter · Enter details · s/o standby/online · c cleanup · q quit';
    lines.push([...(state.filter ? [{ text: `filter "${state.filter}" (Esc clears) · `, tone: 'info' as const }] : []), { text: hint, tone: 'dim' }]);
  }
  return (
    <Box flexDirection="column" height={2}>
      {lines.map((l, i) => (
        <SegmentText key={i} segments={l} color={color} />
      ))}
    </Box>
  );
}
