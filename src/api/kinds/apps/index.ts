// apps/v1.

import type { ResourceType } from '../../registry.ts';
import { controllerRevisions, daemonSets, statefulSets } from './others.ts';
import { deployments, replicaSets } from './workloads.ts';

export function appsTypes(): ResourceType[] {
  return [controllerRevisions, daemonSets, deployments, replicaSets, statefulSets];
}
