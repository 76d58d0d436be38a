// The garbage collector (upstream pkg/controller/garbagecollector): informers on every deletable
// resource feed a graph of ownerReferences. Dependents whose owners are all gone (checked by uid
// with a live GET) are deleted; owners deleted with propagationPolicy=Foreground keep their
// `foregroundDeletion` finalizer until their blocking dependents are gone; owners deleted with
// Orphan have their references removed from dependents before the `orphan` finalizer goes.

import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { RestClient, SharedInformerFactory } from '../../client/index.ts';
import { DeletedFinalStateUnknown, clientFor, isConflict, isNotFound } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { serverPreferredResources } from '../common/discovery.ts';
import type { DiscoveredResource } from '../common/discovery.ts';
import { ReconcileLoop } from '../common/loop.ts';
import { ForegroundFinalizer, Graph, OrphanFinalizer, isDeletingDependents, owners } from './graph.ts';
import type { GraphObject, Node } from './graph.ts';

/** Upstream ignores events for garbage collection. */
const Ignored = new Set(['/events', 'events.k8s.io/events']);
const RediscoveryMs = 30_000;

type OwnerState = 'solid' | 'dangling' | 'waiting';

export class GarbageCollector implements Controller {
  readonly graph = new Graph();
  readonly loop: ReconcileLoop;
  private readonly rest: RestClient;
  private readonly informers: SharedInformerFactory;
  private readonly log: (m: string) => void;
  private readonly watched = new Set<string>();
  /** group/Kind → resource, for live owner lookups. */
  private readonly byKind = new Map<string, DiscoveredResource>();
  private rediscovery: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(ctx: ControllerContext) {
    this.rest = ctx.rest;
    this.informers = ctx.informers;
    this.log = ctx.log;
    this.loop = new ReconcileLoop({ name: 'garbage_collector_attempt_to_delete', reconcile: (uid) => this.attemptToDelete(uid), metrics: ctx.metrics });
  }

  /** Discovers resources and registers informers for them (before the factory starts). */
  static async create(ctx: ControllerContext): Promise<GarbageCollector> {
    const gc = new GarbageCollector(ctx);
    await gc.sync();
    return gc;
  }

  /** Watches resources discovered since last time (CRDs added later). */
  async sync(): Promise<void> {
    const { resources } = await serverPreferredResources(this.rest);
    for (const r of resources) {
      this.byKind.set(`${r.group}/${r.kind}`, r);
      const id = `${r.group}/${r.resource}`;
      if (this.watched.has(id) || Ignored.has(id)) continue;
      if (!['list', 'watch', 'delete'].every((v) => r.verbs.includes(v))) continue;
      this.watched.add(id);
      this.watch(r);
    }
  }

  private watch(r: DiscoveredResource): void {
    const inf = this.informers.informerFor<GraphObject>(r);
    inf.addEventHandler({
      onAdd: (o) => this.observe(o, r),
      onUpdate: (_old, o) => this.observe(o, r),
      onDelete: (o) => this.forget(o instanceof DeletedFinalStateUnknown ? o.obj : o),
    });
  }

  run(workers: number): void {
    this.loop.start(workers);
    this.rediscovery = setInterval(() => {
      this.sync().then(() => { if (!this.stopped) this.informers.start(); }, (err: unknown) => this.log(`garbage collector discovery: ${String(err)}`));
    }, RediscoveryMs);
    this.rediscovery.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.rediscovery) clearInterval(this.rediscovery);
    await this.loop.stop();
  }

  private observe(obj: GraphObject, r: DiscoveredResource): void {
    const uid = obj.metadata?.uid;
    if (!uid) return;
    const removed = this.graph.upsert(obj, r);
    for (const o of removed) if (isDeletingDependents(this.graph.get(o)?.obj)) this.loop.add(o);
    const m = obj.metadata;
    if (m?.deletionTimestamp && (m.finalizers?.includes(OrphanFinalizer) || m.finalizers?.includes(ForegroundFinalizer))) {
      this.loop.add(uid);
      if (m.finalizers?.includes(ForegroundFinalizer)) for (const d of this.graph.dependents(uid)) this.loop.add(d);
    }
    // An owner not observed, or waiting for its dependents, needs a look.
    for (const ref of owners(obj)) {
      const owner = this.graph.get(ref.uid);
      if (!owner || isDeletingDependents(owner.obj)) { this.loop.add(uid); break; }
    }
  }

  private forget(obj: GraphObject): void {
    const uid = obj.metadata?.uid;
    if (!uid) return;
    const node = this.graph.remove(uid);
    for (const d of this.graph.dependents(uid)) this.loop.add(d);
    for (const ref of owners(node?.obj ?? obj)) if (isDeletingDependents(this.graph.get(ref.uid)?.obj)) this.loop.add(ref.uid);
  }

  private client(n: Node, r: DiscoveredResource = n.resource) {
    const c = clientFor(this.rest).resource<GraphObject>(r);
    return r.namespaced ? c.namespace(n.obj.metadata?.namespace ?? '') : c;
  }

  /** Whether an owner exists (by uid), looked up in the graph and else live. */
  private async ownerState(dep: Node, ref: OwnerReference): Promise<OwnerState> {
    const seen = this.graph.get(ref.uid);
    if (seen) return isDeletingDependents(seen.obj) ? 'waiting' : 'solid';
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
    const r = this.byKind.get(`${group}/${ref.kind}`);
    if (!r) throw new Error(`unable to resolve the owner kind ${ref.apiVersion}/${ref.kind} of ${dep.resource.resource} ${dep.obj.metadata?.name ?? ''}`);
    try {
      const c = clientFor(this.rest).resource<GraphObject>(r);
      const live = await (r.namespaced ? c.namespace(dep.obj.metadata?.namespace ?? '') : c).get(ref.name);
      if (live.metadata?.uid !== ref.uid) return 'dangling';
      return isDeletingDependents(live) ? 'waiting' : 'solid';
    } catch (err) {
      if (isNotFound(err)) return 'dangling';
      throw err;
    }
  }

  /** Level-based check of one object (upstream attemptToDeleteItem / attemptToOrphan). */
  private async attemptToDelete(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    if (!node) return;
    const m = node.obj.metadata;
    if (m?.deletionTimestamp) {
      if (m.finalizers?.includes(OrphanFinalizer)) return this.orphanDependents(node);
      if (m.finalizers?.includes(ForegroundFinalizer)) return this.processDeletingDependents(node);
      return;
    }
    const refs = owners(node.obj);
    if (refs.length === 0) return;
    const states = await Promise.all(refs.map(async (r) => [r, await this.ownerState(node, r)] as const));
    const solid = states.filter(([, s]) => s === 'solid');
    const waiting = states.filter(([, s]) => s === 'waiting').map(([r]) => r);
    const gone = states.filter(([, s]) => s !== 'solid').map(([r]) => r.uid);
    if (solid.length > 0) {
      // Some owner still holds it: only drop references to owners that are gone or deleting.
      if (gone.length) await this.patchOwnerReferences(node, refs.filter((r) => !gone.includes(r.uid)));
      return;
    }
    if (waiting.length > 0 && this.graph.dependents(uid).length > 0) {
      // Unblock our waiting owners first so two objects waiting on each other cannot deadlock.
      const unblocked = refs.map((r) => (waiting.some((w) => w.uid === r.uid) ? { ...r, blockOwnerDeletion: false } : r));
      if (unblocked.some((r, i) => r.blockOwnerDeletion !== refs[i]?.blockOwnerDeletion)) await this.patchOwnerReferences(node, unblocked);
      await this.deleteObject(node, 'Foreground');
      return;
    }
    const fz = m?.finalizers ?? [];
    await this.deleteObject(node, fz.includes(OrphanFinalizer) ? 'Orphan' : fz.includes(ForegroundFinalizer) ? 'Foreground' : 'Background');
  }

  private async deleteObject(n: Node, policy: 'Orphan' | 'Foreground' | 'Background'): Promise<void> {
    try {
      await this.client(n).delete(n.obj.metadata?.name ?? '', { propagationPolicy: policy, preconditions: { uid: n.uid } });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }

  /** A JSON merge patch of the whole list, guarded by uid and resourceVersion (works for custom resources too). */
  private async patchOwnerReferences(n: Node, refs: OwnerReference[]): Promise<void> {
    try {
      await this.client(n).patch(n.obj.metadata?.name ?? '', 'merge', {
        metadata: { ownerReferences: refs.length ? refs : null, uid: n.uid, resourceVersion: n.obj.metadata?.resourceVersion },
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private async removeFinalizer(n: Node, finalizer: string): Promise<void> {
    const rest = (n.obj.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
    try {
      await this.client(n).patch(n.obj.metadata?.name ?? '', 'merge', {
        metadata: { finalizers: rest.length ? rest : null, uid: n.uid, resourceVersion: n.obj.metadata?.resourceVersion },
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private async orphanDependents(n: Node): Promise<void> {
    const errors: unknown[] = [];
    await Promise.all(this.graph.dependents(n.uid).map(async (d) => {
      const dep = this.graph.get(d);
      if (!dep) return;
      try {
        await this.patchOwnerReferences(dep, owners(dep.obj).filter((r) => r.uid !== n.uid));
      } catch (err) {
        errors.push(err);
      }
    }));
    if (errors.length) throw errors[0];
    await this.removeFinalizer(n, OrphanFinalizer);
  }

  private async processDeletingDependents(n: Node): Promise<void> {
    const blocking = this.graph.blockingDependents(n.uid);
    if (blocking.length === 0) {
      await this.removeFinalizer(n, ForegroundFinalizer);
      return;
    }
    for (const d of this.graph.dependents(n.uid)) {
      if (!isDeletingDependents(this.graph.get(d)?.obj)) this.loop.add(d);
    }
  }
}
