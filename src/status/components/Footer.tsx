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
import type { Segment } from '../rows.js';
import type { ViewState } from '../state.js';
import type { Tone } from '../theme.js';
import { SegmentText } from './SegmentText.js';

const seg = (text: string, tone: Tone = 'normal'): Segment => ({ text, tone });

/**
 * Break `segs` into lines of at most `width` characters, at spaces where it
 * can (a command stays readable and copyable), cutting only words longer
 * than a line. Past `maxLines`, the last line ends in `…`.
 */
export function wrapSegments(segs: readonly Segment[], width: number, maxLines = Infinity): Segment[][] {
  const w = Math.max(10, width);
  const lines: Segment[][] = [[]];
  let used = 0;
  const put = (text: string, tone: Tone): void => {
    lines[lines.length - 1]!.push(seg(text, tone));
    used += text.length;
  };
  const newline = (): void => {
    lines.push([]);
    used = 0;
  };
  for (const s of segs) {
    let rest = s.text;
    while (rest.length > 0) {
      const room = w - used;
      if (room <= 0) newline();
      else if (rest.length <= room) {
        put(rest, s.tone);
        rest = '';
      } else {
        const sp = rest.lastIndexOf(' ', room - 1);
        if (sp >= 0) {
          put(rest.slice(0, sp + 1), s.tone);
          rest = rest.slice(sp + 1);
          newline();
        } else if (used > 0) newline();
        else {
          put(rest.slice(0, room), s.tone);
          rest = rest.slice(room);
          newline();
        }
      }
    }
  }
  if (lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();
  if (lines.length > maxLines) {
    const cut = lines.slice(0, maxLines);
    const last = cut[maxLines - 1]!;
    const t = last[last.length - 1];
    if (t !== undefined) last[last.length - 1] = seg(`${t.text.slice(0, Math.max(0, t.text.length - 1))}…`, t.tone);
    return cut;
  }
  return lines;
}

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
