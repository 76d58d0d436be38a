// The node lifecycle controller (upstream pkg/controller/nodelifecycle): every nodeMonitorPeriod it
// looks at each node's Lease in kube-node-lease and its Ready heartbeat; a node silent for longer
// than the grace period has its conditions set to Unknown ("Kubelet stopped posting node
// status."), its pods marked NotReady, and gets the unreachable (or not-ready) NoSchedule taint at
// once and the NoExecute taint through a per-zone rate limiter (--node-eviction-rate, the
// secondary rate when a zone is unhealthy). The taint manager then evicts the pods after their
// tolerationSeconds. A node that recovers loses the taints.

import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node, NodeCondition, Pod } from 'kubernetes-types/core/v1.js';
import type { EventRecorder, ResourceClient, SharedInformer } from '../../client/index.ts';
import { NodeNameIndex, TokenBucket, clientFor, isNotFound, nodeNameIndexFunc, resources } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { ReconcileLoop } from '../common/loop.ts';
import { canonical } from '../endpoint/podaddress.ts';
import { NoExecuteTaintManager } from './taintmanager.ts';
import { TaintNodeNotReady, TaintNodeUnreachable, readyCondition, taintKeyFor, withLifecycleTaint, zoneOf } from './taints.ts';

export interface NodeLifecycleOptions {
  /** --node-monitor-grace-period (40 s). */
  nodeMonitorGracePeriodMs?: number;
  /** --node-monitor-period (5 s). */
  nodeMonitorPeriodMs?: number;
  /** --node-startup-grace-period (60 s): grace for a node that never posted status. */
  nodeStartupGracePeriodMs?: number;
  /** --node-eviction-rate (0.1 nodes/s per zone). */
  evictionRate?: number;
  /** --secondary-node-eviction-rate (0.01 nodes/s) when a zone is partially disrupted. */
  secondaryEvictionRate?: number;
  /** --unhealthy-zone-threshold (0.55). */
  unhealthyZoneThreshold?: number;
  /** --large-cluster-size-threshold (50): smaller zones stop evicting when unhealthy. */
  largeClusterSizeThreshold?: number;
  now?: () => number;
}

const LeaseNamespace = 'kube-node-lease';
const StatusConditions = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

interface Health {
  /** Local time we last saw the node alive (lease renewed or heartbeat changed). */
  probe: number;
  renewTime?: string;
  heartbeat?: string;
}

type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

function iso(ms: number): string { return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z'); }

export class NodeLifecycleController implements Controller {
  readonly loop: ReconcileLoop;
  readonly taintManager: NoExecuteTaintManager;
  private readonly nodes: SharedInformer<Node>;
  private readonly leases: SharedInformer<Lease>;
  private readonly pods: SharedInformer<Pod>;
  private readonly nodeClient: ResourceClient<Node>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;
  private readonly o: Required<NodeLifecycleOptions>;
  private readonly health = new Map<string, Health>();
  private readonly limiters = new Map<string, { bucket: TokenBucket | undefined; rate: number }>();
  readonly zoneStates = new Map<string, ZoneState>();

  constructor(ctx: ControllerContext, opts: NodeLifecycleOptions = {}) {
    this.o = {
      nodeMonitorGracePeriodMs: 40_000, nodeMonitorPeriodMs: 5_000, nodeStartupGracePeriodMs: 60_000,
      evictionRate: 0.1, secondaryEvictionRate: 0.01, unhealthyZoneThreshold: 0.55, largeClusterSizeThreshold: 50, now: Date.now,
      ...opts,
    };
    const c = clientFor(ctx.rest);
    this.nodeClient = c.resource<Node>(resources.nodes);
    this.podClient = c.resource<Pod>(resources.pods);
    this.recorder = ctx.recorder('node-controller');
    this.nodes = ctx.informers.informerFor<Node>(resources.nodes);
    this.leases = ctx.informers.informerFor<Lease>(resources.leases);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods, { indexers: { [NodeNameIndex]: nodeNameIndexFunc } });
    this.taintManager = new NoExecuteTaintManager(ctx, this.recorder, this.o.now);
    this.loop = new ReconcileLoop({ name: 'node_lifecycle_controller', reconcile: () => this.monitor(), metrics: ctx.metrics });
  }

  run(workers: number): void {
    this.loop.start(1);
    this.loop.add('monitor');
    this.taintManager.loop.start(Math.max(1, workers));
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.taintManager.loop.stop();
  }

  /** One monitorNodeHealth pass over every node. */
  async monitor(): Promise<{ requeueAfter: number }> {
    const now = this.o.now();
    const nodes = this.nodes.indexer.list();
    const names = new Set(nodes.map((n) => n.metadata?.name ?? ''));
    for (const k of [...this.health.keys()]) if (!names.has(k)) this.health.delete(k);
    const errors: unknown[] = [];
    const current: Node[] = [];
    for (const n of nodes) {
      try {
        current.push(await this.checkNode(n, now));
      } catch (err) {
        if (!isNotFound(err)) errors.push(err);
      }
    }
    this.updateZones(current);
    for (const n of current) {
      try {
        await this.reconcileTaints(n, now);
        if (readyCondition(n)?.status !== 'True') await this.markPodsNotReady(n, now);
      } catch (err) {
        if (!isNotFound(err)) errors.push(err);
      }
    }
    if (errors[0] !== undefined) throw errors[0];
    return { requeueAfter: this.o.nodeMonitorPeriodMs };
  }

  /** Upstream tryUpdateNodeHealth: refresh the probe time; past the grace period, conditions become Unknown. */
  private async checkNode(n: Node, now: number): Promise<Node> {
    const name = n.metadata?.name ?? '';
    const lease = this.leases.indexer.getByKey(`${LeaseNamespace}/${name}`);
    const ready = readyCondition(n);
    let h = this.health.get(name);
    if (!h) {
      h = { probe: now, renewTime: lease?.spec?.renewTime, heartbeat: ready?.lastHeartbeatTime };
      this.health.set(name, h);
    }
    if (lease?.spec?.renewTime && lease.spec.renewTime !== h.renewTime) { h.renewTime = lease.spec.renewTime; h.probe = now; }
    if (ready?.lastHeartbeatTime && ready.lastHeartbeatTime !== h.heartbeat) { h.heartbeat = ready.lastHeartbeatTime; h.probe = now; }
    const grace = ready ? this.o.nodeMonitorGracePeriodMs : this.o.nodeStartupGracePeriodMs;
    if (now < h.probe + grace) return n;
    const t = iso(now);
    const conditions: NodeCondition[] = [...(n.status?.conditions ?? [])];
    let changed = false;
    for (const type of StatusConditions) {
      const i = conditions.findIndex((c) => c.type === type);
      const cur = i >= 0 ? conditions[i] : undefined;
      if (cur?.status === 'Unknown') continue;
      const never = cur === undefined;
      const next: NodeCondition = {
        type, status: 'Unknown',
        reason: never ? 'NodeStatusNeverUpdated' : 'NodeStatusUnknown',
        message: never ? 'Kubelet never posted node status.' : 'Kubelet stopped posting node status.',
        lastHeartbeatTime: cur?.lastHeartbeatTime ?? n.metadata?.creationTimestamp ?? t,
        lastTransitionTime: t,
      };
      if (i >= 0) conditions[i] = next; else conditions.push(next);
      changed = true;
    }
    if (!changed) return n;
    const updated = await this.nodeClient.updateStatus({ ...n, status: { ...n.status, conditions } });
    return updated;
  }

  /** Upstream handleDisruption: each zone's state from the share of its nodes that are not Ready. */
  private updateZones(nodes: Node[]): void {
    const counts = new Map<string, { ready: number; notReady: number }>();
    for (const n of nodes) {
      const z = zoneOf(n);
      const c = counts.get(z) ?? { ready: 0, notReady: 0 };
      if (readyCondition(n)?.status === 'True') c.ready++; else c.notReady++;
      counts.set(z, c);
    }
    for (const [z, c] of counts) {
      const total = c.ready + c.notReady;
      let state: ZoneState = 'Normal';
      if (c.ready === 0 && c.notReady > 0) state = 'FullDisruption';
      else if (c.notReady > 2 && c.notReady / total >= this.o.unhealthyZoneThreshold) state = 'PartialDisruption';
      this.zoneStates.set(z, state);
      // Upstream: a partially disrupted zone evicts at the secondary rate (0 if small); a fully
      // disrupted zone at the normal rate, unless every zone is fully disrupted.
      let rate = this.o.evictionRate;
      if (state === 'PartialDisruption') rate = total > this.o.largeClusterSizeThreshold ? this.o.secondaryEvictionRate : 0;
      this.setRate(z, rate);
    }
    for (const z of [...this.zoneStates.keys()]) if (!counts.has(z)) { this.zoneStates.delete(z); this.limiters.delete(z); }
    const all = [...this.zoneStates.values()];
    if (all.length > 0 && all.every((s) => s === 'FullDisruption')) for (const z of this.zoneStates.keys()) this.setRate(z, 0);
  }

  private setRate(zone: string, rate: number): void {
    const cur = this.limiters.get(zone);
    if (cur && cur.rate === rate) return;
    this.limiters.set(zone, { rate, bucket: rate > 0 ? new TokenBucket(rate, 1) : undefined });
  }

  /** NoSchedule at once; NoExecute through the zone's rate limiter (upstream doNoExecuteTaintingPass). */
  private async reconcileTaints(n: Node, now: number): Promise<void> {
    const key = taintKeyFor(n);
    const taints = n.spec?.taints ?? [];
    let next = withLifecycleTaint(taints, key, 'NoSchedule', iso(now));
    const hasNoExecute = next.some((t) => t.effect === 'NoExecute' && t.key === key);
    if (key && !hasNoExecute) {
      const lim = this.limiters.get(zoneOf(n));
      if (lim?.bucket?.tryAccept()) next = withLifecycleTaint(next, key, 'NoExecute', iso(now));
      else next = next.filter((t) => !(t.effect === 'NoExecute' && (t.key === TaintNodeNotReady || t.key === TaintNodeUnreachable)));
    } else {
      next = withLifecycleTaint(next, key, 'NoExecute', iso(now));
    }
    if (canonical(next) === canonical(taints)) return;
    const fresh = this.nodes.indexer.getByKey(n.metadata?.name ?? '') ?? n;
    const base = Number(fresh.metadata?.resourceVersion ?? 0) > Number(n.metadata?.resourceVersion ?? 0) ? fresh : n;
    const spec = { ...base.spec };
    if (next.length > 0) spec.taints = next; else delete spec.taints;
    await this.nodeClient.update({ ...base, spec });
    if (!key) this.recorder.event(n, 'Normal', 'NodeReady', `Node ${n.metadata?.name ?? ''} status is now: NodeReady`);
  }

  /** Upstream MarkPodsNotReady: the Ready condition of the node's pods goes False. */
  private async markPodsNotReady(n: Node, now: number): Promise<void> {
    const pods = this.pods.indexer.byIndex(NodeNameIndex, n.metadata?.name ?? '');
    let marked = 0;
    for (const p of pods) {
      const conds = p.status?.conditions ?? [];
      const ready = conds.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const conditions = conds.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: iso(now) } : c));
      try {
        await this.podClient.namespace(p.metadata?.namespace ?? '').updateStatus({ ...p, status: { ...p.status, conditions } });
        marked++;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    if (marked > 0) this.recorder.event(n, 'Normal', 'NodeNotReady', `Node ${n.metadata?.name ?? ''} status is now: NodeNotReady`);
  }
}
