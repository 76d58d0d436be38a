// The Node authorizer through a real in-process apiserver with the full security installed
// (configureApiServer: authentication, RBAC, Node, admission).

import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { after, before, describe, it } from 'node:test';
import { eventually, startTestServer } from '../../apiserver/testing.ts';
import type { TestServer } from '../../apiserver/testing.ts';
import { configureApiServer } from '../../cmd/controlplane.ts';
import { issueClientCertificate } from '../pki/index.ts';

interface Answer { status: number; json: Record<string, unknown> }
type Client = ((method: string, path: string, body?: unknown, contentType?: string) => Promise<Answer>) & { close(): void };

async function nodeClient(ts: TestServer, name: string): Promise<Client> {
  const { certPem, keyPem } = await issueClientCertificate(ts.server.pki, { commonName: `system:node:${name}`, organizations: ['system:nodes'], days: 1 });
  const session = http2.connect(ts.server.url, { ca: ts.server.pki.caCertPem, cert: certPem, key: keyPem });
  session.on('error', () => {});
  const send = (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Answer> => new Promise((resolve, reject) => {
    const req = session.request({ ':method': method, ':path': path, 'content-type': contentType });
    let status = 0;
    const chunks: Buffer[] = [];
    req.on('response', (h) => { status = Number(h[':status']); });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve({ status, json: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown> }));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
  return Object.assign(send, { close: () => session.close() });
}

const secret = (name: string): unknown => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, stringData: { k: 'v' } });
const configMap = (name: string): unknown => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } });
const pod = (name: string, nodeName: string, spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}): unknown => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { nodeName, automountServiceAccountToken: false, containers: [{ name: 'c', image: 'nginx:1.27', ...container }], ...spec },
});
const nodeObj = (name: string): unknown => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
const lease = (name: string): unknown => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease' }, spec: { holderIdentity: name } });

describe('node authorizer', () => {
  let ts: TestServer;
  let installed: { stop(): void } | undefined;
  let n1: Client;
  let n2: Client;
  before(async () => {
    ts = await startTestServer({}, (s) => { installed = configureApiServer(s); });
    n1 = await nodeClient(ts, 'n1');
    n2 = await nodeClient(ts, 'n2');
    for (const s of ['vol-n1', 'env-n1', 'pull-n1', 'only-n2', 'unused', 'pv-csi']) {
      assert.equal((await ts.request('POST', '/api/v1/namespaces/default/secrets', secret(s))).status, 201);
    }
    for (const c of ['cm-n1', 'cm-n2']) assert.equal((await ts.request('POST', '/api/v1/namespaces/default/configmaps', configMap(c))).status, 201);
    assert.equal((await ts.request('POST', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } })).status, 201);
    const created = await ts.request('POST', '/api/v1/namespaces/default/pods', pod('p1', 'n1', {
      serviceAccountName: 'robot',
      imagePullSecrets: [{ name: 'pull-n1' }],
      volumes: [
        { name: 's', secret: { secretName: 'vol-n1' } },
        { name: 'c', projected: { sources: [{ configMap: { name: 'cm-n1' } }] } },
        { name: 'd', persistentVolumeClaim: { claimName: 'data' } },
      ],
    }, { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'env-n1', key: 'k' } } }] }));
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.equal((await ts.request('POST', '/api/v1/namespaces/default/pods', pod('p2', 'n2', {
      volumes: [{ name: 's', secret: { secretName: 'only-n2' } }, { name: 'c', configMap: { name: 'cm-n2' } }],
    }))).status, 201);
    assert.equal((await ts.request('POST', '/api/v1/persistentvolumes', {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], claimRef: { namespace: 'default', name: 'data' },
        csi: { driver: 'x.example.com', volumeHandle: 'h', nodePublishSecretRef: { name: 'pv-csi', namespace: 'default' } } },
    })).status, 201);
    assert.equal((await ts.request('POST', '/api/v1/namespaces/default/persistentvolumeclaims', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: 'pv1' },
    })).status, 201);
  });
  after(async () => { n1.close(); n2.close(); installed?.stop(); await ts.close(); });

  it('lets a node get the secrets, config maps, claims and volumes its pods use', async () => {
    for (const s of ['vol-n1', 'env-n1', 'pull-n1', 'pv-csi']) assert.equal((await n1('GET', `/api/v1/namespaces/default/secrets/${s}`)).status, 200, s);
    assert.equal((await n1('GET', '/api/v1/namespaces/default/configmaps/cm-n1')).status, 200);
    assert.equal((await n1('GET', '/api/v1/namespaces/default/persistentvolumeclaims/data')).status, 200);
    assert.equal((await n1('GET', '/api/v1/persistentvolumes/pv1')).status, 200);
    assert.equal((await n2('GET', '/api/v1/namespaces/default/secrets/only-n2')).status, 200);
  });

  it('refuses objects only other nodes pods use, with upstream message', async () => {
    const res = await n1('GET', '/api/v1/namespaces/default/secrets/only-n2');
    assert.equal(res.status, 403);
    assert.equal(res.json.message, 'secrets "only-n2" is forbidden: User "system:node:n1" cannot get resource "secrets" in API group "" in the namespace "default": '
      + "no relationship found between node 'n1' and this object");
    assert.equal((await n1('GET', '/api/v1/namespaces/default/secrets/unused')).status, 403);
    assert.equal((await n1('GET', '/api/v1/namespaces/default/configmaps/cm-n2')).status, 403);
    assert.equal((await n2('GET', '/api/v1/persistentvolumes/pv1')).status, 403);
    assert.equal((await n2('GET', '/api/v1/namespaces/default/secrets/vol-n1')).status, 403);
  });

  it('refuses listing secrets and writing them', async () => {
    const list = await n1('GET', '/api/v1/namespaces/default/secrets');
    assert.equal(list.status, 403);
    assert.match(String(list.json.message), /cannot list resource "secrets" in API group "" in the namespace "default"/);
    assert.equal((await n1('GET', '/api/v1/secrets')).status, 403);
    const del = await n1('DELETE', '/api/v1/namespaces/default/secrets/vol-n1');
    assert.equal(del.status, 403);
    assert.match(String(del.json.message), /can only read resources of this type$/);
  });

  it('follows pods as they are bound, changed and deleted', async () => {
    assert.equal((await n2('GET', '/api/v1/namespaces/default/secrets/unused')).status, 403);
    assert.equal((await ts.request('POST', '/api/v1/namespaces/default/pods', pod('p3', 'n2', { volumes: [{ name: 's', secret: { secretName: 'unused' } }] }))).status, 201);
    await eventually(async () => (await n2('GET', '/api/v1/namespaces/default/secrets/unused')).status === 200);
    assert.equal((await ts.request('DELETE', '/api/v1/namespaces/default/pods/p3?gracePeriodSeconds=0')).status, 200);
    await eventually(async () => (await n2('GET', '/api/v1/namespaces/default/secrets/unused')).status === 403);
    // Still reachable through p2 after another pod referencing it goes away.
    assert.equal((await ts.request('POST', '/api/v1/namespaces/default/pods', pod('p4', 'n2', { volumes: [{ name: 's', secret: { secretName: 'only-n2' } }] }))).status, 201);
    assert.equal((await ts.request('DELETE', '/api/v1/namespaces/default/pods/p4?gracePeriodSeconds=0')).status, 200);
    await eventually(async () => (await ts.request('GET', '/api/v1/namespaces/default/pods/p4')).status === 404);
    assert.equal((await n2('GET', '/api/v1/namespaces/default/secrets/only-n2')).status, 200);
  });

  it('lets a node request tokens only for service accounts of its pods', async () => {
    const req = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: [] } };
    const mine = await n1('POST', '/api/v1/namespaces/default/serviceaccounts/robot/token', req);
    assert.notEqual(mine.status, 403, JSON.stringify(mine.json));
    const theirs = await n2('POST', '/api/v1/namespaces/default/serviceaccounts/robot/token', req);
    assert.equal(theirs.status, 403);
    assert.match(String(theirs.json.message), /no relationship found between node 'n2' and this object$/);
    assert.equal((await n1('GET', '/api/v1/namespaces/default/serviceaccounts/robot')).status, 403);
  });

  it('lets a node update its own Node status and Lease but not another node', async () => {
    assert.equal((await n1('POST', '/api/v1/nodes', nodeObj('n1'))).status, 201);
    assert.equal((await n2('POST', '/api/v1/nodes', nodeObj('n2'))).status, 201);
    const status = { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ok', lastHeartbeatTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z' }] } };
    const mine = await n1('PATCH', '/api/v1/nodes/n1/status', status, 'application/merge-patch+json');
    assert.equal(mine.status, 200, JSON.stringify(mine.json));
    const other = await n1('PATCH', '/api/v1/nodes/n2/status', status, 'application/merge-patch+json');
    assert.equal(other.status, 403);
    assert.equal(other.json.message, 'nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"');

    assert.equal((await n1('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', lease('n1'))).status, 201);
    assert.equal((await n2('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', lease('n2'))).status, 201);
    const renew = { spec: { renewTime: '2024-01-01T00:00:10.000000Z' } };
    assert.equal((await n1('PATCH', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1', renew, 'application/merge-patch+json')).status, 200);
    const foreign = await n1('PATCH', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n2', renew, 'application/merge-patch+json');
    assert.equal(foreign.status, 403);
    assert.match(String(foreign.json.message), /can only access node lease with the same name as the requesting node$/);
    const elsewhere = await n1('GET', '/apis/coordination.k8s.io/v1/namespaces/default/leases/n1');
    assert.equal(elsewhere.status, 403);
    assert.match(String(elsewhere.json.message), /can only access leases in the "kube-node-lease" system namespace$/);
  });

  it('grants the static node rules and nothing beyond them', async () => {
    assert.equal((await n1('GET', '/api/v1/pods')).status, 200);
    assert.equal((await n1('GET', '/api/v1/services')).status, 200);
    assert.equal((await n1('GET', '/api/v1/nodes')).status, 200);
    assert.equal((await n1('GET', '/api/v1/namespaces/default/endpoints/kubernetes')).status !== 403, true);
    assert.equal((await n1('GET', '/api/v1/namespaces')).status, 403);
    assert.equal((await n1('GET', '/apis/apps/v1/deployments')).status, 403);
    assert.equal((await n1('DELETE', '/api/v1/nodes/n2')).status, 403);
  });

  it('keeps the system:node ClusterRole bound to nobody', async () => {
    const crb = await ts.request('GET', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:node');
    assert.equal(crb.status, 200);
    assert.deepEqual(crb.json.subjects ?? [], []);
  });
});
