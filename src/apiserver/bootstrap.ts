// What the apiserver creates for itself at start: the system namespaces and the `kubernetes`
// service in `default` with its Endpoints and EndpointSlice (upstream's bootstrap controller).

import type { KubeObject } from '../api/types.ts';
import { ensureFlowControlBootstrap } from './flowcontrol/bootstrap.ts';
import type { ApiContext } from './rest/context.ts';
import { clone } from './rest/objects.ts';
import { prepareCreate, prepareUpdate } from './rest/write.ts';
import type { WriteScope } from './rest/write.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** The first usable address of a CIDR, e.g. 10.43.0.0/16 → 10.43.0.1 (the kubernetes service). */
export function firstServiceIP(cidr: string): string {
  const [base] = cidr.split('/');
  const parts = (base ?? '').split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) throw new Error(`invalid service CIDR ${cidr}`);
  const n = ((((parts[0] ?? 0) << 24) >>> 0) + ((parts[1] ?? 0) << 16) + ((parts[2] ?? 0) << 8) + (parts[3] ?? 0) + 1) >>> 0;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const SYSTEM_USER = { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

function scope(ctx: ApiContext, group: string, version: string, resource: string, namespace: string): WriteScope {
  const t = ctx.registry.lookup(group, version, resource);
  if (!t) throw new Error(`bootstrap: ${group}/${version}/${resource} is not registered`);
  return { ctx, t, namespace, subresource: '', user: SYSTEM_USER, dryRun: false, fieldManager: 'kube-apiserver' };
}

/** Creates obj unless it exists; with `reconcile`, rewrites the fields it sets when they differ. */
async function ensure(s: WriteScope, obj: KubeObject, reconcile = false): Promise<void> {
  const rs = s.ctx.storageFor(s.t);
  const name = obj.metadata.name ?? '';
  let cur: KubeObject | undefined;
  try { cur = await rs.get(s.namespace, name); } catch { cur = undefined; }
  if (!cur) {
    try { await rs.create(await prepareCreate(s, clone(obj))); } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
    }
    return;
  }
  if (!reconcile) return;
  await rs.guaranteedUpdate(s.namespace, name, async (c) => {
    const next = { ...clone(c), ...clone(obj), metadata: { ...clone(c).metadata, labels: { ...c.metadata.labels, ...obj.metadata.labels } } } as KubeObject;
    return prepareUpdate(s, next, c, 'main');
  });
}

export async function bootstrapCluster(ctx: ApiContext, o: { advertiseAddress: string; port: number }): Promise<void> {
  for (const ns of SYSTEM_NAMESPACES) {
    await ensure(scope(ctx, '', 'v1', 'namespaces', ''), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } } });
  }
  await ensure(scope(ctx, '', 'v1', 'services', 'default'), {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP', clusterIP: firstServiceIP(ctx.options.serviceCIDR), sessionAffinity: 'None',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: o.port }],
    },
  });
  await ensure(scope(ctx, '', 'v1', 'endpoints', 'default'), {
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: o.advertiseAddress }], ports: [{ name: 'https', port: o.port, protocol: 'TCP' }] }],
  }, true);
  await ensure(scope(ctx, 'discovery.k8s.io', 'v1', 'endpointslices', 'default'), {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [o.advertiseAddress], conditions: { ready: true } }],
    ports: [{ name: 'https', port: o.port, protocol: 'TCP' }],
  }, true);
  await ensureFlowControlBootstrap(ctx);
}
