// The admission plugins after NamespaceLifecycle, in upstream's order, and their installation on
// an ApiServer: readers over its watch caches, the system PriorityClasses, default
// ServiceAccounts and quota status kept current.

import { isStatusError } from '../api/errors.ts';
import type { KubeObject } from '../api/types.ts';
import type { ApiContext } from '../apiserver/rest/context.ts';
import type { ApiServer } from '../apiserver/server.ts';
import { ensureDefaultServiceAccounts } from '../controllers/serviceaccount/default.ts';
import { DefaultTolerationSeconds } from './defaulttolerationseconds.ts';
import type { AdmissionPlugin } from './interface.ts';
import { LimitRanger } from './limitranger.ts';
import { NodeRestriction } from './noderestriction.ts';
import { PodSecurity } from './podsecurity.ts';
import type { PodSecurityOptions } from './podsecurity.ts';
import { PriorityAdmission, SYSTEM_PRIORITY_CLASSES } from './priority.ts';
import type { ObjectReader, StatusUpdater } from './reader.ts';
import { ResourceQuotaAdmission } from './resourcequota.ts';
import { ServiceAccountAdmission } from './serviceaccount.ts';
import { createIfMissing } from './system-objects.ts';

export type { ObjectReader, StatusUpdater } from './reader.ts';
export type { PodSecurityOptions } from './podsecurity.ts';

/** Reads the apiserver's watch caches (always fresh after this server's own writes). */
export function cacheReader(ctx: ApiContext): ObjectReader {
  return {
    list(group, resource, namespace = '') {
      const rs = ctx.storageByResource(group, resource);
      if (!rs) return [];
      const prefix = rs.namespacePrefix(namespace);
      const out: KubeObject[] = [];
      for (const e of rs.cache.withPrefix(prefix)) out.push(e.obj);
      return out;
    },
    get(group, resource, namespace, name) {
      return ctx.storageByResource(group, resource)?.getCached(namespace, name);
    },
    async getLive(group, resource, namespace, name) {
      const rs = ctx.storageByResource(group, resource);
      if (!rs) return undefined;
      try { return await rs.get(namespace, name); } catch (err) {
        if (isStatusError(err) && err.code === 404) return undefined;
        throw err;
      }
    },
  };
}

/** Status writes with compare-and-swap through the resource's storage. */
export function storageStatusUpdater(ctx: ApiContext): StatusUpdater {
  return async (group, resource, namespace, name, fn) => {
    const rs = ctx.storageByResource(group, resource);
    if (!rs) return undefined;
    try {
      return (await rs.guaranteedUpdate(namespace, name, (cur) => fn(cur))).obj;
    } catch (err) {
      if (isStatusError(err) && err.code === 404) return undefined;
      throw err;
    }
  };
}

export interface AdmissionOptions {
  podSecurity?: PodSecurityOptions;
  /** How often quota status is recomputed from live objects (default 2 s; 0 turns it off). */
  quotaSyncIntervalMs?: number;
  /** Create `default` ServiceAccounts in every namespace (until the controller manager does; default true). */
  defaultServiceAccounts?: boolean;
  log?: (msg: string, err?: unknown) => void;
}

/** Plugin factories in upstream's order (kube-apiserver's AllOrderedPlugins, after NamespaceLifecycle). */
export function admissionPluginsInOrder(opts: AdmissionOptions = {}, created?: (p: AdmissionPlugin) => void): ((ctx: ApiContext) => AdmissionPlugin)[] {
  const made = <P extends AdmissionPlugin>(p: P): P => { created?.(p); return p; };
  return [
    (ctx) => made(new LimitRanger(cacheReader(ctx))),
    (ctx) => made(new ServiceAccountAdmission(cacheReader(ctx))),
    (ctx) => made(new NodeRestriction(cacheReader(ctx))),
    (ctx) => made(new PriorityAdmission(cacheReader(ctx))),
    () => made(new DefaultTolerationSeconds()),
    (ctx) => made(new PodSecurity(cacheReader(ctx), { audit: (m) => opts.log?.(m), ...opts.podSecurity })),
    (ctx) => made(new ResourceQuotaAdmission(cacheReader(ctx), storageStatusUpdater(ctx))),
  ];
}

/** Adds the plugins and their post-start work (system PriorityClasses, default ServiceAccounts, quota status). */
export function installAdmission(server: ApiServer, opts: AdmissionOptions = {}): { stop(): void } {
  const plugins: AdmissionPlugin[] = [];
  server.admissionPlugins.push(...admissionPluginsInOrder(opts, (p) => plugins.push(p)));
  const stops: (() => void)[] = [];
  server.postStartHooks.push({
    name: 'scheduling/bootstrap-system-priority-classes',
    async run(s) {
      for (const pc of SYSTEM_PRIORITY_CLASSES) await createIfMissing(s.ctx, 'scheduling.k8s.io', 'v1', 'priorityclasses', pc);
    },
  });
  if (opts.defaultServiceAccounts !== false) {
    server.postStartHooks.push({
      name: 'start-service-account-controller',
      async run(s) {
        const c = ensureDefaultServiceAccounts(s.ctx, opts.log);
        stops.push(() => c.stop());
        await c.idle();
      },
    });
  }
  const interval = opts.quotaSyncIntervalMs ?? 2000;
  if (interval > 0) {
    server.postStartHooks.push({
      name: 'start-resource-quota-status-sync',
      async run() {
        const quota = plugins.find((p): p is ResourceQuotaAdmission => p instanceof ResourceQuotaAdmission);
        if (!quota) return;
        await quota.syncAll();
        let busy = false;
        const timer = setInterval(() => {
          if (busy) return;
          busy = true;
          quota.syncAll().catch((err: unknown) => opts.log?.('quota status sync failed', err)).finally(() => { busy = false; });
        }, interval);
        timer.unref();
        stops.push(() => clearInterval(timer));
      },
    });
  }
  return { stop: () => { for (const s of stops.splice(0)) s(); } };
}
