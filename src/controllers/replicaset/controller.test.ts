import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { ReplicationController } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startControllerTestCluster, waitFor } from '../testing/cluster.ts';

function rs(name: string, replicas: number, labels: Record<string, string>): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
}

test('a ReplicaSet creates its pods once, replaces a deleted pod, scales down and reports status', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['replicaset'] });
  const rsc = clientFor(c.client).resource<ReplicaSet>(resources.replicasets).namespace('default');
  const pods = clientFor(c.client).resource<Pod>(resources.pods).namespace('default');
  await rsc.create(rs('web', 5, { app: 'web' }));
  const ready = await waitFor('5 ready replicas', async () => {
    const cur = await rsc.get('web');
    return cur.status?.readyReplicas === 5 && cur.status.availableReplicas === 5 && cur.status.fullyLabeledReplicas === 5 ? cur : undefined;
  });
  assert.equal(ready.status?.observedGeneration, ready.metadata?.generation);
  let list = await pods.list({ labelSelector: 'app=web' });
  assert.equal(list.items.length, 5, 'never more pods than replicas');
  for (const p of list.items) {
    const ref = p.metadata?.ownerReferences?.[0];
    assert.equal(ref?.uid, ready.metadata?.uid);
    assert.equal(ref?.controller, true);
    assert.equal(ref?.blockOwnerDeletion, true);
    assert.match(p.metadata?.name ?? '', /^web-[a-z0-9]{5}$/);
  }
  const victim = list.items[0]?.metadata?.name ?? '';
  await pods.delete(victim);
  await waitFor('the pod replaced', async () => {
    const l = await pods.list({ labelSelector: 'app=web' });
    return l.items.length === 5 && !l.items.some((p) => p.metadata?.name === victim) && l.items.every((p) => p.status?.phase === 'Running');
  });
  await rsc.patch('web', 'merge', { spec: { replicas: 2 } });
  await waitFor('scaled down to 2', async () => {
    const l = await pods.list({ labelSelector: 'app=web' });
    const cur = await rsc.get('web');
    return l.items.length === 2 && cur.status?.replicas === 2;
  });
  list = await pods.list({ labelSelector: 'app=web' });
  assert.equal(list.items.length, 2);
  const events = await clientFor(c.client).resource(resources.events).namespace('default').list();
  const reasons = new Set(events.items.map((e) => (e as { reason?: string }).reason));
  assert.ok(reasons.has('SuccessfulCreate'));
  assert.ok(reasons.has('SuccessfulDelete'));
});

test('a ReplicaSet adopts a matching orphan pod and releases a pod whose labels stop matching', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['replicaset'], kubelet: false });
  const rsc = clientFor(c.client).resource<ReplicaSet>(resources.replicasets).namespace('default');
  const pods = clientFor(c.client).resource<Pod>(resources.pods).namespace('default');
  await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  const created = await rsc.create(rs('db', 2, { app: 'db' }));
  const adopted = await waitFor('adoption', async () => {
    const p = await pods.get('orphan');
    return p.metadata?.ownerReferences?.[0]?.uid === created.metadata?.uid ? p : undefined;
  });
  assert.equal(adopted.metadata?.ownerReferences?.[0]?.controller, true);
  await waitFor('2 pods', async () => (await pods.list({ labelSelector: 'app=db' })).items.length === 2);
  await pods.patch('orphan', 'merge', { metadata: { labels: { app: 'other' } } });
  await waitFor('release and a replacement', async () => {
    const p = await pods.get('orphan');
    const l = await pods.list({ labelSelector: 'app=db' });
    return (p.metadata?.ownerReferences ?? []).length === 0 && l.items.length === 2;
  });
});

test('a ReplicationController keeps its replicas like a ReplicaSet', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['replicationcontroller'] });
  const rcs = clientFor(c.client).resource<ReplicationController>(resources.replicationcontrollers).namespace('default');
  await rcs.create({
    apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' },
    spec: { replicas: 3, selector: { app: 'rc' }, template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  });
  const cur = await waitFor('3 ready', async () => {
    const r = await rcs.get('rc');
    return r.status?.readyReplicas === 3 ? r : undefined;
  });
  assert.equal(cur.status?.replicas, 3);
  const pods = await clientFor(c.client).resource<Pod>(resources.pods).namespace('default').list({ labelSelector: 'app=rc' });
  assert.equal(pods.items.length, 3);
  assert.equal(pods.items[0]?.metadata?.ownerReferences?.[0]?.kind, 'ReplicationController');
});
