import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../types.ts';
import { daemonSets, statefulSets } from './others.ts';
import { deployments, replicaSets } from './workloads.ts';

const ctx = { list: () => [], serviceCIDR: '10.43.0.0/16', nodePortRange: [30000, 32767] as [number, number] };

function deployment(): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'log', image: 'busybox' }] } },
    },
  };
}

test('deployment defaulting: replicas, RollingUpdate 25%/25%, history, deadline, template', () => {
  const d = deployment();
  deployments.defaults?.(d);
  const spec = d.spec as Record<string, unknown>;
  assert.equal(spec.replicas, 1);
  assert.deepEqual(spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.equal(spec.revisionHistoryLimit, 10);
  assert.equal(spec.progressDeadlineSeconds, 600);
  const tpl = (spec.template as { spec: Record<string, unknown> }).spec;
  assert.equal(tpl.restartPolicy, 'Always');
  assert.equal(tpl.enableServiceLinks, undefined, 'enableServiceLinks is a Pod-only default');
  assert.equal((tpl.containers as Record<string, unknown>[])[0]?.imagePullPolicy, 'IfNotPresent');
  const recreate = deployment();
  (recreate.spec as Record<string, unknown>).strategy = { type: 'Recreate' };
  deployments.defaults?.(recreate);
  assert.deepEqual((recreate.spec as Record<string, unknown>).strategy, { type: 'Recreate' });
});

test('deployment status is cleared on create and kept on update', () => {
  const d = deployment();
  d.status = { replicas: 3 };
  deployments.prepareForCreate?.(d, ctx);
  assert.equal(d.status, undefined);
  const old = deployment();
  old.status = { replicas: 2, readyReplicas: 2 };
  const upd = deployment();
  upd.status = { replicas: 99 };
  deployments.prepareForUpdate?.(upd, old, ctx);
  assert.deepEqual(upd.status, { replicas: 2, readyReplicas: 2 });
});

test('deployment row: READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR', () => {
  const d = deployment();
  deployments.defaults?.(d);
  (d.spec as Record<string, unknown>).replicas = 3;
  d.status = { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
  assert.deepEqual(deployments.row(d, Date.parse('2024-01-01T00:00:30Z')), ['web', '2/3', 3, 2, '30s', 'nginx,log', 'nginx:1.25,busybox', 'app=web']);
});

test('scale access reads and writes replicas and renders the selector', () => {
  const d = deployment();
  deployments.defaults?.(d);
  const scale = deployments.subresources?.scale;
  assert.ok(scale);
  assert.equal(scale.specReplicas(d), 1);
  assert.equal(scale.statusReplicas(d), 0);
  assert.equal(scale.selector(d), 'app=web');
  scale.setSpecReplicas(d, 5);
  assert.equal((d.spec as Record<string, unknown>).replicas, 5);
  assert.ok(replicaSets.subresources?.scale && statefulSets.subresources?.scale);
  assert.equal(daemonSets.subresources?.scale, undefined);
});

test('daemonset and statefulset defaults', () => {
  const ds: KubeObject = { metadata: { name: 'ds' }, spec: { template: { spec: { containers: [] } } } };
  daemonSets.defaults?.(ds);
  assert.deepEqual((ds.spec as Record<string, unknown>).updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  const sts: KubeObject = { metadata: { name: 'sts' }, spec: { template: { spec: { containers: [] } } } };
  statefulSets.defaults?.(sts);
  const spec = sts.spec as Record<string, unknown>;
  assert.equal(spec.podManagementPolicy, 'OrderedReady');
  assert.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.deepEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal(spec.replicas, 1);
  assert.equal(spec.revisionHistoryLimit, 10);
});
