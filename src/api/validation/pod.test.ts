import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { validators } from './index.ts';
import { POD_UPDATE_FORBIDDEN } from './pod.ts';

const pod = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec, status,
});
const good = () => ({
  restartPolicy: 'Always', dnsPolicy: 'ClusterFirst',
  containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
    volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
  volumes: [{ name: 'data', emptyDir: {} }],
  tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
});
const v = validators['/Pod']!;
const msgs = (o: KubeObject): string[] => v.create(o).map(fieldErrorMessage);

test('a well-formed pod is valid', () => {
  assert.deepEqual(msgs(pod(good())), []);
});

test('pod spec errors carry upstream paths and messages', () => {
  assert.deepEqual(msgs(pod({ containers: [] })), ['spec.containers: Required value']);
  const s = good();
  s.containers.push({ ...s.containers[0]!, image: '', name: 'web' });
  assert.deepEqual(msgs(pod(s)), ['spec.containers[1].name: Duplicate value: "web"', 'spec.containers[1].image: Required value']);
  const ports = good();
  ports.containers[0]!.ports = [{ containerPort: 70000, protocol: 'HTTP', name: 'this-name-is-too-long' }];
  assert.deepEqual(msgs(pod(ports)), [
    'spec.containers[0].ports[0].name: Invalid value: "this-name-is-too-long": must be no more than 15 characters',
    'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
  ]);
  const res = good();
  res.containers[0]!.resources = { requests: { cpu: '2' }, limits: { cpu: '500m' } } as never;
  assert.deepEqual(msgs(pod(res)), ['spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 500m']);
  const mount = good();
  mount.volumes = [];
  assert.deepEqual(msgs(pod(mount)), ['spec.containers[0].volumeMounts[0].name: Not found: "data"']);
  const vol = good();
  vol.volumes = [{ name: 'data', emptyDir: {}, hostPath: { path: '/x' } } as never, { name: 'other' } as never];
  assert.deepEqual(msgs(pod(vol)), ['spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type', 'spec.volumes[1]: Required value: must specify a volume type']);
  assert.deepEqual(msgs(pod({ ...good(), restartPolicy: 'Sometimes' })), ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']);
  assert.deepEqual(msgs(pod({ ...good(), terminationGracePeriodSeconds: -1 })), ['spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0']);
  assert.deepEqual(msgs(pod({ ...good(), tolerations: [{ operator: 'Equal', value: 'x' }] })), ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"']);
  assert.deepEqual(msgs(pod({ ...good(), containers: [{ name: 'c', image: 'i', livenessProbe: {} }] })), ['spec.containers[0].livenessProbe: Required value: must specify a handler type']);
  assert.deepEqual(msgs(pod({ ...good(), containers: [{ name: 'c', image: 'i', env: [{ name: '1x=' }] }] })).length, 1);
  assert.equal(msgs(pod({ ...good(), containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: 'lots' } } }] }))[0],
    "spec.containers[0].resources.limits[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
});

test('pod updates may change only images, deadlines and added tolerations', () => {
  const old = pod(good());
  const img = pod(good());
  (img['spec'] as ReturnType<typeof good>).containers[0]!.image = 'nginx:2';
  (img['spec'] as ReturnType<typeof good>).tolerations.push({ key: 'k2', operator: 'Exists', effect: 'NoExecute' });
  assert.deepEqual(v.update!(img, old), []);
  const port = pod(good());
  (port['spec'] as ReturnType<typeof good>).containers[0]!.ports![0]!.containerPort = 81;
  const errs = v.update!(port, old);
  assert.equal(errs.length, 1);
  assert.equal(errs[0]!.field, 'spec');
  assert.ok(fieldErrorMessage(errs[0]!).startsWith(`spec: Forbidden: ${POD_UPDATE_FORBIDDEN}\n`));
  assert.match(errs[0]!.detail!, /containers\[0\]\.ports\[0\]\.containerPort: 80/);
  const added = pod({ ...good(), containers: [...good().containers, { name: 'b', image: 'x' }] });
  assert.deepEqual(v.update!(added, old).map(fieldErrorMessage), ['spec.containers: Forbidden: pod updates may not add or remove containers']);
  const tol = pod({ ...good(), tolerations: [] });
  assert.deepEqual(v.update!(tol, old).map(fieldErrorMessage)[0], 'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
});

test('pod status updates are checked', () => {
  const old = pod(good(), { phase: 'Running' });
  assert.deepEqual(v.status!(pod(good(), { phase: 'Succeeded', podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }] }), old), []);
  assert.equal(v.status!(pod(good(), { phase: 'Dancing' }), old)[0]?.type, 'FieldValueNotSupported');
  assert.equal(v.status!(pod(good(), { phase: 'Running', podIPs: [{ ip: '999.0.0.1' }] }), old)[0]?.field, 'status.podIPs[0].ip');
  assert.equal(v.status!(pod(good(), { phase: 'Running' }), pod(good(), { phase: 'Failed' }))[0]?.field, 'status.phase');
});
