// Where the RBAC authorizer reads roles and bindings from, and an index of bindings by subject
// so a request only looks at the bindings that can apply to its user.

import type { UserInfo } from '../types.ts';
import type { Binding, PolicyRule, Subject } from './types.ts';
import { splitServiceAccountUser } from './types.ts';

export interface BindingMatch { binding: Binding; subject: Subject }

export interface RBACSource {
  /** Rules of a Role; undefined when it does not exist. */
  roleRules(namespace: string, name: string): readonly PolicyRule[] | undefined;
  /** Rules of a ClusterRole; undefined when it does not exist. */
  clusterRoleRules(name: string): readonly PolicyRule[] | undefined;
  /** ClusterRoleBindings with a subject matching the user. */
  clusterRoleBindingsFor(user: UserInfo): BindingMatch[];
  /** RoleBindings of a namespace with a subject matching the user. */
  roleBindingsFor(user: UserInfo, namespace: string): BindingMatch[];
}

/** A subject's index key, or undefined for kinds RBAC does not know. */
function subjectKey(s: Subject, bindingNamespace: string): string | undefined {
  switch (s.kind) {
    case 'User': return `U\0${s.name}`;
    case 'Group': return `G\0${s.name}`;
    case 'ServiceAccount': {
      // A RoleBinding's ServiceAccount subject without a namespace means the binding's namespace.
      const ns = s.namespace || bindingNamespace;
      return ns ? `S\0${ns}\0${s.name}` : undefined;
    }
    default: return undefined;
  }
}

function userKeys(user: UserInfo): string[] {
  const keys = [`U\0${user.name}`];
  for (const g of user.groups) keys.push(`G\0${g}`);
  const sa = splitServiceAccountUser(user.name);
  if (sa) keys.push(`S\0${sa[0]}\0${sa[1]}`);
  return keys;
}

/** Bindings of one kind indexed by (namespace, subject). */
export class BindingIndex {
  private readonly bySubject = new Map<string, Map<string, BindingMatch>>();
  private readonly bindings = new Map<string, Binding>();

  private static id(b: Pick<Binding, 'namespace' | 'name'>): string { return `${b.namespace}/${b.name}`; }

  set(b: Binding): void {
    this.remove(b.namespace, b.name);
    const id = BindingIndex.id(b);
    this.bindings.set(id, b);
    for (const s of b.subjects) {
      const k = subjectKey(s, b.namespace);
      if (!k) continue;
      const key = `${b.namespace}\0${k}`;
      let m = this.bySubject.get(key);
      if (!m) { m = new Map(); this.bySubject.set(key, m); }
      // Several subjects of one binding may match the same key; the first one describes the grant.
      if (!m.has(id)) m.set(id, { binding: b, subject: s });
    }
  }

  remove(namespace: string, name: string): void {
    const id = BindingIndex.id({ namespace, name });
    const old = this.bindings.get(id);
    if (!old) return;
    this.bindings.delete(id);
    for (const s of old.subjects) {
      const k = subjectKey(s, old.namespace);
      if (!k) continue;
      const key = `${old.namespace}\0${k}`;
      const m = this.bySubject.get(key);
      m?.delete(id);
      if (m && m.size === 0) this.bySubject.delete(key);
    }
  }

  /** Bindings in namespace ('' for cluster bindings) whose subjects match the user, by name. */
  matching(user: UserInfo, namespace: string): BindingMatch[] {
    const out = new Map<string, BindingMatch>();
    for (const k of userKeys(user)) {
      const m = this.bySubject.get(`${namespace}\0${k}`);
      if (!m) continue;
      for (const [id, match] of m) if (!out.has(id)) out.set(id, match);
    }
    return [...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, v]) => v);
  }

  get size(): number { return this.bindings.size; }
}

/** An RBACSource over plain data, for tests and tools. */
export class StaticRBACSource implements RBACSource {
  readonly roles = new Map<string, PolicyRule[]>();
  readonly clusterRoles = new Map<string, PolicyRule[]>();
  readonly roleBindings = new BindingIndex();
  readonly clusterRoleBindings = new BindingIndex();

  addRole(namespace: string, name: string, rules: PolicyRule[]): this { this.roles.set(`${namespace}/${name}`, rules); return this; }
  addClusterRole(name: string, rules: PolicyRule[]): this { this.clusterRoles.set(name, rules); return this; }
  addRoleBinding(b: Binding): this { this.roleBindings.set(b); return this; }
  addClusterRoleBinding(b: Omit<Binding, 'namespace'>): this { this.clusterRoleBindings.set({ ...b, namespace: '' }); return this; }

  roleRules(namespace: string, name: string): readonly PolicyRule[] | undefined { return this.roles.get(`${namespace}/${name}`); }
  clusterRoleRules(name: string): readonly PolicyRule[] | undefined { return this.clusterRoles.get(name); }
  clusterRoleBindingsFor(user: UserInfo): BindingMatch[] { return this.clusterRoleBindings.matching(user, ''); }
  roleBindingsFor(user: UserInfo, namespace: string): BindingMatch[] { return this.roleBindings.matching(user, namespace); }
}
