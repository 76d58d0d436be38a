// The ReplicaSet controller (upstream pkg/controller/replicaset), also run as the
// ReplicationController controller: keeps spec.replicas active pods matching the selector,
// adopting orphans and releasing pods that stop matching, creating in slow-start batches and
// deleting the lowest-ranked pods first, with expectations so informer lag never doubles an action.

import type { Pod } from 'kubernetes-types/core/v1.js';
import type { EventRecorder, ResourceClient, SharedInformer } from '../../client/index.ts';
import {
  DeletedFinalStateUnknown, NamespaceIndex, clientFor, isConflict, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey,
} from '../../client/index.ts';
import { matches } from '../../api/selectors/labels.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { claimObjects, getControllerOf, newControllerRef, recheckOwner } from '../common/controller-ref.ts';
import { ControllerExpectations } from '../common/expectations.ts';
import { ReconcileLoop } from '../common/loop.ts';
import type { ReconcileResult } from '../common/loop.ts';
import { isPodActive, podKey, podsToDelete, slowStartBatch } from '../common/pods.ts';
import type { ReplicaKind, ReplicatedObject } from './kinds.ts';
import { calculateStatus, statusEqual } from './status.ts';

/** Upstream's BurstReplicas: at most this many creations or deletions per sync. */
export const BurstReplicas = 500;

export class ReplicaSetController implements Controller {
  readonly kind: ReplicaKind;
  readonly loop: ReconcileLoop;
  readonly expectations = new ControllerExpectations();
  private readonly rsInformer: SharedInformer<ReplicatedObject>;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly rsClient: ResourceClient<ReplicatedObject>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly recorder: EventRecorder;
  private readonly now: () => number;

  constructor(ctx: ControllerContext, kind: ReplicaKind, now: () => number = Date.now) {
    this.kind = kind;
    this.now = now;
    const c = clientFor(ctx.rest);
    this.rsClient = c.resource<ReplicatedObject>(kind.descriptor);
    this.podClient = c.resource<Pod>(resources.pods);
    this.recorder = ctx.recorder(kind.component);
    this.loop = new ReconcileLoop({ name: kind.queueName, reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.rsInformer = ctx.informers.informerFor<ReplicatedObject>(kind.descriptor);
    this.podInformer = ctx.informers.informerFor<Pod>(resources.pods);
    this.rsInformer.addEventHandler({
      onAdd: (o) => this.loop.add(metaNamespaceKey(o)),
      onUpdate: (_old, o) => this.loop.add(metaNamespaceKey(o)),
      onDelete: (o) => {
        const key = metaNamespaceKey(o);
        this.expectations.delete(key);
        this.loop.add(key);
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (p) => this.addPod(p),
      onUpdate: (old, p) => this.updatePod(old, p),
      onDelete: (p) => this.deletePod(p instanceof DeletedFinalStateUnknown ? p.obj : p),
    });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  /** The owner of a pod's controllerRef when it is one of ours, by key. */
  private ownerKey(p: Pod): string | undefined {
    const ref = getControllerOf(p);
    if (!ref || ref.kind !== this.kind.kind) return undefined;
    const ns = p.metadata?.namespace ?? '';
    const rs = this.rsInformer.indexer.getByKey(`${ns}/${ref.name}`);
    if (!rs || rs.metadata?.uid !== ref.uid) return undefined;
    return `${ns}/${ref.name}`;
  }

  /** Owners whose selector matches an orphan pod (they may adopt it). */
  private matchingKeys(p: Pod): string[] {
    const ns = p.metadata?.namespace ?? '';
    const out: string[] = [];
    for (const rs of this.rsInformer.indexer.list()) {
      if ((rs.metadata?.namespace ?? '') !== ns) continue;
      if (matches(this.kind.selector(rs), p.metadata?.labels)) out.push(metaNamespaceKey(rs));
    }
    return out;
  }

  private addPod(p: Pod): void {
    if (p.metadata?.deletionTimestamp) { this.deletePod(p); return; }
    const key = this.ownerKey(p);
    if (key) {
      this.expectations.creationObserved(key);
      this.loop.add(key);
      return;
    }
    if (!getControllerOf(p)) for (const k of this.matchingKeys(p)) this.loop.add(k);
  }

  private updatePod(old: Pod, p: Pod): void {
    if (old.metadata?.resourceVersion === p.metadata?.resourceVersion) return;
    if (p.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp) {
      // A pod being deleted counts as gone (upstream: the kubelet may take long to finish it).
      this.deletePod(p);
    }
    const oldKey = this.ownerKey(old);
    const key = this.ownerKey(p);
    if (oldKey && oldKey !== key) this.loop.add(oldKey);
    if (key) {
      this.loop.add(key);
      // Ready now but not yet available: look again once minReadySeconds have passed.
      return;
    }
    const labelsChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(p.metadata?.labels ?? {});
    if (!getControllerOf(p) && (labelsChanged || getControllerOf(old))) for (const k of this.matchingKeys(p)) this.loop.add(k);
  }

  private deletePod(p: Pod): void {
    const key = this.ownerKey(p);
    if (!key) return;
    this.expectations.deletionObserved(key, podKey(p));
    this.loop.add(key);
  }

  /** Level-based sync of one ReplicaSet (upstream syncReplicaSet). */
  async sync(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const rs = this.rsInformer.indexer.getByKey(key);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const selector = this.kind.selector(rs);
    const all = this.podInformer.indexer.byIndex(NamespaceIndex, namespace);
    const active = all.filter(isPodActive);
    const filtered = await claimObjects<Pod>(active, {
      owner: rs, apiVersion: this.kind.apiVersion, kind: this.kind.kind, selector,
      client: this.podClient,
      canAdopt: recheckOwner(() => this.rsClient.namespace(namespace).get(name), rs.metadata?.uid, `${this.kind.kind} ${key}`),
    });
    let manageError: unknown;
    if (needsSync && !rs.metadata?.deletionTimestamp) {
      try {
        await this.manageReplicas(key, filtered, all, rs);
      } catch (err) {
        manageError = err;
      }
    }
    const now = this.now();
    const status = calculateStatus(rs, filtered, manageError, now);
    let updated = rs;
    if (!statusEqual(rs.status, status)) {
      try {
        updated = await this.updateStatus(rs, status, filtered, manageError, now);
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
    }
    if (manageError !== undefined) throw manageError;
    const minReady = updated.spec?.minReadySeconds ?? 0;
    const replicas = updated.spec?.replicas ?? 1;
    if (minReady > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
      return { requeueAfter: minReady * 1000 };
    }
  }

  /** Writes status; on a conflict (someone scaled it meanwhile) retries once on a fresh copy, as upstream does. */
  private async updateStatus(rs: ReplicatedObject, status: ReturnType<typeof calculateStatus>, pods: Pod[], manageError: unknown, now: number): Promise<ReplicatedObject> {
    const c = this.rsClient.namespace(rs.metadata?.namespace ?? '');
    try {
      return await c.updateStatus({ ...rs, status });
    } catch (err) {
      if (!isConflict(err)) throw err;
      const fresh = await c.get(rs.metadata?.name ?? '');
      if (fresh.metadata?.uid !== rs.metadata?.uid) return fresh;
      return await c.updateStatus({ ...fresh, status: calculateStatus(fresh, pods, manageError, now) });
    }
  }

  private async manageReplicas(key: string, filtered: Pod[], related: Pod[], rs: ReplicatedObject): Promise<void> {
    const diff = filtered.length - (rs.spec?.replicas ?? 1);
    const ns = rs.metadata?.namespace ?? '';
    if (diff < 0) {
      const count = Math.min(-diff, BurstReplicas);
      this.expectations.expectCreations(key, count);
      const { successes, error } = await slowStartBatch(count, 1, () => this.createPod(rs, ns));
      const skipped = count - successes;
      if (skipped > 0) this.expectations.lowerCreations(key, skipped);
      if (error !== undefined) throw error;
      return;
    }
    if (diff > 0) {
      const count = Math.min(diff, BurstReplicas);
      const victims = podsToDelete(filtered, related, count, this.now());
      this.expectations.expectDeletions(key, victims.map(podKey));
      const results = await Promise.allSettled(victims.map(async (p) => {
        try {
          await this.podClient.namespace(ns).delete(p.metadata?.name ?? '', { preconditions: { uid: p.metadata?.uid } });
          this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name ?? ''}`);
        } catch (err) {
          this.expectations.deletionObserved(key, podKey(p));
          if (isNotFound(err)) return;
          this.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${err instanceof Error ? err.message : String(err)}`);
          throw err;
        }
      }));
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  private async createPod(rs: ReplicatedObject, ns: string): Promise<void> {
    const t = rs.spec?.template ?? {};
    const pod: Pod = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        generateName: `${rs.metadata?.name ?? ''}-`,
        namespace: ns,
        labels: { ...t.metadata?.labels },
        annotations: t.metadata?.annotations ? { ...t.metadata.annotations } : undefined,
        finalizers: t.metadata?.finalizers ? [...t.metadata.finalizers] : undefined,
        ownerReferences: [newControllerRef(rs, this.kind.apiVersion, this.kind.kind)],
      },
      spec: structuredClone(t.spec ?? { containers: [] }),
    };
    try {
      const created = await this.podClient.namespace(ns).create(pod);
      this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name ?? ''}`);
    } catch (err) {
      this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  }
}

export function newReplicaSetController(ctx: ControllerContext, kind: ReplicaKind): ReplicaSetController {
  return new ReplicaSetController(ctx, kind);
}
