import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { validators } from './index.ts';
import { cronScheduleError } from './cron.ts';

const mk = (kind: string, body: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject => ({ kind, metadata: { name: 'x', namespace: 'default', ...meta }, ...body });
const msgs = (key: string, o: KubeObject): string[] => validators[key]!.create(o).map(fieldErrorMessage);
const podTemplate = (labels: Record<string, string>, restartPolicy = 'Always') => ({
  metadata: { labels }, spec: { restartPolicy, containers: [{ name: 'c', image: 'nginx' }] },
});
const deployment = (spec: Record<string, unknown>) => mk('Deployment', {
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }),
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, ...spec },
});

test('every key is <group>/<Kind> and creates reject an empty object without crashing', () => {
  for (const [key, v] of Object.entries(validators)) {
    assert.match(key, /^[a-z0-9.]*\/[A-Z][A-Za-z]+$/);
    assert.ok(Array.isArray(v.create(mk('X', {}))), key);
  }
});

test('Deployment: selector must match template labels, strategy rules, selector immutable', () => {
  assert.deepEqual(msgs('apps/Deployment', deployment({})), []);
  assert.deepEqual(msgs('apps/Deployment', deployment({ template: podTemplate({ app: 'other' }) })),
    ['spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`']);
  assert.deepEqual(msgs('apps/Deployment', deployment({ replicas: -1 })), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  assert.deepEqual(msgs('apps/Deployment', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })),
    ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']);
  assert.deepEqual(msgs('apps/Deployment', deployment({ template: podTemplate({ app: 'web' }, 'Never') })),
    ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  assert.deepEqual(msgs('apps/Deployment', deployment({ selector: {} })), ['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
  const changed = deployment({ selector: { matchLabels: { app: 'web', tier: 'x' } }, template: podTemplate({ app: 'web', tier: 'x' }) });
  assert.deepEqual(validators['apps/Deployment']!.update!(changed, deployment({})).map((e) => `${e.field}: ${e.detail}`), ['spec.selector: field is immutable']);
});

test('StatefulSet updates are limited; Job restartPolicy and selector rules', () => {
  const ss = (spec: Record<string, unknown>) => mk('StatefulSet', { spec: { replicas: 1, serviceName: 'web', selector: { matchLabels: { a: 'b' } }, template: podTemplate({ a: 'b' }), ...spec } });
  assert.deepEqual(msgs('apps/StatefulSet', ss({})), []);
  assert.deepEqual(validators['apps/StatefulSet']!.update!(ss({ replicas: 3 }), ss({})), []);
  assert.match(fieldErrorMessage(validators['apps/StatefulSet']!.update!(ss({ serviceName: 'other' }), ss({}))[0]!), /^spec: Forbidden: updates to statefulset spec for fields other than 'replicas'/);
  const job = (spec: Record<string, unknown>) => mk('Job', { spec: { selector: { matchLabels: { j: '1' } }, template: podTemplate({ j: '1' }, 'Never'), ...spec } });
  assert.deepEqual(msgs('batch/Job', job({})), []);
  assert.deepEqual(msgs('batch/Job', job({ template: podTemplate({ j: '1' }, 'Always') })), ['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"']);
  assert.deepEqual(msgs('batch/Job', job({ parallelism: -1 })), ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0']);
  assert.equal(validators['batch/Job']!.update!(job({ selector: { matchLabels: { j: '2' } }, template: podTemplate({ j: '2' }, 'Never') }), job({}))[0]?.field, 'spec.selector');
});

test('CronJob schedules parse like robfig/cron', () => {
  for (const ok of ['*/5 * * * *', '0 0 * * MON-FRI', '@hourly', '@every 1h30m', '0 12 1 jan,jul *', '30 2 ? * 0']) assert.equal(cronScheduleError(ok), undefined, ok);
  assert.equal(cronScheduleError('* * *'), 'expected exactly 5 fields, found 3: [* * *]');
  assert.equal(cronScheduleError('61 * * * *'), 'end of range (61) above maximum (59): 61');
  assert.equal(cronScheduleError('@fortnightly'), 'unrecognized descriptor: @fortnightly');
  const cj = (spec: Record<string, unknown>) => mk('CronJob', { spec: { schedule: '@daily', concurrencyPolicy: 'Allow', jobTemplate: { spec: { template: podTemplate({}, 'OnFailure') } }, ...spec } });
  assert.deepEqual(msgs('batch/CronJob', cj({})), []);
  assert.deepEqual(msgs('batch/CronJob', cj({ concurrencyPolicy: 'Sometimes' })), ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"']);
  assert.deepEqual(msgs('batch/CronJob', cj({ schedule: 'CRON_TZ=UTC 0 * * * *' })), ['spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']);
  assert.deepEqual(msgs('batch/CronJob', cj({ timeZone: 'Mars/Olympus' })), ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']);
});

test('Service rules: ports required, names when several, clusterIP immutable', () => {
  const svc = (spec: Record<string, unknown>) => mk('Service', { spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], ...spec } });
  assert.deepEqual(msgs('/Service', svc({})), []);
  assert.deepEqual(msgs('/Service', svc({ ports: [] })), ['spec.ports: Required value']);
  assert.deepEqual(msgs('/Service', svc({ clusterIP: 'None', ports: [] })), []);
  assert.deepEqual(msgs('/Service', svc({ ports: [{ port: 80, protocol: 'TCP' }, { port: 81, protocol: 'TCP' }] })), ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']);
  assert.deepEqual(msgs('/Service', svc({ ports: [{ port: 80, protocol: 'TCP', nodePort: 30000 }] })), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
  assert.deepEqual(msgs('/Service', svc({ type: 'Bogus' })), ['spec.type: Unsupported value: "Bogus": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']);
  assert.deepEqual(validators['/Service']!.update!(svc({ clusterIP: '10.0.0.2' }), svc({ clusterIP: '10.0.0.1' })).map(fieldErrorMessage), ['spec.clusterIP: Invalid value: "10.0.0.2": field is immutable']);
});

test('ResourceQuota, LimitRange, ConfigMap and Secret rules', () => {
  const rq = (hard: Record<string, unknown>) => mk('ResourceQuota', { spec: { hard } });
  assert.deepEqual(msgs('/ResourceQuota', rq({ pods: '10', 'requests.cpu': '4', 'count/deployments.apps': '5' })), []);
  assert.deepEqual(msgs('/ResourceQuota', rq({ pods: '1.5' })), ['spec.hard[pods]: Invalid value: "1500m": must be an integer']);
  assert.deepEqual(msgs('/ResourceQuota', rq({ cpu: '-1' })), ['spec.hard[cpu]: Invalid value: "-1": must be greater than or equal to 0']);
  assert.deepEqual(msgs('/ResourceQuota', rq({ widgets: '1' })), ['spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified']);
  const lr = mk('LimitRange', { spec: { limits: [{ type: 'Container', min: { cpu: '1' }, max: { cpu: '500m' } }] } });
  assert.deepEqual(msgs('/LimitRange', lr), ['spec.limits[0].min[cpu]: Invalid value: "1": min value 1 is greater than max value 500m']);
  assert.deepEqual(msgs('/ConfigMap', mk('ConfigMap', { data: { 'bad key': 'v', ok: 'v' } })).length, 1);
  assert.deepEqual(msgs('/ConfigMap', mk('ConfigMap', { data: { a: 'x'.repeat(1024 * 1024 + 1) } })), [': Too long: must have at most 1048576 bytes']);
  const locked = mk('ConfigMap', { immutable: true, data: { a: '1' } });
  assert.deepEqual(validators['/ConfigMap']!.update!(mk('ConfigMap', { immutable: true, data: { a: '2' } }), locked).map(fieldErrorMessage), ['data: Forbidden: field is immutable when `immutable` is set']);
  assert.deepEqual(msgs('/Secret', mk('Secret', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==' } })), ['data[tls.key]: Required value']);
  assert.deepEqual(validators['/Secret']!.update!(mk('Secret', { type: 'Opaque' }), mk('Secret', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==', 'tls.key': 'YQ==' } })).map((e) => e.field), ['type']);
});

test('HPA, PDB, PriorityClass, StorageClass, Binding, Ingress, EndpointSlice, Events', () => {
  const hpa = (spec: Record<string, unknown>) => mk('HorizontalPodAutoscaler', { spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }], ...spec } });
  assert.deepEqual(msgs('autoscaling/HorizontalPodAutoscaler', hpa({})), []);
  assert.deepEqual(msgs('autoscaling/HorizontalPodAutoscaler', hpa({ minReplicas: 5 })), ['spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`']);
  assert.deepEqual(msgs('policy/PodDisruptionBudget', mk('PodDisruptionBudget', { spec: { minAvailable: 1, maxUnavailable: 1 } })).map((m) => m.split(': ').pop()), ['minAvailable and maxUnavailable cannot be both set']);
  const pc = mk('PriorityClass', { value: 10 }, { namespace: undefined });
  assert.deepEqual(validators['scheduling.k8s.io/PriorityClass']!.update!({ ...pc, value: 11 }, pc).map(fieldErrorMessage), ['value: Forbidden: may not be changed in an update.']);
  assert.deepEqual(msgs('storage.k8s.io/StorageClass', mk('StorageClass', {})), ['provisioner: Required value']);
  const sc = mk('StorageClass', { provisioner: 'example.com/x', parameters: { a: '1' } });
  assert.deepEqual(validators['storage.k8s.io/StorageClass']!.update!({ ...sc, parameters: { a: '2' } }, sc).map(fieldErrorMessage), ['parameters: Forbidden: updates to parameters are forbidden.']);
  assert.deepEqual(msgs('/Binding', mk('Binding', { target: { kind: 'Node' } })), ['target.name: Required value']);
  assert.deepEqual(msgs('networking.k8s.io/Ingress', mk('Ingress', { spec: {} })), ['spec: Invalid value: []: either `defaultBackend` or `rules` must be specified']);
  assert.deepEqual(msgs('networking.k8s.io/Ingress', mk('Ingress', { spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } })), []);
  assert.deepEqual(msgs('discovery.k8s.io/EndpointSlice', mk('EndpointSlice', { addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }], ports: [{ port: 80, protocol: 'TCP' }] })), []);
  assert.deepEqual(msgs('discovery.k8s.io/EndpointSlice', mk('EndpointSlice', { addressType: 'IPv4', endpoints: [{ addresses: ['fe80::1'] }] })), ['endpoints[0].addresses[0]: Invalid value: "fe80::1": must be a valid IPv4 address']);
  assert.deepEqual(msgs('/Event', mk('Event', { involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'Started' })), []);
  assert.deepEqual(msgs('/Event', mk('Event', { involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } })), ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
  assert.deepEqual(msgs('events.k8s.io/Event', mk('Event', { eventTime: '2024-01-01T00:00:00.000000Z', regarding: { kind: 'Pod', namespace: 'default', name: 'p' }, reportingController: 'example.com/ctl', reportingInstance: 'i', action: 'Start', reason: 'Started', type: 'Normal' })), []);
});
