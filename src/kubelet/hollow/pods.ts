// The pod side of hollow nodes: ONE shared pod informer (bound pods only, indexed by
// spec.nodeName) for every hollow node of the process, a work queue of pod keys, and a few
// workers that compute each pod's simulated status (simulate.ts) and write it through
// pods/status when it changed. Keys are de-duplicated while queued, so bursts of changes to a pod
// become one write; writes share one process-wide token bucket. Deleted pods are stopped, then
// removed with gracePeriodSeconds=0 after min(grace, deletionStopSeconds).

import type { Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import type { TokenBucket } from '../../client/flowcontrol.ts';
import type { ResourceRef } from '../../client/request.ts';
import { isNotFound } from '../../client/status.ts';
import { resources } from '../../client/typed.ts';
import { DeletedFinalStateUnknown, NodeNameIndex, metaNamespaceKey, nodeNameIndexFunc } from '../../client/cache/store.ts';
import type { SharedInformer } from '../../client/cache/informer.ts';
import type { SharedInformerFactory } from '../../client/cache/factory.ts';
import { ItemExponentialFailureRateLimiter } from '../../client/workqueue/ratelimiter.ts';
import { RateLimitingQueue } from '../../client/workqueue/ratelimiting.ts';
import type { NodeClients } from './clients.ts';
import { podBehaviour } from './config.ts';
import type { HollowConfig, PodBehaviour } from './config.ts';
import { nodeInternalIP, nodePodCIDR, podIPInCIDR } from './node.ts';
import { simulatePod } from './simulate.ts';

/** What a hollow node needs to run pods. */
export interface HollowNodeInfo {
  name: string;
  index: number;
  hostIP: string;
  podCIDR: string;
  /** Host numbers 1..254 of the pod CIDR in use. */
  ipsInUse: Uint8Array;
  nextHost: number;
  stopped: boolean;
}

export function hollowNodeInfo(name: string, index: number): HollowNodeInfo {
  return { name, index, hostIP: nodeInternalIP(index), podCIDR: nodePodCIDR(index), ipsInUse: new Uint8Array(256), nextHost: 1, stopped: false };
}

interface PodRuntime {
  uid: string;
  node: HollowNodeInfo;
  admittedAt: number;
  behaviour: PodBehaviour;
  host: number | undefined;
  stoppedAt: number | undefined;
  /** The status last written (its JSON is recomputed to compare: keeping the text too costs ~1 kB a pod). */
  lastStatus: PodStatus | undefined;
  /** Terminal before this process saw it: left alone unless deleted. */
  settled: boolean;
  deleteSent: boolean;
}

export interface PodStats {
  statusWrites: number;
  statusErrors: number;
  deletes: number;
  /** Pods whose last written phase is Running (and Ready). */
  running: number;
  ready: number;
}

const KubeletConditions = new Set(['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled']);
const podRef = (ns: string, name: string, subresource?: string): ResourceRef => ({ version: 'v1', resource: 'pods', namespace: ns, name, subresource });

function annotationsEqual(a: Pod, b: Pod): boolean {
  const x = a.metadata?.annotations;
  const y = b.metadata?.annotations;
  if (x === y) return true;
  return JSON.stringify(x ?? {}) === JSON.stringify(y ?? {});
}

/** Whether an update event can change what the node does with the pod (our own status writes cannot). */
function needsSync(oldPod: Pod, newPod: Pod): boolean {
  if (oldPod.metadata?.uid !== newPod.metadata?.uid) return true;
  if (oldPod.metadata?.deletionTimestamp !== newPod.metadata?.deletionTimestamp) return true;
  if (oldPod.spec?.nodeName !== newPod.spec?.nodeName) return true;
  if ((newPod.spec?.readinessGates?.length ?? 0) > 0) return true;
  return !annotationsEqual(oldPod, newPod);
}

/**
 * Drops managedFields from a cached pod, in place (client-go's informer TransformFunc does the
 * same for kubelets at scale): the factory, and so this cache, is private to the hollow pool, and
 * managedFields are about a third of a pod's memory — 150,000 pods are held here.
 */
function trim(pod: Pod): void {
  if (pod.metadata?.managedFields) delete pod.metadata.managedFields;
}

export class HollowPodManager {
  readonly informer: SharedInformer<Pod>;
  readonly stats: PodStats = { statusWrites: 0, statusErrors: 0, deletes: 0, running: 0, ready: 0 };
  private readonly cfg: HollowConfig;
  private readonly clients: NodeClients;
  private readonly limiter: TokenBucket | undefined;
  private readonly nodes: Map<string, HollowNodeInfo>;
  private readonly runtimes = new Map<string, PodRuntime>();
  // Per pod back-off only, up to the kubelet status manager's 10 s resync: the controllers' default
  // adds a 10/s bucket for all retries, which — shared by every node of the process — left the
  // last few thousand pods of a 150,000-pod run waiting minutes after a burst of refused writes.
  private readonly queue = new RateLimitingQueue({ rateLimiter: new ItemExponentialFailureRateLimiter(100, 10_000) });
  private readonly onError: (err: unknown, what: string) => void;
  private workers: Promise<void>[] = [];

  constructor(o: {
    factory: SharedInformerFactory; clients: NodeClients; cfg: HollowConfig; limiter: TokenBucket | undefined;
    nodes: Map<string, HollowNodeInfo>; onError: (err: unknown, what: string) => void;
  }) {
    this.cfg = o.cfg;
    this.clients = o.clients;
    this.limiter = o.limiter;
    this.nodes = o.nodes;
    this.onError = o.onError;
    this.informer = o.factory.informerFor<Pod>(resources.pods, { indexers: { [NodeNameIndex]: nodeNameIndexFunc } });
    this.informer.addEventHandler({
      onAdd: (pod) => {
        trim(pod);
        if (this.ours(pod)) this.queue.add(metaNamespaceKey(pod));
      },
      onUpdate: (oldPod, newPod) => {
        trim(newPod);
        if (this.ours(newPod) && needsSync(oldPod, newPod)) this.queue.add(metaNamespaceKey(newPod));
      },
      onDelete: (obj) => {
        const key = obj instanceof DeletedFinalStateUnknown ? obj.key : metaNamespaceKey(obj);
        this.forgetPod(key);
      },
    });
  }

  private ours(pod: Pod): boolean {
    const n = pod.spec?.nodeName;
    return n !== undefined && this.nodes.has(n);
  }

  /** Starts the status workers (the informer is started by its factory). */
  run(): void {
    for (let i = 0; i < Math.max(1, this.cfg.statusWorkers); i++) this.workers.push(this.worker());
  }

  /** Queues every cached pod of a node (after it was registered or resumed). */
  resyncNode(name: string): void {
    for (const key of this.informer.indexer.indexKeys(NodeNameIndex, name)) this.queue.add(key);
  }

  async stop(): Promise<void> {
    this.queue.shutDown();
    await Promise.all(this.workers);
  }

  /** The pods bound to one hollow node, from the shared cache. */
  podsOn(name: string): Pod[] {
    return this.informer.indexer.byIndex(NodeNameIndex, name);
  }

  private async worker(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      // Stopping: the queue still hands out what was queued; none of it is worth a request now.
      if (this.queue.shuttingDown()) { this.queue.done(key); continue; }
      try {
        await this.sync(key);
        this.queue.forget(key);
      } catch (err) {
        this.stats.statusErrors++;
        if (!this.queue.shuttingDown()) {
          this.onError(err, `sync pod ${key}`);
          this.queue.addRateLimited(key);
        }
      } finally {
        this.queue.done(key);
      }
    }
  }

  private forgetPod(key: string): void {
    const rt = this.runtimes.get(key);
    if (!rt) return;
    this.runtimes.delete(key);
    if (rt.host !== undefined) rt.node.ipsInUse[rt.host] = 0;
    this.countPhase(rt.lastStatus, undefined);
  }

  private allocateHost(node: HollowNodeInfo): number | undefined {
    for (let i = 0; i < 254; i++) {
      const h = ((node.nextHost - 1 + i) % 254) + 1;
      if (!node.ipsInUse[h]) {
        node.ipsInUse[h] = 1;
        node.nextHost = (h % 254) + 1;
        return h;
      }
    }
    return undefined;
  }

  private newRuntime(pod: Pod, node: HollowNodeInfo): PodRuntime {
    const st = pod.status ?? {};
    const started = st.startTime ? Date.parse(st.startTime) : NaN;
    let host: number | undefined;
    // A pod this node ran before (the process restarted) keeps its IP.
    const prefix = node.podCIDR.replace(/0\/24$/, '');
    if (st.podIP?.startsWith(prefix)) {
      const h = Number(st.podIP.slice(prefix.length));
      if (h >= 1 && h <= 254 && !node.ipsInUse[h]) { node.ipsInUse[h] = 1; host = h; }
    }
    return {
      uid: pod.metadata?.uid ?? '', node, admittedAt: Number.isFinite(started) ? started : Date.now(),
      behaviour: podBehaviour(pod, this.cfg), host, stoppedAt: undefined, lastStatus: undefined,
      settled: st.phase === 'Succeeded' || st.phase === 'Failed', deleteSent: false,
    };
  }

  private countPhase(before: PodStatus | undefined, after: PodStatus | undefined): void {
    const running = (s: PodStatus | undefined): number => (s?.phase === 'Running' ? 1 : 0);
    const ready = (s: PodStatus | undefined): number => (s?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 1 : 0);
    this.stats.running += running(after) - running(before);
    this.stats.ready += ready(after) - ready(before);
  }

  /** The previous status: our last write for the kubelet's conditions, the cache for others'. */
  private previous(pod: Pod, rt: PodRuntime): PodStatus | undefined {
    const cached = pod.status;
    if (!rt.lastStatus) return cached;
    const foreign: PodCondition[] = (cached?.conditions ?? []).filter((c) => !KubeletConditions.has(c.type));
    const own = (rt.lastStatus.conditions ?? []).filter((c) => KubeletConditions.has(c.type));
    return { ...rt.lastStatus, conditions: [...own, ...foreign], qosClass: cached?.qosClass ?? rt.lastStatus.qosClass };
  }

  private async sync(key: string): Promise<void> {
    const pod = this.informer.indexer.getByKey(key);
    if (!pod) { this.forgetPod(key); return; }
    const node = this.nodes.get(pod.spec?.nodeName ?? '');
    if (!node || node.stopped) return;
    let rt = this.runtimes.get(key);
    if (rt && rt.uid !== (pod.metadata?.uid ?? '')) { this.forgetPod(key); rt = undefined; }
    if (!rt) { rt = this.newRuntime(pod, node); this.runtimes.set(key, rt); }
    else if (!rt.stoppedAt && !pod.metadata?.deletionTimestamp) rt.behaviour = podBehaviour(pod, this.cfg);
    const deleting = pod.metadata?.deletionTimestamp !== undefined;
    if (rt.settled && !deleting) return;
    const now = Date.now();
    if (deleting) rt.stoppedAt ??= now;
    if (rt.host === undefined && !rt.settled) rt.host = this.allocateHost(node);
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const client = this.clients.forNode(node.name);

    if (!rt.settled) {
      const res = simulatePod({
        pod, behaviour: rt.behaviour, admittedAt: rt.admittedAt, stoppedAt: rt.stoppedAt,
        backoff: { initialMs: this.cfg.crashLoopBackOff.initialSeconds * 1000, maxMs: this.cfg.crashLoopBackOff.maxSeconds * 1000 },
        hostIP: node.hostIP, podIP: rt.host !== undefined ? podIPInCIDR(node.podCIDR, rt.host) : undefined,
        previous: this.previous(pod, rt), now,
      });
      if (rt.lastStatus === undefined || JSON.stringify(res.status) !== JSON.stringify(rt.lastStatus)) {
        await this.limiter?.accept();
        try {
          await client.patch<Pod>(podRef(ns, name, 'status'), 'merge', { metadata: { uid: rt.uid }, status: res.status });
        } catch (err) {
          if (isNotFound(err)) { this.forgetPod(key); return; }
          throw err;
        }
        this.stats.statusWrites++;
        this.countPhase(rt.lastStatus, res.status);
        rt.lastStatus = res.status;
      }
      if (!deleting && res.nextAt !== undefined) this.queue.addAfter(key, Math.max(1, res.nextAt - Date.now()));
    }

    if (deleting && !rt.deleteSent) {
      const grace = pod.metadata?.deletionGracePeriodSeconds ?? 30;
      const deleteAt = (rt.stoppedAt ?? now) + Math.min(grace, this.cfg.deletionStopSeconds) * 1000;
      const wait = deleteAt - Date.now();
      if (wait > 0) { this.queue.addAfter(key, wait); return; }
      await this.limiter?.accept();
      try {
        await client.delete(podRef(ns, name), { gracePeriodSeconds: 0, preconditions: { uid: rt.uid } });
        this.stats.deletes++;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      rt.deleteSent = true;
    }
  }
}
