// The Deployment controller (upstream pkg/controller/deployment): claims ReplicaSets by selector,
// then rolls out (RollingUpdate or Recreate), scales proportionally, honours pause, keeps revision
// history and reports Progressing/Available conditions.

import type { Pod } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { EventRecorder, ResourceClient, SharedInformer } from '../../client/index.ts';
import {
  DeletedFinalStateUnknown, NamespaceIndex, clientFor, metaNamespaceKey, resources, splitMetaNamespaceKey,
} from '../../client/index.ts';
import { isEmptySelector, labelSelectorAsSelector, matches } from '../../api/selectors/labels.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { claimObjects, getControllerOf, recheckOwner } from '../common/controller-ref.ts';
import { ReconcileLoop } from '../common/loop.ts';
import type { ReconcileResult } from '../common/loop.ts';
import { checkPausedConditions, isScalingEvent, scale, syncDeploymentStatus } from './progress.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './replicasets.ts';
import type { SyncDeps } from './replicasets.ts';
import { rolloutRecreate, rolloutRolling } from './rollout.ts';
import type { Deployment, ReplicaSet } from './types.ts';

export class DeploymentController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly dInformer: SharedInformer<Deployment>;
  private readonly rsInformer: SharedInformer<ReplicaSet>;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly dClient: ResourceClient<Deployment>;
  private readonly rsClient: ResourceClient<ReplicaSet>;
  private readonly recorder: EventRecorder;
  private readonly deps: SyncDeps;

  constructor(ctx: ControllerContext, now: () => number = Date.now) {
    const c = clientFor(ctx.rest);
    this.dClient = c.resource<Deployment>(resources.deployments);
    this.rsClient = c.resource<ReplicaSet>(resources.replicasets);
    this.recorder = ctx.recorder('deployment-controller');
    this.deps = { dClient: this.dClient, rsClient: this.rsClient, recorder: this.recorder, now };
    this.loop = new ReconcileLoop({ name: 'deployment', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.dInformer = ctx.informers.informerFor<Deployment>(resources.deployments);
    this.rsInformer = ctx.informers.informerFor<ReplicaSet>(resources.replicasets);
    this.podInformer = ctx.informers.informerFor<Pod>(resources.pods);
    this.dInformer.addEventHandler({
      onAdd: (d) => this.loop.add(metaNamespaceKey(d)),
      onUpdate: (_o, d) => this.loop.add(metaNamespaceKey(d)),
      onDelete: (d) => this.loop.add(metaNamespaceKey(d)),
    });
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.enqueueFor(rs),
      onUpdate: (old, rs) => {
        if (old.metadata?.resourceVersion === rs.metadata?.resourceVersion) return;
        const oldRef = getControllerOf(old);
        const ref = getControllerOf(rs);
        if (oldRef && oldRef.uid !== ref?.uid) this.enqueueFor(old);
        this.enqueueFor(rs);
      },
      onDelete: (rs) => this.enqueueFor(rs instanceof DeletedFinalStateUnknown ? rs.obj : rs),
    });
    // Recreate waits for old pods to be gone.
    this.podInformer.addEventHandler({
      onDelete: (p) => {
        const pod = p instanceof DeletedFinalStateUnknown ? p.obj : p;
        const ref = getControllerOf(pod);
        if (ref?.kind !== 'ReplicaSet') return;
        const rs = this.rsInformer.indexer.getByKey(`${pod.metadata?.namespace ?? ''}/${ref.name}`);
        if (!rs) return;
        const d = this.ownerOf(rs);
        if (d?.spec?.strategy?.type === 'Recreate') this.loop.add(metaNamespaceKey(d));
      },
    });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  private ownerOf(rs: ReplicaSet): Deployment | undefined {
    const ref = getControllerOf(rs);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.dInformer.indexer.getByKey(`${rs.metadata?.namespace ?? ''}/${ref.name}`);
    return d?.metadata?.uid === ref.uid ? d : undefined;
  }

  private enqueueFor(rs: ReplicaSet): void {
    const ref = getControllerOf(rs);
    if (ref) {
      const d = this.ownerOf(rs);
      if (d) this.loop.add(metaNamespaceKey(d));
      return;
    }
    // An orphan: every Deployment whose selector matches may adopt it.
    const ns = rs.metadata?.namespace ?? '';
    for (const d of this.dInformer.indexer.byIndex(NamespaceIndex, ns)) {
      const sel = labelSelectorAsSelector(d.spec?.selector as LabelSelector | undefined);
      if (!isEmptySelector(sel) && matches(sel, rs.metadata?.labels)) this.loop.add(metaNamespaceKey(d));
    }
  }

  /** Level-based sync of one Deployment (upstream syncDeployment). */
  async sync(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.dInformer.indexer.getByKey(key);
    if (!cached) return;
    const d = structuredClone(cached);
    const selector = labelSelectorAsSelector(d.spec?.selector as LabelSelector | undefined);
    if (isEmptySelector(selector)) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        await this.dClient.namespace(namespace).updateStatus({ ...d, status: { ...d.status, observedGeneration: d.metadata?.generation } });
      }
      return;
    }
    const inNs = this.rsInformer.indexer.byIndex(NamespaceIndex, namespace);
    const claimed = await claimObjects<ReplicaSet>(inNs, {
      owner: d, apiVersion: 'apps/v1', kind: 'Deployment', selector, client: this.rsClient,
      canAdopt: recheckOwner(() => this.dClient.namespace(namespace).get(name), d.metadata?.uid, `Deployment ${key}`),
    });
    const rss = claimed.map((rs) => structuredClone(rs));

    if (d.metadata?.deletionTimestamp) {
      const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(this.deps, d, rss, false);
      await syncDeploymentStatus(this.deps, newRS ? [...oldRSs, newRS] : oldRSs, newRS, d);
      return;
    }
    await checkPausedConditions(this.deps, d);
    if (d.spec?.paused) return this.syncScaleOrPaused(d, rss);
    {
      const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(this.deps, d, rss, false);
      if (isScalingEvent(d, newRS, oldRSs)) return this.syncScaleOrPaused(d, rss);
    }
    if (d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(this.deps, d, rss, this.podsByReplicaSet(d, rss));
    return rolloutRolling(this.deps, d, rss);
  }

  /** Upstream `sync`: scale for a resize or while paused, clean up when paused, update status. */
  private async syncScaleOrPaused(d: Deployment, rss: ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(this.deps, d, rss, false);
    await scale(this.deps, d, newRS, oldRSs);
    if (d.spec?.paused) await cleanupDeployment(this.deps, oldRSs, d);
    await syncDeploymentStatus(this.deps, newRS ? [...oldRSs, newRS] : oldRSs, newRS, d);
  }

  private podsByReplicaSet(d: Deployment, rss: ReplicaSet[]): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>();
    const uids = new Set(rss.map((rs) => rs.metadata?.uid ?? ''));
    for (const p of this.podInformer.indexer.byIndex(NamespaceIndex, d.metadata?.namespace ?? '')) {
      const ref = getControllerOf(p);
      if (!ref || !uids.has(ref.uid)) continue;
      const list = out.get(ref.uid) ?? [];
      list.push(p);
      out.set(ref.uid, list);
    }
    return out;
  }
}
