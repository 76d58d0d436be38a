// The pod garbage collector (upstream pkg/controller/podgc): every gcCheckPeriod it deletes
// terminated pods beyond --terminated-pod-gc-threshold (oldest first), pods bound to nodes that no
// longer exist (after a quarantine, re-checked against the API) and unscheduled pods being deleted.

import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { ResourceClient, SharedInformer } from '../../client/index.ts';
import { clientFor, isNotFound, resources } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { ReconcileLoop } from '../common/loop.ts';

export interface PodGCOptions {
  /** Upstream --terminated-pod-gc-threshold (12500); 0 turns terminated-pod collection off. */
  terminatedPodThreshold?: number;
  /** Upstream gcCheckPeriod (20 s). */
  gcCheckPeriodMs?: number;
  /** Upstream quarantineTime (40 s): how long a node must be missing before its pods go. */
  quarantineMs?: number;
  now?: () => number;
}

const Key = 'podgc';

function isTerminated(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

export class PodGCController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly pods: SharedInformer<Pod>;
  private readonly nodes: SharedInformer<Node>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly nodeClient: ResourceClient<Node>;
  private readonly threshold: number;
  private readonly period: number;
  private readonly quarantine: number;
  private readonly now: () => number;
  /** Nodes seen missing, with when they were first seen missing. */
  private readonly missingSince = new Map<string, number>();

  constructor(ctx: ControllerContext, o: PodGCOptions = {}) {
    this.threshold = o.terminatedPodThreshold ?? 12500;
    this.period = o.gcCheckPeriodMs ?? 20_000;
    this.quarantine = o.quarantineMs ?? 40_000;
    this.now = o.now ?? Date.now;
    const c = clientFor(ctx.rest);
    this.podClient = c.resource<Pod>(resources.pods);
    this.nodeClient = c.resource<Node>(resources.nodes);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    this.nodes = ctx.informers.informerFor<Node>(resources.nodes);
    this.loop = new ReconcileLoop({ name: 'pod_garbage_collector', reconcile: () => this.gc(), metrics: ctx.metrics });
  }

  run(workers: number): void {
    void workers;
    this.loop.start(1);
    this.loop.add(Key);
  }

  stop(): Promise<void> { return this.loop.stop(); }

  async gc(): Promise<{ requeueAfter: number }> {
    const pods = this.pods.indexer.list();
    await this.gcTerminated(pods);
    await this.gcOrphaned(pods);
    await this.gcUnscheduledTerminating(pods);
    return { requeueAfter: this.period };
  }

  private async gcTerminated(pods: Pod[]): Promise<void> {
    if (this.threshold <= 0) return;
    const terminated = pods.filter((p) => isTerminated(p) && !p.metadata?.deletionTimestamp);
    const excess = terminated.length - this.threshold;
    if (excess <= 0) return;
    terminated.sort((a, b) => (Date.parse(a.metadata?.creationTimestamp ?? '') || 0) - (Date.parse(b.metadata?.creationTimestamp ?? '') || 0));
    await this.deleteAll(terminated.slice(0, excess), 'PodGC: terminated pod above the threshold', false);
  }

  private async gcOrphaned(pods: Pod[]): Promise<void> {
    const now = this.now();
    const bound = new Set<string>();
    for (const p of pods) if (p.spec?.nodeName) bound.add(p.spec.nodeName);
    for (const n of [...this.missingSince.keys()]) if (!bound.has(n) || this.nodes.indexer.getByKey(n)) this.missingSince.delete(n);
    const deleted = new Set<string>();
    for (const n of bound) {
      if (this.nodes.indexer.getByKey(n)) continue;
      const since = this.missingSince.get(n);
      if (since === undefined) { this.missingSince.set(n, now); continue; }
      if (now - since < this.quarantine) continue;
      // The cache may lag: ask the API before deleting (upstream checkIfNodeExists).
      try {
        await this.nodeClient.get(n);
        this.missingSince.delete(n);
        continue;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      deleted.add(n);
    }
    if (deleted.size === 0) return;
    const orphans = pods.filter((p) => p.spec?.nodeName && deleted.has(p.spec.nodeName));
    await this.deleteAll(orphans, 'PodGC: node no longer exists', true);
  }

  private async gcUnscheduledTerminating(pods: Pod[]): Promise<void> {
    const victims = pods.filter((p) => p.metadata?.deletionTimestamp && !p.spec?.nodeName);
    await this.deleteAll(victims, 'PodGC: unscheduled pod being deleted', false);
  }

  /** Deletes pods now; non-terminal ones are first marked Failed with a DisruptionTarget condition, as upstream. */
  // (upstream's role for podgc has no events rule: it records none.)
  private async deleteAll(pods: Pod[], message: string, markFailed: boolean): Promise<void> {
    const results = await Promise.allSettled(pods.map(async (p) => {
      const c = this.podClient.namespace(p.metadata?.namespace ?? '');
      const name = p.metadata?.name ?? '';
      try {
        if (markFailed && !isTerminated(p)) {
          const t = new Date(this.now()).toISOString().replace(/\.\d+Z$/, 'Z');
          await c.patch(name, 'strategic', {
            status: {
              phase: 'Failed',
              conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message, lastTransitionTime: t }],
            },
          }, { subresource: 'status' });
        }
        await c.delete(name, { gracePeriodSeconds: 0, preconditions: { uid: p.metadata?.uid } });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
