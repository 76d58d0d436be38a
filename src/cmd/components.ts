// The components `cox server` runs beside the API server, each an API client with its own
// identity: the scheduler, the controller manager, and (for simulations) hollow nodes.

import path from 'node:path';
import type { ApiServer } from '../apiserver/server.ts';
import { loadKubeconfig } from '../client/config.ts';
import type { RestConfig } from '../client/config.ts';
import { startControllerManager } from '../controllers/manager/manager.ts';
import { startHollowNodes } from '../kubelet/hollow/index.ts';
import { startScheduler } from '../scheduler/index.ts';

export interface ComponentOptions {
  /** -1: do not run it; 0: any free port. */
  schedulerPort: number;
  controllerManagerPort: number;
  hollowNodes: number;
  log: (msg: string) => void;
}

export interface Components { stop(): Promise<void> }

function componentConfig(server: ApiServer, name: string, qps = 200): RestConfig {
  return loadKubeconfig(path.join(server.options.dataDir, 'kubeconfigs', `${name}.kubeconfig`), { qps, burst: qps * 2 });
}

export async function startComponents(server: ApiServer, o: ComponentOptions): Promise<Components> {
  const stops: (() => Promise<void>)[] = [];
  try {
    if (o.controllerManagerPort >= 0) {
      o.log('starting the controller manager');
      const cm = await startControllerManager(componentConfig(server, 'controller-manager'), {
        securePort: o.controllerManagerPort, bindAddress: '127.0.0.1', useServiceAccountCredentials: true,
        serviceAccountPrivateKeyPem: server.pki.serviceAccountPrivateKeyPem,
        log: (m) => o.log(`controller-manager: ${m}`),
      });
      stops.push(() => cm.stop());
      server.componentHealthURLs['controller-manager'] = `https://127.0.0.1:${cm.port}/healthz`;
    }
    if (o.schedulerPort >= 0) {
      o.log('starting the scheduler');
      // Binding is the scheduler's throughput: its client is not rate-limited (it bounds bindings in flight itself).
      const sched = await startScheduler(componentConfig(server, 'scheduler', -1), {
        securePort: o.schedulerPort, bindAddress: '127.0.0.1', log: (m) => o.log(`scheduler: ${m}`),
      });
      stops.push(() => sched.stop());
      server.componentHealthURLs.scheduler = `https://127.0.0.1:${sched.port}/healthz`;
    }
    if (o.hollowNodes > 0) {
      o.log(`starting ${o.hollowNodes} hollow nodes`);
      // Simulated kubelets share the admin identity (one connection for thousands of nodes).
      const admin = loadKubeconfig(server.kubeconfigPath, { qps: 500, burst: 1000 });
      const hollow = await startHollowNodes(admin, { count: o.hollowNodes });
      stops.push(() => hollow.stop({ deleteNodes: false }));
    }
  } catch (err) {
    for (const s of stops.reverse()) await s().catch(() => {});
    throw err;
  }
  return {
    async stop() { for (const s of stops.reverse()) await s().catch(() => {}); },
  };
}
