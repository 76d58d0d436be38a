// The components `cox server` runs beside the API server, each an API client with its own
// identity: the scheduler, the controller manager, and (for simulations) hollow nodes.

import path from 'node:path';
import type { ApiServer } from '../apiserver/server.ts';
import { nodeKubeconfig } from '../auth/identities.ts';
import { configFromKubeconfig, loadKubeconfig } from '../client/config.ts';
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

/** Up to this many hollow nodes each get their own identity (a connection each). */
const PER_NODE_IDENTITIES = 200;

/**
 * Each hollow node acts as system:node:<name> (group system:nodes), like a real kubelet, so the
 * Node authorizer and NodeRestriction apply to it; past PER_NODE_IDENTITIES (scale simulations)
 * they share the admin identity over one connection instead.
 */
async function hollowIdentities(server: ApiServer, count: number, log: (m: string) => void): Promise<Parameters<typeof startHollowNodes>> {
  const admin = loadKubeconfig(server.kubeconfigPath, { qps: 500, burst: 1000 });
  if (count > PER_NODE_IDENTITIES) {
    log(`hollow nodes: ${count} > ${PER_NODE_IDENTITIES}, sharing the admin identity`);
    return [admin, { count }];
  }
  const configs = new Map<string, RestConfig>();
  for (let i = 0; i < count; i++) {
    const name = `hollow-node-${i}`;
    configs.set(name, configFromKubeconfig(await nodeKubeconfig(server.pki, server.url, name), { qps: 500, burst: 1000 }));
  }
  const first = configs.get('hollow-node-0') as RestConfig;
  return [first, { count, namePrefix: 'hollow-node', identity: (name) => configs.get(name) ?? first }];
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
      const hollow = await startHollowNodes(...await hollowIdentities(server, o.hollowNodes, o.log));
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
