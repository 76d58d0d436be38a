// RBAC escalation prevention (upstream's pkg/registry/rbac/*/policybased storage): nobody creates
// or updates a role holding permissions they do not hold themselves unless they may `escalate` it,
// and nobody binds a role whose permissions they do not hold unless they may `bind` it.
// system:masters may do anything.

import { isDeepStrictEqual } from 'node:util';
import { forbidden } from '../api/errors.ts';
import type { KubeObject } from '../api/types.ts';
import { roleRefRules, rulesFor } from '../auth/rbac/authorizer.ts';
import { compactRules, compactString, covers, quoteList, rulesOf } from '../auth/rbac/rules.ts';
import type { RBACSource } from '../auth/rbac/source.ts';
import type { PolicyRule } from '../auth/rbac/types.ts';
import { MASTERS, RBAC_GROUP } from '../auth/rbac/types.ts';
import type { Authorizer, UserInfo } from '../auth/types.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './interface.ts';

const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** Whether only the fields the garbage collector writes changed (upstream's IsOnlyMutatingGCFields). */
function onlyGCFields(obj: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject): unknown => {
    const { ownerReferences: _o, finalizers: _f, resourceVersion: _r, managedFields: _m, generation: _g, ...meta } = o.metadata;
    return { ...o, metadata: meta };
  };
  return isDeepStrictEqual(strip(obj), strip(old));
}

export interface RBACEscalationOptions {
  /** The server's authorizer (asked about `escalate` and `bind`). */
  authorizer: () => Authorizer;
  /** Where the requester's own RBAC rules are read from. */
  source: () => RBACSource;
}

export class RBACEscalation implements AdmissionPlugin {
  readonly name = 'RBACEscalation';
  private readonly opts: RBACEscalationOptions;
  constructor(opts: RBACEscalationOptions) { this.opts = opts; }

  validate(a: AdmissionAttributes): void | Promise<void> {
    // Only RBAC objects can escalate: nothing to wait for otherwise.
    if (a.type.group !== RBAC_GROUP || (a.operation !== 'CREATE' && a.operation !== 'UPDATE') || a.subresource) return;
    return this.validateRBAC(a);
  }

  private async validateRBAC(a: AdmissionAttributes): Promise<void> {
    const obj = a.object;
    if (!obj) return;
    const user = a.user;
    if (user?.groups.includes(MASTERS)) return;
    if (a.operation === 'UPDATE' && a.oldObject && onlyGCFields(obj, a.oldObject)) return;
    const requester: UserInfo = user ?? { name: 'system:anonymous', groups: ['system:unauthenticated'] };
    const q = { group: RBAC_GROUP, kind: a.type.kind, resource: a.type.resource };
    const name = obj.metadata.name ?? a.name;
    const namespace = a.type.namespaced ? a.namespace : '';
    switch (a.type.resource) {
      case 'roles': case 'clusterroles': {
        if (await this.allowed(requester, 'escalate', a.type.resource, namespace, name)) return;
        const isAggregated = (o: KubeObject | undefined): boolean => o !== undefined && o['aggregationRule'] !== undefined && o['aggregationRule'] !== null;
        if (a.type.resource === 'clusterroles' && (isAggregated(obj) || isAggregated(a.oldObject))) {
          // Aggregation pulls in other roles' rules: only someone holding everything may set it up.
          if (this.missingMessage(requester, namespace, FULL_AUTHORITY) !== undefined) {
            throw forbidden(q, name, 'must have cluster-admin privileges to use the aggregationRule');
          }
          return;
        }
        const msg = this.missingMessage(requester, namespace, rulesOf(obj));
        if (msg !== undefined) throw forbidden(q, name, msg);
        return;
      }
      case 'rolebindings': case 'clusterrolebindings': {
        const ref = (obj['roleRef'] ?? {}) as { apiGroup?: string; kind?: string; name?: string };
        const refKind = ref.kind ?? '';
        const refResource = refKind === 'Role' ? 'roles' : refKind === 'ClusterRole' ? 'clusterroles' : '';
        if (refResource && await this.allowed(requester, 'bind', refResource, namespace, ref.name ?? '')) return;
        const rules = roleRefRules(this.opts.source(), { roleRef: { apiGroup: ref.apiGroup ?? '', kind: refKind, name: ref.name ?? '' }, namespace });
        if ('error' in rules) throw forbidden(q, name, rules.error);
        const msg = this.missingMessage(requester, namespace, rules.rules);
        if (msg !== undefined) throw forbidden(q, name, msg);
        return;
      }
    }
  }

  private async allowed(user: UserInfo, verb: string, resource: string, namespace: string, name: string): Promise<boolean> {
    const d = await this.opts.authorizer().authorize({
      user, verb, isResourceRequest: true, path: '', apiGroup: RBAC_GROUP, apiVersion: '', resource, subresource: '', namespace, name,
    });
    return d.decision === 'Allow';
  }

  /** undefined when the user holds every rule, else upstream's ConfirmNoEscalation message. */
  private missingMessage(user: UserInfo, namespace: string, wanted: readonly PolicyRule[]): string | undefined {
    const held = rulesFor(this.opts.source(), user, namespace);
    const { covered, missing } = covers(held.rules, wanted);
    if (covered) return undefined;
    const lines = [...new Set(compactRules(missing).map(compactString))].sort();
    let msg = `user ${JSON.stringify(user.name)} (groups=${quoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
    if (held.errors.length > 0) msg += `; resolution errors: [${held.errors.join(' ')}]`;
    return msg;
  }
}
