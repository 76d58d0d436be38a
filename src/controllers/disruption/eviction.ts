// POST pods/NAME/eviction (upstream pkg/registry/core/pod/storage/eviction.go): deletes the pod
// unless that would break its PodDisruptionBudget. An allowed eviction takes one disruption from
// the budget (a compare-and-swap write of its status, recording the pod in disruptedPods) before
// the pod is deleted with the Eviction's deleteOptions; otherwise 429 TooManyRequests.

import { StatusError, badRequest, internalError } from '../../api/errors.ts';
import type { KubeObject } from '../../api/types.ts';
import { isPlainObject } from '../../api/types.ts';
import { readBody } from '../../apiserver/rest/objects.ts';
import type { ApiContext } from '../../apiserver/rest/context.ts';
import type { SubresourceHandler } from '../../apiserver/rest/resource.ts';
import { deleteObject } from '../../apiserver/rest/delete.ts';
import type { DeleteOptions } from '../../apiserver/rest/delete.ts';
import { negotiate } from '../../apiserver/rest/negotiate.ts';
import { successStatus } from '../../apiserver/rest/respond.ts';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { isPodReady } from '../common/pods.ts';
import { MaxDisruptedPodSize, pdbSelects, statusWithAllowed } from './budget.ts';

const Violation = "Cannot evict pod as it would violate the pod's disruption budget.";

function iso(ms: number): string { return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z'); }

function tooManyRequests(message: string): StatusError {
  return new StatusError(429, 'TooManyRequests', Violation, { causes: [{ reason: 'DisruptionBudget', message }] });
}

function evictionDeleteOptions(body: unknown): DeleteOptions {
  const opts: DeleteOptions = { dryRun: false };
  const d = isPlainObject(body) && isPlainObject(body.deleteOptions) ? body.deleteOptions : undefined;
  if (!d) return opts;
  if (typeof d.gracePeriodSeconds === 'number') opts.gracePeriodSeconds = d.gracePeriodSeconds;
  if (Array.isArray(d.dryRun) && d.dryRun.includes('All')) opts.dryRun = true;
  const pp = d.propagationPolicy;
  if (pp === 'Orphan' || pp === 'Background' || pp === 'Foreground') opts.propagationPolicy = pp;
  if (isPlainObject(d.preconditions)) {
    opts.preconditions = {
      uid: typeof d.preconditions.uid === 'string' ? d.preconditions.uid : undefined,
      resourceVersion: typeof d.preconditions.resourceVersion === 'string' ? d.preconditions.resourceVersion : undefined,
    };
  }
  return opts;
}

/** Upstream canIgnorePDB: finished, pending or already-deleting pods need no budget. */
function canIgnorePDB(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!p.metadata?.deletionTimestamp;
}

export function evictionHandler(now: () => number = Date.now): SubresourceHandler {
  return async (ctx, ex, info, t) => {
    if (ex.method !== 'POST') throw new StatusError(405, 'MethodNotAllowed', `${ex.method} is not supported on pods/eviction`, {});
    const namespace = info.namespace;
    const name = info.name;
    if (!namespace || !name) throw badRequest('an eviction needs a namespace and a pod name');
    const body = await readBody(ex, ctx.options.maxRequestBytes, ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
    const meta = isPlainObject(body.value) && isPlainObject(body.value.metadata) ? body.value.metadata : {};
    if (typeof meta.name === 'string' && meta.name !== '' && meta.name !== name) throw badRequest(`name in URL does not match name in Eviction object`);
    const opts = evictionDeleteOptions(body.value);
    if (ex.query.getAll('dryRun').includes('All')) opts.dryRun = true;
    const podStore = ctx.storageFor(t);
    const pdbStore = ctx.storageByResource('policy', 'poddisruptionbudgets');
    if (!pdbStore) throw internalError(new Error('no storage for poddisruptionbudgets'));
    const pod = await podStore.get(namespace, name) as KubeObject & Pod;

    if (!canIgnorePDB(pod)) {
      const pdbs = pdbStore.cache.values().filter((b) => pdbSelects(b as PodDisruptionBudget, pod)) as (KubeObject & PodDisruptionBudget)[];
      if (pdbs.length > 1) {
        throw new StatusError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', {});
      }
      const pdb = pdbs[0];
      if (pdb) {
        const st = pdb.status;
        const unhealthyOK = !isPodReady(pod) && (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow'
          || (st?.currentHealthy ?? 0) >= (st?.desiredHealthy ?? 0) && (st?.desiredHealthy ?? 0) > 0);
        if (!unhealthyOK) await checkAndDecrement(pdbStore, pdb, name, opts.dryRun, now());
      }
    }
    const podsRequest = { ctx, ex, t, rs: podStore, namespace, name, subresource: '', neg: negotiate(ex.header('accept')) };
    await deleteObject(podsRequest, name, opts);
    ex.sendJSON(201, { ...successStatus(undefined), code: 201 });
  };
}

type Store = NonNullable<ReturnType<ApiContext['storageByResource']>>;

/** Upstream checkAndDecrement, then a compare-and-swap write of the budget's status. */
async function checkAndDecrement(store: Store, pdb: KubeObject & PodDisruptionBudget, podName: string, dryRun: boolean, nowMs: number): Promise<void> {
  const pdbName = pdb.metadata.name ?? '';
  const st = pdb.status;
  if ((st?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) {
    throw tooManyRequests(`The disruption budget ${pdbName} is still being processed by the server.`);
  }
  const allowed = st?.disruptionsAllowed ?? 0;
  if (allowed < 0) throw new StatusError(403, 'Forbidden', 'pdb disruptions allowed is negative', {});
  if (Object.keys(st?.disruptedPods ?? {}).length > MaxDisruptedPodSize) {
    throw new StatusError(403, 'Forbidden', 'DisruptedPods map too big - too many evictions not confirmed by PDB controller', {});
  }
  if (allowed === 0) {
    throw tooManyRequests(`The disruption budget ${pdbName} needs ${st?.desiredHealthy ?? 0} healthy pods and has ${st?.currentHealthy ?? 0} currently`);
  }
  if (dryRun) return;
  const next = structuredClone(pdb);
  next.status = statusWithAllowed(st, allowed - 1, iso(nowMs), st?.observedGeneration);
  next.status.disruptedPods = { ...st?.disruptedPods, [podName]: iso(nowMs) };
  try {
    await store.update(next, Number(pdb.metadata.resourceVersion));
  } catch (err) {
    // Someone else wrote the budget meanwhile: the client retries with the fresh state (as upstream's 429/409 retry).
    if (err instanceof StatusError && err.code === 409) throw tooManyRequests(`The disruption budget ${pdbName} changed; retry the eviction.`);
    throw err;
  }
}
