import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { clientFor, isNotFound, resources } from '../../client/index.ts';
import type { ResourceClient } from '../../client/index.ts';
import { startControllerTestCluster, waitFor } from '../testing/cluster.ts';

function cm(name: string, owners: { name: string; uid: string; block?: boolean }[] = []): ConfigMap {
  return {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: {
      name, namespace: 'default',
      ownerReferences: owners.map((o) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.name, uid: o.uid, blockOwnerDeletion: o.block })),
    },
  };
}

async function gone(c: ResourceClient<ConfigMap>, name: string): Promise<boolean> {
  try {
    await c.get(name);
    return false;
  } catch (err) {
    if (isNotFound(err)) return true;
    throw err;
  }
}

test('background deletion removes dependents of a deleted owner, and a dangling reference too', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['garbagecollector'], kubelet: false });
  const cms = clientFor(c.client).resource<ConfigMap>(resources.configmaps).namespace('default');
  const owner = await cms.create(cm('owner'));
  await cms.create(cm('child', [{ name: 'owner', uid: owner.metadata?.uid ?? '' }]));
  await cms.create(cm('grandchild', [{ name: 'child', uid: (await cms.get('child')).metadata?.uid ?? '' }]));
  await cms.create(cm('dangling', [{ name: 'nobody', uid: '00000000-0000-0000-0000-000000000000' }]));
  // An owner reference with another owner still alive keeps the object.
  const other = await cms.create(cm('other'));
  await cms.create(cm('shared', [{ name: 'owner', uid: owner.metadata?.uid ?? '' }, { name: 'other', uid: other.metadata?.uid ?? '' }]));
  await waitFor('dangling dependent deleted', () => gone(cms, 'dangling'));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await gone(cms, 'child'), false, 'a dependent with a live owner stays');
  await cms.delete('owner');
  await waitFor('child and grandchild deleted', async () => (await gone(cms, 'child')) && gone(cms, 'grandchild'));
  const shared = await waitFor('shared lost its reference to the deleted owner', async () => {
    const s = await cms.get('shared');
    return s.metadata?.ownerReferences?.length === 1 ? s : undefined;
  });
  assert.equal(shared.metadata?.ownerReferences?.[0]?.name, 'other');
});

test('foreground deletion deletes blocking dependents first; orphan deletion keeps dependents without the reference', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['garbagecollector'], kubelet: false });
  const cms = clientFor(c.client).resource<ConfigMap>(resources.configmaps).namespace('default');
  const fg = await cms.create(cm('fg'));
  await cms.create({ ...cm('fg-child', [{ name: 'fg', uid: fg.metadata?.uid ?? '', block: true }]), metadata: { ...cm('fg-child', [{ name: 'fg', uid: fg.metadata?.uid ?? '', block: true }]).metadata, finalizers: ['example.com/hold'] } });
  await cms.delete('fg', { propagationPolicy: 'Foreground' });
  const held = await waitFor('the child being deleted while the owner waits', async () => {
    const child = await cms.get('fg-child');
    return child.metadata?.deletionTimestamp ? child : undefined;
  });
  assert.ok(held);
  const owner = await cms.get('fg');
  assert.ok(owner.metadata?.deletionTimestamp);
  assert.deepEqual(owner.metadata?.finalizers, ['foregroundDeletion']);
  await cms.patch('fg-child', 'merge', { metadata: { finalizers: null } });
  await waitFor('owner gone after its dependent', () => gone(cms, 'fg'));

  const or = await cms.create(cm('or'));
  await cms.create(cm('or-child', [{ name: 'or', uid: or.metadata?.uid ?? '' }]));
  await cms.delete('or', { propagationPolicy: 'Orphan' });
  await waitFor('orphaning owner gone', () => gone(cms, 'or'));
  const child = await cms.get('or-child');
  assert.equal((child.metadata?.ownerReferences ?? []).length, 0);
});

test('a foreground deletion through an ownership cycle completes', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['garbagecollector'], kubelet: false });
  const cms = clientFor(c.client).resource<ConfigMap>(resources.configmaps).namespace('default');
  const a = await cms.create(cm('a'));
  const b = await cms.create(cm('b', [{ name: 'a', uid: a.metadata?.uid ?? '', block: true }]));
  await cms.patch('a', 'merge', { metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'b', uid: b.metadata?.uid, blockOwnerDeletion: true }] } });
  await new Promise((r) => setTimeout(r, 200));
  await cms.delete('a', { propagationPolicy: 'Foreground' });
  await waitFor('both gone', async () => (await gone(cms, 'a')) && gone(cms, 'b'));
});
