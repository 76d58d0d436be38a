// The RBACSource backed by the apiserver's watch caches: roles are read from the cache (their
// rules decoded once per cached object), bindings are kept indexed by subject from cache events.

import type { KubeObject } from '../../api/types.ts';
import type { ApiContext } from '../../apiserver/rest/context.ts';
import type { ResourceStorage } from '../../apiserver/storage/resource.ts';
import type { CacheEvent, Subscription } from '../../apiserver/storage/watchcache.ts';
import type { UserInfo } from '../types.ts';
import { rulesOf } from './rules.ts';
import { BindingIndex } from './source.ts';
import type { BindingMatch, RBACSource } from './source.ts';
import type { Binding, PolicyRule, Subject } from './types.ts';
import { RBAC_GROUP } from './types.ts';

/** Decodes a stored RoleBinding / ClusterRoleBinding. */
export function bindingOf(o: KubeObject): Binding {
  const ref = (o['roleRef'] ?? {}) as Record<string, unknown>;
  const subjects: Subject[] = [];
  if (Array.isArray(o['subjects'])) {
    for (const s of o['subjects'] as unknown[]) {
      if (typeof s !== 'object' || s === null) continue;
      const x = s as Record<string, unknown>;
      const subject: Subject = { kind: String(x['kind'] ?? ''), name: String(x['name'] ?? '') };
      if (typeof x['namespace'] === 'string' && x['namespace']) subject.namespace = x['namespace'];
      if (typeof x['apiGroup'] === 'string') subject.apiGroup = x['apiGroup'];
      subjects.push(subject);
    }
  }
  return {
    name: o.metadata.name ?? '', namespace: o.metadata.namespace ?? '',
    roleRef: { apiGroup: String(ref['apiGroup'] ?? ''), kind: String(ref['kind'] ?? ''), name: String(ref['name'] ?? '') },
    subjects,
  };
}

export class CacheRBACSource implements RBACSource {
  private readonly roles: ResourceStorage;
  private readonly clusterRoles: ResourceStorage;
  private readonly roleBindings = new BindingIndex();
  private readonly clusterRoleBindings = new BindingIndex();
  private readonly decoded = new WeakMap<KubeObject, PolicyRule[]>();
  private readonly subs: Subscription[] = [];

  constructor(ctx: Pick<ApiContext, 'storageByResource'>) {
    const need = (resource: string): ResourceStorage => {
      const s = ctx.storageByResource(RBAC_GROUP, resource);
      if (!s) throw new Error(`RBAC: ${resource}.${RBAC_GROUP} is not served`);
      return s;
    };
    this.roles = need('roles');
    this.clusterRoles = need('clusterroles');
    this.follow(need('rolebindings'), this.roleBindings);
    this.follow(need('clusterrolebindings'), this.clusterRoleBindings);
  }

  private follow(storage: ResourceStorage, index: BindingIndex): void {
    const apply = (events: CacheEvent[]): void => {
      for (const ev of events) {
        if (ev.type === 'DELETED') index.remove(ev.obj.metadata.namespace ?? '', ev.obj.metadata.name ?? '');
        else index.set(bindingOf(ev.obj));
      }
    };
    this.subs.push(storage.cache.subscribe({ onEvents: apply }, undefined, (objs) => {
      for (const o of objs) index.set(bindingOf(o.obj));
    }));
  }

  private rules(o: KubeObject | undefined): PolicyRule[] | undefined {
    if (!o) return undefined;
    let r = this.decoded.get(o);
    if (!r) { r = rulesOf(o); this.decoded.set(o, r); }
    return r;
  }

  roleRules(namespace: string, name: string): readonly PolicyRule[] | undefined {
    return this.rules(this.roles.getCached(namespace, name));
  }

  clusterRoleRules(name: string): readonly PolicyRule[] | undefined {
    return this.rules(this.clusterRoles.getCached('', name));
  }

  clusterRoleBindingsFor(user: UserInfo): BindingMatch[] { return this.clusterRoleBindings.matching(user, ''); }
  roleBindingsFor(user: UserInfo, namespace: string): BindingMatch[] { return this.roleBindings.matching(user, namespace); }

  close(): void { for (const s of this.subs.splice(0)) s.close(); }
}
