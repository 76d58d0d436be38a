// Creates the default policy at start and keeps it current, as upstream's storage_rbac post-start
// hook: missing objects are created; objects annotated rbac.authorization.kubernetes.io/autoupdate
// "true" get missing labels, annotations, rules, aggregation selectors and subjects added back.

import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../../api/types.ts';
import type { ApiContext } from '../../../apiserver/rest/context.ts';
import { prepareCreate, prepareUpdate } from '../../../apiserver/rest/write.ts';
import type { WriteScope } from '../../../apiserver/rest/write.ts';
import { covers, rulesOf } from '../rules.ts';
import { RBAC_GROUP } from '../types.ts';
import { AUTOUPDATE } from './builders.ts';
import { namespacedRoleBindings, namespacedRoles } from './namespaced.ts';
import { clusterRoleBindings, clusterRoles } from './policy.ts';

const SYSTEM_USER = { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

function scope(ctx: ApiContext, resource: string, namespace: string): WriteScope {
  const t = ctx.registry.lookup(RBAC_GROUP, 'v1', resource);
  if (!t) throw new Error(`RBAC: ${resource}.${RBAC_GROUP} is not registered`);
  return { ctx, t, namespace, subresource: '', user: SYSTEM_USER, dryRun: false, fieldManager: 'kube-apiserver' };
}

function mergeMap(existing: Record<string, string> | undefined, expected: Record<string, string> | undefined): Record<string, string> {
  return { ...expected, ...existing };
}

/** The reconciled form of an existing Role/ClusterRole, or undefined when it needs no change. */
export function reconcileRole(existing: KubeObject, expected: KubeObject): KubeObject | undefined {
  if (existing.metadata.annotations?.[AUTOUPDATE] !== 'true') return undefined;
  const next = structuredClone(existing) as KubeObject;
  next.metadata.labels = mergeMap(existing.metadata.labels, expected.metadata.labels);
  next.metadata.annotations = mergeMap(existing.metadata.annotations, expected.metadata.annotations);
  const { missing } = covers(rulesOf(existing), rulesOf(expected));
  if (missing.length > 0) next['rules'] = [...(Array.isArray(existing['rules']) ? existing['rules'] : []), ...missing];
  const wantAgg = expected['aggregationRule'] as { clusterRoleSelectors?: unknown[] } | undefined;
  if (wantAgg) {
    const have = (existing['aggregationRule'] as { clusterRoleSelectors?: unknown[] } | undefined)?.clusterRoleSelectors ?? [];
    const add = (wantAgg.clusterRoleSelectors ?? []).filter((s) => !have.some((h) => isDeepStrictEqual(h, s)));
    if (add.length > 0) next['aggregationRule'] = { clusterRoleSelectors: [...have, ...add] };
  }
  return isDeepStrictEqual(next, existing) ? undefined : next;
}

/** The reconciled form of an existing binding: 'recreate' when its roleRef differs (roleRef is immutable). */
export function reconcileBinding(existing: KubeObject, expected: KubeObject): KubeObject | 'recreate' | undefined {
  if (existing.metadata.annotations?.[AUTOUPDATE] !== 'true') return undefined;
  if (!isDeepStrictEqual(existing['roleRef'], expected['roleRef'])) return 'recreate';
  const next = structuredClone(existing) as KubeObject;
  next.metadata.labels = mergeMap(existing.metadata.labels, expected.metadata.labels);
  next.metadata.annotations = mergeMap(existing.metadata.annotations, expected.metadata.annotations);
  const have = Array.isArray(existing['subjects']) ? existing['subjects'] as Record<string, unknown>[] : [];
  const same = (a: Record<string, unknown>, b: Record<string, unknown>): boolean =>
    a['kind'] === b['kind'] && a['name'] === b['name'] && (a['namespace'] ?? '') === (b['namespace'] ?? '');
  const want = (expected['subjects'] ?? []) as Record<string, unknown>[];
  const add = want.filter((s) => !have.some((h) => same(h, s)));
  if (add.length > 0) next['subjects'] = [...have, ...add];
  return isDeepStrictEqual(next, existing) ? undefined : next;
}

async function ensure(ctx: ApiContext, resource: string, expected: KubeObject, isBinding: boolean): Promise<void> {
  const namespace = expected.metadata.namespace ?? '';
  const name = expected.metadata.name ?? '';
  const s = scope(ctx, resource, namespace);
  const rs = ctx.storageFor(s.t);
  const create = async (): Promise<void> => {
    try { await rs.create(await prepareCreate(s, structuredClone(expected))); } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
    }
  };
  let existing: KubeObject;
  try { existing = await rs.get(namespace, name); } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
    await create();
    return;
  }
  const plan = isBinding ? reconcileBinding(existing, expected) : reconcileRole(existing, expected);
  if (plan === undefined) return;
  if (plan === 'recreate') {
    await rs.delete(namespace, name, Number(existing.metadata.resourceVersion));
    await create();
    return;
  }
  await rs.guaranteedUpdate(namespace, name, async (cur) => {
    const again = isBinding ? reconcileBinding(cur, expected) : reconcileRole(cur, expected);
    if (again === undefined || again === 'recreate') return undefined;
    return prepareUpdate(s, again, cur, 'main');
  });
}

/** Ensures the whole default policy; namespaced objects need kube-system and kube-public to exist. */
export async function reconcileDefaultPolicy(ctx: ApiContext): Promise<void> {
  for (const o of clusterRoles()) await ensure(ctx, 'clusterroles', o, false);
  for (const o of clusterRoleBindings()) await ensure(ctx, 'clusterrolebindings', o, true);
  for (const o of namespacedRoles()) await ensure(ctx, 'roles', o, false);
  for (const o of namespacedRoleBindings()) await ensure(ctx, 'rolebindings', o, true);
}
