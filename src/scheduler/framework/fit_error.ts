// upstream FitError.Error(): "0/N nodes are available: <count> <reason>, …." with the reasons
// histogram sorted as strings, then the PostFilter (preemption) message.

import type { Status } from './status.ts';

export const NoNodeAvailableMsg = (n: number): string => `0/${n} nodes are available`;

export function fitErrorMessage(numAllNodes: number, statuses: Map<string, Status>, preFilterMsg: string, postFilterMsg: string): string {
  let msg = `${NoNodeAvailableMsg(numAllNodes)}:`;
  if (preFilterMsg) msg += ` ${preFilterMsg}.`;
  else {
    const counts = new Map<string, number>();
    for (const st of statuses.values()) for (const r of st.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
    if (parts.length) msg += ` ${parts.join(', ')}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}
