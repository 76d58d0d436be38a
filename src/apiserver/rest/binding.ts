// pods/binding (and POST .../bindings): the scheduler assigns a pod to a node.

import { StatusError, badRequest, conflict } from '../../api/errors.ts';
import { isPlainObject } from '../../api/types.ts';
import type { KubeObject } from '../../api/types.ts';
import type { MutationRequest } from './mutate.ts';
import { scopeOf } from './mutate.ts';
import { nowTimestamp, readBody } from './objects.ts';
import { admitBoth } from './write.ts';
import { successStatus } from './respond.ts';

export async function handleBinding(r: MutationRequest): Promise<void> {
  const body = await readBody(r.ex, r.ctx.options.maxRequestBytes, ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
  const b = body.value;
  if (!isPlainObject(b) || !isPlainObject(b.target)) throw badRequest('Binding must have a target');
  const meta = isPlainObject(b.metadata) ? b.metadata : {};
  const podName = r.name || (typeof meta.name === 'string' ? meta.name : '');
  const node = typeof b.target.name === 'string' ? b.target.name : '';
  if (!podName) throw badRequest('Binding has no pod name');
  if (!node) {
    throw new StatusError(422, 'Invalid', `Binding "${podName}" is invalid: target.name: Required value`,
      { kind: 'Binding', name: podName, causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'target.name' }] });
  }
  const podsRequest = { ...r, name: podName };
  const scope = { ...scopeOf(podsRequest), subresource: 'binding' };
  const q = { group: '', kind: 'Pod', resource: 'pods' };
  // As upstream's BindingREST: the binding is admitted, then the pod is changed straight in
  // storage — no pod validation and no managedFields entry for the scheduler.
  await r.rs.guaranteedUpdate(r.namespace, podName, async (cur) => {
    const spec = (cur.spec ?? {}) as { nodeName?: string };
    if (cur.metadata.deletionTimestamp) throw conflict(q, podName, 'pod is being deleted, cannot be assigned to a host');
    if (spec.nodeName) throw conflict(q, podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
    // A new pod sharing what it does not change with cur (which admission sees as the old one).
    const conds = (((cur.status ?? {}) as { conditions?: { type: string }[] }).conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastTransitionTime: nowTimestamp() } as { type: string });
    const ann = isPlainObject(meta.annotations) ? meta.annotations as Record<string, string> : undefined;
    const pod: KubeObject = {
      ...cur,
      metadata: ann ? { ...cur.metadata, annotations: { ...cur.metadata.annotations, ...ann } } : { ...cur.metadata },
      spec: { ...(cur.spec as object | undefined), nodeName: node },
      status: { ...(cur.status as object | undefined), conditions: conds },
    };
    await admitBoth(scope, 'UPDATE', pod, cur);
    return scope.dryRun ? undefined : pod;
  });
  r.ex.sendJSON(201, { ...successStatus(undefined), code: 201 });
}
