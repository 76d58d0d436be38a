// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): a request is allowed when a rule of a
// role bound to its user (directly, by group or as a service account) allows it.

import type { Authorizer, AuthorizationAttributes, Decision, NonResourceRule, ResourceRule, UserInfo } from '../types.ts';
import { ruleAllows } from './rules.ts';
import type { BindingMatch, RBACSource } from './source.ts';
import type { Binding, PolicyRule, Subject } from './types.ts';
import { MASTERS } from './types.ts';

/** Called for each rule (or resolution error); return false to stop. */
type Visitor = (describe: () => string, rule: PolicyRule | undefined, err: string | undefined) => boolean;

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

function describe(m: BindingMatch): string {
  const b = m.binding;
  const what = b.namespace ? `RoleBinding ${JSON.stringify(`${b.name}/${b.namespace}`)}` : `ClusterRoleBinding ${JSON.stringify(b.name)}`;
  return `${what} of ${b.roleRef.kind} ${JSON.stringify(b.roleRef.name)} to ${describeSubject(m.subject, b.namespace)}`;
}

/** The rules a roleRef points at, or the error upstream reports when it does not resolve. */
export function roleRefRules(source: RBACSource, b: Pick<Binding, 'roleRef' | 'namespace'>): { rules: readonly PolicyRule[] } | { error: string } {
  const ref = b.roleRef;
  if (ref.kind === 'ClusterRole') {
    const rules = source.clusterRoleRules(ref.name);
    return rules ? { rules } : { error: `clusterrole.rbac.authorization.k8s.io ${JSON.stringify(ref.name)} not found` };
  }
  if (ref.kind === 'Role' && b.namespace) {
    const rules = source.roleRules(b.namespace, ref.name);
    return rules ? { rules } : { error: `role.rbac.authorization.k8s.io ${JSON.stringify(ref.name)} not found` };
  }
  return { error: `unsupported role reference kind: ${JSON.stringify(ref.kind)}` };
}

/** Visits the rules a user holds in a namespace ('' = cluster-wide only), as upstream's VisitRulesFor. */
export function visitRulesFor(source: RBACSource, user: UserInfo, namespace: string, visit: Visitor): void {
  const lists = [source.clusterRoleBindingsFor(user)];
  if (namespace) lists.push(source.roleBindingsFor(user, namespace));
  for (const list of lists) {
    for (const m of list) {
      const r = roleRefRules(source, m.binding);
      if ('error' in r) { if (!visit(() => describe(m), undefined, r.error)) return; continue; }
      for (const rule of r.rules) if (!visit(() => describe(m), rule, undefined)) return;
    }
  }
}

/** All rules a user holds in a namespace, and the resolution errors met (for escalation checks). */
export function rulesFor(source: RBACSource, user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(source, user, namespace, (_d, rule, err) => {
    if (rule) rules.push(rule);
    if (err) errors.push(err);
    return true;
  });
  return { rules, errors };
}

export class RBACAuthorizer implements Authorizer {
  private readonly source: RBACSource;
  constructor(source: RBACSource) { this.source = source; }

  async authorize(a: AuthorizationAttributes): Promise<Decision> {
    let allowedBy: (() => string) | undefined;
    const errors: string[] = [];
    visitRulesFor(this.source, a.user, a.namespace, (d, rule, err) => {
      if (err) { errors.push(err); return true; }
      if (rule && ruleAllows(a, rule)) { allowedBy = d; return false; }
      return true;
    });
    if (allowedBy) return { decision: 'Allow', reason: `RBAC: allowed by ${allowedBy()}` };
    // Upstream gives no opinion and only reports errors met while resolving roles.
    return { decision: 'NoOpinion', reason: errors.length > 0 ? `RBAC: ${aggregate(errors)}` : '' };
  }

  async rulesFor(user: UserInfo, namespace: string): Promise<{ resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[]; incomplete: boolean; evaluationError?: string }> {
    const { rules, errors } = rulesFor(this.source, user, namespace);
    const resourceRules: ResourceRule[] = [];
    const nonResourceRules: NonResourceRule[] = [];
    for (const r of rules) {
      if ((r.resources ?? []).length > 0) {
        const rr: ResourceRule = { verbs: [...r.verbs], apiGroups: [...(r.apiGroups ?? [])], resources: [...(r.resources ?? [])] };
        if ((r.resourceNames ?? []).length > 0) rr.resourceNames = [...(r.resourceNames ?? [])];
        resourceRules.push(rr);
      }
      if ((r.nonResourceURLs ?? []).length > 0) nonResourceRules.push({ verbs: [...r.verbs], nonResourceURLs: [...(r.nonResourceURLs ?? [])] });
    }
    const out: { resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[]; incomplete: boolean; evaluationError?: string } = {
      resourceRules, nonResourceRules, incomplete: errors.length > 0,
    };
    if (errors.length > 0) out.evaluationError = aggregate(errors);
    return out;
  }
}

/** utilerrors.NewAggregate(errs).Error(): one message, or "[a, b]". */
export function aggregate(errors: string[]): string {
  const uniq = [...new Set(errors)];
  return uniq.length === 1 ? (uniq[0] ?? '') : `[${uniq.join(', ')}]`;
}

/** Members of these groups may do anything (upstream's privileged-groups authorizer for system:masters). */
export function privilegedGroupsAuthorizer(groups: string[] = [MASTERS]): Authorizer {
  return {
    async authorize(a) {
      return a.user.groups.some((g) => groups.includes(g)) ? { decision: 'Allow', reason: '' } : { decision: 'NoOpinion', reason: '' };
    },
    // Not a rule source: the cluster-admin binding of system:masters lists what they hold.
    async rulesFor() { return { resourceRules: [], nonResourceRules: [], incomplete: false }; },
  };
}
