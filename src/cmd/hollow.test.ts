// Hollow nodes with node identities (a bearer token each, user system:node:<name> in group
// system:nodes) against an apiserver with the full security installed: every kubelet write —
// registration, re-registration, Lease create and renewals, node status, pod status, the final
// delete of a gracefully deleted pod, Lease deletion — passes the Node authorizer and
// NodeRestriction, and the identities really are restricted to their own node.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { startTestServer } from '../apiserver/testing.ts';
import type { TestServer } from '../apiserver/testing.ts';
import type { RestConfig } from '../client/config.ts';
import { RestClient } from '../client/rest.ts';
import type { ResourceRef } from '../client/request.ts';
import { isForbidden, isNotFound } from '../client/status.ts';
import { startHollowNodes } from '../kubelet/hollow/index.ts';
import type { HollowNodes } from '../kubelet/hollow/index.ts';
import { generateNodeTokens, hollowNodeNames, nodeTokenFileText, tokenIdentity } from '../kubelet/hollow/tokens.ts';
import { configureApiServer } from './controlplane.ts';

const pods = (name?: string): ResourceRef => ({ version: 'v1', resource: 'pods', namespace: 'default', name });
const nodes = (name?: string, subresource?: string): ResourceRef => ({ version: 'v1', resource: 'nodes', name, subresource });
const leases = (name?: string): ResourceRef => ({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease', name });

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { if (await check()) return; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function podOn(node: string, name: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: node, automountServiceAccountToken: false, containers: [{ name: 'app', image: 'registry.local/app:1' }] } };
}

describe('hollow nodes as system:node:<name> by token', () => {
  const names = hollowNodeNames('hn', 0, 2);
  const tokens = generateNodeTokens(names);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cox-hollow-id-'));
  const tokenFile = path.join(dir, 'tokens.csv');
  let ts: TestServer;
  let installed: { stop(): void } | undefined;
  let admin: RestClient;
  let adminConfig: RestConfig;
  let hollow: HollowNodes | undefined;
  const errors: string[] = [];
  const clients: RestClient[] = [];

  before(async () => {
    writeFileSync(tokenFile, nodeTokenFileText(tokens), { mode: 0o600 });
    ts = await startTestServer({}, (s) => { installed = configureApiServer(s, { tokenAuthFile: tokenFile }); });
    adminConfig = { server: ts.server.url, ca: ts.server.pki.caCertPem, cert: ts.server.pki.adminCertPem, key: ts.server.pki.adminKeyPem, qps: -1, burst: 0, userAgent: 'test' };
    admin = new RestClient(adminConfig);
    hollow = await startHollowNodes(adminConfig, {
      count: 2, namePrefix: 'hn', identity: tokenIdentity(adminConfig, tokens),
      config: { leaseRenewSeconds: 1, deletionStopSeconds: 0.2 },
      onError: (err, what) => { errors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`); },
    });
  });
  after(async () => {
    await hollow?.stop();
    for (const c of clients) c.close();
    admin.close();
    installed?.stop();
    await ts.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (node: string): RestClient => {
    const c = new RestClient({ ...tokenIdentity(adminConfig, tokens)(node), qps: -1 });
    clients.push(c);
    return c;
  };

  it('authenticates each node as system:node:<name> in group system:nodes', async () => {
    const review = await as('hn-1').create<{ status?: { userInfo?: { username?: string; groups?: string[] } } }>(
      { group: 'authentication.k8s.io', version: 'v1', resource: 'selfsubjectreviews' },
      { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    );
    assert.equal(review.status?.userInfo?.username, 'system:node:hn-1');
    assert.ok(review.status?.userInfo?.groups?.includes('system:nodes'));
  });

  it('registers, renews leases and runs pods through the Node authorizer and NodeRestriction', async () => {
    for (const n of names) {
      const node = await admin.get<Node>(nodes(n));
      assert.equal(node.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
      const lease = await admin.get<Lease>(leases(n));
      assert.equal(lease.spec?.holderIdentity, n);
      // Written by the node's own client (the field manager comes from its kubelet user agent).
      assert.deepEqual([...new Set((lease.metadata?.managedFields ?? []).map((f) => f.manager))], ['kubelet']);
    }
    const renewed = hollow?.stats().leaseRenewals ?? 0;
    await eventually('lease renewals', async () => (hollow?.stats().leaseRenewals ?? 0) >= renewed + 2);
    await admin.create(pods(), podOn('hn-0', 'web'));
    await eventually('pod Running', async () => (await admin.get<Pod>(pods('web'))).status?.phase === 'Running');
    // A graceful delete: the node stops the pod and removes it with gracePeriodSeconds=0.
    await admin.delete(pods('web'));
    await eventually('pod gone', async () => admin.get(pods('web')).then(() => false, (err: unknown) => isNotFound(err)));
    assert.deepEqual(errors, []);
    assert.ok((hollow?.stats().deletes ?? 0) >= 1);
  });

  it('a node cannot write another node\'s Node, Lease or pods', async () => {
    await admin.create(pods(), podOn('hn-1', 'theirs'));
    const intruder = as('hn-0');
    await assert.rejects(intruder.patch(nodes('hn-1', 'status'), 'merge', { status: { conditions: [] } }), isForbidden);
    await assert.rejects(intruder.update(leases('hn-1'), await admin.get<Lease>(leases('hn-1'))), isForbidden);
    await assert.rejects(intruder.patch({ ...pods('theirs'), subresource: 'status' }, 'merge', { status: { message: 'x' } }), isForbidden);
    await assert.rejects(intruder.delete(pods('theirs'), { gracePeriodSeconds: 0 }), isForbidden);
    // A kubelet may not delete Node objects at all (upstream's node rules have no delete on nodes).
    await assert.rejects(as('hn-1').delete(nodes('hn-1')), isForbidden);
  });

  it('re-registers after a restart and deletes leases (own identity) and nodes (the process\'s identity)', async () => {
    await hollow?.stop();
    const again = await startHollowNodes(adminConfig, {
      count: 2, namePrefix: 'hn', identity: tokenIdentity(adminConfig, tokens), labels: { 'example.com/restarted': 'yes' },
      config: { leaseRenewSeconds: 1 },
      onError: (err, what) => { errors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`); },
    });
    hollow = again;
    assert.equal((await admin.get<Node>(nodes('hn-1'))).metadata?.labels?.['example.com/restarted'], 'yes');
    await again.stop({ deleteNodes: true });
    for (const n of names) {
      await assert.rejects(admin.get(nodes(n)), isNotFound);
      await assert.rejects(admin.get(leases(n)), isNotFound);
    }
    assert.deepEqual(errors, []);
  });
});
