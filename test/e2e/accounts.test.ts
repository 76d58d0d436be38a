// Account and quota controllers inside `cox server`, seen through the real kubectl: a new
// namespace gets its default ServiceAccount and kube-root-ca.crt, a legacy token Secret is filled
// in, and `kubectl describe quota` shows the usage.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KUBECTLS, kubectlFor, useCluster, waitFor } from './harness.ts';

const cluster = useCluster(['--controller-manager-port', '0', '--scheduler-port', '0']);

for (const k of KUBECTLS) {
  describe(`kubectl ${k.version}`, () => {
    const kc = kubectlFor(cluster, k);
    const ns = `acct-${k.version.replace('.', '-')}`;

    test('a new namespace gets its default ServiceAccount and kube-root-ca.crt', async () => {
      await kc.ok(['create', 'namespace', ns]);
      const sa = await waitFor('default SA', async () => { const r = await kc.run(['get', 'sa', 'default', '-n', ns, '-o', 'name']); return r.code === 0 ? r.stdout : undefined; }, 20_000);
      assert.equal(sa.trim(), 'serviceaccount/default');
      const ca = await waitFor('kube-root-ca.crt', async () => {
        const r = await kc.run(['get', 'cm', 'kube-root-ca.crt', '-n', ns, '-o', 'jsonpath={.data.ca\\.crt}']);
        return r.code === 0 && r.stdout ? r.stdout : undefined;
      }, 20_000);
      assert.match(ca, /^-----BEGIN CERTIFICATE-----/);
    });

    test('a service account token Secret is filled in', async () => {
      await kc.ok(['create', 'serviceaccount', 'robot', '-n', ns]);
      await kc.ok(['apply', '-n', ns, '-f', '-'], JSON.stringify({
        apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
        metadata: { name: 'robot-token', annotations: { 'kubernetes.io/service-account.name': 'robot' } },
      }));
      const token = await waitFor('token', async () => {
        const r = await kc.run(['get', 'secret', 'robot-token', '-n', ns, '-o', 'jsonpath={.data.token}']);
        return r.code === 0 && r.stdout ? Buffer.from(r.stdout, 'base64').toString() : undefined;
      }, 20_000);
      // A compact JWT naming the account (its signature is checked in src/controllers/token's test).
      const parts = token.split('.');
      assert.equal(parts.length, 3);
      const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString()) as { sub?: string };
      assert.equal(claims.sub, `system:serviceaccount:${ns}:robot`);
    });

    test('kubectl describe quota shows the usage', async () => {
      await kc.ok(['create', 'quota', 'q', '-n', ns, '--hard=configmaps=10,secrets=5,pods=4']);
      const out = await waitFor('quota used', async () => {
        const r = await kc.run(['describe', 'quota', 'q', '-n', ns]);
        return r.code === 0 && /configmaps\s+1\s+10/.test(r.stdout) ? r.stdout : undefined;
      }, 20_000);
      assert.match(out, /pods\s+0\s+4/);
      assert.match(out, /secrets\s+1\s+5/);
    });
  });
}
