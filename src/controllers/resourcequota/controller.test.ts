import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigMap, Namespace, Pod, ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startControllerTestCluster, waitFor } from '../testing/cluster.ts';

const quotas = { group: '', version: 'v1', resource: 'resourcequotas', namespaced: true, kind: 'ResourceQuota' } as const;

test('quota status reports hard and used from the namespace objects, replenished on deletes', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['resourcequota'], kubelet: false });
  await clientFor(c.client).resource<Namespace>(resources.namespaces).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'q' } });
  const pods = clientFor(c.client).resource<Pod>(resources.pods).namespace('q');
  const cms = clientFor(c.client).resource<ConfigMap>(resources.configmaps).namespace('q');
  const pod = (name: string, cpu: string, memory: string, phase?: string): Pod => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu, memory }, limits: { cpu, memory } } }] },
    ...(phase ? { status: { phase } } : {}),
  });
  await pods.create(pod('a', '100m', '64Mi'));
  await pods.create(pod('b', '250m', '128Mi'));
  await cms.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
  const rqs = clientFor(c.client).resource<ResourceQuota>(quotas).namespace('q');
  await rqs.create({
    apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute' },
    spec: { hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '1Gi', configmaps: '5', 'count/deployments.apps': '3', 'example.com/unknown': '1' } },
  });
  const used = async (want: Record<string, string>): Promise<ResourceQuota> => waitFor(`used ${JSON.stringify(want)}`, async () => {
    const rq = await rqs.get('compute');
    return Object.entries(want).every(([k, v]) => rq.status?.used?.[k] === v) ? rq : undefined;
  });
  const rq = await used({ pods: '2', 'requests.cpu': '350m', 'limits.memory': '192Mi', configmaps: '1', 'count/deployments.apps': '0' });
  assert.deepEqual(rq.status?.hard, { configmaps: '5', 'count/deployments.apps': '3', 'example.com/unknown': '1', 'limits.memory': '1Gi', pods: '10', 'requests.cpu': '2' });
  assert.equal(rq.status?.used?.['example.com/unknown'], undefined);

  // Replenishment: a deleted pod and a finished pod are reflected without a resync.
  await pods.delete('a', { gracePeriodSeconds: 0 });
  await used({ pods: '1', 'requests.cpu': '250m' });
  await pods.patch('b', 'merge', { status: { phase: 'Succeeded' } }, { subresource: 'status' });
  await used({ pods: '0', 'requests.cpu': '0', configmaps: '1' });
  await clientFor(c.client).resource<Deployment>(resources.deployments).namespace('q').create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  });
  // Deployments are not watched for replenishment: changing the quota's spec recalculates it.
  await rqs.patch('compute', 'merge', { spec: { hard: { 'count/deployments.apps': '4' } } });
  await used({ 'count/deployments.apps': '1' });
});

test('scoped quotas count only the pods their scopes select', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['resourcequota'], kubelet: false });
  const pods = clientFor(c.client).resource<Pod>(resources.pods).namespace('default');
  await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'be' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'burst' }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1' } } }] } });
  const rqs = clientFor(c.client).resource<ResourceQuota>(quotas).namespace('default');
  await rqs.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'be' }, spec: { hard: { pods: '5' }, scopes: ['BestEffort'] } });
  await rqs.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'nbe' }, spec: { hard: { pods: '5' }, scopes: ['NotBestEffort'] } });
  await waitFor('scoped usage', async () => {
    const [be, nbe] = await Promise.all([rqs.get('be'), rqs.get('nbe')]);
    return be.status?.used?.pods === '1' && nbe.status?.used?.pods === '1';
  });
  await pods.delete('be', { gracePeriodSeconds: 0 });
  await waitFor('best-effort quota replenished', async () => (await rqs.get('be')).status?.used?.pods === '0');
  assert.equal((await rqs.get('nbe')).status?.used?.pods, '1');
});
