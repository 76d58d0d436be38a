// RBAC for the apiserver: the authorizer (system:masters first, then RBAC), escalation
// prevention, the default policy and ClusterRole aggregation.

import { RBACEscalation } from '../../admission/rbacescalation.ts';
import { bindReviewAuthorizer } from '../../api/kinds/authz.ts';
import type { ApiServer } from '../../apiserver/server.ts';
import { unionAuthorizer } from '../types.ts';
import type { Authorizer, UserInfo } from '../types.ts';
import { ClusterRoleAggregator } from './aggregation.ts';
import { RBACAuthorizer, privilegedGroupsAuthorizer } from './authorizer.ts';
import { reconcileDefaultPolicy } from './bootstrap/reconcile.ts';
import { CacheRBACSource } from './cachesource.ts';
import type { BindingMatch, RBACSource } from './source.ts';

export interface RBACInstallation {
  /** The RBAC authorizer alone (the lead may union it with others, e.g. the Node authorizer). */
  rbac: RBACAuthorizer;
  /** Roles and bindings as the authorizer sees them (available once the server has started). */
  source: RBACSource;
  /** Present once the server has started. */
  aggregator(): ClusterRoleAggregator | undefined;
}

/**
 * Installs RBAC on a server before start(): sets server.authorizer to
 * union(system:masters, RBAC), adds the escalation admission plugin, and a post-start hook that
 * binds the access-review kinds to the server's final authorizer, creates or reconciles the
 * default policy and starts ClusterRole aggregation.
 */
export function installRBAC(server: ApiServer): RBACInstallation {
  let cached: CacheRBACSource | undefined;
  const real = (): CacheRBACSource => {
    // The watch caches exist once start() has filled them, before the server listens.
    cached ??= new CacheRBACSource(server.ctx);
    return cached;
  };
  const source: RBACSource = {
    roleRules: (ns, name) => real().roleRules(ns, name),
    clusterRoleRules: (name) => real().clusterRoleRules(name),
    clusterRoleBindingsFor: (u: UserInfo): BindingMatch[] => real().clusterRoleBindingsFor(u),
    roleBindingsFor: (u: UserInfo, ns: string): BindingMatch[] => real().roleBindingsFor(u, ns),
  };
  const rbac = new RBACAuthorizer(source);
  const authorizer: Authorizer = unionAuthorizer([privilegedGroupsAuthorizer(), rbac]);
  server.authorizer = authorizer;
  server.admissionPlugins.push(() => new RBACEscalation({ authorizer: () => server.authorizer, source: () => source }));
  let aggregator: ClusterRoleAggregator | undefined;
  server.postStartHooks.push({
    name: 'rbac/bootstrap-roles',
    async run(s) {
      bindReviewAuthorizer(s.registry, s.authorizer);
      real();
      await reconcileDefaultPolicy(s.ctx);
      aggregator = new ClusterRoleAggregator(s.ctx);
      await aggregator.settle();
      aggregator.start();
    },
  });
  return { rbac, source, aggregator: () => aggregator };
}

export { RBACAuthorizer, privilegedGroupsAuthorizer, rulesFor, visitRulesFor } from './authorizer.ts';
export { BindingIndex, StaticRBACSource } from './source.ts';
export type { BindingMatch, RBACSource } from './source.ts';
export { covers, ruleAllows, ruleCovers, breakdownRule, compactRules, compactString } from './rules.ts';
export type { Binding, PolicyRule, RoleRef, Subject } from './types.ts';
export { clusterRoles as defaultClusterRoles, clusterRoleBindings as defaultClusterRoleBindings } from './bootstrap/policy.ts';
export { CONTROLLER_SERVICE_ACCOUNTS } from './bootstrap/controllers.ts';
