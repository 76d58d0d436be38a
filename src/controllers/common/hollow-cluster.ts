// Test helper for the workload controllers: an in-process apiserver with the given controllers,
// the real scheduler and hollow nodes (simulated kubelets), all stopped when the test ends.

import type { TestContext } from 'node:test';
import type { HollowNodes, HollowNodesOptions } from '../../kubelet/hollow/index.ts';
import { startHollowNodes } from '../../kubelet/hollow/index.ts';
import { startScheduler } from '../../scheduler/index.ts';
import { startControllerTestCluster } from '../testing/cluster.ts';
import type { ControllerTestCluster } from '../testing/cluster.ts';

export interface HollowControllerCluster extends ControllerTestCluster {
  hollow: HollowNodes;
}

export async function startHollowControllerCluster(
  t: TestContext, controllers: string[], nodes: Partial<HollowNodesOptions> = {},
): Promise<HollowControllerCluster> {
  const c = await startControllerTestCluster(t, { controllers, kubelet: false });
  const sched = await startScheduler(c.config, { securePort: 0, bindAddress: '127.0.0.1', leaderElect: false, log: () => {} });
  c.defer(() => sched.stop());
  const hollow = await startHollowNodes(c.config, { count: 2, onError: () => {}, ...nodes });
  c.defer(() => hollow.stop());
  return { ...c, hollow };
}
