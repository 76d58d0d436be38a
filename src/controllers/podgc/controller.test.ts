import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startTestCluster } from '../../client/testing/server.ts';
import { runStandalone } from '../common/standalone.ts';
import { waitFor } from '../testing/cluster.ts';
import { PodGCController } from './controller.ts';

function pod(name: string, created: number, node?: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { n: String(created) } }, spec: { nodeName: node, containers: [{ name: 'c', image: 'x' }] } };
}

test('podgc deletes the oldest terminated pods above the threshold, pods of vanished nodes after quarantine, and unscheduled terminating pods', async (t) => {
  const c = await startTestCluster(t);
  const cl = clientFor(c.client);
  const pods = cl.resource<Pod>(resources.pods).namespace('default');
  const nodes = cl.resource<Node>(resources.nodes);
  await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'alive' } });
  for (let i = 0; i < 4; i++) {
    await pods.create(pod(`done-${i}`, i, 'alive'));
    await pods.patch(`done-${i}`, 'merge', { status: { phase: 'Succeeded' } }, { subresource: 'status' });
    await new Promise((r) => setTimeout(r, 1100)); // distinct creation timestamps (seconds)
  }
  await pods.create(pod('running', 9, 'alive'));
  await pods.create(pod('orphan', 9, 'gone-node'));
  await pods.create({ ...pod('pending', 9), metadata: { name: 'pending', namespace: 'default', finalizers: ['example.com/hold'] } });
  await pods.delete('pending');
  const gc = await runStandalone(c.config, (ctx) => new PodGCController(ctx, { terminatedPodThreshold: 2, gcCheckPeriodMs: 200, quarantineMs: 600 }));
  c.defer(() => gc.stop());
  await waitFor('two oldest terminated pods deleted', async () => {
    const names = (await pods.list()).items.map((p) => p.metadata?.name);
    return !names.includes('done-0') && !names.includes('done-1') && names.includes('done-2') && names.includes('done-3');
  });
  const start = Date.now();
  await waitFor('orphan deleted', async () => !(await pods.list()).items.some((p) => p.metadata?.name === 'orphan'));
  assert.ok(Date.now() - start >= 200, 'the orphan is kept during the quarantine');
  const names = (await pods.list()).items.map((p) => p.metadata?.name);
  assert.ok(names.includes('running'));
  // The unscheduled terminating pod was force-deleted: only its finalizer holds it now.
  const pending = await pods.get('pending');
  assert.equal(pending.metadata?.deletionGracePeriodSeconds, 0);
});
