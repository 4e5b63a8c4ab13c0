/**
 * What the view knows about the cluster between refreshes, as a pure step:
 * a good read replaces the status; a failed one keeps the last good status
 * and records since when the cluster has been unreachable.
 *
 * @example
 *   let d = initialPollState();
 *   d = nextPollState(d, await crmMon(ex, target), new Date());
 *   d.connection.failingSince; // set while crm_mon fails
 */
import type { CrmMonResult } from '../pacemaker/crm-mon.js';
import type { ClusterStatus } from '../pacemaker/status-model.js';
import type { ConnectionInfo } from './connection.js';

export interface PollState {
  status?: ClusterStatus;
  connection: ConnectionInfo;
  /** counts refreshes, so consumers can tell a new read from a re-render */
  generation: number;
}

export function initialPollState(): PollState {
  return { connection: { loading: true }, generation: 0 };
}

export function nextPollState(prev: PollState, r: CrmMonResult, now: Date): PollState {
  if (r.ok) return { status: r.status, connection: { lastGoodAt: now }, generation: prev.generation + 1 };
  return {
    ...(prev.status !== undefined ? { status: prev.status } : {}),
    connection: {
      ...(prev.connection.lastGoodAt !== undefined ? { lastGoodAt: prev.connection.lastGoodAt } : {}),
      failingSince: prev.connection.failingSince ?? now,
      error: r.error,
    },
    generation: prev.generation + 1,
  };
}
