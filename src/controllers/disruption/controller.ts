// The disruption controller (upstream pkg/controller/disruption): PodDisruptionBudget status —
// expected pods (from the controllers' scale for percentages and maxUnavailable), desired and
// current healthy pods, disruptionsAllowed, the disruptedPods the eviction API recorded (dropped
// once deleted or after 2 minutes) and the DisruptionAllowed condition.

import type { Pod, ReplicationController } from 'kubernetes-types/core/v1.js';
import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1.js';
import type { ResourceClient, SharedInformer } from '../../client/index.ts';
import { DeletedFinalStateUnknown, NamespaceIndex, clientFor, isNotFound, metaNamespaceKey, resources } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { getControllerOf } from '../common/controller-ref.ts';
import { ReconcileLoop } from '../common/loop.ts';
import type { ReconcileResult } from '../common/loop.ts';
import { isPodReady } from '../common/pods.ts';
import { canonical } from '../endpoint/podaddress.ts';
import { DeletionTimeoutMs, pdbDescriptor, pdbSelects, scaled, statusWithAllowed } from './budget.ts';

function iso(ms: number): string { return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z'); }

export class DisruptionController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly pdbs: SharedInformer<PodDisruptionBudget>;
  private readonly pods: SharedInformer<Pod>;
  private readonly rss: SharedInformer<ReplicaSet>;
  private readonly deployments: SharedInformer<Deployment>;
  private readonly rcs: SharedInformer<ReplicationController>;
  private readonly sts: SharedInformer<StatefulSet>;
  private readonly client: ResourceClient<PodDisruptionBudget>;
  private readonly now: () => number;

  constructor(ctx: ControllerContext, now: () => number = Date.now) {
    this.now = now;
    this.client = clientFor(ctx.rest).resource<PodDisruptionBudget>(pdbDescriptor);
    this.loop = new ReconcileLoop({ name: 'disruption', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.pdbs = ctx.informers.informerFor<PodDisruptionBudget>(pdbDescriptor);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    this.rss = ctx.informers.informerFor<ReplicaSet>(resources.replicasets);
    this.deployments = ctx.informers.informerFor<Deployment>(resources.deployments);
    this.rcs = ctx.informers.informerFor<ReplicationController>(resources.replicationcontrollers);
    this.sts = ctx.informers.informerFor<StatefulSet>(resources.statefulsets);
    const enqueue = (o: PodDisruptionBudget | DeletedFinalStateUnknown<unknown>): void => this.loop.add(metaNamespaceKey(o));
    this.pdbs.addEventHandler({ onAdd: enqueue, onUpdate: (_a, b) => enqueue(b), onDelete: enqueue });
    const podChanged = (p: Pod): void => {
      for (const b of this.pdbs.indexer.byIndex(NamespaceIndex, p.metadata?.namespace ?? '')) if (pdbSelects(b, p)) enqueue(b);
    };
    this.pods.addEventHandler({
      onAdd: podChanged,
      onUpdate: (a, b) => { podChanged(a); podChanged(b); },
      onDelete: (p) => podChanged(p instanceof DeletedFinalStateUnknown ? p.obj : p),
    });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  /** The scale of the pod's controller (upstream finders: RS→Deployment, RC, StatefulSet, Deployment). */
  private controllerScale(p: Pod): { uid: string; replicas: number } | undefined {
    const ref = getControllerOf(p);
    if (!ref) return undefined;
    const ns = p.metadata?.namespace ?? '';
    if (ref.kind === 'ReplicaSet') {
      const rs = this.rss.indexer.getByKey(`${ns}/${ref.name}`);
      if (!rs || rs.metadata?.uid !== ref.uid) return undefined;
      const dref = getControllerOf(rs);
      if (dref?.kind === 'Deployment') {
        const d = this.deployments.indexer.getByKey(`${ns}/${dref.name}`);
        if (d && d.metadata?.uid === dref.uid) return { uid: dref.uid, replicas: d.spec?.replicas ?? 1 };
        return undefined;
      }
      return { uid: ref.uid, replicas: rs.spec?.replicas ?? 1 };
    }
    if (ref.kind === 'ReplicationController') {
      const rc = this.rcs.indexer.getByKey(`${ns}/${ref.name}`);
      return rc && rc.metadata?.uid === ref.uid ? { uid: ref.uid, replicas: rc.spec?.replicas ?? 1 } : undefined;
    }
    if (ref.kind === 'StatefulSet') {
      const s = this.sts.indexer.getByKey(`${ns}/${ref.name}`);
      return s && s.metadata?.uid === ref.uid ? { uid: ref.uid, replicas: s.spec?.replicas ?? 1 } : undefined;
    }
    return undefined;
  }

  /** Upstream getExpectedPodCount: expected and desired healthy pods. */
  private expected(pdb: PodDisruptionBudget, pods: Pod[]): { expected: number; desired: number } {
    const spec = pdb.spec ?? {};
    const minAvailable = spec.minAvailable;
    if (spec.maxUnavailable === undefined && typeof minAvailable === 'number') return { expected: pods.length, desired: minAvailable };
    const scales = new Map<string, number>();
    for (const p of pods) {
      const s = this.controllerScale(p);
      if (!s) throw new Error(`found no controllers for pod "${p.metadata?.name ?? ''}"`);
      scales.set(s.uid, s.replicas);
    }
    let expected = 0;
    for (const r of scales.values()) expected += r;
    if (spec.maxUnavailable !== undefined) {
      return { expected, desired: Math.max(0, expected - scaled(spec.maxUnavailable, expected)) };
    }
    return { expected, desired: scaled(minAvailable ?? 0, expected) };
  }

  async sync(key: string): Promise<ReconcileResult | void> {
    const pdb = this.pdbs.indexer.getByKey(key);
    if (!pdb || pdb.metadata?.deletionTimestamp) return;
    const now = this.now();
    const pods = this.pods.indexer.byIndex(NamespaceIndex, pdb.metadata?.namespace ?? '').filter((p) => pdbSelects(pdb, p));
    // Disrupted pods stay counted out until deleted or the timeout passes.
    const disrupted: Record<string, string> = {};
    let recheck: number | undefined;
    const byName = new Map(pods.map((p) => [p.metadata?.name ?? '', p]));
    for (const [name, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
      const p = byName.get(name);
      if (!p || p.metadata?.deletionTimestamp) continue;
      const expires = Date.parse(at) + DeletionTimeoutMs;
      if (expires <= now) continue;
      disrupted[name] = at;
      recheck = Math.min(recheck ?? Infinity, expires - now);
    }
    const healthy = pods.filter((p) => isPodReady(p) && !p.metadata?.deletionTimestamp && !disrupted[p.metadata?.name ?? '']).length;
    let status: PodDisruptionBudgetStatus;
    let failure: unknown;
    try {
      const { expected, desired } = this.expected(pdb, pods);
      status = statusWithAllowed(pdb.status, Math.max(0, healthy - desired), iso(now), pdb.metadata?.generation);
      status.currentHealthy = healthy;
      status.desiredHealthy = desired;
      status.expectedPods = expected;
    } catch (err) {
      // Upstream failSafe: no disruptions allowed, condition SyncFailed.
      failure = err;
      status = statusWithAllowed(pdb.status, 0, iso(now), pdb.metadata?.generation);
      const cond = status.conditions?.find((c) => c.type === 'DisruptionAllowed');
      if (cond) { cond.reason = 'SyncFailed'; cond.message = err instanceof Error ? err.message : String(err); }
    }
    status.observedGeneration = pdb.metadata?.generation;
    if (Object.keys(disrupted).length > 0) status.disruptedPods = disrupted; else delete status.disruptedPods;
    if (canonical(status) !== canonical(pdb.status ?? {})) {
      try {
        await this.client.namespace(pdb.metadata?.namespace ?? '').updateStatus({ ...pdb, status });
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
    }
    if (failure !== undefined) throw failure;
    if (recheck !== undefined) return { requeueAfter: recheck };
  }
}
