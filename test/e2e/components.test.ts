// The components as separate processes, as in upstream's classic layout: `cox apiserver`, then
// `cox scheduler`, `cox controller-manager` and `cox hollow` as API clients with their own
// kubeconfigs; kubectl sees a Deployment run on the hollow nodes and the components healthy.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, test } from 'node:test';
import { KUBECTLS, NODE, ROOT, kubectl, startCluster, waitFor } from './harness.ts';
import type { Cluster } from './harness.ts';

const children: ChildProcess[] = [];
let cluster: Cluster | undefined;
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise<void>((r) => { if (c.exitCode !== null || c.signalCode !== null) r(); else c.once('exit', () => r()); })));
  await cluster?.stop();
});

function cox(args: string[]): ChildProcess {
  const c = spawn(NODE, [path.join(ROOT, 'src/cmd/cox.ts'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  c.stderr?.resume();
  children.push(c);
  return c;
}

test('scheduler, controller manager and hollow nodes run as separate processes', { timeout: 120_000 }, async () => {
  cluster = await startCluster(['--scheduler-port', '-1', '--controller-manager-port', '-1']);
  const kc = (name: string): string => path.join(cluster?.dataDir ?? '', 'kubeconfigs', `${name}.kubeconfig`);
  cox(['scheduler', '--kubeconfig', kc('scheduler'), '--secure-port', '0']);
  cox(['controller-manager', '--kubeconfig', kc('controller-manager'), '--secure-port', '0']);
  cox(['hollow', '--nodes', '2', '--kubeconfig', cluster.kubeconfig]);
  const k = KUBECTLS[KUBECTLS.length - 1] ?? { version: '1.33', bin: '' };
  const run = (args: string[]) => kubectl(k.bin, cluster?.kubeconfig ?? '', args);
  await waitFor('two Ready hollow nodes', async () => {
    const r = await run(['get', 'nodes', '--no-headers']);
    return r.stdout.split('\n').filter((l) => /\sReady\s/.test(l)).length === 2 ? true : undefined;
  }, 30_000);
  assert.equal((await run(['create', 'deployment', 'web', '--image=nginx', '--replicas=2'])).code, 0);
  const out = await waitFor('the Deployment available', async () => {
    const r = await run(['rollout', 'status', 'deployment/web', '--timeout=5s']);
    return r.code === 0 ? r.stdout : undefined;
  }, 60_000);
  assert.match(out, /successfully rolled out/);
  const pods = await run(['get', 'pods', '-o', 'jsonpath={range .items[*]}{.spec.nodeName}{"\\n"}{end}']);
  assert.ok(pods.stdout.split('\n').filter(Boolean).every((n) => n.startsWith('hollow-node-')), pods.stdout);
});
