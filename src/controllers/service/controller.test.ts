import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startTestCluster } from '../../client/testing/server.ts';
import { startHollowNodes } from '../../kubelet/hollow/index.ts';
import { runStandalone } from '../common/standalone.ts';
import { waitFor } from '../testing/cluster.ts';
import { ServiceController } from './controller.ts';

test('a LoadBalancer Service gets the Ready nodes as ingress, and loses it when its type changes', async (t) => {
  const c = await startTestCluster(t);
  const hollow = await startHollowNodes(c.config, { count: 2, onError: () => {} });
  c.defer(() => hollow.stop());
  const sc = await runStandalone(c.config, (ctx) => new ServiceController(ctx));
  c.defer(() => sc.stop());
  const svcs = clientFor(c.client).resource<Service>(resources.services).namespace('default');
  await svcs.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', selector: { a: 'b' }, ports: [{ port: 80 }] } });
  await svcs.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'other' }, spec: { type: 'LoadBalancer', loadBalancerClass: 'example.com/lb', ports: [{ port: 80 }] } });
  const ingress = await waitFor('ingress', async () => {
    const s = await svcs.get('lb');
    return (s.status?.loadBalancer?.ingress?.length ?? 0) === 2 ? s.status?.loadBalancer?.ingress : undefined;
  });
  for (const i of ingress) assert.match(i.ip ?? '', /^10\.200\./);
  await svcs.patch('lb', 'merge', { spec: { type: 'ClusterIP', externalTrafficPolicy: null, allocateLoadBalancerNodePorts: null, ports: [{ port: 80 }] } });
  await waitFor('ingress cleared', async () => ((await svcs.get('lb')).status?.loadBalancer?.ingress ?? []).length === 0);
  assert.equal((await svcs.get('other')).status?.loadBalancer?.ingress, undefined, 'another class is left alone');
});
