import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startHollowControllerCluster } from '../common/hollow-cluster.ts';
import { waitFor } from '../testing/cluster.ts';

test('a StatefulSet creates pods in order with their claims, scales down from the top and rolls out with a partition', async (t) => {
  const c = await startHollowControllerCluster(t, ['statefulset']);
  const sts = clientFor(c.client).resource<StatefulSet>(resources.statefulsets).namespace('default');
  const pods = clientFor(c.client).resource<Pod>(resources.pods).namespace('default');
  const pvcs = clientFor(c.client).resource<PersistentVolumeClaim>(resources.persistentvolumeclaims).namespace('default');
  const seen: string[] = [];
  const watcher = setInterval(() => {
    void pods.list({ labelSelector: 'app=db' }).then((l) => {
      for (const p of l.items) if (!seen.includes(p.metadata?.name ?? '')) seen.push(p.metadata?.name ?? '');
    }, () => {});
  }, 20);
  t.after(() => clearInterval(watcher));
  await sts.create({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
    spec: {
      replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
      persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' },
      template: { metadata: { labels: { app: 'db' }, annotations: { 'hollow.coxswain.io/ready-after': '300ms' } }, spec: { containers: [{ name: 'c', image: 'db:1' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  });
  const ready = await waitFor('3 ready', async () => {
    const s = await sts.get('db');
    return s.status?.readyReplicas === 3 ? s : undefined;
  }, 20_000);
  assert.deepEqual(seen, ['db-0', 'db-1', 'db-2'], 'created one at a time in ordinal order');
  assert.equal(ready.status?.currentRevision, ready.status?.updateRevision);
  const p1 = await pods.get('db-1');
  assert.equal(p1.spec?.hostname, 'db-1');
  assert.equal(p1.spec?.subdomain, 'db');
  assert.equal(p1.metadata?.labels?.['statefulset.kubernetes.io/pod-name'], 'db-1');
  assert.equal(p1.spec?.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim?.claimName, 'data-db-1');
  assert.deepEqual((await pvcs.list()).items.map((x) => x.metadata?.name).sort(), ['data-db-0', 'data-db-1', 'data-db-2']);

  // Partitioned rollout: only ordinals >= 1 move to the new revision, highest first.
  await sts.patch('db', 'merge', { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } }, template: { spec: { containers: [{ name: 'c', image: 'db:2' }] } } } });
  const rolled = await waitFor('2 updated', async () => {
    const s = await sts.get('db');
    return s.status?.updatedReplicas === 2 && s.status.readyReplicas === 3 ? s : undefined;
  }, 20_000);
  assert.notEqual(rolled.status?.currentRevision, rolled.status?.updateRevision);
  assert.equal((await pods.get('db-0')).spec?.containers[0]?.image, 'db:1');
  assert.equal((await pods.get('db-2')).spec?.containers[0]?.image, 'db:2');

  await sts.patch('db', 'merge', { spec: { replicas: 1 } });
  await waitFor('scaled to 1', async () => {
    const l = await pods.list({ labelSelector: 'app=db' });
    const s = await sts.get('db');
    return l.items.length === 1 && l.items[0]?.metadata?.name === 'db-0' && s.status?.replicas === 1;
  }, 20_000);
  await waitFor('claims of condemned ordinals deleted', async () => (await pvcs.list()).items.filter((x) => !x.metadata?.deletionTimestamp).length === 1);
});
