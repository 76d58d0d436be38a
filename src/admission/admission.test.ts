// The admission plugins through a real in-process apiserver.

import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { after, before, describe, it } from 'node:test';
import { issueClientCertificate } from '../auth/pki/index.ts';
import { eventually, startTestServer } from '../apiserver/testing.ts';
import type { TestServer } from '../apiserver/testing.ts';
import { installAdmission } from './index.ts';

const pod = (name: string, extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', ...container }], ...extra },
});

const ns = (name: string, labels: Record<string, string> = {}): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

describe('admission plugins', () => {
  let ts: TestServer;
  let installed: { stop(): void } | undefined;
  before(async () => {
    ts = await startTestServer({}, (s) => { installed = installAdmission(s, { quotaSyncIntervalMs: 0 }); });
  });
  after(async () => { installed?.stop(); await ts.close(); });

  const makeNamespace = async (name: string, labels: Record<string, string> = {}): Promise<void> => {
    assert.equal((await ts.request('POST', '/api/v1/namespaces', ns(name, labels))).status, 201);
    await eventually(async () => (await ts.request('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`)).status === 200);
  };

  it('gives pods the default service account, its token volume, default tolerations and priority', async () => {
    const res = await ts.request('POST', '/api/v1/namespaces/default/pods', pod('sa-default'));
    assert.equal(res.status, 201, res.text);
    const spec = res.json.spec as Record<string, unknown>;
    assert.equal(spec.serviceAccountName, 'default');
    const volumes = spec.volumes as { name: string; projected?: { sources: Record<string, unknown>[]; defaultMode: number } }[];
    assert.equal(volumes.length, 1);
    assert.match(volumes[0]?.name ?? '', /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(volumes[0]?.projected?.sources[0], { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
    assert.deepEqual(volumes[0]?.projected?.sources[1], { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
    const c = (spec.containers as { volumeMounts: unknown[] }[])[0];
    assert.deepEqual(c?.volumeMounts, [{ name: volumes[0]?.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    assert.deepEqual(spec.tolerations, [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    assert.equal(spec.priority, 0);
  });

  it('refuses pods whose service account does not exist, and skips the token when automount is off', async () => {
    const res = await ts.request('POST', '/api/v1/namespaces/default/pods', pod('sa-missing', { serviceAccountName: 'robot' }));
    assert.equal(res.status, 403);
    assert.equal(res.json.message, 'pods "sa-missing" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found');
    const off = await ts.request('POST', '/api/v1/namespaces/default/pods', pod('sa-off', { automountServiceAccountToken: false }));
    assert.equal(off.status, 201, off.text);
    assert.equal((off.json.spec as { volumes?: unknown }).volumes, undefined);
  });

  it('creates the default service account in new namespaces and again when it is deleted', async () => {
    await makeNamespace('sa-ns');
    assert.equal((await ts.request('DELETE', '/api/v1/namespaces/sa-ns/serviceaccounts/default')).status, 200);
    await eventually(async () => (await ts.request('GET', '/api/v1/namespaces/sa-ns/serviceaccounts/default')).status === 200);
  });

  it('resolves priority classes, including the system ones, and refuses unknown ones', async () => {
    const critical = await ts.request('POST', '/api/v1/namespaces/default/pods', pod('prio', { priorityClassName: 'system-node-critical' }));
    assert.equal(critical.status, 201, critical.text);
    assert.equal((critical.json.spec as { priority: number }).priority, 2000001000);
    assert.equal((critical.json.spec as { preemptionPolicy: string }).preemptionPolicy, 'PreemptLowerPriority');
    const unknown = await ts.request('POST', '/api/v1/namespaces/default/pods', pod('prio-x', { priorityClassName: 'nope' }));
    assert.equal(unknown.status, 403);
    assert.equal(unknown.json.message, 'pods "prio-x" is forbidden: no PriorityClass with name nope was found');
    const pc = (name: string): Record<string, unknown> => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 100, globalDefault: true, preemptionPolicy: 'Never' });
    assert.equal((await ts.request('POST', '/apis/scheduling.k8s.io/v1/priorityclasses', pc('low'))).status, 201);
    const second = await ts.request('POST', '/apis/scheduling.k8s.io/v1/priorityclasses', pc('other'));
    assert.equal(second.status, 403);
    assert.equal(second.json.message, 'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass low is already marked as default. Only one default can exist');
    const defaulted = await ts.request('POST', '/api/v1/namespaces/default/pods', pod('prio-default'));
    const spec = defaulted.json.spec as Record<string, unknown>;
    assert.deepEqual([spec.priorityClassName, spec.priority, spec.preemptionPolicy], ['low', 100, 'Never']);
    assert.equal((await ts.request('DELETE', '/apis/scheduling.k8s.io/v1/priorityclasses/low')).status, 200);
  });

  it('defaults container resources from LimitRanges and refuses what exceeds them', async () => {
    await makeNamespace('limits');
    const lr = {
      apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'cpu' },
      spec: { limits: [{ type: 'Container', max: { cpu: '1' }, defaultRequest: { cpu: '500m' }, maxLimitRequestRatio: { cpu: '4' } }] },
    };
    assert.equal((await ts.request('POST', '/api/v1/namespaces/limits/limitranges', lr)).status, 201);
    await eventually(async () => (await ts.request('GET', '/api/v1/namespaces/limits/limitranges/cpu')).status === 200);
    const ok = await ts.request('POST', '/api/v1/namespaces/limits/pods', pod('defaulted'));
    assert.equal(ok.status, 201, ok.text);
    const c = (ok.json.spec as { containers: { resources: unknown }[] }).containers[0];
    assert.deepEqual(c?.resources, { requests: { cpu: '500m' }, limits: { cpu: '1' } });
    assert.equal((ok.json.metadata as { annotations: Record<string, string> }).annotations['kubernetes.io/limit-ranger'],
      'LimitRanger plugin set: cpu request for container c; cpu limit for container c');
    const big = await ts.request('POST', '/api/v1/namespaces/limits/pods', pod('big', {}, { resources: { limits: { cpu: '2' } } }));
    assert.equal(big.status, 403);
    assert.equal(big.json.message, 'pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
    const ratio = await ts.request('POST', '/api/v1/namespaces/limits/pods', pod('ratio', {}, { resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } } }));
    assert.equal(ratio.status, 403);
    assert.equal(ratio.json.message, 'pods "ratio" is forbidden: cpu max limit to request ratio per Container is 4, but provided ratio is 10.000000');
  });

  it('enforces resource quotas with upstream messages and keeps status.used', async () => {
    await makeNamespace('quota');
    const rq = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute' }, spec: { hard: { 'limits.cpu': '2', pods: '5' } } };
    assert.equal((await ts.request('POST', '/api/v1/namespaces/quota/resourcequotas', rq)).status, 201);
    await eventually(async () => (await ts.request('GET', '/api/v1/namespaces/quota/resourcequotas/compute')).status === 200);
    const bare = await ts.request('POST', '/api/v1/namespaces/quota/pods', pod('bare'));
    assert.equal(bare.status, 403);
    assert.equal(bare.json.message, 'pods "bare" is forbidden: failed quota: compute: must specify limits.cpu');
    const one = await ts.request('POST', '/api/v1/namespaces/quota/pods', pod('one', {}, { resources: { limits: { cpu: '1' } } }));
    assert.equal(one.status, 201, one.text);
    const two = await ts.request('POST', '/api/v1/namespaces/quota/pods', pod('two', {}, { resources: { limits: { cpu: '2' } } }));
    assert.equal(two.status, 403);
    assert.equal(two.json.message, 'pods "two" is forbidden: exceeded quota: compute, requested: limits.cpu=2, used: limits.cpu=1, limited: limits.cpu=2');
    const status = (await ts.request('GET', '/api/v1/namespaces/quota/resourcequotas/compute')).json.status as Record<string, unknown>;
    assert.deepEqual(status, { hard: { 'limits.cpu': '2', pods: '5' }, used: { 'limits.cpu': '1', pods: '1' } });
  });

  it('lets only as many concurrent creates through as the quota allows', async () => {
    await makeNamespace('race');
    const rq = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'count' }, spec: { hard: { pods: '3' } } };
    assert.equal((await ts.request('POST', '/api/v1/namespaces/race/resourcequotas', rq)).status, 201);
    await eventually(async () => (await ts.request('GET', '/api/v1/namespaces/race/resourcequotas/count')).status === 200);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => ts.request('POST', '/api/v1/namespaces/race/pods', pod(`p${i}`))));
    assert.equal(results.filter((r) => r.status === 201).length, 3);
    for (const r of results.filter((x) => x.status !== 201)) assert.match(String(r.json.message), /exceeded quota: count, requested: pods=1, used: pods=3, limited: pods=3$/);
  });

  it('refuses pods that violate the enforced Pod Security level with upstream\'s message', async () => {
    await makeNamespace('secure', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const bad = await ts.request('POST', '/api/v1/namespaces/secure/pods', pod('priv', {}, { securityContext: { privileged: true } }));
    assert.equal(bad.status, 403);
    assert.equal(bad.json.message, 'pods "priv" is forbidden: violates PodSecurity "restricted:latest": privileged (container "c" must not set securityContext.privileged=true), '
      + 'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), '
      + 'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), '
      + 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), '
      + 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")');
    const good = await ts.request('POST', '/api/v1/namespaces/secure/pods', pod('fine', { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } },
      { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }));
    assert.equal(good.status, 201, good.text);
    const badLabel = await ts.request('POST', '/api/v1/namespaces', ns('weird', { 'pod-security.kubernetes.io/enforce': 'strict' }));
    assert.equal(badLabel.status, 422);
  });

  it('restricts nodes to their own Node, Lease and mirror pods', async () => {
    const { certPem, keyPem } = await issueClientCertificate(ts.server.pki, { commonName: 'system:node:n1', organizations: ['system:nodes'], days: 1 });
    const session = http2.connect(ts.server.url, { ca: ts.server.pki.caCertPem, cert: certPem, key: keyPem });
    session.on('error', () => {});
    const asNode = (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => new Promise((resolve, reject) => {
      const req = session.request({ ':method': method, ':path': path, 'content-type': 'application/json' });
      let status = 0;
      const chunks: Buffer[] = [];
      req.on('response', (h) => { status = Number(h[':status']); });
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve({ status, json: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown> }));
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
    try {
      const node = (name: string, labels: Record<string, string> = {}): unknown => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels } });
      assert.equal((await asNode('POST', '/api/v1/nodes', node('n1', { 'kubernetes.io/hostname': 'n1' }))).status, 201);
      const other = await asNode('POST', '/api/v1/nodes', node('n2'));
      assert.equal(other.status, 403);
      assert.equal(other.json.message, 'nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"');
      const role = await asNode('POST', '/api/v1/nodes', node('n1', { 'node-role.kubernetes.io/control-plane': '' }));
      assert.equal(role.status, 403);
      const plain = await asNode('POST', '/api/v1/namespaces/default/pods', pod('from-node', { nodeName: 'n1' }));
      assert.equal(plain.status, 403);
      assert.equal(plain.json.message, 'pods "from-node" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "n1" can only create mirror pods');
      const lease = await asNode('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n2' } });
      assert.equal(lease.status, 403);
      assert.match(String(lease.json.message), /can only access node lease with the same name as the requesting node$/);
      assert.equal((await ts.request('POST', '/api/v1/namespaces/default/pods', pod('elsewhere', { nodeName: 'n9' }))).status, 201);
      const del = await asNode('DELETE', '/api/v1/namespaces/default/pods/elsewhere');
      assert.equal(del.status, 403);
      assert.equal(del.json.message, 'pods "elsewhere" is forbidden: node "n1" can only delete pods with spec.nodeName set to itself');
    } finally {
      session.close();
    }
  });
});
