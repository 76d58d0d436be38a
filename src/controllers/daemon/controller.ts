// The DaemonSet controller (upstream pkg/controller/daemon): one pod per eligible node, created
// with a required node affinity on metadata.name for the scheduler to bind, ControllerRevisions for
// history, RollingUpdate (maxUnavailable, maxSurge) or OnDelete, and status counts.

import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { EventRecorder, ResourceClient, SharedInformer } from '../../client/index.ts';
import {
  DeletedFinalStateUnknown, NamespaceIndex, clientFor, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey,
} from '../../client/index.ts';
import { labelSelectorAsSelector } from '../../api/selectors/labels.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { claimObjects, getControllerOf, recheckOwner } from '../common/controller-ref.ts';
import { ControllerExpectations } from '../common/expectations.ts';
import { ControllerRevisionHashLabel, controllerRevisions, syncRevision, truncateHistory } from '../common/history.ts';
import { ReconcileLoop } from '../common/loop.ts';
import type { ReconcileResult } from '../common/loop.ts';
import { podKey } from '../common/pods.ts';
import { plan } from './plan.ts';
import { addTolerations, defaultDaemonTolerations, withNodeAffinity } from './predicates.ts';

export class DaemonSetController implements Controller {
  readonly loop: ReconcileLoop;
  readonly expectations: ControllerExpectations;
  private readonly dsInformer: SharedInformer<DaemonSet>;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly nodeInformer: SharedInformer<Node>;
  private readonly revInformer: SharedInformer<ControllerRevision>;
  private readonly dsClient: ResourceClient<DaemonSet>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly revClient: ResourceClient<ControllerRevision>;
  private readonly recorder: EventRecorder;
  private readonly now: () => number;

  constructor(ctx: ControllerContext, now: () => number = Date.now) {
    this.now = now;
    const c = clientFor(ctx.rest);
    this.dsClient = c.resource<DaemonSet>(resources.daemonsets);
    this.podClient = c.resource<Pod>(resources.pods);
    this.revClient = c.resource<ControllerRevision>(controllerRevisions);
    this.recorder = ctx.recorder('daemonset-controller');
    this.expectations = new ControllerExpectations(now);
    this.loop = new ReconcileLoop({ name: 'daemonset', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.dsInformer = ctx.informers.informerFor<DaemonSet>(resources.daemonsets);
    this.podInformer = ctx.informers.informerFor<Pod>(resources.pods);
    this.nodeInformer = ctx.informers.informerFor<Node>(resources.nodes);
    this.revInformer = ctx.informers.informerFor<ControllerRevision>(controllerRevisions);
    this.dsInformer.addEventHandler({
      onAdd: (d) => this.loop.add(metaNamespaceKey(d)),
      onUpdate: (_o, d) => this.loop.add(metaNamespaceKey(d)),
      onDelete: (d) => { const key = metaNamespaceKey(d instanceof DeletedFinalStateUnknown ? d.obj : d); this.expectations.delete(key); },
    });
    this.podInformer.addEventHandler({
      onAdd: (p) => { const k = this.ownerKey(p); if (k) { this.expectations.creationObserved(k); this.loop.add(k); } },
      onUpdate: (_o, p) => { const k = this.ownerKey(p); if (k) this.loop.add(k); },
      onDelete: (p) => {
        const pod = p instanceof DeletedFinalStateUnknown ? p.obj : p;
        const k = this.ownerKey(pod);
        if (k) { this.expectations.deletionObserved(k, podKey(pod)); this.loop.add(k); }
      },
    });
    // Any node change may change where daemons run.
    const all = (): void => { for (const d of this.dsInformer.indexer.list()) this.loop.add(metaNamespaceKey(d)); };
    this.nodeInformer.addEventHandler({ onAdd: all, onUpdate: (o, n) => { if (nodeRelevantChange(o, n)) all(); }, onDelete: all });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  private ownerKey(p: Pod): string | undefined {
    const ref = getControllerOf(p);
    return ref?.kind === 'DaemonSet' ? `${p.metadata?.namespace ?? ''}/${ref.name}` : undefined;
  }

  async sync(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.dsInformer.indexer.getByKey(key);
    if (!cached) { this.expectations.delete(key); return; }
    const ds = structuredClone(cached);
    const selector = labelSelectorAsSelector(ds.spec?.selector as LabelSelector | undefined);
    const canAdopt = recheckOwner(() => this.dsClient.namespace(namespace).get(name), ds.metadata?.uid, `DaemonSet ${key}`);
    const revs = await claimObjects<ControllerRevision>(this.revInformer.indexer.byIndex(NamespaceIndex, namespace), {
      owner: ds, apiVersion: 'apps/v1', kind: 'DaemonSet', selector, client: this.revClient, canAdopt,
    });
    const pods = await claimObjects<Pod>(this.podInformer.indexer.byIndex(NamespaceIndex, namespace), {
      owner: ds, apiVersion: 'apps/v1', kind: 'DaemonSet', selector, client: this.podClient, canAdopt,
    });
    if (ds.metadata?.deletionTimestamp) return;
    let history;
    try {
      history = await syncRevision(this.revClient, ds, 'apps/v1', 'DaemonSet', revs);
    } catch (err) {
      if ((err as { collision?: boolean }).collision) {
        await this.dsClient.namespace(namespace).updateStatus({ ...ds, status: { ...emptyStatus(), ...ds.status, collisionCount: (ds.status?.collisionCount ?? 0) + 1 } });
      }
      throw err;
    }
    const hash = history.hash;
    const nodes = this.nodeInformer.indexer.list();
    const p = plan(ds, nodes, pods, hash, this.now());
    let requeueAfter = p.requeueAfter;
    if (this.expectations.satisfied(key)) {
      await this.deletePods(key, ds, p.toDelete);
      await this.createPods(key, ds, p.toCreate, hash);
    }
    const live = new Set(pods.map((x) => x.metadata?.labels?.[ControllerRevisionHashLabel] ?? ''));
    live.add(hash);
    await truncateHistory(this.revClient, ds, history.revisions, live, ds.spec?.revisionHistoryLimit ?? 10);
    const status = { ...p.status, observedGeneration: ds.metadata?.generation ?? 0, collisionCount: ds.status?.collisionCount };
    if (JSON.stringify(normalize(ds.status)) !== JSON.stringify(normalize(status))) {
      try {
        await this.dsClient.namespace(namespace).updateStatus({ ...ds, status });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    if (requeueAfter !== undefined && requeueAfter <= 0) requeueAfter = 1000;
    return requeueAfter !== undefined ? { requeueAfter } : undefined;
  }

  private async createPods(key: string, ds: DaemonSet, nodes: string[], hash: string): Promise<void> {
    if (!nodes.length) return;
    const ns = ds.metadata?.namespace ?? '';
    this.expectations.expectCreations(key, nodes.length);
    const t = ds.spec?.template ?? {};
    const results = await Promise.allSettled(nodes.map(async (node) => {
      const base: Pod = {
        apiVersion: 'v1', kind: 'Pod',
        metadata: {
          generateName: `${ds.metadata?.name ?? ''}-`, namespace: ns,
          labels: { ...t.metadata?.labels, [ControllerRevisionHashLabel]: hash, 'pod-template-generation': String(ds.metadata?.generation ?? 0) },
          annotations: t.metadata?.annotations,
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata?.name ?? '', uid: ds.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        spec: { ...structuredClone(t.spec ?? { containers: [] }) },
      };
      base.spec = { ...base.spec, containers: base.spec?.containers ?? [], tolerations: addTolerations(base.spec?.tolerations, defaultDaemonTolerations(!!base.spec?.hostNetwork)) };
      try {
        const pod = await this.podClient.namespace(ns).create(withNodeAffinity(base, node));
        this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name ?? ''}`);
      } catch (err) {
        this.expectations.creationObserved(key);
        this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
    }));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async deletePods(key: string, ds: DaemonSet, pods: Pod[]): Promise<void> {
    if (!pods.length) return;
    const ns = ds.metadata?.namespace ?? '';
    this.expectations.expectDeletions(key, pods.map(podKey));
    const results = await Promise.allSettled(pods.map(async (p) => {
      try {
        await this.podClient.namespace(ns).delete(p.metadata?.name ?? '', { preconditions: { uid: p.metadata?.uid } });
        this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name ?? ''}`);
      } catch (err) {
        this.expectations.deletionObserved(key, podKey(p));
        if (!isNotFound(err)) throw err;
      }
    }));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

function emptyStatus(): NonNullable<DaemonSet['status']> {
  return { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
}

/** Status as the server keeps it (zero counts may be absent). */
function normalize(s: DaemonSet['status'] | undefined): unknown {
  const x = { ...emptyStatus(), ...s } as Record<string, unknown>;
  for (const k of ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'observedGeneration', 'collisionCount']) x[k] ??= 0;
  return Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'conditions').sort(([a], [b]) => (a < b ? -1 : 1)));
}

function nodeRelevantChange(a: Node, b: Node): boolean {
  return JSON.stringify(a.metadata?.labels) !== JSON.stringify(b.metadata?.labels)
    || JSON.stringify(a.spec?.taints) !== JSON.stringify(b.spec?.taints)
    || a.spec?.unschedulable !== b.spec?.unschedulable;
}
