// The StatefulSet controller (upstream pkg/controller/statefulset): stable pods <sts>-<ordinal>
// with their claims created first, OrderedReady (one at a time, each Running and Ready before the
// next) or Parallel management, scale-down from the highest ordinal, RollingUpdate with partition
// (highest ordinal first) or OnDelete, ControllerRevisions, and status.

import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaim, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { EventRecorder, ResourceClient, SharedInformer } from '../../client/index.ts';
import {
  DeletedFinalStateUnknown, NamespaceIndex, clientFor, isAlreadyExists, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey,
} from '../../client/index.ts';
import { labelSelectorAsSelector } from '../../api/selectors/labels.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { claimObjects, getControllerOf, recheckOwner } from '../common/controller-ref.ts';
import { ControllerRevisionHashLabel, controllerRevisions, syncRevision, truncateHistory } from '../common/history.ts';
import { ReconcileLoop } from '../common/loop.ts';
import type { ReconcileResult } from '../common/loop.ts';
import { isPodAvailable, isPodReady } from '../common/pods.ts';
import { claimName, newClaims, newStatefulPod, ordinalOf } from './pods.ts';

const healthy = (p: Pod): boolean => p.status?.phase === 'Running' && isPodReady(p) && !p.metadata?.deletionTimestamp;

export class StatefulSetController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly stsInformer: SharedInformer<StatefulSet>;
  private readonly podInformer: SharedInformer<Pod>;
  private readonly revInformer: SharedInformer<ControllerRevision>;
  private readonly stsClient: ResourceClient<StatefulSet>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly pvcClient: ResourceClient<PersistentVolumeClaim>;
  private readonly revClient: ResourceClient<ControllerRevision>;
  private readonly recorder: EventRecorder;
  private readonly now: () => number;

  constructor(ctx: ControllerContext, now: () => number = Date.now) {
    this.now = now;
    const c = clientFor(ctx.rest);
    this.stsClient = c.resource<StatefulSet>(resources.statefulsets);
    this.podClient = c.resource<Pod>(resources.pods);
    this.pvcClient = c.resource<PersistentVolumeClaim>(resources.persistentvolumeclaims);
    this.revClient = c.resource<ControllerRevision>(controllerRevisions);
    this.recorder = ctx.recorder('statefulset-controller');
    this.loop = new ReconcileLoop({ name: 'statefulset', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.stsInformer = ctx.informers.informerFor<StatefulSet>(resources.statefulsets);
    this.podInformer = ctx.informers.informerFor<Pod>(resources.pods);
    this.revInformer = ctx.informers.informerFor<ControllerRevision>(controllerRevisions);
    this.stsInformer.addEventHandler({ onAdd: (s) => this.loop.add(metaNamespaceKey(s)), onUpdate: (_o, s) => this.loop.add(metaNamespaceKey(s)) });
    const podChanged = (p: Pod): void => {
      const ref = getControllerOf(p);
      if (ref?.kind === 'StatefulSet') this.loop.add(`${p.metadata?.namespace ?? ''}/${ref.name}`);
    };
    this.podInformer.addEventHandler({
      onAdd: podChanged, onUpdate: (_o, p) => podChanged(p),
      onDelete: (p) => podChanged(p instanceof DeletedFinalStateUnknown ? p.obj : p),
    });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  async sync(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.stsInformer.indexer.getByKey(key);
    if (!cached) return;
    const sts = structuredClone(cached);
    const selector = labelSelectorAsSelector(sts.spec?.selector as LabelSelector | undefined);
    const canAdopt = recheckOwner(() => this.stsClient.namespace(namespace).get(name), sts.metadata?.uid, `StatefulSet ${key}`);
    const revs = await claimObjects<ControllerRevision>(this.revInformer.indexer.byIndex(NamespaceIndex, namespace), {
      owner: sts, apiVersion: 'apps/v1', kind: 'StatefulSet', selector, client: this.revClient, canAdopt,
    });
    const claimed = await claimObjects<Pod>(this.podInformer.indexer.byIndex(NamespaceIndex, namespace), {
      owner: sts, apiVersion: 'apps/v1', kind: 'StatefulSet', selector, client: this.podClient, canAdopt,
    });
    if (sts.metadata?.deletionTimestamp) return;
    const history = await syncRevision(this.revClient, sts, 'apps/v1', 'StatefulSet', revs);
    const updateRevision = history.current.metadata?.name ?? '';
    const currentRevision = sts.status?.currentRevision && history.revisions.some((r) => r.metadata?.name === sts.status?.currentRevision)
      ? sts.status.currentRevision : updateRevision;
    const currentTemplate = templateOf(history.revisions.find((r) => r.metadata?.name === currentRevision)) ?? sts.spec?.template ?? {};
    const replicas = sts.spec?.replicas ?? 1;
    const rolling = sts.spec?.updateStrategy?.type !== 'OnDelete';
    const partition = rolling ? sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0 : 0;
    const ordered = sts.spec?.podManagementPolicy !== 'Parallel';
    const byOrdinal = new Map<number, Pod>();
    const condemned: Pod[] = [];
    for (const p of claimed) {
      const o = ordinalOf(sts, p);
      if (o === undefined) continue;
      if (o < replicas) byOrdinal.set(o, p); else condemned.push(p);
    }
    condemned.sort((a, b) => (ordinalOf(sts, b) ?? 0) - (ordinalOf(sts, a) ?? 0));
    // Which revision a missing pod gets: below the partition the current one (RollingUpdate), else the update.
    // (OnDelete has no partition: a recreated pod always gets the update revision.)
    const revisionFor = (o: number): [string, PodTemplateSpec] => (o >= partition ? [updateRevision, sts.spec?.template ?? {}] : [currentRevision, currentTemplate]);
    let blocked = false;
    for (let o = 0; o < replicas && !blocked; o++) {
      const p = byOrdinal.get(o);
      if (p?.status?.phase === 'Failed' || p?.status?.phase === 'Succeeded') {
        await this.deletePod(sts, p);
        byOrdinal.delete(o);
        if (ordered) blocked = true;
        continue;
      }
      if (!p) {
        const [rev, tpl] = revisionFor(o);
        await this.createClaims(sts, o);
        await this.createPod(sts, newStatefulPod(sts, tpl, o, rev));
        if (ordered) blocked = true;
        continue;
      }
      if (ordered && !healthy(p)) blocked = true;
    }
    const allHealthy = !blocked && [...byOrdinal.values()].every(healthy) && byOrdinal.size === replicas;
    if (!blocked && condemned.length) {
      // Scale down from the highest ordinal; OrderedReady one at a time with everything else healthy.
      const victims = ordered ? (allHealthy && !condemned.some((p) => p.metadata?.deletionTimestamp) ? condemned.slice(0, 1) : []) : condemned;
      for (const p of victims) if (!p.metadata?.deletionTimestamp) await this.deletePod(sts, p, true);
    } else if (allHealthy && rolling && !claimed.some((p) => p.metadata?.deletionTimestamp)) {
      // Rolling update: the highest ordinal at or above the partition not yet on the update revision.
      for (let o = replicas - 1; o >= partition; o--) {
        const p = byOrdinal.get(o);
        if (p && p.metadata?.labels?.[ControllerRevisionHashLabel] !== updateRevision) {
          await this.deletePod(sts, p);
          break;
        }
      }
    }
    const live = new Set(claimed.map((p) => p.metadata?.labels?.[ControllerRevisionHashLabel] ?? ''));
    live.add(updateRevision).add(currentRevision);
    await truncateHistory(this.revClient, sts, history.revisions, live, sts.spec?.revisionHistoryLimit ?? 10);
    const status = this.status(sts, claimed.filter((p) => (ordinalOf(sts, p) ?? Infinity) < replicas), currentRevision, updateRevision);
    if (JSON.stringify(norm(sts.status)) !== JSON.stringify(norm(status))) {
      try {
        await this.stsClient.namespace(namespace).updateStatus({ ...sts, status });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const minReady = sts.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && status.availableReplicas !== status.readyReplicas) return { requeueAfter: minReady * 1000 };
  }

  private status(sts: StatefulSet, pods: Pod[], currentRevision: string, updateRevision: string): StatefulSetStatus {
    const now = this.now();
    const minReady = sts.spec?.minReadySeconds ?? 0;
    const alive = pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
    const rev = (p: Pod): string => p.metadata?.labels?.[ControllerRevisionHashLabel] ?? '';
    const updated = alive.filter((p) => rev(p) === updateRevision).length;
    const replicas = sts.spec?.replicas ?? 1;
    // Once every pod runs the update revision, it becomes the current one.
    const done = updated === replicas && alive.length === replicas;
    const current = done ? updateRevision : currentRevision;
    return {
      observedGeneration: sts.metadata?.generation ?? 0,
      replicas: alive.length,
      readyReplicas: alive.filter(isPodReady).length,
      availableReplicas: alive.filter((p) => isPodAvailable(p, minReady, now)).length,
      currentReplicas: alive.filter((p) => rev(p) === current).length,
      updatedReplicas: updated,
      currentRevision: current,
      updateRevision,
      collisionCount: sts.status?.collisionCount ?? 0,
    };
  }

  private async createClaims(sts: StatefulSet, ordinal: number): Promise<void> {
    const ns = sts.metadata?.namespace ?? '';
    for (const claim of newClaims(sts, ordinal)) {
      try {
        await this.pvcClient.namespace(ns).create(claim);
        this.recorder.event(sts, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata?.name ?? ''} Pod ${sts.metadata?.name ?? ''}-${ordinal} in StatefulSet ${sts.metadata?.name ?? ''} success`);
      } catch (err) {
        if (!isAlreadyExists(err)) {
          this.recorder.event(sts, 'Warning', 'FailedCreate', `create Claim ${claim.metadata?.name ?? ''} failed: ${err instanceof Error ? err.message : String(err)}`);
          throw err;
        }
      }
    }
  }

  private async createPod(sts: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.podClient.namespace(sts.metadata?.namespace ?? '').create(pod);
      this.recorder.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata?.name ?? ''} in StatefulSet ${sts.metadata?.name ?? ''} successful`);
    } catch (err) {
      if (isAlreadyExists(err)) return;
      this.recorder.event(sts, 'Warning', 'FailedCreate', `create Pod ${pod.metadata?.name ?? ''} in StatefulSet ${sts.metadata?.name ?? ''} failed error: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  }

  private async deletePod(sts: StatefulSet, p: Pod, scaledDown = false): Promise<void> {
    const ns = sts.metadata?.namespace ?? '';
    try {
      await this.podClient.namespace(ns).delete(p.metadata?.name ?? '', { preconditions: { uid: p.metadata?.uid } });
      this.recorder.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata?.name ?? ''} in StatefulSet ${sts.metadata?.name ?? ''} successful`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    // persistentVolumeClaimRetentionPolicy.whenScaled: Delete → a condemned ordinal's claims go too.
    if (scaledDown && sts.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete') {
      const o = ordinalOf(sts, p) ?? 0;
      for (const c of sts.spec.volumeClaimTemplates ?? []) {
        try {
          await this.pvcClient.namespace(ns).delete(claimName(sts, c.metadata?.name ?? '', o));
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
    }
  }
}

function templateOf(rev: ControllerRevision | undefined): PodTemplateSpec | undefined {
  const data = rev?.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined;
  const t = data?.spec?.template;
  if (!t) return undefined;
  const { $patch: _p, ...rest } = t;
  return rest;
}

function norm(s: StatefulSetStatus | undefined): unknown {
  const x: Record<string, unknown> = { ...s };
  for (const k of ['replicas', 'readyReplicas', 'availableReplicas', 'currentReplicas', 'updatedReplicas', 'observedGeneration', 'collisionCount']) x[k] ??= 0;
  delete x.conditions;
  return Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)));
}
