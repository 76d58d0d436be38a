// Hollow (simulated) nodes: N kubelets in one process, like kwok or kubemark, talking to the real
// apiserver. Each registers its Node, renews its Lease, reports node status and runs the pods
// bound to it through a simulated lifecycle (see config.ts for the per-pod annotations).
// All nodes share ONE pod informer (indexed by spec.nodeName) and process-wide write limits.

import type { Pod, Taint } from 'kubernetes-types/core/v1.js';
import { SharedInformerFactory } from '../../client/cache/factory.ts';
import type { RestConfig } from '../../client/config.ts';
import { TokenBucket } from '../../client/flowcontrol.ts';
import { NodeClients } from './clients.ts';
import type { NodeIdentity } from './clients.ts';
import { resolveHollowConfig } from './config.ts';
import type { HollowConfig, HollowConfigInput } from './config.ts';
import { NodeHeartbeats } from './heartbeat.ts';
import type { HeartbeatStats } from './heartbeat.ts';
import { defaultCapacity, defaultZones } from './node.ts';
import type { NodeTemplate } from './node.ts';
import { HollowPodManager, hollowNodeInfo } from './pods.ts';
import type { HollowNodeInfo, PodStats } from './pods.ts';
import { usageFor } from './usage.ts';
import type { PodUsage } from './usage.ts';

export { Annotations, defaultHollowConfig, loadHollowConfig, resolveHollowConfig } from './config.ts';
export type { HollowConfig, HollowConfigInput } from './config.ts';
export type { NodeIdentity } from './clients.ts';
export {
  KubeletUserAgent, NodeUserPrefix, NodesGroup, generateNodeTokens, hollowNodeNames, nodeTokenFileText, nodeTokensFromUsers,
  nodesWithoutToken, tokenIdentity,
} from './tokens.ts';
export { usageFor } from './usage.ts';
export type { ContainerUsage, PodUsage } from './usage.ts';
export { KubeletVersion, ContainerRuntimeVersion } from './node.ts';

export interface HollowNodesOptions {
  count: number;
  /** Nodes are named <prefix>-<index> (default "hollow-node"). */
  namePrefix?: string;
  /** The first index (several hollow processes can share a cluster with disjoint ranges). */
  firstIndex?: number;
  /** Node capacity (= allocatable), e.g. { cpu: '4', memory: '16Gi', pods: '110' }. */
  capacity?: Record<string, string>;
  labels?: Record<string, string>;
  taints?: Taint[];
  /** topology.kubernetes.io/zone values, assigned round-robin (default zone-a, zone-b, zone-c). */
  zones?: string[];
  architecture?: string;
  /** Shorthand for config.statusQPS: pod status writes per second for the whole process. */
  statusQPS?: number;
  config?: HollowConfigInput;
  /** Per-node credentials (default: every node uses `config`). */
  identity?: NodeIdentity;
  onError?: (err: unknown, what: string) => void;
}

export interface HollowStats extends PodStats, HeartbeatStats {
  nodes: number;
}

export interface HollowNodes {
  nodes: string[];
  config: HollowConfig;
  /** Stops every node; deleteNodes also removes their Node and Lease objects. */
  stop(opts?: { deleteNodes?: boolean }): Promise<void>;
  /** Stops one node's kubelet: no more heartbeats or pod updates (to test node lifecycle). */
  stopNode(name: string): void;
  /** Simulated usage of a pod, with this process's usage factor. */
  usageFor(pod: Pod): PodUsage;
  /** The pods bound to a hollow node, from the shared cache. */
  podsOn(name: string): Pod[];
  stats(): HollowStats;
}

function defaultOnError(err: unknown, what: string): void {
  process.stderr.write(`hollow: ${what}: ${err instanceof Error ? err.message : String(err)}\n`);
}

function bucket(qps: number, burst: number): TokenBucket | undefined {
  return qps > 0 ? new TokenBucket(qps, Math.max(1, burst)) : undefined;
}

async function registerWithRetry(hb: NodeHeartbeats, name: string, index: number, tpl: NodeTemplate, signal: { stopped: boolean }): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await hb.register(name, index, tpl);
      return;
    } catch (err) {
      if (attempt >= 5 || signal.stopped) throw err;
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
  }
}

/** Starts `count` hollow nodes; resolves once every node is registered Ready and the pod cache is synced. */
export async function startHollowNodes(config: RestConfig, opts: HollowNodesOptions): Promise<HollowNodes> {
  const cfg = resolveHollowConfig({ ...opts.config, ...(opts.statusQPS !== undefined ? { statusQPS: opts.statusQPS } : {}) });
  const onError = opts.onError ?? defaultOnError;
  const prefix = opts.namePrefix ?? 'hollow-node';
  const first = opts.firstIndex ?? 0;
  const tpl: NodeTemplate = {
    capacity: { ...defaultCapacity, ...opts.capacity },
    labels: opts.labels ?? {},
    taints: opts.taints ?? [],
    zones: opts.zones ?? defaultZones,
    architecture: opts.architecture ?? 'amd64',
  };
  const infos = new Map<string, HollowNodeInfo>();
  for (let i = first; i < first + opts.count; i++) {
    const name = `${prefix}-${i}`;
    infos.set(name, hollowNodeInfo(name, i));
  }

  const clients = new NodeClients(config, opts.identity);
  const factory = new SharedInformerFactory(clients.shared, {
    // Unscheduled pods are no node's business.
    tweakListOptions: (o) => { o.fieldSelector = 'spec.nodeName!='; },
    onError: (err, name) => onError(err, `informer ${name}`),
  });
  const hb = new NodeHeartbeats(clients, cfg, bucket(cfg.heartbeatQPS, cfg.heartbeatQPS * 2), onError);
  const pods = new HollowPodManager({ factory, clients, cfg, limiter: bucket(cfg.statusQPS, cfg.statusBurst), nodes: infos, onError });
  const state = { stopped: false };

  const stop = async (o: { deleteNodes?: boolean } = {}): Promise<void> => {
    if (state.stopped) return;
    state.stopped = true;
    hb.stop();
    await pods.stop();
    await factory.shutdown();
    if (o.deleteNodes) await hb.deleteAll(cfg.registerConcurrency);
    clients.close();
  };

  try {
    factory.start();
    pods.run();
    const names = [...infos.keys()];
    let next = 0;
    const registrar = async (): Promise<void> => {
      while (next < names.length && !state.stopped) {
        const name = names[next++] as string;
        await registerWithRetry(hb, name, (infos.get(name) as HollowNodeInfo).index, tpl, state);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, cfg.registerConcurrency) }, registrar));
    await factory.waitForCacheSync();
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    nodes: [...infos.keys()],
    config: cfg,
    stop,
    stopNode: (name) => {
      const info = infos.get(name);
      if (!info) throw new Error(`no hollow node ${name}`);
      info.stopped = true;
      hb.stopNode(name);
    },
    usageFor: (pod) => usageFor(pod, cfg.pods.usageFactor),
    podsOn: (name) => pods.podsOn(name),
    stats: () => ({ nodes: infos.size, ...pods.stats, ...hb.stats }),
  };
}
