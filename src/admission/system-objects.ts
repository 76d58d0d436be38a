// Objects the apiserver makes for itself at start through the regular write path (defaults,
// validation, admission), like upstream's post-start hooks.

import type { KubeObject } from '../api/types.ts';
import type { ApiContext } from '../apiserver/rest/context.ts';
import { clone } from '../apiserver/rest/objects.ts';
import { prepareCreate } from '../apiserver/rest/write.ts';

const APISERVER = { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

/** Creates obj unless an object of that name exists. */
export async function createIfMissing(ctx: ApiContext, group: string, version: string, resource: string, obj: KubeObject): Promise<void> {
  const t = ctx.registry.lookup(group, version, resource);
  if (!t) throw new Error(`${group}/${version}/${resource} is not served`);
  const rs = ctx.storageFor(t);
  const namespace = obj.metadata.namespace ?? '';
  try { await rs.get(namespace, obj.metadata.name ?? ''); return; } catch { /* missing: create it */ }
  const scope = { ctx, t, namespace, subresource: '', user: APISERVER, dryRun: false, fieldManager: 'kube-apiserver' };
  try {
    await rs.create(await prepareCreate(scope, clone(obj)));
  } catch (err) {
    if ((err as { code?: number }).code !== 409) throw err;
  }
}
