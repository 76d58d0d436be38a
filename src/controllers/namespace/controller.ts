// The namespace controller (upstream pkg/controller/namespace): when a namespace is being deleted,
// delete everything in it (resources found by discovery; deletecollection where served, else list
// and delete), report progress in status conditions, and once it is empty remove the `kubernetes`
// finalizer through namespaces/<name>/finalize so the apiserver can delete it.

import type { Namespace, NamespaceCondition } from 'kubernetes-types/core/v1.js';
import type { RestClient, SharedInformer } from '../../client/index.ts';
import { clientFor, isConflict, isNotFound, metaNamespaceKey, resources } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { serverPreferredResources } from '../common/discovery.ts';
import type { DiscoveredResource } from '../common/discovery.ts';
import { ReconcileLoop } from '../common/loop.ts';
import type { ReconcileResult } from '../common/loop.ts';

const FinalizerKubernetes = 'kubernetes';

const isMethodNotSupported = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 405;

interface Outcome {
  discoveryError?: string;
  deleteErrors: string[];
  /** resource → remaining instances. */
  remaining: Map<string, number>;
  /** finalizer → instances carrying it. */
  finalizers: Map<string, number>;
  /** Seconds until content should be gone (pods' grace periods). */
  estimate: number;
}

function condition(type: string, bad: boolean, badReason: string, goodReason: string, badMsg: string, goodMsg: string, now: string, prev?: NamespaceCondition): NamespaceCondition {
  const status = bad ? 'True' : 'False';
  return {
    type, status, reason: bad ? badReason : goodReason, message: bad ? badMsg : goodMsg,
    lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : now,
  };
}

export class NamespaceController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly rest: RestClient;
  private readonly informer: SharedInformer<Namespace>;

  constructor(ctx: ControllerContext) {
    this.rest = ctx.rest;
    this.loop = new ReconcileLoop({ name: 'namespace', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.informer = ctx.informers.informerFor<Namespace>(resources.namespaces);
    const enqueue = (ns: Namespace): void => { if (ns.metadata?.deletionTimestamp) this.loop.add(metaNamespaceKey(ns)); };
    this.informer.addEventHandler({ onAdd: enqueue, onUpdate: (_o, ns) => enqueue(ns) });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  async sync(name: string): Promise<ReconcileResult | void> {
    const nsClient = clientFor(this.rest).resource<Namespace>(resources.namespaces);
    let ns: Namespace;
    try {
      ns = await nsClient.get(name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (!ns.metadata?.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes(FinalizerKubernetes)) return;
    const out = await this.deleteAllContent(name);
    await this.updateConditions(ns, out);
    if (out.discoveryError || out.deleteErrors.length) throw new Error(out.discoveryError ?? out.deleteErrors.join('; '));
    if (out.remaining.size > 0) {
      // Upstream waits the estimate (pods' grace) before looking again; we poll a little sooner.
      return { requeueAfter: Math.min(Math.max(out.estimate, 1), 5) * 1000 };
    }
    await this.finalize(name);
  }

  private async deleteAllContent(name: string): Promise<Outcome> {
    const out: Outcome = { deleteErrors: [], remaining: new Map(), finalizers: new Map(), estimate: 0 };
    const disc = await serverPreferredResources(this.rest);
    if (disc.failed.size) {
      out.discoveryError = [...disc.failed].map(([gv, e]) => `${gv}: ${e instanceof Error ? e.message : String(e)}`).join(', ');
    }
    const deletable = disc.resources.filter((r) => r.namespaced && r.verbs.includes('list') && r.verbs.includes('delete'));
    await Promise.all(deletable.map(async (r) => {
      try {
        await this.deleteResource(r, name, out);
      } catch (err) {
        if (isNotFound(err)) return;
        out.deleteErrors.push(`${r.resource}${r.group ? `.${r.group}` : ''}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }));
    return out;
  }

  private async deleteResource(r: DiscoveredResource, ns: string, out: Outcome): Promise<void> {
    const client = clientFor(this.rest).resource(r).namespace(ns);
    if (r.verbs.includes('deletecollection')) {
      try {
        await client.deleteCollection({ propagationPolicy: 'Background' });
      } catch (err) {
        if (!isMethodNotSupported(err)) throw err;
        await this.deleteEach(r, ns);
      }
    } else {
      await this.deleteEach(r, ns);
    }
    const left = await client.list();
    if (left.items.length === 0) return;
    const key = r.group ? `${r.resource}.${r.group}` : r.resource;
    out.remaining.set(key, left.items.length);
    for (const item of left.items) {
      const m = item.metadata as { finalizers?: string[]; deletionGracePeriodSeconds?: number } | undefined;
      for (const f of m?.finalizers ?? []) out.finalizers.set(f, (out.finalizers.get(f) ?? 0) + 1);
      out.estimate = Math.max(out.estimate, m?.deletionGracePeriodSeconds ?? 0);
    }
  }

  private async deleteEach(r: DiscoveredResource, ns: string): Promise<void> {
    const client = clientFor(this.rest).resource(r).namespace(ns);
    const list = await client.list();
    await Promise.all(list.items.map(async (item) => {
      if (item.metadata?.deletionTimestamp) return;
      try {
        await client.delete(item.metadata?.name ?? '', { propagationPolicy: 'Background' });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }));
  }

  private async updateConditions(ns: Namespace, out: Outcome): Promise<void> {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const prev = (t: string): NamespaceCondition | undefined => ns.status?.conditions?.find((c) => c.type === t);
    const remaining = [...out.remaining].sort(([a], [b]) => a.localeCompare(b)).map(([res, n]) => `${res} has ${n} resource instances`);
    const finalizers = [...out.finalizers].sort(([a], [b]) => a.localeCompare(b)).map(([f, n]) => `${f} in ${n} resource instances`);
    const conditions: NamespaceCondition[] = [
      condition('NamespaceDeletionDiscoveryFailure', out.discoveryError !== undefined, 'DiscoveryFailed', 'ResourcesDiscovered',
        `Discovery failed for some groups, ${out.discoveryError ?? ''}`, 'All resources successfully discovered', now, prev('NamespaceDeletionDiscoveryFailure')),
      condition('NamespaceDeletionGroupVersionParsingFailure', false, 'GroupVersionParsingFailed', 'ParsedGroupVersions',
        '', 'All legacy kube types successfully parsed', now, prev('NamespaceDeletionGroupVersionParsingFailure')),
      condition('NamespaceDeletionContentFailure', out.deleteErrors.length > 0, 'ContentDeletionFailed', 'ContentDeleted',
        `Failed to delete all resource types, ${out.deleteErrors.length} remaining: ${out.deleteErrors.join(', ')}`,
        'All content successfully deleted, may be waiting on finalization', now, prev('NamespaceDeletionContentFailure')),
      condition('NamespaceContentRemaining', remaining.length > 0, 'SomeResourcesRemain', 'ContentRemoved',
        `Some resources are remaining: ${remaining.join(', ')}`, 'All content successfully removed', now, prev('NamespaceContentRemaining')),
      condition('NamespaceFinalizersRemaining', finalizers.length > 0, 'SomeFinalizersRemain', 'ContentHasNoFinalizers',
        `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}`, 'All content-preserving finalizers finished', now, prev('NamespaceFinalizersRemaining')),
    ];
    const same = JSON.stringify(ns.status?.conditions ?? []) === JSON.stringify(conditions);
    if (same) return;
    try {
      await clientFor(this.rest).resource<Namespace>(resources.namespaces).updateStatus({ ...ns, status: { ...ns.status, conditions } });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }

  /** PUT namespaces/<name>/finalize without our finalizer; retried on conflict. */
  private async finalize(name: string): Promise<void> {
    const nsClient = clientFor(this.rest).resource<Namespace>(resources.namespaces);
    for (let i = 0; ; i++) {
      let ns: Namespace;
      try {
        ns = await nsClient.get(name);
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FinalizerKubernetes);
      try {
        await this.rest.update({ version: 'v1', resource: 'namespaces', name, subresource: 'finalize' }, { ...ns, spec: { ...ns.spec, finalizers } });
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err) || i >= 5) throw err;
      }
    }
  }
}
