// Golden test against the real kubectl: it POSTs protobuf bodies of built-in kinds to a tiny
// HTTPS server; our decoder must turn each into the same JSON the same kubectl prints for
// `--dry-run=client -o json`. This is the proof that the transcribed field tables are right.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { kubeconfigFor, writeKubeconfig } from '../../auth/kubeconfig.ts';
import { ensureClusterPKI } from '../../auth/pki/cluster.ts';
import { decodeK8sProtobuf, PROTOBUF_CONTENT_TYPE } from './codec.ts';

const run = promisify(execFile);
const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const skip = existsSync(KUBECTL) ? false : `${KUBECTL} is not installed`;

type Resource = [name: string, kind: string, namespaced: boolean];
const RESOURCES: Record<string, Resource[]> = {
  '/api/v1': [['configmaps', 'ConfigMap', true], ['secrets', 'Secret', true], ['pods', 'Pod', true],
    ['services', 'Service', true], ['namespaces', 'Namespace', false], ['serviceaccounts', 'ServiceAccount', true], ['resourcequotas', 'ResourceQuota', true]],
  '/apis/apps/v1': [['deployments', 'Deployment', true]],
  '/apis/batch/v1': [['jobs', 'Job', true]],
  '/apis/scheduling.k8s.io/v1': [['priorityclasses', 'PriorityClass', false]],
  '/apis/rbac.authorization.k8s.io/v1': [['roles', 'Role', true], ['rolebindings', 'RoleBinding', true],
    ['clusterroles', 'ClusterRole', false]],
  '/apis/networking.k8s.io/v1': [['ingresses', 'Ingress', true]],
  '/apis/policy/v1': [['poddisruptionbudgets', 'PodDisruptionBudget', true]],
};
const GROUPS = ['apps/v1', 'batch/v1', 'scheduling.k8s.io/v1', 'rbac.authorization.k8s.io/v1', 'networking.k8s.io/v1', 'policy/v1'];

function discovery(path: string, port: number): unknown {
  if (path === '/api') {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${port}` }] };
  }
  if (path === '/apis') {
    return {
      kind: 'APIGroupList', apiVersion: 'v1',
      groups: GROUPS.map((gv) => {
        const [name] = gv.split('/');
        const v = { groupVersion: gv, version: gv.split('/')[1] };
        return { name, versions: [v], preferredVersion: v };
      }),
    };
  }
  const resources = RESOURCES[path];
  if (!resources) return undefined;
  return {
    kind: 'APIResourceList', apiVersion: 'v1', groupVersion: path.replace(/^\/apis?\//, ''),
    resources: resources.map(([name, kind, namespaced]) => ({
      name, singularName: kind.toLowerCase(), namespaced, kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    })),
  };
}

interface Captured { contentType: string; url: string; body: Buffer }

async function startServer(t: TestContext, dir: string): Promise<{ kubeconfig: string; posts: Captured[] }> {
  const pki = await ensureClusterPKI(join(dir, 'tls'), { hosts: [], ips: [], serviceIP: '10.96.0.1' });
  const posts: Captured[] = [];
  let port = 0;
  const server: Server = createServer({ cert: pki.servingCertPem, key: pki.servingKeyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST') {
        const body = Buffer.concat(chunks);
        posts.push({ contentType: req.headers['content-type'] ?? '', url: path, body });
        try {
          const obj = req.headers['content-type'] === PROTOBUF_CONTENT_TYPE
            ? decodeK8sProtobuf(body).object : JSON.parse(body.toString()) as unknown;
          res.statusCode = 201;
          res.end(JSON.stringify(obj));
        } catch (e) {
          res.statusCode = 400;
          res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 400, message: String(e) }));
        }
        return;
      }
      const doc = discovery(path, port);
      res.statusCode = doc ? 200 : 404;
      res.end(JSON.stringify(doc ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  port = (server.address() as AddressInfo).port;
  const kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, kubeconfigFor({
    server: `https://127.0.0.1:${port}`, clusterName: 'golden', caPem: pki.caCertPem, user: 'tester', token: 'golden-token',
  }));
  return { kubeconfig, posts };
}

/** Drops what kubectl 1.33's Go (no omitzero yet) prints for an unset creationTimestamp. */
function withoutNullTimestamps(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNullTimestamps);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'creationTimestamp' && x === null) continue;
    out[k] = withoutNullTimestamps(x);
  }
  return out;
}

test('kubectl 1.33 protobuf request bodies decode to the JSON it prints for --dry-run=client', { skip, timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'coxswain-protobuf-golden-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { kubeconfig, posts } = await startServer(t, dir);
  const binFile = join(dir, 'blob.bin');
  writeFileSync(binFile, Buffer.from([0, 1, 2, 0xfe, 0xff, 0x80, 0x7f]));
  const env = { PATH: '/usr/bin:/bin', HOME: dir };
  const kubectl = async (args: string[]): Promise<string> =>
    (await run(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { env, timeout: 30_000 })).stdout;

  const commands: string[][] = [
    ['create', 'configmap', 'x', '--from-literal=a=b', `--from-file=bin=${binFile}`],
    ['create', 'deployment', 'd', '--image=nginx', '--replicas=3', '--port=80'],
    ['create', 'secret', 'generic', 's', '--from-literal=k=v'],
    ['create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi'],
    ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080'],
    ['run', 'p', '--image=busybox', '--labels=a=b', '--env=X=1', '--restart=Never'],
    ['create', 'priorityclass', 'pc', '--value=10'],
    ['create', 'namespace', 'n'],
    ['create', 'serviceaccount', 'sa'],
    ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/1 * * * *', '--', 'date'],
    ['create', 'role', 'r', '--verb=get,list', '--resource=pods,deployments.apps', '--resource-name=a'],
    ['create', 'rolebinding', 'rb', '--role=r', '--user=u', '--serviceaccount=default:sa', '--group=g'],
    ['create', 'clusterrole', 'cr', '--verb=get', '--non-resource-url=/healthz'],
    ['create', 'clusterrole', 'cra', '--aggregation-rule=a=b'],
    ['create', 'ingress', 'ing', '--class=nginx', '--rule=foo.com/bar*=svc:8080,tls=cert', '--annotation=x=y'],
    ['create', 'poddisruptionbudget', 'pdb', '--selector=a=b', '--min-available=50%'],
    ['create', 'quota', 'q', '--hard=cpu=1500m,memory=1Gi,pods=2', '--scopes=BestEffort'],
    ['create', 'secret', 'docker-registry', 'reg', '--docker-username=u', '--docker-password=p', '--docker-server=r.io'],
  ];
  // kubectl run builds its object as unstructured data and still sends JSON.
  const sendsJSON = new Set(['run']);
  for (const args of commands) {
    await t.test(args.slice(0, 3).join(' '), async () => {
      const before = posts.length;
      await kubectl(args);
      const post = posts[before];
      assert.ok(post, `kubectl ${args.join(' ')} sent no POST`);
      if (sendsJSON.has(args[0]!)) {
        assert.equal(post.contentType, 'application/json');
        return;
      }
      assert.equal(post.contentType, PROTOBUF_CONTENT_TYPE, `kubectl ${args.join(' ')} sent ${post.contentType}`);
      const decoded = decodeK8sProtobuf(post.body).object;
      const dash = args.indexOf('--');
      const dryRun = ['--dry-run=client', '-o', 'json'];
      const expected = JSON.parse(await kubectl(dash < 0 ? [...args, ...dryRun]
        : [...args.slice(0, dash), ...dryRun, ...args.slice(dash)])) as unknown;
      assert.deepEqual(decoded, withoutNullTimestamps(expected));
    });
  }
});
