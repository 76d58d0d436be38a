// Makes sure every active namespace has its `default` ServiceAccount (the upstream
// serviceaccounts-controller's job), driven by the apiserver's watch caches until the controller
// manager exists (issue #5); it then moves onto the client machinery unchanged in behaviour.

import type { KubeObject } from '../../api/types.ts';
import type { ApiContext } from '../../apiserver/rest/context.ts';
import { clone } from '../../apiserver/rest/objects.ts';
import { prepareCreate } from '../../apiserver/rest/write.ts';
import type { Subscription } from '../../apiserver/storage/watchcache.ts';

export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
const CONTROLLER_USER = { name: 'system:serviceaccount:kube-system:service-account-controller', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] };

export interface DefaultServiceAccounts {
  /** Resolves once every namespace queued so far has been handled. */
  idle(): Promise<void>;
  stop(): void;
}

function active(ns: KubeObject | undefined): boolean {
  return !!ns && !ns.metadata.deletionTimestamp && (ns.status as { phase?: string } | undefined)?.phase !== 'Terminating';
}

export function ensureDefaultServiceAccounts(ctx: ApiContext, log: (msg: string, err?: unknown) => void = () => {}): DefaultServiceAccounts {
  const namespaces = ctx.storageByResource('', 'namespaces');
  const accounts = ctx.storageByResource('', 'serviceaccounts');
  const t = ctx.registry.lookup('', 'v1', 'serviceaccounts');
  if (!namespaces || !accounts || !t) throw new Error('serviceaccounts and namespaces must be served');
  const queue = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const reconcile = async (name: string): Promise<void> => {
    const ns = namespaces.getCached('', name);
    if (!active(ns) || accounts.getCached(name, DEFAULT_SERVICE_ACCOUNT_NAME)) return;
    const sa: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT_NAME, namespace: name } };
    try {
      const scope = { ctx, t, namespace: name, subresource: '', user: CONTROLLER_USER, dryRun: false, fieldManager: 'kube-controller-manager' };
      await accounts.create(await prepareCreate(scope, clone(sa)));
    } catch (err) {
      const code = (err as { code?: number }).code;
      // Exists already, or the namespace went away or started terminating meanwhile.
      if (code !== 409 && code !== 404 && code !== 403) log(`creating the default service account in ${name} failed`, err);
    }
  };

  const drain = (): void => {
    running = running.then(async () => {
      while (!stopped && queue.size > 0) {
        const next = queue.values().next().value as string;
        queue.delete(next);
        await reconcile(next);
      }
    });
  };
  const enqueue = (name: string): void => { if (name) { queue.add(name); drain(); } };

  const subs: Subscription[] = [
    namespaces.cache.subscribe({
      onEvents: (evs) => { for (const e of evs) if (e.type !== 'DELETED') enqueue(e.obj.metadata.name ?? ''); },
    }, undefined),
    accounts.cache.subscribe({
      onEvents: (evs) => {
        for (const e of evs) if (e.type === 'DELETED' && e.obj.metadata.name === DEFAULT_SERVICE_ACCOUNT_NAME) enqueue(e.obj.metadata.namespace ?? '');
      },
    }, undefined),
  ];
  for (const ns of namespaces.cache.objects.values()) enqueue(ns.name);

  return {
    idle: async () => { await running; },
    stop: () => { stopped = true; for (const s of subs) s.close(); },
  };
}
