// /debug/api_priority_and_fairness/dump_priority_levels: one line per priority level, as upstream.

import type { FlowControl } from './config.ts';

const HEADER = ['PriorityLevelName', 'ActiveQueues', 'IsIdle', 'IsQuiescing', 'WaitingRequests', 'ExecutingRequests',
  'DispatchedRequests', 'RejectedRequests', 'TimedoutRequests', 'CancelledRequests'];

export function dumpPriorityLevels(fc: FlowControl): string {
  const rows: string[][] = [HEADER];
  for (const l of fc.levels().sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!l.queueSet) {
      rows.push([l.name, '<none>', String(l.exemptExecuting === 0), 'false', '<none>', String(l.exemptExecuting), '<none>', '<none>', '<none>', '<none>']);
      continue;
    }
    const s = l.queueSet.snapshot();
    rows.push([l.name, String(s.activeQueues), String(s.executing === 0 && s.waiting === 0), 'false', String(s.waiting), String(s.executing),
      String(s.dispatched), String(s.rejected), String(s.timedOut), String(s.cancelled)]);
  }
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length + 1)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : `${cell},`.padEnd((widths[i] ?? 0) + 2))).join('').trimEnd()).join('\n') + '\n';
}
