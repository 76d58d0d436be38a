// The resourcequota controller (upstream pkg/controller/resourcequota): keeps every ResourceQuota's
// status.hard (= spec.hard) and status.used (what the matching objects in its namespace charge)
// current. Quotas are recalculated when they change, when objects they track are deleted or change
// what they charge (replenishment), and all of them on a full resync (--resource-quota-sync-period).
// What an object charges is the admission plugin's own evaluator (src/admission/quota-usage.ts).

import { quantityFromInt } from '../../api/quantity.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Indexer, ResourceDescriptor, RestClient } from '../../client/index.ts';
import { DeletedFinalStateUnknown, NamespaceIndex, clientFor, isNotFound, metaNamespaceKey, resources } from '../../client/index.ts';
import { objectUsage, quotaMatches, resourceOfQuotaName } from '../../admission/quota-usage.ts';
import type { GroupResource } from '../../admission/quota-usage.ts';
import { addInto, resourceList, toJSON } from '../../admission/resources.ts';
import type { ResourceList } from '../../admission/resources.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { serverPreferredResources } from '../common/discovery.ts';
import type { DiscoveredResource } from '../common/discovery.ts';
import { ReconcileLoop } from '../common/loop.ts';

/** Upstream's --resource-quota-sync-period default. */
export const DefaultResyncPeriodMs = 5 * 60_000;
const DiscoveryTTLMs = 30_000;

const quotasResource: ResourceDescriptor = { group: '', version: 'v1', resource: 'resourcequotas', namespaced: true, kind: 'ResourceQuota' };

/** Resources watched for replenishment (upstream watches every quotable resource; these are the evaluated ones). */
const watched: ResourceDescriptor[] = [
  resources.pods, resources.services, resources.persistentvolumeclaims, resources.configmaps, resources.secrets,
  resources.replicationcontrollers, quotasResource,
];

const grKey = (gr: GroupResource): string => `${gr.resource}.${gr.group}`;

export interface ResourceQuotaControllerOptions {
  resyncPeriodMs?: number;
}

export class ResourceQuotaController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly rest: RestClient;
  private readonly resyncMs: number;
  private readonly quotas: Indexer<KubeObject>;
  /** Caches of the watched resources, by group/resource key. */
  private readonly caches = new Map<string, Indexer<KubeObject>>();
  private discovery: { at: number; resources: DiscoveredResource[] } | undefined;

  constructor(ctx: ControllerContext, o: ResourceQuotaControllerOptions = {}) {
    this.rest = ctx.rest;
    this.resyncMs = o.resyncPeriodMs ?? DefaultResyncPeriodMs;
    this.loop = new ReconcileLoop({ name: 'resourcequota_primary', reconcile: (k) => this.syncQuota(k), metrics: ctx.metrics });
    const quotaInformer = ctx.informers.informerFor<KubeObject>(quotasResource);
    this.quotas = quotaInformer.indexer;
    quotaInformer.addEventHandler({
      onAdd: (rq) => this.loop.add(metaNamespaceKey(rq)),
      onUpdate: (old, rq) => {
        // Our own status writes come back as updates; only spec changes or a stale status.hard matter.
        const hard = JSON.stringify(toJSON(resourceList((rq.spec as { hard?: unknown } | undefined)?.hard)));
        const oldHard = JSON.stringify(toJSON(resourceList((old.spec as { hard?: unknown } | undefined)?.hard)));
        const statusHard = JSON.stringify(toJSON(resourceList((rq.status as { hard?: unknown } | undefined)?.hard)));
        if (hard !== oldHard || hard !== statusHard || JSON.stringify(old.spec) !== JSON.stringify(rq.spec)) this.loop.add(metaNamespaceKey(rq));
      },
    });
    for (const d of watched) {
      const gr = { group: d.group, resource: d.resource };
      const informer = ctx.informers.informerFor<KubeObject>(d);
      this.caches.set(grKey(gr), informer.indexer);
      if (d === quotasResource) continue;
      const changed = (o: KubeObject): void => this.replenish(gr, o.metadata.namespace ?? '');
      informer.addEventHandler({
        onAdd: (o, initial) => { if (!initial) changed(o); },
        onUpdate: (old, o) => {
          if (JSON.stringify(toJSON(objectUsage(gr, old))) !== JSON.stringify(toJSON(objectUsage(gr, o)))) changed(o);
        },
        onDelete: (o) => changed(o instanceof DeletedFinalStateUnknown ? o.obj as KubeObject : o),
      });
    }
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  /** Queues the namespace's quotas that track this resource. */
  private replenish(gr: GroupResource, namespace: string): void {
    for (const rq of this.quotas.byIndex(NamespaceIndex, namespace)) {
      const hard = Object.keys((rq.spec as { hard?: Record<string, unknown> } | undefined)?.hard ?? {});
      if (hard.some((n) => { const r = resourceOfQuotaName(n); return r !== undefined && grKey(r) === grKey(gr); })) this.loop.add(metaNamespaceKey(rq));
    }
  }

  async syncQuota(key: string): Promise<{ requeueAfter: number } | void> {
    const rq = this.quotas.getByKey(key);
    if (!rq || rq.metadata.deletionTimestamp) return;
    const namespace = rq.metadata.namespace ?? '';
    const hard = resourceList((rq.spec as { hard?: unknown } | undefined)?.hard);
    const tracked = new Map<string, GroupResource>();
    for (const name of hard.keys()) {
      const gr = resourceOfQuotaName(name);
      if (gr) tracked.set(grKey(gr), gr);
    }
    const usage: ResourceList = new Map();
    for (const gr of tracked.values()) {
      for (const o of await this.objectsIn(gr, namespace)) {
        if (quotaMatches(rq, gr, o)) addInto(usage, objectUsage(gr, o));
      }
    }
    // Every hard name a known resource backs is reported, zero when nothing charges it.
    const used: ResourceList = new Map();
    for (const name of hard.keys()) {
      if (!resourceOfQuotaName(name)) continue;
      used.set(name, usage.get(name) ?? quantityFromInt(0));
    }
    const status = { hard: toJSON(hard), used: toJSON(used) };
    const cur = rq.status as { hard?: unknown; used?: unknown } | undefined;
    const same = JSON.stringify(toJSON(resourceList(cur?.hard))) === JSON.stringify(status.hard)
      && JSON.stringify(toJSON(resourceList(cur?.used))) === JSON.stringify(status.used);
    if (!same) {
      try {
        await clientFor(this.rest).resource<KubeObject>(quotasResource).updateStatus({ ...rq, status });
      } catch (err) {
        // A conflict means our cache is behind: the retry reads it again.
        if (isNotFound(err)) return;
        throw err;
      }
    }
    return { requeueAfter: this.resyncMs };
  }

  /** The namespace's objects of a resource: from the informer caches, else listed (count/<anything>). */
  private async objectsIn(gr: GroupResource, namespace: string): Promise<KubeObject[]> {
    const cache = this.caches.get(grKey(gr));
    if (cache) return cache.byIndex(NamespaceIndex, namespace);
    const d = await this.descriptorFor(gr);
    if (!d) return [];
    const list = await clientFor(this.rest).resource<KubeObject>(d).namespace(namespace).list();
    return list.items;
  }

  private async descriptorFor(gr: GroupResource): Promise<DiscoveredResource | undefined> {
    const find = (): DiscoveredResource | undefined => this.discovery?.resources.find((r) => r.group === gr.group && r.resource === gr.resource && r.namespaced);
    if (!this.discovery || Date.now() - this.discovery.at > DiscoveryTTLMs || !find()) {
      if (!this.discovery || Date.now() - this.discovery.at > 1000) {
        this.discovery = { at: Date.now(), resources: (await serverPreferredResources(this.rest)).resources };
      }
    }
    return find();
  }
}
