import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startTestCluster } from '../../client/testing/server.ts';
import { runStandalone } from '../common/standalone.ts';
import { waitFor } from '../testing/cluster.ts';
import { CIDRSet } from './cidr.ts';
import { NodeIPAMController } from './controller.ts';

test('a CIDR set hands out each subnet once, skips occupied ones and reuses released ones', () => {
  const s = new CIDRSet('10.42.0.0/22', 24);
  assert.equal(s.occupy('10.42.1.0/24'), true);
  assert.equal(s.occupy('10.128.0.0/24'), false);
  assert.deepEqual([s.allocateNext(), s.allocateNext(), s.allocateNext(), s.allocateNext()], ['10.42.0.0/24', '10.42.2.0/24', '10.42.3.0/24', undefined]);
  s.release('10.42.2.0/24');
  assert.equal(s.allocateNext(), '10.42.2.0/24');
  assert.throws(() => new CIDRSet('10.42.0.0/16', 8));
});

test('node IPAM gives every node its own podCIDR from the cluster CIDR and releases it when the node goes', async (t) => {
  const c = await startTestCluster(t);
  const nodes = clientFor(c.client).resource<Node>(resources.nodes);
  await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'pre' }, spec: { podCIDR: '10.42.0.0/24', podCIDRs: ['10.42.0.0/24'] } });
  const ipam = await runStandalone(c.config, (ctx) => new NodeIPAMController(ctx, { clusterCIDR: '10.42.0.0/23' }));
  c.defer(() => ipam.stop());
  await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'a' } });
  const a = await waitFor('a podCIDR', async () => (await nodes.get('a')).spec?.podCIDR);
  assert.equal(a, '10.42.1.0/24');
  assert.deepEqual((await nodes.get('a')).spec?.podCIDRs, ['10.42.1.0/24']);
  await nodes.delete('a');
  await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'b' } });
  assert.equal(await waitFor('b podCIDR', async () => (await nodes.get('b')).spec?.podCIDR), '10.42.1.0/24');
});
