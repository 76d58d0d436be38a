import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import type { RestClient } from '../../client/index.ts';
import { startControllerTestCluster, waitFor } from '../testing/cluster.ts';

function deployment(name: string, replicas: number, image: string, extra: Partial<NonNullable<Deployment['spec']>> = {}): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } }, ...extra,
    },
  };
}

/** What `kubectl rollout status` waits for. */
function rolledOut(d: Deployment): boolean {
  const s = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  return (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && (s.updatedReplicas ?? 0) === want
    && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want;
}

async function replicaSets(client: RestClient, app: string): Promise<ReplicaSet[]> {
  return (await clientFor(client).resource<ReplicaSet>(resources.replicasets).namespace('default').list({ labelSelector: `app=${app}` })).items;
}

test('a Deployment rolls out, rolls forward to a new template with revisions, and completes', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['deployment', 'replicaset'] });
  const dc = clientFor(c.client).resource<Deployment>(resources.deployments).namespace('default');
  await dc.create(deployment('web', 4, 'nginx:1'));
  const d1 = await waitFor('first rollout', async () => { const d = await dc.get('web'); return rolledOut(d) ? d : undefined; });
  assert.equal(d1.metadata?.annotations?.['deployment.kubernetes.io/revision'], '1');
  const avail = d1.status?.conditions?.find((x) => x.type === 'Available');
  assert.equal(avail?.status, 'True');
  assert.equal(avail?.reason, 'MinimumReplicasAvailable');
  await waitFor('Progressing NewReplicaSetAvailable', async () => {
    const d = await dc.get('web');
    return d.status?.conditions?.find((x) => x.type === 'Progressing')?.reason === 'NewReplicaSetAvailable';
  });
  let rss = await replicaSets(c.client, 'web');
  assert.equal(rss.length, 1);
  const hash = rss[0]?.metadata?.labels?.['pod-template-hash'] ?? '';
  assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.equal(rss[0]?.metadata?.name, `web-${hash}`);
  assert.equal(rss[0]?.spec?.selector?.matchLabels?.['pod-template-hash'], hash);

  await dc.patch('web', 'merge', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } });
  const d2 = await waitFor('second rollout', async () => {
    const d = await dc.get('web');
    return rolledOut(d) && d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '2' ? d : undefined;
  });
  assert.equal(d2.status?.unavailableReplicas ?? 0, 0);
  rss = await replicaSets(c.client, 'web');
  assert.equal(rss.length, 2);
  const byRev = new Map(rss.map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'], rs]));
  assert.equal(byRev.get('1')?.spec?.replicas, 0);
  assert.equal(byRev.get('2')?.spec?.replicas, 4);
  assert.equal(byRev.get('2')?.spec?.template?.spec?.containers[0]?.image, 'nginx:2');
  const pods = await clientFor(c.client).resource<Pod>(resources.pods).namespace('default').list({ labelSelector: 'app=web' });
  assert.equal(pods.items.length, 4);
  assert.ok(pods.items.every((p) => p.spec?.containers[0]?.image === 'nginx:2'));
  const events = await clientFor(c.client).resource(resources.events).namespace('default').list({ fieldSelector: 'involvedObject.kind=Deployment' });
  const msgs = events.items.map((e) => (e as { message?: string }).message ?? '');
  assert.ok(msgs.some((m) => /^Scaled up replica set web-\w+ to 4$/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^Scaled down replica set web-\w+ to \d+ from \d+$/.test(m)), msgs.join('\n'));

  // Going back to the first template reuses its ReplicaSet as revision 3.
  await dc.patch('web', 'merge', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } } });
  await waitFor('rollback rollout', async () => {
    const d = await dc.get('web');
    return rolledOut(d) && d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '3';
  });
  rss = await replicaSets(c.client, 'web');
  assert.equal(rss.length, 2);
  const old = rss.find((rs) => rs.metadata?.name === `web-${hash}`);
  assert.equal(old?.metadata?.annotations?.['deployment.kubernetes.io/revision'], '3');
  assert.equal(old?.metadata?.annotations?.['deployment.kubernetes.io/revision-history'], '1');
});

test('a paused Deployment does not roll out until resumed; scaling during a rollout is proportional', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['deployment', 'replicaset'] });
  const dc = clientFor(c.client).resource<Deployment>(resources.deployments).namespace('default');
  await dc.create(deployment('api', 2, 'a:1'));
  await waitFor('rollout', async () => rolledOut(await dc.get('api')));
  await dc.patch('api', 'merge', { spec: { paused: true, template: { spec: { containers: [{ name: 'c', image: 'a:2' }] } } } });
  await waitFor('paused condition', async () => (await dc.get('api')).status?.conditions?.find((x) => x.type === 'Progressing')?.reason === 'DeploymentPaused');
  assert.equal((await replicaSets(c.client, 'api')).length, 1, 'no new ReplicaSet while paused');
  await dc.patch('api', 'merge', { spec: { paused: false } });
  await waitFor('resumed rollout', async () => {
    const d = await dc.get('api');
    return rolledOut(d) && d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '2';
  });
  await dc.patch('api', 'merge', { spec: { replicas: 6 } });
  await waitFor('scaled to 6', async () => { const d = await dc.get('api'); return rolledOut(d) && d.status?.replicas === 6; });
});

test('Recreate scales old pods away before creating new ones; progress deadline marks a stuck rollout', async (t) => {
  const c = await startControllerTestCluster(t, {
    controllers: ['deployment', 'replicaset'],
    kubelet: { holdNotReady: (p) => p.spec?.containers[0]?.image === 'broken' },
  });
  const dc = clientFor(c.client).resource<Deployment>(resources.deployments).namespace('default');
  await dc.create(deployment('batch', 3, 'b:1', { strategy: { type: 'Recreate' } }));
  await waitFor('rollout', async () => rolledOut(await dc.get('batch')));
  await dc.patch('batch', 'merge', { spec: { template: { spec: { containers: [{ name: 'c', image: 'b:2' }] } } } });
  await waitFor('recreated', async () => rolledOut(await dc.get('batch')) && (await dc.get('batch')).status?.updatedReplicas === 3);
  const rss = await replicaSets(c.client, 'batch');
  assert.equal(rss.find((rs) => rs.spec?.template?.spec?.containers[0]?.image === 'b:1')?.spec?.replicas, 0);

  await dc.create(deployment('stuck', 2, 'broken', { progressDeadlineSeconds: 1 }));
  const d = await waitFor('ProgressDeadlineExceeded', async () => {
    const x = await dc.get('stuck');
    const p = x.status?.conditions?.find((cond) => cond.type === 'Progressing');
    return p?.reason === 'ProgressDeadlineExceeded' ? x : undefined;
  }, 20_000);
  assert.equal(d.status?.conditions?.find((x) => x.type === 'Progressing')?.status, 'False');
  assert.equal(d.status?.conditions?.find((x) => x.type === 'Available')?.reason, 'MinimumReplicasUnavailable');
});

test('old ReplicaSets beyond revisionHistoryLimit are deleted', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['deployment', 'replicaset'] });
  const dc = clientFor(c.client).resource<Deployment>(resources.deployments).namespace('default');
  await dc.create(deployment('hist', 1, 'h:0', { revisionHistoryLimit: 1 }));
  for (let i = 1; i <= 3; i++) {
    await dc.patch('hist', 'merge', { spec: { template: { spec: { containers: [{ name: 'c', image: `h:${i}` }] } } } });
    await waitFor(`revision ${i + 1}`, async () => {
      const d = await dc.get('hist');
      return rolledOut(d) && d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === String(i + 1);
    });
  }
  await waitFor('history trimmed to one old ReplicaSet', async () => (await replicaSets(c.client, 'hist')).length === 2);
});
