// Real kubectl against an apiserver with authentication installed: `kubectl create token`
// yields a token that works (`kubectl auth whoami`) and then expires; tokens for other
// audiences do not open the apiserver. Runs an in-process apiserver (memory storage) with a
// controllable token clock so expiry needs no ten-minute wait.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestServer } from '../../src/apiserver/testing.ts';
import type { TestServer } from '../../src/apiserver/testing.ts';
import { installAuthentication } from '../../src/auth/authn/index.ts';
import { kubeconfigFor } from '../../src/auth/kubeconfig.ts';
import { KUBECTL_DIR, kubectl } from './harness.ts';

// JSON clients (1.27, 1.31) and protobuf clients (1.33).
const VERSIONS = ['1.27', '1.31', '1.33'].map((v) => ({ version: v, bin: path.join(KUBECTL_DIR, `kubectl.${v}`) }));

describe('kubectl create token and auth whoami', () => {
  let s: TestServer;
  let dir: string;
  let admin: string;
  let clock = Date.now();

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cox-e2e-authn-'));
    s = await startTestServer({}, (server) => { installAuthentication(server, { now: () => clock }); });
    admin = path.join(dir, 'admin.kubeconfig');
    writeFileSync(admin, kubeconfigFor({
      server: s.server.url, clusterName: 'coxswain', caPem: s.server.pki.caCertPem,
      user: 'admin', certPem: s.server.pki.adminCertPem, keyPem: s.server.pki.adminKeyPem,
    }));
  });

  after(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A kubeconfig whose only credential is the bearer token. */
  function tokenKubeconfig(name: string, token: string): string {
    const p = path.join(dir, `${name}.kubeconfig`);
    writeFileSync(p, kubeconfigFor({ server: s.server.url, clusterName: 'coxswain', caPem: s.server.pki.caCertPem, user: name, token }));
    return p;
  }

  for (const k of VERSIONS) {
    it(`kubectl ${k.version}: a created token authenticates as the service account, then expires`, async () => {
      const ns = `authn-${k.version.replace('.', '-')}`;
      assert.equal((await kubectl(k.bin, admin, ['create', 'namespace', ns])).code, 0);
      const sa = await kubectl(k.bin, admin, ['create', 'serviceaccount', 'default', '-n', ns]);
      assert.equal(sa.code, 0, sa.stderr);

      const created = await kubectl(k.bin, admin, ['create', 'token', 'default', '-n', ns, '--duration=10m']);
      assert.equal(created.code, 0, created.stderr);
      const token = created.stdout.trim();
      assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number; iat: number };
      assert.equal(claims.exp - claims.iat, 600);

      const cfg = tokenKubeconfig(`sa-${ns}`, token);
      const who = await kubectl(k.bin, cfg, ['auth', 'whoami', '-o', 'json']);
      assert.equal(who.code, 0, who.stderr);
      const info = (JSON.parse(who.stdout) as { status: { userInfo: { username: string; groups: string[] } } }).status.userInfo;
      assert.equal(info.username, `system:serviceaccount:${ns}:default`);
      assert.deepEqual(info.groups, ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated']);
      const table = await kubectl(k.bin, cfg, ['auth', 'whoami']);
      assert.match(table.stdout, new RegExp(`Username\\s+system:serviceaccount:${ns}:default`));

      const saved = clock;
      try {
        clock += 11 * 60_000 + 1000;
        const expired = await kubectl(k.bin, cfg, ['auth', 'whoami']);
        assert.notEqual(expired.code, 0);
        assert.match(expired.stderr, /You must be logged in to the server \(Unauthorized\)/);
      } finally {
        clock = saved;
      }
    });

    it(`kubectl ${k.version}: tokens for another audience do not open the apiserver; short durations are refused`, async () => {
      const ns = `authn-${k.version.replace('.', '-')}`;
      const other = await kubectl(k.bin, admin, ['create', 'token', 'default', '-n', ns, '--audience', 'https://vault.example', '--duration', '20m']);
      assert.equal(other.code, 0, other.stderr);
      const denied = await kubectl(k.bin, tokenKubeconfig(`aud-${ns}`, other.stdout.trim()), ['auth', 'whoami']);
      assert.notEqual(denied.code, 0);
      assert.match(denied.stderr, /Unauthorized/);
      const short = await kubectl(k.bin, admin, ['create', 'token', 'default', '-n', ns, '--duration=1m']);
      assert.notEqual(short.code, 0);
      assert.match(short.stderr, /may not specify a duration less than 10 minutes/);
      const mine = await kubectl(k.bin, admin, ['auth', 'whoami']);
      assert.equal(mine.code, 0, mine.stderr);
      assert.match(mine.stdout, /Username\s+kubernetes-admin/);
      assert.match(mine.stdout, /Groups\s+\[system:masters system:authenticated\]/);
    });
  }
});
