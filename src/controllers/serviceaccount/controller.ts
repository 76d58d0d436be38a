// The serviceaccount controller (upstream pkg/controller/serviceaccount, "serviceaccount"): every
// active namespace has a `default` ServiceAccount, created when the namespace appears and created
// again when someone deletes it.

import type { Namespace, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { Lister, RestClient, SharedInformer } from '../../client/index.ts';
import { DeletedFinalStateUnknown, clientFor, isAlreadyExists, isForbidden, isNotFound, resources } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { ReconcileLoop } from '../common/loop.ts';

export const DefaultServiceAccountName = 'default';

export class ServiceAccountsController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly rest: RestClient;
  private readonly namespaces: SharedInformer<Namespace>;
  private readonly accounts: Lister<ServiceAccount>;
  /** Upstream's ServiceAccountsControllerOptions.ServiceAccounts. */
  private readonly names: string[];

  constructor(ctx: ControllerContext, names: string[] = [DefaultServiceAccountName]) {
    this.rest = ctx.rest;
    this.names = names;
    this.loop = new ReconcileLoop({ name: 'serviceaccount', reconcile: (k) => this.syncNamespace(k), metrics: ctx.metrics });
    this.namespaces = ctx.informers.informerFor<Namespace>(resources.namespaces);
    this.accounts = ctx.informers.listerFor<ServiceAccount>(resources.serviceaccounts);
    this.namespaces.addEventHandler({
      onAdd: (ns) => this.loop.add(ns.metadata?.name ?? ''),
      onUpdate: (_o, ns) => this.loop.add(ns.metadata?.name ?? ''),
    });
    ctx.informers.informerFor<ServiceAccount>(resources.serviceaccounts).addEventHandler({
      onDelete: (obj) => {
        const sa = obj instanceof DeletedFinalStateUnknown ? obj.obj as ServiceAccount : obj;
        if (this.names.includes(sa.metadata?.name ?? '')) this.loop.add(sa.metadata?.namespace ?? '');
      },
    });
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  async syncNamespace(name: string): Promise<void> {
    const ns = this.namespaces.indexer.getByKey(name);
    // Only active namespaces; a terminating one would refuse the create anyway.
    if (!ns || ns.metadata?.deletionTimestamp || (ns.status?.phase ?? 'Active') !== 'Active') return;
    const client = clientFor(this.rest).resource<ServiceAccount>(resources.serviceaccounts).namespace(name);
    for (const sa of this.names) {
      if (this.accounts.namespace(name).get(sa)) continue;
      try {
        await client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: name } });
      } catch (err) {
        // Exists already (our cache lags), or the namespace went away or began terminating.
        if (isAlreadyExists(err) || isNotFound(err) || isForbidden(err)) continue;
        throw err;
      }
    }
  }
}
