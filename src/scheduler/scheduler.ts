// The scheduler: informers feed the cache and the queue; one loop pops a pod, runs the
// scheduling cycle synchronously against the snapshot, assumes the pod on the chosen node and
// starts its binding cycle without waiting for it (upstream scheduler.go and schedule_one.go).

import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import { EventRecorder } from '../client/events.ts';
import type { SharedInformer } from '../client/cache/informer.ts';
import { SharedInformerFactory } from '../client/cache/factory.ts';
import { DeletedFinalStateUnknown } from '../client/cache/store.ts';
import type { RestClient } from '../client/rest.ts';
import { resources } from '../client/typed.ts';
import { Algorithm, FitError } from './algorithm.ts';
import { SchedulerCache } from './cache/cache.ts';
import { Snapshot } from './cache/snapshot.ts';
import { profilesOf } from './config/load.ts';
import type { KubeSchedulerConfiguration } from './config/types.ts';
import { CycleState } from './framework/interface.ts';
import type { ClusterEvent, QueuedPodInfo } from './framework/interface.ts';
import { Framework } from './framework/runtime.ts';
import { Code, Status } from './framework/status.ts';
import { newPodInfo, podKey, podPriority } from './framework/types.ts';
import type { PodInfo } from './framework/types.ts';
import { ClusterListers } from './informers.ts';
import { SchedulerMetrics } from './metrics.ts';
import { inTreeRegistry } from './plugins/registry.ts';
import type { Registry } from './plugins/registry.ts';
import { Nominator } from './queue/nominator.ts';
import { SchedulingQueue } from './queue/scheduling_queue.ts';
import type { QueueEvent } from './queue/scheduling_queue.ts';

export interface SchedulerOptions {
  client: RestClient;
  config?: KubeSchedulerConfiguration;
  registry?: Registry;
  /** Binding cycles in flight at most; the loop waits for one to finish beyond it (default 64). */
  maxInFlightBindings?: number;
  /** A separate client for Events, so event bursts do not crowd bindings (default: client). */
  eventClient?: RestClient;
  /** Events waiting to be written at most per profile; newer ones are dropped (default 10,000). */
  maxQueuedEvents?: number;
  /** Hostname for event sources. */
  host?: string;
  log?: (msg: string) => void;
}

function isAssigned(p: Pod): boolean { return !!p.spec?.nodeName; }
function isTerminal(p: Pod): boolean { return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed'; }

export class Scheduler {
  readonly cache = new SchedulerCache();
  readonly snapshot = new Snapshot();
  readonly nominator = new Nominator();
  readonly queue: SchedulingQueue;
  readonly profiles = new Map<string, Framework>();
  readonly metrics: SchedulerMetrics;
  readonly factory: SharedInformerFactory;
  private readonly client: RestClient;
  private readonly algorithm: Algorithm;
  private readonly recorders = new Map<string, EventRecorder>();
  private readonly listers: ClusterListers;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly nodeInformer: SharedInformer<Node>;
  private readonly log: (msg: string) => void;
  private readonly inFlightBindings = new Set<Promise<void>>();
  private readonly maxInFlightBindings: number;
  private stopped = false;
  private loopDone: Promise<void> | undefined;
  private cleanupTimer: NodeJS.Timeout | undefined;

  constructor(o: SchedulerOptions) {
    this.client = o.client;
    this.maxInFlightBindings = o.maxInFlightBindings ?? 96;
    this.log = o.log ?? ((m) => process.stderr.write(`scheduler: ${m}\n`));
    const cfg = o.config ?? {};
    this.algorithm = new Algorithm(cfg.percentageOfNodesToScore);
    this.factory = new SharedInformerFactory(o.client, { onError: (err, name) => this.log(`informer ${name}: ${err instanceof Error ? err.message : String(err)}`) });
    this.listers = new ClusterListers(this.factory);
    this.podInformer = this.factory.informerFor<Pod>(resources.pods);
    this.nodeInformer = this.factory.informerFor<Node>(resources.nodes);
    const registry = o.registry ?? inTreeRegistry();
    for (const profile of profilesOf(cfg)) {
      const fwk = new Framework(profile, registry, {
        client: o.client,
        snapshot: this.snapshot,
        nominator: this.nominator,
        namespaceLabels: (ns) => this.listers.namespaceLabels(ns),
        defaultSelectors: (pod) => this.listers.defaultSelectors(pod),
        podDisruptionBudgets: () => this.listers.podDisruptionBudgets(),
        recordEvent: (pod, type, reason, msg) => this.recorderFor(fwk.profileName).event(pod, type, reason, msg),
      });
      fwk.nominatedFor = (pi, nodeName) => this.nominatedPodsFor(pi, nodeName);
      this.profiles.set(fwk.profileName, fwk);
      // Events leave through a queue with one writer, off the binding path; a burst of 10,000
      // Scheduled events waits there (about 1 kB each) instead of competing with bindings.
      this.recorders.set(fwk.profileName, new EventRecorder({
        client: o.eventClient ?? o.client, component: fwk.profileName, host: o.host, onError: () => {},
        maxInFlightWrites: 1, maxQueuedEvents: o.maxQueuedEvents ?? 10_000,
      }));
    }
    const first = [...this.profiles.values()][0] as Framework;
    const events = new Map<string, ClusterEvent[]>();
    for (const f of this.profiles.values()) for (const [k, v] of f.eventsByPlugin()) events.set(k, [...(events.get(k) ?? []), ...v]);
    this.metrics = new SchedulerMetrics({
      pending: () => ({ ...this.queue.pendingCounts(), gated: 0 }),
      cache: () => ({ nodes: this.snapshot.list().length, pods: this.cache.podCount(), assumed_pods: 0 }),
    });
    this.queue = new SchedulingQueue({
      less: (a, b) => first.queueSort.less(a, b),
      eventsByPlugin: events,
      initialBackoffMs: (cfg.podInitialBackoffSeconds ?? 1) * 1000,
      maxBackoffMs: (cfg.podMaxBackoffSeconds ?? 10) * 1000,
      onIncoming: (queue, event) => this.metrics.queueIncomingPods.inc({ queue, event }),
    });
    this.addEventHandlers();
  }

  private recorderFor(profile: string): EventRecorder {
    return this.recorders.get(profile) as EventRecorder;
  }

  private nominatedPodsFor(pi: PodInfo, nodeName: string): PodInfo[] {
    if (this.nominator.size === 0) return noPods;
    const prio = podPriority(pi.pod);
    return this.nominator.nominatedPodsForNode(nodeName).filter((p) => p.key !== pi.key && podPriority(p.pod) >= prio);
  }

  private responsible(p: Pod): boolean { return this.profiles.has(p.spec?.schedulerName ?? 'default-scheduler'); }

  private move(resource: QueueEvent['resource'], action: QueueEvent['action']): void {
    this.queue.moveAllToActiveOrBackoffQueue({ resource, action, label: `${resource}${action}` });
  }

  private addEventHandlers(): void {
    const unwrap = <T>(o: T | DeletedFinalStateUnknown<T>): T => (o instanceof DeletedFinalStateUnknown ? o.obj : o);
    this.podInformer.addEventHandler({
      onAdd: (pod) => {
        if (isAssigned(pod)) {
          if (isTerminal(pod)) return;
          this.cache.addPod(pod);
          this.nominator.delete(podKey(pod));
          this.move('AssignedPod', 'Add');
        } else if (this.responsible(pod) && !isTerminal(pod)) {
          this.queue.add(pod);
          this.trackNomination(pod);
        }
      },
      onUpdate: (old, pod) => {
        if (isAssigned(pod)) {
          if (!isAssigned(old)) { this.queue.delete(pod); this.nominator.delete(podKey(pod)); }
          if (isTerminal(pod)) {
            this.cache.removePod(pod);
            this.move('AssignedPod', 'Delete');
            return;
          }
          this.cache.updatePod(old, pod);
          this.move('AssignedPod', 'Update');
        } else if (this.responsible(pod)) {
          if (isTerminal(pod) || pod.metadata?.deletionTimestamp) { this.queue.delete(pod); this.nominator.delete(podKey(pod)); return; }
          // A pod in flight (being scheduled or bound) is not re-queued.
          if (!this.cache.isAssumed(podKey(pod))) this.queue.update(pod);
          this.trackNomination(pod);
        }
      },
      onDelete: (obj) => {
        const pod = unwrap(obj);
        if (isAssigned(pod)) {
          this.cache.removePod(pod);
          this.move('AssignedPod', 'Delete');
        } else {
          this.queue.delete(pod);
          this.nominator.delete(podKey(pod));
        }
      },
    });
    this.nodeInformer.addEventHandler({
      onAdd: (node) => { this.cache.addNode(node); this.move('Node', 'Add'); },
      onUpdate: (old, node) => { this.cache.updateNode(old, node); this.move('Node', 'Update'); },
      onDelete: (obj) => { this.cache.removeNode(unwrap(obj)); },
    });
    this.listers.namespaces.addEventHandler({ onAdd: () => this.move('Namespace', 'Add'), onUpdate: () => this.move('Namespace', 'Update') });
  }

  private trackNomination(pod: Pod): void {
    const n = pod.status?.nominatedNodeName;
    if (n) this.nominator.add(newPodInfo(pod), n);
    else this.nominator.delete(podKey(pod));
  }

  /** Starts informers, waits for their first lists, then runs the scheduling loop. */
  async start(signal?: AbortSignal): Promise<void> {
    this.factory.start();
    await this.factory.waitForCacheSync(signal);
    if (this.stopped) return;
    this.queue.run();
    this.cleanupTimer = setInterval(() => {
      for (const key of this.cache.cleanupExpiredAssumedPods()) this.log(`assumed pod ${key} expired`);
    }, 1000);
    this.cleanupTimer.unref();
    this.loopDone = this.loop();
  }

  /** Events recorded but not yet written, and dropped because the queue was full. */
  eventBacklog(): { queued: number; dropped: number } {
    let queued = 0;
    let dropped = 0;
    for (const r of this.recorders.values()) { queued += r.queued; dropped += r.dropped; }
    return { queued, dropped };
  }

  /** Waits until every recorded event is written. */
  async flushEvents(): Promise<void> {
    await Promise.all([...this.recorders.values()].map((r) => r.flush()));
  }

  /** Whether informers have synced (for /readyz). */
  hasSynced(): boolean { return this.podInformer.hasSynced() && this.nodeInformer.hasSynced(); }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.close();
    if (this.cleanupTimer) clearInterval(this.cleanupTimer);
    await this.loopDone;
    await Promise.allSettled([...this.inFlightBindings]);
    await Promise.all([...this.recorders.values()].map((r) => r.flush()));
    await this.factory.shutdown();
  }

  private async loop(): Promise<void> {
    let lastYield = performance.now();
    while (!this.stopped) {
      const q = this.queue.tryPop() ?? (await this.queue.pop());
      if (!q || this.stopped) return;
      try {
        const p = this.scheduleOne(q);
        if (p) await p;
      } catch (err) {
        this.log(`scheduling ${q.podInfo.key}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      }
      // Bindings are HTTP/2 streams: bound them (client-go's QPS limit does this upstream).
      while (this.inFlightBindings.size >= this.maxInFlightBindings && !this.stopped) {
        await Promise.race(this.inFlightBindings);
        lastYield = performance.now();
      }
      // Let watch events and binding responses in between cycles.
      if (performance.now() - lastYield > 5) {
        await new Promise<void>((r) => setImmediate(r));
        lastYield = performance.now();
      }
    }
  }

  /** One scheduling cycle; returns a promise only when the failure path must be awaited. */
  scheduleOne(q: QueuedPodInfo): Promise<void> | undefined {
    const pi = q.podInfo;
    const pod = pi.pod;
    const fwk = this.profiles.get(pod.spec?.schedulerName ?? 'default-scheduler');
    if (!fwk || pod.metadata?.deletionTimestamp || this.cache.hasPod(pi.key)) return undefined;
    const cycle = this.queue.schedulingCycle;
    const start = performance.now();
    this.snapshot.update(this.cache);
    const state = new CycleState();
    const result = this.algorithm.schedulePod(fwk, state, pi, this.snapshot);
    this.metrics.algorithmDuration.observe((performance.now() - start) / 1000);
    if (result instanceof FitError || result instanceof Status) return this.handleFailure(fwk, state, q, result, cycle, start);
    // Assume: the cache counts the pod on the node right away so the next cycle sees it.
    const assumed: Pod = { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName: result.suggestedHost } };
    const api: PodInfo = { ...pi, pod: assumed };
    this.cache.assumePod(api);
    const rst = fwk.runReservePluginsReserve(state, api, result.suggestedHost);
    if (rst) {
      fwk.runReservePluginsUnreserve(state, api, result.suggestedHost);
      this.cache.forgetPod(pi.key);
      return this.handleFailure(fwk, state, q, rst, cycle, start);
    }
    const permit = fwk.runPermitPlugins(state, api, result.suggestedHost);
    if (permit.status && !permit.status.isWait()) {
      fwk.runReservePluginsUnreserve(state, api, result.suggestedHost);
      this.cache.forgetPod(pi.key);
      return this.handleFailure(fwk, state, q, permit.status, cycle, start);
    }
    this.nominator.delete(pi.key);
    const b = this.bindingCycle(fwk, state, q, api, result.suggestedHost, cycle, start, permit.status?.isWait() ? permit.timeoutMs : 0);
    this.inFlightBindings.add(b);
    void b.finally(() => this.inFlightBindings.delete(b));
    return undefined;
  }

  private async bindingCycle(fwk: Framework, state: CycleState, q: QueuedPodInfo, api: PodInfo, node: string, cycle: number, start: number, permitWaitMs: number): Promise<void> {
    const bindStart = performance.now();
    let st: Status | undefined;
    if (permitWaitMs > 0) st = new Status(Code.Unschedulable, ['pod rejected while waiting on permit: timed out']);
    st ??= await fwk.runPreBindPlugins(state, api, node);
    st ??= await fwk.runBindPlugins(state, api, node);
    this.metrics.extensionPointDuration.observe({ extension_point: 'Bind', status: st ? st.codeName() : 'Success', profile: fwk.profileName }, (performance.now() - bindStart) / 1000);
    if (st) {
      this.log(`binding ${api.key} to ${node}: ${st.message()}`);
      fwk.runReservePluginsUnreserve(state, api, node);
      this.cache.forgetPod(api.key);
      this.move('AssignedPod', 'Delete');
      await this.handleFailure(fwk, state, q, st, cycle, start, true);
      return;
    }
    this.cache.finishBinding(api.key);
    const secs = (performance.now() - start) / 1000;
    this.metrics.scheduleAttempts.inc({ result: 'scheduled', profile: fwk.profileName });
    this.metrics.attemptDuration.observe({ result: 'scheduled', profile: fwk.profileName }, secs);
    this.metrics.e2eDuration.observe({ result: 'scheduled', profile: fwk.profileName }, secs);
    this.metrics.podSchedulingAttempts.observe(q.attempts);
    if (q.initialAttemptTimestamp !== undefined) {
      this.metrics.podSchedulingSLIDuration.observe({ attempts: String(q.attempts) }, (Date.now() - q.initialAttemptTimestamp) / 1000);
    }
    const m = api.pod.metadata ?? {};
    this.recorderFor(fwk.profileName).event(withKind(api.pod), 'Normal', 'Scheduled', `Successfully assigned ${m.namespace ?? ''}/${m.name ?? ''} to ${node}`);
  }

  private async handleFailure(fwk: Framework, state: CycleState, q: QueuedPodInfo, err: FitError | Status, cycle: number, start: number, fromBinding = false): Promise<void> {
    const pi = q.podInfo;
    let reason = 'SchedulerError';
    let message: string;
    let nominatedNodeName: string | undefined;
    let result: 'unschedulable' | 'error' = 'error';
    if (err instanceof FitError) {
      reason = 'Unschedulable';
      result = 'unschedulable';
      q.unschedulablePlugins = err.unschedulablePlugins;
      if (fwk.postFilter.length && err.numAllNodes > 0) {
        this.metrics.preemptionAttempts.inc();
        const pf = await fwk.runPostFilterPlugins(state, pi, err.statuses);
        if (pf.status.isSuccess() || pf.status.isRejected()) {
          if (pf.status.message()) err.postFilterMsg = pf.status.message();
          nominatedNodeName = pf.result?.nominatedNodeName;
        } else this.log(`PostFilter for ${pi.key}: ${pf.status.message()}`);
      }
      message = err.message();
    } else if (err.isRejected()) {
      reason = 'Unschedulable';
      result = 'unschedulable';
      q.unschedulablePlugins = new Set(err.plugin ? [err.plugin] : []);
      message = err.message();
    } else {
      if (!fromBinding) this.log(`scheduling ${pi.key}: ${err.message()}`);
      message = fromBinding ? `Binding rejected: ${err.message()}` : err.message();
      q.unschedulablePlugins = new Set();
    }
    const secs = (performance.now() - start) / 1000;
    this.metrics.scheduleAttempts.inc({ result, profile: fwk.profileName });
    this.metrics.attemptDuration.observe({ result, profile: fwk.profileName }, secs);
    // The pod may have been deleted or bound meanwhile; requeue only the current one.
    const current = this.podInformer.indexer.getByKey(pi.key);
    if (!current || current.metadata?.uid !== pi.pod.metadata?.uid || isAssigned(current)) return;
    q.podInfo = newPodInfo(current);
    if (nominatedNodeName) this.nominator.add(q.podInfo, nominatedNodeName);
    this.queue.addUnschedulableIfNotPresent(q, cycle, result === 'error');
    this.recorderFor(fwk.profileName).event(withKind(current), 'Warning', 'FailedScheduling', message);
    await this.updatePodStatus(current, { type: 'PodScheduled', status: 'False', reason, message }, nominatedNodeName);
  }

  /** Sets PodScheduled=False (and nominatedNodeName) through pods/status, unless unchanged. */
  private async updatePodStatus(pod: Pod, cond: PodCondition, nominatedNodeName: string | undefined): Promise<void> {
    const conds = pod.status?.conditions ?? [];
    const old = conds.find((c) => c.type === cond.type);
    const nnnChanged = nominatedNodeName !== undefined && nominatedNodeName !== (pod.status?.nominatedNodeName ?? '');
    if (old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message && !nnnChanged) return;
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const next: PodCondition = { ...cond, lastProbeTime: null as unknown as string, lastTransitionTime: old && old.status === cond.status ? old.lastTransitionTime : now };
    const status: Record<string, unknown> = { conditions: [...conds.filter((c) => c.type !== cond.type), next] };
    if (nnnChanged) status.nominatedNodeName = nominatedNodeName || null;
    const m = pod.metadata ?? {};
    try {
      await this.client.patch({ group: '', version: 'v1', resource: 'pods', namespace: m.namespace, name: m.name, subresource: 'status' }, 'merge', { status });
    } catch (err) {
      this.log(`updating status of ${m.namespace ?? ''}/${m.name ?? ''}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

const noPods: PodInfo[] = [];

function withKind(p: Pod): Pod {
  return p.kind ? p : { ...p, kind: 'Pod', apiVersion: 'v1' };
}
