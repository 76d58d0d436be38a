// The scale subresource (autoscaling/v1 Scale) of deployments, replicasets, statefulsets and
// replication controllers: `kubectl scale` and the HPA read and write replicas through it.

import { badRequest, conflict } from '../../api/errors.ts';
import { applyJsonPatch, applyMergePatch } from '../../api/patch/index.ts';
import type { ScaleAccess } from '../../api/registry.ts';
import { isPlainObject } from '../../api/types.ts';
import type { KubeObject } from '../../api/types.ts';
import { MODIFIED_MESSAGE } from '../storage/resource.ts';
import type { MutationRequest } from './mutate.ts';
import { scopeOf, updateWith } from './mutate.ts';
import { clone, readBody, toServed } from './objects.ts';

export function scaleOf(obj: KubeObject, access: ScaleAccess): Record<string, unknown> {
  const m = obj.metadata;
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: access.specReplicas(obj) },
    status: { replicas: access.statusReplicas(obj), selector: access.selector(obj) || undefined },
  };
}

export async function getScale(r: MutationRequest, access: ScaleAccess): Promise<void> {
  const obj = toServed(r.t, await r.rs.get(r.namespace, r.name));
  r.ex.sendJSON(200, scaleOf(obj, access));
}

/** PUT or PATCH of Scale: computes the new Scale from the current one and writes spec.replicas. */
export async function writeScale(r: MutationRequest, access: ScaleAccess, method: 'PUT' | 'PATCH'): Promise<void> {
  const body = await readBody(r.ex, r.ctx.options.maxRequestBytes, method === 'PUT'
    ? ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']
    : ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);
  const s = scopeOf(r);
  const q = { group: r.t.group, kind: r.t.kind, resource: r.t.resource };
  const result = await updateWith(r, { ...s, subresource: 'scale' }, 'sub', (cur) => {
    const current = scaleOf(cur, access);
    let next: unknown;
    if (method === 'PUT') next = body.value;
    else if (body.mediaType === 'application/json-patch+json') next = applyJsonPatch(current, body.value);
    else next = applyMergePatch(current, body.value);
    if (!isPlainObject(next)) throw badRequest('Scale must be an object');
    const meta = isPlainObject(next.metadata) ? next.metadata : {};
    if (typeof meta.resourceVersion === 'string' && meta.resourceVersion && meta.resourceVersion !== cur.metadata.resourceVersion) {
      throw conflict(q, r.name, MODIFIED_MESSAGE);
    }
    const spec = isPlainObject(next.spec) ? next.spec : {};
    const replicas = spec.replicas ?? 0;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw badRequest(`Scale.autoscaling "${r.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
    }
    const updated = clone(cur);
    access.setSpecReplicas(updated, replicas);
    return updated;
  });
  r.ex.sendJSON(200, scaleOf(result.obj, access));
}
