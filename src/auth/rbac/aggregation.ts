// ClusterRole aggregation (upstream's clusterrole-aggregation controller): a ClusterRole with an
// aggregationRule holds the union of the rules of the ClusterRoles its selectors match. Driven by
// the clusterroles watch cache; writes go through storage like any controller's update.

import { isDeepStrictEqual } from 'node:util';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { labelSelectorAsSelector, matches } from '../../api/selectors/labels.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ApiContext } from '../../apiserver/rest/context.ts';
import { prepareUpdate } from '../../apiserver/rest/write.ts';
import type { Subscription } from '../../apiserver/storage/watchcache.ts';
import { RBAC_GROUP } from './types.ts';

const CONTROLLER_USER = { name: 'system:serviceaccount:kube-system:clusterrole-aggregation-controller', groups: ['system:masters', 'system:authenticated'] };

function selectorsOf(o: KubeObject): LabelSelector[] | undefined {
  const agg = o['aggregationRule'];
  if (typeof agg !== 'object' || agg === null) return undefined;
  const sels = (agg as { clusterRoleSelectors?: unknown }).clusterRoleSelectors;
  return Array.isArray(sels) ? sels as LabelSelector[] : undefined;
}

/** The rules an aggregated ClusterRole should hold: matching roles' rules, by role name, without duplicates. */
export function aggregatedRules(target: KubeObject, all: Iterable<KubeObject>): unknown[] | undefined {
  const sels = selectorsOf(target);
  if (!sels) return undefined;
  const roles = [...all].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  const out: unknown[] = [];
  for (const s of sels) {
    let sel;
    try { sel = labelSelectorAsSelector(s); } catch { continue; }
    for (const r of roles) {
      if (r.metadata.name === target.metadata.name || !matches(sel, r.metadata.labels ?? {})) continue;
      for (const rule of Array.isArray(r['rules']) ? r['rules'] : []) {
        if (!out.some((x) => isDeepStrictEqual(x, rule))) out.push(rule);
      }
    }
  }
  return out;
}

export class ClusterRoleAggregator {
  private readonly ctx: ApiContext;
  private sub: Subscription | undefined;
  private running = false;
  private again = false;
  private idleWaiters: (() => void)[] = [];

  constructor(ctx: ApiContext) { this.ctx = ctx; }

  start(): void {
    const rs = this.ctx.storageByResource(RBAC_GROUP, 'clusterroles');
    if (!rs) throw new Error('RBAC: clusterroles are not served');
    this.sub = rs.cache.subscribe({ onEvents: () => this.kick() }, undefined, () => {});
    this.kick();
  }

  stop(): void { this.sub?.close(); this.sub = undefined; }

  /** Resolves once no sync is running or pending (for tests and start-up ordering). */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private kick(): void {
    if (!this.sub) return;
    if (this.running) { this.again = true; return; }
    this.running = true;
    setImmediate(() => void this.loop());
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.syncAll();
      } while (this.again && this.sub);
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /** Syncs until nothing changes (each pass sees the previous pass's writes), e.g. at start. */
  async settle(maxPasses = 10): Promise<void> {
    const rs = this.ctx.storageByResource(RBAC_GROUP, 'clusterroles');
    for (let i = 0; i < maxPasses && rs; i++) {
      const rev = await this.syncAll();
      if (rev === 0) return;
      await rs.cache.waitFor(rev, 5000);
    }
  }

  /** One pass over the aggregated ClusterRoles; returns the highest revision written (0: none). */
  private async syncAll(): Promise<number> {
    const rs = this.ctx.storageByResource(RBAC_GROUP, 'clusterroles');
    const t = this.ctx.registry.lookup(RBAC_GROUP, 'v1', 'clusterroles');
    let written = 0;
    if (!rs || !t) return written;
    const roles = rs.cache.values();
    for (const role of roles) {
      const want = aggregatedRules(role, roles);
      if (!want || isDeepStrictEqual(want, role['rules'] ?? [])) continue;
      const name = role.metadata.name ?? '';
      try {
        const res = await rs.guaranteedUpdate('', name, async (cur) => {
          const rules = aggregatedRules(cur, rs.cache.values());
          if (!rules || isDeepStrictEqual(rules, cur['rules'] ?? [])) return undefined;
          const next = { ...structuredClone(cur), rules } as KubeObject;
          return prepareUpdate({
            ctx: this.ctx, t, namespace: '', subresource: '', user: CONTROLLER_USER, dryRun: false, fieldManager: 'clusterrole-aggregation-controller',
          }, next, cur, 'main');
        });
        if (res.changed) written = Math.max(written, Number(res.obj.metadata.resourceVersion));
      } catch (err) {
        const code = (err as { code?: number }).code;
        if (code !== 404) this.ctx.options.log(`clusterrole-aggregation: updating ${name} failed`, err);
      }
    }
    return written;
  }
}
