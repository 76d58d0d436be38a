// Test helpers: an in-process apiserver with the controller manager and a fake kubelet, and polling.

import type { TestContext } from 'node:test';
import { startTestCluster } from '../../client/testing/server.ts';
import type { TestCluster } from '../../client/testing/server.ts';
import { startControllerManager } from '../manager/manager.ts';
import type { ControllerManager, ControllerManagerOptions } from '../manager/manager.ts';
import { startFakeKubelet } from './fake-kubelet.ts';
import type { FakeKubeletOptions } from './fake-kubelet.ts';

export interface ControllerTestCluster extends TestCluster {
  manager: ControllerManager;
}

export async function startControllerTestCluster(
  t: TestContext | { after(fn: () => Promise<void> | void): void },
  opts: ControllerManagerOptions & { kubelet?: FakeKubeletOptions | false } = {},
): Promise<ControllerTestCluster> {
  const cluster = await startTestCluster(t);
  const { kubelet, ...mopts } = opts;
  const manager = await startControllerManager(cluster.config, {
    leaderElect: false, securePort: -1, bindAddress: '127.0.0.1', log: () => {}, ...mopts,
  });
  cluster.defer(() => manager.stop());
  if (kubelet !== false) {
    const k = await startFakeKubelet(cluster.config, kubelet ?? {});
    cluster.defer(() => k.stop());
  }
  await manager.started;
  return { ...cluster, manager };
}

/** Polls fn until it returns a value other than undefined/false, or throws with the last value seen. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
