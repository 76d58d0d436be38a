// PodSecurity levels, modes and messages, on the plugin with fixed namespaces.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRegistry } from '../api/kinds/index.ts';
import type { KubeObject } from '../api/types.ts';
import type { AdmissionAttributes } from './interface.ts';
import { evaluatePod } from './podsecurity-checks.ts';
import { PodSecurity } from './podsecurity.ts';
import { staticReader } from './reader.ts';

const registry = builtinRegistry();
const type = (g: string, v: string, r: string): AdmissionAttributes['type'] => {
  const t = registry.lookup(g, v, r);
  assert.ok(t);
  return t;
};

const namespace = (name: string, labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

const reader = staticReader({
  '/namespaces': [
    namespace('base', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/warn-version': 'v1.30', 'pod-security.kubernetes.io/audit': 'restricted' }),
    namespace('open', {}),
  ],
});

const attrs = (ns: string, object: KubeObject, t = type('', 'v1', 'pods')): AdmissionAttributes => ({
  operation: 'CREATE', type: t, namespace: ns, name: object.metadata.name ?? '', subresource: '', object, user: { name: 'u', groups: [] }, dryRun: false, warnings: [],
});

const podWith = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x' }], ...spec } });

describe('PodSecurity', () => {
  it('enforces baseline, warns restricted with its version, and audits', async () => {
    const audited: string[] = [];
    const ps = new PodSecurity(reader, { audit: (m) => audited.push(m) });
    const a = attrs('base', podWith({ hostNetwork: true, hostPID: true, volumes: [{ name: 'h', hostPath: { path: '/' } }] }));
    await assert.rejects(async () => ps.validate(a), { message: 'pods "p" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true, hostPID=true), hostPath volumes (volume "h")' });
    const ok = attrs('base', podWith({}));
    await ps.validate(ok);
    assert.equal(ok.warnings?.length, 1);
    assert.match(ok.warnings?.[0] ?? '', /^would violate PodSecurity "restricted:v1\.30": allowPrivilegeEscalation != false \(container "a" must set/);
    assert.equal(audited.length, 1);
  });

  it('warns on workload templates without refusing them', async () => {
    const ps = new PodSecurity(reader);
    const deploy: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { metadata: {}, spec: { containers: [{ name: 'a', image: 'x', securityContext: { privileged: true } }] } } } };
    const a = attrs('base', deploy, type('apps', 'v1', 'deployments'));
    await ps.validate(a);
    assert.match(a.warnings?.[0] ?? '', /privileged \(container "a" must not set securityContext.privileged=true\)/);
  });

  it('lets everything through in namespaces without labels', async () => {
    const a = attrs('open', podWith({ hostIPC: true }));
    await new PodSecurity(reader).validate(a);
    assert.deepEqual(a.warnings, []);
  });

  it('phrases checks as upstream does for several containers', () => {
    const spec = {
      containers: [
        { name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 80 }], securityContext: { capabilities: { add: ['NET_ADMIN'] } } },
        { name: 'b', image: 'x', ports: [{ containerPort: 81, hostPort: 8081 }], securityContext: { capabilities: { add: ['SYS_ADMIN', 'CHOWN'] } } },
      ],
    };
    const reasons = evaluatePod('baseline', {}, spec).map((r) => `${r.reason} (${r.detail})`);
    assert.deepEqual(reasons, [
      'non-default capabilities (containers "a", "b" must not include "NET_ADMIN", "SYS_ADMIN" in securityContext.capabilities.add)',
      'hostPort (containers "a", "b" use hostPorts 80, 8081)',
    ]);
    assert.deepEqual(evaluatePod('restricted', {}, { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, volumes: [{ name: 'n', nfs: {} }],
      containers: [{ name: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 0 } }] }).map((r) => r.detail),
    ['volume "n" uses restricted volume type "nfs"', 'container "a" must not set runAsUser=0']);
  });
});
