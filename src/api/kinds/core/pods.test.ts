import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StrategyContext } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { defaultPullPolicy } from './pod-defaults.ts';
import { pods } from './pods.ts';
import { podQOSClass } from './qos.ts';

const ctx: StrategyContext = { list: () => [], serviceCIDR: '10.43.0.0/16', nodePortRange: [30000, 32767] };

function newPod(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec };
}

test('pod defaulting fills upstream SetDefaults_Pod values', () => {
  const p = newPod({
    serviceAccount: 'builder',
    containers: [{
      name: 'web', image: 'nginx',
      ports: [{ containerPort: 80 }],
      readinessProbe: { httpGet: { port: 80 } },
      resources: { limits: { cpu: '500m', memory: '128Mi' } },
      env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    }],
    volumes: [{ name: 'cfg', configMap: { name: 'c' } }, { name: 'scratch' }],
  });
  pods.defaults?.(p);
  const spec = p.spec as Record<string, unknown>;
  assert.equal(spec.restartPolicy, 'Always');
  assert.equal(spec.dnsPolicy, 'ClusterFirst');
  assert.equal(spec.schedulerName, 'default-scheduler');
  assert.equal(spec.terminationGracePeriodSeconds, 30);
  assert.deepEqual(spec.securityContext, {});
  assert.equal(spec.enableServiceLinks, true);
  assert.equal(spec.serviceAccountName, 'builder');
  assert.equal(spec.serviceAccount, 'builder');
  const [c] = spec.containers as Record<string, unknown>[];
  assert.ok(c);
  assert.equal(c.imagePullPolicy, 'Always');
  assert.equal(c.terminationMessagePath, '/dev/termination-log');
  assert.equal(c.terminationMessagePolicy, 'File');
  assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }]);
  assert.deepEqual(c.readinessProbe, {
    httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3,
  });
  assert.deepEqual(c.resources, { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } });
  assert.deepEqual(c.env, [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }]);
  assert.deepEqual(spec.volumes, [{ name: 'cfg', configMap: { name: 'c', defaultMode: 420 } }, { name: 'scratch', emptyDir: {} }]);
});

test('defaulting keeps what the user set', () => {
  const p = newPod({ restartPolicy: 'Never', terminationGracePeriodSeconds: 0, containers: [{ name: 'a', image: 'x:1', imagePullPolicy: 'Never' }] });
  pods.defaults?.(p);
  const spec = p.spec as Record<string, unknown>;
  assert.equal(spec.restartPolicy, 'Never');
  assert.equal(spec.terminationGracePeriodSeconds, 0);
  assert.equal((spec.containers as Record<string, unknown>[])[0]?.imagePullPolicy, 'Never');
});

test('imagePullPolicy: Always for latest or untagged images, IfNotPresent otherwise', () => {
  assert.equal(defaultPullPolicy('nginx'), 'Always');
  assert.equal(defaultPullPolicy('nginx:latest'), 'Always');
  assert.equal(defaultPullPolicy('nginx:1.25'), 'IfNotPresent');
  assert.equal(defaultPullPolicy('localhost:5000/busybox'), 'Always');
  assert.equal(defaultPullPolicy('localhost:5000/busybox:1'), 'IfNotPresent');
  assert.equal(defaultPullPolicy('busybox@sha256:abcd'), 'IfNotPresent');
});

test('QoS class: Guaranteed, Burstable, BestEffort', () => {
  const guaranteed = { containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1Gi' } } }] };
  assert.equal(podQOSClass(guaranteed), 'Guaranteed');
  const burstable = { containers: [{ resources: { requests: { cpu: '100m' } } }] };
  assert.equal(podQOSClass(burstable), 'Burstable');
  const onlyCpuLimit = { containers: [{ resources: { limits: { cpu: '1' }, requests: { cpu: '1' } } }] };
  assert.equal(podQOSClass(onlyCpuLimit), 'Burstable');
  assert.equal(podQOSClass({ containers: [{ name: 'a' }] }), 'BestEffort');
  assert.equal(podQOSClass({ containers: [{ resources: { requests: { 'ephemeral-storage': '1Gi' } } }] }), 'BestEffort');
});

test('create sets phase Pending and qosClass; updates keep status', () => {
  const p = newPod({ containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } }] });
  p.status = { phase: 'Running', podIP: '1.2.3.4' };
  pods.defaults?.(p);
  pods.prepareForCreate?.(p, ctx);
  assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'Guaranteed' });
  const old = structuredClone(p);
  old.status = { phase: 'Running', qosClass: 'Guaranteed', podIP: '10.42.0.5' };
  const upd = structuredClone(p);
  upd.status = { phase: 'Failed' };
  pods.prepareForUpdate?.(upd, old, ctx);
  assert.deepEqual(upd.status, old.status);
});

test('a gated pod starts with PodScheduled=False/SchedulingGated', () => {
  const p = newPod({ containers: [{ name: 'a' }], schedulingGates: [{ name: 'wait' }] });
  pods.prepareForCreate?.(p, ctx);
  const conds = (p.status as { conditions: { type: string; reason: string }[] }).conditions;
  assert.equal(conds[0]?.reason, 'SchedulingGated');
});

test('graceful deletion uses terminationGracePeriodSeconds of scheduled, running pods', () => {
  const p = newPod({ nodeName: 'n1', terminationGracePeriodSeconds: 12, containers: [] });
  p.status = { phase: 'Running' };
  assert.equal(pods.gracefulDeletion?.(p), 12);
  delete (p.spec as Record<string, unknown>).terminationGracePeriodSeconds;
  assert.equal(pods.gracefulDeletion?.(p), 30);
  assert.equal(pods.gracefulDeletion?.(newPod({ containers: [] })), 0, 'unscheduled pods go at once');
  p.status = { phase: 'Succeeded' };
  assert.equal(pods.gracefulDeletion?.(p), 0, 'terminal pods go at once');
});

test('pod field selectors read the fields upstream supports', () => {
  const p = newPod({ nodeName: 'n1', hostNetwork: true, restartPolicy: 'Never' });
  p.status = { phase: 'Running', podIPs: [{ ip: '10.42.0.9' }] };
  const fs = pods.fieldSelectors ?? {};
  assert.equal(fs['spec.nodeName']?.(p), 'n1');
  assert.equal(fs['spec.hostNetwork']?.(p), 'true');
  assert.equal(fs['status.podIP']?.(p), '10.42.0.9');
  assert.equal(fs['status.phase']?.(p), 'Running');
  assert.equal(fs['spec.restartPolicy']?.(p), 'Never');
});
