// For tests only: nodes, pods, a cache-backed snapshot and a Handle without an API server.

import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { SchedulerCache } from '../cache/cache.ts';
import { Snapshot } from '../cache/snapshot.ts';
import type { KubeSchedulerConfiguration } from '../config/types.ts';
import type { Handle, PodDisruptionBudgetLike } from '../framework/interface.ts';
import { Framework } from '../framework/runtime.ts';
import { newPodInfo } from '../framework/types.ts';
import type { PodInfo } from '../framework/types.ts';
import { inTreeRegistry } from '../plugins/registry.ts';
import { Nominator } from '../queue/nominator.ts';

export function makeNode(name: string, o: { cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; taints?: NonNullable<Node['spec']>['taints']; unschedulable?: boolean; images?: NonNullable<Node['status']>['images']; extra?: Record<string, string> } = {}): Node {
  const cap = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.extra };
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints, unschedulable: o.unschedulable }, status: { capacity: cap, allocatable: cap, images: o.images },
  };
}

let uid = 0;
export function makePod(name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, o: { labels?: Record<string, string>; namespace?: string; nodeName?: string; requests?: Record<string, string> } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', uid: `uid-${++uid}`, labels: o.labels, creationTimestamp: new Date(1_700_000_000_000 + uid * 1000).toISOString() },
    spec: { containers: [{ name: 'c', image: 'img', resources: o.requests ? { requests: o.requests } : undefined }], nodeName: o.nodeName, ...spec },
  };
}

export interface TestEnv {
  cache: SchedulerCache;
  snapshot: Snapshot;
  nominator: Nominator;
  handle: Omit<Handle, 'framework' | 'profileName'>;
  framework(cfg?: KubeSchedulerConfiguration['profiles']): Framework;
  /** Adds assigned pods to the cache (spec.nodeName set) and refreshes the snapshot. */
  addPods(...pods: Pod[]): void;
  pi(pod: Pod): PodInfo;
}

export function testEnv(nodes: Node[], o: { namespaces?: Record<string, Record<string, string>>; pdbs?: PodDisruptionBudgetLike[] } = {}): TestEnv {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n);
  const snapshot = new Snapshot();
  snapshot.update(cache);
  const nominator = new Nominator();
  const handle: Omit<Handle, 'framework' | 'profileName'> = {
    client: undefined, snapshot, nominator,
    namespaceLabels: (ns) => o.namespaces?.[ns],
    defaultSelectors: () => [],
    podDisruptionBudgets: () => o.pdbs ?? [],
  };
  return {
    cache, snapshot, nominator, handle,
    framework: (profiles) => {
      const f = new Framework(profiles?.[0] ?? {}, inTreeRegistry(), handle);
      f.nominatedFor = () => [];
      return f;
    },
    addPods: (...pods) => { for (const p of pods) cache.addPod(p); snapshot.update(cache); },
    pi: newPodInfo,
  };
}
