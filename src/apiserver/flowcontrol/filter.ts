// The API Priority and Fairness filter (upstream's WithPriorityAndFairness), after authentication
// and authorization: classify the request, answer with the PF headers, then hold it until its
// priority level has a seat (or refuse it with 429). Exempt levels never wait. Long-running
// requests (watch, logs, exec, attach, port-forward, proxy) are classified but take no seat at
// all (upstream seats a watch while it sends its initial events; we do not).

import { ANONYMOUS } from '../../auth/types.ts';
import type { Filter } from '../filters/chain.ts';
import type { FlowControl } from './config.ts';
import type { Queue } from './queueset.ts';

export const FLOW_SCHEMA_UID_HEADER = 'X-Kubernetes-PF-FlowSchema-UID';
export const PRIORITY_LEVEL_UID_HEADER = 'X-Kubernetes-PF-PriorityLevel-UID';

export function withPriorityAndFairness(fc: FlowControl, isLongRunning: (method: string, path: string, watch: boolean) => boolean): Filter {
  return async (ex, next) => {
    const info = ex.requestInfo;
    const user = ex.user ?? ANONYMOUS;
    const c = fc.classify({
      user: user.name, groups: user.groups,
      verb: !info.isResourceRequest && info.verb === 'head' ? 'get' : info.verb,
      isResourceRequest: info.isResourceRequest, apiGroup: info.group, resource: info.resource,
      subresource: info.subresource, namespace: info.namespace, path: info.path,
    });
    if (c.flowSchema.uid) ex.setHeader(FLOW_SCHEMA_UID_HEADER, c.flowSchema.uid);
    if (c.level.uid) ex.setHeader(PRIORITY_LEVEL_UID_HEADER, c.level.uid);
    if (isLongRunning(ex.method, ex.path, info.verb === 'watch')) { await next(ex); return; }
    const level = c.level;
    const qs = level.queueSet;
    if (!qs) {
      level.exemptExecuting++;
      try { await next(ex); } finally { level.exemptExecuting--; }
      return;
    }
    const admitted = qs.admit(c.hash, (cancel) => ex.onClose(cancel));
    const q: Queue = admitted instanceof Promise ? await admitted : admitted;
    const started = qs.clock();
    try { await next(ex); } finally { qs.finish(q, started); }
  };
}
