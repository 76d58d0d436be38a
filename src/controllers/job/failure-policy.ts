// spec.podFailurePolicy (upstream matchPodFailurePolicy): the first rule whose onExitCodes or
// onPodConditions requirement matches a failed pod decides: FailJob, FailIndex, Ignore or Count.

import type { PodFailurePolicy } from 'kubernetes-types/batch/v1.js';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';

export interface PolicyMatch {
  action: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
  /** Upstream's message for FailJob. */
  message: string;
}

function terminatedExit(s: ContainerStatus): number | undefined {
  return s.state?.terminated?.exitCode;
}

export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch | undefined {
  if (!policy) return undefined;
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  for (const [i, rule] of policy.rules.entries()) {
    const action = rule.action as PolicyMatch['action'];
    if (rule.onExitCodes) {
      const req = rule.onExitCodes;
      const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
      for (const s of statuses) {
        if (req.containerName && req.containerName !== s.name) continue;
        const code = terminatedExit(s);
        // Exit code 0 never matches (upstream: only failed containers count).
        if (code === undefined || code === 0) continue;
        const inValues = req.values.includes(code);
        if ((req.operator === 'In') === inValues) {
          return { action, message: `Container ${s.name} for pod ${ns}/${name} failed with exit code ${code} matching ${rule.action} rule at index ${i}` };
        }
      }
    }
    for (const pc of rule.onPodConditions ?? []) {
      const c = pod.status?.conditions?.find((x) => x.type === pc.type);
      if (c && c.status === (pc.status || 'True')) {
        return { action, message: `Pod ${ns}/${name} has condition ${pc.type} matching ${rule.action} rule at index ${i}` };
      }
    }
  }
  return undefined;
}
