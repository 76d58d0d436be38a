import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startTestCluster } from '../../client/testing/server.ts';
import { startHollowNodes } from '../../kubelet/hollow/index.ts';
import { runStandalone } from '../common/standalone.ts';
import { EndpointSliceController } from '../endpointslice/controller.ts';
import { waitFor } from '../testing/cluster.ts';
import { EndpointsController, buildSubsets } from './controller.ts';

function pod(name: string, node: string, labels: Record<string, string>, annotations: Record<string, string> = {}, extra: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels, annotations },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }], ...extra },
  };
}

test('buildSubsets resolves named ports per pod and splits ready from not-ready addresses', () => {
  const svc: Service = { metadata: { name: 's', namespace: 'default' }, spec: { selector: { a: 'b' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } };
  const ready: Pod = { metadata: { name: 'p1', namespace: 'default', uid: 'u1' }, spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] }, status: { podIP: '10.0.0.2', conditions: [{ type: 'Ready', status: 'True' }] } };
  const other: Pod = { metadata: { name: 'p2', namespace: 'default', uid: 'u2' }, spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 9090 }] }] }, status: { podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'False' }] } };
  const noPort: Pod = { metadata: { name: 'p3', namespace: 'default' }, spec: { containers: [{ name: 'c' }] }, status: { podIP: '10.0.0.3' } };
  const { subsets } = buildSubsets(svc, [ready, other, noPort]);
  assert.equal(subsets.length, 2);
  const s8080 = subsets.find((s) => s.ports?.[0]?.port === 8080);
  const s9090 = subsets.find((s) => s.ports?.[0]?.port === 9090);
  assert.deepEqual(s8080?.addresses?.map((a) => a.ip), ['10.0.0.2']);
  assert.deepEqual(s9090?.notReadyAddresses?.map((a) => a.ip), ['10.0.0.1']);
  assert.equal(s9090?.addresses, undefined);
  const publish = buildSubsets({ ...svc, spec: { ...svc.spec, publishNotReadyAddresses: true } }, [other]);
  assert.deepEqual(publish.subsets[0]?.addresses?.map((a) => a.ip), ['10.0.0.1']);
});

test('Endpoints and EndpointSlices follow the pods of a Service through readiness, deletion and selector changes', async (t) => {
  const c = await startTestCluster(t);
  const hollow = await startHollowNodes(c.config, { count: 2, onError: () => {} });
  c.defer(() => hollow.stop());
  const ep = await runStandalone(c.config, (ctx) => new EndpointsController(ctx));
  c.defer(() => ep.stop());
  const es = await runStandalone(c.config, (ctx) => new EndpointSliceController(ctx, { maxEndpointsPerSlice: 2 }));
  c.defer(() => es.stop());
  const cl = clientFor(c.client);
  const pods = cl.resource<Pod>(resources.pods).namespace('default');
  const svcs = cl.resource<Service>(resources.services).namespace('default');
  const eps = cl.resource<Endpoints>(resources.endpoints).namespace('default');
  const slices = cl.resource<EndpointSlice>(resources.endpointslices).namespace('default');

  await svcs.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { tier: 'front' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
  // Placeholder slice while no pod matches.
  await waitFor('a placeholder slice', async () => {
    const l = await slices.list({ labelSelector: 'kubernetes.io/service-name=web' });
    return l.items.length === 1 && (l.items[0]?.endpoints ?? []).length === 0;
  });
  const [n0, n1] = hollow.nodes;
  await pods.create(pod('w0', n0 ?? '', { app: 'web' }, {}, { hostname: 'w0', subdomain: 'web' }));
  await pods.create(pod('w1', n1 ?? '', { app: 'web' }));
  await pods.create(pod('w2', n1 ?? '', { app: 'web' }, { 'hollow.coxswain.io/ready-after': '1h' }));
  const e = await waitFor('3 addresses, one not ready', async () => {
    const cur = await eps.get('web');
    const s = cur.subsets?.[0];
    return s?.addresses?.length === 2 && s.notReadyAddresses?.length === 1 ? cur : undefined;
  });
  const s = e.subsets?.[0];
  assert.deepEqual(s?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  const w0 = s?.addresses?.find((a) => a.targetRef?.name === 'w0');
  assert.equal(w0?.hostname, 'w0');
  assert.equal(w0?.nodeName, n0);
  assert.equal(s?.notReadyAddresses?.[0]?.targetRef?.name, 'w2');
  assert.equal(e.metadata?.labels?.tier, 'front');
  assert.match(e.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'] ?? '', /^\d{4}-\d\d-\d\dT/);

  const sl = await waitFor('3 endpoints in slices of at most 2', async () => {
    const l = await slices.list({ labelSelector: 'kubernetes.io/service-name=web' });
    const all = l.items.flatMap((x) => x.endpoints ?? []);
    return all.length === 3 && l.items.every((x) => (x.endpoints?.length ?? 0) <= 2) ? l.items : undefined;
  });
  for (const x of sl) {
    assert.equal(x.addressType, 'IPv4');
    assert.equal(x.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
    assert.equal(x.metadata?.ownerReferences?.[0]?.kind, 'Service');
    assert.equal(x.metadata?.ownerReferences?.[0]?.controller, true);
    assert.deepEqual(x.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  }
  const w2 = sl.flatMap((x) => x.endpoints ?? []).find((x) => x.targetRef?.name === 'w2');
  assert.deepEqual(w2?.conditions, { ready: false, serving: false, terminating: false });
  assert.ok(w2?.zone?.startsWith('zone-'));

  // A pod leaves the selector: it leaves both.
  await pods.patch('w1', 'merge', { metadata: { labels: { app: 'other' } } });
  await waitFor('w1 gone from endpoints and slices', async () => {
    const cur = await eps.get('web');
    const l = await slices.list({ labelSelector: 'kubernetes.io/service-name=web' });
    const names = l.items.flatMap((x) => x.endpoints ?? []).map((x) => x.targetRef?.name).sort();
    return cur.subsets?.[0]?.addresses?.length === 1 && JSON.stringify(names) === '["w0","w2"]';
  });
  // publishNotReadyAddresses: every pod is an address.
  await svcs.patch('web', 'merge', { spec: { publishNotReadyAddresses: true } });
  await waitFor('all addresses ready', async () => {
    const cur = await eps.get('web');
    return cur.subsets?.[0]?.addresses?.length === 2 && cur.subsets[0].notReadyAddresses === undefined;
  });
  // The Service goes: so do its Endpoints.
  await svcs.delete('web');
  await waitFor('endpoints deleted', async () => {
    try { await eps.get('web'); return false; } catch { return true; }
  });
});
