import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Event } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startControllerTestCluster, waitFor } from '../testing/cluster.ts';
import { hpaResource } from './controller.ts';

const deployment = (name: string, replicas: number): Deployment => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: {
    replicas, selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '100m' } } }] } },
  },
});
const hpa = (name: string, min: number, max: number): HorizontalPodAutoscaler => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: min, maxReplicas: max,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
  },
});

test('without the resource metrics API the HPA reports ScalingActive=False/FailedGetResourceMetric; min replicas still apply through the scale subresource', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['horizontalpodautoscaling', 'deployment', 'replicaset'] });
  const deploys = clientFor(c.client).resource<Deployment>(resources.deployments).namespace('default');
  const hpas = clientFor(c.client).resource<HorizontalPodAutoscaler>(hpaResource).namespace('default');
  await deploys.create(deployment('web', 2));
  await waitFor('web has 2 replicas', async () => (await deploys.get('web')).status?.replicas === 2);
  await hpas.create(hpa('web', 1, 5));
  const h = await waitFor('ScalingActive=False', async () => {
    const x = await hpas.get('web');
    return x.status?.conditions?.find((cd) => cd.type === 'ScalingActive')?.status === 'False' ? x : undefined;
  });
  const active = h.status?.conditions?.find((cd) => cd.type === 'ScalingActive');
  assert.equal(active?.reason, 'FailedGetResourceMetric');
  assert.match(active?.message ?? '', /^the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API/);
  const able = h.status?.conditions?.find((cd) => cd.type === 'AbleToScale');
  assert.deepEqual([able?.status, able?.reason], ['True', 'SucceededGetScale']);
  assert.equal(h.status?.currentReplicas, 2);
  assert.equal((await deploys.get('web')).spec?.replicas, 2, 'no metrics, no rescale');
  const events = clientFor(c.client).resource<Event>(resources.events).namespace('default');
  await waitFor('FailedGetResourceMetric event', async () => (await events.list()).items.some((e) => e.reason === 'FailedGetResourceMetric' && e.involvedObject.name === 'web'));

  // Below minReplicas: scaled up to it without metrics, as upstream.
  await deploys.create(deployment('api', 1));
  await waitFor('api has 1 replica', async () => (await deploys.get('api')).status?.replicas === 1);
  await hpas.create(hpa('api', 3, 6));
  await waitFor('api scaled to minReplicas', async () => (await deploys.get('api')).spec?.replicas === 3);
  const api = await waitFor('api status', async () => { const x = await hpas.get('api'); return x.status?.desiredReplicas === 3 ? x : undefined; });
  assert.ok(api.status?.lastScaleTime);
  assert.equal(api.status?.conditions?.find((cd) => cd.type === 'AbleToScale')?.reason, 'SucceededRescale');
  assert.equal(api.status?.conditions?.find((cd) => cd.type === 'ScalingLimited')?.reason, 'TooFewReplicas');
  await waitFor('SuccessfulRescale event', async () => (await events.list()).items.some((e) => e.reason === 'SuccessfulRescale' && e.message === 'New size: 3; reason: Current number of replicas below Spec.MinReplicas'));

  // A missing target: AbleToScale=False/FailedGetScale.
  await hpas.create({ ...hpa('ghost', 1, 2), spec: { ...hpa('ghost', 1, 2).spec!, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope' } } });
  await waitFor('FailedGetScale', async () => (await hpas.get('ghost')).status?.conditions?.find((cd) => cd.type === 'AbleToScale')?.reason === 'FailedGetScale');
});
