import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../types.ts';
import { hpaV1, hpaV2 } from './autoscaling.ts';
import { CONDITIONS_ANNOTATION, hpaV1ToV2, hpaV2ToV1 } from './hpa-convert.ts';

const v1: KubeObject = {
  apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default', annotations: { team: 'a' } },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 70 },
  status: { currentReplicas: 3, desiredReplicas: 4, currentCPUUtilizationPercentage: 55, lastScaleTime: '2024-01-01T00:00:00Z' },
};

test('autoscaling/v1 targetCPUUtilizationPercentage becomes a v2 cpu Utilization metric', () => {
  const v2 = hpaV1ToV2(v1);
  assert.equal(v2.apiVersion, 'autoscaling/v2');
  assert.deepEqual((v2.spec as Record<string, unknown>).metrics, [
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
  ]);
  assert.deepEqual((v2.status as Record<string, unknown>).currentMetrics, [
    { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 55 } } },
  ]);
});

test('v1 → v2 → v1 round-trips', () => {
  assert.deepEqual(hpaV2ToV1(hpaV1ToV2(v1)), v1);
  const bare: KubeObject = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' }, spec: { maxReplicas: 3, scaleTargetRef: { kind: 'Deployment', name: 'x' } } };
  assert.deepEqual(hpaV2ToV1(hpaV1ToV2(bare)), bare);
});

test('v2 → v1 → v2 keeps the cpu target and the conditions (through the annotation)', () => {
  const v2: KubeObject = {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    },
    status: {
      currentReplicas: 1, desiredReplicas: 1,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12 } } }],
      conditions: [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' }],
    },
  };
  const asV1 = hpaV2ToV1(v2);
  assert.equal((asV1.spec as Record<string, unknown>).targetCPUUtilizationPercentage, 80);
  assert.ok(asV1.metadata.annotations?.[CONDITIONS_ANNOTATION]);
  assert.deepEqual(hpaV1ToV2(asV1), v2);
});

test('HPA rows: reference, targets, min/max, replicas; v1 rows match v2 rows', () => {
  const now = Date.parse('2024-01-01T00:01:00Z');
  const o = structuredClone(v1);
  o.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
  assert.deepEqual(hpaV1.row(o, now), ['web', 'Deployment/web', 'cpu: 55%/70%', '2', 10, 3, '60s']);
  assert.deepEqual(hpaV2.row(hpaV1ToV2(o), now), hpaV1.row(o, now));
});

test('autoscaling/v2 defaults minReplicas 1 and a cpu 80% metric', () => {
  const o: KubeObject = { metadata: { name: 'x' }, spec: { maxReplicas: 4, scaleTargetRef: { kind: 'Deployment', name: 'x' } } };
  hpaV2.defaults?.(o);
  const spec = o.spec as Record<string, unknown>;
  assert.equal(spec.minReplicas, 1);
  assert.deepEqual(spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  assert.equal(hpaV2.row(o, 0)[2], 'cpu: <unknown>/80%');
});
